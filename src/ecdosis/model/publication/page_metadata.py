"""What a text's page says about itself to reference managers and search engines.

Three vocabularies, all made from the same citations as the Cite dialog (:mod:`.citing`), so
that a page says one thing about itself whoever reads it:

- Highwire Press ``<meta name="citation_…">`` tags (read by Zotero's Embedded Metadata
  translator, Google Scholar and others), with Dublin Core where it says what they cannot (the
  text's summary and rights statement): the text as a chapter of the edition;
- COinS (``<span class="Z3988" title="…">``, an OpenURL ContextObject), one for every
  paragraph and every note, so that Zotero offers each as an item of its own;
- schema.org JSON-LD: the edition as a ``Book``, each text a ``Chapter`` of it, based on
  (``isBasedOn``) the original statement.

While the edition has no permanent address (:attr:`~.citing.EditionInfo.provisional`), no
address is given at all: not the page's, not the PDF's, not the edition's (a reference manager
then takes the address the page is served from).

This module knows nothing of Sphinx.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from ecdosis.model.json_text import indented_json
from ecdosis.model.publication.citing import Citation, EditionInfo, note_name
from ecdosis.model.texts.record import Record

CONTEXT_VERSION = "Z39.88-2004"
BOOK_FORMAT = "info:ofi/fmt:kev:mtx:book"
COINS_CLASS = "Z3988"
SCHEMA_ORG = "https://schema.org"


@dataclass(frozen=True)
class PublishedEdition:
    """The edition as its pages describe it: what its citations say (``info``) and what they
    leave out."""

    info: EditionInfo
    released: str  # ISO date of this version's release: "2026-11-21"
    language: str = ""  # BCP 47 tag of the edition's own pages: "en"
    abstract: str = ""  # a sentence that says what the edition is
    pdf: str = ""  # the PDF's address within the edition ("edition.pdf"); "" if none

    def address(self, path: str) -> str:
        """The absolute address of ``path`` within the edition; "" while it is provisional."""
        return "" if self.info.provisional else self.info.base_url + path

    @property
    def pdf_url(self) -> str:
        return self.address(self.pdf) if self.pdf else ""


# Highwire Press and Dublin Core


def highwire_tags(
    record: Record, edition: PublishedEdition, text: Citation
) -> list[tuple[str, str]]:
    """The ``(name, content)`` of every meta tag of a text's page, ``text`` being the citation
    of the whole text: Highwire Press, then Dublin Core where it adds."""
    csl = text.csl
    tags = [("citation_title", str(csl["title"]))]
    tags += [("citation_author", _written_name(name)) for name in csl["author"]]
    tags += [
        ("citation_publication_date", edition.released.replace("-", "/")),
        # citation_book_title makes Zotero's item a book section; Google Scholar reads the other
        ("citation_book_title", str(csl["container-title"])),
        ("citation_inbook_title", str(csl["container-title"])),
    ]
    tags += [("citation_editor", _written_name(name)) for name in csl["editor"]]
    tags += [
        ("citation_publisher", edition.info.editors),
        ("citation_language", str(csl["language"])),
    ]
    if not text.provisional:
        tags.append(("citation_public_url", text.url))
    if edition.pdf_url:
        tags.append(("citation_pdf_url", edition.pdf_url))
    # Dublin Core: what Highwire cannot say. Not DC.source, which Zotero takes for the title of
    # the book the chapter is in.
    tags += [
        ("DC.type", "Text"),
        ("DC.description", record.summary),
        ("DC.rights", record.rights),
    ]
    return [(name, content) for name, content in tags if content]


def meta_tags(tags: Sequence[tuple[str, str]]) -> str:
    """Tags as ``<meta>`` elements, one a line, their contents escaped for an attribute."""
    return "".join(
        f'<meta name="{html.escape(name)}" content="{html.escape(content)}">\n'
        for name, content in tags
    )


def _written_name(name: dict[str, Any]) -> str:
    """A CSL name as Highwire and OpenURL write it: "Family, Given", or the name as it is."""
    if name.get("family") and name.get("given"):
        return f"{name['family']}, {name['given']}"
    return str(name.get("literal") or name.get("family") or "")


# COinS


def place_title(record: Record, paragraph: int, note: int = 0) -> str:
    """The title a reference manager gives the item of one place of a text, so that the places
    of a page are told apart: "A Test Statement, ¶3"; a note's: "Note 2 on ¶1 of “A Test
    Statement”"."""
    title = record.title.replace("“", "‘").replace("”", "’").replace('"', "'")
    if note:
        return f"{note_name(note, paragraph, capital=True)} of “{title}”"
    return f"{record.title}, ¶{paragraph}"


