"""The kept edition is written in parts, one per text with its notes: after an edit, a text
whose text and notes were reused unchanged is written back as the bytes it was read from, and
only the edited text's part is pickled again; a part is read only when a build needs more of it
than the parts' table holds (:mod:`ecdosis.ext.texts.kept_parts`)."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from ecdosis.ext.texts.edition_cache import CACHE, Kept, keep_edition, kept, kept_reuse
from ecdosis.ext.texts.kept_parts import is_read, parts_of
from ecdosis.model.edition import Edition, load_edition
from ecdosis.model.reuse import Reuse


def _keep_and_read(small: Path, kept_in: Path, reuse: Reuse, key: str) -> tuple[Edition, Kept]:
    edition, problems = load_edition(small / "sources", small / "annotations", reuse)
    assert problems == []
    keep_edition(kept_in, key, edition.indexed(), reuse, previous=kept(kept_in))
    found = kept(kept_in)
    assert found is not None and found.key == key
    return edition, found


def test_the_parts_give_back_the_edition_with_its_texts_and_notes_shared(
    small: Path, tmp_path: Path
) -> None:
    edition, found = _keep_and_read(small, tmp_path, Reuse(), "one")
    assert found.edition == edition
    assert sorted(found.parts) == ["tx", "ty"]
    given = found.edition
    # the texts and notes of the rest of the edition are those of the parts, not copies
    assert given.corpus["tx"] is found.parts["tx"].text
    assert given.notes_on("tx")[0] is found.parts["tx"].notes[0]
    assert given.annotations.notes[0] is found.parts["tx"].notes[0]
    assert found.pieces.keys() == kept_reuse(found).kept.keys() != set()


def test_an_edit_pickles_again_only_its_text_s_part(small: Path, tmp_path: Path) -> None:
    _keep_and_read(small, tmp_path, Reuse(), "one")
    before = kept(tmp_path)
    assert before is not None
    note = small / "annotations" / "tx" / "tx-assault.md"
    note.write_text(note.read_text("utf-8").replace("The assault of", "The storming of"), "utf-8")
    reuse = kept_reuse(before)
    edition, problems = load_edition(small / "sources", small / "annotations", reuse)
    assert problems == []
    parts = parts_of(edition, before.parts)
    assert parts["ty"] is before.parts["ty"]  # reused, as read, with its table's outline
    assert before.parts["ty"].outline is not None
    assert parts["tx"] is not before.parts["tx"]  # its note changed
    assert parts["tx"].notes == edition.notes_on("tx")
    _, after = _keep_and_read(small, tmp_path, kept_reuse(before), "two")
    assert after.edition == edition
    assert "storming" in repr(after.edition.notes_on("tx")[0].body)


def test_an_unreadable_file_is_nothing_kept(small: Path, tmp_path: Path) -> None:
    _keep_and_read(small, tmp_path, Reuse(), "one")
    whole = (tmp_path / CACHE).read_bytes()
    (tmp_path / CACHE).write_bytes(whole[: len(whole) // 2])
    assert kept(tmp_path) is None


def test_an_edition_kept_by_another_engine_is_not_read(small: Path, tmp_path: Path) -> None:
    from ecdosis.ext.texts.edition_cache import Header, engine_key, outline_of
    from ecdosis.ext.texts.kept_parts import read_edition, write_edition

    reuse = Reuse()
    edition, _ = load_edition(small / "sources", small / "annotations", reuse)
    file = tmp_path / CACHE
    write_edition(file, Header("another", "one", outline_of(edition)), edition, reuse.made, {})
    assert kept(tmp_path) is None
    assert read_edition(file, lambda header: False) is None
    write_edition(file, Header(engine_key(), "one", outline_of(edition)), edition, reuse.made, {})
    found = kept(tmp_path)
    assert found is not None and found.edition == edition


def test_a_kept_note_body_makes_its_tree_again_only_when_asked(tmp_path: Path) -> None:
    import pickle

    from ecdosis.model.annotations.note_body import BodyBlock, Inline, parse_note_body
    from ecdosis.model.problems import Problem

    source = (
        "The *assault, {es}`la toma`, of [the residence](https://example.org/r)* "
        "({cite}`iv1997lima`; see {note}`the first note <tx-assault>`).\n\n"
        "- one **strong** item  \nbroken\n  - and `code` nested\n\n> a quote\n"
    )
    problems: list[Problem] = []
    body = parse_note_body(tmp_path / "note.md", source, 5, ("es",), problems)
    assert problems == [] and body is not None

    def kinds(items: tuple[Inline, ...]) -> set[str]:
        return {item.kind for item in items} | {k for item in items for k in kinds(item.children)}

    def shown(blocks: tuple[BodyBlock, ...]) -> set[str]:
        return {k for b in blocks for k in {b.kind} | kinds(b.inlines) | shown(b.children)}

    assert shown(body.blocks) >= {"emphasis", "foreign", "link", "cite", "reference", "strong"}
    assert shown(body.blocks) >= {"text", "break", "code", "bullet_list", "list_item", "quote"}
    back = pickle.loads(pickle.dumps(body))
    # what every build asks of every note is there without the tree
    assert (back.citations, back.references) == (body.citations, body.references)
    assert back.languages == body.languages == {"es"}
    assert "blocks" not in vars(back)
    assert pickle.dumps(back) == pickle.dumps(body)  # kept again as it was read
    # the tree, asked for, is the one parsed: the same blocks, repr and hash
    assert back.blocks == body.blocks
    assert "blocks" in vars(back)
    assert back == body and repr(back) == repr(body) and hash(back) == hash(body)
    assert pickle.loads(pickle.dumps(back)) == body


def test_the_mentions_are_kept_as_their_values_and_read_back_the_same(small: Path) -> None:
    import pickle

    edition, problems = load_edition(small / "sources", small / "annotations", Reuse())
    assert problems == []
    mentions = edition.mentions
    assert mentions.entities and mentions.terms
    back = pickle.loads(pickle.dumps(mentions))
    assert back == mentions
    assert back.in_text("tx") == mentions.in_text("tx")
    assert [m.values for m in back.entities] == [m.values for m in mentions.entities]
    # kept as plain values: no mention is pickled as an object of its own
    assert b"Mention" not in pickle.dumps(mentions, protocol=pickle.HIGHEST_PROTOCOL)


def test_a_part_is_read_only_when_asked_for_more_than_its_table_holds(
    small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ecdosis.model.annotations.notes import Note
    from ecdosis.model.texts.corpus import EditedText

    edition, found = _keep_and_read(small, tmp_path, Reuse(), "one")
    given = found.edition
    text, note = given.corpus["tx"], given.notes_on("tx")[0]
    assert not is_read(text) and not is_read(note)
    assert isinstance(text, EditedText) and isinstance(note, Note)
    # what the table holds, and every index of the edition, without reading the part
    assert (text.siglum, text.folder, text.record) == ("tx", *_of(edition, "folder", "record"))
    assert (note.id, note.target, note.anchor) == ("tx-assault", "tx-1", "note-tx-assault")
    assert given.index_of("tx").claims == edition.index_of("tx").claims
    assert given.known_ids() == edition.known_ids()
    assert given.languages == edition.languages
    assert given.shown_by_reference == edition.shown_by_reference
    assert given.paragraph_order == edition.paragraph_order
    assert not is_read(text) and not is_read(note)
    # anything else reads the part: its text and its notes, not the other text's part
    assert note.body == edition.notes_on("tx")[0].body
    assert is_read(text) and is_read(note) and not is_read(given.corpus["ty"])
    assert type(text) is EditedText and type(note) is Note
    assert text == edition.corpus["tx"] and note == edition.notes_on("tx")[0]
    assert given == edition
    # a part that does not read back stops the build, saying so, and is not kept
    damaged = kept(tmp_path)
    assert damaged is not None
    part = damaged.parts["ty"]
    assert not is_read(part.text)
    # bytes that unpickle, but are not the part's (another text's): the CRC-32 and the fields
    # the table holds each tell
    inner = object.__getattribute__(part.text, "__dict__")["\0part"]
    inner.pickled = damaged.parts["tx"].pickled
    inner.crc = zlib.crc32(inner.pickled)
    with pytest.raises(SystemExit):
        part.text.witness  # noqa: B018
    said = capsys.readouterr().err
    # the file named as the report names paths (relative to the working folder if under it)
    assert f"{CACHE}:1: the part of ty in the edition kept by the last build" in said
    assert "build again, and the edition is loaded from its files" in said
    assert not (tmp_path / CACHE).exists()


def _of(edition: Edition, *names: str) -> tuple[object, ...]:
    text = edition.corpus["tx"]
    return tuple(getattr(text, name) for name in names)


def test_a_build_after_a_note_edit_reads_the_part_of_that_text_only(tmp_path: Path) -> None:
    from ecdosis.ext.texts.corpus import edition_of
    from tests.conftest import copy_small
    from tests.test_build_rules import BUILD, _edit, build, register, sphinx_app

    root = copy_small(tmp_path / "small")
    register(root)
    build(root)
    _edit(root / "annotations" / "tx" / "tx-assault.md", "The assault of", "The storming of")
    register(root)
    app = sphinx_app(root, "html", root / BUILD / "html")
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.warning.getvalue() == "" and app.statuscode == 0
    edition = edition_of(app.env)
    assert [is_read(text) for text in edition.corpus.texts] == [
        text.siglum == "tx" for text in edition.corpus.texts
    ]
    assert "storming" in (Path(app.outdir) / "texts" / "tx.html").read_text("utf-8")
