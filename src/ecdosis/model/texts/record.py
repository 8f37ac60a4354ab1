"""The bibliographic record of a text: ``sources/<siglum>/record.toml``."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ecdosis.model.problems import Problem, read_text_file

SIGLUM = re.compile(r"^[a-z][a-z0-9]{0,11}$")
ISO_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")
URL = re.compile(r"^https?://[^\s<>\"]+$")


@dataclass(frozen=True)
class WitnessDescription:
    """What kind of copy the witness is, and its fingerprint."""

    description: str
    sha256: str


@dataclass(frozen=True)
class Record:
    """Bibliographic record of one text of the edition."""

    siglum: str
    title: str
    author: str
    body: str
    attribution: str
    publication: str
    date: str
    url: str
    language: str
    rights: str
    summary: str
    witness: WitnessDescription
    periodical: str = ""  # the periodical's name as ``publication`` begins; "" if not given

    @property
    def responsibility(self) -> str:
        """Author and issuing body as a reader expects them in a list."""
        if self.author and self.body:
            return f"{self.author}, {self.body}"
        return self.author or self.body


# key: (required, check, description of a good value); every value is a string
RECORD_FIELDS: dict[str, tuple[bool, re.Pattern[str] | None, str]] = {
    "siglum": (True, SIGLUM, "the folder's name: lowercase letters and digits"),
    "title": (True, None, "the title as published"),
    "author": (False, None, "the person who wrote the text"),
    "body": (False, None, "the organisation that issued or published it"),
    "attribution": (False, None, "how the authorship was established"),
    "publication": (True, None, "periodical, issue and date of the original publication"),
    "periodical": (
        False,
        None,
        "the periodical's name as it begins `publication`, set in italics in citations",
    ),
    "date": (True, ISO_DATE, 'an ISO 8601 date such as "1997-04-23" or "1997-06"'),
    "url": (True, URL, "the original publication's http(s) address"),
    "language": (True, LANGUAGE_TAG, 'a BCP 47 language tag such as "en"'),
    "rights": (True, None, "the rights statement of the original, quoted"),
    "summary": (True, None, "one line saying what the text is"),
}
WITNESS_FIELDS: dict[str, tuple[bool, re.Pattern[str] | None, str]] = {
    "description": (True, None, "what kind of copy the witness is"),
    "sha256": (True, SHA256, "the sha256 of witness.txt, 64 lowercase hex digits"),
}


def load_record(path: Path, problems: list[Problem]) -> Record | None:
    """Read and validate a record; every problem found is appended to ``problems``."""
    source = read_text_file(path, problems, what="the bibliographic record")
    if source is None:
        return None
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        problems.append(
            Problem(
                path,
                _line_from_message(message),
                f"malformed TOML: {re.sub(r' [(]at line.*', '', message)}",
                "fix the TOML syntax (strings need double quotes)",
            )
        )
        return None
    found = len(problems)
    locate = _KeyLocator(source)
    values = _check_table(data, RECORD_FIELDS, path, locate, problems, table="")
    witness_table = data.get("witness")
    if not isinstance(witness_table, dict):
        problems.append(
            Problem(
                path,
                locate.line("witness"),
                "missing [witness] table",
                "add a [witness] table with description and sha256",
            )
        )
        witness_values: dict[str, str] = {}
    else:
        witness_values = _check_table(
            witness_table, WITNESS_FIELDS, path, locate, problems, table="witness"
        )
    if not (values.get("author") or values.get("body")):
        problems.append(
            Problem(
                path,
                1,
                "the record names neither an author nor an issuing body",
                'add author = "…" or body = "…"',
            )
        )
    _check_periodical(values, path, locate, problems)
    folder = path.parent.name
    if values.get("siglum") and values["siglum"] != folder:
        problems.append(
            Problem(
                path,
                locate.line("siglum"),
                f"siglum {values['siglum']!r} does not match the folder {folder!r}",
                f'set siglum = "{folder}" or rename the folder',
            )
        )
    if len(problems) > found:
        return None
    return Record(
        siglum=values["siglum"],
        title=values["title"],
        author=values.get("author", ""),
        body=values.get("body", ""),
        attribution=values.get("attribution", ""),
        publication=values["publication"],
        date=values["date"],
        url=values["url"],
        language=values["language"],
        rights=values["rights"],
        summary=values["summary"],
        witness=WitnessDescription(witness_values["description"], witness_values["sha256"]),
        periodical=values.get("periodical", ""),
    )


def _check_periodical(
    values: dict[str, str], path: Path, locate: _KeyLocator, problems: list[Problem]
) -> None:
    """The periodical, when given, must be the very words ``publication`` begins with."""
    periodical = values.get("periodical")
    publication = values.get("publication")
    if periodical is None or publication is None or publication.startswith(periodical):
        return
    problems.append(
        Problem(
            path,
            locate.line("periodical"),
            f"periodical {periodical!r} is not the beginning of publication {publication!r}",
            "copy the periodical's name exactly as publication begins, or remove periodical",
        )
    )


def _check_table(
    data: dict[str, Any],
    fields: dict[str, tuple[bool, re.Pattern[str] | None, str]],
    path: Path,
    locate: _KeyLocator,
    problems: list[Problem],
    *,
    table: str,
) -> dict[str, str]:
    values: dict[str, str] = {}
    prefix = f"[{table}] " if table else ""
    for key in data:
        if key == "witness" and not table:
            continue
        if key not in fields:
            problems.append(
                Problem(
                    path,
                    locate.line(key, table),
                    f"{prefix}unknown key {key!r}",
                    f"use one of: {', '.join(fields)}",
                )
            )
    for key, (required, pattern, expected) in fields.items():
        if key not in data:
            if required:
                problems.append(
                    Problem(
                        path,
                        locate.line(table) if table else 1,
                        f"{prefix}missing key {key!r}",
                        f"add {key} = … ({expected})",
                    )
                )
            continue
        value: object = data[key]
        line = locate.line(key, table)
        if not isinstance(value, str):
            problems.append(
                Problem(
                    path,
                    line,
                    f"{prefix}{key} must be a string, not {type(value).__name__}",
                    f"write {expected} in double quotes",
                )
            )
        elif not value.strip():
            problems.append(Problem(path, line, f"{prefix}{key} is empty", f"give {expected}"))
        elif pattern is not None and not pattern.match(value):
            problems.append(
                Problem(path, line, f"{prefix}{key} {value!r} is not valid", f"give {expected}")
            )
        else:
            values[key] = value.strip()
    return values


class _KeyLocator:
    """Finds the line of a key in TOML source (tomllib keeps no positions)."""

    def __init__(self, source: str) -> None:
        self._lines = source.splitlines()

    def line(self, key: str, table: str = "") -> int:
        current = ""
        for number, text in enumerate(self._lines, start=1):
            stripped = text.strip()
            header = re.match(r"^\[\s*([^\]]+?)\s*\]", stripped)
            if header:
                current = header.group(1)
                if key == current and not table:
                    return number
                continue
            if current == table and re.match(rf"^\"?{re.escape(key)}\"?\s*=", stripped):
                return number
        return 1


def _line_from_message(message: str) -> int:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else 1
