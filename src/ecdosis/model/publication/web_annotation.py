"""The editorial notes of one text as a W3C Web Annotation collection (JSON-LD).

Each text's notes are published as an ``AnnotationCollection`` whose first (and only) page,
embedded as ``first``, holds one ``Annotation`` per note, in reading order. An annotation's
``id`` is the note's permalink on the text's page (``<base>texts/<siglum>.html#note-<id>``);
its body is the note as a reader reads it, in HTML and in plain text (a ``Choice`` of two
``TextualBody`` resources), with the verdict of a note that assesses a claim also as a body of
its own (``purpose: assessing``); its target is the text's page, selected by the paragraph's
fragment (a ``FragmentSelector``) refined by the quoted words with the reading text around them
(a ``TextQuoteSelector``).

Every address is absolute: the edition's base URL as it is configured. While that is a
placeholder (``https://example.org/...``, see
:func:`~ecdosis.model.publication.citing.provisional_base`), the addresses are provisional too.

This module knows nothing of Sphinx: the pages of the texts, the bibliography and the parts of
the edition that bodies refer to come in as :class:`Addresses`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html import escape as _escape
from typing import Any, Literal, NamedTuple

from ecdosis.model.annotations.anchoring import normalise
from ecdosis.model.annotations.note_body import BodyBlock, Inline
from ecdosis.model.annotations.notes import Note, NoteKind
from ecdosis.model.edition import Edition
from ecdosis.model.fragments import fragment, source_fragment
from ecdosis.model.json_text import indented_json
from ecdosis.model.registries.bibliography import Bibliography
from ecdosis.model.texts.corpus import EditedText

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
#: Where a text's collection is published, within the edition.
COLLECTION_PATH = "data/annotations/{siglum}.jsonld"
#: What a ``FragmentSelector`` on an HTML page conforms to (the Web Annotation model, 4.2.1).
HTML_FRAGMENTS = "http://tools.ietf.org/rfc/rfc3986"
#: How many characters of the reading text stand in a quote's ``prefix`` and ``suffix``.
CONTEXT_CHARACTERS = 32

Motivation = Literal["assessing", "commenting", "describing", "linking"]
#: The motivation of each kind of note (the model has no "correcting" or "translating").
KIND_MOTIVATIONS: dict[NoteKind, Motivation] = {
    "context": "describing",  # what the words refer to: the background of the passage
    "correction": "assessing",  # the record contradicts the text's claim, in whole or in part
    "translation": "commenting",
    "textual": "commenting",  # on the witness's wording, which the reading text keeps
    "crossref": "linking",
}


class Link(NamedTuple):
    """Where a reference in a note's body leads (an absolute address, or "" for none) and what
    it shows."""

    url: str
    title: str


#: A reference's link from its role and target (``("figure", "hostages")``); ``None`` if it
#: names nothing known.
Resolver = Callable[[str, str], Link | None]


@dataclass(frozen=True)
class Addresses:
    """Where the parts of the edition are published."""

    base_url: str  # absolute, ending with "/": "https://example.org/edition/"
    pages: Mapping[str, str]  # each text's page within the edition: siglum -> "texts/ab.html"
    bibliography: str = ""  # the bibliography's page within the edition; "" if there is none
    language: str = "en"  # the language of the notes (the edition's ``language``)
    references: Resolver | None = None  # None: the edition's own paragraphs and notes only

    def url(self, within: str) -> str:
        return self.base_url + within

    def page(self, siglum: str) -> str:
        return self.url(self.pages[siglum])

    def note(self, note: Note) -> str:
        """A note's permalink: its id as an annotation."""
        return f"{self.page(note.siglum)}#{note.anchor}"

    def collection(self, siglum: str) -> str:
        return self.url(COLLECTION_PATH.format(siglum=siglum))

    def source(self, key: str) -> str:
        """The address of a work's entry in the bibliography; "" if there is no such page."""
        if not self.bibliography:
            return ""
        return f"{self.url(self.bibliography)}#{source_fragment(key)}"


def motivations(note: Note) -> list[Motivation]:
    """The note's motivations: its kind's, and ``assessing`` when it assesses a claim."""
    found = [KIND_MOTIVATIONS[note.kind]]
    if note.assessment is not None and "assessing" not in found:
        found.append("assessing")
    return found


def quote_context(text: EditedText, note: Note) -> tuple[str, str]:
    """The reading text just before and just after a note's quote in its paragraph (at most
    :data:`CONTEXT_CHARACTERS` each), whitespace normalised as quotes are matched."""
    block = next(b for b in text.reading_text.paragraphs if b.anchor == note.target)
    reading = normalise(block.edition_text())
    start, end = note.span
    return reading[max(0, start - CONTEXT_CHARACTERS) : start], reading[
        end : end + CONTEXT_CHARACTERS
    ]


