"""The textual apparatus: every intervention of a text, and its rejoined line-end splits."""

from __future__ import annotations

from docutils import nodes

from ecdosis.ext.nodes import link_target
from ecdosis.ext.publication.tables import table
from ecdosis.ext.texts.reading_text import apparatus_entry_id, intervention_id, paragraph_label
from ecdosis.model.texts.corpus import EditedText
from ecdosis.model.texts.reading_text import Block, Intervention

_COLUMNS = (("No.", 8), ("¶", 9), ("Reading text", 27), ("Witness", 35), ("Intervention", 21))


def apparatus_section(text: EditedText) -> nodes.section:
    siglum = text.siglum
    section = nodes.section("", ids=[f"{siglum}-apparatus"], names=[f"{siglum}-apparatus"])
    section += nodes.title("", "Textual apparatus")
    section += nodes.paragraph(
        "",
        "Every difference between the reading text and the witness, in the order of the "
        "text. Each reading-text entry links back to its place; a line break of the witness "
        "is shown as “|”.",
    )
    section += _table(text)
    section += _rejoins(text)
    return section


def _table(text: EditedText) -> nodes.table:
    rows = (
        _entry(text.siglum, item, block)
        for block in text.reading_text.blocks
        for item in block.segments
        if isinstance(item, Intervention)
    )
    return table(_COLUMNS, rows, ["apparatus", "longtable"])


def _entry(siglum: str, item: Intervention, block: Block) -> list[nodes.Node]:
    number = nodes.paragraph("", "")
    number += link_target(ids=[apparatus_entry_id(siglum, item)])
    number += nodes.Text(str(item.number))
    place = nodes.paragraph("", "")
    if block.kind == "paragraph":
        place += nodes.reference(
            "", paragraph_label(siglum, block.number), internal=True, refid=block.anchor
        )
    else:
        place += nodes.Text({"title": "title", "head": "heading"}.get(block.kind, "—"))
    lemma = nodes.paragraph("", "")
    # The PDF cannot hold a link target inside a heading: link to the heading's text instead.
    target = siglum if block.kind == "title" else intervention_id(siglum, item)
    back = nodes.reference("", "", internal=True, refid=target)
    back += nodes.Text(item.lemma if item.lemma else "(omitted)")
    lemma += back
    witness = nodes.paragraph("", "")
    if item.witness:
        witness += nodes.literal(
            "", " | ".join(line.strip() for line in item.witness.splitlines() if line.strip())
        )
    else:
        witness += nodes.Text("(absent)")
    kind = nodes.paragraph("", item.label)
    if item.description:
        kind += nodes.Text(f": {item.description}")
    return [number, place, lemma, witness, kind]


def _rejoins(text: EditedText) -> nodes.Element:
    siglum = text.siglum
    container = nodes.container(classes=["apparatus-rejoins"])
    if not text.rejoins:
        container += nodes.paragraph(
            "", "Words split at a line end of the witness: none in this witness."
        )
        return container
    container += nodes.paragraph(
        "",
        f"Words split at a line end of the witness and rejoined in the reading text, "
        f"without a mark in the text ({len(text.rejoins)}):",
    )
    listing = nodes.paragraph("", "", classes=["rejoin-list"])
    numbers = {block.anchor: block.number for block in text.reading_text.paragraphs}
    for index, rejoin in enumerate(text.rejoins):
        if index:
            listing += nodes.Text("; ")
        if rejoin.anchor:
            listing += nodes.reference(
                "",
                paragraph_label(siglum, numbers[rejoin.anchor]),
                internal=True,
                refid=rejoin.anchor,
            )
            listing += nodes.Text(" ")
        listing += nodes.emphasis("", rejoin.word.strip(".,;:?!\"'()"))
        listing += nodes.Text(" (")
        listing += nodes.literal("", "|".join(rejoin.parts))
        listing += nodes.Text(f", witness line {rejoin.witness_line})")
    container += listing
    return container
