"""Titles in navigation stay plain text.

A reading text's title may hold interventions, which render as links. Sphinx copies titles into
the table of contents and the navigation, where a link inside a link is invalid: there, keep only
the lemma.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ecdosis.ext.nodes import intervention

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx


def plain_navigation_titles(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``, after Sphinx's collectors: unwrap interventions in the title copies."""
    env = app.env
    docname = env.docname
    for tree in (env.titles.get(docname), env.longtitles.get(docname), env.tocs.get(docname)):
        if tree is None:
            continue
        for node in list(tree.findall(intervention)):
            parent = node.parent
            index = parent.index(node)
            parent.remove(node)
            for offset, child in enumerate(node.children):
                parent.insert(index + offset, child.deepcopy())
