"""After an edit, a build makes the data files (TEI, Web Annotations, DTS) again only for the
texts whose inputs changed, and what it leaves is what a clean build of the edited edition
writes, whatever was edited."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import build_small, write_note

DATA = ("data/tei", "data/annotations", "api/dts")
KEPT = "<!-- not made again -->"


def data_files(html: Path) -> dict[str, bytes]:
    return {
        path.relative_to(html).as_posix(): path.read_bytes()
        for folder in DATA
        for path in sorted((html / folder).rglob("*"))
        if path.is_file()
    }


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_note(root: Path) -> None:
    replace(root / "annotations" / "tx" / "tx-assault.md", "The assault of", "The storming of")


def edit_entity(root: Path) -> None:
    replace(root / "annotations" / "entities" / "lima.md", "The capital", "The capital city")


def edit_bibliography(root: Path) -> None:
    replace(root / "annotations" / "references.bib", "{Calvin Sims}", "{Calvin Simms}")


def edit_metadata(root: Path) -> None:
    replace(root / "CITATION.cff", '"A Small Edition"', '"A Smaller Edition"')


def context_note(root: Path, note_id: str, target: str, quote: str, body: str) -> None:
    """A context note on the paragraph ``target``, citing the small root's source."""
    front = f"target: {target}\nquote: {quote}\nkind: context\nsources: [sims1997]\n"
    write_note(root, note_id, front, body)


def add_note(root: Path) -> None:
    context_note(
        root,
        "ty-commandos",
        "ty-1",
        "commandos",
        "The commandos of the assault {cite}`sims1997`, as {note}`tx-assault` says.",
    )


def add_earlier_note(root: Path) -> None:
    """A note before ``tx-assault`` in its text, which makes it note 2 (of a text whose note
    ``ty-commandos`` names it)."""
    context_note(root, "tx-date", "tx-1", "On 22 April", "The day of the assault {cite}`sims1997`.")


def test_a_note_edit_makes_again_the_data_of_its_text_only(small: Path) -> None:
    html = build_small(small, "html")
    others = [
        html / "data" / "tei" / "ty.xml",
        html / "data" / "annotations" / "ty.jsonld",
        html / "api" / "dts" / "collection" / "ty.json",
        html / "api" / "dts" / "document" / "ty" / "ty-1.xml",
    ]
    for path in others:
        path.write_text(path.read_text("utf-8") + KEPT, encoding="utf-8")
    edit_note(small)
    build_small(small, "html", edition_register_update=1)
    assert all(path.read_text("utf-8").endswith(KEPT) for path in others)
    for made_again in ("data/tei/tx.xml", "data/annotations/tx.jsonld", "api/dts/document/tx.xml"):
        text = (html / made_again).read_text("utf-8")
        assert "The storming of" in text and "The assault of" not in text, made_again


def add_army(root: Path) -> None:
    """An entity that one text mentions (``tx``) and the other (``ty``) does not."""
    (root / "annotations" / "entities" / "army.md").write_text(
        '---\nid: army\nname: "The army"\ntype: organisation\n'
        'description: "The armed forces of Peru."\nwikidata: ""\naliases: ["army"]\n'
        "sources: [sims1997]\n---\n",
        encoding="utf-8",
    )


def edit_army(root: Path) -> None:
    replace(root / "annotations" / "entities" / "army.md", "armed forces", "armed forces, ")


def army_in_both(root: Path) -> None:
    """An alias of the entity that the other text uses: its mentions change too."""
    replace(root / "annotations" / "entities" / "army.md", '["army"]', '["army", "commandos"]')


def army_in_a_note(root: Path) -> None:
    """The entity named by a note of the text that does not mention it."""
    add_army(root)
    body = "Soldiers of {entity}`army` {cite}`sims1997`."
    context_note(root, "ty-army", "ty-1", "commandos", body)


def test_an_entity_edit_makes_again_the_data_of_the_texts_that_name_it_only(small: Path) -> None:
    add_army(small)
    html = build_small(small, "html", edition_register_update=1)
    assert 'ref="#entity-army"' in (html / "data" / "tei" / "tx.xml").read_text("utf-8")
    assert "entity-army" not in (html / "data" / "tei" / "ty.xml").read_text("utf-8")
    others = [html / "data" / "tei" / "ty.xml", html / "api" / "dts" / "document" / "ty.xml"]
    for path in others:
        path.write_text(path.read_text("utf-8") + KEPT, encoding="utf-8")
    edit_army(small)
    build_small(small, "html", edition_register_update=1)
    assert all(path.read_text("utf-8").endswith(KEPT) for path in others)
    assert "armed forces, " in (html / "data" / "tei" / "tx.xml").read_text("utf-8")


def unedited(root: Path) -> None:
    pass


@pytest.mark.parametrize(
    ("start", "edit"),
    [
        (unedited, edit_note),
        (unedited, edit_entity),
        (unedited, edit_bibliography),
        (unedited, edit_metadata),
        (unedited, add_note),
        (add_note, add_earlier_note),  # renumbers the note that the other text names
        (add_army, edit_army),  # an entity that one text names
        (add_army, army_in_both),  # and that the other text comes to name
        (army_in_a_note, edit_army),  # an entity that the other text's note names
    ],
)
def test_after_an_edit_the_data_are_those_of_a_clean_build(
    small: Path, tmp_path: Path, start: Callable[[Path], None], edit: Callable[[Path], None]
) -> None:
    start(small)
    before = data_files(build_small(small, "html", edition_register_update=1))
    edit(small)
    after = data_files(build_small(small, "html", edition_register_update=1))
    assert after != before  # every edit shows in the data
    clean = tmp_path / "clean"
    shutil.copytree(small, clean, ignore=shutil.ignore_patterns("_build"))
    assert data_files(build_small(clean, "html")) == after
