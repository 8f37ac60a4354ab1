"""What the PDF needs that the screen does not: the synopsis's sections set as running text
that no style sheet lays out (its labels in italics, each text's passages run on after its
siglum), long words breakable, and a missing glyph an error; and the bibliography as its
sources write it, in every format."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from ecdosis.ext.publication.long_words import BREAK, breakable
from tests.conftest import build_small
from tests.test_limits import note


def test_the_pdf_sets_the_synopsis_topic_by_topic(small: Path) -> None:
    tex = (build_small(small, "latex") / "small.tex").read_text("utf-8")
    synopsis = tex[
        tex.index(r"\label{\detokenize{synopsis::doc}}") : tex.index(
            r"\label{\detokenize{timeline::doc}}"
        )
    ]
    assert r"\begin{longtable}" not in synopsis
    assert (
        r"\sphinxstylestrong{TX:} “\sphinxstyleemphasis{the army stormed the residence}”"
        in synopsis
    )
    assert r"\sphinxstyleemphasis{The documented record:}" in synopsis
    assert "Commandos of the armed forces stormed the residence" in synopsis


def test_a_long_word_may_be_broken_in_the_pdf_only(small: Path) -> None:
    word = "Donaudampfschifffahrtsgesellschaftskapitaen"
    note(small, "tx-long-word", body=f"The {word} of the company.")
    build_small(small, "dummy", edition_register_update=1)
    tex = (build_small(small, "latex") / "small.tex").read_text("utf-8")
    assert breakable(word) in tex
    assert r"\catcode`^^^^200b=\active\protected\def^^^^200b{\allowbreak}" in tex
    assert r"\tracinglostchars=3" in tex
    html = (build_small(small, "html") / "texts" / "tx.html").read_text("utf-8")
    assert word in html and BREAK not in html


def test_only_words_longer_than_thirty_characters_are_broken() -> None:
    assert breakable("a" * 30) == "a" * 30
    assert breakable("b" * 31) == "b" * 10 + BREAK + "b" * 10 + BREAK + "b" * 10 + BREAK + "b"
    assert breakable("short words stay - " + "c" * 35) == "short words stay - " + BREAK.join(
        ["c" * 10] * 3 + ["c" * 5]
    )


# Names, acronyms and a leading number, none of them braced: a sentence-casing style lowers them.
CAPITALISED = "U.S. Backs Fujimori: 7 Americans, the CIA and Karl Marx"
CAPITALISED_ENTRY = f"""
@article{{capitals1997,
  author = {{Ana Torres}},
  title = {{{CAPITALISED}}},
  journal = {{Test Weekly}},
  year = {{1997}}
}}
"""


def test_bibliography_titles_keep_the_capitals_of_the_bib(small: Path) -> None:
    bib = small / "annotations" / "references.bib"
    bib.write_text(bib.read_text("utf-8") + CAPITALISED_ENTRY, encoding="utf-8")
    html = BeautifulSoup(
        (build_small(small, "html") / "bibliography.html").read_text("utf-8"), "html.parser"
    ).get_text(" ")
    tex = (build_small(small, "latex") / "small.tex").read_text("utf-8")
    for shown in (html, tex):
        assert "Peru Troops Storm the Residence." in shown
        assert f"{CAPITALISED}." in shown
