"""Scaffold a new note file that passes the check, for a contributor to fill in."""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
from pathlib import Path
from typing import NamedTuple

from ecdosis.model.annotations.folder import NOTE_SUFFIX, note_folder
from ecdosis.model.annotations.notes import load_note
from ecdosis.model.edition import Edition
from ecdosis.model.problems import Problem

PLACEHOLDER = (
    "Replace this paragraph with the note. Say what the text claims, then what the "
    "documented record shows, citing a source for every fact, e.g. {cite}`%s`. "
    "Write “unverified” rather than guess."
)
PLACEHOLDER_UNSOURCED = (
    "Replace this paragraph with the note. Neutral voice; a source for every fact; "
    "“unverified” rather than a guess."
)


class NoteRequest(NamedTuple):
    paragraph: str
    quote: str
    kind: str
    note_id: str
    sources: tuple[str, ...]
    author: str
    occurrence: int | None


def scaffold_note(edition: Edition, request: NoteRequest) -> tuple[Path | None, list[Problem]]:
    """Write the note file and check it as the build would; remove it again if it fails."""
    annotations = edition.annotations.folder
    siglum = request.paragraph.rpartition("-")[0]
    if siglum not in edition.corpus.sigla:
        return None, [
            Problem(
                annotations,
                1,
                f"no text has the paragraph {request.paragraph!r}",
                f"give a paragraph id such as {edition.corpus.sigla[0]}-1"
                if edition.corpus.sigla
                else "add a text under sources/ first",
            )
        ]
    if request.kind in ("context", "correction") and not request.sources:
        return None, [
            Problem(
                annotations / "references.bib",
                1,
                f"a {request.kind} note needs a source",
                "add the work to annotations/references.bib and pass its key with --source KEY",
            )
        ]
    folder = note_folder(annotations, siglum)
    note_id = request.note_id or _free_id(folder, siglum, request.quote)
    path = folder / f"{note_id}{NOTE_SUFFIX}"
    if path.exists():
        return None, [
            Problem(path, 1, "this note file already exists", "choose another id with --id")
        ]
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(_content(note_id, request), encoding="utf-8")
    problems: list[Problem] = []
    load_note(path, edition.corpus[siglum], edition.annotations.bibliography, problems)
    if problems:
        path.unlink()
        return None, problems
    return path, []


def _content(note_id: str, request: NoteRequest) -> str:
    lines = [
        "---",
        f"id: {note_id}",
        f"target: {request.paragraph}",
        # A JSON string is a valid YAML double-quoted string, whatever the quote contains.
        f"quote: {json.dumps(' '.join(request.quote.split()), ensure_ascii=False)}",
    ]
    if request.occurrence is not None:
        lines.append(f"occurrence: {request.occurrence}")
    lines.append(f"kind: {request.kind}")
    if request.sources:
        lines.append(f"sources: [{', '.join(request.sources)}]")
    author = " ".join(request.author.split()) or "Your Name"
    lines += [
        f"author: {json.dumps(author, ensure_ascii=False)}",
        f"date: {datetime.date.today().isoformat()}",
        "---",
        PLACEHOLDER % request.sources[0] if request.sources else PLACEHOLDER_UNSOURCED,
        "",
    ]
    return "\n".join(lines)


def _free_id(folder: Path, siglum: str, quote: str) -> str:
    ascii_quote = unicodedata.normalize("NFKD", quote).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_quote.lower())[:5] or ["note"]
    base = f"{siglum}-{'-'.join(words)}"[:52].rstrip("-")
    candidate, number = base, 2
    while (folder / f"{candidate}{NOTE_SUFFIX}").exists():
        candidate, number = f"{base}-{number}", number + 1
    return candidate
