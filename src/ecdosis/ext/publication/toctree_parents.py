"""A page that lists another in its table of contents written again only when what it shows of
that page changed.

Sphinx writes again, with every page it writes, each page whose ``toctree`` includes it (its
*parents*, ``env.files_to_rebuild``): a parent's table of contents shows the page's title and
sections, which may have changed. An edition's landing page is the parent of every text, and
the largest page of the edition to write (it lists every text, and describes the edition with
all of them for search engines): after an edit of one note, which changes neither the text's
title nor its sections, it was written again as it was, about 0.13 s at 320 texts.

So what the parents' tables of contents are made from, of each page Sphinx reads again (its
title, its sections, its own ``toctree`` entries, its numbers, the depth of its table of
contents: see ``sphinx.environment.adapters.toctree``), is noted before it is read again, and
compared after: where nothing of it changed, the page's parents are not added to the pages to
write for it. They are still written if anything else makes them outdated (they are read again,
or another page they list changed), and for a page added or removed. The general index, which
shows the navigation every page shows, asks which pages were read again and show in it as they
did (:func:`shown_as_before`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from ecdosis.ext.publication.html_translator import HTML_BUILDERS

if TYPE_CHECKING:
    from collections.abc import Callable, Set

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

# Per build (its application): what the parents showed of each page read again, before; and
# the pages read again that show in them as they did.
_BEFORE: WeakKeyDictionary[Sphinx, dict[str, object]] = WeakKeyDictionary()
_AS_BEFORE: WeakKeyDictionary[Sphinx, set[str]] = WeakKeyDictionary()


def shown_in_parents(env: BuildEnvironment, docname: str) -> object:
    """What a table of contents that lists ``docname`` is made from, of that page."""

    def text(node: object) -> str | None:
        return None if node is None else node.pformat()  # type: ignore[attr-defined]

    return (
        text(env.titles.get(docname)),
        text(env.longtitles.get(docname)),
        text(env.tocs.get(docname)),
        tuple(env.toctree_includes.get(docname, ())),
        docname in env.glob_toctrees,
        docname in env.numbered_toctrees,
        repr(env.toc_secnumbers.get(docname)),
        repr(env.toc_fignumbers.get(docname)),
        env.toc_num_entries.get(docname),
        # of its metadata, the depth of its table of contents (not, say, MyST's word count)
        repr(env.metadata.get(docname, {}).get("tocdepth", 0)),
    )


def note_before_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: what the parents show of each page about to be read again."""
    if app.builder.name not in HTML_BUILDERS:
        return
    _BEFORE[app] = {
        docname: shown_in_parents(env, docname) for docname in docnames if docname in env.tocs
    }


def parents_of_the_changed_only(app: Sphinx, builder: Builder) -> None:
    """``write-started``: while Sphinx adds the parents of the pages it writes, it sees none
    for a page read again whose parents would show it as they did."""
    before = _BEFORE.pop(app, {})
    env = builder.env
    unchanged = {
        docname
        for docname, shown in before.items()
        if docname in env.tocs and shown_in_parents(env, docname) == shown
    }
    _AS_BEFORE[app] = unchanged
    if not unchanged:
        return
    files_to_rebuild = env.files_to_rebuild
    env.files_to_rebuild = {
        docname: parents
        for docname, parents in files_to_rebuild.items()
        if docname not in unchanged
    }
    prepare_writing: Callable[[Set[str]], None] = builder.prepare_writing

    def restored_then_prepared(docnames: Set[str]) -> None:
        # Sphinx has made its list of pages to write: its own record is back as it was
        env.files_to_rebuild = files_to_rebuild
        builder.prepare_writing = prepare_writing  # type: ignore[method-assign,assignment]
        prepare_writing(docnames)

    builder.prepare_writing = restored_then_prepared  # type: ignore[method-assign]


def shown_as_before(app: Sphinx) -> set[str]:
    """The pages this build read again that its tables of contents show as they did before
    (known from ``write-started`` on)."""
    return _AS_BEFORE.get(app, set())


def setup_toctree_parents(app: Sphinx) -> None:
    """Register this feature's handlers."""
    app.connect("env-before-read-docs", note_before_reading)
    app.connect("write-started", parents_of_the_changed_only)
