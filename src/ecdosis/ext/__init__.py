"""The Sphinx extension: each text's page with its notes, its apparatus, and the edition's lists."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ecdosis import __version__
from ecdosis.ext.annotations.dependencies import note_references, outdated_pages
from ecdosis.ext.annotations.sidenotes import setup_sidenotes
from ecdosis.ext.annotations.xrefs import setup_roles
from ecdosis.ext.configuration import setup_configuration
from ecdosis.ext.directives import setup_directives
from ecdosis.ext.domain import BIBLIOGRAPHY_ID, EditionDomain
from ecdosis.ext.nodes import setup_nodes
from ecdosis.ext.publication.anchors import (
    add_forward_script,
    check_register,
    load_metadata_and_register,
    outdated_by_register,
    place_forwards,
    write_forwarding_pages,
)
from ecdosis.ext.publication.citations import add_citation_data
from ecdosis.ext.publication.epub_builder import setup_epub
from ecdosis.ext.publication.html_translator import HTML_BUILDERS, setup_html_translator
from ecdosis.ext.publication.long_words import LATEX_BREAK, BreakLongWords
from ecdosis.ext.publication.print_pdf import LATEX_PRINT, setup_print
from ecdosis.ext.publication.reproducible_epub import date_the_build, normalise_epub
from ecdosis.ext.publication.section_anchors import label_sections
from ecdosis.ext.publication.titles import plain_navigation_titles
from ecdosis.ext.registries.bibliography_style import (
    STYLE,
    depart_source_link_latex,
    register_style,
    source_link,
    visit_source_link_latex,
)
from ecdosis.ext.registries.synopsis import SynopsisForPrint
from ecdosis.ext.texts.corpus import annotations_dir, load_edition_for_build, outdated_texts
from ecdosis.ext.texts.listings import outdated_listings
from ecdosis.model.annotations.folder import BIBLIOGRAPHY
from ecdosis.model.texts.languages import POLYGLOSSIA_NAMES

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC = Path(__file__).parent / "static"
# Styles for the HTML only, kept out of the EPUB (whose every file epubcheck validates).
SCREEN_STATIC = Path(__file__).parent / "static_screen"
# The reading theme (html_theme = "ecdosis"): a text column, a margin for the notes, light pages.
THEME = Path(__file__).parent.parent / "theme" / "ecdosis"

LATEX_PREAMBLE = (
    "\n% ecdosis: a zero-width space is where a word too long for hyphenation may be broken\n"
    + LATEX_BREAK
    + r"""
