"""Sphinx configuration of the edition. The texts themselves are data under ../sources/."""

from __future__ import annotations

project = "Lima, 22 April 1997: Five Statements"
subtitle = "An annotated critical edition of five statements on the end of the Japanese ambassador's residence hostage crisis"
author = "The editors of the Lima 1997 edition"
copyright = "2026, the editors of the Lima 1997 edition"
release = version = "0.1"
language = "en"

extensions = ["myst_parser", "sphinx_design", "ecdosis"]
edition_sources = "../sources"
edition_texts_dir = "texts"

root_doc = "index"
exclude_patterns = ["_build"]
# The reading texts are shown exactly as established: no automatic typographic quotes or dashes.
smartquotes = False
myst_enable_extensions = ["attrs_block", "colon_fence", "deflist"]
myst_footnote_transition = False
myst_heading_anchors = 0

# -- HTML -----------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = project
html_last_updated_fmt = None
html_theme_options = {
    # Editorial notes are set beside the text by the ecdosis extension itself.
    "use_sidenotes": False,
    # On a text's page the right margin belongs to the notes, not to the page's contents.
    # The synoptic table needs the whole width too.
    "secondary_sidebar_items": {"*": ["page-toc"], "texts/*": [], "synopsis": []},
    "show_toc_level": 2,
    "home_page_in_toc": True,
}
html_static_path = ["_static"]
html_favicon = "_static/favicon.svg"
# pydata-sphinx-theme logs an error in the console when no colour mode is set.
html_context = {"default_mode": "auto"}

# -- PDF (LaTeX with xelatex) ---------------------------------------------------------------
latex_engine = "xelatex"
latex_documents = [("index", "edition.tex", project, author, "manual")]
latex_toplevel_sectioning = "chapter"
latex_show_urls = "footnote"
# The index of names is made with makeindex: Sphinx's xindy style prints page ranges without
# their dash ("1114" for 11–14).
latex_use_xindy = False
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    "extraclassoptions": "oneside,openany",
    "sphinxsetup": "hmargin={3cm,2.5cm}",
    "preamble": r"\setlength{\headheight}{14pt}",
    "maketitle": r"""
\begin{titlepage}
\centering
\vspace*{3cm}
{\Huge\bfseries Lima, 22 April 1997\par}
\vspace{0.6cm}
{\LARGE Five Statements\par}
\vspace{1.2cm}
{\large An annotated critical edition of five statements on the end of the\\
Japanese ambassador's residence hostage crisis\par}
\vfill
{\large Edited by the editors of the Lima 1997 edition\par}
\vspace{0.4cm}
{\large Version @RELEASE@\par}
\end{titlepage}
""".replace("@RELEASE@", release),
}

# -- EPUB -------------------------------------------------------------------------------------
epub_theme = "epub"
epub_basename = "edition"
epub_title = project
epub_author = author
epub_publisher = "The Lima 1997 edition"
epub_copyright = copyright
epub_identifier = "lima1997-five-statements"
epub_uid = "lima1997-five-statements"
epub_show_urls = "no"
