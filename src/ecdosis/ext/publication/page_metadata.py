"""The metadata of the HTML pages, for reference managers and search engines.

Each text's page carries in its ``<head>`` Highwire Press and Dublin Core meta tags and a
schema.org ``Chapter`` (JSON-LD) of the edition, and at the end of its body, hidden, a COinS for
every paragraph and every note; the landing page carries the edition as a schema.org ``Book``
with its chapters. All of it is made from the same citations as the Cite dialog
(:mod:`ecdosis.ext.publication.citing`); see :mod:`ecdosis.model.publication.page_metadata`.

The PDF's address is the base URL and the name of the LaTeX build's first document
(``latex_documents``) with ``.pdf`` for ``.tex``: the PDF is to be published beside the HTML.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ecdosis.ext.domain import EditionDomain
from ecdosis.ext.publication.citing import edition_info, published_page, text_citations
from ecdosis.ext.publication.html_translator import HTML_BUILDERS
from ecdosis.ext.publication.register import metadata_of
from ecdosis.ext.texts.corpus import edition_of
from ecdosis.model.edition import Edition
from ecdosis.model.fragments import fragment
from ecdosis.model.publication.citing import published_address, text_citation
from ecdosis.model.publication.page_metadata import (
    PublishedEdition,
    book,
    chapter,
    coins_block,
    coins_context,
    highwire_tags,
    json_ld,
    meta_tags,
    place_title,
)
from ecdosis.model.texts.corpus import EditedText

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def setup_page_metadata(app: Sphinx) -> None:
    """Register this feature's handlers."""
    app.connect("html-page-context", add_page_metadata)


def published_edition(env: BuildEnvironment) -> PublishedEdition:
    """The edition as its pages describe it, from ``CITATION.cff`` and the configuration."""
    metadata = metadata_of(env)
    return PublishedEdition(
        info=edition_info(env),
        released=metadata.released,
        language=env.config.language or "",
        abstract=metadata.abstract,
        pdf=pdf_name(env.config.latex_documents),
    )


def pdf_name(latex_documents: list[tuple[Any, ...]]) -> str:
    """The file name of the edition's PDF: that of the first LaTeX document, as ``.pdf``."""
    if not latex_documents or len(latex_documents[0]) < 2:
        return ""
    target = str(latex_documents[0][1])
    return target.removesuffix(".tex") + ".pdf" if target.endswith(".tex") else ""


def text_metadata(
    edition: Edition, text: EditedText, page: str, position: int, published: PublishedEdition
) -> tuple[str, str]:
    """What a text's page carries: its ``<head>``'s meta tags and JSON-LD, and the COinS of its
    paragraphs and notes for its body."""
    record = text.record
    whole = text_citation(record, published.info, page)
    head = meta_tags(highwire_tags(record, published, whole))
    head += json_ld(
        chapter(record, published, published_address(published.info, page), position, part_of=True)
    )
    places = {block.anchor: (block.number, 0) for block in text.reading_text.paragraphs}
    for note in edition.notes_on(text.siglum):
        on = places[note.target][0]
        places[fragment("note", note.id)] = (on, edition.note_number(note))
    contexts = [
        coins_context(citation, published, place_title(record, *places[citation.anchor]))
        for citation in text_citations(edition, text, page, published.info)
    ]
    return head, coins_block(contexts)


def edition_metadata(edition: Edition, pages: dict[str, str], published: PublishedEdition) -> str:
    """The JSON-LD of the landing page: the edition as a ``Book`` with its texts as chapters;
    ``pages`` gives each text's address within the edition by its siglum."""
    chapters = [
        chapter(
            text.record,
            published,
            published_address(published.info, pages[text.siglum]),
            position,
            part_of=False,
        )
        for position, text in enumerate(edition.corpus.texts, start=1)
        if text.siglum in pages
    ]
    return json_ld(book(published, chapters))


def add_page_metadata(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: a text's page and the landing page describe themselves."""
    if app.builder.name not in HTML_BUILDERS:
        return
    env = app.env
    domain = EditionDomain.of(env)
    siglum = domain.siglum_of(pagename)
    if siglum is None and pagename != app.config.root_doc:
        return
    edition = edition_of(env)
    published = published_edition(env)
    if siglum is not None:
        text = edition.corpus[siglum]
        position = [t.siglum for t in edition.corpus.texts].index(text.siglum) + 1
        page = published_page(env, pagename)
        head, body = text_metadata(edition, text, page, position, published)
        context["body"] = context.get("body", "") + body
    else:
        pages = {siglum: published_page(env, docname) for siglum, docname in domain.texts.items()}
        head = edition_metadata(edition, pages, published)
    context["metatags"] = context.get("metatags", "") + head
