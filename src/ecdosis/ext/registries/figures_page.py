"""The key figures: ``{edition-figures}``, each figure with its value, what the sources give,
and the sources. ``{figure}`<id>``` states a figure anywhere in the edition; its link shows the
value registered here and leads to the figure's entry."""

from __future__ import annotations

from docutils import nodes

from ecdosis.ext.registries.edition_page import EditionPage
from ecdosis.model.registries.figures import Figure


class KeyFigures(EditionPage):
    kind = "figures"

    def run(self) -> list[nodes.Node]:
        self.record()
        figures = self.edition.annotations.figures
        if not figures:
            return [nodes.paragraph("", "The edition has no key figures yet.")]
        listing = nodes.definition_list(classes=["edition-figures"])
        listing.extend(self.item(figure) for figure in figures)
        return [listing]

    def item(self, figure: Figure) -> nodes.definition_list_item:
        item = nodes.definition_list_item()
        head = nodes.term()
        # the target's title is the value: a reference to the figure shows it
        head += self.target(figure.anchor, figure.value)
        head += nodes.Text(f"{figure.label}: ")
        head += nodes.strong("", figure.value)
        item += head
        definition = nodes.definition()
        definition.extend(self.body(figure.body, figure.sources))
        item += definition
        return item
