"""Loading the edition again after an edit reuses what the last load made of every file the edit
did not touch, checks again what depends on the edited file, and reports a problem on every
load until it is fixed."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ecdosis.model.edition import Edition, load_edition
from ecdosis.model.reuse import Reuse


def load(root: Path, reuse: Reuse) -> tuple[Edition, list[str]]:
    edition, problems = load_edition(root / "sources", root / "annotations", reuse)
    return edition, [problem.message for problem in problems]


def again(reuse: Reuse) -> Reuse:
    return Reuse(kept=reuse.made)


def test_an_unchanged_file_is_reused_and_an_edited_one_read_again(small: Path) -> None:
    first = Reuse()
    edition, problems = load(small, first)
    assert problems == []
    note = small / "annotations" / "tx" / "tx-assault.md"
    note.write_text(
        note.read_text("utf-8").replace("The assault of", "The storming of"), encoding="utf-8"
    )
    second = again(first)
    edited, problems = load(small, second)
    assert problems == []
    assert (
        edited.corpus["tx"] is edition.corpus["tx"] and edited.corpus["ty"] is edition.corpus["ty"]
    )
    assert edited.annotations.entities[0] is edition.annotations.entities[0]
    assert edited.mentions is edition.mentions
    (new,) = edited.notes_on("tx")
    assert new is not edition.notes_on("tx")[0]
    assert new.body != edition.notes_on("tx")[0].body
    # only the edited note's piece is new, and its folder's and its text's part of the
    # indexes, and the next load reuses all
    changed = set(second.made) ^ set(first.made)
    assert len(changed) == 6 and {key[0] for key in changed} == {"note", "notes", "text index"}
    assert [key[1] for key in changed if key[0] == "text index"] == [str(note.parent)] * 2
    third = again(second)
    load(small, third)
    assert all(third.made[key] is piece for key, piece in second.made.items())


def test_a_note_is_checked_again_when_its_text_changes(small: Path) -> None:
    first = Reuse()
    _, problems = load(small, first)
    assert problems == []
    folder = small / "sources" / "tx"
    for name in ("text.md", "witness.txt"):
        path = folder / name
        path.write_bytes(path.read_bytes().replace(b"stormed the residence", b"took the house"))
    record = folder / "record.toml"
    digest = hashlib.sha256((folder / "witness.txt").read_bytes()).hexdigest()
    record.write_text(
        re.sub(r'sha256 = "[0-9a-f]+"', f'sha256 = "{digest}"', record.read_text("utf-8")),
        encoding="utf-8",
    )
    _, found = load_edition(small / "sources", small / "annotations", again(first))
    # the note file is the same, but its quote is no longer in its text
    note = small / "annotations" / "tx" / "tx-assault.md"
    assert [p.message for p in found if p.path == note] == [
        "the quote is not in the reading text of tx-1"
    ]


def test_a_problem_is_reported_by_every_load_until_fixed(small: Path) -> None:
    note = small / "annotations" / "tx" / "tx-assault.md"
    good = note.read_text("utf-8")
    note.write_text(good.replace("kind: context", "kind: gossip"), encoding="utf-8")
    first = Reuse()
    _, problems = load(small, first)
    second = again(first)
    assert problems and load(small, second)[1] == problems
    note.write_text(good, encoding="utf-8")
    assert load(small, again(second))[1] == []


def test_an_unchanged_folder_of_notes_is_reused_whole(small: Path) -> None:
    first = Reuse()
    load(small, first)
    (folder_key,) = (key for key in first.made if key[0] == "notes")
    second = again(first)
    load(small, second)
    assert second.made[folder_key] is first.made[folder_key]
    assert second.made.keys() == first.made.keys()


def test_anything_added_to_a_folder_of_notes_is_seen_after_a_reuse(small: Path) -> None:
    first = Reuse()
    load(small, first)
    folder = small / "annotations" / "tx"
    (folder / "notes.txt").write_text("not a note", encoding="utf-8")
    _, problems = load(small, again(first))
    assert problems == ["not a note file"]
    (folder / "notes.txt").unlink()
    (folder / "elsewhere.md").symlink_to(folder / "tx-assault.md")
    _, problems = load(small, again(first))
    assert problems == ["a symbolic link under annotations/"]
