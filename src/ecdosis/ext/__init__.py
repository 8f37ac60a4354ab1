"""The Sphinx extension: each text's page, its apparatus, and the pages that list the texts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ecdosis import __version__
from ecdosis.ext.corpus import load_corpus_for_build
from ecdosis.ext.domain import EditionDomain
from ecdosis.ext.listings import EditionSigla, EditionTexts, InterventionKinds, outdated_listings
from ecdosis.ext.nodes import setup_nodes
from ecdosis.ext.text_page import EditionText
from ecdosis.ext.titles import plain_navigation_titles
from ecdosis.model.languages import POLYGLOSSIA_NAMES

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC = Path(__file__).parent / "static"

LATEX_PREAMBLE = r"""
% ecdosis: paragraph numbers in the left margin
\reversemarginpar
\providecommand{\sphinxstyleparagraphnumber}[1]{{\footnotesize\sffamily\color{gray}#1}}
"""


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("edition_sources", "../sources", "env", types=frozenset({str}))
    app.add_config_value("edition_texts_dir", "texts", "env", types=frozenset({str}))
    setup_nodes(app)
    app.add_directive("edition-text", EditionText)
    app.add_directive("edition-texts", EditionTexts)
    app.add_directive("edition-sigla", EditionSigla)
    app.add_directive("edition-intervention-kinds", InterventionKinds)
    app.add_domain(EditionDomain)
    app.add_latex_package("marginnote")
    app.add_css_file("ecdosis.css")
    app.connect("config-inited", prepare)
    app.connect("env-get-outdated", outdated_listings)
    app.connect("doctree-read", plain_navigation_titles, priority=900)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def prepare(app: Sphinx, config: Config) -> None:
    """``config-inited``: load the corpus, then set up the outputs for what it holds."""
    corpus = load_corpus_for_build(app)
    config.html_static_path = [*config.html_static_path, str(STATIC)]
    preamble = LATEX_PREAMBLE + "".join(
        rf"\setotherlanguage{{{POLYGLOSSIA_NAMES[language]}}}" + "\n"
        for language in corpus.languages
    )
    elements = dict(config.latex_elements)
    elements["preamble"] = elements.get("preamble", "") + preamble
    config.latex_elements = elements
