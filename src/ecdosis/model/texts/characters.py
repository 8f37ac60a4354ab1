"""The one rule for contributed text: only characters every output can hold and show.

Whatever a contributor writes ends up in XHTML (HTML and EPUB) and in TeX (the PDF). XML 1.0
cannot hold most control characters, lone surrogates or U+FFFE/U+FFFF; TeX stops at control
characters; and invisible characters (bidirectional overrides, zero-width spaces) change what a
reader sees without being seen themselves. So, in every field and body of every contributed
file, after decoding (YAML and TOML escapes, Markdown character references):

- no control characters but tab and line feed (and a carriage return ending a line);
- no lone surrogates, noncharacters, unassigned or private-use code points;
- no format characters (Unicode category Cf: direction marks and overrides, zero-width
  spaces, soft hyphens, the byte-order mark), except the zero-width joiner and non-joiner
  between two visible characters, where a script needs them inside a word;
- no line or paragraph separators (U+2028, U+2029), which some readers take for line ends;
- only characters the PDF's fonts show (``data/pdf-characters.txt``, written from the fonts
  by ``tools/pdf-charset.py``), and no right-to-left letters, which XeTeX would set reversed;
- a field holds visible text, not only spaces, marks or fillers;
- no word longer than :data:`WORD_LENGTH` characters, which no line of print can hold.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import NamedTuple

from ecdosis.model.annotations.limits import WORD_LENGTH
from ecdosis.model.problems import Problem, read_text_file

# Letters that show nothing (Hangul fillers, the blank Braille pattern): not visible text.
_BLANK = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_JOINERS = frozenset("\u200c\u200d")  # zero-width non-joiner and joiner
_VISIBLE_CATEGORIES = ("L", "N", "P", "S")
_BREAKS = re.compile(r"[ \t\n\r\u00a0-]+")
_ALLOWED_CONTROLS = frozenset("\t\n")
# A report names at most this many characters of one value or file: the rest are alike.
MAX_REPORTS = 5


class Refusal(NamedTuple):
    """A character the rule refuses: where it stands (offset), what it is, and the fix;
    ``readable`` when YAML, TOML and Markdown read it as any other character, so that the
    rest of the file can still be checked."""

    offset: int
    what: str
    fix: str
    readable: bool


def code_point(character: str) -> str:
    """``U+202E (RIGHT-TO-LEFT OVERRIDE)``: a character as a message names it."""
    name = unicodedata.name(character, "")
    return f"U+{ord(character):04X}" + (f" ({name})" if name else "")


# The characters that are never refused (printable ASCII, tab, line feed): only the others are
# looked at one by one.
_OTHER_THAN_PLAIN = re.compile(r"[^ -~\t\n]")


def refusals(text: str) -> Iterator[Refusal]:
    """Every character of ``text`` that the rule refuses."""
    for match in _OTHER_THAN_PLAIN.finditer(text):
        offset, character = match.start(), match.group()
        refused = _refused(text, offset, character)
        if refused is not None:
            structural = unicodedata.category(character) in ("Cc", "Cs", "Zl", "Zp")
            yield Refusal(offset, *refused, not structural and not _noncharacter(character))


# What to write instead of an invisible character, by what it is for.
_INVISIBLE_FIXES = {
    "direction": "remove it: the direction of a script comes from its letters",
    "space": "remove it, or write an ordinary space",
    "hyphen": "remove it: the edition hyphenates words by itself",
    "joiner": "remove it: a joiner stands only between two letters of a word",
    "other": "remove it: it shows nothing",
}
_INVISIBLE_KINDS = {
    **dict.fromkeys("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e", "direction"),
    **dict.fromkeys("\u2066\u2067\u2068\u2069", "direction"),
    **dict.fromkeys("\u200b\u2060\ufeff\u180e", "space"),
    "\u00ad": "hyphen",
    **dict.fromkeys("\u200c\u200d", "joiner"),
}


def _refused(text: str, offset: int, character: str) -> tuple[str, str] | None:
    if " " <= character <= "~" or character in _ALLOWED_CONTROLS:
        return None
    category = unicodedata.category(character)
    if character == "\r":
        if text[offset + 1 : offset + 2] == "\n":
            return None
        return (
            "a carriage return (U+000D) that does not end a line",
            "save the file with line ends LF (or CR LF), and remove stray carriage returns",
        )
    if category == "Cc":
        return (
            f"the control character {code_point(character)}",
            "remove it: a control character cannot be shown or printed",
        )
    if category == "Cs":
        return (
            f"a lone surrogate {code_point(character)}, which is not a character",
            "write the character itself, not the escape of half of it",
        )
    if category == "Co":
        return (
            f"the private-use character {code_point(character)}, which no reader's font shows",
            "write a standard Unicode character",
        )
    if category == "Cn":
        kind = "a noncharacter" if _noncharacter(character) else "not an assigned character"
        return (
            f"{code_point(character)}, which is {kind}",
            "remove it, or write the character meant",
        )
    if category in ("Zl", "Zp"):
        return (f"the separator {code_point(character)}", "use an ordinary line break")
    if category == "Cf":
        if character in _JOINERS and _between_visible(text, offset):
            return None
        fix = _INVISIBLE_FIXES[_INVISIBLE_KINDS.get(character, "other")]
        return (f"the invisible character {code_point(character)}", fix)
    if not _shown_in_pdf(ord(character)):
        shown = code_point(character)
        if unicodedata.bidirectional(character) in ("R", "AL"):
            what = f"the right-to-left letter {shown}, which the PDF would set in reverse"
        else:
            what = f"{shown}, which the fonts of the PDF cannot show (it would print a box)"
        return (what, "write it in Latin letters (a transcription), or leave it out")
    return None


@cache
def _pdf_ranges() -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The characters the PDF's fonts show (``data/pdf-characters.txt``), as range starts and
    ends for a binary search."""
    text = files("ecdosis").joinpath("data/pdf-characters.txt").read_text(encoding="utf-8")
    starts, ends = [], []
    for line in text.splitlines():
        if line and not line.startswith("#"):
            first, _, last = line.partition("-")
            starts.append(int(first, 16))
            ends.append(int(last or first, 16))
    return tuple(starts), tuple(ends)


