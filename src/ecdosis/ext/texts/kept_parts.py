"""The kept edition in parts: each text with its notes pickled on its own, and the rest of the
edition (its registries, its mentions, its indexes, the pieces of its load) pickled after them,
naming each text and note it holds by its place in those parts (a name the reader resolves).

After an edit of one note, only that text's part and the rest are pickled again; every other
text's part is written back as the bytes it was read from, since its text and notes are the very
objects read from them (:meth:`Reuse.load` gives back the pieces kept while their files are
unchanged). At 320 texts this is a fifth of pickling the whole edition again.

The file: what comes before the edition (its header, read alone by a build after no change),
then the parts' table (each text's siglum and the length of its part), the parts, and the rest.
"""

from __future__ import annotations

import io
import pickle
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ecdosis.ext.kept_files import UNREADABLE, write_kept_with
from ecdosis.model.annotations.notes import Note
from ecdosis.model.edition import Edition
from ecdosis.model.texts.corpus import EditedText

_PROTOCOL = pickle.HIGHEST_PROTOCOL


@dataclass(frozen=True)
class TextPart:
    """One text and its notes (in the order of the edition's notes), as kept, with the bytes
    they were read from (or pickled to)."""

    pickled: bytes | memoryview
    text: EditedText
    notes: tuple[Note, ...]

    def holds(self, text: EditedText, notes: tuple[Note, ...]) -> bool:
        """Whether this part holds these very objects: then its bytes are still theirs."""
        return (
            self.text is text
            and len(self.notes) == len(notes)
            and all(a is b for a, b in zip(self.notes, notes, strict=True))
        )


def parts_of(edition: Edition, previous: Mapping[str, TextPart]) -> dict[str, TextPart]:
    """Each text's part, its bytes taken from ``previous`` where it holds the same objects."""
    notes: dict[str, list[Note]] = {text.siglum: [] for text in edition.corpus.texts}
    for note in edition.annotations.notes:
        if note.siglum in notes:  # else it is kept with the rest
            notes[note.siglum].append(note)
    parts: dict[str, TextPart] = {}
    for text in edition.corpus.texts:
        mine = tuple(notes[text.siglum])
        before = previous.get(text.siglum)
        if before is not None and before.holds(text, mine):
            parts[text.siglum] = before
        else:
            parts[text.siglum] = TextPart(pickle.dumps((text, mine), _PROTOCOL), text, mine)
    return parts


def _in_part(siglum: str, place: int) -> object:
    """What the rest of the edition holds in place of a part's text (``place`` -1) or note: the
    name :class:`_Unpickler` gives back that text or note by (:meth:`_Unpickler.find_class`)."""
    raise pickle.UnpicklingError("a part's text or note read without its parts")


class _Pickler(pickle.Pickler):
    """Pickles the rest of the edition, each text and note of a part by its place in it."""

    def __init__(self, file: IO[bytes], places: dict[int, tuple[str, int]]) -> None:
        super().__init__(file, _PROTOCOL)
        self.places = places

    def reducer_override(self, obj: object) -> Any:
        # Called only for objects of classes of their own (not for str, tuple, dict…), and
        # once per object: where one is named again, the pickle names what it already holds.
        place = self.places.get(id(obj))
        return NotImplemented if place is None else (_in_part, place)


class _Unpickler(pickle.Unpickler):
    """Reads the rest of the edition back, with the texts and notes of the parts read."""

    def __init__(self, file: IO[bytes], parts: Mapping[str, TextPart]) -> None:
        super().__init__(file)
        self.parts = parts

    def find_class(self, module: str, name: str) -> Any:
        if module == __name__ and name == _in_part.__name__:
            return self._in_part
        return super().find_class(module, name)

    def _in_part(self, siglum: str, place: int) -> object:
        part = self.parts[siglum]
        return part.text if place < 0 else part.notes[place]


def write_edition(
    file: Path,
    header: object,
    edition: Edition,
    pieces: dict[tuple[str, ...], object],
    previous: Mapping[str, TextPart],
) -> None:
    """Keep ``header``, then ``edition`` and ``pieces`` in parts, in ``file``; a part that
    ``previous`` (what was read of the file) holds unchanged is written back as it was read."""
    parts = parts_of(edition, previous)
    places: dict[int, tuple[str, int]] = {}
    for siglum, part in parts.items():
        places[id(part.text)] = (siglum, -1)
        places.update((id(note), (siglum, place)) for place, note in enumerate(part.notes))

    def write(opened: IO[bytes]) -> None:
        pickle.dump(header, opened, _PROTOCOL)
        table = tuple((siglum, len(part.pickled)) for siglum, part in parts.items())
        pickle.dump(table, opened, _PROTOCOL)
        for part in parts.values():
            opened.write(part.pickled)
        _Pickler(opened, places).dump((edition, pieces))

    write_kept_with(file, write)


@dataclass(frozen=True)
class ReadEdition:
    """What :func:`write_edition` kept: its header, the edition, the pieces of its load and
    the parts as read."""

    header: object
    edition: Edition
    pieces: dict[tuple[str, ...], object]
    parts: dict[str, TextPart]


def read_edition(file: Path, wanted: Callable[[object], bool]) -> ReadEdition | None:
    """What ``file`` keeps (:func:`write_edition`) if its header is ``wanted`` (the edition is
    not read otherwise: one kept by another engine may not even unpickle); ``None`` if nothing,
    nothing readable or not wanted."""
    try:
        data = file.read_bytes()
        opened = io.BytesIO(data)
        header = pickle.load(opened)
        if not wanted(header):
            return None
        table = pickle.load(opened)
        view, at = memoryview(data), opened.tell()
        parts: dict[str, TextPart] = {}
        for siglum, length in table:
            pickled = view[at : at + length]
            text, notes = pickle.loads(pickled)
            if not isinstance(text, EditedText) or not isinstance(notes, tuple):
                return None
            parts[siglum] = TextPart(pickled, text, notes)
            at += length
        opened.seek(at)
        edition, pieces = _Unpickler(opened, parts).load()
    except (*UNREADABLE, KeyError, IndexError, TypeError):
        return None
    if not isinstance(edition, Edition) or not isinstance(pieces, dict):
        return None
    return ReadEdition(header, edition, pieces, parts)
