"""The edition's navigation, made from tables of contents cut to their titles once per build,
is the HTML that Sphinx makes from the whole tables of contents, on every page."""

from __future__ import annotations

import pytest
from docutils import nodes
from sphinx import addnodes
from sphinx.testing.util import SphinxTestApp

from ecdosis.ext.publication.site_navigation import (
    THEME_NAVIGATION,
    _cut_tocs,
    _navigation,
    _plan,
    titles_only,
)

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


@pytest.mark.sphinx("html", testroot="small", copy_test_root=True)
def test_the_theme_navigation_is_written_as_sphinx_writes_it(app: SphinxTestApp) -> None:
    app.build()
    plan = _plan(app.env)
    assert plan is not None and len(plan.groups) >= 2
    for docname in sorted(app.env.found_docs):
        made = _navigation(plan, app.builder, docname)
        expected = app.builder._get_local_toctree(docname, **THEME_NAVIGATION)  # type: ignore[attr-defined]
        assert made == expected, docname
    assert 'class="current reference internal" href="#"' in (made or "")


@pytest.mark.sphinx("html", testroot="small", copy_test_root=True)
def test_a_numbered_table_of_contents_is_left_to_sphinx(app: SphinxTestApp) -> None:
    index = app.srcdir / "index.md"
    index.write_text(index.read_text("utf-8").replace(":hidden:", ":hidden:\n:numbered:"), "utf-8")
    app.build()
    assert _plan(app.env) is None
    nav = app.builder._get_local_toctree("synopsis", **THEME_NAVIGATION)  # type: ignore[attr-defined]
    assert ">1. Synopsis</a>" in nav and ">2. Timeline</a>" in nav


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
