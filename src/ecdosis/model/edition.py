"""The whole edition as data: the texts under ``sources/`` and everything under ``annotations/``,
with the mentions of entities and terms found in the texts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import Any

from ecdosis.model.annotations.folder import (
    REGISTRIES,
    Annotations,
    load_annotations,
    note_folder,
    notes_key,
)
from ecdosis.model.annotations.mentions import Mentions, find_mentions
from ecdosis.model.annotations.note_body import NoteBody, Reference
from ecdosis.model.annotations.notes import Note
from ecdosis.model.annotations.references import Written, check_references
from ecdosis.model.problems import Problem, sort_problems
from ecdosis.model.registries.figures import Figure
from ecdosis.model.registries.glossary import Term
from ecdosis.model.registries.timeline import Event
from ecdosis.model.registries.topics import Topic
from ecdosis.model.reuse import Reuse
from ecdosis.model.text_index import TextIndex, text_index
from ecdosis.model.texts.corpus import Corpus, EditedText, load_corpus


@dataclass(frozen=True)
class Edition:
    corpus: Corpus
    annotations: Annotations
    mentions: Mentions = field(default_factory=lambda: Mentions((), ()))
    # each text's part of the indexes, as the load made or reused it (made when first needed
    # for a text that has none here)
    text_indexes: tuple[TextIndex, ...] = ()

    def index_of(self, siglum: str) -> TextIndex:
        """The text ``siglum``'s part of the edition's indexes (:mod:`ecdosis.model.text_index`)."""
        return self._indexes[siglum]

    @cached_property
    def _indexes(self) -> dict[str, TextIndex]:
        grouped = _notes_by_siglum(self.corpus, self.annotations.notes)
        given = {index.siglum: index for index in self.text_indexes}
        found: dict[str, TextIndex] = {}
        for text in self.corpus.texts:
            mine = grouped[text.siglum]
            index = given.get(text.siglum)
            if index is None or not _indexes_these(index, text, mine):
                index = text_index(text, mine, {})
            found[text.siglum] = index
        return found

    def notes_on(self, siglum: str) -> tuple[Note, ...]:
        """A text's notes in reading order: by paragraph, then where each quote ends."""
        index = self._indexes.get(siglum)
        return index.notes if index is not None else ()

    @cached_property
    def shown_by_reference(self) -> dict[tuple[str, str], object]:
        """What each part a role may name shows, and where it leads, by (role, id): found once
        for the edition, for every page's references."""
        a = self.annotations
        shown: dict[tuple[str, str], object] = {}
        for siglum, index in self._indexes.items():
            shown.update((("paragraph", anchor), siglum) for anchor in index.anchors)
            shown.update(
                (("note", note.id), (siglum, number))
                for number, note in enumerate(index.notes, start=1)
            )
        shown.update((("entity", e.id), (e.name, e.type)) for e in a.entities)
        shown.update((("topic", t.id), t.title) for t in a.topics)
        shown.update((("glossary", t.id), t.term) for t in a.terms)
        shown.update((("event", e.id), (e.when, e.title)) for e in a.events)
        shown.update((("figure", f.id), (f.value, f.label)) for f in a.figures)
        return shown

    def note_number(self, note: Note) -> int:
        """The number of a note, the one at its mark: its place among its text's notes in
        reading order (:meth:`notes_on`), from 1. Its name ("note 3 on ¶1"), its citations
        and the list of notes all give this number."""
        return self._note_numbers[note.id]

    @cached_property
    def _note_numbers(self) -> dict[str, int]:
        return {
            note.id: number
            for index in self._indexes.values()
            for number, note in enumerate(index.notes, start=1)
        }

    @cached_property
    def paragraph_order(self) -> dict[str, tuple[int, int]]:
        """Each paragraph's place in the corpus, by its anchor: its text's place in the corpus
        and its own place in that text, to sort paragraphs of several texts by."""
        return {
            anchor: (position, place)
            for position, index in enumerate(self._indexes.values())
            for place, anchor in enumerate(index.anchors)
        }

    def topics_on(self, anchor: str) -> tuple[Topic, ...]:
        """The topics with a passage in the paragraph ``anchor``, in the order of the topics."""
        return self._on_paragraph[0].get(anchor, ())

    def events_on(self, anchor: str) -> tuple[Event, ...]:
        """The events with a passage in the paragraph ``anchor``, in the order of the timeline."""
        return self._on_paragraph[1].get(anchor, ())

    def topics_in(self, siglum: str) -> tuple[Topic, ...]:
        """The topics with a passage in the text ``siglum``, in the order of the topics."""
        return self._in_text[0].get(siglum, ())

    def events_in(self, siglum: str) -> tuple[Event, ...]:
        """The events with a passage in the text ``siglum``, in the order of the timeline."""
        return self._in_text[1].get(siglum, ())

    @cached_property
    def _in_text(self) -> tuple[dict[str, tuple[Topic, ...]], dict[str, tuple[Event, ...]]]:
        """The topics and the events of each text that has any, found once."""
        topics: dict[str, list[Topic]] = {}
        for topic in self.annotations.topics:
            for siglum in dict.fromkeys(passage.siglum for passage in topic.passages):
                topics.setdefault(siglum, []).append(topic)
        events: dict[str, list[Event]] = {}
        for event in self.annotations.events:
            for siglum in dict.fromkeys(passage.siglum for passage in event.passages):
                events.setdefault(siglum, []).append(event)
        return (
            {siglum: tuple(found) for siglum, found in topics.items()},
            {siglum: tuple(found) for siglum, found in events.items()},
        )

    @cached_property
    def _on_paragraph(
        self,
    ) -> tuple[dict[str, tuple[Topic, ...]], dict[str, tuple[Event, ...]]]:
        """The topics and the events of each paragraph that has any, found once."""
        topics: dict[str, dict[str, Topic]] = {}
        for topic in self.annotations.topics:
            for passage in topic.passages:
                topics.setdefault(passage.target, {})[topic.id] = topic
        events: dict[str, dict[str, Event]] = {}
        for event in self.annotations.events:
            for passage in event.passages:
                events.setdefault(passage.target, {})[event.id] = event
        return (
            {anchor: tuple(found.values()) for anchor, found in topics.items()},
            {anchor: tuple(found.values()) for anchor, found in events.items()},
        )

    @cached_property
    def anchor_contents(self) -> dict[str, tuple[str, str]]:
        """Kind and content fingerprint of every anchor the edition's data defines, as the
        register of anchors records them: a paragraph by its reading text, an annotation by its
        file."""
        return self._anchor_contents({}, None)

    def _anchor_contents(
        self, digests: dict[Path, str], previous: Edition | None
    ) -> dict[str, tuple[str, str]]:
        """:attr:`anchor_contents`: those of each text and its notes from the text's index
        (:meth:`index_of`); each registry entry's file's SHA-256 taken from ``digests`` (the
        files the load read) or read, or, for an entry that is the very object of the
        ``previous`` edition (reused by the load while its file is the same), taken from it."""
        from ecdosis.model.publication.register import file_fingerprint

        before = previous.anchor_contents if previous is not None else {}
        same = _objects_of(previous) if previous is not None else set()
        found: dict[str, tuple[str, str]] = {}
        for siglum, index in self._indexes.items():
            found[siglum] = ("text", "")
            found.update(index.contents)
        for kind, entry in self._annotations_by_kind(notes=False):
            if id(entry) in same and entry.anchor in before:
                found[entry.anchor] = before[entry.anchor]
            else:
                found[entry.anchor] = (kind, file_fingerprint(entry.path, digests))
        return found

    def _annotations_by_kind(self, *, notes: bool = True) -> list[tuple[str, Any]]:
        """Every note (unless not ``notes``) and registry entry, with the kind of anchor the
        register gives it."""
        a = self.annotations
        found: list[tuple[str, Any]] = [("note", n) for n in a.notes] if notes else []
        found += [("entity", e) for e in a.entities]
        found += [("topic", t) for t in a.topics]
        found += [("term", t) for t in a.terms]
        found += [("event", e) for e in a.events]
        found += [("figure", f) for f in a.figures]
        return found

    def indexed(
        self, digests: dict[Path, str] | None = None, previous: Edition | None = None
    ) -> Edition:
        """The edition with every index of it made (what a build looks up by siglum, note,
        reference and anchor), as it is kept between builds; the fingerprints of the
        registry entries' files are taken from ``digests`` (their SHA-256, as the load read
        them) where it has them, and from the ``previous`` edition (kept by the last build) for
        the entries the load reused from it (:meth:`_anchor_contents`)."""
        if "anchor_contents" not in self.__dict__:  # what ``cached_property`` would store
            self.__dict__["anchor_contents"] = self._anchor_contents(
                digests if digests is not None else {}, previous
            )
        self._indexes  # noqa: B018
        self._note_numbers  # noqa: B018 (made and kept)
        self.paragraph_order  # noqa: B018
        self._on_paragraph  # noqa: B018
        self._in_text  # noqa: B018
        self.shown_by_reference  # noqa: B018
        self.languages  # noqa: B018
        return self

    def bodies(self) -> Iterator[tuple[Path, NoteBody]]:
        """Every text written by an annotator, with its file."""
        yield from ((note.path, note.body) for note in self.annotations.notes)
        yield from ((entry.path, entry.body) for entry in self._written_entries())

    def _written_entries(self) -> Iterator[Term | Event | Topic | Figure]:
        """Every registry entry with a body written by an annotator (not the entities)."""
        a = self.annotations
        yield from a.terms
        yield from a.events
        yield from a.topics
        yield from a.figures

    def written_references(self) -> Iterator[tuple[Written, tuple[Reference, ...]]]:
        """The references written in every text by an annotator, with the note or entry (those
        of the notes from their texts' indexes)."""
        for index in self._indexes.values():
            yield from index.written()
        yield from ((entry, entry.body.references) for entry in self._written_entries())

    @cached_property
    def languages(self) -> tuple[str, ...]:
        """Every language marked on foreign words, in the texts and in the annotations, sorted:
        the PDF loads the hyphenation of each."""
        found: set[str] = set()
        for index in self._indexes.values():
            found |= index.languages
        for entry in self._written_entries():
            found |= entry.body.languages
        found |= {term.language for term in self.annotations.terms if term.language}
        return tuple(sorted(found))

    def known_ids(self) -> dict[str, frozenset[str]]:
        """What each reference role may name."""
        a = self.annotations
        return {
            "paragraph": frozenset(
                anchor for index in self._indexes.values() for anchor in index.anchors
            ),
            "note": frozenset(note.id for note in a.notes),
            "entity": frozenset(entity.id for entity in a.entities),
            "topic": frozenset(topic.id for topic in a.topics),
            "glossary": frozenset(term.id for term in a.terms),
            "event": frozenset(event.id for event in a.events),
            "figure": frozenset(figure.id for figure in a.figures),
        }


