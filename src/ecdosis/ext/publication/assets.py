"""What the outputs carry besides the pages: the screen's styles and scripts, the reading
theme, and the PDF's preamble; and the register of anchors each build checks."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ecdosis.ext.publication.html_translator import HTML_BUILDERS
from ecdosis.ext.publication.long_words import LATEX_BREAK
from ecdosis.ext.publication.print_pdf import LATEX_PRINT
from ecdosis.model.texts.languages import POLYGLOSSIA_NAMES

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

EXT = Path(__file__).parent.parent
STATIC = EXT / "static"
# Styles for the HTML only, kept out of the EPUB (whose every file epubcheck validates).
SCREEN_STATIC = EXT / "static_screen"
# The reading theme (html_theme = "ecdosis"): a text column, a margin for the notes, light pages.
THEME = EXT.parent / "theme" / "ecdosis"

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
% (Sphinx sets cross-references in italics, which the reading texts do not have)
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


def configure_outputs(app: Sphinx, config: Config) -> None:
    """``config-inited`` (after the edition is loaded): the styles of every format, and the
    PDF's preamble with the languages the texts mark."""
    from ecdosis.ext.texts.corpus import edition_outline

    outline = edition_outline(app)
    config.html_static_path = [*config.html_static_path, str(STATIC)]
    preamble = LATEX_PREAMBLE + "".join(
        rf"\setotherlanguage{{{POLYGLOSSIA_NAMES[language]}}}" + "\n"
        for language in outline.languages
        # the main language is Sphinx's (``language``), set by its own preamble
        if language != (config.language or "en").split("-")[0]
    )
    elements = dict(config.latex_elements)
    elements["preamble"] = elements.get("preamble", "") + preamble
    elements.setdefault("printindex", LATEX_PRINTINDEX)
    config.latex_elements = elements


def add_script(app: Sphinx) -> None:
    """``builder-inited``: the script that links notes and quotes, and the screen's styles,
    in the HTML only (not EPUB)."""
    if app.builder.name in HTML_BUILDERS:
        app.add_js_file("ecdosis-reader.js", loading_method="defer")
        app.add_js_file("ecdosis.js", loading_method="defer")
        _copy_screen_files(app)
        app.add_css_file("ecdosis-screen.css")
        app.connect("html-page-context", add_search_script)


def _copy_screen_files(app: Sphinx) -> None:
    """The screen's files, copied into ``_static`` after those of ``html_static_path`` (as if
    listed last in it). They are not added to ``html_static_path`` itself: known only once the
    builder is, they would change the configuration after the environment took it, and every
    next build would say that the configuration has changed."""
    from sphinx.util.fileutil import copy_asset

    builder = app.builder
    copy_listed = builder.copy_html_static_files  # type: ignore[attr-defined]

    def copy_static_files(context: dict[str, Any]) -> None:
        copy_listed(context)
        copy_asset(
            SCREEN_STATIC,
            Path(builder.outdir) / "_static",
            context=context,
            renderer=builder.templates,
            force=True,
        )

    builder.copy_html_static_files = copy_static_files  # type: ignore[attr-defined]


def add_search_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: on the search page, snippets taken from the reading texts."""
    if templatename == "search.html":
        app.add_js_file("ecdosis-search.js", loading_method="defer")