def edition_references(edition: Edition, addresses: Addresses) -> Resolver:
    """References resolved from the edition alone: paragraphs and notes link to their place on
    the texts' pages; the registries' entries show their names, without a link (their pages
    are the build's)."""
    paragraphs = {
        block.anchor: (text.siglum, block.number)
        for text in edition.corpus.texts
        for block in text.reading_text.paragraphs
    }
    notes = {note.id: note for note in edition.annotations.notes}
    a = edition.annotations
    names: dict[str, dict[str, str]] = {
        "entity": {entity.id: entity.name for entity in a.entities},
        "topic": {topic.id: topic.title for topic in a.topics},
        "glossary": {term.id: term.term for term in a.terms},
        "event": {event.id: event.title for event in a.events},
        "figure": {figure.id: figure.value for figure in a.figures},
    }

    def resolve(role: str, target: str) -> Link | None:
        if role == "paragraph" and target in paragraphs:
            siglum, number = paragraphs[target]
            return Link(f"{addresses.page(siglum)}#{target}", f"{siglum.upper()} ¶{number}")
        if role == "note" and target in notes:
            note = notes[target]
            name = f"{note.siglum.upper()} note {edition.note_number(note)}"
            return Link(addresses.note(note), name)
        if target in names.get(role, {}):
            return Link("", names[role][target])
        return None

    return resolve


def escape(text: str) -> str:
    """Text escaped for HTML content (``<``, ``>``, ``&``)."""
    return _escape(text, quote=False)


def attribute(value: str) -> str:
    """A value escaped for a quoted HTML attribute."""
    return _escape(value, quote=True)


class _Renderer:
    """A note's body as simple HTML (everything escaped) and as plain text."""

    def __init__(self, bibliography: Bibliography, addresses: Addresses, resolve: Resolver):
        self.bibliography = bibliography
        self.addresses = addresses
        self.resolve = resolve

    def label(self, key: str) -> str:
        source = self.bibliography.sources.get(key)
        return source.label if source is not None else key

    def cite_html(self, key: str) -> str:
        url = self.addresses.source(key)
        label = escape(self.label(key))
        return f'<a href="{attribute(url)}">{label}</a>' if url else label

    def html(self, blocks: tuple[BodyBlock, ...]) -> str:
        return "".join(self.block_html(block) for block in blocks)

    def block_html(self, block: BodyBlock) -> str:
        if block.kind == "paragraph":
            return f"<p>{self.inlines_html(block.inlines)}</p>"
        tag = {"bullet_list": "ul", "ordered_list": "ol", "list_item": "li"}.get(
            block.kind, "blockquote"
        )
        return f"<{tag}>{self.html(block.children)}</{tag}>"

    def inlines_html(self, inlines: tuple[Inline, ...]) -> str:
        parts = []
        for item in inlines:
            if item.kind == "text":
                parts.append(escape(item.text))
            elif item.kind == "code":
                parts.append(f"<code>{escape(item.text)}</code>")
            elif item.kind == "break":
                parts.append("<br>")
            elif item.kind == "cite":
                parts.append(f"({self.cite_html(item.target)})")
            elif item.kind == "foreign":
                parts.append(f'<span lang="{attribute(item.target)}">{escape(item.text)}</span>')
            elif item.kind == "reference":
                link = self.resolve(item.role, item.target)
                shown = escape(item.text or (link.title if link else item.target))
                if link and link.url:
                    parts.append(f'<a href="{attribute(link.url)}">{shown}</a>')
                else:
                    parts.append(shown)
            else:
                inner = self.inlines_html(item.children)
                if item.kind == "link":
                    parts.append(f'<a href="{attribute(item.target)}">{inner}</a>')
                elif item.kind == "strong":
                    parts.append(f"<strong>{inner}</strong>")
                else:
                    parts.append(f"<em>{inner}</em>")
        return "".join(parts)

    def text(self, blocks: tuple[BodyBlock, ...]) -> str:
        return "\n\n".join(self.block_text(block, "") for block in blocks)

    def block_text(self, block: BodyBlock, indent: str) -> str:
        if block.kind == "paragraph":
            return indent + self.inlines_text(block.inlines)
        if block.kind == "quote":
            lines = "\n\n".join(self.block_text(child, "") for child in block.children)
            return "\n".join(f"{indent}> {line}".rstrip() for line in lines.split("\n"))
        if block.kind in ("bullet_list", "ordered_list"):
            items = []
            for number, item in enumerate(block.children, start=1):
                mark = "- " if block.kind == "bullet_list" else f"{number}. "
                inner = "\n".join(self.block_text(child, "") for child in item.children)
                first, *rest = inner.split("\n") or [""]
                following = [f"{indent}{' ' * len(mark)}{line}" if line else "" for line in rest]
                items.append("\n".join([f"{indent}{mark}{first}", *following]))
            return "\n".join(items)
        return "\n".join(self.block_text(child, indent) for child in block.children)

    def inlines_text(self, inlines: tuple[Inline, ...]) -> str:
        parts = []
        for item in inlines:
            if item.kind in ("text", "code", "foreign"):
                parts.append(item.text)
            elif item.kind == "break":
                parts.append("\n")
            elif item.kind == "cite":
                parts.append(f"({self.label(item.target)})")
            elif item.kind == "reference":
                link = self.resolve(item.role, item.target)
                parts.append(item.text or (link.title if link else item.target))
            else:
                parts.append(self.inlines_text(item.children))
        return "".join(parts)

    def sources_html(self, keys: tuple[str, ...]) -> str:
        if not keys:
            return ""
        word = "Sources" if len(keys) > 1 else "Source"
        return f"<p>{word}: {'; '.join(self.cite_html(key) for key in keys)}.</p>"

    def sources_text(self, keys: tuple[str, ...]) -> str:
        if not keys:
            return ""
        word = "Sources" if len(keys) > 1 else "Source"
        return f"{word}: {'; '.join(self.label(key) for key in keys)}."


