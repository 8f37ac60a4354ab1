"""A reproducible EPUB: two builds of the same edition are the same file, byte for byte.

Sphinx dates the EPUB's metadata with the time of the build unless ``SOURCE_DATE_EPOCH`` is set,
and its zip entries carry the dates of the files it packs (build times, or the dates of a
checkout). While the EPUB is built, ``SOURCE_DATE_EPOCH`` defaults to the edition's release date
(``CITATION.cff``); afterwards every entry of the zip is given that date, in UTC, a fixed mode
and a fixed creator, keeping the order and compression EPUB requires (``mimetype`` first, stored).
"""

from __future__ import annotations

import datetime
import os
import time
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from ecdosis.ext.publication.register import metadata_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx

EPOCH = "SOURCE_DATE_EPOCH"
_SET_HERE = "ecdosis_source_date_epoch_set"


def date_the_build(app: Sphinx) -> None:
    """``builder-inited``: the EPUB is dated by the edition's release, unless the environment
    dates the build (``SOURCE_DATE_EPOCH``)."""
    if app.builder.name != "epub" or EPOCH in os.environ:
        return
    released = datetime.date.fromisoformat(metadata_of(app.env).released)
    midnight = datetime.datetime.combine(released, datetime.time(), tzinfo=datetime.UTC)
    os.environ[EPOCH] = str(int(midnight.timestamp()))
    setattr(app, _SET_HERE, True)


def normalise_epub(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: give every entry of the EPUB the build's date and fixed attributes."""
    if app.builder.name != "epub":
        return
    try:
        if exception is None:
            _normalise(Path(app.outdir) / f"{app.config.epub_basename}.epub")
    finally:
        if getattr(app, _SET_HERE, False):
            del os.environ[EPOCH]


def _normalise(path: Path) -> None:
    stamp = time.gmtime(int(os.environ[EPOCH]))[:6]
    with zipfile.ZipFile(path) as packed:
        entries = [(info, packed.read(info)) for info in packed.infolist()]
    rewritten = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(rewritten, "w") as repacked:
        for info, data in entries:
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = info.compress_type
            entry.external_attr = 0o100644 << 16
            entry.create_system = 3  # Unix
            repacked.writestr(entry, data)
    rewritten.replace(path)
