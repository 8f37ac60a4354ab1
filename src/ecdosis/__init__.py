"""ecdosis: a Sphinx extension for annotated critical editions.

The model layer (:mod:`ecdosis.model`) reads and validates an edition's sources without
Sphinx; the Sphinx extension (:mod:`ecdosis.ext`) turns them into pages. Importing this
package does not import Sphinx, so the command-line check stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _version() -> str:
    """The version of the installed package: written once, in ``pyproject.toml``."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("ecdosis")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"


__version__ = _version()


def setup(app: Sphinx) -> dict[str, Any]:
    """Entry point for ``extensions = ["ecdosis"]`` in ``conf.py``.

    The extension's modules are imported, and the extensions it loads set up, with Python's
    garbage collector paused: importing makes tens of thousands of objects and no garbage, and
    the collector, run again and again over all the objects made so far, took a fifth of the
    time of the import (a build's own pauses: :mod:`ecdosis.ext.collector`)."""
    from ecdosis.model.collector import collector_paused

    with collector_paused():
        from ecdosis.ext import setup as setup_extension

        return setup_extension(app)
