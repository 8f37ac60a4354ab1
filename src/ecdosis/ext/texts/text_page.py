"""The ``edition-text`` directive: a text's whole page, built from its sources."""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ecdosis.ext.annotations.dependencies import page_inputs
from ecdosis.ext.annotations.mentions import link_mentions
from ecdosis.ext.annotations.notes import attach_notes, notes_section
from ecdosis.ext.annotations.parallels import PARALLELS_CLASS, see_also
from ecdosis.ext.domain import EditionDomain
from ecdosis.ext.nodes import link_target
from ecdosis.ext.publication.changelog import changed_line
from ecdosis.ext.publication.citing import citing_section, edition_info, published_page
from ecdosis.ext.publication.register import register_of
from ecdosis.ext.texts.apparatus import apparatus_section
from ecdosis.ext.texts.corpus import edition_of, text_inputs
from ecdosis.ext.texts.reading_text import (
    head_node,
    inline_nodes,
    intervention_id,
    paragraph_label,
    paragraph_node,
)
from ecdosis.ext.texts.record_card import data_links, record_card
from ecdosis.ext.texts.witness_view import witness_section
from ecdosis.model.texts.reading_text import Intervention


class EditionText(SphinxDirective):
    """Render one text: record card, reading text with its notes, apparatus and witness."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        siglum = directives.unchanged_required(self.arguments[0])
        edition = edition_of(self.env)
        try:
            text = edition.corpus[siglum]
        except KeyError:
            raise self.error(f"no text with siglum {siglum!r} under sources/") from None
        notes = edition.notes_on(siglum)
        reading = text.reading_text
        section = nodes.section("", ids=[siglum], names=[siglum], classes=["edition-text"])
        title = nodes.title("", "")
        title.extend(inline_nodes(siglum, reading.title.segments))
        section += title
        section += record_card(text.record)
        section += data_links(siglum, published_page(self.env, self.env.docname))
        body = nodes.container(classes=["reading-text"])
        domain = EditionDomain.of(self.env)
        std = self.env.domains.standard_domain
        docname = self.env.docname
        register = register_of(self.env)
        std.note_hyperlink_target(siglum, docname, siglum, title.astext())
        numbers = {block.anchor: block.number for block in reading.paragraphs}
        for block in reading.blocks:
            if block.kind == "head":
                body += head_node(siglum, block)
            elif block.kind == "paragraph":
                paragraph = paragraph_node(siglum, block)
                body += paragraph
                link_mentions(paragraph, block.anchor, edition)
                on_paragraph = tuple(note for note in notes if note.target == block.anchor)
                body.extend(attach_notes(self.state.document, paragraph, on_paragraph, edition))
                parallels = see_also(block.anchor, siglum, edition)
                changed = changed_line(register.anchors.get((docname, block.anchor)))
                if changed is not None:
                    if parallels is None:
                        parallels = nodes.container(classes=[PARALLELS_CLASS])
                    parallels.insert(0, changed)
                if parallels is not None:
                    body += parallels
                label = paragraph_label(siglum, block.number)
                std.note_hyperlink_target(block.anchor, docname, block.anchor, label)
                domain.note_paragraph(siglum, block.anchor, block.number, docname)
            elif block.kind == "residue":
                (item,) = block.segments
                assert isinstance(item, Intervention)
                body += link_target(ids=[intervention_id(siglum, item)])
        section += body
        for note in notes:
            name = f"{siglum.upper()} note {edition.note_number(note)}"
            std.note_hyperlink_target(note.anchor, docname, note.anchor, name)
            domain.note_note(note.id, docname, siglum, note.target)
        # what makes the page outdated: the files it is made from (``outdated_texts``)
        domain.text_inputs[docname] = text_inputs(self.env, siglum, text.folder)
        domain.inputs[docname] = (("text", siglum, page_inputs(edition, "text", siglum)),)
        apparatus = apparatus_section(text)
        apparatus += notes_section(siglum, notes, numbers, edition)
        section += apparatus
        witness = witness_section(text)
        section += witness
        page = published_page(self.env, docname)
        citing = citing_section(edition, text, page, edition_info(self.env))
        section += citing
        parts = (apparatus, *apparatus.findall(nodes.section, include_self=False), witness, citing)
        for part in parts:
            (name,) = part["ids"]
            heading = part[0].astext()
            std.note_hyperlink_target(name, docname, name, f"{siglum.upper()}, {heading}")
        domain.note_text(siglum, docname)
        return [section]
