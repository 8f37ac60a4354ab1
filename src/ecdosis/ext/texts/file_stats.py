"""The SHA-256 of each input file, read again only from the files that changed.

A build keeps, beside its doctrees, the digest of every input file with what the file system
says of the file: its size, its modification and change times, its inode (what git's index
keeps for the same purpose). A later build takes the digest of a file whose four are all
unchanged from there, and reads and hashes every other file. Any write to a file moves its
change time, which no program can set back; a file written in the last few seconds before the
digests were kept is not kept (its times may not have moved yet, on a file system that counts
time coarsely), so it is read again by the next build.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from ecdosis.ext.kept_files import read_kept, write_kept

STATS = "ecdosis-file-stats.pickle"
RECENT_NS = 3_000_000_000  # a file changed this recently is read again by the next build

Stat = tuple[int, int, int, int]  # size, modification time, change time (ns), inode


def stat_of(status: os.stat_result) -> Stat:
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


@dataclass
class FileStats:
    """The digests kept by the last build (``kept``), and those found by this one (``seen``),
    by the file's path."""

    kept: dict[str, tuple[Stat, str]] = field(default_factory=dict)
    seen: dict[str, tuple[Stat, str]] = field(default_factory=dict)

    def digest(self, path: str, stat: Stat) -> str:
        """The SHA-256 of a file's contents: the one kept, if the file is unchanged, else read
        ("missing" if the file cannot be read)."""
        found = self.kept.get(path)
        if found is not None and found[0] == stat:
            digest = found[1]
        else:
            try:
                with open(path, "rb") as file:
                    digest = hashlib.sha256(file.read()).hexdigest()
            except OSError:
                digest = "missing"
        self.seen[path] = (stat, digest)
        return digest


def kept_stats(doctrees: Path) -> FileStats:
    """The digests the last build kept in ``doctrees`` (none, if it kept nothing readable)."""
    found = read_kept(doctrees / STATS)
    return FileStats(kept=found) if isinstance(found, dict) else FileStats()


def keep_stats(doctrees: Path, stats: FileStats) -> None:
    """Keep the digests this build found for the next, but for the files changed too recently
    to be trusted (written whole, then moved into place; not written if nothing changed)."""
    recent = time.time_ns() - RECENT_NS
    settled = {
        path: (stat, digest)
        for path, (stat, digest) in stats.seen.items()
        if max(stat[1], stat[2]) < recent and digest != "missing"
    }
    if settled == stats.kept:
        return
    write_kept(doctrees / STATS, settled)  # else the next build reads every file again
