"""The kept edition in parts: each text with its notes pickled on its own, and the rest of the
edition (its registries, its mentions, its indexes, the pieces of its load) pickled after them,
naming each text and note it holds by its place in those parts (a name the reader resolves).

After an edit of one note, only that text's part and the rest are pickled again; every other
text's part is written back as the bytes it was read from, since its text and notes are the very
objects read from them (:meth:`Reuse.load` gives back the pieces kept while their files are
unchanged). At 320 texts this is a fifth of pickling the whole edition again.

A part is read only when first needed. Until then its text and notes are *hollow*: objects of
their own classes (a subclass of each) that hold only what the parts' table keeps of them (a
text's folder and record, a note's id, text and paragraph: :data:`OUTLINED`); asked for
anything else, the hollow objects of the part are filled from its bytes and become the objects
the part holds, of their own classes. What a build needs of every text (the indexes, the
register, the outdated pages) it finds in the rest (:mod:`ecdosis.model.text_index`), so a build
after an edit of one note reads that text's part, and those its pages show.

The file: what comes before the edition (its header, read alone by a build after no change),
then the parts' table (each text's siglum, the length of its part, the CRC-32 of its bytes,
checked when it is read, and what its hollow objects hold), the parts, and the rest.
"""

from __future__ import annotations

import io
import pickle
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, NoReturn

from ecdosis.ext.kept_files import UNREADABLE, write_kept_with
from ecdosis.model.annotations.notes import Note
from ecdosis.model.edition import Edition
from ecdosis.model.problems import Problem
from ecdosis.model.texts.corpus import EditedText

_PROTOCOL = pickle.HIGHEST_PROTOCOL


@dataclass(frozen=True)
class TextPart:
    """One text and its notes (in the order of the edition's notes), as kept, with the bytes
    they were read from (or pickled to)."""

    pickled: bytes | memoryview
    text: EditedText
    notes: tuple[Note, ...]
    outline: PartOutline | None = None  # as the table read it; made when written, if not

    def holds(self, text: EditedText, notes: tuple[Note, ...]) -> bool:
        """Whether this part holds these very objects: then its bytes are still theirs."""
        return (
            self.text is text
            and len(self.notes) == len(notes)
            and all(a is b for a, b in zip(self.notes, notes, strict=True))
        )


# What the parts' table keeps of each text and note (its fields of these names), and the
# properties made of those alone: all that a hollow text or note answers without its part
# being read (:data:`OUTLINED`).
_KEPT_FIELDS: dict[type, tuple[str, ...]] = {
    EditedText: ("folder", "record"),
    Note: ("id", "siglum", "target"),
}
_MADE_OF_THEM: dict[type, tuple[str, ...]] = {EditedText: ("siglum", "files"), Note: ("anchor",)}
OUTLINED: dict[type, frozenset[str]] = {
    cls: frozenset(fields + _MADE_OF_THEM[cls]) for cls, fields in _KEPT_FIELDS.items()
}


@dataclass(frozen=True)
class PartOutline:
    """What the parts' table keeps of a part: the CRC-32 of its bytes, and the fields of
    :data:`_KEPT_FIELDS` of its text and of each of its notes."""

    crc: int
    text: tuple[object, ...]
    notes: tuple[tuple[object, ...], ...]


def _outline(part: TextPart) -> PartOutline:
    return PartOutline(
        zlib.crc32(part.pickled),
        tuple(getattr(part.text, name) for name in _KEPT_FIELDS[EditedText]),
        tuple(tuple(getattr(note, name) for name in _KEPT_FIELDS[Note]) for note in part.notes),
    )


