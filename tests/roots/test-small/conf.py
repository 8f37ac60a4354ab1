"""A small edition for the engine's tests: one short text and one entry of every kind."""

from pathlib import Path

from ecdosis.model.publication.edition_metadata import read_edition_metadata

edition_citation_file = "CITATION.cff"
_edition = read_edition_metadata(Path(__file__).parent / edition_citation_file)
project = _edition.title
author = _edition.editors
copyright = f"{_edition.year}, {_edition.editors}"
release = version = _edition.version
language = "en"
html_baseurl = "https://example.org/small/"

# The engine loads MyST and keeps its texts from smart quotes itself: this configuration says
# nothing of either, as a new editor's would not.
extensions = ["ecdosis"]
myst_footnote_transition = False
exclude_patterns = ["sources", "annotations", "_build"]

latex_engine = "xelatex"
latex_documents = [("index", "small.tex", project, author, "manual")]
latex_use_xindy = False
latex_show_urls = "footnote"
latex_elements = {"papersize": "a4paper", "extraclassoptions": "oneside,openany"}

epub_basename = "small"
epub_identifier = "small-edition"
epub_uid = "small-edition"
epub_show_urls = "no"
