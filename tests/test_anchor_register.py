"""The register of published anchors: a vanished anchor stops the build, `make register`
records what is new and what changed, a changed paragraph says so, and a retired anchor's old
address lands on its replacement in a real browser."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from tests.conftest import (
    CHROMIUM,
    chromium,
    register_or_fail,
    retire,
    serve,
    sphinx_build,
    update_register,
)

REGISTER = Path("docs") / "anchor-register.toml"


def _edit(path: Path, old: str, new: str) -> None:
    source = path.read_text(encoding="utf-8")
    assert old in source, old
    path.write_text(source.replace(old, new, 1), encoding="utf-8")


def _entry_line(root: Path, page: str, anchor: str) -> int:
    lines = (root / REGISTER).read_text(encoding="utf-8").splitlines()
    start = lines.index(f'[anchors."{page}"]')
    return next(i for i in range(start, len(lines)) if lines[i].startswith(f"{anchor} = ")) + 1


def test_the_committed_register_describes_the_edition(edition_copy: Path) -> None:
    result = update_register(edition_copy)
    assert result.returncode == 0, result.stderr
    assert (edition_copy / REGISTER).read_bytes() == (
        Path(__file__).parent.parent / REGISTER
    ).read_bytes(), "the register is not up to date: run make register"
    register = tomllib.loads((edition_copy / REGISTER).read_text(encoding="utf-8"))
    anchors = register["anchors"]
    assert anchors["texts/ig"]["ig-3"]["kind"] == "paragraph"
    assert anchors["texts/ig"]["note-ig-self-coup-date"]["kind"] == "note"
    assert anchors["indices/persons"]["entity-alberto-fujimori"]["kind"] == "entity"
    assert anchors["synopsis"]["topic-executions"]["kind"] == "topic"
    assert anchors["principles"]["no-silent-change"]["kind"] == "section"
    assert anchors["introduction"]["sources"]["kind"] == "section"
    assert all(entry["since"] for page in anchors.values() for entry in page.values())


def test_a_renamed_paragraph_stops_the_build_naming_it(edition_copy: Path) -> None:
    _edit(edition_copy / "sources" / "ig" / "text.md", "{#ig-9}", "{#ig-99}")
    out = edition_copy / "build" / "html"
    result = sphinx_build(edition_copy, "html", out)
    assert result.returncode == 1
    line = _entry_line(edition_copy, "texts/ig", "ig-9")
    assert (
        f"docs/anchor-register.toml:{line}: the paragraph anchor ig-9 of texts/ig "
        "(published since version 0.1) is gone from the edition" in result.stderr
    )
    assert 'retire it by adding forward = "<page>#<anchor>"' in result.stderr
    assert "the paragraph anchor texts/ig#ig-99 is new" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (out / "texts" / "ig.html").exists(), "nothing is written"
    # make register cannot paper over it: a person must retire the anchor.
    refused = update_register(edition_copy)
    assert refused.returncode == 1 and "ig-9" in refused.stderr
    assert "The register was not changed." in refused.stderr


def test_a_deleted_note_stops_the_build_naming_it(edition_copy: Path) -> None:
    (edition_copy / "annotations" / "ig" / "ig-playing-soccer.md").unlink()
    result = sphinx_build(edition_copy, "html", edition_copy / "build" / "html")
    assert result.returncode == 1
    assert "the note anchor note-ig-playing-soccer of texts/ig" in result.stderr
    assert "is gone from the edition" in result.stderr


def test_a_new_version_records_new_and_changed_anchors(edition_copy: Path) -> None:
    _edit(edition_copy / "CITATION.cff", 'version: "0.1"', 'version: "0.2"')
    _edit(
        edition_copy / "CITATION.cff", 'date-released: "2026-11-21"', 'date-released: "2026-12-01"'
    )
    # The reading text of ig-9 changes: the editors now read the witness's "Workers" as "WORKERS".
    _edit(
        edition_copy / "sources" / "ig" / "text.md",
        "Pentagon! Workers of the world unite!",
        "Pentagon! {ocr}`WORKERS]Workers` of the world unite!",
    )
    (edition_copy / "annotations" / "ig" / "ig-workers-unite.md").write_text(
        '---\nid: ig-workers-unite\ntarget: ig-9\nquote: "of the world unite"\n'
        "kind: textual\nauthor: A. Tester\ndate: 2026-12-01\n---\nThe closing slogan.\n",
        encoding="utf-8",
    )
    out = edition_copy / "build"
    refused = sphinx_build(edition_copy, "html", out / "html")
    assert refused.returncode == 1
    assert "version 0.2 of 2026-12-01 (CITATION.cff) is not in the register" in refused.stderr
    assert "the paragraph texts/ig#ig-9 has changed since the register recorded it" in (
        refused.stderr
    )
    assert "the note anchor texts/ig#note-ig-workers-unite is new" in refused.stderr

    register_or_fail(edition_copy)
    register = tomllib.loads((edition_copy / REGISTER).read_text(encoding="utf-8"))
    assert register["versions"]["0.2"] == {"date": "2026-12-01"}
    ig = register["anchors"]["texts/ig"]
    assert ig["ig-9"]["since"] == "0.1" and ig["ig-9"]["changed"] == ["0.2"]
    assert ig["note-ig-workers-unite"]["since"] == "0.2"
    assert "changed" not in ig["ig-8"]

    for builder in ("html", "latex", "epub"):
        result = sphinx_build(edition_copy, builder, out / builder)
        assert result.returncode == 0, result.stderr
    page = (out / "html" / "texts" / "ig.html").read_text(encoding="utf-8")
    after = page[page.index('id="ig-9"') :]
    assert re.search(
        r'Changed in version <a class="reference internal" href="\.\./changelog\.html#version-0-2">'
        r"<span[^>]*>0\.2</span></a>\.",
        after[: after.index('id="ig-10"')],
    )
    assert page.count("Changed in version") == 1
    changelog = (out / "html" / "changelog.html").read_text(encoding="utf-8")
    version = changelog[changelog.index('id="version-0-2"') : changelog.index('id="version-0-1"')]
    text = re.sub(r"<[^>]+>", "", version)
    assert "Version 0.2 (1 December 2026)" in text
    assert "Changed: IG ¶9" in text
    assert "New: IG note" in text
    assert "Version 0.1 (21 November 2026)" in re.sub(r"<[^>]+>", "", changelog)
    tex = (out / "latex" / "edition.tex").read_text(encoding="utf-8")
    assert "Changed in version" in tex and "version-0-2" in tex
    epub = (out / "epub" / "texts" / "ig.xhtml").read_text(encoding="utf-8")
    assert "Changed in version" in epub


@pytest.mark.skipif(CHROMIUM is None, reason="needs chromium (make test installs it)")
def test_a_retired_anchor_lands_on_its_replacement_in_a_browser(edition_copy: Path) -> None:
    # A paragraph renumbered on its page, and a section that moved to another page.
    _edit(edition_copy / "sources" / "ig" / "text.md", "{#ig-9}", "{#ig-99}")
    retire(edition_copy, "texts/ig#ig-9", "texts/ig#ig-99")
    _edit(edition_copy / "docs" / "introduction.md", "(sources)=", "(introduction-sources)=")
    retire(edition_copy, "introduction#sources", "bibliography#bibliography")
    register_or_fail(edition_copy)
    register = tomllib.loads((edition_copy / REGISTER).read_text(encoding="utf-8"))
    assert register["anchors"]["texts/ig"]["ig-9"]["retired"] == "0.1"
    out = edition_copy / "build" / "html"
    result = sphinx_build(edition_copy, "html", out)
    assert result.returncode == 0, result.stderr

    with serve(out) as site, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 800})  # type: ignore[attr-defined]
        page.goto(f"{site}/texts/ig.html#ig-9")
        landed = page.evaluate(
            """() => {
                const old = document.getElementById("ig-9");
                const paragraph = old.closest("p");
                const box = paragraph.getBoundingClientRect();
                return [paragraph.id, box.top >= 0 && box.top < window.innerHeight];
            }"""
        )
        assert landed == ["ig-99", True]
        page.goto(f"{site}/introduction.html#sources")
        page.wait_for_url(f"{site}/bibliography.html#bibliography")
        assert page.evaluate("document.getElementById('bibliography') !== null")
        page.close()

    inventory = sphinx_inventory(out)
    assert inventory["ig-9"] == "texts/ig.html#ig-9"
    assert inventory["ig-99"] == "texts/ig.html#ig-99"


def sphinx_inventory(out: Path) -> dict[str, str]:
    """The std labels of a built objects.inv: name -> address."""
    from sphinx.util.inventory import InventoryFile

    with (out / "objects.inv").open("rb") as stream:
        inventory = InventoryFile.load(stream, "", lambda base, uri: uri)
    return {name: item.uri for name, item in inventory["std:label"].items()}


def test_a_reworded_heading_keeps_its_anchor_and_a_new_one_needs_a_label(
    edition_copy: Path,
) -> None:
    principles = edition_copy / "docs" / "principles.md"
    _edit(principles, "## No silent change", "## Nothing changed silently")
    out = edition_copy / "build" / "html"
    result = sphinx_build(edition_copy, "html", out)
    assert result.returncode == 0, result.stderr
    page = (out / "principles.html").read_text(encoding="utf-8")
    assert re.search(r'<section id="no-silent-change">\s*<h2>Nothing changed silently', page)
    assert 'id="nothing-changed-silently"' not in page  # no id made from the wording

    source = principles.read_text(encoding="utf-8")
    principles.write_text(source + "\n## A section without a label\n\nText.\n", encoding="utf-8")
    line = source.count("\n") + 2
    result = sphinx_build(edition_copy, "html", out)
    assert result.returncode == 1
    assert (
        f"principles.md:{line}: WARNING: the section “A section without a label” has no label"
        in (result.stderr)
    )
