"""The bibliography's plugins are found in one reading of the installed packages' entry
points per build process, not one per lookup (:mod:`ecdosis.ext.registries.plugin_lookup`)."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path
from typing import Any

import pybtex.plugin
import pytest

from ecdosis.ext.registries import plugin_lookup
from tests.conftest import build_small


def test_a_build_reads_the_installed_packages_entry_points_once(
    small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[dict[str, Any]] = []
    entry_points = importlib.metadata.entry_points

    def counting(**selection: Any) -> Any:
        reads.append(selection)
        return entry_points(**selection)

    monkeypatch.setattr(importlib.metadata, "entry_points", counting)
    monkeypatch.setattr(plugin_lookup._ONCE, "_all", None)  # as in a new process
    html = build_small(small, "html")
    # the lookups of pybtex and sphinxcontrib-bibtex (some ten a build) select from one read
    # (Sphinx looks its themes up itself)
    of_the_bibliography = [s for s in reads if not s.get("group", "").startswith("sphinx.")]
    assert of_the_bibliography == [{}]
    # and find what they looked for: the edition's style, through sphinxcontrib-bibtex
    assert pybtex.plugin.find_plugin("pybtex.style.formatting", "edition").__name__ == (
        "EditionStyle"
    )
    assert "Sims" in (html / "bibliography.html").read_text("utf-8")
