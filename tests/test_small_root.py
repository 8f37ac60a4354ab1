"""The small test root through Sphinx's own test fixtures: the way the engine's feature tests
build a minimal edition in-process."""

from __future__ import annotations

import pytest
from sphinx.testing.util import SphinxTestApp


@pytest.mark.sphinx("html", testroot="small", copy_test_root=True)
def test_the_small_root_builds_with_sphinx_fixtures(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    page = (app.outdir / "texts" / "tx.html").read_text(encoding="utf-8")
    assert 'id="tx-1"' in page and "On 22 April the army stormed the residence" in page
