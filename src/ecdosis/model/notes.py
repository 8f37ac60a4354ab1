"""Editorial notes: one file per note under ``annotations/<siglum>/``, read as untrusted input.

A note file is YAML front matter, validated against the JSON Schema in
``ecdosis/schemas/note.schema.json``, and a body in a safe subset of MyST Markdown. A note is
anchored to a paragraph by an exact quote of that paragraph's reading text.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema

from ecdosis.model.anchoring import Span, closest_match, crossing, normalise, occurrences
from ecdosis.model.bibliography import Bibliography
from ecdosis.model.corpus import EditedText
from ecdosis.model.front_matter import FrontMatter, split_front_matter
from ecdosis.model.languages import POLYGLOSSIA_NAMES
from ecdosis.model.note_body import NoteBody, parse_note_body
from ecdosis.model.problems import Problem, read_text_file

MAX_BYTES = 64_000
KIND_LABELS = {
    "context": "Context",
    "correction": "Correction",
    "translation": "Translation",
    "textual": "Textual note",
    "crossref": "Cross-reference",
}


@dataclass(frozen=True)
class Note:
    """One editorial note, anchored to a stretch of one paragraph."""

    id: str
    path: Path
    siglum: str
    target: str
    quote: str
    kind: str
    sources: tuple[str, ...]
    author: str
    date: str
    body: NoteBody
    span: Span  # the quote's place in the paragraph's normalised reading text

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def anchor(self) -> str:
        return f"note-{self.id}"


@cache
def note_schema() -> dict[str, Any]:
    """The JSON Schema of a note's front matter, shipped with the package."""
    text = files("ecdosis.schemas").joinpath("note.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def load_note(
    path: Path,
    text: EditedText,
    bibliography: Bibliography,
    problems: list[Problem],
) -> Note | None:
    """Read and check one note file of ``text``; ``None`` if anything is wrong with it."""
    if path.stat().st_size > MAX_BYTES:
        problems.append(
            Problem(
                path,
                1,
                f"the note file is larger than {MAX_BYTES // 1000} kB",
                "keep a note to a few paragraphs; split a long discussion into several notes",
            )
        )
        return None
    source = read_text_file(path, problems, what="the note file")
    if source is None:
        return None
    front = split_front_matter(path, source, problems)
    if front is None:
        return None
    found = len(problems)
    _check_schema(path, front, problems)
    if len(problems) > found:
        return None
    data = front.data
    note_id: str = data["id"]
    _check_identity(path, front, text, problems)
    _check_date(path, front, problems)
    span = _anchor(path, front, text, problems)
    sources = tuple(data.get("sources", ()))
    for key in sources:
        _check_source(path, front.line_of("sources"), key, bibliography, problems)
    body = parse_note_body(path, front.body, front.end_line + 1, POLYGLOSSIA_NAMES, problems)
    if body is not None:
        for key, line in body.citations:
            _check_source(path, line, key, bibliography, problems)
    if len(problems) > found or span is None or body is None:
        return None
    return Note(
        id=note_id,
        path=path,
        siglum=text.siglum,
        target=data["target"],
        quote=normalise(data["quote"]),
        kind=data["kind"],
        sources=sources,
        author=" ".join(data["author"].split()),
        date=data["date"],
        body=body,
        span=span,
    )


def _check_schema(path: Path, front: FrontMatter, problems: list[Problem]) -> None:
    schema = note_schema()
    validator = jsonschema.Draft202012Validator(schema)
    properties: dict[str, Any] = schema["properties"]
    for error in sorted(validator.iter_errors(front.data), key=lambda e: list(e.path)):
        key = str(error.path[0]) if error.path else ""
        line = front.line_of(key) if key else 1
        described = properties.get(key, {}).get("description", "")
        if error.validator == "required":
            missing = str(error.message).split("'")[1]
            if error.schema_path and "then" in error.schema_path:
                message = f"a {front.data.get('kind')} note needs 'sources'"
                fix = "cite at least one entry of annotations/references.bib: sources: [key]"
            else:
                message = f"the key {missing!r} is missing"
                fix = f"add '{missing}: …' — {properties[missing]['description']}"
            problems.append(Problem(path, front.end_line, message, fix))
        elif error.validator == "additionalProperties":
            for unknown in sorted(set(front.data) - set(properties)):
                problems.append(
                    Problem(
                        path,
                        front.line_of(unknown),
                        f"unknown key {unknown!r} in the front matter",
                        f"remove it; a note's keys are: {', '.join(properties)}",
                    )
                )
        elif error.validator == "minItems" and key == "sources":
            problems.append(
                Problem(
                    path,
                    line,
                    f"a {front.data.get('kind')} note needs at least one source",
                    "cite at least one entry of annotations/references.bib: sources: [key]",
                )
            )
        else:
            value = error.instance
            shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "…"
            problems.append(
                Problem(
                    path,
                    line,
                    f"{key or 'the front matter'}: {shown} is not valid ({_reason(error)})",
                    described or "see the template in CONTRIBUTING.md",
                )
            )


