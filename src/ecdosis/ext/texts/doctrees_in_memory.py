"""A bound on the doctrees a serial build holds in memory between reading and writing.

Sphinx keeps every doctree it read in memory until it writes its page (besides the pickle it
writes beside the others), to spare reading it back: the peak memory of a build grows with
the edition, a text's page being large (its reading text, apparatus, notes, witness and
citations). The engine lets Sphinx keep the first :data:`DOCTREES_KEPT` of them (pages are read
and written in the same order, by name) and has it read back the others from their pickles:
the same output, a memory that stops growing past that many pages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

DOCTREES_KEPT = 50


def setup_doctrees_in_memory(app: Sphinx) -> None:
    """Register this feature's handlers."""
    app.connect("doctree-read", bound_kept_doctrees)


def bound_kept_doctrees(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: drop the doctrees Sphinx keeps beyond the bound, the last read first
    (they are written last). The page being read is added after this handler, so at most one
    more is held at any time."""
    kept: dict[str, nodes.document] = getattr(app.env, "_write_doc_doctree_cache", {})
    while len(kept) > DOCTREES_KEPT:
        kept.popitem()
