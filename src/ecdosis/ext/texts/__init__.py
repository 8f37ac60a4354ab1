"""The texts: each text's page (record, reading text, apparatus, witness), written from its
sources, and the lists of the texts."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_texts(app: Sphinx) -> None:
    """Load the edition first, re-read the pages of texts whose sources or notes changed, and
    bound the doctrees a build holds in memory."""
    from ecdosis.ext.texts.corpus import load_the_edition, outdated_texts, read_before_reading
    from ecdosis.ext.texts.doctrees_in_memory import setup_doctrees_in_memory
    from ecdosis.ext.texts.listings import outdated_listings

    app.connect("config-inited", load_the_edition)
    app.connect("env-before-read-docs", read_before_reading)
    setup_doctrees_in_memory(app)
    app.connect("env-get-outdated", outdated_listings)
    app.connect("env-get-outdated", outdated_texts)