def _reason(error: jsonschema.ValidationError) -> str:
    allowed: Any = error.validator_value
    reasons = {
        "type": f"expected {error.validator_value}",
        "pattern": "wrong form",
        "enum": f"expected one of {', '.join(str(v) for v in allowed)}"
        if error.validator == "enum"
        else "",
        "maxLength": f"longer than {error.validator_value} characters",
        "minLength": "too short",
        "minimum": f"less than {error.validator_value}",
        "maximum": f"more than {error.validator_value}",
        "uniqueItems": "an item is repeated",
        "maxItems": f"more than {error.validator_value} items",
    }
    return reasons.get(str(error.validator), str(error.validator))


def _check_identity(
    path: Path, front: FrontMatter, text: EditedText, problems: list[Problem]
) -> None:
    note_id: str = front.data["id"]
    prefix = f"{text.siglum}-"
    if not note_id.startswith(prefix):
        problems.append(
            Problem(
                path,
                front.line_of("id"),
                f"the id {note_id!r} does not start with this text's siglum ({prefix})",
                f"name the note {prefix}…, or move it to the folder of its text",
            )
        )
    elif path.name != f"{note_id}.md":
        if path.with_name(f"{note_id}.md").exists():
            message = f"the id {note_id!r} is already used by {note_id}.md"
            fix = "give each note its own id, and name its file <id>.md"
        else:
            message = f"the file name does not match the id {note_id!r}"
            fix = f"rename the file to {note_id}.md"
        problems.append(Problem(path, front.line_of("id"), message, fix))


def _check_date(path: Path, front: FrontMatter, problems: list[Problem]) -> None:
    try:
        datetime.date.fromisoformat(front.data["date"])
    except ValueError:
        problems.append(
            Problem(
                path,
                front.line_of("date"),
                f"the date {front.data['date']!r} is not a real date",
                "write it as YYYY-MM-DD",
            )
        )


def _anchor(
    path: Path, front: FrontMatter, text: EditedText, problems: list[Problem]
) -> Span | None:
    target: str = front.data["target"]
    quote = normalise(front.data["quote"])
    occurrence: int | None = front.data.get("occurrence")
    line = front.line_of("quote")
    paragraphs = text.reading_text.paragraphs
    index = next((i for i, block in enumerate(paragraphs) if block.anchor == target), None)
    if index is None:
        known = f"{paragraphs[0].anchor} to {paragraphs[-1].anchor}" if paragraphs else "none"
        problems.append(
            Problem(
                path,
                front.line_of("target"),
                f"there is no paragraph {target!r} in {text.siglum}",
                f"give the id of a paragraph of this text ({known})",
            )
        )
        return None
    paragraph = normalise(paragraphs[index].edition_text())
    spans = occurrences(paragraph, quote)
    if not spans:
        following = crossing(paragraphs, index, quote)
        if following:
            problems.append(
                Problem(
                    path,
                    line,
                    f"the quote runs on from {target} into {following}",
                    f"a note is anchored within one paragraph: end the quote in {target}",
                )
            )
            return None
        elsewhere = [b.anchor for b in paragraphs if quote in normalise(b.edition_text())]
        closest = closest_match(paragraph, quote)
        hint = f"the closest words in {target} are {closest!r}" if closest else ""
        if elsewhere:
            hint = f"the quote is in {', '.join(elsewhere)}: change the target"
        problems.append(
            Problem(
                path,
                line,
                f"the quote is not in the reading text of {target}",
                hint or "copy the words exactly from the paragraph's reading text",
            )
        )
        return None
    if occurrence is None and len(spans) > 1:
        problems.append(
            Problem(
                path,
                line,
                f"the quote occurs {len(spans)} times in {target}",
                "add 'occurrence: N' (counting from 1), or quote more words",
            )
        )
        return None
    if occurrence is not None and occurrence > len(spans):
        problems.append(
            Problem(
                path,
                front.line_of("occurrence"),
                f"occurrence {occurrence} asked, but the quote occurs {len(spans)} time(s)",
                "count the occurrences from 1 in the paragraph's reading text",
            )
        )
        return None
    return spans[(occurrence or 1) - 1]


def _check_source(
    path: Path, line: int, key: str, bibliography: Bibliography, problems: list[Problem]
) -> None:
    # An unreadable bibliography is reported once, not again for every note that cites it.
    if key not in bibliography and bibliography.readable:
        problems.append(
            Problem(
                path,
                line,
                f"the source {key!r} is not in annotations/references.bib",
                "add the work to references.bib, or correct the key",
            )
        )
