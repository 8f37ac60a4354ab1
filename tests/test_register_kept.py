"""The register is kept beside the doctrees as the last build read it, and reused only while
the file's bytes are the same; a register with problems is never kept, so every build reports
them."""

from __future__ import annotations

import pickle
from pathlib import Path

from ecdosis.ext.publication.register_kept import (
    KEPT,
    keep_written_register,
    load_register_kept,
    register_key,
)
from ecdosis.model.problems import Problem
from ecdosis.model.publication.edition_metadata import read_edition_metadata
from ecdosis.model.publication.register import (
    LiveAnchor,
    load_register,
    reads_back,
    updated,
    written_register,
)
from tests.conftest import build_small

SMALL = Path(__file__).resolve().parent / "roots" / "test-small" / "anchor-register.toml"


def _register(tmp_path: Path) -> Path:
    path = tmp_path / "anchor-register.toml"
    path.write_bytes(SMALL.read_bytes())
    return path


def test_an_unchanged_register_is_the_one_kept_and_a_changed_one_is_read(tmp_path: Path) -> None:
    path, doctrees = _register(tmp_path), tmp_path / "doctrees"
    problems: list[Problem] = []
    first = load_register_kept(path, doctrees, problems)
    assert problems == [] and first == load_register(path, [])
    key, register = pickle.loads((doctrees / KEPT).read_bytes())
    # What is given back while the file is unchanged is what was kept, not the file read again.
    del register.anchors[("glossary", "glossary-mrta")]
    (doctrees / KEPT).write_bytes(pickle.dumps((key, register)))
    assert ("glossary", "glossary-mrta") not in load_register_kept(path, doctrees, []).anchors
    path.write_text(
        path.read_text("utf-8") + '\n[anchors."new-page"]\n'
        'new-page = { kind = "section", since = "0.1" }\n',
        encoding="utf-8",
    )
    again = load_register_kept(path, doctrees, [])
    assert ("new-page", "new-page") in again.anchors
    assert ("glossary", "glossary-mrta") in again.anchors


def test_a_register_with_problems_is_reported_by_every_load(tmp_path: Path) -> None:
    path, doctrees = _register(tmp_path), tmp_path / "doctrees"
    load_register_kept(path, doctrees, [])
    path.write_text(path.read_text("utf-8").replace("[versions]", "[version]"), encoding="utf-8")
    for _ in range(2):
        problems: list[Problem] = []
        load_register_kept(path, doctrees, problems)
        assert [p.message for p in problems] == ["the register has an unknown table 'version'"]


def test_a_register_kept_and_then_made_a_symbolic_link_is_refused(tmp_path: Path) -> None:
    # The same path and the same bytes, through a link: the key alone would match.
    path, doctrees = _register(tmp_path), tmp_path / "doctrees"
    assert load_register_kept(path, doctrees, []).anchors
    (tmp_path / "elsewhere").mkdir()
    target = _register(tmp_path / "elsewhere")
    path.unlink()
    path.symlink_to(target)
    for _ in range(2):
        problems: list[Problem] = []
        load_register_kept(path, doctrees, problems)
        assert [p.message for p in problems] == ["the register is a symbolic link"]


def test_a_build_keeps_the_register_it_read(small: Path) -> None:
    build_small(small, "dummy")
    kept = list((small / "_build").rglob(KEPT))
    assert len(kept) == 1
    _, register = pickle.loads(kept[0].read_bytes())
    assert register == load_register(small / "anchor-register.toml", [])


def test_a_build_that_writes_the_register_keeps_what_it_wrote(small: Path) -> None:
    note = small / "annotations" / "tx" / "tx-assault.md"
    note.write_text(note.read_text("utf-8").replace("The assault of", "The storming of"), "utf-8")
    build_small(small, "dummy", edition_register_update=1)
    path = small / "anchor-register.toml"
    (kept,) = (small / "_build").rglob(KEPT)
    key, register = pickle.loads(kept.read_bytes())
    # the register as the file just written reads: the next build takes it without reading
    assert key == register_key(path)
    assert register == load_register(path, [])
    entry, before = (
        r.anchors["texts/tx", "note-tx-assault"] for r in (register, load_register(SMALL, []))
    )
    assert entry.fingerprint != before.fingerprint  # the edit, recorded
    assert entry.line == before.line > 1


def test_a_written_register_that_would_not_read_back_is_not_kept(tmp_path: Path) -> None:
    path = _register(tmp_path)
    read = load_register(path, [])
    metadata = read_edition_metadata(SMALL.parent / "CITATION.cff")
    live = [
        LiveAnchor(page, anchor, e.kind, e.fingerprint)
        for (page, anchor), e in read.anchors.items()
    ]
    text, written = written_register(
        updated(read, [*live, LiveAnchor("index", "new", "section")], metadata)
    )
    assert reads_back(read, written, text)
    keep_written_register(read, text, written, tmp_path / "kept")
    path.write_text(text, encoding="utf-8")
    key, kept = pickle.loads((tmp_path / "kept" / KEPT).read_bytes())
    assert key == register_key(path) and kept == written == load_register(path, [])
    # an anchor that is not one, a page that is not one: the next build must read and refuse it
    for number, (page, anchor) in enumerate([("texts/tx", "an anchor"), ("_static/tx", "tx-1")]):
        bad = [*live, LiveAnchor(page, anchor, "section")]
        text, written = written_register(updated(read, bad, metadata))
        assert not reads_back(read, written, text)
        keep_written_register(read, text, written, tmp_path / str(number))
        assert not (tmp_path / str(number) / KEPT).exists()
        path.write_text(text, encoding="utf-8")
        problems: list[Problem] = []
        load_register(path, problems)
        assert problems != []
