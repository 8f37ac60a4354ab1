"""Whether the edition as data (TEI, Web Annotations, DTS) must be written again: each writer
keeps, beside the doctrees, a stamp of what its files were made from, and skips its work when
the stamp is the same and its files are there.

What the files are made from: the edition's inputs and the engine's model (the key of the loaded
edition, :mod:`ecdosis.ext.texts.edition_cache`), the settings that give their addresses, the
builder, and the labels of every page (the titles and places that links show).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from ecdosis.ext.texts.corpus import loaded_key

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_SETTINGS = ("html_baseurl", "html_file_suffix", "root_doc", "language", "edition_key")


def data_stamp(app: Sphinx, name: str) -> str:
    digest = hashlib.sha256()
    digest.update(f"{name}\0{loaded_key(app)}\0{app.builder.name}\0{app.outdir}".encode())
    for setting in _SETTINGS:
        digest.update(f"\0{setting}={getattr(app.config, setting, '')!r}".encode())
    labels = app.env.domains.standard_domain.labels
    for label in sorted(labels):
        digest.update(f"\0{label}={labels[label]!r}".encode())
    return digest.hexdigest()


def _stamp_file(app: Sphinx, name: str) -> Path:
    return Path(app.doctreedir) / f"ecdosis-{name}.stamp"


def is_current(app: Sphinx, name: str, stamp: str, written: Path) -> bool:
    """Whether the files of ``name`` (in the folder ``written``) were made from ``stamp``."""
    try:
        return written.is_dir() and _stamp_file(app, name).read_text("ascii") == stamp
    except OSError:
        return False


def record(app: Sphinx, name: str, stamp: str) -> None:
    _stamp_file(app, name).write_text(stamp, encoding="ascii")
