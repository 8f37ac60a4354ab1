"""The register of published anchors: a vanished anchor stops the build, `make register`
records what is new and what changed, a changed paragraph says so, and a retired anchor's old
address lands on its replacement in a real browser.

Built in this process on copies of the small test root (tests/roots/test-small); the one test
of the whole edition (its committed register is up to date) is of the acceptance tier. The
comparison itself, as functions of the register and the anchors, is tested in
test_register_comparison.py."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, SMALL, chromium, copy_small, serve, update_register
from tests.test_build_rules import (
    REGISTER,
    REGISTER_BUILD,
    build,
    builddir,
    register,
    retire,
    sphinx_app,
)


def _edit(path: Path, old: str, new: str) -> None:
    source = path.read_text(encoding="utf-8")
    assert old in source, old
    path.write_text(source.replace(old, new, 1), encoding="utf-8")


def _entry_line(root: Path, page: str, anchor: str) -> int:
    lines = (root / REGISTER).read_text(encoding="utf-8").splitlines()
    start = lines.index(f'[anchors."{page}"]')
    return next(i for i in range(start, len(lines)) if lines[i].startswith(f"{anchor} = ")) + 1


def _refused(root: Path, capsys: pytest.CaptureFixture[str], *, update: bool = False) -> str:
    """Run a build that must stop (the engine exits with 1, as the command line shows it, not
    with an exception for Sphinx to print), an HTML build or, with ``update``, `make register`;
    what it wrote on stderr."""
    capsys.readouterr()
    if update:
        app = sphinx_app(root, "dummy", root / REGISTER_BUILD, edition_register_update=1)
    else:
        app = sphinx_app(root, "html", builddir(root, "html"))
    try:
        with pytest.raises(SystemExit) as stopped:
            app.build()
    finally:
        app.cleanup()
    assert stopped.value.code == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


@pytest.fixture
def small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the small root, the working directory as `make` has it (messages name files
    relative to it)."""
    root = copy_small(tmp_path / "small")
    monkeypatch.chdir(root)
    return root


@pytest.mark.slow
def test_the_committed_register_describes_the_edition(edition_copy: Path) -> None:
    # The acceptance tier: the whole edition's register is what `make register` writes for it.
    result = update_register(edition_copy)
    assert result.returncode == 0, result.stderr
    committed = Path(__file__).parent.parent / "docs" / "anchor-register.toml"
    assert (edition_copy / "docs" / "anchor-register.toml").read_bytes() == (
        committed.read_bytes()
    ), "the register is not up to date: run make register"
    anchors = tomllib.loads(committed.read_text(encoding="utf-8"))["anchors"]
    assert anchors["texts/ig"]["ig-3"]["kind"] == "paragraph"
    assert anchors["texts/ig"]["note-ig-self-coup-date"]["kind"] == "note"
    assert anchors["indices/persons"]["entity-alberto-fujimori"]["kind"] == "entity"
    assert anchors["synopsis"]["topic-executions"]["kind"] == "topic"
    assert anchors["principles"]["no-silent-change"]["kind"] == "section"
    assert anchors["introduction"]["sources"]["kind"] == "section"
    assert all(entry["since"] for page in anchors.values() for entry in page.values())


def test_make_register_records_every_kind_of_anchor(small: Path) -> None:
    (small / REGISTER).unlink()  # written afresh, from the edition alone
    register(small)
    written = tomllib.loads((small / REGISTER).read_text(encoding="utf-8"))
    committed = tomllib.loads((SMALL / REGISTER).read_text(encoding="utf-8"))
    assert written == committed, "the small root's register is not what make register writes"
    anchors = written["anchors"]
    kinds = {
        ("texts/tx", "tx"): "text",
        ("texts/tx", "tx-1"): "paragraph",
        ("texts/tx", "note-tx-assault"): "note",
        ("texts/tx", "tx-apparatus"): "section",
        ("names", "entity-lima"): "entity",
        ("synopsis", "topic-assault"): "topic",
        ("glossary", "glossary-mrta"): "term",
        ("timeline", "event-1997-04-22-assault"): "event",
        ("index", "the-texts"): "section",
    }
    for (page, anchor), kind in kinds.items():
        assert anchors[page][anchor]["kind"] == kind, (page, anchor)
    # what has content of its own has a fingerprint; sections and text titles have none
    assert re.fullmatch(r"[0-9a-f]{16}", anchors["texts/tx"]["tx-1"]["fingerprint"])
    assert "fingerprint" not in anchors["index"]["the-texts"]
    assert "fingerprint" not in anchors["texts/tx"]["tx"]
    assert all(entry["since"] == "0.1" for page in anchors.values() for entry in page.values())
    assert written["versions"] == {"0.1": {"date": "2026-11-21"}}


