"""A build sets what it loaded apart from Python's garbage collector while it reads and writes
the pages, restores the collector's pace at its end, and gives the frozen objects back when the
next build of the same process begins, or when it stops on a problem of its input."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

from ecdosis.ext.collector import THRESHOLDS
from tests.conftest import copy_small


def test_what_is_loaded_is_frozen_during_the_build_and_given_back_by_the_next(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    gc.unfreeze()  # whatever an earlier test's build left frozen
    assert gc.isenabled() and gc.get_freeze_count() == 0
    pace = gc.get_threshold()
    assert pace != THRESHOLDS
    app = make_app("html", srcdir=copy_small(tmp_path / "one"))
    seen: list[tuple[bool, int, tuple[int, int, int]]] = []

    def after_reading(app: SphinxTestApp, env: Any) -> None:
        seen.append((gc.isenabled(), gc.get_freeze_count(), gc.get_threshold()))

    app.connect("env-updated", after_reading)
    app.build()
    assert app.warning.getvalue() == ""
    [(collecting, frozen, thresholds)] = seen
    assert collecting and frozen > 10_000  # the edition, the environment, the engine
    assert thresholds == THRESHOLDS
    assert gc.isenabled() and gc.get_threshold() == pace
    assert gc.get_freeze_count() > 10_000  # kept apart: Python's last collection skips them

    conf = copy_small(tmp_path / "two") / "conf.py"
    conf.write_text(
        conf.read_text("utf-8")
        + "\n\ndef setup(app):\n"
        + "    import gc\n"
        + "    app.connect('config-inited', lambda app, config: app.config.given_back.append("
        + "gc.get_freeze_count()), priority=2)\n"
        + "    app.add_config_value('given_back', [], '')\n",
        encoding="utf-8",
    )
    second = make_app("html", srcdir=tmp_path / "two")
    given_back = second.config.given_back
    assert given_back == [0]  # the next build gave them back before it loaded anything


def test_a_build_stopped_by_its_input_gives_the_collector_back(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    small = copy_small(tmp_path / "small")
    (small / "annotations" / "tx" / "tx-broken.md").write_text("no front matter\n", "utf-8")
    with pytest.raises(SystemExit):
        make_app("html", srcdir=small)
    assert gc.isenabled()


def test_the_engine_is_imported_and_set_up_with_the_collector_paused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import ecdosis
    import ecdosis.ext

    seen: list[bool] = []

    def recording_setup(app: object) -> dict[str, Any]:
        seen.append(gc.isenabled())
        return {"version": "test"}

    monkeypatch.setattr(ecdosis.ext, "setup", recording_setup)
    assert gc.isenabled()
    assert ecdosis.setup(object()) == {"version": "test"}  # type: ignore[arg-type]
    assert seen == [False]
    assert gc.isenabled()