def load_edition(
    sources: Path, annotations: Path, reuse: Reuse | None = None
) -> tuple[Edition, list[Problem]]:
    """Load and check everything; the notes are checked only against texts without problems.
    What ``reuse`` kept of an earlier load is reused where its files are unchanged, and what
    this load made or reused is added to its ``made``."""
    reuse = reuse if reuse is not None else Reuse()
    corpus, problems = load_corpus(sources, reuse)
    loaded, note_problems = load_annotations(annotations, corpus, reuse)
    if problems:
        # Notes on a text that failed to load would all be reported as misplaced, and the
        # registries' passages into it as pointing nowhere: they are checked once it loads.
        failed = {problem.path.parent.name for problem in problems} | set(REGISTRIES)
        note_problems = [p for p in note_problems if p.path.parent.name not in failed]
        return Edition(corpus, loaded), sort_problems(problems + note_problems)
    named = [entity.path for entity in loaded.entities] + [term.path for term in loaded.terms]
    mentions = reuse.load(
        (
            "mentions",
            reuse.digest(path for text in corpus.texts for path in text.files),
            reuse.digest(named),
        ),
        partial(find_mentions, corpus, loaded.entities, loaded.terms),
        note_problems,
    )
    edition = Edition(corpus, loaded, mentions, _text_indexes(corpus, loaded, annotations, reuse))
    check_references(edition.written_references(), edition.known_ids(), note_problems)
    return edition, sort_problems(note_problems)


