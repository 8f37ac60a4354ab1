"""Each input file's SHA-256 is taken from what the last build kept while the file is unchanged
(its size, times and inode), and read again from any file written since, whatever its size and
modification time say."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ecdosis.ext.texts import file_stats
from ecdosis.ext.texts.edition_cache import inputs_key
from ecdosis.ext.texts.file_stats import FileStats, keep_stats, kept_stats, stat_of


def test_an_unchanged_file_is_not_read_again(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("one", encoding="utf-8")
    stat = stat_of(path.stat())
    kept = FileStats(kept={os.fspath(path): (stat, "as kept")})
    assert kept.digest(os.fspath(path), stat) == "as kept"
    fresh = FileStats().digest(os.fspath(path), stat)
    assert fresh != "as kept" and len(fresh) == 64


def test_a_file_written_again_is_read_again_though_its_size_and_date_are_the_same(
    small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(file_stats, "RECENT_NS", 0)  # keep even what was written just now
    sources, annotations = small / "sources", small / "annotations"
    first = FileStats()
    key = inputs_key(sources, annotations, stats=first)
    assert key == inputs_key(sources, annotations)  # the same key as without stats
    keep_stats(tmp_path, first)
    assert kept_stats(tmp_path).kept == first.seen != {}
    note = next((annotations / "tx").glob("*.md"))
    before = note.stat()
    text = note.read_text("utf-8")
    note.write_text(text.replace("1997", "1998", 1), encoding="utf-8")  # as long as it was
    os.utime(note, ns=(before.st_atime_ns, before.st_mtime_ns))  # and dated as it was
    assert note.stat().st_size == before.st_size and note.stat().st_mtime_ns == before.st_mtime_ns
    edited = inputs_key(sources, annotations, stats=kept_stats(tmp_path))
    assert edited == inputs_key(sources, annotations) != key


def test_a_file_changed_too_recently_is_not_kept(small: Path, tmp_path: Path) -> None:
    stats = FileStats()
    inputs_key(small / "sources", small / "annotations", stats=stats)
    keep_stats(tmp_path, stats)  # every file of ``small`` was copied a moment ago
    assert stats.seen and kept_stats(tmp_path).kept == {}
    (tmp_path / file_stats.STATS).write_bytes(b"not a pickle")
    assert kept_stats(tmp_path).kept == {}
