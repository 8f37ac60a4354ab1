"""The loaded edition, kept beside the build's doctrees and reused while its files are
unchanged: a rebuild after no change, or after an edit elsewhere, does not parse and check
every text and annotation again.

The key is the SHA-256 of every file under the sources and annotations folders (their paths and
contents) and of the engine's own model and schemas, so any edit, added or removed file, or new
version of the engine loads the edition afresh. Only an edition without problems is kept.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from ecdosis.model.edition import Edition

CACHE = "ecdosis-edition.pickle"
_ENGINE = Path(__file__).resolve().parent.parent.parent  # the ecdosis package


def inputs_key(*folders: Path) -> str:
    """The fingerprint of the edition's inputs and of the engine that reads them."""
    digest = hashlib.sha256()
    roots = [*folders, _ENGINE / "model", _ENGINE / "schemas"]
    for root in roots:
        digest.update(os.fsencode(root))
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.is_symlink() and "__pycache__" not in path.parts:
                digest.update(os.fsencode(path.relative_to(root)) + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def cached_edition(doctrees: Path, key: str) -> Edition | None:
    """The edition kept for ``key``, or ``None`` (no cache, another key, an unreadable file)."""
    try:
        with (doctrees / CACHE).open("rb") as file:
            kept_key, edition = pickle.load(file)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError):
        return None
    return edition if kept_key == key and isinstance(edition, Edition) else None


def keep_edition(doctrees: Path, key: str, edition: Edition) -> None:
    """Keep the edition for the next build (written whole, then moved into place)."""
    doctrees.mkdir(parents=True, exist_ok=True)
    partial = doctrees / (CACHE + ".partial")
    try:
        with partial.open("wb") as file:
            pickle.dump((key, edition), file, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(doctrees / CACHE)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        partial.unlink(missing_ok=True)  # a build without a cache is only slower