def _text_indexes(
    corpus: Corpus, loaded: Annotations, annotations: Path, reuse: Reuse
) -> tuple[TextIndex, ...]:
    """Each text's part of the indexes, reused while the text and its notes are (under what its
    notes are made from, as its folder of notes is: :func:`~ecdosis.model.annotations.folder.
    notes_key`)."""
    grouped = _notes_by_siglum(corpus, loaded.notes)
    bibliography = reuse.digest([loaded.bibliography_path])
    found = []
    for text in corpus.texts:
        folder = note_folder(annotations, text.siglum)
        key = ("text index", *notes_key(reuse, folder, text, bibliography))
        made = partial(_made_index, text, grouped[text.siglum], reuse.digests)
        found.append(reuse.load(key, made, []))
    return tuple(found)


def _made_index(
    text: EditedText, notes: list[Note], digests: dict[Path, str], _problems: list[Problem]
) -> TextIndex:
    return text_index(text, notes, digests)


def _notes_by_siglum(corpus: Corpus, notes: Iterable[Note]) -> dict[str, list[Note]]:
    """Each text's notes (in the order of ``notes``), by its siglum."""
    grouped: dict[str, list[Note]] = {siglum: [] for siglum in corpus.sigla}
    for note in notes:
        if note.siglum in grouped:
            grouped[note.siglum].append(note)
    return grouped


def _indexes_these(index: TextIndex, text: EditedText, notes: list[Note]) -> bool:
    """Whether ``index`` was made of these very text and notes."""
    return index.text is text and {id(note) for note in index.notes} == {id(note) for note in notes}


def _objects_of(edition: Edition) -> set[int]:
    """The identities of an edition's texts, notes and registry entries."""
    found = {id(text) for text in edition.corpus.texts}
    found.update(id(entry) for _, entry in edition._annotations_by_kind())
    return found
