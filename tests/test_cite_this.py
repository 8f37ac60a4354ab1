"""Citing the edition: each paragraph's and note's citation in every format it is offered in,
CITATION.cff, canonical addresses, and a separate Sphinx project citing through intersphinx."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from pybtex.database import parse_string

from tests.conftest import CHROMIUM, ROOT, chromium, copy_edition, serve

BASE = "https://example.org/lima1997/"
CSL_SCHEMA = Path(__file__).parent / "schemas" / "csl-data.json"
STATEMENT = "Down with the Executioner Fujimori! Demand Freedom for All Leftist Prisoners in Peru"
EDITION = "Lima, 22 April 1997: Five Statements"


def _citations(html: Path, siglum: str) -> dict[str, dict[str, object]]:
    data = json.loads((html / "texts" / f"{siglum}.citations.json").read_text(encoding="utf-8"))
    return {item["anchor"]: item for item in data}


def test_each_paragraph_and_note_has_its_citation_file(built: Callable[[str], Path]) -> None:
    html = built("html")
    ig = _citations(html, "ig")
    paragraph, note = ig["ig-3"], ig["note-ig-self-coup-date"]
    assert paragraph["url"] == BASE + "texts/ig.html#ig-3"
    assert paragraph["label"] == "IG ¶3"
    chicago = str(paragraph["chicago"])
    # the original statement: body, title, date, publication; the edition: title, editors,
    # version, year; the locator and the anchor's address
    for part in (
        "Internationalist Group, “" + STATEMENT,
        "23 April 1997",
        "The Internationalist (New York), no. 2, April–May 1997",
        EDITION,
        "The editors of the Lima 1997 edition",
        "version 0.1 (2026)",
        "¶3, " + BASE + "texts/ig.html#ig-3.",
    ):
        assert part in chicago, part
    mla = str(paragraph["mla"])
    assert mla.startswith("Internationalist Group. “" + STATEMENT)
    assert "23 Apr. 1997" in mla and "version 0.1, 2026, par. 3, " in mla
    assert "example.org/lima1997/texts/ig.html#ig-3" in mla and "https://" not in mla
    assert str(note["chicago"]).startswith("The editors, note ig-self-coup-date on ¶2 of ")
    assert str(note["url"]).endswith("texts/ig.html#note-ig-self-coup-date")
    assert paragraph["italic"] == ["The Internationalist", EDITION]

    # Every paragraph and every note of every text; the page carries the same data.
    for siglum in ("fi", "ig", "po", "rw", "ww"):
        citations = _citations(html, siglum)
        page = (html / "texts" / f"{siglum}.html").read_text(encoding="utf-8")
        paragraphs = set(
            re.findall(rf'<p class="reading-paragraph[^"]*" id="({siglum}-\d+)"', page)
        )
        notes = set(re.findall(r'<aside [^>]*id="(note-[^"]+)"', page))
        assert set(citations) == paragraphs | notes
        embedded = re.search(
            r'<script type="application/json" id="edition-citations">(.*?)</script>', page, re.S
        )
        assert embedded is not None
        assert json.loads(embedded.group(1).replace("<\\/", "</")) == json.loads(
            (html / "texts" / f"{siglum}.citations.json").read_text(encoding="utf-8")
        )

    # BibTeX: one entry per citation, readable by a BibTeX parser.
    bib = parse_string((html / "texts" / "ig.citations.bib").read_text(encoding="utf-8"), "bibtex")
    entry = bib.entries["lima1997-ig-3"]
    assert entry.type == "incollection"
    assert entry.fields["url"] == BASE + "texts/ig.html#ig-3"
    assert entry.fields["booktitle"] == EDITION
    assert entry.fields["version"] == "0.1" and entry.fields["year"] == "2026"
    assert "lima1997-note-ig-self-coup-date" in bib.entries

    # CSL-JSON: valid against the CSL data schema.
    schema = json.loads(CSL_SCHEMA.read_text(encoding="utf-8"))
    items = [item["csl"] for item in ig.values()]
    jsonschema.Draft7Validator(schema).validate(items)
    csl = paragraph["csl"]
    assert isinstance(csl, dict)
    assert csl["URL"] == BASE + "texts/ig.html#ig-3"
    assert csl["container-title"] == EDITION and csl["version"] == "0.1"
    assert csl["author"] == [{"literal": "Internationalist Group"}]
    assert csl["original-date"] == {"date-parts": [[1997, 4, 23]]}


@pytest.mark.skipif(CHROMIUM is None, reason="needs chromium (make test installs it)")
def test_the_cite_dialog_shows_and_copies_every_format(built: Callable[[str], Path]) -> None:
    html = built("html")
    ig = _citations(html, "ig")
    with serve(html) as site, chromium() as browser:
        context = browser.new_context(  # type: ignore[attr-defined]
            viewport={"width": 1280, "height": 800}
        )
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{site}/texts/ig.html#ig-3")
        page.click("#ig-3 button.paragraph-cite")
        dialog = page.locator("dialog.cite-dialog")
        assert dialog.is_visible()
        assert page.inner_text("#cite-dialog-title") == "Cite IG ¶3"
        shown = {
            name: page.inner_text(f'dialog section[data-format="{name}"] .cite-text')
            for name in ("Chicago", "MLA", "BibTeX", "CSL-JSON")
        }
        assert shown["Chicago"] == ig["ig-3"]["chicago"]
        assert shown["MLA"] == ig["ig-3"]["mla"]
        assert shown["BibTeX"] == ig["ig-3"]["bibtex"]
        assert json.loads(shown["CSL-JSON"]) == [ig["ig-3"]["csl"]]
        # Titles in italics.
        assert page.inner_text('dialog section[data-format="Chicago"] i') == "The Internationalist"
        for name, expected in (("BibTeX", ig["ig-3"]["bibtex"]), ("MLA", ig["ig-3"]["mla"])):
            page.click(f'dialog section[data-format="{name}"] button.cite-copy')
            assert page.evaluate("navigator.clipboard.readText()") == expected
        page.click("dialog button.cite-close")
        assert not dialog.is_visible()

        # A note's citation, from the button at the end of the note.
        note = ig["note-ig-self-coup-date"]
        page.click('aside[id="note-ig-self-coup-date"] button.note-cite')
        page.click('dialog section[data-format="Chicago"] button.cite-copy')
        assert page.evaluate("navigator.clipboard.readText()") == note["chicago"]
        assert errors == []
        context.close()


def test_citing_this_text_in_pdf_and_epub(built: Callable[[str], Path]) -> None:
    ig = _citations(built("html"), "ig")
    tex = (built("latex") / "edition.tex").read_text(encoding="utf-8")
    assert "Citing this text" in tex
    assert "version 0.1 (2026), ¶1, " in tex
    assert r"\sphinxstyleemphasis{The Internationalist}" in tex
    epub = (built("epub") / "texts" / "ig.xhtml").read_text(encoding="utf-8")
    assert "Citing this text" in epub
    text = re.sub(r"<[^>]+>", "", epub).replace("&amp;", "&")
    assert str(ig["ig-1"]["mla"]) in text and str(ig["note-ig-fujimori-asesino"]["chicago"]) in text
    assert 'id="ig-citing"' in epub


def test_citation_cff_is_valid_and_the_one_place_of_the_version(
    built: Callable[[str], Path],
) -> None:
    cffconvert = ROOT / ".tools" / "cffconvert" / "bin" / "cffconvert"
    if not cffconvert.exists():
        pytest.skip("needs cffconvert (make test installs it)")
    result = subprocess.run(
        [str(cffconvert), "--validate", "-i", str(ROOT / "CITATION.cff")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid" in result.stdout + result.stderr
    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    version = re.search(r'^version: "(.+)"$', cff, re.M)
    assert version is not None and version.group(1) == "0.1"
    # The version shows where a reader looks for it, taken from CITATION.cff alone.
    assert "Version 0.1" in (built("latex") / "edition.tex").read_text(encoding="utf-8")
    assert "version = {0.1}" in (built("html") / "texts" / "po.citations.bib").read_text("utf-8")
    sources = [ROOT / "docs" / "conf.py", ROOT / "pyproject.toml", ROOT / "README.md"]
    assert not any('release = "0.1"' in path.read_text("utf-8") for path in sources)


def test_canonical_links_follow_the_configured_base_url(
    built: Callable[[str], Path], tmp_path: Path
) -> None:
    page = (built("html") / "texts" / "ig.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{BASE}texts/ig.html" />' in page
    root = copy_edition(tmp_path / "edition")
    environment = {**os.environ, "EDITION_BASE_URL": "https://editions.test/lima/"}
    out = tmp_path / "html"
    command = [sys.executable, "-m", "sphinx", "-W", "-n", "-q", "-b", "html", "docs", str(out)]
    result = subprocess.run(
        command, cwd=root, env=environment, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    page = (out / "texts" / "ig.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://editions.test/lima/texts/ig.html" />' in page
    ig = _citations(out, "ig")
    assert ig["ig-3"]["url"] == "https://editions.test/lima/texts/ig.html#ig-3"


OTHER_PROJECT = """\
A study
=======