def coins_context(citation: Citation, edition: PublishedEdition, title: str) -> str:
    """The OpenURL ContextObject (KEV, URL-encoded) of one cited place: a book item (a
    chapter) titled ``title``, by the citation's author, in the edition."""
    csl = citation.csl
    pairs = [
        ("ctx_ver", CONTEXT_VERSION),
        ("rft_val_fmt", BOOK_FORMAT),
        ("rft.genre", "bookitem"),
        ("rft.atitle", title),
        ("rft.btitle", str(csl["container-title"])),
    ]
    for name in csl["author"]:
        if name.get("literal"):
            pairs.append(("rft.aucorp", str(name["literal"])))
        else:
            pairs.append(("rft.au", _written_name(name)))
    pairs += [("rft.pub", edition.info.editors), ("rft.date", edition.released)]
    if not citation.provisional:
        pairs.append(("rft_id", citation.url))
    return urlencode([(key, value) for key, value in pairs if value])


def coins_span(context: str) -> str:
    """A COinS element: an empty span whose title is the ContextObject."""
    return f'<span class="{COINS_CLASS}" title="{html.escape(context)}"></span>'


def coins_block(contexts: Sequence[str]) -> str:
    """The COinS of a page, in one hidden container: reference managers read the whole page,
    readers and assistive technologies none of it."""
    spans = "".join(coins_span(context) for context in contexts)
    return f'<div class="coins" hidden>{spans}</div>' if spans else ""


# schema.org JSON-LD


def book(edition: PublishedEdition, chapters: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    """The edition as a schema.org ``Book``; with its ``chapters`` as ``hasPart``."""
    info = edition.info
    data: dict[str, Any] = {"@type": "Book"}
    home = edition.address("")
    if home:
        data["@id"] = home
    data.update(
        {
            "name": info.title,
            "description": edition.abstract,
            "editor": _organisation(info.editors),
            "publisher": _organisation(info.editors),
            "version": info.version,
            "datePublished": edition.released,
            "inLanguage": edition.language,
            "url": home,
        }
    )
    if edition.pdf_url:
        data["encoding"] = {
            "@type": "MediaObject",
            "encodingFormat": "application/pdf",
            "contentUrl": edition.pdf_url,
        }
    if chapters:
        data["hasPart"] = list(chapters)
    return _without_empty(data)


def chapter(
    record: Record, edition: PublishedEdition, url: str, position: int, *, part_of: bool
) -> dict[str, Any]:
    """A text as a schema.org ``Chapter`` of the edition (``url`` is the text's published
    address, :func:`~ecdosis.model.publication.citing.published_address`, "" while it is
    provisional; ``position`` its place among the texts, from 1, in the order of their dates),
    based on the original. With ``part_of``, it names the edition it is part of
    (``isPartOf``)."""
    data: dict[str, Any] = {"@type": "Chapter"}
    if url:
        data["@id"] = url
    data.update(
        {
            "name": record.title,
            "position": position,
            "author": _author(record),
            "editor": _organisation(edition.info.editors),
            "datePublished": edition.released,
            "inLanguage": record.language,
            "description": record.summary,
            "url": url,
            "isBasedOn": _original(record),
        }
    )
    if part_of:
        data["isPartOf"] = book(edition)
    return _without_empty(data)


def json_ld(data: dict[str, Any]) -> str:
    """A ``<script type="application/ld+json">`` with ``data`` in the schema.org context; no
    ``<`` in it, so no ``</script>`` or ``<!--`` can end or change the script."""
    text = indented_json({"@context": SCHEMA_ORG, **data}, 1)
    text = text.replace("<", "\\u003c")
    return f'<script type="application/ld+json">{text}</script>\n'


def _author(record: Record) -> dict[str, Any]:
    """Who the text is by: its author, a person (of the issuing body, if any), or else the
    issuing body."""
    if record.author:
        person: dict[str, Any] = {"@type": "Person", "name": record.author}
        if record.body:
            person["affiliation"] = _organisation(record.body)
        return person
    return _organisation(record.body)


def _original(record: Record) -> dict[str, Any]:
    """The statement as first published: a schema.org ``CreativeWork``."""
    data: dict[str, Any] = {
        "@type": "CreativeWork",
        "name": record.title,
        "author": _author(record),
        "datePublished": record.date,
        "inLanguage": record.language,
        "url": record.url,
        "description": record.publication,
        "copyrightNotice": record.rights,
    }
    if record.periodical:
        data["isPartOf"] = {"@type": "Periodical", "name": record.periodical}
    return data


def _organisation(name: str) -> dict[str, str]:
    return {"@type": "Organization", "name": name}


def _without_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value not in ("", None, [], {})}