% ecdosis: a character the fonts lack stops the build, rather than printing a box (the check
% refuses such characters in contributed files: this catches the maintainers' own)
\tracinglostchars=3
% ecdosis: one space after a full stop, so abbreviations ("Apr. 1997") are not spaced as sentences
\frenchspacing
% ecdosis: paragraph numbers in the left margin
\reversemarginpar
\providecommand{\sphinxstyleparagraphnumber}[1]{{\footnotesize\sffamily\color{gray}#1}}
% ecdosis: a name or term linked in the reading text keeps the text's own upright type
% (Sphinx sets cross-references in italics, which the statements do not have)
\expandafter\def\csname DUroleentity-mention\endcsname#1{\textup{#1}}
\expandafter\def\csname DUroleglossary-term\endcsname#1{\textup{#1}}
% ecdosis: the marks after a name that link to the glossary or to the index are raised
\expandafter\def\csname DUroleglossary-mark\endcsname#1{\textsuperscript{#1}}
\expandafter\def\csname DUroleentity-mark\endcsname#1{\textsuperscript{#1}}
% ecdosis: the index is an index of names, set in the text face (Sphinx sets entries as code)
\def\sphinxstyleindexentry#1{#1}
"""
    + LATEX_PRINT
)
# The index of the PDF lists the names of the registry (an index entry at each mention).
LATEX_PRINTINDEX = r"\renewcommand{\indexname}{Index of names}\printindex"


def setup(app: Sphinx) -> dict[str, Any]:
    setup_configuration(app)
    # The text pages and the notes are MyST Markdown: the engine loads the parser itself.
    app.setup_extension("myst_parser")
    app.setup_extension("sphinxcontrib.bibtex")
    register_style()
    app.add_node(source_link, latex=(visit_source_link_latex, depart_source_link_latex))
    setup_nodes(app)
    setup_sidenotes(app)
    setup_html_translator(app)
    setup_directives(app)
    setup_roles(app)
    app.add_post_transform(BreakLongWords)
    app.add_post_transform(SynopsisForPrint)
    app.add_domain(EditionDomain)
    app.add_latex_package("marginnote")
    app.add_css_file("ecdosis.css")
    app.add_html_theme("ecdosis", str(THEME))
    app.connect("config-inited", prepare)
    app.connect("config-inited", load_metadata_and_register)
    # after the metadata are read: the PDF's information and the EPUB's description use them
    setup_print(app)
    setup_epub(app)
    app.connect("builder-inited", add_script)
    app.connect("builder-inited", date_the_build)
    app.connect("env-get-outdated", outdated_listings)
    app.connect("env-get-outdated", outdated_texts)
    app.connect("env-get-outdated", outdated_pages)
    app.connect("env-get-outdated", outdated_by_register)
    app.connect("env-updated", check_register)
    app.connect("doctree-read", label_sections, priority=400)
    app.connect("doctree-read", place_forwards, priority=600)
    app.connect("html-page-context", add_forward_script)
    app.connect("html-page-context", add_citation_data)
    app.connect("build-finished", write_forwarding_pages)
    app.connect("build-finished", normalise_epub)
    app.connect("doctree-read", note_references)
    app.connect("doctree-read", plain_navigation_titles, priority=900)
    return {
        "version": __version__,
        "env_version": 6,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def prepare(app: Sphinx, config: Config) -> None:
    """``config-inited``: load the edition, then set up the outputs for what it holds."""
    edition = load_edition_for_build(app)
    config.html_static_path = [*config.html_static_path, str(STATIC)]
    preamble = LATEX_PREAMBLE + "".join(
        rf"\setotherlanguage{{{POLYGLOSSIA_NAMES[language]}}}" + "\n"
        for language in edition.languages
        # the main language is Sphinx's (``language``), set by its own preamble
        if language != (config.language or "en").split("-")[0]
    )
    elements = dict(config.latex_elements)
    elements["preamble"] = elements.get("preamble", "") + preamble
    elements.setdefault("printindex", LATEX_PRINTINDEX)
    config.latex_elements = elements
    # The bibliography the notes cite, with an id per entry that the notes link to.
    bibliography = annotations_dir(app) / BIBLIOGRAPHY
    if config.bibtex_bibfiles is None:
        config.bibtex_bibfiles = [str(bibliography)] if bibliography.exists() else []
    if not config.bibtex_cite_id:
        config.bibtex_cite_id = BIBLIOGRAPHY_ID
    if config.bibtex_default_style == "alpha":  # sphinxcontrib-bibtex's default
        config.bibtex_default_style = STYLE


def add_script(app: Sphinx) -> None:
    """``builder-inited``: the script that links notes and quotes, and the screen's styles,
    in the HTML only (not EPUB)."""
    if app.builder.name in HTML_BUILDERS:
        app.add_js_file("ecdosis-reader.js", loading_method="defer")
        app.add_js_file("ecdosis.js", loading_method="defer")
        app.config.html_static_path = [*app.config.html_static_path, str(SCREEN_STATIC)]
        app.add_css_file("ecdosis-screen.css")
        app.connect("html-page-context", add_search_script)


def add_search_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: on the search page, snippets taken from the reading texts."""
    if templatename == "search.html":
        app.add_js_file("ecdosis-search.js", loading_method="defer")