class _Part:
    """A part not read yet: its bytes and its hollow text and notes, filled at the first
    question a hollow object cannot answer (:meth:`fill`)."""

    def __init__(self, file: Path, siglum: str, pickled: bytes | memoryview, crc: int) -> None:
        self.file, self.siglum, self.pickled, self.crc = file, siglum, pickled, crc
        self.hollow: tuple[object, ...] = ()

    def fill(self) -> None:
        """Read the part and make each hollow object the one it holds in its place (after
        checking that the bytes are those written, and hold what the table says)."""
        if zlib.crc32(self.pickled) != self.crc:
            self.damaged()
        try:
            text, notes = pickle.loads(self.pickled)
        except (*UNREADABLE, TypeError):
            self.damaged()
        read = (text, *notes) if isinstance(notes, tuple) else ()
        if len(read) != len(self.hollow) or not all(
            isinstance(real, cls := type(hollow).__mro__[1])
            and tuple(getattr(real, name) for name in _KEPT_FIELDS[cls])
            == tuple(object.__getattribute__(hollow, name) for name in _KEPT_FIELDS[cls])
            for hollow, real in zip(self.hollow, read, strict=False)
        ):
            self.damaged()
        for hollow, real in zip(self.hollow, read, strict=True):
            inside = object.__getattribute__(hollow, "__dict__")
            inside.clear()
            inside.update(real.__dict__)
            object.__setattr__(hollow, "__class__", type(real))

    def damaged(self) -> NoReturn:
        """Stop the build, saying so, and remove the kept file: the next build loads the
        edition from its files."""
        from ecdosis.ext.texts.corpus import stop_build

        self.file.unlink(missing_ok=True)
        problem = Problem(
            self.file,
            1,
            f"the part of {self.siglum} in the edition kept by the last build does not read back",
            "the file was removed: build again, and the edition is loaded from its files",
        )
        stop_build([problem], " The build was stopped.")


_PART = "\0part"  # the key of a hollow object's part in its ``__dict__``: no field's name
_HOLLOW: dict[type, type] = {}


def _hollow_class(cls: type) -> type:
    """The class of ``cls``'s hollow objects (a subclass of it)."""
    found = _HOLLOW.get(cls)
    if found is None:
        outlined = OUTLINED[cls]

        def __getattribute__(self: object, name: str) -> Any:
            if name in outlined:
                return object.__getattribute__(self, name)
            inside = object.__getattribute__(self, "__dict__")
            part = inside.get(_PART)
            if part is not None:  # else filled already, by another name's question
                part.fill()
            return getattr(self, name)

        found = type(
            f"Hollow{cls.__name__}",
            (cls,),
            {"__getattribute__": __getattribute__, "__module__": __name__},
        )
        _HOLLOW[cls] = found
    return found


def is_read(kept: object) -> bool:
    """Whether a text or note of the kept edition is read (or was never hollow)."""
    return _PART not in object.__getattribute__(kept, "__dict__")


def _hollow_part(
    file: Path, siglum: str, pickled: bytes | memoryview, outline: PartOutline
) -> TextPart:
    """A part not read yet, its text and notes hollow (:class:`_Part`)."""
    part = _Part(file, siglum, pickled, outline.crc)
    text: EditedText = _hollow(EditedText, outline.text, part)
    notes: tuple[Note, ...] = tuple(_hollow(Note, fields, part) for fields in outline.notes)
    part.hollow = (text, *notes)
    return TextPart(pickled, text, notes, outline)


def _hollow(cls: type, fields: tuple[object, ...], part: _Part) -> Any:
    """A hollow ``cls`` of ``part`` holding the fields kept of it (:data:`_KEPT_FIELDS`);
    ``ValueError`` if the table does not hold as many (the file is then not read)."""
    hollow: object = object.__new__(_hollow_class(cls))
    inside = object.__getattribute__(hollow, "__dict__")
    inside.update(zip(_KEPT_FIELDS[cls], fields, strict=True))
    inside[_PART] = part
    return hollow


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
        table = tuple(
            (siglum, len(part.pickled), part.outline or _outline(part))
            for siglum, part in parts.items()
        )
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
        for siglum, length, outline in table:
            if not isinstance(outline, PartOutline):
                return None
            parts[siglum] = _hollow_part(file, siglum, view[at : at + length], outline)
            at += length
        opened.seek(at)
        edition, pieces = _Unpickler(opened, parts).load()
    except (*UNREADABLE, KeyError, IndexError, TypeError):
        return None
    if not isinstance(edition, Edition) or not isinstance(pieces, dict):
        return None
    return ReadEdition(header, edition, pieces, parts)
