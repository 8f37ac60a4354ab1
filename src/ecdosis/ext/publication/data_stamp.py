"""Which texts' data files (TEI, Web Annotations, DTS) must be written again: each writer keeps,
beside the doctrees, a stamp of what each text's files were made from, and writes again only
the texts whose stamp changed or whose file is missing. After an edit of one note, the files of
that one text are made again, not the whole edition's.

What a text's files are made from, its stamp: the text's own files and its notes' files (the
listings of their folders, as for the text's page), its mentions of entities and the files of
the entities it mentions or its notes name; and, for every text alike, what any text's files
may show of the rest of the edition: the other registries and the bibliography, what each
reference shows (every paragraph, and every note with its number, every entity's name:
:attr:`ecdosis.model.edition.Edition.shown_by_reference`), the sigla, the edition's metadata
(``CITATION.cff``), the engine, the settings that give addresses, the builder, and the labels
of every page (the titles and places that links show).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from ecdosis.ext.last_build import unchanged
from ecdosis.ext.publication.register import metadata_of
from ecdosis.ext.texts.corpus import (
    annotations_dir,
    edition_of,
    edition_outline,
    input_digests,
    text_inputs,
)
from ecdosis.ext.texts.edition_cache import engine_key
from ecdosis.model.annotations.folder import BIBLIOGRAPHY, REGISTRIES
from ecdosis.model.reuse import file_digest

if TYPE_CHECKING:
    from sphinx.application import Sphinx

ENTITIES = "entities"  # the registry whose entries a text's files show only where it names them
_SETTINGS = ("html_baseurl", "html_file_suffix", "root_doc", "language", "edition_key")


@dataclass(frozen=True)
class Stamps:
    """The stamp of each text's files, for one writer (``name``)."""

    name: str
    texts: dict[str, str]


def _file_digests(digest: hashlib._Hash, paths: Iterable[Path], known: dict[Path, str]) -> None:
    for path in paths:
        digest.update(f"\0{path}\0{file_digest(path, known)}".encode())


def stamps(app: Sphinx, name: str, *extra: object) -> Stamps:
    """Each text's stamp for the writer ``name``, ``extra`` being anything else that writer's
    files are made from. After no change since the last build (:mod:`ecdosis.ext.last_build`)
    they are the stamps it recorded, found without reading the edition."""
    if unchanged(app):
        recorded = _recorded(app, name)
        sigla = edition_outline(app).sigla
        if all(siglum in recorded for siglum in sigla):
            return Stamps(name, {siglum: recorded[siglum] for siglum in sigla})
    writer = f"{name}\0{extra!r}\0".encode()
    return Stamps(
        name,
        {
            siglum: hashlib.sha256(writer + inputs.encode()).hexdigest()
            for siglum, inputs in _text_inputs(app).items()
        },
    )


# Per build (its application): each text's inputs, found once for all the writers.
_INPUTS: WeakKeyDictionary[Sphinx, dict[str, str]] = WeakKeyDictionary()


def _text_inputs(app: Sphinx) -> dict[str, str]:
    found = _INPUTS.get(app)
    if found is not None:
        return found
    edition = edition_of(app.env)
    shared = hashlib.sha256()
    shared.update(f"{engine_key()}\0{app.builder.name}\0{app.outdir}".encode())
    for setting in _SETTINGS:
        shared.update(f"\0{setting}={getattr(app.config, setting, '')!r}".encode())
    shared.update(f"\0{metadata_of(app)!r}\0{edition.corpus.sigla!r}".encode())
    labels = app.env.domains.standard_domain.labels
    for label in sorted(labels):
        shared.update(f"\0{label}={labels[label]!r}".encode())
    shown = edition.shown_by_reference
    for reference in sorted(shown):
        shared.update(f"\0{reference!r}={shown[reference]!r}".encode())
    annotations = annotations_dir(app)
    registries = [
        path
        for folder in sorted(set(REGISTRIES) - {ENTITIES})
        if (annotations / folder).is_dir()
        for path in sorted((annotations / folder).iterdir())
    ]
    citation = Path(app.confdir) / app.config.edition_citation_file
    known = input_digests(app)
    _file_digests(shared, [*registries, annotations / BIBLIOGRAPHY, citation], known)
    entities = {entity.id: entity.path for entity in edition.annotations.entities}
    found = {}
    for text in edition.corpus.texts:
        digest = shared.copy()
        index = edition.index_of(text.siglum)
        digest.update(f"\0{text_inputs(app, text.siglum, text.folder)}".encode())
        # of the entities, those the text's files show: the ones it mentions, the ones its
        # notes name (their names, which every reference shows, are in the shared part)
        mentions = edition.mentions.in_text(text.siglum)[0]
        digest.update(f"\0{[mention.values for mention in mentions]!r}".encode())
        named = {mention.key for mention in mentions} | {
            reference.target
            for _, references in index.references
            for reference in references
            if reference.role == "entity"
        }
        _file_digests(digest, (entities[key] for key in sorted(named) if key in entities), known)
        found[text.siglum] = digest.hexdigest()
    _INPUTS[app] = found
    return found


def _stamp_file(app: Sphinx, name: str) -> Path:
    return Path(app.doctreedir) / f"ecdosis-{name}.stamps.json"


def _recorded(app: Sphinx, name: str) -> dict[str, str]:
    try:
        found = json.loads(_stamp_file(app, name).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def outdated(app: Sphinx, current: Stamps, written: Callable[[str], bool]) -> list[str]:
    """The texts whose files must be made again: their stamp changed since their files were
    written, or a file is missing (``written(siglum)`` is false)."""
    recorded = _recorded(app, current.name)
    return [
        siglum
        for siglum, stamp in current.texts.items()
        if recorded.get(siglum) != stamp or not written(siglum)
    ]


def record(app: Sphinx, current: Stamps, failed: Iterable[str] = ()) -> None:
    """Record the stamps of the files now written: all the texts' but the ``failed`` (which
    are made again, and their problems reported again, by the next build)."""
    left_out = set(failed)
    kept = {s: stamp for s, stamp in current.texts.items() if s not in left_out}
    _stamp_file(app, current.name).write_text(json.dumps(kept, indent=0), encoding="utf-8")
