"""The bibliography's plugins found in one look at the installed packages, not one per lookup.

pybtex and sphinxcontrib-bibtex find their plugins (the docutils backend, the styles of labels
and references, the edition's own style) by entry point, and each lookup calls
:func:`importlib.metadata.entry_points`, which reads the entry points of every installed
package again: some ten lookups a build, about 2.5 ms each (more with more packages
installed), in every build, even one after no change. Both libraries look plugins up through
their module's ``entry_points``; :func:`look_up_once` gives each a function that reads the
installed packages' entry points once, at its first call, and selects from them after that.
The packages installed do not change while a build runs.
"""

from __future__ import annotations

import importlib.metadata
from types import ModuleType
from typing import Any

# The modules whose plugin lookups call ``entry_points`` (the name each imports it as).
_LOOKING_UP = ("pybtex.plugin", "sphinxcontrib.bibtex.plugin")


class _EntryPoints:
    """``importlib.metadata.entry_points(**selection)``, the packages read at the first call."""

    def __init__(self) -> None:
        # every entry point (EntryPoints; on Python 3.11 SelectableGroups, which selects alike)
        self._all: Any = None

    def __call__(self, **selection: Any) -> Any:
        if self._all is None:
            self._all = importlib.metadata.entry_points()
        return self._all.select(**selection) if selection else self._all


_ONCE = _EntryPoints()


def look_up_once() -> None:
    """Make the bibliography's plugin lookups read the installed packages once per process;
    called before sphinxcontrib-bibtex is imported, which looks a plugin up as it is. (pybtex's
    module first: importing sphinxcontrib-bibtex's makes the package look up through it.)"""
    for name in _LOOKING_UP:
        module: ModuleType = importlib.import_module(name)
        if getattr(module, "entry_points", None) is not None:
            module.entry_points = _ONCE  # type: ignore[attr-defined]
