"""What the engine guarantees by itself, in a project whose ``conf.py`` says only
``extensions = ["ecdosis"]`` about it (the small test root): MyST is loaded, the reading text is
shown exactly as established whatever ``smartquotes`` says, citations point where each HTML
builder publishes a page, an editor's own files stay, and missing inputs are named."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT, SMALL, SPHINX_BUILD, build_small

# A line with every character that smart quotes or TeX ligatures would change.
QUOTED = """The "old" house's doors -- shatter'd -- said 'no'... despair!" --- ``x'' end"""


def _quote_in_witness(root: Path) -> None:
    """Give paragraph tx-2 of the small edition, in witness and reading text, the line."""
    folder = root / "sources" / "tx"
    old = "The second paragraph speaks of the hostages and of the president again."
    witness = folder / "witness.txt"
    witness.write_text(witness.read_text("utf-8").replace(old, QUOTED), encoding="utf-8")
    text = folder / "text.md"
    escaped = QUOTED.replace("`", "\\`")
    text.write_text(text.read_text("utf-8").replace(old, escaped), encoding="utf-8")
    record = folder / "record.toml"
    digest = hashlib.sha256(witness.read_bytes()).hexdigest()
    record.write_text(
        re.sub(r'sha256 = "[0-9a-f]+"', f'sha256 = "{digest}"', record.read_text("utf-8")),
        encoding="utf-8",
    )
    for note in (root / "annotations").rglob("*.md"):  # notes and passages on tx-2 go
        if "tx-2" in note.read_text("utf-8"):
            note.unlink()


def test_the_small_root_configures_neither_myst_nor_smart_quotes() -> None:
    conf = (SMALL / "conf.py").read_text("utf-8")
    assert 'extensions = ["ecdosis"]' in conf
    assert "smartquotes" not in conf.replace("smart quotes", "") and "myst_parser" not in conf


@pytest.mark.parametrize("smartquotes", [None, True])
def test_no_transform_changes_a_reading_text_in_any_builder(
    small: Path, smartquotes: bool | None
) -> None:
    _quote_in_witness(small)
    overrides = {} if smartquotes is None else {"smartquotes": smartquotes}
    build_small(small, "dummy", edition_register_update=1)
    for builder in ("html", "dirhtml", "singlehtml"):
        out = build_small(small, builder, **overrides)
        page = {
            "html": out / "texts" / "tx.html",
            "dirhtml": out / "texts" / "tx" / "index.html",
            "singlehtml": out / "index.html",
        }[builder]
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        paragraph = soup.find(id="tx-2")
        assert paragraph is not None, builder
        shown = paragraph.get_text()
        assert QUOTED in shown, (builder, shown)
    epub = build_small(small, "epub", **overrides)
    xhtml = ET.parse(epub / "texts" / "tx.xhtml").getroot()
    paragraph_text = next(
        "".join(element.itertext()) for element in xhtml.iter() if element.get("id") == "tx-2"
    )
    assert QUOTED in paragraph_text
    latex = build_small(small, "latex", **overrides)
    tex = next(latex.glob("*.tex")).read_text("utf-8")
    # As typed: Sphinx's LaTeX sets straight quotes straight and hyphens as hyphens.
    body = tex[tex.index('The "old" house\'s doors') :][:400]
    assert "shatter'd" in body and 'despair!"' in body and "said 'no'" in body
    assert not set("‘’“”–—") & set(body)


def test_citations_point_where_each_html_builder_publishes_the_page(small: Path) -> None:
    build_small(small, "dummy", edition_register_update=1)
    expected = {"html": "texts/tx.html#tx-1", "dirhtml": "texts/tx/#tx-1"}
    for builder, path in expected.items():
        out = build_small(small, builder)
        page = out / ("texts/tx.html" if builder == "html" else "texts/tx/index.html")
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        data = soup.find(id="edition-citations")
        assert data is not None, builder
        items = json.loads(data.string or "")
        first = next(item for item in items if item["anchor"] == "tx-1")
        assert first["path"] == path, builder
        assert first["bibtex"].startswith("@"), builder
        assert "lima1997" not in first["bibtex"]