def note_bodies(
    note: Note, bibliography: Bibliography, addresses: Addresses, resolve: Resolver
) -> list[dict[str, Any]]:
    """A note's bodies: its text in HTML and plain text (a ``Choice``), then its verdict."""
    renderer = _Renderer(bibliography, addresses, resolve)
    html = renderer.html(note.body.blocks) + renderer.sources_html(note.sources)
    text = "\n\n".join(
        part
        for part in (renderer.text(note.body.blocks), renderer.sources_text(note.sources))
        if part
    )
    if note.verdict:
        html = f"<p><em>{escape(note.verdict)}.</em></p>" + html
        text = f"{note.verdict}.\n\n{text}"
    language = addresses.language
    bodies: list[dict[str, Any]] = [
        {
            "type": "Choice",
            "items": [
                {"type": "TextualBody", "format": "text/html", "language": language, "value": html},
                {
                    "type": "TextualBody",
                    "format": "text/plain",
                    "language": language,
                    "value": text,
                },
            ],
        }
    ]
    if note.verdict:
        bodies.append(
            {
                "type": "TextualBody",
                "purpose": "assessing",
                "format": "text/plain",
                "language": language,
                "value": note.verdict,
            }
        )
    return bodies


def note_annotation(
    edition: Edition, note: Note, addresses: Addresses, resolve: Resolver | None = None
) -> dict[str, Any]:
    """One note as a Web Annotation."""
    text = edition.corpus[note.siglum]
    prefix, suffix = quote_context(text, note)
    quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": note.quote}
    if prefix:
        quote["prefix"] = prefix
    if suffix:
        quote["suffix"] = suffix
    found = motivations(note)
    resolver = resolve or addresses.references or edition_references(edition, addresses)
    return {
        "id": addresses.note(note),
        "type": "Annotation",
        "motivation": found[0] if len(found) == 1 else found,
        "creator": {"name": note.author},
        # a note is dated by its day: the annotation, at the start of that day (UTC)
        "created": f"{note.date}T00:00:00Z",
        "body": note_bodies(note, edition.annotations.bibliography, addresses, resolver),
        "target": {
            "type": "SpecificResource",
            "source": addresses.page(note.siglum),
            "selector": {
                "type": "FragmentSelector",
                "conformsTo": HTML_FRAGMENTS,
                "value": fragment("paragraph", note.target),
                "refinedBy": quote,
            },
        },
    }


def annotation_collection(
    edition: Edition, siglum: str, addresses: Addresses, resolve: Resolver | None = None
) -> dict[str, Any]:
    """The collection of a text's notes, its one page embedded as ``first``; a text without
    notes has an empty collection (``total`` 0, no page)."""
    notes = edition.notes_on(siglum)
    collection_id = addresses.collection(siglum)
    title = edition.corpus[siglum].record.title
    collection: dict[str, Any] = {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": f"Editorial notes on {siglum.upper()}, {title}",
        "total": len(notes),
    }
    if notes:
        resolver = resolve or addresses.references or edition_references(edition, addresses)
        page_id = f"{collection_id}#page-1"
        collection["first"] = {
            "id": page_id,
            "type": "AnnotationPage",
            "partOf": collection_id,
            "startIndex": 0,
            "items": [note_annotation(edition, note, addresses, resolver) for note in notes],
        }
        collection["last"] = page_id
    return collection


def collection_json(collection: dict[str, Any]) -> str:
    """A collection as JSON text, the same for the same collection."""
    return indented_json(collection, 2) + "\n"
