"""The header card of a text's page: its bibliographic record."""

from __future__ import annotations

from docutils import nodes

from ecdosis.model.texts.record import Record

_LANGUAGES = {"en": "English", "es": "Spanish", "fr": "French", "de": "German"}


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
    rows.append(("Language", nodes.Text(_LANGUAGES.get(record.language, record.language))))
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