def _shown_in_pdf(point: int) -> bool:
    starts, ends = _pdf_ranges()
    index = bisect.bisect_right(starts, point) - 1
    return index >= 0 and point <= ends[index]


def _noncharacter(character: str) -> bool:
    point = ord(character)
    return point & 0xFFFE == 0xFFFE or 0xFDD0 <= point <= 0xFDEF


def _between_visible(text: str, offset: int) -> bool:
    before = text[offset - 1] if offset > 0 else ""
    after = text[offset + 1] if offset + 1 < len(text) else ""
    return all(c and unicodedata.category(c)[0] in "LMNS" for c in (before, after))


def is_visible(text: str) -> bool:
    """Whether the text shows something: a letter, digit, punctuation mark or symbol."""
    return any(
        unicodedata.category(c).startswith(_VISIBLE_CATEGORIES) and c not in _BLANK for c in text
    )


def longest_word(text: str) -> str:
    """The longest stretch that XeTeX cannot break: only spaces (U+0020, the no-break space),
    tabs, line ends and hyphens break a line; the thin and other Unicode spaces are glyphs."""
    return max(_BREAKS.split(text), key=len, default="")


def read_contributed_file(
    path: Path, problems: list[Problem], what: str
) -> tuple[str, frozenset[int]] | None:
    """A contributed file's text and the lines where it holds a refused character (each
    reported), if it can be read further: characters that no parser stumbles over (invisible
    or private-use ones, characters the PDF's fonts lack) leave the rest of the file to check."""
    text = read_text_file(path, problems, what=what)
    if text is None:
        return None
    refused = check_file_text(path, text, problems, what)
    return None if refused is None else (text, refused)


def check_file_text(
    path: Path, text: str, problems: list[Problem], what: str
) -> frozenset[int] | None:
    """Check a contributed file's raw text (after UTF-8 decoding), line by line, reporting
    each refused character with its line; the lines refused, or ``None`` if the file cannot be
    read further (a control character, a byte-order mark, old Mac line ends)."""
    if text.startswith("\ufeff"):
        problems.append(
            Problem(
                path,
                1,
                f"{what} starts with a byte-order mark (U+FEFF)",
                "save the file as UTF-8 without a byte-order mark (BOM)",
            )
        )
        return None
    if "\r" in text and "\n" not in text:
        problems.append(
            Problem(
                path,
                1,
                f"{what} has carriage returns (CR) for line ends, as old Mac files do",
                "save the file with line ends LF (or CR LF)",
            )
        )
        return None
    lines: set[int] = set()
    readable = True
    for number, line in enumerate(text.split("\n"), start=1):
        for refusal in refusals(line + "\n"):
            problems.append(Problem(path, number, f"{what} contains {refusal.what}", refusal.fix))
            lines.add(number)
            readable = readable and refusal.readable
            break  # one report a line is enough to find it
        if len(lines) >= MAX_REPORTS:
            break
    return frozenset(lines) if readable else None


def check_value(
    path: Path,
    line: int,
    place: str,
    value: str,
    problems: list[Problem],
    *,
    words: bool = True,
    empty: bool = True,
) -> bool:
    """Check one decoded value (``place`` names it, e.g. ``author``); ``True`` if it passes.

    With ``words``, a word longer than :data:`WORD_LENGTH` is refused too; unless ``empty``,
    so is an empty value (where the schema does not already say whether one may be empty).
    """
    for refusal in refusals(value):
        problems.append(Problem(path, line, f"{place} contains {refusal.what}", refusal.fix))
        return False
    if (value or not empty) and not is_visible(value):
        problems.append(
            Problem(
                path,
                line,
                f"{place} shows nothing: it holds no letter, digit, punctuation or symbol",
                "write the text it stands for",
            )
        )
        return False
    if words and len(word := longest_word(value)) > WORD_LENGTH:
        problems.append(too_long_word(path, line, place, word))
        return False
    return True


def too_long_word(path: Path, line: int, place: str, word: str) -> Problem:
    return Problem(
        path,
        line,
        f"{place} has a word of {len(word)} characters ({word[:20]}…), longer than the "
        f"{WORD_LENGTH} a printed line can hold",
        "break it with spaces; for a web address, make it a link: [short text](https://…)",
    )
