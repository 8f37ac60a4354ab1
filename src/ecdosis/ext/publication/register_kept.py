"""The register of anchors as the last build read it, kept beside the build's doctrees and
reused while the register file's bytes are the same: the register grows with the edition (a
few thousand anchors are a megabyte of TOML), and parsing and checking it again would cost
every build, a rebuild after no change included. A build that writes the register (``ecdosis
register``) keeps what it wrote, so that the build after it need not parse it either.

The key is the SHA-256 of the engine's key, the register's path and its bytes; only a register
read without problems is kept, so a refused register is read, and reported, by every build.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ecdosis.ext.kept_files import read_kept, write_kept
from ecdosis.ext.texts.edition_cache import engine_key
from ecdosis.model.annotations.limits import REGISTER_BYTES
from ecdosis.model.problems import Problem
from ecdosis.model.publication.register import AnchorRegister, load_register, reads_back

KEPT = "ecdosis-register.pickle"


def load_register_kept(path: Path, doctrees: Path, problems: list[Problem]) -> AnchorRegister:
    """The register at ``path``, from what the last build kept in ``doctrees`` if the file is
    unchanged, else read and checked (:func:`~ecdosis.model.publication.register.
    load_register`, whose problems are added to ``problems``) and kept for the next build."""
    key = register_key(path)
    if key is not None:
        found = _kept(doctrees / KEPT)
        if found is not None and found[0] == key:
            return found[1]
    found_problems: list[Problem] = []
    register = load_register(path, found_problems)
    problems.extend(found_problems)
    # The file read must be the file keyed: a register changed meanwhile is not kept.
    if key is not None and not found_problems and register_key(path) == key:
        write_kept(doctrees / KEPT, (key, register))
    return register


def register_key(path: Path) -> str | None:
    """The key of a register file the loader would read; ``None`` for a file it refuses
    (a symbolic link, too large) or cannot read, which is loaded, and reported, every time."""
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > REGISTER_BYTES:
            return None
        content = path.read_bytes()
    except OSError:
        return None
    return _key(path, content)


def _key(path: Path, content: bytes) -> str:
    digest = hashlib.sha256(f"{engine_key()}\0{os.fspath(path)}\0".encode())
    digest.update(content)
    return digest.hexdigest()


def keep_written_register(
    read: AnchorRegister, text: str, written: AnchorRegister, doctrees: Path
) -> None:
    """Keep the register a build has just written (``text``; ``written``, as
    :func:`~ecdosis.model.publication.register.written_register` made it), updated from the
    register it had ``read``, for the next build, which then need not read the file again;
    kept only if the file reads back as ``written`` without a problem (else the next build
    reads it, and reports the problem)."""
    if reads_back(read, written, text):
        write_kept(doctrees / KEPT, (_key(written.path, text.encode("utf-8")), written))


def _kept(file: Path) -> tuple[str, AnchorRegister] | None:
    found = read_kept(file)
    if (
        isinstance(found, tuple)
        and len(found) == 2
        and isinstance(found[0], str)
        and isinstance(found[1], AnchorRegister)
    ):
        return found
    return None
