"""The corpus: every text under ``sources/``, loaded and checked together."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path

from ecdosis.model.problems import Problem, read_text_file, sort_problems
from ecdosis.model.reuse import Reuse
from ecdosis.model.texts.collation import Rejoin, collate
from ecdosis.model.texts.languages import POLYGLOSSIA_NAMES
from ecdosis.model.texts.reading_text import Foreign, ReadingText, parse_reading_text
from ecdosis.model.texts.record import SIGLUM, Record, load_record
from ecdosis.model.texts.witness import Witness, load_witness

RECORD = "record.toml"
WITNESS = "witness.txt"
READING_TEXT = "text.md"


@dataclass(frozen=True)
class EditedText:
    """One text of the edition: its record, its witness and its reading text."""

    folder: Path
    record: Record
    witness: Witness
    reading_text: ReadingText
    rejoins: tuple[Rejoin, ...]

    @property
    def siglum(self) -> str:
        return self.record.siglum

    @property
    def files(self) -> tuple[Path, ...]:
        """The files a page of this text depends on."""
        return text_files(self.folder)


@dataclass(frozen=True)
class Corpus:
    """All texts, in the order a reader meets them: by date, then siglum."""

    texts: tuple[EditedText, ...]

    def __getitem__(self, siglum: str) -> EditedText:
        return self._by_siglum[siglum]

    @cached_property
    def _by_siglum(self) -> dict[str, EditedText]:
        return {text.siglum: text for text in self.texts}

    @cached_property
    def sigla(self) -> tuple[str, ...]:
        return tuple(text.siglum for text in self.texts)


def text_languages(text: EditedText) -> frozenset[str]:
    """The languages that a text's reading text marks on foreign words."""
    return frozenset(
        segment.language
        for block in text.reading_text.blocks
        for segment in block.segments
        if isinstance(segment, Foreign)
    )


def text_folders(sources: Path) -> list[Path]:
    """The folders under ``sources/`` that hold a text (any folder not starting with a dot)."""
    if not sources.is_dir():
        return []
    return sorted(p for p in sources.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def text_files(folder: Path) -> tuple[Path, ...]:
    """The files of a text's folder that make the text."""
    return (folder / RECORD, folder / WITNESS, folder / READING_TEXT)


def load_corpus(sources: Path, reuse: Reuse | None = None) -> tuple[Corpus, list[Problem]]:
    """Load and check every text (each reused from ``reuse`` if its files are unchanged); all
    problems are returned, sorted by file and line."""
    reuse = reuse if reuse is not None else Reuse()
    problems: list[Problem] = []
    if not sources.is_dir():
        problems.append(
            Problem(
                sources,
                1,
                "the sources folder does not exist",
                "create it with one folder per text, or point edition_sources in conf.py to "
                "the folder of the texts",
            )
        )
        return Corpus(()), problems
    texts = [
        text
        for folder in text_folders(sources)
        if (
            text := reuse.load(
                ("text", reuse.digest(text_files(folder))),
                partial(load_text, folder),
                problems,
            )
        )
        is not None
    ]
    if not texts and not problems:
        problems.append(
            Problem(
                sources,
                1,
                "the sources folder holds no text",
                "add a folder per text with record.toml, witness.txt, text.md",
            )
        )
    texts.sort(key=lambda text: (text.record.date, text.siglum))
    return Corpus(tuple(texts)), sort_problems(problems)


def load_text(folder: Path, problems: list[Problem]) -> EditedText | None:
    """Load one text's folder; problems are appended, ``None`` returned if there were any."""
    found = len(problems)
    siglum = folder.name
    if not SIGLUM.match(siglum):
        problems.append(
            Problem(
                folder / RECORD,
                1,
                f"the folder name {siglum!r} is not a valid siglum",
                "name the folder with lowercase letters and digits, e.g. 'ig'",
            )
        )
        return None
    record = load_record(folder / RECORD, problems)
    witness = load_witness(folder / WITNESS, record.witness.sha256 if record else None, problems)
    reading_text: ReadingText | None = None
    source = read_text_file(folder / READING_TEXT, problems, what="the reading text")
    if source is not None:
        reading_text = parse_reading_text(
            folder / READING_TEXT, source, siglum, POLYGLOSSIA_NAMES, problems
        )
    if record is None or witness is None or reading_text is None or len(problems) > found:
        return None
    rejoins = collate(reading_text, witness, problems)
    if len(problems) > found:
        return None
    return EditedText(folder, record, witness, reading_text, rejoins)
