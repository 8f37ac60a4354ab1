"""The reading text of a witness: ``sources/<siglum>/text.md``.

The file is a small, strict subset of MyST Markdown that a person can read on GitHub:

- ``# Title`` once, at the top;
- ``{.subtitle}`` (or ``.kicker``, ``.byline``, ``.dateline``) on the line above a heading block
  that belongs with the title and carries no paragraph number;
- ``{#ab-3}`` on the line above each paragraph: its permanent anchor (siglum plus number, never
  renumbered), optionally with a class, ``{#ab-12 .signature}``;
- inline roles recording each editorial intervention with both readings, lemma first, as in an
  apparatus entry: ``{ocr}`his]bis``` (reading text ``his``, witness ``bis``), ``{space}``,
  ``{mojibake}``, ``{noise}``, ``{residue}`` (lemma empty), ``{supplied}`` (witness empty), and
  ``{sic}`Roberto``` for an error of the original that the edition keeps;
- ``{reason}`…``` straight after an intervention, saying why it was made where the kind alone
  does not (the apparatus shows it with the entry);
- language roles such as ``{it}`Viva Verdi!``` for words in another language;
- a fenced ``{residue}`` block holding non-textual residue (archive navigation, e-mail headers)
  verbatim, so the witness can still be rebuilt from the file;
- ``%`` comment lines, and a backslash at the end of a line for a line break.

Characters that Markdown would read as formatting (``*``, ``_``, ``<``, ``[``, ``]``, a backtick)
must be escaped with a backslash: what the file says is exactly what the edition shows.
"""

from __future__ import annotations

import re
import string
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from pathlib import Path

from ecdosis.model.problems import Problem

#: Kinds of intervention, by role name, with the label the apparatus shows.
INTERVENTION_KINDS: dict[str, str] = {
    "ocr": "OCR error corrected",
    "space": "spacing regularised",
    "mojibake": "mis-encoded characters repaired",
    "noise": "OCR noise removed",
    "residue": "non-textual residue removed",
    "supplied": "editorial supplement",
    "sic": "error of the original kept (sic)",
}
#: The role that gives the reason for the intervention just before it.
REASON_ROLE = "reason"
HEAD_CLASSES = ("kicker", "subtitle", "byline", "dateline")
PARAGRAPH_CLASSES = ("signature",)

_ROLE = re.compile(r"\{([a-z][a-z0-9-]*)\}(`+)")
_ATTRIBUTES = re.compile(r"^\{([^{}`]*)\}\s*$")
_FENCE = re.compile(r"^(`{3,})\s*(.*?)\s*$")
_BLOCK_START = re.compile(r"^\s{0,3}([-+*>]|\d{1,9}[.)])(\s|$)")
_MARKDOWN_SIGNIFICANT = frozenset("*_<[]`")
_ESCAPABLE = frozenset(string.punctuation)


@dataclass(frozen=True)
class Text:
    """Words that read the same in the witness and in the reading text."""

    text: str
    line: int


@dataclass(frozen=True)
class Intervention:
    """An editorial intervention: the lemma (reading text) and the witness reading."""

    kind: str
    lemma: str
    witness: str
    line: int
    number: int
    description: str = ""

    @property
    def label(self) -> str:
        return INTERVENTION_KINDS[self.kind]


@dataclass(frozen=True)
class Foreign:
    """Words in another language than the text's, e.g. Latin in an English text."""

    language: str
    text: str
    line: int


@dataclass(frozen=True)
class LineBreak:
    """A line break within a block, as in a signature."""

    line: int


Segment = Text | Intervention | Foreign | LineBreak


@dataclass(frozen=True)
class Block:
    """A block of the reading text: the title, a heading block, a paragraph or residue."""

    kind: str  # "title" | "head" | "paragraph" | "residue"
    line: int
    segments: tuple[Segment, ...]
    anchor: str = ""
    number: int = 0
    classes: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        if self.kind == "paragraph":
            return f"paragraph {self.anchor}"
        return {"title": "the title", "head": "a heading block"}.get(self.kind, "a residue block")

    def edition_text(self) -> str:
        """The block as the reader reads it (lemmata, not witness readings)."""
        return "".join(edition_string(segment) for segment in self.segments)

    def witness_text(self) -> str:
        """The block with every intervention replaced by its witness reading."""
        return "".join(witness_string(segment) for segment in self.segments)


@dataclass(frozen=True)
class ReadingText:
    """The parsed reading text of one witness."""

    path: Path
    siglum: str
    blocks: tuple[Block, ...]
    interventions: tuple[Intervention, ...] = field(default=())

    @property
    def title(self) -> Block:
        return next(block for block in self.blocks if block.kind == "title")

    @property
    def paragraphs(self) -> tuple[Block, ...]:
        return tuple(block for block in self.blocks if block.kind == "paragraph")

    def next_free_number(self) -> int:
        return max((block.number for block in self.paragraphs), default=0) + 1


