"""The PDF as a printed book: its metadata, its head lines, its dashes, its bibliography and its
index, made from what the edition's configuration and ``CITATION.cff`` say.

- The PDF's document information (title, author, subject, language) is the configuration's
  ``project``, ``author`` and ``language``, and the edition's abstract (``CITATION.cff``).
- The version is called by one word everywhere: the running head uses LaTeX's ``releasename``,
  which is "Version" as in the edition's citations, unless the project names it otherwise.
- The head lines of a reading text (kicker, subtitle, byline, dateline) are set as head lines,
  as in the HTML (classes ``reading-head`` and its kind), not as paragraphs of the text.
- A run of hyphens ("--" in a witness, which the edition prints as written) is never split
  across two lines; a line may break after it, as after a single hyphen.
- Sphinx gathers the bibliography at the end of the book, under a heading the contents lack: it
  is put back where the edition's bibliography stands, under that page's heading.
- makeindex writes a range of pages with two hyphens, which the fonts print as such ("21--24"):
  the index's style writes an en dash, and keeps each page a link.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.builders.latex.nodes import thebibliography
from sphinx.transforms.post_transforms import SphinxPostTransform

from ecdosis.ext.nodes import inside
from ecdosis.ext.publication.long_words import is_address
from ecdosis.ext.publication.register import metadata_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

# The word before the version number, in the running head (and on a title page that uses it).
RELEASE_NAME = "Version"
# The classes of a reading text's head lines (see ecdosis.ext.reading_text.head_node).
HEAD = "reading-head"
KICKER = "kicker"
# makeindex's delimiter of a page range: an en dash outside the links of the two pages
# (hyperref's \nohyperpage), so that each page stays a link and the dash prints as a dash.
INDEX_RANGE = r'delim_r "\\nohyperpage{\\textendash}"'
# Sphinx's makeindex style, written beside the LaTeX files (see latexmkrc).
INDEX_STYLE = "python.ist"

LATEX_PRINT = r"""
% ecdosis: web addresses may break between any two characters (an address has no words)
\usepackage{xurl}
% ecdosis: a run of hyphens stays on one line, as the hyphens it is (see print_pdf.py)
\protected\def\ecdosishyphens#1{\mbox{#1}}
\pdfstringdefDisableCommands{\def\ecdosishyphens#1{#1}}
% ecdosis: the head lines of a reading text, close together and kept with the text, as in the
% HTML: in italics; a kicker small, upright and letter-spaced (its text is in capitals); a
% subtitle larger, upright and bold
\newenvironment{sphinxclassreading-head}
  {\par\addvspace{0.4\baselineskip}\setlength{\parskip}{0pt}\setlength{\parindent}{0pt}%
   \raggedright\itshape
   \def\sphinxclasskicker{\upshape\small
     \ifdefined\addfontfeature\addfontfeature{LetterSpace=5}\fi}%
   \let\endsphinxclasskicker\relax
   \def\sphinxclasssubtitle{\upshape\large\bfseries}%
   \let\endsphinxclasssubtitle\relax}
  {\par\nobreak\addvspace{0.4\baselineskip}}
% ecdosis: the line of parallels and events after a paragraph, smaller than the text, in the
% sans-serif face, as on screen
\newenvironment{sphinxclasssee-also}{\par\small\sffamily\raggedright}{\par}
% ecdosis: the bibliography, where the edition's page puts it, under that page's heading (not
% a chapter of its own). Labels are names and years ("Sims 1997"): a small hanging indent, the
% label on the entry's first line, instead of an indent as wide as the longest label.
\makeatletter
\renewenvironment{sphinxthebibliography}[1]
  {\list{}{\settowidth{\leftmargin}{[MM]}\setlength{\labelwidth}{0pt}%
     \setlength{\labelsep}{0pt}\setlength{\itemindent}{-\leftmargin}%
     \usecounter{enumiv}\let\p@enumiv\@empty\renewcommand\theenumiv{\@arabic\c@enumiv}}%
   \def\@biblabel##1{[##1]\hspace{0.5em}}%
   \sloppy\clubpenalty4000\@clubpenalty\clubpenalty\widowpenalty4000\sfcode`\.\@m}
  {\def\@noitemerr{\@latex@warning{Empty `thebibliography' environment}}\endlist}
\makeatother
"""

_HYPHENS = re.compile(r"-{2,}")
# Where the text is not typeset as running text, or is already kept on one line.
_NOT_RUNNING_TEXT = (
    nodes.literal_block,
    nodes.literal,
    nodes.raw,
    nodes.comment,
    nodes.doctest_block,
)


def setup_print(app: Sphinx) -> None:
    app.connect("config-inited", describe_the_pdf)
    app.add_post_transform(PrintHeads)
    app.add_post_transform(KeepHyphenRuns)
    app.add_post_transform(MarkBibliographyPlace)
    app.add_post_transform(BibliographyInPlace)
    app.connect("build-finished", index_ranges_with_a_dash)


def describe_the_pdf(app: Sphinx, config: Config) -> None:
    """``config-inited`` (after the edition's metadata were read): the PDF's document
    information and the name of its version."""
    elements = dict(config.latex_elements)
    elements["preamble"] = elements.get("preamble", "") + pdf_information(
        title=config.project,
        author=config.author,
        subject=metadata_of(app).abstract,
        language=config.language,
    )
    elements.setdefault("releasename", RELEASE_NAME)
    config.latex_elements = elements


def pdf_information(title: str, author: str, subject: str, language: str) -> str:
    """hyperref's settings of the PDF's title, author, subject and language."""
    fields = {
        "pdftitle": title,
        "pdfauthor": author,
        "pdfsubject": subject,
        "pdflang": language.replace("_", "-"),  # a BCP 47 tag ("pt-BR"), not Sphinx's "pt_BR"
    }
    settings = ",\n  ".join(
        f"{key}={{{pdf_string(value)}}}" for key, value in fields.items() if value
    )
    return "\n% ecdosis: the PDF's document information\n\\hypersetup{\n  " + settings + "\n}\n"


_PDF_STRING_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "#": r"\#",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}


def pdf_string(text: str) -> str:
    """Text as a value of hyperref's settings: TeX's special characters escaped, on one line."""
    return "".join(
        _PDF_STRING_ESCAPES.get(character, character) for character in " ".join(text.split())
    )


class PrintHeads(SphinxPostTransform):
    """Each head line of a reading text in a container of its classes (``reading-head`` and its
    kind), which Sphinx's LaTeX writes as ``sphinxuseclass`` environments that the preamble
    defines; a kicker's words in capitals, as the HTML shows them."""

    default_priority = 800
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for paragraph in list(self.document.findall(nodes.paragraph)):
            if HEAD not in paragraph["classes"]:
                continue
            head = nodes.container(classes=[HEAD, *(c for c in paragraph["classes"] if c != HEAD)])
            paragraph.replace_self(head)
            head += paragraph
            if KICKER in paragraph["classes"]:
                for text in list(paragraph.findall(nodes.Text)):
                    text.parent.replace(text, nodes.Text(text.upper()))


class KeepHyphenRuns(SphinxPostTransform):
    """Two or more hyphens in a row are set in one box, so that no line ends between them; a line
    may still break after them where a word follows."""

    default_priority = 910  # after ecdosis.ext.long_words.BreakLongWords
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for text in list(self.document.findall(nodes.Text)):
            if "--" in text and not _set_as_is(text):
                text.parent.replace(text, hyphen_runs(str(text)))


def hyphen_runs(text: str) -> list[nodes.Node]:
    """The text with each run of hyphens as LaTeX that keeps it on one line."""
    result: list[nodes.Node] = []
    start = 0
    for run in _HYPHENS.finditer(text):
        if run.start() > start:
            result.append(nodes.Text(text[start : run.start()]))
        latex = r"\ecdosishyphens{" + r"\sphinxhyphen{}" * len(run.group()) + "}"
        following = text[run.end() : run.end() + 1]
        if following.isalnum():  # "river--Shelley" may break after the hyphens, as HTML does
            latex += r"\allowbreak{}"
        result.append(nodes.raw("", latex, format="latex"))
        start = run.end()
    if start < len(text):
        result.append(nodes.Text(text[start:]))
    return result


def _set_as_is(text: nodes.Text) -> bool:
    """Whether the text is not running text: verbatim, code, raw, or a web address shown as
    itself (which LaTeX sets with ``\\url``)."""
    return is_address(text) or inside(text, _NOT_RUNNING_TEXT)


class bibliography_place(nodes.Element):
    """Where the first entry of the bibliography stood, before Sphinx gathered the entries."""


class MarkBibliographyPlace(SphinxPostTransform):
    """Mark the place of the first citation, before Sphinx moves every citation to the end."""

    default_priority = 749  # sphinx.builders.latex.transforms.BibliographyTransform is 750
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        first = next(iter(self.document.findall(nodes.citation)), None)
        if first is not None:
            first.parent.insert(first.parent.index(first), bibliography_place())


class BibliographyInPlace(SphinxPostTransform):
    """Put the bibliography Sphinx gathered where its first entry stood."""

    default_priority = 751
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        place = next(iter(self.document.findall(bibliography_place)), None)
        if place is None:
            return
        gathered = next(iter(self.document.findall(thebibliography)), None)
        if gathered is None:
            place.parent.remove(place)
            return
        gathered.parent.remove(gathered)
        place.replace_self(gathered)


def index_ranges_with_a_dash(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: makeindex's style writes a range of pages with an en dash."""
    if exception is not None or app.builder.format != "latex" or app.config.latex_use_xindy:
        return
    style = Path(app.outdir) / INDEX_STYLE
    if style.exists():
        text = style.read_text(encoding="utf-8")
        if INDEX_RANGE not in text:
            style.write_text(text.rstrip("\n") + "\n\n" + INDEX_RANGE + "\n", encoding="utf-8")