The statement calls Fujimori a murderer (:ref:`lima:ig-1`); compare :ref:`lima:ig-3`, the
editors' :ref:`note <lima:note-ig-self-coup-date>` and :ref:`lima:entity-alberto-fujimori`.
"""


def test_another_sphinx_project_cites_a_paragraph_through_intersphinx(
    built: Callable[[str], Path], tmp_path: Path
) -> None:
    html = built("html")
    project = tmp_path / "study"
    project.mkdir()
    (project / "conf.py").write_text(
        "project = 'A study'\n"
        "extensions = ['sphinx.ext.intersphinx']\n"
        f"intersphinx_mapping = {{'lima': ({BASE!r}, {str(html / 'objects.inv')!r})}}\n",
        encoding="utf-8",
    )
    (project / "index.rst").write_text(OTHER_PROJECT, encoding="utf-8")
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-n", "-q", "-b", "html", str(project), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    page = (out / "index.html").read_text(encoding="utf-8")
    links = dict(
        (re.sub(r"<[^>]+>", "", text), href)
        for href, text in re.findall(
            r'<a class="reference external" href="([^"]+)"[^>]*>(.*?)</a>', page
        )
    )
    assert links["IG ¶3"] == BASE + "texts/ig.html#ig-3"
    assert links["IG ¶1"] == BASE + "texts/ig.html#ig-1"
    assert links["note"] == BASE + "texts/ig.html#note-ig-self-coup-date"
    assert links["Alberto Fujimori"] == BASE + "indices/persons.html#entity-alberto-fujimori"
