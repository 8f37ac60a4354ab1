"""Sphinx configuration of the edition. The texts themselves are data under ../sources/."""

from __future__ import annotations

import os
from pathlib import Path

from ecdosis.model.publication.edition_metadata import read_edition_metadata

# Title, editors, version and date are written once, in CITATION.cff.
edition_citation_file = "../CITATION.cff"
edition = read_edition_metadata(Path(__file__).parent / edition_citation_file)
project = edition.title
subtitle = edition.abstract  # the title page's subtitle: the abstract in CITATION.cff
author = edition.editors
copyright = f"{edition.year}, {edition.editors}"
release = version = edition.version
language = "en"

# The address where the edition is published: canonical links, citations and intersphinx use
# it. A placeholder until the edition has its permanent home; a build for another address sets
# EDITION_BASE_URL (or passes -D html_baseurl=...).
html_baseurl = os.environ.get("EDITION_BASE_URL", "https://example.org/lima1997/")

extensions = ["myst_parser", "sphinx_design", "ecdosis"]
# The texts, the annotations and the register stand beside docs/, at the repository's top.
edition_sources = "../sources"
edition_annotations = "../annotations"
edition_texts_dir = "texts"
# The first part of every citation key of the edition (lima1997-ig-3).
edition_key = "lima1997"
# The texts are statements: "Note 2 on par. 1 of the statement by …" in citations.
edition_text_noun = "statement"

root_doc = "index"
exclude_patterns = ["_build"]
# The reading texts are shown exactly as established: no automatic typographic quotes or dashes.
smartquotes = False
myst_enable_extensions = ["attrs_block", "colon_fence", "deflist"]
myst_footnote_transition = False
myst_heading_anchors = 0

# -- HTML -----------------------------------------------------------------------------------
# The engine's reading theme: notes in the margin beside their words, light pages.
html_theme = "ecdosis"
html_title = project
html_last_updated_fmt = None
html_static_path = ["_static"]
html_favicon = "_static/favicon.svg"
# Search builds its snippets from the pages themselves: no copies of the Markdown sources.
html_show_sourcelink = False
html_copy_source = False

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
{\large @SUBTITLE@\par}
\vfill
{\large Edited by @EDITORS@\par}
\vspace{0.4cm}
{\large \releasename{} @RELEASE@\par}
\end{titlepage}
"""
    .replace("@RELEASE@", release)
    .replace("@SUBTITLE@", subtitle)
    .replace("@EDITORS@", author[0].lower() + author[1:]),
}

# -- EPUB -------------------------------------------------------------------------------------
# The engine's EPUB builder (ecdosis.ext.publication.epub_builder) gives the EPUB its
# description (the abstract in CITATION.cff), its contributors (the editors), its release date
# and its accessibility metadata. It claims conformance to EPUB Accessibility only when
# edition_epub_conformance names it, which is for after an evaluation by a person, not before;
# edition_epub_accessibility_summary replaces the summary it writes from what the EPUB holds.
epub_theme = "epub"
epub_basename = "edition"
epub_title = project
epub_author = author
epub_publisher = author
epub_copyright = copyright
epub_identifier = "lima1997-five-statements"
epub_uid = "lima1997-five-statements"
epub_show_urls = "no"
