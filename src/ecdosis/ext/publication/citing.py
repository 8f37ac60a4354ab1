"""Cite this: the citation of every paragraph and note of a text, in every format.

Each text's page ends with a section "Citing this text" (in HTML, PDF and EPUB): the text's own
citation and, as examples, that of its first paragraph and its first note. In HTML the page
also carries the citations of all its paragraphs and notes (Chicago, MLA, BibTeX, CSL-JSON) as
JSON data, which the page's script shows beside each paragraph and note with copy buttons;
the same data is written next to the page as ``<siglum>.citations.json`` and, as BibTeX,
``<siglum>.citations.bib``, for programs.

The base URL is ``html_baseurl``. One on a host reserved for examples (``example.org``, ``.test``,
...; see :func:`~ecdosis.model.citation.provisional_base`), or none, is a placeholder: the
citations then give addresses relative to the edition's home and call them provisional, and
the Cite dialog shows the address the page is served from instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from ecdosis.configuration import key_from_title
from ecdosis.ext.domain import EditionDomain
from ecdosis.ext.publication.html_translator import HTML_BUILDERS
from ecdosis.ext.publication.output_files import output_file, write_if_changed
from ecdosis.ext.publication.register import metadata_of
from ecdosis.ext.texts.corpus import edition_of
from ecdosis.model.edition import Edition
from ecdosis.model.fragments import is_fragment_of
from ecdosis.model.publication.citing import (
    Citation,
    EditionInfo,
    citations_bibtex,
    citations_json,
    note_citation,
    paragraph_citation,
    text_citation,
)
from ecdosis.model.texts.corpus import EditedText

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

DATA_ID = "edition-citations"


def edition_info(env: BuildEnvironment) -> EditionInfo:
    metadata = metadata_of(env)
    base: str = env.config.html_baseurl or ""
    key: str = env.config.edition_key or key_from_title(metadata.title)
    return EditionInfo(
        metadata.title,
        metadata.editors,
        metadata.version,
        metadata.year,
        base if base.endswith("/") else base + "/",
        key,
        env.config.edition_text_noun,
    )


def published_page(env: BuildEnvironment, docname: str) -> str:
    """The address of a page within the HTML edition, as the builder publishes it: the
    citations of every format point there (the PDF's and the EPUB's to the HTML of ``html``)."""
    builder: str = getattr(getattr(env, "_builder_cls", None), "name", "html")
    if builder == "dirhtml":
        if docname == "index" or docname.endswith("/index"):
            return docname.removesuffix("index")
        return docname + "/"
    suffix: str = env.config.html_file_suffix or ".html"
    if builder == "singlehtml":
        return f"{env.config.root_doc}{suffix}"
    return docname + suffix


def text_citations(
    edition: Edition, text: EditedText, page: str, info: EditionInfo
) -> list[Citation]:
    """The citations of every paragraph, then every note, of a text; a note by the number its
    mark shows (:meth:`~ecdosis.model.edition.Edition.note_number`). Those of the page last
    asked for are kept: its metadata and its data both give them, one after the other."""
    key = (text.siglum, page, info)
    if _LAST["edition"] is not edition or _LAST["key"] != key:
        _LAST.update(edition=edition, key=key, citations=_text_citations(edition, text, page, info))
    return list(_LAST["citations"])


# The citations last found: their edition, their (siglum, page, edition info), and themselves.
_LAST: dict[str, Any] = {"edition": None, "key": None, "citations": ()}


def _text_citations(
    edition: Edition, text: EditedText, page: str, info: EditionInfo, first: bool = False
) -> tuple[Citation, ...]:
    """The citations of the text's paragraphs, then of its notes; with ``first``, of its first
    paragraph and its first note only."""
    record = text.record
    paragraphs = text.reading_text.paragraphs
    notes = edition.notes_on(text.siglum)
    if first:
        paragraphs, notes = paragraphs[:1], notes[:1]
    numbers = {block.anchor: block.number for block in text.reading_text.paragraphs}
    citations = [
        paragraph_citation(record, info, page, block.anchor, block.number) for block in paragraphs
    ]
    for note in notes:
        on, number = numbers[note.target], edition.note_number(note)
        citations.append(note_citation(record, info, page, note.id, note.author, on, number))
    return tuple(citations)


def styled(citation: str, italic: tuple[str, ...]) -> list[nodes.Node]:
    """A citation's text with the first occurrence of each title in ``italic`` emphasised."""
    spans = []
    for title in italic:
        start = citation.find(title)
        if start >= 0:
            spans.append((start, start + len(title)))
    result: list[nodes.Node] = []
    position = 0
    for start, end in sorted(spans):
        if start < position:
            continue
        result.append(nodes.Text(citation[position:start]))
        result.append(nodes.emphasis("", citation[start:end]))
        position = end
    result.append(nodes.Text(citation[position:]))
    return result


def citing_section(
    edition: Edition, text: EditedText, page: str, info: EditionInfo
) -> nodes.section:
    """ "Citing this text": the text's citation and examples for a paragraph and a note."""
    siglum = text.siglum
    label = f"{siglum}-citing"
    section = nodes.section("", ids=[label], names=[label])
    section += nodes.title("", "Citing this text")
    introduction = (
        "Cite the text in this edition as follows (Chicago, then MLA). A paragraph is cited by "
        "its number, a note by its number and the paragraph it is on, each with its own "
        "address, as in the examples below; the HTML edition gives each paragraph and note its "
        "own citation, in BibTeX and CSL-JSON too."
    )
    if info.provisional:
        introduction += (
            " The edition has no permanent address yet: the addresses below are relative to "
            "its home page, and provisional."
        )
    section += nodes.paragraph("", introduction)
    whole = text_citation(text.record, info, page)
    citations = _text_citations(edition, text, page, info, first=True)
    examples = [("This text", whole)]
    if text.reading_text.paragraphs:
        examples.append(("Its first paragraph", citations[0]))
    notes = [c for c in citations if is_fragment_of("note", c.anchor)]
    if notes:
        examples.append(("Its first note", notes[0]))
    for heading, citation in examples:
        section += nodes.rubric("", heading)
        for style, value in (("Chicago", citation.chicago), ("MLA", citation.mla)):
            line = nodes.paragraph(
                "", "", classes=["citation-example", f"citation-{style.lower()}"]
            )
            line += nodes.strong("", f"{style}: ")
            line.extend(styled(value, citation.italic))
            section += line
    return section


def add_citation_data(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: a text's page carries, and is accompanied by, its citations."""
    if app.builder.name not in HTML_BUILDERS:
        return
    domain = EditionDomain.of(app.env)
    siglum = domain.siglum_of(pagename)
    if siglum is None:
        return
    edition = edition_of(app.env)
    text = edition.corpus[siglum]
    page = published_page(app.env, pagename)
    citations = text_citations(edition, text, page, edition_info(app.env))
    data = citations_json(citations)
    for suffix, content in ((".json", data), (".bib", citations_bibtex(citations))):
        write_if_changed(output_file(app.outdir, f"{pagename}.citations{suffix}"), content)
    script = data.replace("</", "<\\/")
    context["body"] = (
        context.get("body", "")
        + f'<script type="application/json" id="{DATA_ID}">{script}</script>'
    )
