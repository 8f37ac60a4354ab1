"""The built edition as readers see it: HTML, LaTeX/PDF and EPUB from real Sphinx builds."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from sphinx.util.inventory import InventoryFile

from ecdosis.model.texts.corpus import load_corpus
from tests.conftest import ROOT, SIGLA, needs_tex

Build = Callable[[str], Path]


def page(out: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((out / name).read_text(encoding="utf-8"), "html.parser")


def one(html: Tag, selector: str) -> Tag:
    """The element a reader would see at ``selector``; failing if there is none."""
    found = html.select_one(selector)
    assert found is not None, selector
    return found


@pytest.mark.parametrize("siglum", SIGLA)
def test_text_page_has_record_numbered_paragraphs_apparatus_and_witness(
    built: Build, siglum: str
) -> None:
    html = page(built("html"), f"texts/{siglum}.html")
    card = html.select_one(".edition-record")
    assert card is not None and "Siglum" in card.get_text()
    paragraphs = html.select("p.reading-paragraph")
    assert paragraphs
    for paragraph in paragraphs:
        anchor = str(paragraph["id"])
        number = one(paragraph, "a.paragraph-number")
        assert number["href"] == f"#{anchor}"
        assert number.get_text() == anchor.split("-")[1]
    apparatus = html.select_one(f"section#{siglum}-apparatus")
    assert apparatus is not None
    rows = apparatus.select("table.apparatus tbody tr")
    interventions = html.select(".reading-text a.intervention")
    for link in interventions:  # every intervention links to its entry, which links back
        entry = html.find(id=str(link["href"])[1:])
        assert isinstance(entry, Tag)
        row = entry.find_parent("tr")
        assert row is not None
        one(row, f'a[href="#{link["id"]}"]')
    assert len(rows) >= len(interventions)
    witness = html.select_one(f"section#{siglum}-witness pre")
    assert witness is not None


def test_apparatus_entry_shows_both_readings_and_kind(built: Build) -> None:
    html = page(built("html"), "texts/rw.html")
    row = next(r for r in html.select("table.apparatus tbody tr") if "bis" in r.get_text())
    cells = [cell.get_text(" ", strip=True) for cell in row.select("td")]
    assert cells[1:] == ["RW ¶3", "his", "bis", "OCR error corrected"]
    text = one(html, "p#rw-3").get_text()
    assert "interests of his government" in text
    rejoins = one(html, ".apparatus-rejoins").get_text(" ", strip=True)
    assert "Peruvian ( Pe|ruvian" in rejoins and "(36)" in rejoins


def test_sic_is_marked_not_corrected(built: Build) -> None:
    html = page(built("html"), "texts/po.html")
    (sic,) = html.select("p#po-1 a.intervention-sic")
    assert sic.contents[0].get_text() == "Roberto"  # the words, then the mark
    assert one(sic, "sup.sic-mark").get_text() == "sic"
    assert sic["title"] == "error of the original kept (sic)"


def test_witness_is_shown_line_for_line(built: Build) -> None:
    html = page(built("html"), "texts/ww.html")
    witness = one(html, "section#ww-witness pre").get_text()
    assert "[Documents menu]documents menu" in witness
    assert "house- -captured" in witness


def test_foreign_words_carry_their_language(built: Build) -> None:
    html = page(built("html"), "texts/ig.html")
    spans = [span.get_text() for span in html.select('p#ig-1 span[lang="es"]')]
    assert spans == ["Fujimori asesino!", "Movimiento Revolucionario Tupac Amaru"]


def test_landing_page_lists_the_texts_in_date_order(built: Build) -> None:
    html = page(built("html"), "index.html")
    items = html.select("ul.edition-texts > li")
    links = [one(item, "a")["href"] for item in items]
    corpus, _ = load_corpus(ROOT / "sources")
    assert links == [f"texts/{s}.html" for s in corpus.sigla]
    dates = [text.record.date for text in corpus.texts]
    assert dates == sorted(dates)
    assert "Internationalist Group, 1997-04-23" in items[0].get_text()


def test_paragraphs_are_labels_in_the_inventory(built: Build) -> None:
    out = built("html")
    with (out / "objects.inv").open("rb") as stream:
        inventory = InventoryFile.load(stream, "", lambda base, uri: uri)
    labels = inventory["std:label"]
    assert labels["ig-3"].uri == "texts/ig.html#ig-3"
    assert labels["ig-3"].display_name == "IG ¶3"
    for siglum in SIGLA:
        assert f"{siglum}-1" in labels


def test_two_clean_builds_are_identical(built: Build, tmp_path: Path) -> None:
    from tests.conftest import copy_edition, sphinx_build

    first = built("html")
    root = copy_edition(tmp_path / "again")
    result = sphinx_build(root, "html", tmp_path / "again-out")
    assert result.returncode == 0, result.stderr
    pages = sorted(p.relative_to(first) for p in first.rglob("*.html"))
    assert pages
    for name in pages:
        assert (first / name).read_bytes() == (tmp_path / "again-out" / name).read_bytes(), name


def test_latex_has_margin_numbers_targets_and_spanish(built: Build) -> None:
    tex = (built("latex") / "edition.tex").read_text(encoding="utf-8")
    assert r"\usepackage{marginnote}" in tex
    assert r"\setotherlanguage{spanish}" in tex
    assert r"\phantomsection\label{\detokenize{texts/ig:ig-3}}\marginnote" in tex
    assert re.search(r"\\foreignlanguage\{spanish\}\{[^\n]*La República", tex)
    # names linked to the index keep the reading text's upright type
    assert r"\csname DUroleentity-mention\endcsname#1{\textup{#1}}" in tex
    assert r"\DUrole{entity-mention}{\DUrole{entity-person}{Alberto Fujimori}}" in tex
    assert r"\hyperref[\detokenize{texts/rw:rw-app-1}]{his}" in tex


@needs_tex
def test_pdf_is_built_with_accents_and_working_links(edition_pdf: Path) -> None:
    out = edition_pdf
    log = (out / "edition.log").read_text(encoding="utf-8", errors="replace")
    assert "undefined references" not in log
    assert "Hyper reference" not in log
    text = subprocess.run(
        ["pdftotext", str(out / "edition.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Lima, 22 April 1997" in text
    assert "La República" in text and "Néstor Cerpa" in text
    assert "Textual apparatus" in text
