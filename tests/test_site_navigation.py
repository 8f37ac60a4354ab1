"""The edition's navigation, made from tables of contents cut to their titles once per build,
is the HTML that Sphinx makes from the whole tables of contents, on every page."""

from __future__ import annotations

import pytest
from docutils import nodes
from sphinx import addnodes
from sphinx.testing.util import SphinxTestApp

from ecdosis.ext.publication.site_navigation import _cut_tocs, titles_only

OPTIONS = [
    {"titles_only": True, "collapse": False, "includehidden": True, "maxdepth": 1},
    {"titles_only": True, "collapse": False, "includehidden": True, "maxdepth": 2},
    {"titles_only": True, "collapse": False, "includehidden": False, "maxdepth": -1},
]


@pytest.mark.sphinx("html", testroot="small", copy_test_root=True)
def test_every_pages_navigation_is_sphinxs(app: SphinxTestApp) -> None:
    app.build()
    env, builder = app.env, app.builder
    whole = env.tocs
    assert any(len(list(toc.findall(nodes.list_item))) > 1 for toc in whole.values())
    for docname in sorted(env.found_docs):
        for options in OPTIONS:
            expected = builder._get_local_toctree(docname, **options)  # type: ignore[attr-defined]
            env.tocs = _cut_tocs(env)
            try:
                made = builder._get_local_toctree(docname, **options)  # type: ignore[attr-defined]
            finally:
                env.tocs = whole
            assert made == expected, (docname, options)


def test_a_cut_entry_keeps_its_title_and_nested_tables_of_contents() -> None:
    def entry(title: str, *children: nodes.Node) -> nodes.list_item:
        reference = nodes.reference("", title, internal=True, refuri="page", anchorname="")
        return nodes.list_item("", addnodes.compact_paragraph("", "", reference), *children)

    nested = addnodes.toctree(entries=[(None, "other")])
    sections = nodes.bullet_list("", entry("A section", nodes.bullet_list("", nested)))
    toc = nodes.bullet_list("", entry("The page", sections), entry("A second title"))
    cut = titles_only(toc)
    assert [item.astext() for item in cut.findall(addnodes.compact_paragraph)] == [
        "The page",
        "A second title",
    ]
    assert [t["entries"] for t in cut.findall(addnodes.toctree)] == [[(None, "other")]]
    assert "A section" in toc.astext()  # the whole one is left as it was
