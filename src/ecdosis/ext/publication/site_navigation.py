"""The edition's navigation on every HTML page (the theme's list of the edition's pages, a
titles-only table of contents) made from tables of contents cut to the titles once per build.

Sphinx makes each page's navigation by copying the whole table of contents of every page it
lists and then cutting it to the titles: the cost of a build grows with the number of pages
times the number of pages, times their sections. Here the tables of contents are cut to what
a titles-only navigation keeps (each top-level entry's title, and the tables of contents of
other pages nested in it) once, and Sphinx makes each page's navigation from those: the same
HTML, at the cost of the titles alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from docutils import nodes
from sphinx import addnodes

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

# Per environment: the tables of contents cut from (the environment's ``tocs``) and the cut ones.
_CUT: WeakKeyDictionary[BuildEnvironment, tuple[dict[str, Any], dict[str, nodes.bullet_list]]]
_CUT = WeakKeyDictionary()


def setup_site_navigation(app: Sphinx) -> None:
    """Register this feature's handlers."""
    app.connect("html-page-context", titles_only_navigation)


def titles_only(toc: nodes.bullet_list) -> nodes.bullet_list:
    """A page's table of contents as a titles-only navigation keeps it: each top-level entry
    with its title, its nested tables of contents (``toctree`` nodes) in place of its sections,
    as Sphinx cuts it (``sphinx.environment.adapters.toctree._entries_from_toctree``). What is
    not an entry (an ``only`` node, which Sphinx resolves first) is kept whole."""
    cut = toc.copy()
    for item in toc.children:
        if not isinstance(item, nodes.list_item) or len(item) < 2:
            cut += item.deepcopy()
            continue
        kept = item.copy()
        kept += item[0].deepcopy()
        subtrees = [subtree.deepcopy() for subtree in item.findall(addnodes.toctree)]
        if subtrees:
            nested = item[1].copy()
            assert isinstance(nested, nodes.Element)
            nested.extend(subtrees)
            kept += nested
        for rest in item.children[2:]:
            kept += rest.deepcopy()
        cut += kept
    return cut


def _cut_tocs(env: BuildEnvironment) -> dict[str, nodes.bullet_list]:
    """Every page's table of contents cut to its titles, but for a page that limits its own
    depth (``tocdepth``), which Sphinx applies before it cuts: that one is left whole."""
    found = _CUT.get(env)
    if found is not None and found[0] is env.tocs:
        return found[1]
    cut = {
        docname: toc if env.metadata.get(docname, {}).get("tocdepth") else titles_only(toc)
        for docname, toc in env.tocs.items()
    }
    _CUT[env] = (env.tocs, cut)
    return cut


def titles_only_navigation(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: the template's ``toctree()``, called with ``titles_only`` and
    not collapsed, made from the cut tables of contents."""
    sphinx_toctree: Callable[..., str] | None = context.get("toctree")
    if sphinx_toctree is None:
        return
    env = app.env

    def toctree(**options: Any) -> str:
        # a collapsed navigation keeps sections by another rule, before it cuts
        if not options.get("titles_only") or options.get("collapse", True):
            return sphinx_toctree(**options)
        whole = env.tocs
        env.tocs = _cut_tocs(env)
        try:
            return sphinx_toctree(**options)
        finally:
            env.tocs = whole

    context["toctree"] = toctree
