"""A build after no change: what the last successful build recorded, so that the next build,
when nothing its checks depend on has changed, skips the checks that could find nothing.

The record, kept beside the doctrees for each builder, is a fingerprint of everything the
engine's own checks and data files are made from: the engine itself, the edition's inputs
(their key: :mod:`ecdosis.ext.texts.edition_cache`), the bytes of the register and of
``CITATION.cff``, the configuration's plain values, the builder and its output folder, and the
generation of the build environment, which changes whenever a page is read again or removed.

While the fingerprint is the recorded one, a build does not read the kept edition, look for
pages made outdated by the edition or the register, check the register, or make any text's
data files again (unless one is missing): it would find what the last build found. The record
is removed as soon as a build finds that it does not match, and written again only at the end
of a build that finished without an error or a warning.
"""

from __future__ import annotations

import hashlib
import os
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from ecdosis.ext.domain import EditionDomain
from ecdosis.ext.texts.edition_cache import package_key
from ecdosis.model.reuse import file_digest

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

# Per build (its application): the fingerprint of its inputs, but the environment's
# generation; and whether the record was found not to match (and so removed).
_FINGERPRINTS: WeakKeyDictionary[Sphinx, str | None] = WeakKeyDictionary()
_CHANGED: WeakKeyDictionary[Sphinx, bool] = WeakKeyDictionary()


def _record_file(app: Sphinx) -> Path:
    return Path(app.doctreedir) / f"ecdosis-last-build.{app.builder.name}"


def _plain(value: object) -> str | None:
    """A value's canonical text if it is plain data (the same text for the same value in
    every process: sets sorted), else ``None``."""
    if value is None or isinstance(value, str | int | float | bool | Path):
        return repr(value)
    if isinstance(value, list | tuple | set | frozenset):
        parts = [_plain(item) for item in value]
        if any(part is None for part in parts):
            return None
        listed = [part for part in parts if part is not None]
        if isinstance(value, set | frozenset):
            listed.sort()
        return f"{type(value).__name__}({','.join(listed)})"
    if isinstance(value, dict):
        items = [(_plain(key), _plain(item)) for key, item in value.items()]
        if any(key is None or item is None for key, item in items):
            return None
        return "dict(" + ",".join(sorted(f"{key}:{item}" for key, item in items)) + ")"
    return None


def _inputs_fingerprint(app: Sphinx) -> str | None:
    """The fingerprint of this build's inputs, but the environment's generation; ``None``
    if the register is one the engine reads afresh every time (it reports its problems)."""
    if app in _FINGERPRINTS:
        return _FINGERPRINTS[app]
    from ecdosis.ext.publication.register import register_path
    from ecdosis.ext.publication.register_kept import register_key
    from ecdosis.ext.texts.corpus import loaded_inputs

    register = register_key(register_path(app))
    found: str | None = None
    if register is not None:
        digest = hashlib.sha256()
        citation = Path(app.confdir) / app.config.edition_citation_file
        for part in (
            package_key(),
            loaded_inputs(app).key,
            register,
            file_digest(citation, {}),
            app.builder.name,
            os.fspath(Path(app.outdir).resolve()),
        ):
            digest.update(f"{part}\0".encode())
        for setting in app.config:
            value = _plain(setting.value)
            shown = value if value is not None else type(setting.value).__qualname__
            digest.update(f"{setting.name}={shown}\0".encode())
        found = digest.hexdigest()
    _FINGERPRINTS[app] = found
    return found


def _fingerprint(app: Sphinx) -> str | None:
    inputs = _inputs_fingerprint(app)
    generation = EditionDomain.of(app.env).generation
    if inputs is None or generation is None:
        return None
    return hashlib.sha256(f"{inputs}\0{generation}".encode()).hexdigest()


def unchanged(app: Sphinx) -> bool:
    """Whether nothing the engine's checks and data files depend on has changed since the
    last build that finished well (with this builder): then they would find what it found.
    The first time it is not so, the last build's record is removed."""
    if _CHANGED.get(app):
        return False
    try:
        recorded = _record_file(app).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        recorded = None
    current = _fingerprint(app)
    if current is not None and recorded == current:
        return True
    _CHANGED[app] = True
    _record_file(app).unlink(missing_ok=True)
    return False


def record_build(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``, after every other handler of the engine: record the build's
    fingerprint if it finished without an error or a warning."""
    if exception is not None or app._warncount or app.statuscode:
        return
    current = _fingerprint(app)
    if current is None:
        return
    with suppress(OSError):  # if it cannot be written, the next build only checks everything
        _record_file(app).write_text(current, encoding="ascii")


def read_before_writing(app: Sphinx, builder: Builder) -> None:
    """``write-started``: the kept edition, read before the pages are written (by processes
    forked from this one, in a parallel build) unless nothing changed."""
    from ecdosis.ext.texts.corpus import read_the_edition

    if not unchanged(app):
        read_the_edition(app)


def setup_last_build(app: Sphinx) -> None:
    """Register this feature's handlers."""
    app.connect("write-started", read_before_writing)
    app.connect("build-finished", record_build, priority=900)
