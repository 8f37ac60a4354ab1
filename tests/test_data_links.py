"""Each text's page links the text as data (its TEI and its notes as Web Annotations) in the
HTML, where those files are published; the EPUB and the PDF, which do not carry them, do not."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from tests.conftest import build_small


def test_the_html_page_links_its_data_and_the_epub_and_pdf_do_not(small: Path) -> None:
    build_small(small, "dummy", edition_register_update=1)
    html = build_small(small, "html")
    page = BeautifulSoup((html / "texts" / "tx.html").read_text("utf-8"), "html.parser")
    line = page.select_one("p.edition-data")
    assert line is not None and line.get_text().startswith("Download: TEI")
    links = [str(a["href"]) for a in line.select("a")]
    assert links == ["../data/tei/tx.xml", "../data/annotations/tx.jsonld"]
    dirhtml = build_small(small, "dirhtml")
    page = BeautifulSoup(
        (dirhtml / "texts" / "tx" / "index.html").read_text("utf-8"), "html.parser"
    )
    first = page.select_one("p.edition-data a")
    assert first is not None and first["href"] == "../../data/tei/tx.xml"
    epub = build_small(small, "epub")
    assert "edition-data" not in (epub / "texts" / "tx.xhtml").read_text("utf-8")
    latex = build_small(small, "latex")
    assert "Download: TEI" not in next(latex.glob("*.tex")).read_text("utf-8")
