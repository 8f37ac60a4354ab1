"""The registries' pages: the indices of names, the glossary, the timeline, the synopsis, the
key figures, the claims assessed, and the bibliography."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)


def setup_registries(app: Sphinx) -> None:
    """The bibliography's style and links, its entries formatted once, and the synopsis as
    print sets it."""
    from ecdosis.ext.registries.bibliography_style import (
        depart_source_link_latex,
        register_style,
        source_link,
        visit_source_link_latex,
    )
    from ecdosis.ext.registries.formatted_bibliography import keep_formatted_entries
    from ecdosis.ext.registries.synopsis import SynopsisForPrint

    register_style()
    keep_formatted_entries(app)
    app.add_node(source_link, latex=(visit_source_link_latex, depart_source_link_latex))
    app.add_post_transform(SynopsisForPrint)
    app.connect("config-inited", configure_bibliography)


def configure_bibliography(app: Sphinx, config: Config) -> None:
    """``config-inited``: the bibliography the notes cite, with an id per entry that the notes
    link to (the engine's, whatever ``conf.py`` says: a work's entry is linked to by it), in the
    engine's style unless ``conf.py`` says otherwise."""
    from ecdosis.ext.registries.bibliography_style import STYLE
    from ecdosis.ext.texts.corpus import annotations_dir
    from ecdosis.model.annotations.folder import BIBLIOGRAPHY
    from ecdosis.model.fragments import SOURCE_FRAGMENT

    bibliography = annotations_dir(app) / BIBLIOGRAPHY
    if config.bibtex_bibfiles is None:
        config.bibtex_bibfiles = [str(bibliography)] if bibliography.exists() else []
    if config.bibtex_cite_id and config.bibtex_cite_id != SOURCE_FRAGMENT:
        logger.warning(
            "conf.py: bibtex_cite_id is %r, but the notes, the TEI and the Web Annotations link "
            "to a work's entry as %r — remove bibtex_cite_id from conf.py",
            config.bibtex_cite_id,
            SOURCE_FRAGMENT,
            type="ecdosis",
            subtype="config",
        )
    config.bibtex_cite_id = SOURCE_FRAGMENT
    if config.bibtex_default_style == "alpha":  # sphinxcontrib-bibtex's default
        config.bibtex_default_style = STYLE
    # Its tooltips format every entry of the bibliography again at each build, for citations
    # made with its own roles; the edition's notes link their sources themselves.
    config.bibtex_tooltips = False