def edition_string(segment: Segment) -> str:
    """The reading-text side of one segment."""
    if isinstance(segment, Intervention):
        return segment.lemma
    if isinstance(segment, LineBreak):
        return "\n"
    return segment.text


def witness_string(segment: Segment) -> str:
    """The witness side of one segment."""
    if isinstance(segment, Intervention):
        return segment.witness
    if isinstance(segment, LineBreak):
        return "\n"
    return segment.text


def parse_reading_text(
    path: Path,
    source: str,
    siglum: str,
    languages: Collection[str],
    problems: list[Problem],
) -> ReadingText | None:
    """Parse ``text.md``; problems are appended, and ``None`` returned if there were any."""
    parser = _Parser(path, siglum, languages, problems)
    found = len(problems)
    blocks = parser.parse(source.splitlines())
    if len(problems) > found:
        return None
    interventions = tuple(
        segment
        for block in blocks
        for segment in block.segments
        if isinstance(segment, Intervention)
    )
    return ReadingText(path, siglum, tuple(blocks), interventions)


class _Parser:
    def __init__(
        self, path: Path, siglum: str, languages: Collection[str], problems: list[Problem]
    ) -> None:
        self.path = path
        self.siglum = siglum
        self.languages = frozenset(languages)
        self.problems = problems
        self.blocks: list[Block] = []
        self.anchor_lines: dict[str, int] = {}
        self.interventions = 0
        self.missing_ids: list[int] = []

    def problem(self, line: int, message: str, fix: str) -> None:
        self.problems.append(Problem(self.path, line, message, fix))

    # -- blocks ---------------------------------------------------------------------------

    def parse(self, lines: list[str]) -> list[Block]:
        index = 0
        attributes: tuple[int, str, tuple[str, ...]] | None = None
        while index < len(lines):
            line = lines[index]
            number = index + 1
            if not line.strip():
                if attributes is not None:
                    self.problem(
                        attributes[0],
                        "an attribute line is not followed by a block",
                        "put the {#…} line directly above its paragraph",
                    )
                    attributes = None
                index += 1
            elif line.startswith("%"):
                index += 1
            elif _FENCE.match(line):
                index = self.fence(lines, index)
            elif line.startswith("#"):
                self.heading(line, number)
                index += 1
            elif _ATTRIBUTES.match(line):
                attributes = self.attributes(line, number)
                index += 1
            else:
                end = index
                while end < len(lines) and lines[end].strip():
                    end += 1
                self.block(lines[index:end], number, attributes)
                attributes = None
                index = end
        if attributes is not None:
            self.problem(
                attributes[0],
                "an attribute line is not followed by a block",
                "put the {#…} line directly above its paragraph",
            )
        self.check_order()
        return self.blocks

    def fence(self, lines: list[str], index: int) -> int:
        match = _FENCE.match(lines[index])
        assert match is not None
        ticks, info = match.groups()
        start = index + 1
        end = start
        while end < len(lines) and lines[end].strip() != ticks:
            end += 1
        if end == len(lines):
            self.problem(
                start,
                "the fenced block opened here is never closed",
                f"close it with a line of {ticks}",
            )
            return end
        directive = re.match(r"^\{residue\}\s*(.*)$", info)
        if directive is None:
            self.problem(
                start,
                f"unsupported fenced block {info!r} in a reading text",
                "only ```{residue} <what it is> blocks are allowed",
            )
            return end + 1
        if not directive.group(1):
            self.problem(
                start,
                "the residue block does not say what it is",
                "write ```{residue} archive navigation (or e-mail header, …)",
            )
        self.interventions += 1
        content = "\n".join(lines[start:end])
        intervention = Intervention(
            "residue", "", content, start, self.interventions, directive.group(1)
        )
        self.blocks.append(Block("residue", start, (intervention,)))
        return end + 1

    def heading(self, line: str, number: int) -> None:
        match = re.match(r"^# (\S.*)$", line)
        if match is None:
            self.problem(
                number,
                "only the title may be a heading",
                "write the title as '# Title'; mark a subtitle with {.subtitle} above it",
            )
            return
        if any(block.kind == "title" for block in self.blocks):
            self.problem(
                number,
                "a second title",
                "a reading text has one '# Title'; mark a subtitle with {.subtitle}",
            )
            return
        segments = self.inline(match.group(1), number)
        self.blocks.append(Block("title", number, segments))

    def attributes(self, line: str, number: int) -> tuple[int, str, tuple[str, ...]]:
        match = _ATTRIBUTES.match(line)
        assert match is not None
        anchor = ""
        classes: list[str] = []
        for token in match.group(1).split():
            if token.startswith("#") and not anchor:
                anchor = token[1:]
            elif token.startswith(".") and len(token) > 1:
                classes.append(token[1:])
            else:
                self.problem(
                    number,
                    f"cannot read {token!r} in the attribute line",
                    "write {#<siglum>-<number>} and optionally .<class>",
                )
        return number, anchor, tuple(classes)

    def block(
        self,
        lines: list[str],
        number: int,
        attributes: tuple[int, str, tuple[str, ...]] | None,
    ) -> None:
        for offset, text in enumerate(lines):
            if _BLOCK_START.match(text) or _FENCE.match(text) or text.startswith("#"):
                self.problem(
                    number + offset,
                    "this line would start a list, quotation, heading or code block",
                    "escape its first character with a backslash, or leave a blank "
                    "line before the block",
                )
        segments = self.inline("\n".join(lines), number)
        anchor, classes = ("", ()) if attributes is None else attributes[1:]
        head = [name for name in classes if name in HEAD_CLASSES]
        unknown = [
            name for name in classes if name not in HEAD_CLASSES and name not in PARAGRAPH_CLASSES
        ]
        for name in unknown:
            self.problem(
                number - 1,
                f"unknown class .{name}",
                f"use one of: {', '.join('.' + c for c in HEAD_CLASSES + PARAGRAPH_CLASSES)}",
            )
        if head:
            if anchor:
                self.problem(
                    number - 1,
                    f"the heading block .{head[0]} has an id",
                    "heading blocks carry no paragraph number: remove the #id",
                )
            self.blocks.append(Block("head", number, segments, classes=classes))
            return
        paragraph_number = self.anchor(anchor, number)
        self.blocks.append(Block("paragraph", number, segments, anchor, paragraph_number, classes))

    def anchor(self, anchor: str, number: int) -> int:
        if not anchor:
            self.missing_ids.append(number)
            return 0
        match = re.fullmatch(rf"{re.escape(self.siglum)}-([1-9]\d*)", anchor)
        if match is None:
            self.problem(
                number - 1,
                f"paragraph id {anchor!r} is not the siglum plus a number",
                f"write {{#{self.siglum}-<number>}}, e.g. {{#{self.siglum}-1}}",
            )
            return 0
        if anchor in self.anchor_lines:
            self.problem(
                number - 1,
                f"duplicate paragraph id {anchor!r} (first used on line "
                f"{self.anchor_lines[anchor]})",
                "give this paragraph the next free number; never renumber the other",
            )
            return 0
        self.anchor_lines[anchor] = number - 1
        return int(match.group(1))

    def check_order(self) -> None:
        kinds = [block.kind for block in self.blocks]
        if "title" not in kinds:
            self.problem(1, "the reading text has no title", "add '# Title' at the top")
        elif "paragraph" in kinds and kinds.index("paragraph") < kinds.index("title"):
            self.problem(
                self.blocks[kinds.index("paragraph")].line,
                "a paragraph stands before the title",
                "move the title to the top",
            )
        numbers = [block.number for block in self.blocks if block.kind == "paragraph"]
        next_free = max(numbers, default=0) + 1
        for offset, line in enumerate(self.missing_ids):
            self.problem(
                line,
                "paragraph has no id",
                f"add the line {{#{self.siglum}-{next_free + offset}}} directly above "
                "it (ids are permanent: take the next free number)",
            )

    # -- inline ---------------------------------------------------------------------------

    def inline(self, text: str, line: int) -> tuple[Segment, ...]:
        segments: list[Segment] = []
        buffer: list[str] = []
        buffer_line = line

        def flush() -> None:
            nonlocal buffer_line
            if buffer:
                segments.append(Text("".join(buffer), buffer_line))
                buffer.clear()
            buffer_line = line

        index = 0
        while index < len(text):
            char = text[index]
            if char == "\n":
                if not buffer:
                    buffer_line = line + 1
                buffer.append(char)
                line += 1
                index += 1
            elif char == "\\":
                following = text[index + 1 : index + 2]
                if following == "\n":
                    flush()
                    segments.append(LineBreak(line))
                    index += 1
                elif following in _ESCAPABLE and following:
                    if not buffer:
                        buffer_line = line
                    buffer.append(following)
                    index += 2
                else:
                    buffer.append(char)
                    index += 1
            elif char == "{" and (role := _ROLE.match(text, index)):
                name, ticks = role.groups()
                close = _closing_ticks(text, role.end(), ticks)
                if close < 0:
                    self.problem(
                        line, f"the role {{{name}}} is not closed", f"end its content with {ticks}"
                    )
                    return tuple(segments)
                follows_text = bool(buffer)
                flush()
                content = _strip_code_span(text[role.end() : close])
                if name == REASON_ROLE:
                    self.reason(segments, content, line, follows_text)
                else:
                    segment = self.role(name, content, line)
                    if segment is not None:
                        segments.append(segment)
                line += text.count("\n", index, close)
                index = close + len(ticks)
                buffer_line = line
            elif char in _MARKDOWN_SIGNIFICANT:
                self.problem(
                    line,
                    f"unescaped {char!r}: Markdown would read it as formatting",
                    f"write \\{char} for the character itself, or record it with a role",
                )
                index += 1
            else:
                if not buffer:
                    buffer_line = line
                buffer.append(char)
                index += 1
        flush()
        return tuple(segments)

    def reason(self, segments: list[Segment], content: str, line: int, follows_text: bool) -> None:
        """Attach ``{reason}`…``` to the intervention written just before it."""
        before = segments[-1] if segments and not follows_text else None
        if not isinstance(before, Intervention):
            self.problem(
                line,
                f"{{{REASON_ROLE}}} must follow an intervention directly",
                f"write it straight after the role it explains, as "
                f"{{ocr}}`his]bis`{{{REASON_ROLE}}}`why`",
            )
        elif not content.strip():
            self.problem(line, f"{{{REASON_ROLE}}} is empty", "say why the intervention was made")
        elif before.description:
            self.problem(
                line,
                f"intervention {before.number} already has a reason",
                f"give one {{{REASON_ROLE}}} per intervention",
            )
        else:
            segments[-1] = replace(before, description=" ".join(content.split()))

    def role(self, name: str, content: str, line: int) -> Segment | None:
        if name in self.languages:
            return Foreign(name, content, line)
        if name not in INTERVENTION_KINDS:
            known = ", ".join(
                f"{{{kind}}}"
                for kind in (*INTERVENTION_KINDS, REASON_ROLE, *sorted(self.languages))
            )
            self.problem(line, f"unknown role {{{name}}}", f"use one of: {known}")
            return None
        if name == "sic":
            if "]" in content:
                self.problem(
                    line,
                    "{sic} records one reading, kept as in the witness",
                    "write {sic}`reading`; a correction belongs in a note",
                )
                return None
            return self.intervention(name, content, content, line)
        lemma, bracket, witness = content.partition("]")
        if not bracket:
            self.problem(
                line,
                f"the {{{name}}} role needs both readings",
                f"write {{{name}}}`reading text]witness reading`",
            )
            return None
        return self.intervention(name, lemma, witness, line)

    def intervention(self, kind: str, lemma: str, witness: str, line: int) -> Segment | None:
        message = _reading_problem(kind, lemma, witness)
        if message is not None:
            self.problem(line, message[0], message[1])
            return None
        self.interventions += 1
        return Intervention(kind, lemma, witness, line, self.interventions)


