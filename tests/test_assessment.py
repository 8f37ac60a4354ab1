"""A note may assess the claim of the text it is about, and every annotation may say when it
was last checked against its sources: both are checked, with messages that say how to fix them."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecdosis.model.annotations.notes import Note
from ecdosis.model.edition import load_edition
from ecdosis.model.registries.glossary import Term
from ecdosis.model.registries.timeline import Event
from ecdosis.model.registries.topics import Topic

NOTE = Path("annotations") / "tx" / "tx-assault.md"


def _problems(root: Path) -> list[tuple[Path, int, str]]:
    _, problems = load_edition(root / "sources", root / "annotations")
    return [(p.path, p.line, f"{p.message} — {p.fix}") for p in problems]


def _set(root: Path, path: Path, old: str, new: str) -> Path:
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return file


@pytest.mark.parametrize(
    ("kind", "assessment"),
    [
        ("context", "supported"),
        ("context", "partly-supported"),
        ("context", "disputed"),
        ("context", "unverified"),
        ("correction", "contradicted"),
        ("correction", "partly-supported"),
        ("crossref", "disputed"),
    ],
)
def test_an_assessment_that_fits_its_kind_is_read(small: Path, kind: str, assessment: str) -> None:
    _set(small, NOTE, "kind: context\n", f"kind: {kind}\nassessment: {assessment}\n")
    _set(small, NOTE, "date: 2026-11-20\n", "date: 2026-11-20\nverified: 2026-12-01\n")
    edition, problems = load_edition(small / "sources", small / "annotations")
    assert problems == []
    note = edition.notes_on("tx")[0]
    assert (note.assessment, note.verified) == (assessment, "2026-12-01")
    assert note.assessment_label is not None and note.assessment_label.split()[0] in {
        "supported",
        "partly",
        "contradicted",
        "disputed:",
        "unverified:",
    }


def test_a_note_without_an_assessment_assesses_nothing(small: Path) -> None:
    edition, problems = load_edition(small / "sources", small / "annotations")
    assert problems == []
    note = edition.notes_on("tx")[0]
    assert (note.assessment, note.assessment_label, note.verified) == (None, None, None)


@pytest.mark.parametrize(
    ("kind", "assessment", "expected"),
    [
        (
            "translation",
            "supported",
            "a translation note assesses no claim of the text — remove 'assessment'",
        ),
        (
            "correction",
            "supported",
            "a correction says the record contradicts the text, not that it is supported — "
            "make the note a context note",
        ),
        (
            "context",
            "contradicted",
            "a context note says the record contradicts the text — make it a correction",
        ),
        ("context", "true", "assessment: True is not valid (expected one of supported,"),
    ],
)
def test_an_assessment_that_does_not_fit_is_refused_at_its_line(
    small: Path, kind: str, assessment: str, expected: str
) -> None:
    _set(small, NOTE, "kind: context\n", f"kind: {kind}\nassessment: {assessment}\n")
    problems = _problems(small)
    assert len(problems) == 1, problems
    path, line, message = problems[0]
    assert (path, line) == (small / NOTE, 6)
    assert expected in message, message


@pytest.mark.parametrize(
    "path",
    [
        NOTE,
        Path("annotations") / "topics" / "assault.md",
        Path("annotations") / "glossary" / "mrta.md",
        Path("annotations") / "timeline" / "1997-04-22-assault.md",
    ],
)
def test_a_verification_date_must_be_a_day(small: Path, path: Path) -> None:
    file = small / path
    lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(2, "verified: 2026-02-30\n")
    file.write_text("".join(lines), encoding="utf-8")
    assert _problems(small) == [
        (file, 3, "the date '2026-02-30' is not a real date — write it as YYYY-MM-DD")
    ]
    lines[2] = "verified: 2026-12-01\n"
    file.write_text("".join(lines), encoding="utf-8")
    edition, problems = load_edition(small / "sources", small / "annotations")
    assert problems == []
    registries = edition.annotations
    entries: list[Note | Topic | Term | Event] = [
        *edition.notes_on("tx"),
        *registries.topics,
        *registries.terms,
        *registries.events,
    ]
    assert [e.verified for e in entries if e.path == file] == ["2026-12-01"]
