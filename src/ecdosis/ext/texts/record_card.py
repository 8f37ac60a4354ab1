"""The header card of a text's page: its bibliographic record."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes

from ecdosis.model.texts.languages import POLYGLOSSIA_NAMES
from ecdosis.model.texts.record import Record


def record_card(record: Record) -> nodes.container:
    card = nodes.container(classes=["edition-record"])
    fields = nodes.field_list(classes=["edition-record-fields"])
    rows: list[tuple[str, nodes.Node]] = [("Siglum", nodes.literal("", record.siglum.upper()))]
    if record.author:
        rows.append(("Author", nodes.Text(record.author)))
    if record.body:
        rows.append(("Issuing body", nodes.Text(record.body)))
    if record.attribution:
        rows.append(("Attribution", nodes.Text(record.attribution)))
    rows.append(("Publication", nodes.Text(record.publication)))
    rows.append(("Date", nodes.Text(record.date)))
    link = nodes.reference("", record.url, refuri=record.url)
    rows.append(("Original", link))
    language = POLYGLOSSIA_NAMES.get(record.language.split("-")[0], record.language)
    rows.append(("Language", nodes.Text(language.capitalize())))
    rows.append(("Rights", nodes.Text(record.rights)))
    rows.append(("Witness", nodes.Text(record.witness.description)))
    for name, value in rows:
        field = nodes.field()
        field += nodes.field_name("", name)
        body = nodes.field_body()
        paragraph = nodes.paragraph()
        paragraph += value
        body += paragraph
        field += body
        fields += field
    card += fields
    return card


def data_links(siglum: str, page: str) -> addnodes.only:
    """ "Download: TEI, annotations": the text as data, in the HTML only (the files are
    published with the HTML; ``page`` is the page's address within the edition)."""
    home = "../" * page.count("/")
    line = nodes.paragraph("", "Download: ", classes=["edition-data"])
    line += nodes.reference("", "TEI", refuri=f"{home}data/tei/{siglum}.xml")
    line += nodes.Text(" (the text with its witness readings), ")
    line += nodes.reference("", "annotations", refuri=f"{home}data/annotations/{siglum}.jsonld")
    line += nodes.Text(" (the notes as W3C Web Annotations).")
    only = addnodes.only(expr="html and not epub")
    only += line
    return only