def test_a_renamed_paragraph_stops_the_build_naming_it(
    small: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(small / "sources" / "tx" / "text.md", "{#tx-3}", "{#tx-33}")
    err = _refused(small, capsys)
    line = _entry_line(small, "texts/tx", "tx-3")
    assert (
        f"{REGISTER}:{line}: the paragraph anchor tx-3 of texts/tx "
        "(published since version 0.1) is gone from the edition" in err
    )
    assert 'retire it by adding forward = "<page>#<anchor>"' in err
    assert "the paragraph anchor texts/tx#tx-33 is new" in err
    assert err.splitlines()[-1].endswith("Nothing was written.")
    assert not (builddir(small, "html") / "html" / "texts" / "tx.html").exists(), "nothing written"
    # make register cannot paper over it: a person must retire the anchor.
    before = (small / REGISTER).read_bytes()
    refused = _refused(small, capsys, update=True)
    assert "tx-3" in refused and "The register was not changed." in refused
    assert (small / REGISTER).read_bytes() == before


def test_a_deleted_note_stops_the_build_naming_it(
    small: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (small / "annotations" / "tx" / "tx-assault.md").unlink()
    err = _refused(small, capsys)
    line = _entry_line(small, "texts/tx", "note-tx-assault")
    assert f"{REGISTER}:{line}: the note anchor note-tx-assault of texts/tx" in err
    assert "is gone from the edition" in err


def test_a_new_version_records_new_and_changed_anchors(
    small: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(small / "CITATION.cff", 'version: "0.1"', 'version: "0.2"')
    _edit(small / "CITATION.cff", 'date-released: "2026-11-21"', 'date-released: "2026-12-01"')
    # The reading text of tx-2 changes: the editors now read the witness's "hostages" as
    # "HOSTAGES".
    _edit(
        small / "sources" / "tx" / "text.md",
        "speaks of the hostages",
        "speaks of the {ocr}`HOSTAGES]hostages`",
    )
    (small / "annotations" / "tx" / "tx-hostages.md").write_text(
        '---\nid: tx-hostages\ntarget: tx-2\nquote: "speaks of the"\n'
        "kind: textual\nauthor: A. Tester\ndate: 2026-12-01\n---\nThe hostages.\n",
        encoding="utf-8",
    )
    err = _refused(small, capsys)
    assert "version 0.2 of 2026-12-01 (CITATION.cff) is not in the register" in err
    assert "the paragraph texts/tx#tx-2 has changed since the register recorded it" in err
    assert "the note anchor texts/tx#note-tx-hostages is new" in err
    assert "tx-1" not in err and "tx-3" not in err

    register(small)
    written = tomllib.loads((small / REGISTER).read_text(encoding="utf-8"))
    assert written["versions"]["0.2"] == {"date": "2026-12-01"}
    assert written["versions"]["0.1"] == {"date": "2026-11-21"}
    tx = written["anchors"]["texts/tx"]
    assert tx["tx-2"]["since"] == "0.1" and tx["tx-2"]["changed"] == ["0.2"]
    assert tx["note-tx-hostages"]["since"] == "0.2"
    assert "changed" not in tx["tx-1"] and "changed" not in tx["tx-3"]

    out = {builder: build(small, builder) for builder in ("html", "latex", "epub")}
    page = (out["html"] / "texts" / "tx.html").read_text(encoding="utf-8")
    after = page[page.index('id="tx-2"') :]
    assert re.search(
        r'Changed in version <a class="reference internal" href="\.\./changelog\.html#version-0-2">'
        r"<span[^>]*>0\.2</span></a>\.",
        after[: after.index('id="tx-3"')],
    )
    assert page.count("Changed in version") == 1
    changelog = (out["html"] / "changelog.html").read_text(encoding="utf-8")
    version = changelog[changelog.index('id="version-0-2"') : changelog.index('id="version-0-1"')]
    text = re.sub(r"<[^>]+>", "", version)
    assert "Version 0.2 (1 December 2026)" in text
    assert "Changed: TX ¶2" in text
    assert "New: TX note" in text
    assert "Version 0.1 (21 November 2026)" in re.sub(r"<[^>]+>", "", changelog)
    tex = (out["latex"] / "small.tex").read_text(encoding="utf-8")
    assert "Changed in version" in tex and "version-0-2" in tex
    epub = (out["epub"] / "texts" / "tx.xhtml").read_text(encoding="utf-8")
    assert "Changed in version" in epub


@pytest.mark.skipif(CHROMIUM is None, reason="needs chromium (make test installs it)")
def test_a_retired_anchor_lands_on_its_replacement_in_a_browser(small: Path) -> None:
    # A paragraph renumbered on its page, and a section that moved to another page.
    _edit(small / "sources" / "tx" / "text.md", "{#tx-2}", "{#tx-22}")
    retire(small, "texts/tx#tx-2", "texts/tx#tx-22")
    _edit(small / "index.md", "(the-texts)=", "(index-texts)=")
    retire(small, "index#the-texts", "bibliography#bibliography")
    register(small)
    written = tomllib.loads((small / REGISTER).read_text(encoding="utf-8"))
    assert written["anchors"]["texts/tx"]["tx-2"]["retired"] == "0.1"
    assert written["anchors"]["index"]["the-texts"]["retired"] == "0.1"
    out = build(small)

    with serve(out) as site, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 800})  # type: ignore[attr-defined]
        page.goto(f"{site}/texts/tx.html#tx-2")
        landed = page.evaluate(
            """() => {
                const old = document.getElementById("tx-2");
                const paragraph = old.closest("p");
                const box = paragraph.getBoundingClientRect();
                // in view: its top at the window's top or below (to the subpixel)
                return [paragraph.id, box.top > -1 && box.top < window.innerHeight];
            }"""
        )
        assert landed == ["tx-22", True]
        page.goto(f"{site}/index.html#the-texts")
        page.wait_for_url(f"{site}/bibliography.html#bibliography")
        assert page.evaluate("document.getElementById('bibliography') !== null")
        page.close()

    inventory = sphinx_inventory(out)
    assert inventory["tx-2"] == "texts/tx.html#tx-2"
    assert inventory["tx-22"] == "texts/tx.html#tx-22"


def sphinx_inventory(out: Path) -> dict[str, str]:
    """The std labels of a built objects.inv: name -> address."""
    from sphinx.util.inventory import InventoryFile

    with (out / "objects.inv").open("rb") as stream:
        inventory = InventoryFile.load(stream, "", lambda base, uri: uri)
    return {name: item.uri for name, item in inventory["std:label"].items()}


def test_a_reworded_heading_keeps_its_anchor_and_a_new_one_needs_a_label(small: Path) -> None:
    names = small / "names.md"
    _edit(names, "## Persons", "## People named")
    out = build(small)
    page = (out / "names.html").read_text(encoding="utf-8")
    assert re.search(r'<section id="persons">\s*<h2>People named', page)
    assert 'id="people-named"' not in page  # no id made from the wording

    source = names.read_text(encoding="utf-8")
    names.write_text(source + "\n## A section without a label\n\nText.\n", encoding="utf-8")
    line = source.count("\n") + 2
    app = sphinx_app(small, "html", builddir(small, "html"), strict=True)  # as -W
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.statuscode == 1
    assert (
        f"names.md:{line}: WARNING: the section “A section without a label” has no label"
        in app.warning.getvalue()
    )
