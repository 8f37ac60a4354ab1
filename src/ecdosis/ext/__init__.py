"""The Sphinx extension: each text's page with its notes, its apparatus, and the edition's lists.

Each feature registers itself through its ``setup_<feature>(app)``; :data:`FEATURES` lists them
in the order they are set up, which is the order their handlers of the same event run in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ecdosis import __version__
from ecdosis.ext.annotations import setup_annotations
from ecdosis.ext.collector import setup_collector
from ecdosis.ext.configuration import setup_configuration
from ecdosis.ext.directives import setup_directives
from ecdosis.ext.domain import setup_domain
from ecdosis.ext.last_build import setup_last_build
from ecdosis.ext.nodes import setup_nodes
from ecdosis.ext.publication import setup_publication
from ecdosis.ext.registries import setup_registries
from ecdosis.ext.texts import setup_texts
from ecdosis.ext.written_late import setup_written_late

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_parsers(app: Sphinx) -> None:
    """The text pages and the notes are MyST Markdown, the bibliography BibTeX: the engine
    loads both extensions itself (the bibliography's plugins looked up in one reading of the
    installed packages)."""
    from ecdosis.ext.registries.plugin_lookup import look_up_once

    app.setup_extension("myst_parser")
    look_up_once()
    app.setup_extension("sphinxcontrib.bibtex")


FEATURES: tuple[Callable[[Sphinx], None], ...] = (
    setup_configuration,  # the configuration values, checked first
    setup_collector,  # the garbage collector kept away from what the build loads once
    setup_parsers,
    setup_nodes,  # the doctree nodes of every feature, with their writers
    setup_written_late,  # the parts of pages made when they are written
    setup_texts,  # loads the edition: every later handler of config-inited may use it
    setup_annotations,
    setup_registries,
    setup_publication,
    setup_directives,
    setup_domain,
    setup_last_build,  # records a build that finished well, after every other handler
)


def setup(app: Sphinx) -> dict[str, Any]:
    for feature in FEATURES:
        feature(app)
    return {
        "version": __version__,
        # raised whenever what the doctrees or the environment hold changes: an environment of
        # an earlier engine is then read afresh (the parts written late hold the model's own
        # values, ext/written_late; the edition's domain notes the pages with the changelog)
        "env_version": 12,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
