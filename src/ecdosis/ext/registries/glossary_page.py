"""The glossary: ``{edition-glossary}``, every term with its definition and sources, and the
first use of the term in each text."""

from __future__ import annotations

from docutils import nodes

from ecdosis.ext.nodes import foreign_words
from ecdosis.ext.registries.edition_page import EditionPage, paragraph_links
from ecdosis.model.registries.glossary import Term


class Glossary(EditionPage):
    kind = "glossary"

    def run(self) -> list[nodes.Node]:
        self.record()
        terms = sorted(self.edition.annotations.terms, key=lambda t: (t.term.casefold(), t.id))
        if not terms:
            return [nodes.paragraph("", "The glossary has no terms yet.")]
        listing = nodes.definition_list(classes=["edition-glossary"])
        listing.extend(self.item(term) for term in terms)
        return [listing]

    def item(self, term: Term) -> nodes.definition_list_item:
        item = nodes.definition_list_item()
        head = nodes.term()
        head += self.target(term.anchor, term.term)
        words = foreign_words(term.term, term.language) if term.language else nodes.Text(term.term)
        head += nodes.strong("", "", words)
        if term.expansion:
            head += nodes.Text(f" ({term.expansion})")
        item += head
        definition = nodes.definition()
        definition.extend(self.body(term.body, term.sources))
        uses = [m.paragraph for m in self.edition.mentions.terms if m.key == term.id]
        if uses:
            definition += nodes.paragraph(
                "", "First used in: ", *paragraph_links(uses), classes=["term-uses"]
            )
        item += definition
        return item
