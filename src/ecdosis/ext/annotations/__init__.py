"""The annotations: notes beside their words, links to the registries, the lines that compare
the texts, and what each page depends on."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_annotations(app: Sphinx) -> None:
    """Notes as sidenotes, the roles that link to the edition's parts, and the pages that an
    edited annotation makes outdated."""
    from ecdosis.ext.annotations.dependencies import note_references, outdated_pages
    from ecdosis.ext.annotations.sidenotes import setup_sidenotes
    from ecdosis.ext.annotations.xrefs import setup_roles

    setup_sidenotes(app)
    setup_roles(app)
    app.connect("env-get-outdated", outdated_pages)
    app.connect("doctree-read", note_references)
