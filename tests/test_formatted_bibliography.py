"""The bibliography's entries are formatted by the first build and again only when what they
are formatted from changes; the page always shows the ``.bib`` as it is."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pybtex.style.formatting import BaseStyle

from tests.conftest import build_small


def test_the_entries_are_formatted_again_only_when_the_bibliography_changes(
    small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    formatted: list[str] = []
    format_entry = BaseStyle.format_entry

    def counting(self: BaseStyle, label: str, entry: object, bib_data: object = None) -> object:
        formatted.append(label)
        return format_entry(self, label, entry, bib_data)

    monkeypatch.setattr(BaseStyle, "format_entry", counting)
    html = build_small(small, "html")
    assert formatted
    formatted.clear()
    note = small / "annotations" / "tx" / "tx-assault.md"
    note.write_text(note.read_text("utf-8").replace("The assault of", "The storming of"), "utf-8")
    build_small(small, "html", edition_register_update=1)
    assert formatted == []  # a note changed, not the bibliography
    bib = small / "annotations" / "references.bib"
    bib.write_text(bib.read_text("utf-8").replace("{Calvin Sims}", "{Calvin Simms}"), "utf-8")
    stat = bib.stat()
    os.utime(bib, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # a later time, surely
    build_small(small, "html", edition_register_update=1)
    assert formatted
    page = (html / "bibliography.html").read_text("utf-8")
    assert "Simms" in page
