"""``ecdosis init``: the new edition it writes builds in every format, without a warning, and
nothing is ever written over or half-written."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from ecdosis.model.problems import Problem
from ecdosis.model.texts.record import load_record
from ecdosis.new_edition import DATE_PLACEHOLDER, RENAMED, TEMPLATE, create_edition
from tests.conftest import build_small, epubcheck, make_pdf, needs_tex, squeezed

BIN = Path(sys.executable).parent
PROBLEM_LINE = re.compile(r"^\S.*:\d+: .+ — .+$")


def init(directory: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ecdosis", "init", str(directory)],
        capture_output=True,
        text=True,
        check=False,
    )


def snapshot(directory: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(directory)): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One new edition for the builds of this module."""
    directory = tmp_path_factory.mktemp("init") / "my-edition"
    written, problems = create_edition(directory)
    assert problems == [], problems
    assert written
    return directory


def test_init_writes_an_edition_and_refuses_to_write_over_it(tmp_path: Path) -> None:
    directory = tmp_path / "new" / "my-edition"
    result = init(directory)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""
    assert f"wrote a new edition in {directory}" in result.stdout
    written = snapshot(directory)
    expected = {str(p.with_name(RENAMED.get(p.name, p.name))) for p in _template_files()}
    assert set(written) == expected | {"anchor-register.toml"}
    assert DATE_PLACEHOLDER.encode() not in b"".join(written.values())
    # No temporary folder is left beside it.
    assert [p.name for p in directory.parent.iterdir()] == ["my-edition"]

    again = init(directory)
    assert again.returncode != 0
    first = again.stderr.splitlines()[0]
    assert PROBLEM_LINE.match(first), again.stderr
    assert "not empty" in first and "Nothing was written" in again.stderr
    assert snapshot(directory) == written
    assert [p.name for p in directory.parent.iterdir()] == ["my-edition"]


def test_init_refuses_a_file_and_takes_an_empty_folder(tmp_path: Path) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine\n", encoding="utf-8")
    written, problems = create_edition(a_file)
    assert written == [] and [p.message for p in problems] == ["is not a folder"]
    assert a_file.read_text(encoding="utf-8") == "mine\n"
    empty = tmp_path / "empty"
    empty.mkdir()
    written, problems = create_edition(empty)
    assert problems == []
    assert (empty / "conf.py").is_file() and (empty / "anchor-register.toml") in written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", "notes.txt"]


def test_new_edition_builds_checks_and_registers_with_make(edition: Path) -> None:
    result = subprocess.run(
        [
            "make",
            "-C",
            str(edition),
            "html",
            "check",
            "register",
            f"SPHINXBUILD={BIN / 'sphinx-build'}",
            f"ECDOSIS={BIN / 'ecdosis'}",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == "", result.stderr
    # The register init recorded is the one the engine keeps.
    assert "0 anchors added, 0 updated" in result.stdout, result.stdout
    page = BeautifulSoup(
        (edition / "_build" / "html" / "texts" / "ch.html").read_text("utf-8"), "html.parser"
    )
    first, second = (page.find(id=anchor) for anchor in ("ch-1", "ch-2"))
    assert first is not None and second is not None
    # The reading text, not the witness: the interventions are made.
    assert "travell'd in the realms of gold" in words(first.get_text(" "))
    assert "reahns" not in words(first.get_text(" "))
    assert "with a wild surmise" in words(second.get_text(" "))
    note = page.find(id="note-ch-realms-of-gold")
    assert note is not None and "first book" in note.get_text(" ")

    check = subprocess.run(
        [sys.executable, "-m", "ecdosis", "check", "--project", str(edition)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "no problems" in check.stdout and check.stderr == ""


def test_new_edition_builds_an_epub_that_epubcheck_accepts(edition: Path) -> None:
    epub = build_small(edition, "epub")
    assert epubcheck(epub / "edition.epub") == []


@needs_tex
def test_new_edition_makes_a_pdf(edition: Path) -> None:
    latex = build_small(edition, "latex")
    make_pdf(latex)
    pdf = subprocess.run(
        ["pdftotext", str(latex / "edition.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert squeezed("the realms of gold") in squeezed(pdf)


def test_template_witness_matches_its_record() -> None:
    for folder in sorted((TEMPLATE / "sources").iterdir()):
        problems: list[Problem] = []
        record = load_record(folder / "record.toml", problems)
        assert problems == [] and record is not None
        digest = hashlib.sha256((folder / "witness.txt").read_bytes()).hexdigest()
        assert record.witness.sha256 == digest, folder


def test_template_speaks_of_no_corpus() -> None:
    """The template is a neutral sample: nothing of this repository's own edition."""
    words = re.compile(r"lima|peru|1997|mrta", re.IGNORECASE)
    for path in _template_files():
        assert not words.search((TEMPLATE / path).read_text(encoding="utf-8")), path


def _template_files() -> list[Path]:
    return sorted(
        p.relative_to(TEMPLATE)
        for p in TEMPLATE.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )
