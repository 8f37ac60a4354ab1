"""The edition as data, in the site `make edition` builds: every text's TEI, annotations and DTS
documents are there, its page links them, and its head and body carry the metadata that
reference managers read."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import parse_qs

from bs4 import BeautifulSoup

from ecdosis.model.edition import load_edition
from tests.conftest import ROOT, SIGLA

TEI = "{http://www.tei-c.org/ns/1.0}"


def test_every_text_is_published_as_data_and_linked_from_its_page(html: Path) -> None:
    edition, _ = load_edition(ROOT / "sources", ROOT / "annotations")
    entry = json.loads((html / "api" / "dts" / "index.json").read_text("utf-8"))
    assert entry["@type"] == "EntryPoint" and entry["dtsVersion"] == "1.0"
    for siglum in SIGLA:
        page_path = html / "texts" / f"{siglum}.html"
        page = BeautifulSoup(page_path.read_text("utf-8"), "html.parser")
        links = [str(a["href"]) for a in page.select("p.edition-data a")]
        assert links == [f"../data/tei/{siglum}.xml", f"../data/annotations/{siglum}.jsonld"]
        for link in links:
            assert (page_path.parent / link).resolve().is_file(), link
        tei = ET.parse(html / "data" / "tei" / f"{siglum}.xml").getroot()
        ids = [p.get("{http://www.w3.org/XML/1998/namespace}id") for p in tei.iter(f"{TEI}p")]
        anchors = [block.anchor for block in edition.corpus[siglum].reading_text.paragraphs]
        assert [i for i in ids if i in anchors] == anchors
        annotations = json.loads((html / "data" / "annotations" / f"{siglum}.jsonld").read_text())
        assert annotations["total"] == len(edition.notes_on(siglum))
        assert (html / "api" / "dts" / "document" / f"{siglum}.xml").is_file()
        # what Zotero reads: one item for the page, one for each paragraph and note
        assert page.find("meta", attrs={"name": "citation_title"}) is not None
        authors = page.find_all("meta", attrs={"name": "citation_author"})
        assert authors, siglum
        coins = page.select("span.Z3988")
        assert len(coins) == len(anchors) + len(edition.notes_on(siglum))
        for span in coins:
            assert parse_qs(str(span["title"]))["ctx_ver"] == ["Z39.88-2004"]
        ld = page.find("script", attrs={"type": "application/ld+json"})
        assert ld is not None and json.loads(ld.get_text())["@type"] == "Chapter"
