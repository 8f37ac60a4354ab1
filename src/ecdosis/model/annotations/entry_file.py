"""What every annotation file shares: read as untrusted text, front matter checked against its
schema, an id that is the file's name, sources in the bibliography, a body in the safe subset.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ecdosis.model.annotations.front_matter import FrontMatter, split_front_matter
from ecdosis.model.annotations.limits import ANNOTATION_FILE_BYTES
from ecdosis.model.annotations.note_body import NoteBody, parse_note_body
from ecdosis.model.annotations.schema_check import check_front_matter, place_name
from ecdosis.model.problems import Problem
from ecdosis.model.registries.bibliography import Bibliography
from ecdosis.model.texts.characters import check_value, read_contributed_file
from ecdosis.model.texts.languages import POLYGLOSSIA_NAMES

TEMPLATE = "the template in CONTRIBUTING.md"


@dataclass(frozen=True)
class Entry:
    """A file's checked front matter, its body (if it has one) and its sources."""

    path: Path
    front: FrontMatter
    body: NoteBody | None
    sources: tuple[str, ...]

    @property
    def id(self) -> str:
        return str(self.front.data["id"])

    @property
    def verified(self) -> str | None:
        """When the editors last checked the entry against its sources (YYYY-MM-DD)."""
        value = self.front.data.get("verified")
        return None if value is None else str(value)


def read_front_matter(path: Path, kind: str, problems: list[Problem]) -> FrontMatter | None:
    """The file's front matter if the file is readable and it matches the schema of ``kind``."""
    if path.stat().st_size > ANNOTATION_FILE_BYTES:
        problems.append(
            Problem(
                path,
                1,
                f"the file is larger than {ANNOTATION_FILE_BYTES // 1000} kB",
                "keep an annotation to a few paragraphs; split a long one into several files",
            )
        )
        return None
    found = len(problems)
    read = read_contributed_file(path, problems, what=f"the {kind} file")
    if read is None:
        return None
    source, refused_lines = read
    reported = len(problems)
    front = split_front_matter(path, source, problems)
    if front is None:
        return None
    refused = check_values(path, front, problems) | refused_lines
    checked = len(problems)
    check_front_matter(path, front, kind, problems, TEMPLATE)
    # A value already refused for its characters is not reported again by the schema.
    problems[checked:] = [p for p in problems[checked:] if p.line not in refused]
    problems[reported:checked] = [
        p for p in problems[reported:checked] if p.line not in refused_lines
    ]
    return front if len(problems) == found else None


def check_values(path: Path, front: FrontMatter, problems: list[Problem]) -> set[int]:
    """Apply the rule for contributed text to every value, as decoded from its YAML; return
    the lines of the values refused."""
    refused = set()
    for where, value in _strings(front.data, ()):
        line = front.line_at(*where)
        # A quote is checked against the reading text, whose words may be of any length.
        if not check_value(
            path, line, place_name(where), value, problems, words=where[-1] != "quote"
        ):
            refused.add(line)
    return refused


def _strings(
    value: object, where: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*where, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*where, index))


def read_entry(
    path: Path,
    kind: str,
    bibliography: Bibliography,
    problems: list[Problem],
    *,
    body: str | None,
) -> Entry | None:
    """Read an entry of a registry; ``body`` names its text in messages, or ``None`` if the
    entry has no text below its front matter."""
    front = read_front_matter(path, kind, problems)
    if front is None:
        return None
    found = len(problems)
    check_file_name(path, front, problems)
    check_day(path, front, "verified", problems)
    sources = tuple(front.data.get("sources", ()))
    for key in sources:
        check_source(path, front.line_of("sources"), key, bibliography, problems)
    parsed = None
    if body is None:
        if front.body.strip():
            problems.append(
                Problem(
                    path,
                    front.end_line + 1,
                    f"an {kind} file has no text below its front matter",
                    "remove the text, or move what it says into the description",
                )
            )
    else:
        parsed = read_body(path, front, bibliography, problems, what=body)
    if len(problems) > found:
        return None
    return Entry(path, front, parsed, sources)


def read_body(
    path: Path, front: FrontMatter, bibliography: Bibliography, problems: list[Problem], what: str
) -> NoteBody | None:
    parsed = parse_note_body(
        path, front.body, front.end_line + 1, POLYGLOSSIA_NAMES, problems, what
    )
    if parsed is not None:
        for key, line in parsed.citations:
            check_source(path, line, key, bibliography, problems)
    return parsed


def check_day(
    path: Path, front: FrontMatter, key: str, problems: list[Problem], *, months: bool = False
) -> None:
    """A value ``key`` (if the file has it) that the schema has checked is written YYYY-MM-DD
    (or YYYY-MM, with ``months``, when only the month is documented): it must also be a day,
    or a month, of the calendar."""
    value = front.data.get(key)
    if value is None:
        return
    try:
        datetime.date.fromisoformat(value + "-01" if months and value.count("-") == 1 else value)
    except ValueError:
        how = "YYYY-MM-DD, or YYYY-MM when only the month is documented" if months else "YYYY-MM-DD"
        problems.append(
            Problem(
                path,
                front.line_of(key),
                f"the date {value!r} is not a real date",
                f"write it as {how}",
            )
        )


def check_file_name(path: Path, front: FrontMatter, problems: list[Problem]) -> None:
    entry_id: str = front.data["id"]
    if path.name != f"{entry_id}.md":
        if path.with_name(f"{entry_id}.md").exists():
            message = f"the id {entry_id!r} is already used by {entry_id}.md"
            fix = "give each file its own id, and name the file <id>.md"
        else:
            message = f"the file name does not match the id {entry_id!r}"
            fix = f"rename the file to {entry_id}.md"
        problems.append(Problem(path, front.line_of("id"), message, fix))


def check_source(
    path: Path, line: int, key: str, bibliography: Bibliography, problems: list[Problem]
) -> None:
    # An unreadable bibliography is reported once, not again for every file that cites it.
    if key not in bibliography and bibliography.readable:
        problems.append(
            Problem(
                path,
                line,
                f"the source {key!r} is not in annotations/references.bib",
                "add the work to references.bib, or correct the key",
            )
        )
