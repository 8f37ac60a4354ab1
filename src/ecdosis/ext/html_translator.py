"""The HTML translator of the edition's pages: Sphinx's own, with the bibliography's entries as
the items of their list (docutils marks each with ``doc-biblioentry``, a role ARIA 1.2 deprecates
and that assistive technology may ignore)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.writers.html5 import HTML5Translator

if TYPE_CHECKING:
    from docutils.nodes import Element
    from sphinx.application import Sphinx

# The builders that write the HTML edition (the EPUB builder writes HTML too, for its own use).
HTML_BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})


class BibliographyEntries(HTML5Translator):
    """Bibliography entries (docutils' citations) as the items of a list."""

    def visit_citation(self, node: Element) -> None:
        if not isinstance(node.previous_sibling(), type(node)):
            self.body.append('<div role="list" class="citation-list">\n')
        self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


def setup_html_translator(app: Sphinx) -> None:
    for builder in HTML_BUILDERS:
        app.set_translator(builder, BibliographyEntries, override=True)
