"""The loaded edition is kept beside the doctrees and reused whole only while every input file
is the same: any edit, new or removed file gives another key, and the build loads the edition
again, from the pieces kept of the last load (``tests/test_reuse.py``)."""

from __future__ import annotations

from pathlib import Path

from ecdosis.ext.texts.edition_cache import (
    CACHE,
    inputs_key,
    keep_edition,
    kept,
    kept_reuse,
)
from ecdosis.model.edition import load_edition
from ecdosis.model.reuse import FileDigests, Reuse
from tests.conftest import build_small


def test_the_key_changes_with_any_input_and_only_then(small: Path) -> None:
    sources, annotations = small / "sources", small / "annotations"
    key = inputs_key(sources, annotations)
    assert inputs_key(sources, annotations) == key
    note = next((annotations / "tx").glob("*.md"))
    text = note.read_text("utf-8")
    note.write_text(text.replace("1997", "1998", 1), encoding="utf-8")
    edited = inputs_key(sources, annotations)
    assert edited != key
    note.write_text(text, encoding="utf-8")
    assert inputs_key(sources, annotations) == key
    (annotations / "tx" / "new.md").write_text("x", encoding="utf-8")
    assert inputs_key(sources, annotations) not in (key, edited)


def test_a_kept_edition_and_its_pieces_are_given_back(small: Path, tmp_path: Path) -> None:
    reuse = Reuse()
    edition, problems = load_edition(small / "sources", small / "annotations", reuse)
    assert problems == []
    keep_edition(tmp_path, "one", edition, reuse)
    found = kept(tmp_path)
    assert found is not None and found.key == "one"
    given = found.edition
    assert given.corpus.sigla == edition.corpus.sigla
    assert [n.id for n in given.notes_on("tx")] == [n.id for n in edition.notes_on("tx")]
    assert kept_reuse(kept(tmp_path)).kept.keys() == reuse.made.keys() != set()
    (tmp_path / CACHE).write_bytes(b"not a pickle")
    assert kept(tmp_path) is None
    assert kept_reuse(kept(tmp_path)).kept == {}


def test_a_build_keeps_the_edition_and_an_edit_is_built(small: Path) -> None:
    build_small(small, "dummy", edition_register_update=1)
    html = build_small(small, "html")
    assert any((small / "_build").rglob(CACHE))
    page = (html / "texts" / "tx.html").read_text("utf-8")
    assert "The assault of 22 April 1997" in page
    note = small / "annotations" / "tx" / "tx-assault.md"
    note.write_text(
        note.read_text("utf-8").replace("The assault of", "The storming of"), encoding="utf-8"
    )
    build_small(small, "dummy", edition_register_update=1)
    page = (build_small(small, "html") / "texts" / "tx.html").read_text("utf-8")
    assert "The storming of 22 April 1997" in page and "The assault of 22 April" not in page


def test_the_fingerprints_taken_from_the_load_are_those_of_the_files(small: Path) -> None:
    sources, annotations = small / "sources", small / "annotations"
    digests = FileDigests()
    inputs_key(sources, annotations, digests=digests)
    kept_one = load_edition(sources, annotations, Reuse(digests=digests))[0].indexed(digests)
    read_again = load_edition(sources, annotations)[0]
    assert kept_one.anchor_contents == read_again.anchor_contents
    notes = {a for a, (kind, _) in read_again.anchor_contents.items() if kind == "note"}
    assert notes and all(len(read_again.anchor_contents[a][1]) == 16 for a in notes)


def test_a_link_added_to_a_kept_folder_of_notes_is_reported(small: Path, tmp_path: Path) -> None:
    from ecdosis.ext.texts.edition_cache import load_kept

    sources, annotations = small / "sources", small / "annotations"
    assert load_kept(tmp_path, sources, annotations).problems == []
    folder = annotations / "tx"
    (folder / "elsewhere.md").symlink_to(folder / "tx-assault.md")
    problems = load_kept(tmp_path, sources, annotations).problems
    assert [(p.path.name, p.message) for p in problems] == [
        ("elsewhere.md", "a symbolic link under annotations/")
    ]


def test_the_fingerprints_of_reused_parts_are_taken_from_the_last_edition(small: Path) -> None:
    sources, annotations = small / "sources", small / "annotations"
    first = Reuse()
    last = load_edition(sources, annotations, first)[0].indexed()
    note = annotations / "tx" / "tx-assault.md"
    note.write_text(note.read_text("utf-8").replace("The assault of", "The storming of"), "utf-8")
    text = small / "sources" / "ty" / "text.md"
    text.write_text(text.read_text("utf-8").replace("\n\n", "\n\n\n", 1), "utf-8")
    again, problems = load_edition(sources, annotations, Reuse(kept=first.made))
    assert problems == []
    assert again.corpus["tx"] is last.corpus["tx"] and again.corpus["ty"] is not last.corpus["ty"]
    assert (
        again.indexed(previous=last).anchor_contents
        == load_edition(sources, annotations)[0].anchor_contents
    )
    (edited,) = again.notes_on("tx")
    assert again.anchor_contents[edited.anchor] != last.anchor_contents[edited.anchor]


def test_the_digests_the_walk_found_are_the_ones_the_load_uses(small: Path) -> None:
    sources, annotations = small / "sources", small / "annotations"
    digests = FileDigests()
    inputs_key(sources, annotations, digests=digests)
    assert len(digests) == 0 and digests.by_name  # found by the walk, none looked for yet
    reuse = kept_reuse(None, digests)
    assert reuse.digests is digests
    edition = load_edition(sources, annotations, reuse)[0].indexed(digests)
    # the note's fingerprint was taken from the walk's digests (an entry made when looked for)
    assert edition.notes_on("tx")[0].path in digests
