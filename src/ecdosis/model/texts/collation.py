"""No silent change: the reading text, with each intervention undone, must give the witness.

Allowed without markup: differences of whitespace and line breaks, and words split at a line
end that the reading text rejoins (listed in the apparatus as a class of their own).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import NamedTuple

from ecdosis.model.problems import Problem
from ecdosis.model.texts.reading_text import Block, LineBreak, ReadingText, witness_string
from ecdosis.model.texts.witness import Witness

_WORD = re.compile(r"\S+")
_SHOWN = 60


class _ReadingWord(NamedTuple):
    text: str
    block: Block
    line: int


class _WitnessWord(NamedTuple):
    text: str
    line: int
    breaks_after: bool  # the whitespace after it holds a line break


@dataclass(frozen=True)
class Rejoin:
    """A word split at a line end in the witness and rejoined in the reading text."""

    anchor: str  # paragraph id, or "" outside paragraphs
    word: str
    parts: tuple[str, ...]
    witness_line: int


def collate(
    reading_text: ReadingText, witness: Witness, problems: list[Problem]
) -> tuple[Rejoin, ...]:
    """Compare reading text and witness; unrecorded differences become problems."""
    ours = _reading_words(reading_text)
    theirs = _witness_words(witness.text)
    matcher = difflib.SequenceMatcher(
        None, [w.text for w in ours], [w.text for w in theirs], autojunk=False
    )
    rejoins: list[Rejoin] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        found = _rejoined(ours[i1:i2], theirs[j1:j2]) if tag == "replace" else None
        if found is not None:
            rejoins.extend(found)
            continue
        at = ours[min(i1, len(ours) - 1)] if ours else None
        witness_line = theirs[min(j1, len(theirs) - 1)].line if theirs else 1
        ours_text = _shorten(" ".join(w.text for w in ours[i1:i2]))
        theirs_text = _shorten(" ".join(w.text for w in theirs[j1:j2]))
        where = at.block.where if at else "the reading text"
        problems.append(
            Problem(
                reading_text.path,
                at.line if at else 1,
                f"{where} differs from the witness (witness.txt line {witness_line}): "
                f"the witness reads “{theirs_text}”, the reading text has “{ours_text}”",
                _advice(ours_text, theirs_text),
            )
        )
    return tuple(rejoins)


def _advice(ours: str, theirs: str) -> str:
    if not ours:
        return (
            "record the removal with {residue}`]" + theirs + "` (or another role), "
            "or restore the witness's words"
        )
    if not theirs:
        return "record the addition with {supplied}`" + ours + "]`, or remove it"
    return (
        "record the change with a role such as {ocr}`"
        + ours
        + "]"
        + theirs
        + "`, or restore the witness reading"
    )


def _shorten(text: str) -> str:
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _reading_words(reading_text: ReadingText) -> list[_ReadingWord]:
    words: list[_ReadingWord] = []
    for block in reading_text.blocks:
        characters: list[str] = []
        lines: list[int] = []
        for segment in block.segments:
            line = segment.line
            for char in witness_string(segment):
                characters.append(char)
                lines.append(line)
                if char == "\n" and not isinstance(segment, LineBreak):
                    line += 1
        joined = "".join(characters)
        words.extend(
            _ReadingWord(m.group(), block, lines[m.start()]) for m in _WORD.finditer(joined)
        )
    return words


def _witness_words(text: str) -> list[_WitnessWord]:
    words: list[_WitnessWord] = []
    matches = list(_WORD.finditer(text))
    line, counted = 1, 0  # the line of the text at ``counted``, counted from the last word on
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        line += text.count("\n", counted, match.start())
        counted = match.start()
        words.append(_WitnessWord(match.group(), line, "\n" in text[match.end() : end]))
    return words


def _rejoined(ours: list[_ReadingWord], theirs: list[_WitnessWord]) -> list[Rejoin] | None:
    """The rejoins that explain this difference, or ``None`` if it is not only rejoins."""
    target = " ".join(word.text for word in ours)
    position = 0
    rejoins: list[Rejoin] = []
    parts: list[str] = []
    start_line = 0
    for index, word in enumerate(theirs):
        if not target.startswith(word.text, position):
            return None
        if not parts:
            start_line = word.line
        parts.append(word.text)
        position += len(word.text)
        last = index == len(theirs) - 1
        if not last and position < len(target) and target[position] == " ":
            position += 1
        elif not last and word.breaks_after:
            continue
        elif not last:
            return None
        if len(parts) > 1:
            joined = "".join(parts)
            owner = next((w for w in ours if joined in w.text), ours[0])
            anchor = owner.block.anchor
            rejoins.append(Rejoin(anchor, _word_around(target, joined), tuple(parts), start_line))
        parts = []
    return rejoins if position == len(target) else None


def _word_around(target: str, joined: str) -> str:
    for word in target.split(" "):
        if joined in word:
            return word
    return joined
