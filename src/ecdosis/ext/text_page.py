"""The ``edition-text`` directive: a text's whole page, built from its sources."""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ecdosis.ext.apparatus import apparatus_section
from ecdosis.ext.corpus import corpus_of
from ecdosis.ext.domain import EditionDomain
from ecdosis.ext.nodes import anchor
from ecdosis.ext.reading_text import (
    head_node,
    inline_nodes,
    intervention_id,
    paragraph_label,
    paragraph_node,
)
from ecdosis.ext.record_card import record_card
from ecdosis.ext.witness_view import witness_section
from ecdosis.model.reading_text import Intervention


class EditionText(SphinxDirective):
    """Render one text: record card, reading text, textual apparatus and witness."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        siglum = directives.unchanged_required(self.arguments[0])
        corpus = corpus_of(self.env)
        try:
            text = corpus[siglum]
        except KeyError:
            raise self.error(f"no text with siglum {siglum!r} under sources/") from None
        for path in text.files:
            self.env.note_dependency(str(path))
        reading = text.reading_text
        section = nodes.section("", ids=[siglum], names=[siglum], classes=["edition-text"])
        title = nodes.title("", "")
        title.extend(inline_nodes(siglum, reading.title.segments))
        section += title
        section += record_card(text.record)
        body = nodes.container(classes=["reading-text"])
        domain = self.env.domains[EditionDomain.name]
        assert isinstance(domain, EditionDomain)
        std = self.env.domains.standard_domain
        docname = self.env.docname
        std.note_hyperlink_target(siglum, docname, siglum, title.astext())
        for block in reading.blocks:
            if block.kind == "head":
                body += head_node(siglum, block)
            elif block.kind == "paragraph":
                body += paragraph_node(siglum, block)
                label = paragraph_label(siglum, block.number)
                std.note_hyperlink_target(block.anchor, docname, block.anchor, label)
                domain.note_paragraph(siglum, block.anchor, block.number, docname)
            elif block.kind == "residue":
                (item,) = block.segments
                assert isinstance(item, Intervention)
                body += anchor(ids=[intervention_id(siglum, item)])
        section += body
        section += apparatus_section(text)
        section += witness_section(text)
        domain.note_text(siglum, docname)
        return [section]
