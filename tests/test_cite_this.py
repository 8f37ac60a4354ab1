"""Citing the edition: each paragraph's and note's citation in every format it is offered in,
notes named as a reader sees them, addresses while the edition has no permanent one,
CITATION.cff, canonical addresses, and a separate Sphinx project citing through intersphinx."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from bs4 import BeautifulSoup, Tag
from pybtex.database import parse_string

from tests.conftest import (
    CHROMIUM,
    ROOT,
    build_small,
    chromium,
    copy_edition,
    copy_small,
    serve,
)

BASE = "https://example.org/lima1997/"  # the committed placeholder
PERMANENT = "https://lima1997.org/edition/"  # an address on no name reserved for examples
CSL_SCHEMA = Path(__file__).parent / "schemas" / "csl-data.json"
STATEMENT = "Down with the Executioner Fujimori! Demand Freedom for All Leftist Prisoners in Peru"
EDITION = "Lima, 22 April 1997: Five Statements"
PROVISIONAL = " (provisional address)"
NUMBERED = re.compile(r"Note (\d+) on ¶(\d+)")


def _citations(html: Path, siglum: str) -> dict[str, dict[str, Any]]:
    data = json.loads((html / "texts" / f"{siglum}.citations.json").read_text(encoding="utf-8"))
    return {item["anchor"]: item for item in data}


def _soup(html: Path, siglum: str) -> BeautifulSoup:
    return BeautifulSoup((html / "texts" / f"{siglum}.html").read_text("utf-8"), "html.parser")


def _shown_text(page: BeautifulSoup) -> str:
    """What a reader of the page sees: its text without its scripts, styles and head."""
    body = page.body
    assert isinstance(body, Tag)
    for hidden in body.select("script, style"):
        hidden.decompose()
    return body.get_text(" ")


def _notes_as_marked(page: BeautifulSoup) -> dict[str, tuple[str, str]]:
    """Each note's anchor, with its number as its mark shows it and its paragraph's number."""
    found = {}
    for mark in page.select("a.note-mark"):
        paragraph = mark.find_parent("p", class_="reading-paragraph")
        assert isinstance(paragraph, Tag)
        number = paragraph.select_one("a.paragraph-number")
        assert isinstance(number, Tag)
        found[str(mark["href"]).removeprefix("#")] = (mark.get_text(), number.get_text())
    return found


def test_each_paragraph_and_note_has_its_citation_file(built: Callable[[str], Path]) -> None:
    html = built("html")
    ig = _citations(html, "ig")
    paragraph, note = ig["ig-3"], ig["note-ig-self-coup-date"]
    # The committed base URL is a placeholder: addresses within the edition, called provisional.
    assert paragraph["url"] == paragraph["path"] == "texts/ig.html#ig-3"
    assert paragraph["provisional"] is True
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
        "¶3, texts/ig.html#ig-3" + PROVISIONAL + ".",
    ):
        assert part in chicago, part
    mla = str(paragraph["mla"])
    assert mla.startswith("Internationalist Group. “" + STATEMENT)
    assert "23 Apr. 1997" in mla and "version 0.1, 2026, par. 3, " in mla
    assert "par. 3, texts/ig.html#ig-3" + PROVISIONAL + ". Originally" in mla
    # A note is named by its number at its mark and its paragraph, in the words of every form.
    number, on = _notes_as_marked(_soup(html, "ig"))["note-ig-self-coup-date"]
    assert on == "2"
    assert note["label"] == f"IG, note {number} on ¶2"
    assert str(note["chicago"]).startswith(f"The editors, note {number} on ¶2 of ")
    assert str(note["mla"]).startswith(f"The editors. Note {number} on par. 2 of ")
    assert f"note = {{Note {number} on ¶2 of the statement" in str(note["bibtex"])
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
        marked = _notes_as_marked(_soup(html, siglum))
        assert set(marked) == notes
        for anchor, (number, on) in marked.items():
            assert citations[anchor]["label"] == f"{siglum.upper()}, note {number} on ¶{on}"
        for item in citations.values():
            assert "example.org" not in json.dumps(item, ensure_ascii=False), item["anchor"]
            assert str(item["chicago"]).endswith(f"{item['path']}{PROVISIONAL}.")
        bib = (html / "texts" / f"{siglum}.citations.bib").read_text(encoding="utf-8")
        assert "example.org" not in bib
        # The placeholder host is in the page's canonical link only, never in what it shows.
        assert page.count("example.org") == 1
        assert f'<link rel="canonical" href="{BASE}texts/{siglum}.html" />' in page

    # BibTeX: one entry per citation, readable by a BibTeX parser.
    bib = parse_string((html / "texts" / "ig.citations.bib").read_text(encoding="utf-8"), "bibtex")
    entry = bib.entries["lima1997-ig-3"]
    assert entry.type == "incollection"
    assert entry.fields["url"] == "texts/ig.html#ig-3"
    assert entry.fields["note"].endswith(" Provisional address.")
    assert entry.fields["booktitle"] == EDITION
    assert entry.fields["version"] == "0.1" and entry.fields["year"] == "2026"
    assert "lima1997-note-ig-self-coup-date" in bib.entries

    # CSL-JSON: valid against the CSL data schema.
    schema = json.loads(CSL_SCHEMA.read_text(encoding="utf-8"))
    items = [item["csl"] for item in ig.values()]
    jsonschema.Draft7Validator(schema).validate(items)
    csl = paragraph["csl"]
    assert isinstance(csl, dict)
    assert csl["URL"] == "texts/ig.html#ig-3"
    assert csl["container-title"] == EDITION and csl["version"] == "0.1"
    assert csl["author"] == [{"literal": "Internationalist Group"}]
    assert csl["original-date"] == {"date-parts": [[1997, 4, 23]]}


def test_every_note_ends_with_its_address_named_as_its_mark_names_it(
    built: Callable[[str], Path],
) -> None:
    html = built("html")
    for siglum in ("fi", "ig", "po", "rw", "ww"):
        page = _soup(html, siglum)
        marked = _notes_as_marked(page)
        for aside in page.select("aside.edition-sidenote"):
            anchor = str(aside["id"])
            permalinks = aside.select("a.note-permalink")
            assert len(permalinks) == 1, anchor
            permalink = permalinks[0]
            number, on = marked[anchor]
            assert permalink["href"] == f"#{anchor}"
            assert permalink.get_text() == f"Note {number} on ¶{on}"
            assert (
                permalink["title"]
                == f"Link to this note ({siglum.upper()}, note {number} on ¶{on})"
            )
            # no slug as visible text: "#note-…" is an address, not words
            shown = aside.get_text(" ")
            assert "#note-" not in shown and anchor.removeprefix("note-") not in shown, anchor


def _noted_small(root: Path) -> Path:
    """The small edition with two more notes: a second one on tx-1 and one on tx-2."""
    notes = root / "annotations" / "tx"
    for note_id, target, quote in (
        ("tx-guerrillas", "tx-1", "The guerrillas of the MRTA"),
        ("tx-hostages", "tx-2", "speaks of the hostages"),
    ):
        (notes / f"{note_id}.md").write_text(
            f'---\nid: {note_id}\ntarget: {target}\nquote: "{quote}"\nkind: context\n'
            "sources: [sims1997]\nauthor: A. Contributor\ndate: 2026-11-20\n---\n"
            "What the words refer to {cite}`sims1997`.\n",
            encoding="utf-8",
        )
    build_small(root, "dummy", edition_register_update=True)
    return root


NOTES_OF_TX = {"note-tx-assault": (1, 1), "note-tx-guerrillas": (2, 1), "note-tx-hostages": (3, 2)}


def test_a_note_is_named_by_its_number_and_paragraph_in_every_format(small: Path) -> None:
    root = _noted_small(small)
    html = build_small(root, "html")
    page = _soup(html, "tx")
    citations = _citations(html, "tx")
    marked = _notes_as_marked(page)
    assert marked == {anchor: (str(n), str(p)) for anchor, (n, p) in NOTES_OF_TX.items()}
    for anchor, (number, on) in NOTES_OF_TX.items():
        link = page.select_one(f"aside#{anchor} a.note-permalink")
        assert isinstance(link, Tag) and link["href"] == f"#{anchor}"
        assert link.get_text() == f"Note {number} on ¶{on}"
        citation = citations[anchor]
        assert citation["label"] == f"TX, note {number} on ¶{on}"
        assert f"A. Contributor, note {number} on ¶{on} of The Test Group" in citation["chicago"]
        assert f"A. Contributor. Note {number} on par. {on} of “A Test" in citation["mla"]
        assert citation["csl"]["note"].startswith(f"Note {number} on ¶{on} of the text")
        assert f"note = {{Note {number} on ¶{on} of the text" in citation["bibtex"]
        # the slug stays in the address and the keys only
        words = [citation[form].replace(citation["path"], "") for form in ("chicago", "mla")]
        assert not any(anchor.removeprefix("note-") in text for text in words)
        assert citation["csl"]["id"].endswith(f"-{anchor}")
    # The PDF: the note's own name at its end (its footnote number runs through the book).
    tex = (build_small(root, "latex") / "small.tex").read_text(encoding="utf-8")
    for anchor, (number, on) in NOTES_OF_TX.items():
        target = rf"\hyperref[\detokenize{{texts/tx:{anchor}}}]"
        assert target + rf"{{\sphinxcrossref{{Note {number} on ¶{on}}}}}" in tex
    assert r"\sphinxcrossref{\#note" not in tex
    assert "note 1 on ¶1 of The Test Group" in tex  # the example of "Citing this text"
    # The EPUB: the same link after each note.
    epub = (build_small(root, "epub") / "texts" / "tx.xhtml").read_text(encoding="utf-8")
    for anchor, (number, on) in NOTES_OF_TX.items():
        assert re.search(
            rf'<a class="note-permalink[^"]*" href="#{anchor}"[^>]*>Note {number} on ¶{on}</a>',
            epub,
        ), anchor
    assert ">#note-" not in epub


def test_the_base_url_decides_whether_addresses_are_provisional(
    small: Path, tmp_path: Path
) -> None:
    # The small edition's base URL is on example.org, reserved for examples: a placeholder.
    html = build_small(small, "html")
    citations = _citations(html, "tx")
    assert {c["provisional"] for c in citations.values()} == {True}
    assert citations["tx-1"]["url"] == "texts/tx.html#tx-1"
    bib = (html / "texts" / "tx.citations.bib").read_text(encoding="utf-8")
    page = _shown_text(_soup(html, "tx"))
    for shown in (json.dumps(list(citations.values())), bib, page):
        assert "example.org/small" not in shown
    assert "The edition has no permanent address yet" in page
    assert "texts/tx.html#tx-1 (provisional address)." in page
    # Built for a permanent address, every citation gives it whole and nothing is provisional.
    permanent = build_small(copy_small(tmp_path / "permanent"), "html", html_baseurl=PERMANENT)
    citations = _citations(permanent, "tx")
    assert {c["provisional"] for c in citations.values()} == {False}
    assert citations["tx-1"]["url"] == PERMANENT + "texts/tx.html#tx-1"
    assert str(citations["tx-1"]["chicago"]).endswith(", ¶1, " + PERMANENT + "texts/tx.html#tx-1.")
    bib = (permanent / "texts" / "tx.citations.bib").read_text(encoding="utf-8")
    page = _shown_text(_soup(permanent, "tx"))
    forms = [
        json.dumps([c[f] for f in ("chicago", "mla", "bibtex", "csl")]) for c in citations.values()
    ]
    for shown in (*forms, bib, page):
        assert "provisional" not in shown.lower()
    assert PERMANENT + "texts/tx.html#tx-1." in page


def test_the_cite_dialog_s_script_only_fills_in_the_address() -> None:
    script = (ROOT / "src" / "ecdosis" / "ext" / "static" / "ecdosis.js").read_text("utf-8")
    assert script[script.index("*/") + 2 :].lstrip().startswith('"use strict";\n')
    # The styles' rules are Python's, which gives each form with a place for the address: the
    # script neither escapes it for BibTeX, nor strips its scheme for MLA, nor looks for it.
    for rule in ("%5C", "%7B", "%20", r"^https?:\/\/", "lastIndexOf", "citation.path"):
        assert rule not in script, rule


def _open_with_key(page: Any, button: str, key: str) -> None:
    """Open the Cite dialog from the keyboard: the button focused, then ``key``."""
    page.focus(button)
    page.keyboard.press(key)
    assert page.locator("dialog.cite-dialog").is_visible()
    assert page.evaluate(
        "document.querySelector('dialog.cite-dialog').contains(document.activeElement)"
    )


def _focused_is(page: Any, selector: str) -> bool:
    return bool(page.evaluate(f"document.activeElement === document.querySelector({selector!r})"))


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
        cite = "#ig-3 button.paragraph-cite"
        assert page.get_attribute(cite, "aria-label") == "Cite IG ¶3"
        _open_with_key(page, cite, "Enter")
        dialog = page.locator("dialog.cite-dialog")
        assert page.inner_text("#cite-dialog-title") == "Cite IG ¶3"
        # The edition has no permanent address yet: the dialog gives the address the page is
        # served from, and says it is provisional.
        citation = ig["ig-3"]
        served = f"{site}/{citation['path']}"
        assert served == page.url
        notice = page.inner_text("dialog .cite-provisional")
        assert notice.startswith("Provisional address: this edition has no permanent address")
        assert "example.org" not in page.inner_text("dialog.cite-dialog")
        expected = {
            "Chicago": citation["chicago"].replace(citation["path"], served),
            "MLA": citation["mla"].replace(citation["path"], served.removeprefix("http://")),
            "BibTeX": citation["bibtex"].replace(
                f"url = {{{citation['path']}}}", f"url = {{{served}}}"
            ),
        }
        assert expected["Chicago"].endswith(f", ¶3, {served}{PROVISIONAL}.")
        assert f"url = {{{served}}}" in expected["BibTeX"]
        shown = {
            name: page.inner_text(f'dialog section[data-format="{name}"] .cite-text')
            for name in ("Chicago", "MLA", "BibTeX", "CSL-JSON")
        }
        assert {name: shown[name] for name in expected} == expected
        assert json.loads(shown["CSL-JSON"]) == [{**citation["csl"], "URL": served}]
        # Titles in italics.
        assert page.inner_text('dialog section[data-format="Chicago"] i') == "The Internationalist"
        for name in ("BibTeX", "MLA"):
            page.click(f'dialog section[data-format="{name}"] button.cite-copy')
            assert page.evaluate("navigator.clipboard.readText()") == expected[name]
        # Escape closes the dialog, and the focus goes back to the button that opened it.
        page.keyboard.press("Escape")
        assert not dialog.is_visible()
        assert _focused_is(page, cite)
        # Space opens it too; so does a click, and its Close button closes it.
        _open_with_key(page, cite, " ")
        page.click("dialog button.cite-close")
        assert not dialog.is_visible()
        assert _focused_is(page, cite)

        # A note's citation, from the button at the end of the note (opened at its address,
        # the note is shown whole).
        note = ig["note-ig-self-coup-date"]
        page.goto(f"{site}/texts/ig.html#note-ig-self-coup-date")
        button = 'aside[id="note-ig-self-coup-date"] button.note-cite'
        assert page.get_attribute(button, "aria-label") == f"Cite {note['label']}"
        _open_with_key(page, button, "Enter")
        assert page.inner_text("#cite-dialog-title") == f"Cite {note['label']}"
        page.click('dialog section[data-format="Chicago"] button.cite-copy')
        served = f"{site}/{note['path']}"
        assert page.evaluate("navigator.clipboard.readText()") == note["chicago"].replace(
            note["path"], served
        )
        page.keyboard.press("Escape")
        assert _focused_is(page, button)
        assert errors == []
        context.close()


@pytest.mark.skipif(CHROMIUM is None, reason="needs chromium (make test installs it)")
def test_the_cite_dialog_gives_a_permanent_address_as_it_is(small: Path) -> None:
    html = build_small(small, "html", html_baseurl=PERMANENT)
    citation = _citations(html, "tx")["tx-1"]
    with serve(html) as site, chromium() as browser:
        page = browser.new_page()  # type: ignore[attr-defined]
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{site}/texts/tx.html")
        _open_with_key(page, "#tx-1 button.paragraph-cite", "Enter")
        assert page.locator("dialog .cite-provisional").count() == 0
        chicago = page.inner_text('dialog section[data-format="Chicago"] .cite-text')
        assert chicago == citation["chicago"]
        assert chicago.endswith(f", ¶1, {PERMANENT}texts/tx.html#tx-1.")
        assert site not in page.inner_text("dialog.cite-dialog")
        assert errors == []
        page.close()


def _citing_section(text: str, start: str, end: str) -> str:
    """The part of a page's text from "Citing this text" to ``end``."""
    begin = text.index(start)
    return text[begin : text.index(end, begin)]


def test_citing_this_text_in_pdf_and_epub(built: Callable[[str], Path]) -> None:
    ig = _citations(built("html"), "ig")
    tex = (built("latex") / "edition.tex").read_text(encoding="utf-8")
    assert "Citing this text" in tex
    assert "version 0.1 (2026), ¶1, " in tex
    assert r"\sphinxstyleemphasis{The Internationalist}" in tex
    # the first note of IG, named by its number and paragraph; no placeholder host
    assert "The editors, note 1 on ¶1 of Internationalist Group" in tex
    citing = _citing_section(tex, r"\subsection{Citing this text}", r"\section")
    assert "(provisional address)" in citing and "example.org" not in citing
    assert "The edition has no permanent address yet" in citing
    epub = (built("epub") / "texts" / "ig.xhtml").read_text(encoding="utf-8")
    assert "Citing this text" in epub
    text = re.sub(r"<[^>]+>", "", epub).replace("&amp;", "&")
    assert str(ig["ig-1"]["mla"]) in text and str(ig["note-ig-fujimori-asesino"]["chicago"]) in text
    assert "note 1 on ¶1 of" in str(ig["note-ig-fujimori-asesino"]["chicago"])
    assert "example.org" not in text
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
    environment = {**os.environ, "EDITION_BASE_URL": PERMANENT}
    out = tmp_path / "html"
    command = [sys.executable, "-m", "sphinx", "-W", "-n", "-q", "-b", "html", "docs", str(out)]
    result = subprocess.run(
        command, cwd=root, env=environment, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    page = (out / "texts" / "ig.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{PERMANENT}texts/ig.html" />' in page
    ig = _citations(out, "ig")
    assert ig["ig-3"]["url"] == PERMANENT + "texts/ig.html#ig-3"
    assert ig["ig-3"]["provisional"] is False
    assert str(ig["ig-3"]["chicago"]).endswith(f", ¶3, {PERMANENT}texts/ig.html#ig-3.")


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
