"""The statements and the record, and the key figures, in every format: a note's assessment
stands with the note and in its text's apparatus, the claims page gathers the assessed claims text
by text, and a key figure is stated through ``{figure}`` with the value of its registry entry."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx import addnodes

from ecdosis.ext.registries.claims_page import CLAIMS
from ecdosis.ext.written_late import written_late
from ecdosis.model.edition import load_edition
from tests.conftest import build_small, copy_small

NOTE = """---
id: tx-assault
target: tx-1
quote: "stormed the residence"
kind: context
assessment: supported
sources: [sims1997]
author: A. Contributor
date: 2026-11-20
verified: 2026-12-01
---
The assault of 22 April 1997 {cite}`sims1997`, which killed {figure}`dead` guerrillas.
"""
FIGURE = """---
id: dead
value: fourteen
label: MRTA members killed in the assault
sources: [sims1997]
verified: 2026-12-01
---
All the guerrillas in the residence died {cite}`sims1997`.
"""
PAGES = {
    "claims.md": "(claims)=\n# The statements and the record\n\n```{edition-claims}\n```\n",
    "figures.md": "(figures)=\n# Key figures\n\n```{edition-figures}\n```\n",
}


def _edition_with_claims(root: Path) -> Path:
    (root / "annotations" / "tx" / "tx-assault.md").write_text(NOTE, encoding="utf-8")
    (root / "annotations" / "figures").mkdir()
    (root / "annotations" / "figures" / "dead.md").write_text(FIGURE, encoding="utf-8")
    for name, page in PAGES.items():
        (root / name).write_text(page, encoding="utf-8")
    index = root / "index.md"
    text = index.read_text(encoding="utf-8")
    index.write_text(text.replace(":hidden:\n\n", ":hidden:\n\nclaims\nfigures\n"), "utf-8")
    build_small(root, "dummy", edition_register_update=1)  # record the new anchors
    return root


@pytest.fixture(scope="module")
def claims(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = _edition_with_claims(copy_small(tmp_path_factory.mktemp("claims") / "small"))
    return {builder: build_small(root, builder) for builder in ("html", "latex", "epub")}


def _html(out: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((out / page).read_text(encoding="utf-8"), "html.parser")


def test_a_note_shows_its_assessment_and_its_verification(claims: dict[str, Path]) -> None:
    page = _html(claims["html"], "texts/tx.html")
    note = page.select_one("aside#note-tx-assault")
    assert note is not None
    verdict = note.select_one("em.note-assessment")
    assert verdict is not None and verdict.get_text() == "Supported by the record."
    assert "A. Contributor, 2026-11-20; verified 2026-12-01." in note.get_text()
    apparatus = page.select_one("#tx-notes")
    assert apparatus is not None
    text = " ".join(apparatus.get_text().split())
    assert "1 of the 1 notes assesses a claim of the text against the record: 1 supported." in text
    assert "Context (supported)" in text


def test_the_claims_page_gathers_the_assessed_claims_text_by_text(
    claims: dict[str, Path],
) -> None:
    page = _html(claims["html"], "claims.html")
    counts = page.select_one("table.edition-claims-counts")
    assert counts is not None
    rows = [
        [cell.get_text(strip=True) for cell in row.select("td")]
        for row in counts.select("tbody tr")
    ]
    assert rows == [["TX", "1", "0", "0", "0", "0"], ["TY", "0", "0", "0", "0", "0"]]
    section = page.select_one("section#claims-tx")
    assert section is not None
    claim = section.select_one("li p.claim")
    assert claim is not None
    assert " ".join(claim.get_text().split()) == (
        "Supported by the record: “stormed the residence”, TX ¶1 (TX note 1)."
    )
    links = [a["href"] for a in claim.select("a")]
    assert links == ["texts/tx.html#tx-1", "texts/tx.html#note-tx-assault"]
    assert section.select_one("li p.sources a[href*='#bib-sims1997']") is not None
    assert "None of them assesses" in page.select_one("section#claims-ty").get_text()  # type: ignore[union-attr]


def test_the_claims_and_the_notes_are_made_when_their_pages_are_written(
    claims: dict[str, Path],
) -> None:
    """The saved page holds each text's claims as data; the page's references, which make it
    outdated when what they show changes, include the paragraphs and notes it will link."""
    doctrees = claims["html"].parent / "doctrees"
    page = pickle.loads((doctrees / "claims.doctree").read_bytes())
    (part,) = (node for node in page.findall(written_late) if node["maker"] == CLAIMS)
    ((assessment, quote, target, note_id, sources),) = part["data"]
    assert (assessment, quote, target, note_id) == (
        "supported",
        "stormed the residence",
        "tx-1",
        "tx-assault",
    )
    assert [key for key, _ in sources] == ["sims1997"]
    assert not [x for x in page.findall(addnodes.pending_xref) if x["reftype"] == "note"]
    environment = pickle.loads((doctrees / "environment.pickle").read_bytes())
    references, _ = environment.domaindata["edition"]["references"]["claims"]
    assert {("paragraph", "tx-1"), ("note", "tx-assault")} <= set(references)
    # so is a note's text on its text's page, with the key figure its body names
    text = pickle.loads((doctrees / "texts" / "tx.doctree").read_bytes())
    assert [n["maker"] for n in text.findall(written_late)].count("note text") == 1
    assert not [x for x in text.findall(addnodes.pending_xref) if x["reftype"] == "figure"]
    references, _ = environment.domaindata["edition"]["references"]["texts/tx"]
    assert ("figure", "dead") in references


def test_a_key_figure_is_stated_from_its_entry_and_links_to_it(claims: dict[str, Path]) -> None:
    note = _html(claims["html"], "texts/tx.html").select_one("aside#note-tx-assault")
    assert note is not None
    link = note.select_one('a[href$="figures.html#figure-dead"]')
    assert link is not None and link.get_text() == "fourteen"
    assert link["title"] == "MRTA members killed in the assault"
    entry = _html(claims["html"], "figures.html").select_one("dl.edition-figures")
    assert entry is not None
    assert " ".join(entry.select_one("dt").get_text().split()) == (  # type: ignore[union-attr]
        "MRTA members killed in the assault: fourteen"
    )
    assert "All the guerrillas in the residence died" in entry.get_text()


def test_the_pdf_and_the_epub_have_the_assessment_the_claims_and_the_figure(
    claims: dict[str, Path],
) -> None:
    latex = (claims["latex"] / "small.tex").read_text(encoding="utf-8")
    assert r"\sphinxstyleemphasis{Supported by the record.}" in latex
    assert "which killed" in latex and "fourteen" in latex.split("which killed", 1)[1][:300]
    assert "MRTA members killed in the assault: " in latex
    assert r"\sphinxstylestrong{Supported by the record}: “" in latex
    epub = claims["epub"]
    text = _html(epub, "texts/tx.xhtml").get_text()
    assert "Supported by the record." in text and "fourteen" in text
    assert "stormed the residence" in _html(epub, "claims.xhtml").get_text()


def test_a_reference_to_a_figure_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    root = copy_small(tmp_path / "small")
    (root / "annotations" / "tx" / "tx-assault.md").write_text(
        NOTE.replace("{figure}`dead`", "{figure}`wounded`"), encoding="utf-8"
    )
    _, problems = load_edition(root / "sources", root / "annotations")
    assert [(p.line, p.message, p.fix) for p in problems] == [
        (
            12,
            "{figure}`wounded` names nothing: there is no such figure",
            "give a key figure id of annotations/figures/",
        )
    ]