def test_the_citation_key_comes_from_the_title_or_edition_key(small: Path) -> None:
    build_small(small, "dummy", edition_register_update=1)
    out = build_small(small, "html")
    bib = (out / "texts" / "tx.citations.bib").read_text("utf-8")
    assert "@incollection{a-small-edition-tx-1," in bib or "{a-small-edition-tx-1," in bib, bib
    assert "Note 1 on ¶1 of the text by The Test Group." in bib
    out = build_small(small, "html", edition_key="summer", edition_text_noun="poem")
    bib = (out / "texts" / "tx.citations.bib").read_text("utf-8")
    assert "{summer-tx-1," in bib and "Note 1 on ¶1 of the poem by The Test Group." in bib


def test_an_editors_own_page_beside_the_text_pages_stays(small: Path) -> None:
    texts = small / "texts"
    texts.mkdir()
    about = texts / "about.md"
    about.write_text("# About these texts\n\nWritten by the editor.\n", encoding="utf-8")
    (texts / "gone.md").write_text(
        "% Generated by the ecdosis extension from sources/gone/: edit the files there.\n",
        encoding="utf-8",
    )
    index = small / "index.md"
    index.write_text(index.read_text("utf-8").replace("synopsis\n", "synopsis\ntexts/about\n"))
    build_small(small, "dummy", edition_register_update=1)
    build_small(small, "html")
    assert about.read_text("utf-8").startswith("# About these texts")
    assert not (texts / "gone.md").exists()  # the engine's page of a removed text goes


def _build(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*SPHINX_BUILD, "-b", "html", str(root), str(root / "_build" / "html")],
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_missing_citation_file_is_named_as_missing(small: Path) -> None:
    (small / "CITATION.cff").unlink()
    (small / "conf.py").write_text(
        re.sub(r"_edition = .*\n", "", (small / "conf.py").read_text("utf-8"))
        .replace("project = _edition.title\n", 'project = "A Small Edition"\n')
        .replace("author = _edition.editors\n", 'author = "The editors"\n')
        .replace('copyright = f"{_edition.year}, {_edition.editors}"\n', "")
        .replace("release = version = _edition.version\n", ""),
        encoding="utf-8",
    )
    result = _build(small)
    assert result.returncode == 1
    assert "CITATION.cff:1: the edition's CITATION.cff is missing — write one" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (small / "_build" / "html" / "index.html").exists()


def test_a_page_of_the_editor_where_a_text_page_goes_is_refused(small: Path) -> None:
    (small / "texts").mkdir()
    (small / "texts" / "tx.md").write_text("# My page\n", encoding="utf-8")
    result = _build(small)
    assert result.returncode == 1
    assert "texts/tx.md:1: this page is the editor's, but the engine writes the page" in (
        result.stderr
    )
    assert (small / "texts" / "tx.md").read_text("utf-8") == "# My page\n"


def test_the_engine_knows_nothing_of_this_edition() -> None:
    words = re.compile(r"lima1997|\bLima\b|\bPeru|\bMRTA\b|Fujimori|make (register|check)")
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "src" / "ecdosis").rglob("*"))
        if path.is_file() and path.suffix in {".py", ".js", ".css", ".html", ".json", ".toml"}
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if words.search(line)
    ]
    assert found == []


def test_the_command_line_reads_the_project_configuration(small: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ecdosis", "check", "--project", str(small)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "2 texts" in result.stdout
    nowhere = subprocess.run(
        [sys.executable, "-m", "ecdosis", "check"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert nowhere.returncode == 2
    assert "no Sphinx configuration found" in nowhere.stderr
    assert "--project DIR" in nowhere.stderr


def test_a_retired_page_forwards_its_readers_under_dirhtml(small: Path) -> None:
    (small / "extra.md").write_text("(extra)=\n# Extra\n\nA page to retire.\n", encoding="utf-8")
    index = small / "index.md"
    index.write_text(index.read_text("utf-8").replace("synopsis\n", "synopsis\nextra\n"))
    build_small(small, "dummy", edition_register_update=1)
    (small / "extra.md").unlink()
    index.write_text(index.read_text("utf-8").replace("synopsis\nextra\n", "synopsis\n"))
    register = small / "anchor-register.toml"
    register.write_text(
        register.read_text("utf-8").replace(
            'extra = { kind = "section", since = "0.1" }',
            'extra = { kind = "section", since = "0.1", forward = "index#the-texts" }',
        ),
        encoding="utf-8",
    )
    build_small(small, "dummy", edition_register_update=1)
    out = build_small(small, "dirhtml")
    forwarding = (out / "extra" / "index.html").read_text("utf-8")
    assert 'href="../#the-texts"' in forwarding
    assert not (out / "extra.html").exists()
