"""A build after no change (ecdosis.ext.last_build): it does not read the kept edition or check
anything again, and every change the checks depend on (an input, the register, a page read
again, a setting) makes the next build check everything. On copies of the small test root,
built in this process."""

from __future__ import annotations

import gc
import os
import zlib
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from ecdosis.ext.texts.corpus import loaded_inputs
from tests.conftest import copy_small
from tests.test_build_rules import REGISTER, builddir, register, sphinx_app

RECORD = "ecdosis-last-build.html"
BASE = "https://example.org/small/"  # the small root's


def _build(root: Path, baseurl: str = BASE) -> SphinxTestApp:
    """An HTML build of the copy, as `make html` runs it again (at ``baseurl``); no warning."""
    app = sphinx_app(root, "html", builddir(root, "html"), html_baseurl=baseurl)
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.warning.getvalue() == "", app.warning.getvalue()
    return app


def _stopped(root: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """An HTML build that the engine must stop; what it said."""
    capsys.readouterr()
    app = sphinx_app(root, "html", builddir(root, "html"))
    try:
        with pytest.raises(SystemExit):
            app.build()
    finally:
        app.cleanup()
    return capsys.readouterr().err


@pytest.fixture
def small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the small root, its register up to date, built once."""
    root = copy_small(tmp_path / "small")
    monkeypatch.chdir(root)
    register(root)
    first = _build(root)
    assert loaded_inputs(first).read  # the first build checks everything
    return root


def test_a_build_after_no_change_reads_nothing_of_the_edition(small: Path) -> None:
    app = _build(small)
    assert (Path(app.doctreedir) / RECORD).is_file()
    assert not loaded_inputs(app).read
    assert not loaded_inputs(_build(small)).read


def test_an_edited_note_is_built_and_the_build_after_it_reads_nothing(small: Path) -> None:
    note = small / "annotations" / "tx" / "tx-assault.md"
    note.write_text(
        note.read_text("utf-8").replace("The assault of", "The storming of"), encoding="utf-8"
    )
    register(small)
    app = _build(small)
    assert loaded_inputs(app).read
    page = (Path(app.outdir) / "texts" / "tx.html").read_text("utf-8")
    assert "The storming of 22 April 1997" in page
    assert not loaded_inputs(_build(small)).read


def test_a_data_file_removed_is_written_again_after_no_change(small: Path) -> None:
    tei = builddir(small, "html") / "html" / "data" / "tei" / "tx.xml"
    content = tei.read_bytes()
    tei.unlink()
    _build(small)
    assert tei.read_bytes() == content


def test_a_register_edited_after_a_build_is_checked_again(
    small: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = small / REGISTER
    lines = path.read_text("utf-8").splitlines(keepends=True)
    entry = next(i for i, line in enumerate(lines) if line.startswith("note-tx-assault = "))
    before = path.stat()
    path.write_text("".join(lines[:entry] + lines[entry + 1 :]), encoding="utf-8")
    # Its old time, so that Sphinx does not read the changelog again (the page that shows
    # the register): only the register's bytes say it changed.
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    said = _stopped(small, capsys)
    assert "note-tx-assault is new: it is not in the register" in said, said


def test_a_page_read_again_is_checked_against_the_register(
    small: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Only Sphinx sees this edit (a page of the editor's, not an input of the engine): the
    # environment changes, so the register is checked, and the new section's anchor refused.
    page = small / "glossary.md"
    section = "\n(a-new-section)=\n## A new section\n\nWords.\n"
    page.write_text(page.read_text("utf-8") + section, "utf-8")
    said = _stopped(small, capsys)
    assert "glossary#a-new-section is new: it is not in the register" in said, said


def test_a_changed_setting_makes_the_data_files_again(small: Path) -> None:
    elsewhere = "https://example.org/elsewhere/"
    app = _build(small, elsewhere)
    tei = Path(app.outdir) / "data" / "tei" / "tx.xml"
    assert f">{elsewhere}texts/tx.html</idno>" in tei.read_text("utf-8")
    assert not loaded_inputs(_build(small, elsewhere)).read


def test_a_build_with_a_warning_is_not_recorded(small: Path) -> None:
    page = small / "glossary.md"
    page.write_text(page.read_text("utf-8") + "\nSee {ref}`no-such-label`.\n", "utf-8")
    app = sphinx_app(small, "html", builddir(small, "html"))
    try:
        app.build()
    finally:
        app.cleanup()
    assert "no-such-label" in app.warning.getvalue()
    assert not (Path(app.doctreedir) / RECORD).exists()


def test_the_indices_are_left_as_the_last_build_wrote_them(small: Path) -> None:
    out = builddir(small, "html") / "html"
    files = [out / "genindex.html", out / "objects.inv", out / "searchindex.js"]

    def written() -> dict[Path, tuple[int, bytes]]:
        return {file: (file.stat().st_mtime_ns, file.read_bytes()) for file in files}

    before = written()
    _build(small)
    assert written() == before  # not written again
    # (Sphinx makes the search index only of the pages it writes: a missing one, written
    # again after no change, would be empty)
    for file in files[:2]:
        file.unlink()
    _build(small)
    assert {file: content for file, (_, content) in written().items()} == {
        file: content for file, (_, content) in before.items()
    }


def _inventory(root: Path) -> tuple[int, bytes]:
    file = builddir(root, "html") / "html" / "objects.inv"
    return file.stat().st_mtime_ns, file.read_bytes()


def test_the_inventory_is_left_as_it_was_when_an_edit_changes_no_anchor(small: Path) -> None:
    before = _inventory(small)
    note = small / "annotations" / "tx" / "tx-assault.md"
    note.write_text(note.read_text("utf-8") + "\nZanzibarian words.\n", encoding="utf-8")
    register(small)
    _build(small)
    page = builddir(small, "html") / "html" / "texts" / "tx.html"
    assert "Zanzibarian" in page.read_text("utf-8")  # the page was written again
    assert _inventory(small) == before  # the inventory was not
    # a file changed since it was written is written again, as it was
    file = builddir(small, "html") / "html" / "objects.inv"
    file.write_bytes(b"changed")
    note.write_text(note.read_text("utf-8") + "\nMore words.\n", encoding="utf-8")
    register(small)
    _build(small)
    assert _inventory(small)[1] == before[1]


def test_the_inventory_is_written_again_when_what_it_lists_changes(small: Path) -> None:
    before = _inventory(small)
    page = small / "timeline.md"
    page.write_text(page.read_text("utf-8").replace("# Timeline", "# Chronology"), "utf-8")
    register(small)
    _build(small)
    after = _inventory(small)
    assert after != before
    inventory = zlib.decompress(after[1].split(b"zlib.\n", 1)[1]).decode("utf-8")
    assert "timeline std:doc -1 timeline.html Chronology" in inventory.splitlines()


def _written_at(root: Path, page: str) -> int:
    return (builddir(root, "html") / "html" / page).stat().st_mtime_ns


def test_a_page_s_parent_is_written_again_only_if_what_it_shows_of_it_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_small(tmp_path / "small")
    monkeypatch.chdir(root)
    # the landing page's table of contents shown, with each page's title
    index = root / "index.md"
    index.write_text(index.read_text("utf-8").replace(":hidden:\n", ""), "utf-8")
    register(root)
    _build(root)
    landing = _written_at(root, "index.html")
    timeline = _written_at(root, "timeline.html")
    page = root / "timeline.md"
    page.write_text(page.read_text("utf-8") + "\nZanzibarian words.\n", "utf-8")
    register(root)
    _build(root)
    assert _written_at(root, "timeline.html") != timeline  # the page is written again
    assert _written_at(root, "index.html") == landing  # its title and sections are as they were
    page.write_text(page.read_text("utf-8").replace("# Timeline", "# Chronology"), "utf-8")
    register(root)
    app = _build(root)
    shown = (builddir(root, "html") / "html" / "index.html").read_text("utf-8")
    assert ">Chronology</a>" in shown  # a new title: the landing page is written again
    assert ">Timeline</a>" not in shown
    # Sphinx's own record of the parents is whole for the next build
    assert "index" in app.env.files_to_rebuild["timeline"]


def test_the_general_index_is_left_as_it_was_unless_what_it_shows_changed(small: Path) -> None:
    genindex = builddir(small, "html") / "html" / "genindex.html"
    before = genindex.stat().st_mtime_ns, genindex.read_bytes()
    note = small / "annotations" / "tx" / "tx-assault.md"
    note.write_text(note.read_text("utf-8") + "\nZanzibarian words.\n", encoding="utf-8")
    register(small)
    _build(small)
    assert (genindex.stat().st_mtime_ns, genindex.read_bytes()) == before
    # an entry's name changes: the index is written again, with it
    entity = small / "annotations" / "entities" / "lima.md"
    entity.write_text(entity.read_text("utf-8").replace('name: "Lima"', 'name: "Lima City"'))
    register(small)
    _build(small)
    assert "Lima City" in genindex.read_text("utf-8")
    # a page's title changes: every page's navigation may show it, the index's too
    written = genindex.stat().st_mtime_ns
    page = small / "timeline.md"
    page.write_text(page.read_text("utf-8").replace("# Timeline", "# Chronology"), "utf-8")
    register(small)
    _build(small)
    assert genindex.stat().st_mtime_ns != written


def test_the_search_index_has_the_words_of_an_edited_note(small: Path) -> None:
    note = small / "annotations" / "tx" / "tx-assault.md"
    note.write_text(note.read_text("utf-8") + "\nZanzibarian words.\n", encoding="utf-8")
    register(small)
    _build(small)
    search = builddir(small, "html") / "html" / "searchindex.js"
    assert "zanzibarian" in search.read_text("utf-8")


def test_the_indices_are_written_again_with_any_page(small: Path) -> None:
    # A page written again (its output was removed; Sphinx writes every page when a template
    # changes, which the last build's fingerprint does not cover) writes the indices with it.
    out = builddir(small, "html") / "html"
    genindex = out / "genindex.html"
    before = genindex.stat().st_mtime_ns
    (out / "glossary.html").unlink()
    _build(small)
    assert (out / "glossary.html").is_file()
    assert genindex.stat().st_mtime_ns != before


def test_an_edition_read_when_first_needed_is_kept_from_the_collector(small: Path) -> None:
    # A page of the editor's edited: the inputs are unchanged, so the kept edition is read
    # only when the build first needs it, after the collector set apart what was loaded.
    page = small / "glossary.md"
    page.write_text(page.read_text("utf-8") + "\nWords.\n", "utf-8")
    app = sphinx_app(small, "html", builddir(small, "html"))
    seen: list[bool] = []

    def after_reading(app: SphinxTestApp, env: object) -> None:
        edition = loaded_inputs(app).edition
        seen.append(any(found is edition for found in gc.get_objects()))

    app.connect("env-updated", after_reading)
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.warning.getvalue() == "", app.warning.getvalue()
    assert seen == [False]  # frozen: not among the objects the collector goes through
