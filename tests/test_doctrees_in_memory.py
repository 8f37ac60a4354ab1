"""A serial build holds at most so many doctrees in memory between reading and writing, and
writes the same pages whatever the bound."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp, _clean_up_global_state

from ecdosis.ext.texts import doctrees_in_memory
from tests.conftest import copy_small


def pages(outdir: Path) -> dict[str, bytes]:
    return {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in sorted(outdir.rglob("*.html"))
    }


def test_the_bound_holds_and_the_pages_are_the_same(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unbounded = make_app("html", srcdir=copy_small(tmp_path / "unbounded"))
    unbounded.build()
    assert unbounded.warning.getvalue() == ""
    monkeypatch.setattr(doctrees_in_memory, "DOCTREES_KEPT", 1)
    _clean_up_global_state()  # a second application in this process, as Sphinx's fixtures do
    bounded = make_app("html", srcdir=copy_small(tmp_path / "bounded"))
    held: list[int] = []

    def after_reading(app: SphinxTestApp, env: Any) -> None:
        held.append(len(env._write_doc_doctree_cache))

    bounded.connect("env-updated", after_reading)
    bounded.build()
    assert bounded.warning.getvalue() == ""
    assert len(unbounded.env.found_docs) > 3 and held == [1]
    assert pages(Path(bounded.outdir)) == pages(Path(unbounded.outdir))
