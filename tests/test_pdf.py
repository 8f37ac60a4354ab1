"""The PDF as a reader holds it: its document information, the head lines of each text, the
dashes of the witnesses, addresses that break, the bibliography where the contents say, the
index's page ranges, and nothing set beyond the edge of the page.

Most tests read the LaTeX of the small edition (cheap); the last ones read the whole edition's
PDF, made once for the session (``edition_pdf``, shared with the other tests of the PDF)."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

import ecdosis.ext  # noqa: F401 (imports every transform of the extension)
from ecdosis.ext.nodes import inside
from ecdosis.ext.publication.print_pdf import INDEX_RANGE, hyphen_runs, pdf_information
from tests.conftest import ROOT, build_small, needs_tex

# The small edition's text with a kicker and a subtitle, and hyphens run together as a witness
# may have them (the edition prints them as written).
WITNESS = """Test Weekly

A Test Statement

A Subtitle of the Statement

On 22 April the army stormed the residence in Lima. The guerrillas of the MRTA were killed, \
and the president spoke.

The second paragraph--of two hyphens--speaks of the hostages and of the president again.

The third paragraph names Lima once more.
"""
TEXT = """{.kicker}
Test Weekly

# A Test Statement

{.subtitle}
A Subtitle of the Statement

{#tx-1}
On 22 April the army stormed the residence in Lima. The guerrillas of the MRTA were killed, and
the president spoke.

{#tx-2}
The second paragraph--of two hyphens--speaks of the hostages and of the president again.

{#tx-3}
The third paragraph names Lima once more.
"""


def small_tex(root: Path) -> str:
    return (build_small(root, "latex") / "small.tex").read_text("utf-8")


def with_heads_and_hyphens(root: Path) -> Path:
    """The small edition, its text rewritten (witness, reading text, the witness's sha256) and
    the changed paragraph recorded in its register."""
    folder = root / "sources" / "tx"
    (folder / "witness.txt").write_text(WITNESS, encoding="utf-8")
    (folder / "text.md").write_text(TEXT, encoding="utf-8")
    record = folder / "record.toml"
    digest = hashlib.sha256(WITNESS.encode("utf-8")).hexdigest()
    record.write_text(
        re.sub(r'sha256 = "[0-9a-f]+"', f'sha256 = "{digest}"', record.read_text("utf-8")),
        encoding="utf-8",
    )
    build_small(root, "dummy", edition_register_update=1)
    return root


# -- the small edition's LaTeX ------------------------------------------------------------------


def test_the_pdf_is_described_by_the_configuration_and_the_citation_file(small: Path) -> None:
    tex = small_tex(small)
    assert (
        "\\hypersetup{\n"
        "  pdftitle={A Small Edition},\n"
        "  pdfauthor={The editors of the small edition},\n"
        "  pdfsubject={A small edition for the tests of the engine},\n"
        "  pdflang={en}\n"
        "}"
    ) in tex
    # one word for the version: the running head's, as the citations say "Version 0.1"
    assert r"\renewcommand{\releasename}{Version}" in tex


def test_the_pdf_information_escapes_what_tex_would_read() -> None:
    settings = pdf_information(
        title="50% of {it} & #1", author="A_B ~C", subject="x\\y ^z", language="pt_BR"
    )
    assert r"pdftitle={50\% of \{it\} \& \#1}" in settings
    assert r"pdfauthor={A\_B \textasciitilde{}C}" in settings
    assert r"pdfsubject={x\textbackslash{}y \textasciicircum{}z}" in settings
    assert "pdflang={pt-BR}" in settings
    assert "pdfsubject" not in pdf_information(title="T", author="A", subject="", language="en")


def test_a_text_s_head_lines_are_set_as_head_lines(small: Path) -> None:
    tex = small_tex(with_heads_and_hyphens(small))
    assert (
        "\\begin{sphinxuseclass}{reading-head}\n\\begin{sphinxuseclass}{kicker}\n"
        "\\sphinxAtStartPar\nTEST WEEKLY\n"
    ) in tex
    assert (
        "\\begin{sphinxuseclass}{reading-head}\n\\begin{sphinxuseclass}{subtitle}\n"
        "\\sphinxAtStartPar\nA Subtitle of the Statement\n"
    ) in tex
    assert r"\newenvironment{sphinxclassreading-head}" in tex
    assert r"\def\sphinxclasskicker{" in tex and r"\def\sphinxclasssubtitle{" in tex
    # the screen keeps the text's own letters (its style sheet sets the kicker in capitals)
    html = BeautifulSoup(
        (build_small(small, "html") / "texts" / "tx.html").read_text("utf-8"), "html.parser"
    )
    kicker = html.select_one("p.reading-head.kicker")
    assert kicker is not None and kicker.get_text() == "Test Weekly"


def test_a_run_of_hyphens_is_never_split_across_lines(small: Path) -> None:
    tex = small_tex(with_heads_and_hyphens(small))
    run = r"\ecdosishyphens{\sphinxhyphen{}\sphinxhyphen{}}\allowbreak{}"
    assert f"The second paragraph{run}of two hyphens{run}speaks of the hostages" in tex
    assert r"\protected\def\ecdosishyphens#1{\mbox{#1}}" in tex
    # the witness itself is shown verbatim, its hyphens untouched
    assert "The second paragraph\\PYGZhy{}\\PYGZhy{}of two hyphens" in tex


def test_hyphen_runs_break_after_them_only_before_a_word() -> None:
    latex = [node.astext() for node in hyphen_runs("a--b --- c--, d-e")]
    assert latex == [
        "a",
        r"\ecdosishyphens{\sphinxhyphen{}\sphinxhyphen{}}\allowbreak{}",
        "b ",
        r"\ecdosishyphens{\sphinxhyphen{}\sphinxhyphen{}\sphinxhyphen{}}",
        " c",
        r"\ecdosishyphens{\sphinxhyphen{}\sphinxhyphen{}}",
        ", d-e",
    ]


def test_what_is_not_running_text_is_found_above_it() -> None:
    text = nodes.Text("a--b")
    block = nodes.literal_block("", "", nodes.inline("", "", text))
    assert inside(text, (nodes.literal_block,)) and inside(text, (nodes.raw, nodes.inline))
    assert not inside(block, (nodes.literal_block,))  # the node itself is not above it
    assert not inside(nodes.Text("free"), (nodes.literal_block,))


def test_the_transforms_of_the_pdf_are_chosen_by_its_format() -> None:
    def subclasses(cls: type[SphinxPostTransform]) -> list[type[SphinxPostTransform]]:
        return [c for s in cls.__subclasses__() for c in (s, *subclasses(s))]

    ours = [c for c in subclasses(SphinxPostTransform) if c.__module__.startswith("ecdosis.")]
    latex = [c for c in ours if "latex" in (*c.builders, *c.formats)]
    assert len(latex) >= 7
    assert [c.__name__ for c in latex if c.builders or c.formats != ("latex",)] == []


def test_a_web_address_is_set_as_an_address_that_breaks_anywhere(small: Path) -> None:
    address = "https://example.org/a-long-address/" + "z" * 120 + "/page-1.html"
    bib = small / "annotations" / "references.bib"
    bib.write_text(
        bib.read_text("utf-8").replace("https://example.org/sims1997", address), encoding="utf-8"
    )
    tex = small_tex(small)
    # \url, not a text with a break every ten characters (that leaves whole pieces to overflow)
    assert r"\sphinxurl{" + address + "}" in tex
    assert r"\usepackage{xurl}" in tex


def test_the_bibliography_stands_under_its_heading_in_the_contents(small: Path) -> None:
    tex = small_tex(small)
    section = tex.index(r"\label{\detokenize{bibliography::doc}}")
    entries = tex.index(r"\begin{sphinxthebibliography}")
    assert section < entries < tex.index(r"\label{\detokenize{changelog::doc}}")
    assert tex.count(r"\begin{sphinxthebibliography}") == 1
    assert r"\bibitem[Sims 1997]{bibliography:bib-sims1997}" in tex[entries:]
    # set as a list under the page's heading, not as a chapter of its own (thebibliography)
    definition = tex[tex.index(r"\renewenvironment{sphinxthebibliography}") :]
    assert definition.startswith("\\renewenvironment{sphinxthebibliography}[1]\n  {\\list{}")
    assert r"\begin{thebibliography}" not in tex


@pytest.mark.skipif(shutil.which("makeindex") is None, reason="needs makeindex (TeX Live)")
def test_the_index_writes_page_ranges_with_an_en_dash(small: Path) -> None:
    latex = build_small(small, "latex")
    style = (latex / "python.ist").read_text("utf-8")
    assert style.count(INDEX_RANGE) == 1
    build_small(small, "latex")  # a second build writes it once, not twice
    assert (latex / "python.ist").read_text("utf-8").count(INDEX_RANGE) == 1
    (latex / "pages.idx").write_text(
        "".join(f"\\indexentry{{Lima|hyperpage}}{{{page}}}\n" for page in (3, 21, 22, 23, 24)),
        encoding="utf-8",
    )
    subprocess.run(["makeindex", "-q", "-s", "python.ist", "pages.idx"], cwd=latex, check=True)
    index = (latex / "pages.ind").read_text("utf-8")
    assert r"\hyperpage{3}, \hyperpage{21\nohyperpage{\textendash}24}" in index


# -- the whole edition's PDF -----------------------------------------------------------------

# Overfull lines within this many points are not seen (TeX's own report starts at 0.1 pt).
TOLERANCE = 1.0
_OVERFULL = re.compile(
    r"^Overfull \\hbox \(([0-9.]+)pt too wide\)[^\n]*\n(.*?)\n\s*\n", re.M | re.S
)


def pdf_text(out: Path, *options: str) -> str:
    return subprocess.run(
        ["pdftotext", *options, str(out / "edition.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@needs_tex
def test_the_pdf_s_document_information(edition_pdf: Path) -> None:
    info = subprocess.run(
        ["pdfinfo", str(edition_pdf / "edition.pdf")], capture_output=True, text=True, check=True
    ).stdout
    fields = dict(
        (key.strip(), value.strip())
        for key, _, value in (line.partition(":") for line in info.splitlines())
    )
    assert fields["Title"] == "Lima, 22 April 1997: Five Statements"
    assert fields["Author"] == "The editors of the Lima 1997 edition"
    assert fields["Subject"].startswith("An annotated critical edition of five statements")
    # the language is in the document catalogue, which xdvipdfmx packs in a compressed stream
    assert b"/Lang(en)" in _inflated(edition_pdf / "edition.pdf")


def _inflated(pdf: Path) -> bytes:
    data = pdf.read_bytes()
    streams = [data]
    for start in re.finditer(rb"stream\r?\n", data):
        try:
            streams.append(zlib.decompressobj().decompress(data[start.end() :]))
        except zlib.error:
            continue
    return b"\n".join(streams)


@needs_tex
def test_the_pdf_sets_nothing_beyond_the_edge_of_the_page(edition_pdf: Path) -> None:
    log = (edition_pdf / "edition.log").read_text(encoding="utf-8", errors="replace")
    too_wide = []
    for overfull in _OVERFULL.finditer(log):
        points, box = float(overfull.group(1)), overfull.group(2)
        shown = re.sub(r"\[\]|\\TU/\S+", "", box).strip()  # the box's text, without its fonts
        if points > TOLERANCE:
            too_wide.append(f"{points}pt: {shown[:120]}")
    assert too_wide == []
    assert "Overfull \\vbox" not in log


@needs_tex
def test_the_pdf_keeps_head_lines_dashes_and_version_as_the_edition_has_them(
    edition_pdf: Path,
) -> None:
    text = pdf_text(edition_pdf, "-layout")
    assert "STATEMENT OF THE INTERNATIONALIST GROUP" in text  # the kicker, in capitals
    # the version is named by one word, in the running head as on the title page
    assert "Lima, 22 April 1997: Five Statements, Version 0.1" in text
    assert "Release 0.1" not in text
    # No line ends inside a run of hyphens: a line that ends with a hyphen and a next line that
    # starts with one are the two hyphens a witness writes apart ("house- -captured").
    apart = set()
    for witness in (ROOT / "sources").glob("*/witness.txt"):
        apart |= set(re.findall(r"([^\W\d_]+)- +-([^\W\d_]+)", witness.read_text("utf-8")))
    split = re.findall(r"([^\W\d_]+)[\d ]*-[ \t]*\n[ \t]*-([^\W\d_]+)", text)
    assert [pair for pair in split if pair not in apart] == []


@needs_tex
def test_the_contents_lead_to_the_bibliography_and_the_index_has_ranges(
    edition_pdf: Path,
) -> None:
    contents = (edition_pdf / "edition.toc").read_text("utf-8")
    assert len(re.findall(r"\}Bibliography\}", contents)) == 1
    (page,) = re.findall(r"\\numberline \{[0-9.]+\}Bibliography\}\{([0-9]+)\}", contents)
    tex = (edition_pdf / "edition.tex").read_text("utf-8")
    first = re.search(r"\\bibitem\[([^\]]+)\]", tex)
    assert first is not None
    label = first.group(1).replace(r"\sphinxhyphen{}", "-")
    text = pdf_text(edition_pdf)
    # the page the contents name (its number at its foot) has the heading and the first entry
    (shown,) = [p for p in text.split("\f") if p.strip() and p.split()[-1] == page]
    assert re.search(r"^[0-9.]+ Bibliography$", shown, re.M)
    assert f"[{label}]" in " ".join(shown.split())
    index = text[text.rindex("INDEX OF NAMES") :]
    assert re.search(r"\d–\d", index) and not re.search(r"\d--\d", index)
