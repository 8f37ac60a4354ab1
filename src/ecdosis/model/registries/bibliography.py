"""The edition's bibliography, ``annotations/references.bib``: read, checked, and labelled.

The file is contributed like the notes, so it is checked as untrusted input: a known set of
entry types and fields, the fields a reader needs to find the work, web addresses only with
``http``/``https``, and no TeX commands (write characters themselves, in UTF-8).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pybtex.database
import pybtex.exceptions
import pybtex.scanner

from ecdosis.model.annotations.limits import BIBLIOGRAPHY_BYTES, BIBLIOGRAPHY_ENTRIES
from ecdosis.model.annotations.note_body import LINK_SCHEMES
from ecdosis.model.problems import Problem
from ecdosis.model.texts.characters import check_value, read_contributed_file

KEY = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")
# What each entry type needs, beyond an author and a title and a year.
REQUIRED = {
    "article": ("journal",),
    "book": ("publisher",),
    "incollection": ("booktitle", "publisher"),
    "inproceedings": ("booktitle",),
    "misc": ("howpublished",),
    "techreport": ("institution",),
}
FIELDS = frozenset(
    {
        "title",
        "journal",
        "booktitle",
        "howpublished",
        "publisher",
        "institution",
        "organization",
        "school",
        "address",
        "year",
        "month",
        "day",
        "volume",
        "number",
        "pages",
        "chapter",
        "edition",
        "series",
        "type",
        "url",
        "urldate",
        "doi",
        "note",
        "language",
    }
)
# Fields that hold an address, which is never broken into words.
ADDRESSES = frozenset({"url", "doi"})
# The one TeX escape allowed: a per-cent sign (a bare '%' starts a comment).
PERCENT = "\\%"
_UNSAFE_IN_ADDRESSES = frozenset('$^{}[]\\ \t\n<>"')
_ENTRY_START = re.compile(r"^\s*@(\w+)\s*[{(]\s*([^,\s]*)", re.MULTILINE)
# Entries that hold no work: what BibTeX does with them is never shown as written.
_HIDING = frozenset({"comment", "string", "preamble"})
_ENTRY_OPEN = re.compile(r"@(\w+)\s*([{(])")
_FIELD_START = re.compile(r"^\s*,?\s*([A-Za-z]+)\s*=")


@dataclass(frozen=True)
class Source:
    """One bibliography entry, as the notes refer to it."""

    key: str
    label: str  # how notes name it, e.g. "Sims 1997" or "The Times 1820"
    line: int


@dataclass(frozen=True)
class Bibliography:
    path: Path
    sources: dict[str, Source]
    readable: bool = True  # False when the file as a whole could not be read

    def __contains__(self, key: object) -> bool:
        return key in self.sources


def load_bibliography(path: Path, problems: list[Problem]) -> Bibliography:
    """Read and check the bibliography; a missing file is an empty bibliography."""
    empty = Bibliography(path, {}, readable=False)
    if path.is_symlink():
        problems.append(
            Problem(path, 1, "the bibliography is a symbolic link", "commit the file itself")
        )
        return empty
    if not path.exists():
        return Bibliography(path, {})
    if path.stat().st_size > BIBLIOGRAPHY_BYTES:
        problems.append(
            Problem(path, 1, "the bibliography is over 1 MB", "keep only the works the notes cite")
        )
        return empty
    read = read_contributed_file(path, problems, what="the bibliography")
    if read is None or read[1]:
        return empty
    text = read[0]
    lines, field_lines = _lines_of(text)
    if len(lines) > BIBLIOGRAPHY_ENTRIES:
        problems.append(
            Problem(
                path,
                1,
                f"the bibliography has {len(lines)} entries, more than {BIBLIOGRAPHY_ENTRIES}",
                "keep only the works the notes cite",
            )
        )
        return empty
    found = len(problems)
    _check_text(path, text, problems)
    if len(problems) > found:
        return empty
    try:
        data = pybtex.database.parse_string(text, "bibtex")
    except pybtex.scanner.PybtexSyntaxError as error:
        problems.append(
            Problem(
                path,
                error.lineno or 1,
                f"the bibliography is not valid BibTeX ({error.error_type})",
                "check the braces and commas of the entry",
            )
        )
        return empty
    except pybtex.exceptions.PybtexError as error:
        problems.append(
            Problem(
                path,
                _line_of_key(str(error), lines, text),
                f"the bibliography is not valid BibTeX ({error})",
                "give every entry its own key",
            )
        )
        return empty
    valid = {
        key: entry
        for key, entry in data.entries.items()
        if _check_entry(path, lines.get(key, 1), key, entry, problems, field_lines.get(key, {}))
    }
    labels = source_labels(valid)
    sources = {key: Source(key, labels[key], lines.get(key, 1)) for key in sorted(valid)}
    return Bibliography(path, sources)


def source_labels(entries: Mapping[str, pybtex.database.Entry]) -> dict[str, str]:
    """Each work's short name; works with the same authors and year get 2015a, 2015b (key order).

    The bibliography page uses the same labels (:mod:`ecdosis.ext.registries.bibliography_style`).
    """
    groups: dict[str, list[str]] = {}
    for key, entry in entries.items():
        groups.setdefault(_label(entry), []).append(key)
    labels = {}
    for label, keys in groups.items():
        for index, key in enumerate(sorted(keys)):
            labels[key] = label + (_suffix(index) if len(keys) > 1 else "")
    return labels


def _check_text(path: Path, text: str, problems: list[Problem]) -> None:
    for number, line in enumerate(text.split("\n"), start=1):
        if "\\" in line.replace(PERCENT, ""):
            problems.append(
                Problem(
                    path,
                    number,
                    "the bibliography contains a backslash (a TeX command)",
                    "write accented letters and symbols as themselves, in UTF-8 (a per-cent "
                    f"sign is written {PERCENT})",
                )
            )
    _check_outside_entries(path, text, problems)


def _check_outside_entries(path: Path, text: str, problems: list[Problem]) -> None:
    """BibTeX ignores what stands between entries, and reads an entry even inside a comment:
    only entries, separated by spaces and blank lines, may stand in the file."""
    position = 0
    while position < len(text):
        if text[position].isspace():
            position += 1
            continue
        entry = _ENTRY_OPEN.match(text, position)
        kind = entry.group(1).lower() if entry else ""
        if entry is None or kind in _HIDING:
            message, fix = (
                (f"the bibliography has an @{kind}", "remove it: the file holds entries only")
                if entry
                else (
                    "the bibliography has text outside its entries, which BibTeX does not show",
                    "remove it, or put it in the note field of an entry",
                )
            )
            problems.append(Problem(path, text.count("\n", 0, position) + 1, message, fix))
            return
        end = _entry_end(text, entry.start(2))
        if end < 0:
            return  # unbalanced: the BibTeX parser names the line
        position = end + 1


def _entry_end(text: str, opening: int) -> int:
    """The offset of the brace (or parenthesis) that closes the entry opened at ``opening``;
    -1 if it is never closed."""
    closing = "}" if text[opening] == "{" else ")"
    depth = 0
    for offset in range(opening + 1, len(text)):
        character = text[offset]
        if character == closing and depth == 0:
            return offset
        if character == "{":
            depth += 1
        elif character == "}":
            depth -= 1
    return -1


def _lines_of(text: str) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """In one reading of the file: the line of each entry, by key, and of each of its fields
    (where ``name =`` begins a line)."""
    entries: dict[str, int] = {}
    fields: dict[str, dict[str, int]] = {}
    current: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        if entry := _ENTRY_START.match(line):
            entries.setdefault(entry.group(2), number)
            current = fields.setdefault(entry.group(2), {})
        elif field := _FIELD_START.match(line):
            current.setdefault(field.group(1).lower(), number)
    return entries, fields


def _check_entry(
    path: Path,
    line: int,
    key: str,
    entry: pybtex.database.Entry,
    problems: list[Problem],
    field_lines: dict[str, int],
) -> bool:
    found = len(problems)

    def problem(message: str, fix: str) -> None:
        problems.append(Problem(path, line, f"entry {key!r}: {message}", fix))

    if not KEY.match(key):
        problem(
            "the key is not lowercase letters, digits and hyphens",
            "rename it, e.g. 'times1820review'",
        )
    if entry.type not in REQUIRED:
        problem(
            f"the entry type @{entry.type} is not used in this edition",
            f"use one of: {', '.join('@' + name for name in REQUIRED)}",
        )
        return False
    fields = {name.lower(): value for name, value in entry.fields.items()}
    shown = [(name, value) for name, value in fields.items()]
    shown += [(role, str(person)) for role, persons in entry.persons.items() for person in persons]
    for name, value in shown:
        # Braces group words for BibTeX; what a reader sees is what is inside them.
        check_value(
            path,
            field_lines.get(name, line),
            f"entry {key!r}: the field {name!r}",
            value.replace("{", "").replace("}", ""),
            problems,
            words=name not in ADDRESSES,
            empty=False,
        )
    unknown = sorted(set(fields) - FIELDS)
    if unknown:
        problem(
            f"unknown field(s): {', '.join(unknown)}",
            f"use only: author, editor, {', '.join(sorted(FIELDS))}",
        )
    if "author" not in entry.persons and "editor" not in entry.persons:
        problem(
            "no author",
            "give the author, or the body that issued it in double braces: {{Associated Press}}",
        )
    for needed in ("title", "year", *REQUIRED[entry.type]):
        if not fields.get(needed, "").strip():
            problem(f"the field {needed!r} is missing", f"add {needed} = {{…}}")
    if fields.get("year") and not re.fullmatch(r"[0-9]{4}", fields["year"].strip()):
        problem("the year is not four digits", "write the year alone, e.g. year = {1997}")
    url = fields.get("url", "").strip()
    if url and not url.startswith(LINK_SCHEMES):
        problem("the url is not an http or https address", "give the address starting https://")
    for name, value in fields.items():
        if name in ADDRESSES:
            if unsafe := sorted(set(value) & _UNSAFE_IN_ADDRESSES):
                problem(
                    f"the {name} holds {' '.join(unsafe)}, which the PDF cannot set in an address",
                    "percent-encode them, as a browser's address bar does (%24 for $, %5E for ^, "
                    "%7B %7D for braces, %5B %5D for brackets, %20 for a space)",
                )
            continue
        bare = value.replace(PERCENT, "")
        if "%" in bare:
            problem(
                f"the field {name!r} has a bare '%', which starts a comment in BibTeX and hides "
                "the rest of the field",
                f"write a per-cent sign as {PERCENT}",
            )
        if "~" in bare:
            problem(
                f"the field {name!r} has a '~', which BibTeX sets as a space",
                "write a space; the edition cannot show a tilde in the bibliography",
            )
        if "`" in bare:
            problem(
                f"the field {name!r} has a '`', which BibTeX turns into a quotation mark "
                "(and ?` into ¿)",
                "write the quotation mark itself: ‘ or “",
            )
    return len(problems) == found


def _label(entry: pybtex.database.Entry) -> str:
    """A short name for the work: the authors' last names (or the body) and the year."""
    persons = entry.persons.get("author") or entry.persons.get("editor") or []
    names = [" ".join(person.last_names or person.first_names).strip("{}") for person in persons]
    names = [name.replace("{", "").replace("}", "") for name in names]
    who = f"{names[0]} et al." if len(names) > 2 else " and ".join(names)
    return f"{who} {entry.fields.get('year', '').strip()}".strip()


def _suffix(index: int) -> str:
    """a, b, …, z, then aa, ab, …"""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return (
        letters[index] if index < len(letters) else _suffix(index // 26 - 1) + letters[index % 26]
    )


def _line_of_key(message: str, lines: dict[str, int], text: str) -> int:
    """The line of the entry the message is about: of its second entry, for a repeated key."""
    for key, line in lines.items():
        if key and key in message:
            starts = [
                number
                for number, content in enumerate(text.split("\n"), start=1)
                if (entry := _ENTRY_START.match(content)) and entry.group(2) == key
            ]
            return starts[1] if len(starts) > 1 else line
    return 1
