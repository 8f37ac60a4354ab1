"""The edition's navigation on every HTML page (the theme's list of the edition's pages, a
titles-only table of contents of one level), made without copying every page's table of
contents for every page.

Sphinx makes each page's navigation by copying the table of contents of every page it lists,
then cutting it to the titles, as docutils nodes: the cost of a build grows with the number of
pages times the number of pages, times their sections. Here:

- the navigation of one level, the theme's, is planned once per build (each ``toctree`` of the
  root page, its caption and its pages' titles) and written for each page as Sphinx writes it,
  its links relative to the page and its own entry marked current. Where the plan does not
  hold (a numbered or nested table of contents, an address or ``self`` as an entry, a title
  with markup, a page listed below the first level), Sphinx makes it;
- any other titles-only navigation is made by Sphinx from tables of contents cut to what it
  keeps (each top-level entry's title, and the tables of contents nested in it), once.

A test compares both with Sphinx's own on every page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from docutils import nodes
from sphinx import addnodes
from sphinx.builders import Builder
from sphinx.util import url_re
from sphinx.writers.html5 import HTML5Translator

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

# Per environment: the tables of contents cut from (the environment's ``tocs``) and the cut ones.
_CUT: WeakKeyDictionary[BuildEnvironment, tuple[dict[str, Any], dict[str, nodes.bullet_list]]]
_CUT = WeakKeyDictionary()
# The theme's navigation: titles only, one level, not collapsed, hidden tables of contents too.
THEME_NAVIGATION = {"titles_only": True, "collapse": False, "includehidden": True, "maxdepth": 1}
_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9._/~-]*\Z")


@dataclass(frozen=True)
class _Group:
    """One ``toctree`` of the root page: its caption (as HTML, ``""`` if none) and its pages
    with their titles (as HTML)."""

    caption: str
    pages: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class _Plan:
    groups: tuple[_Group, ...]
    listed: frozenset[str]  # the pages listed, at any level, by any table of contents


_PLANS: WeakKeyDictionary[BuildEnvironment, tuple[dict[str, Any], _Plan | None]]
_PLANS = WeakKeyDictionary()


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


def _encode(text: str) -> str:
    return text.translate(HTML5Translator.special_characters)


def _plan(env: BuildEnvironment) -> _Plan | None:
    """The theme's navigation as planned for this build, ``None`` where Sphinx must make it."""
    found = _PLANS.get(env)
    if found is not None and found[0] is env.tocs:
        return found[1]
    plan = _make_plan(env)
    _PLANS[env] = (env.tocs, plan)
    return plan


def _make_plan(env: BuildEnvironment) -> _Plan | None:
    root: str = env.config.root_doc
    if root not in env.found_docs:
        return None
    groups = []
    for toctree in env.get_doctree(root).findall(addnodes.toctree):
        if toctree.get("numbered"):  # the titles are numbered
            return None
        pages = []
        for title, page in toctree["entries"]:
            toc = env.tocs.get(page)
            if page == root or url_re.match(page) or toc is None or len(toc) != 1:
                return None
            entry = toc[0]
            if not isinstance(entry, nodes.list_item) or not entry.children:
                return None
            paragraph = entry[0]
            if not isinstance(paragraph, addnodes.compact_paragraph) or len(paragraph) != 1:
                return None
            reference = paragraph[0]
            if not isinstance(reference, nodes.reference) or reference.get("anchorname"):
                return None
            if not title and not all(isinstance(n, nodes.Text) for n in reference.children):
                return None
            pages.append((page, _encode(title or reference.astext())))
        if not pages:
            return None
        caption = toctree.get("caption")
        groups.append(_Group(_encode(caption) if caption else "", tuple(pages)))
    listed = frozenset(page for included in env.toctree_includes.values() for page in included)
    return _Plan(tuple(groups), listed)


def _navigation(plan: _Plan, builder: Builder, pagename: str) -> str | None:
    """The theme's navigation of ``pagename``, as Sphinx writes it; ``None`` for a page the
    plan does not cover (one listed below the first level) or an address to escape."""
    first_level = {page for group in plan.groups for page, _ in group.pages}
    if pagename in plan.listed and pagename not in first_level:
        return None
    out = []
    for group in plan.groups:
        if group.caption:
            out.append(
                '<p class="caption" role="heading"><span class="caption-text">'
                f"{group.caption}</span></p>\n"
            )
        here = any(page == pagename for page, _ in group.pages)
        out.append('<ul class="current">\n' if here else "<ul>\n")
        for page, title in group.pages:
            if page == pagename:
                out.append(
                    '<li class="toctree-l1 current"><a class="current reference internal" '
                    f'href="#">{title}</a></li>\n'
                )
                continue
            href = builder.get_relative_uri(pagename, page)
            if not _PLAIN_ADDRESS.match(href):
                return None
            out.append(
                f'<li class="toctree-l1"><a class="reference internal" href="{href}">{title}'
                "</a></li>\n"
            )
        out.append("</ul>\n")
    return "".join(out)


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
        if _is_theme_navigation(options) and _plain_builder(app.builder):
            plan = _plan(env)
            made = _navigation(plan, app.builder, pagename) if plan is not None else None
            if made is not None:
                return made
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


def _is_theme_navigation(options: dict[str, Any]) -> bool:
    try:
        return {**options, "maxdepth": int(options.get("maxdepth", 0))} == THEME_NAVIGATION
    except (TypeError, ValueError):
        return False


def _plain_builder(builder: Builder) -> bool:
    """Whether the builder's links between pages are Sphinx's relative ones (not those of
    the single-page builder, which overrides them)."""
    return type(builder).get_relative_uri is Builder.get_relative_uri
