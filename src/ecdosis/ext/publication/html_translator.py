"""The HTML translator of the edition's pages: Sphinx's own, with the bibliography's entries as
the items of their list (docutils marks each with ``doc-biblioentry``, a role ARIA 1.2 deprecates
and that assistive technology may ignore), and each table in a box of its own that scrolls when
the table is wider than the screen (so the page never scrolls sideways, and the table keeps its
semantics, which a table set as a block loses in some browsers)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.errors import SphinxError
from sphinx.writers.html5 import HTML5Translator

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

# The builders that write the HTML edition (the EPUB builder writes HTML too, for its own use).
HTML_BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})


def patch_written(body: list[str], old: str, new: str, at: int = -1) -> None:
    """Replace ``old`` by ``new`` in what a translator's own visitor just wrote (``body[at]``,
    its last piece unless told), to change one attribute rather than copy the visitor."""
    if old not in body[at]:
        raise SphinxError(
            f"the HTML translator changed: expected {old!r} in what it wrote, {body[at]!r}"
        )
    body[at] = body[at].replace(old, new, 1)


class BibliographyEntries(HTML5Translator):
    """Bibliography entries (docutils' citations) as the items of a list; tables in a box."""

    def visit_citation(self, node: nodes.citation) -> None:
        super().visit_citation(node)
        patch_written(self.body, 'role="doc-biblioentry"', 'role="listitem"')

    def visit_table(self, node: nodes.table) -> None:
        self.body.append('<div class="table-wrapper">\n')
        super().visit_table(node)

    def depart_table(self, node: nodes.table) -> None:
        super().depart_table(node)
        self.body.append("</div>\n")


def setup_html_translator(app: Sphinx) -> None:
    for builder in HTML_BUILDERS:
        app.set_translator(builder, BibliographyEntries, override=True)