def _reading_problem(kind: str, lemma: str, witness: str) -> tuple[str, str] | None:
    """What is wrong with a pair of readings for this kind of intervention, if anything."""
    if kind == "sic":
        return None if lemma.strip() else ("{sic} is empty", "give the reading it marks")
    if lemma == witness:
        return (
            f"the {{{kind}}} readings are identical",
            "remove the role, or use {sic} for an error the edition keeps",
        )
    if kind == "residue" and lemma:
        return ("{residue} removes text: its lemma must be empty", "write {residue}`]removed text`")
    if kind == "supplied" and witness:
        return (
            "{supplied} adds text: its witness reading must be empty",
            "write {supplied}`added text]`",
        )
    if kind in ("ocr", "mojibake", "space") and not (lemma.strip() and witness.strip()):
        return (
            f"the {{{kind}}} role needs both readings",
            f"write {{{kind}}}`reading text]witness reading`",
        )
    if kind == "space" and "".join(lemma.split()) != "".join(witness.split()):
        return (
            "{space} may change only spaces, but the letters differ",
            "use {ocr}, {mojibake} or {noise} for other changes",
        )
    return None


def _closing_ticks(text: str, start: int, ticks: str) -> int:
    """Index of the backtick run that closes a code span opened by ``ticks``, or -1."""
    for match in re.finditer("`+", text[start:]):
        if match.group() == ticks:
            return start + match.start()
    return -1


def _strip_code_span(content: str) -> str:
    if len(content) > 1 and content[0] == content[-1] == " " and content.strip():
        return content[1:-1]
    return content
