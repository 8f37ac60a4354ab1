"""Parts of a page made when it is written (ecdosis.ext.written_late): the HTML and EPUB make
them after the post-transforms; every other builder before them, so that what its
post-transforms read (the link checker's links, the PDF's words) is there, and nothing of a
part is ever left unmade."""

from __future__ import annotations

from pathlib import Path

from ecdosis.ext.written_late import WRITTEN_LATE
from tests.conftest import build_small


def test_every_other_builder_makes_the_parts_before_its_post_transforms(small: Path) -> None:
    note = small / "annotations" / "tx" / "tx-assault.md"
    source = note.read_text(encoding="utf-8")
    linked = source.replace("1997 {cite}", "1997 ([report](https://example.org/report)) {cite}")
    note.write_text(linked, encoding="utf-8")
    build_small(small, "dummy", edition_register_update=True)  # the edited note recorded
    text = (build_small(small, "text") / "texts" / "tx.txt").read_text(encoding="utf-8")
    # the note's content and the paragraph's "see also" line, made for the text builder
    assert "The assault of 22 April 1997 (report) (Sims 1997)." in " ".join(text.split())
    assert "Compare: TY ¶1" in text
    xml = (build_small(small, "xml") / "texts" / "tx.xml").read_text(encoding="utf-8")
    assert "written_late" not in xml and 'refuri="https://example.org/report"' in xml
    # the link checker finds the note's link among the page's (its post-transform collects
    # them; nothing is fetched: every address is ignored)
    out = build_small(small, "linkcheck", linkcheck_ignore=[".*"])
    checked = (out / "output.json").read_text(encoding="utf-8")
    assert '"uri": "https://example.org/report"' in checked and '"filename": "texts/tx.md"' in (
        checked
    )
    assert {"html", "epub"} <= WRITTEN_LATE and "linkcheck" not in WRITTEN_LATE
