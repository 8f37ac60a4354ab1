"""The one id scheme of the edition's published fragments: the part after ``#`` in the address
of a paragraph, a note or a registry entry.

A paragraph's fragment is its anchor (``ab-3``); every other part's is its kind's prefix and its
id (``note-ab-first-printing``, ``entity-mary-shelley``); a work's entry in the bibliography is
``bib-`` and its key. These fragments are published and cited: the scheme never changes. The
model's records, the roles, the register and the citations all make and read them here.
"""

from __future__ import annotations

from typing import Literal, get_args

#: The kinds of part that the roles name and the edition publishes, one fragment each.
PartKind = Literal["paragraph", "note", "entity", "topic", "glossary", "event", "figure"]
PART_KINDS: tuple[PartKind, ...] = get_args(PartKind)
_PREFIXES: dict[PartKind, str] = {
    "paragraph": "",
    "note": "note-",
    "entity": "entity-",
    "topic": "topic-",
    "glossary": "glossary-",
    "event": "event-",
    "figure": "figure-",
}


def fragment(kind: PartKind, part_id: str) -> str:
    """The published fragment of a part: ``fragment("note", "ab-x")`` is ``note-ab-x``."""
    return _PREFIXES[kind] + part_id


#: The fragment of a work's entry on the bibliography page (and its ``xml:id`` in the TEI), from
#: its key: sphinxcontrib-bibtex's ``bibtex_cite_id``.
SOURCE_FRAGMENT = "bib-{key}"


def source_fragment(key: str) -> str:
    """The published fragment of a work's entry in the bibliography: ``bib-sims1997``."""
    return SOURCE_FRAGMENT.format(key=key)


def part_id(kind: PartKind, published: str) -> str:
    """The id of a part from its fragment: the inverse of :func:`fragment`."""
    prefix = _PREFIXES[kind]
    if not published.startswith(prefix):
        raise ValueError(f"{published!r} is not the fragment of a {kind}")
    return published[len(prefix) :]


def is_fragment_of(kind: PartKind, published: str) -> bool:
    return bool(_PREFIXES[kind]) and published.startswith(_PREFIXES[kind])
