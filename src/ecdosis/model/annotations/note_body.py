"""The body of an editorial note: a small, safe subset of MyST Markdown.

A note's body comes from an untrusted contributor, so it is never handed to MyST or docutils.
It is tokenised with markdown-it (the parser under MyST), every construct outside the subset is
reported as a problem, and what is allowed becomes a neutral tree that the extension renders.

Allowed: paragraphs, bullet and numbered lists, block quotes, *emphasis*, **strong**,
``code``, line breaks, links to ``http``/``https`` addresses, ``{cite}`key``` for a
bibliography entry and ``{<language>}`words``` for words in another language.
Everything else (raw HTML, headings, directives, code blocks, images, footnotes, targets,
substitutions, other roles and link schemes) is refused with a message.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.myst_blocks import myst_block_plugin
from mdit_py_plugins.myst_role import myst_role_plugin

from ecdosis.model.annotations.limits import BODY_DEPTH, LINK_LENGTH, WORD_LENGTH
from ecdosis.model.fragments import PartKind
from ecdosis.model.problems import Problem
from ecdosis.model.texts.characters import is_visible, longest_word, refusals, too_long_word

LINK_SCHEMES = ("http://", "https://")
# markdown-it stops reading at this depth and silently drops the rest of the text: it lies
# far beyond BODY_DEPTH, so a body that reaches it is refused for its depth, never cut short.
_PARSER_NESTING = 40
_BIBLIOGRAPHY_KEY = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")

# Block tokens that open a container, and the kind of block each becomes.
_CONTAINERS = {
    "paragraph_open": "paragraph",
    "bullet_list_open": "bullet_list",
    "ordered_list_open": "ordered_list",
    "list_item_open": "list_item",
    "blockquote_open": "quote",
}
_NESTING = frozenset({"bullet_list", "ordered_list", "quote"})
_INLINE_CONTAINERS = {"em_open": "emphasis", "strong_open": "strong", "link_open": "link"}

# What a contributor may have meant by each refused construct, and what to write instead.
_REFUSED_BLOCKS = {
    "heading_open": ("a heading", "a note cannot hold headings; write plain paragraphs"),
    "hr": ("a horizontal rule", "remove it; separate paragraphs with a blank line"),
    "fence": ("a code block or directive", "notes cannot hold directives or code blocks"),
    "code_block": (
        "an indented code block",
        "remove the indentation at the start of the line",
    ),
    "colon_fence": ("a directive", "notes cannot hold directives"),
    "html_block": ("raw HTML", "write Markdown: *emphasis*, **strong**, [text](https://…)"),
    "myst_target": ("a target '(name)='", "remove it; a note's anchor is made from its id"),
    "myst_block_break": ("a block break '+++'", "remove it"),
    "footnote_block_open": ("a footnote definition", "a note cannot have footnotes of its own"),
    "table_open": ("a table", "write the information as a list"),
}
_REFUSED_INLINES = {
    "html_inline": ("raw HTML", "write Markdown: *emphasis*, **strong**, [text](https://…)"),
    "image": ("an image", "notes cannot hold images; link to it instead"),
    "footnote_ref": ("a footnote reference", "a note cannot have footnotes of its own"),
}


@dataclass(frozen=True)
class Inline:
    """Inline content: ``text``, ``emphasis``, ``strong``, ``code``, ``break``, ``link``
    (``target`` is the URL), ``cite`` (``target`` is a bibliography key), ``foreign``
    (``target`` is a language tag) or ``reference`` (to the ``role`` named ``target``, shown
    as ``text`` when the contributor gave a title)."""

    kind: str
    text: str = ""
    target: str = ""
    children: tuple[Inline, ...] = ()
    role: str = ""  # for ``reference``: which kind of thing ``target`` names


@dataclass(frozen=True)
class BodyBlock:
    """A block: ``paragraph`` (with ``inlines``), ``bullet_list``, ``ordered_list``,
    ``list_item`` or ``quote`` (with ``children``)."""

    kind: str
    inlines: tuple[Inline, ...] = ()
    children: tuple[BodyBlock, ...] = ()


@dataclass(frozen=True)
class NoteBody:
    blocks: tuple[BodyBlock, ...]
    citations: tuple[tuple[str, int], ...] = field(default=())  # (key, line) of each {cite}
    references: tuple[Reference, ...] = field(default=())

    @cached_property
    def languages(self) -> frozenset[str]:
        """The languages the body marks on foreign words (found once, and kept with the body
        between builds)."""
        found: set[str] = set()

        def inlines(items: tuple[Inline, ...]) -> None:
            for item in items:
                if item.kind == "foreign":
                    found.add(item.target)
                inlines(item.children)

        def blocks(items: tuple[BodyBlock, ...]) -> None:
            for block in items:
                inlines(block.inlines)
                blocks(block.children)

        blocks(self.blocks)
        return frozenset(found)

    # Pickled (the edition kept between builds holds thousands of bodies, and a build after an
    # edit reads them all but shows a few) as plain tuples, which read back five times faster
    # than the tree; the tree is made again from them the first time it is asked for.

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        plain = self.__dict__.get(_PLAIN)
        if plain is None:
            plain = tuple(map(_plain_block, self.blocks))
        return _kept_body, (plain, self.citations, self.references, self.languages)

    if not TYPE_CHECKING:  # which would then let any attribute of a body pass unchecked

        def __getattr__(self, name: str) -> object:
            # Called only for an attribute not found: ``blocks`` of a body read back as tuples.
            if name != "blocks" or _PLAIN not in self.__dict__:
                raise AttributeError(name)
            blocks = tuple(map(_block_of, self.__dict__[_PLAIN]))
            self.__dict__["blocks"] = blocks
            del self.__dict__[_PLAIN]
            return blocks


_PLAIN = "_plain_blocks"
# An inline as a tuple: kind, text, target, children, role, its trailing defaults left out; a
# block: kind, inlines, children.
PlainInline = tuple[Any, ...]
PlainBlock = tuple[str, tuple[PlainInline, ...], tuple[Any, ...]]


def _plain_inline(item: Inline) -> PlainInline:
    children = tuple(map(_plain_inline, item.children))
    if item.role:
        return (item.kind, item.text, item.target, children, item.role)
    if children:
        return (item.kind, item.text, item.target, children)
    if item.target:
        return (item.kind, item.text, item.target)
    return (item.kind, item.text) if item.text else (item.kind,)


def _inline_of(plain: PlainInline) -> Inline:
    if len(plain) > 3:
        return Inline(plain[0], plain[1], plain[2], tuple(map(_inline_of, plain[3])), *plain[4:])
    return Inline(*plain)


def _plain_block(block: BodyBlock) -> PlainBlock:
    inlines = tuple(map(_plain_inline, block.inlines))
    return (block.kind, inlines, tuple(map(_plain_block, block.children)))


def _block_of(plain: PlainBlock) -> BodyBlock:
    kind, inlines, children = plain
    return BodyBlock(kind, tuple(map(_inline_of, inlines)), tuple(map(_block_of, children)))


def _kept_body(
    plain: tuple[PlainBlock, ...],
    citations: tuple[tuple[str, int], ...],
    references: tuple[Reference, ...],
    languages: frozenset[str],
) -> NoteBody:
    """A body pickled by :meth:`NoteBody.__reduce__`, its tree still as ``plain`` tuples."""
    body = object.__new__(NoteBody)
    body.__dict__.update(
        {_PLAIN: plain, "citations": citations, "references": references, "languages": languages}
    )
    return body


class Reference(NamedTuple):
    """A reference written in a body, e.g. ``{entity}`alberto-fujimori```, and its line."""

    role: PartKind
    target: str
    line: int


# The roles that refer to a part of the edition, and what each names.
REFERENCE_ROLES: dict[PartKind, str] = {
    "paragraph": "a paragraph id, e.g. ab-7",
    "note": "a note id, e.g. ab-first-printing",
    "entity": "an entity id of annotations/entities/",
    "topic": "a topic id of annotations/topics/",
    "glossary": "a term id of annotations/glossary/",
    "event": "an event id of annotations/timeline/",
    "figure": "a key figure id of annotations/figures/",
}
_REFERENCE = re.compile(r"(?:(?P<title>[^<>`]*\S)\s*<(?P<target>[^<>`]+)>|(?P<bare>[^<>`]+))\Z")
_REFERENCE_TARGET = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")


def _parser() -> MarkdownIt:
    # Plugins for MyST syntax are enabled so that what MyST would treat specially is seen and
    # refused, rather than passed through as text a contributor did not mean.
    parser = (
        MarkdownIt("commonmark", {"html": True, "maxNesting": _PARSER_NESTING})
        .use(myst_role_plugin)
        .use(myst_block_plugin)
        .use(colon_fence_plugin)
        .use(footnote_plugin)
    )
    # Every link is checked below, with a message, rather than silently left as text.
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


_PARSER = _parser()


def parse_note_body(
    path: Path,
    source: str,
    first_line: int,
    languages: Collection[str],
    problems: list[Problem],
    what: str = "the note",
) -> NoteBody | None:
    """Parse a note's body, which starts at ``first_line`` of its file.

    ``what`` names the body in messages: "the note", "the definition", ...
    """
    if not source.strip():
        problems.append(
            Problem(
                path,
                first_line,
                f"{what} has no text",
                f"write {what} below the front matter",
            )
        )
        return None
    reader = _BodyReader(path, first_line, languages, problems, what)
    found = len(problems)
    env: dict[str, dict[str, dict[str, object]]] = {}
    blocks = reader.blocks(_PARSER.parse(source, env))
    for label, definition in env.get("references", {}).items():
        start = definition.get("map", [0])
        reader.line = first_line + (start[0] if isinstance(start, list) else 0)
        reader.problem(
            f"{what} contains a link reference definition '[{label.lower()}]: …', which "
            "is not shown",
            "write each link where it is used: [text](https://…)",
        )
    if len(problems) == found and not reader.visible:
        reader.line = first_line
        reader.problem(f"{what} shows no text", f"write {what} below the front matter")
    if len(problems) > found:
        return None
    return NoteBody(tuple(blocks), tuple(reader.citations), tuple(reader.references))


class _BodyReader:
    def __init__(
        self,
        path: Path,
        first_line: int,
        languages: Collection[str],
        problems: list[Problem],
        what: str,
    ) -> None:
        self.what = what
        self.references: list[Reference] = []
        self.path = path
        self.first_line = first_line
        self.languages = languages
        self.problems = problems
        self.citations: list[tuple[str, int]] = []
        self.line = first_line
        self.visible = False  # whether any text the body shows is visible

    def problem(self, message: str, fix: str) -> None:
        """Record a problem once: ``<b>…</b>`` is one problem on its line, not two."""
        problem = Problem(self.path, self.line, message, fix)
        if problem not in self.problems:
            self.problems.append(problem)

    def blocks(self, tokens: Sequence[Token]) -> list[BodyBlock]:
        stack: list[tuple[str, list[BodyBlock], list[Inline]]] = [("root", [], [])]
        too_deep = False
        for token in tokens:
            if token.map:
                self.line = self.first_line + token.map[0]
            if token.type in _CONTAINERS:
                stack.append((_CONTAINERS[token.type], [], []))
                depth = sum(1 for kind, _, _ in stack if kind in _NESTING)
                if depth > BODY_DEPTH and not too_deep:
                    too_deep = True
                    self.problem(
                        f"{self.what} has lists or block quotes {depth} deep",
                        f"nest lists and quotes at most {BODY_DEPTH} deep",
                    )
            elif token.type.endswith("_close") and token.type[:-6] + "_open" in _CONTAINERS:
                kind, children, inlines = stack.pop()
                if kind == "paragraph":
                    self.check_words(inlines)
                stack[-1][1].append(BodyBlock(kind, tuple(inlines), tuple(children)))
            elif token.type == "inline":
                stack[-1][2].extend(self.inlines(token.children or []))
            elif token.type == "myst_line_comment":
                self.problem(
                    f"a line of {self.what} starts with '%', which MyST reads as a comment: "
                    "the line would not be shown",
                    "reword the line so that it does not start with '%'; remove it if it is "
                    "a comment",
                )
            elif token.type.startswith("footnote") and token.type != "footnote_block_open":
                continue  # the parts of a footnote definition, refused as a whole
            elif token.type in _REFUSED_BLOCKS:
                what, fix = _REFUSED_BLOCKS[token.type]
                self.problem(f"{self.what} contains {what}", fix)
            elif not token.type.endswith("_close"):
                self.problem(
                    f"{self.what} contains Markdown that notes do not allow ({token.type})",
                    "use paragraphs, lists, block quotes, emphasis and links",
                )
        return stack[0][1]

    def inlines(self, tokens: Sequence[Token]) -> list[Inline]:
        stack: list[tuple[str, str, list[Inline]]] = [("root", "", [])]
        for token in tokens:
            if token.type in _INLINE_CONTAINERS:
                target = str(token.attrs.get("href", "")) if token.type == "link_open" else ""
                if token.type == "link_open":
                    self.check_link(target)
                stack.append((_INLINE_CONTAINERS[token.type], target, []))
            elif token.type.endswith("_close") and len(stack) > 1:
                kind, target, children = stack.pop()
                stack[-1][2].append(Inline(kind, target=target, children=tuple(children)))
            elif token.type == "text":
                self.check_text(token.content)
                stack[-1][2].append(Inline("text", token.content))
            elif token.type == "code_inline":
                self.check_text(token.content)
                stack[-1][2].append(Inline("code", token.content))
            elif token.type in ("softbreak", "hardbreak"):
                kind = "break" if token.type == "hardbreak" else "text"
                stack[-1][2].append(Inline(kind, " " if kind == "text" else ""))
            elif token.type == "myst_role":
                role = self.role(str(token.meta.get("name", "")), token.content)
                if role is not None:
                    stack[-1][2].append(role)
            elif token.type == "footnote_anchor":
                continue
            elif token.type in _REFUSED_INLINES:
                what, fix = _REFUSED_INLINES[token.type]
                self.problem(f"{self.what} contains {what}", fix)
            else:
                self.problem(
                    f"{self.what} contains Markdown that notes do not allow ({token.type})",
                    "use emphasis, strong, code and links",
                )
        return stack[0][2]

    def check_link(self, url: str) -> None:
        shown = url if len(url) <= 60 else url[:57] + "…"
        if not url.startswith(LINK_SCHEMES):
            self.problem(
                f"the link {shown!r} is not an http or https address",
                "link only to web addresses starting with https:// (or http://)",
            )
        elif len(url) > LINK_LENGTH:
            self.problem(
                f"the link {shown!r} is {len(url)} characters long",
                f"link to an address of at most {LINK_LENGTH} characters",
            )

    def check_text(self, text: str) -> None:
        """Text as the reader sees it, after Markdown's escapes and character references."""
        if "{{" in text:
            self.problem(
                "the note contains a substitution '{{ … }}'",
                "notes cannot use substitutions; write the text itself",
            )
        for refusal in refusals(text):
            self.problem(f"{self.what} contains {refusal.what}", refusal.fix)
            break
        self.visible = self.visible or is_visible(text)

    def check_words(self, inlines: Sequence[Inline]) -> None:
        """A word is what stands between spaces as printed, across emphasis and links."""
        word = longest_word(_shown_text(inlines))
        if len(word) > WORD_LENGTH:
            self.problems.append(too_long_word(self.path, self.line, self.what, word))

    def role(self, name: str, content: str) -> Inline | None:
        if name == "cite":
            key = content.strip()
            if not _BIBLIOGRAPHY_KEY.match(key):
                self.problem(
                    f"{{cite}} needs one bibliography key, not {content!r}",
                    "write {cite}`key` with a key from annotations/references.bib",
                )
                return None
            self.citations.append((key, self.line))
            self.visible = True
            return Inline("cite", target=key)
        if name in self.languages:
            self.check_text(content)
            return Inline("foreign", content, target=name)
        if name in REFERENCE_ROLES:
            return self.reference(name, content)
        allowed = ", ".join(["cite", *REFERENCE_ROLES, *sorted(self.languages)])
        self.problem(
            f"the role {{{name}}} is not available in notes",
            f"use one of: {allowed}",
        )
        return None

    def reference(self, role: PartKind, content: str) -> Inline | None:
        match = _REFERENCE.match(content.strip())
        target = (match.group("target") or match.group("bare")).strip() if match else ""
        if not _REFERENCE_TARGET.match(target):
            self.problem(
                f"{{{role}}} needs {REFERENCE_ROLES[role]}, not {content!r}",
                f"write {{{role}}}`id`, or {{{role}}}`words shown <id>`",
            )
            return None
        self.references.append(Reference(role, target, self.line))
        self.visible = True
        title = match.group("title") if match else None
        return Inline("reference", title or "", target=target, role=role)


def _shown_text(inlines: Sequence[Inline]) -> str:
    """The words a paragraph shows, as one string (citations count as a space)."""
    parts = []
    for item in inlines:
        if item.kind in ("text", "code", "foreign", "reference"):
            parts.append(item.text or item.target)
        elif item.kind in ("break", "cite"):
            parts.append(" ")
        else:
            parts.append(_shown_text(item.children))
    return "".join(parts)
