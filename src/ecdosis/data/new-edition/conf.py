"""The Sphinx configuration of the edition: what the engine and the three formats need.

The edition's title, editors, version and release date are written once, in CITATION.cff, and
read from there. The texts (sources/), the annotations (annotations/), CITATION.cff and the
register of anchors (anchor-register.toml) stand beside this file, where the engine looks for
them by default; its reference documents every setting, should they move.
"""

from pathlib import Path

from ecdosis.model.publication.edition_metadata import read_edition_metadata

# The edition as CITATION.cff describes it.
_edition = read_edition_metadata(Path(__file__).parent / "CITATION.cff")
project = _edition.title
author = _edition.editors
copyright = f"{_edition.year}, {_edition.editors}"
release = version = _edition.version
language = "en"

# The engine: it reads the texts and the annotations, writes a page for each text, and loads
# MyST Markdown, in which every page is written.
extensions = ["ecdosis"]
# Folders that hold the edition's data, not pages.
exclude_patterns = ["_build", "sources", "annotations", "README.md"]

# HTML. The address the edition will be published at: citations give it in full once it is no
# longer a placeholder on example.org.
html_theme = "ecdosis"
html_title = project
html_baseurl = "https://example.org/my-edition/"

# PDF, made from LaTeX by XeLaTeX (for the texts' Unicode) with latexmk.
latex_engine = "xelatex"
latex_use_xindy = False
latex_documents = [("index", "edition.tex", project, author, "manual")]
latex_show_urls = "footnote"
latex_elements = {"papersize": "a4paper", "extraclassoptions": "oneside,openany"}

# EPUB: the book's file name and its identifier, one that no other book has and that stays the
# same from version to version.
epub_basename = "edition"
epub_identifier = epub_uid = "my-edition"
epub_publisher = author
epub_show_urls = "no"
