"""``{reason}`…``` after an intervention: why it was made, kept with it and shown in the apparatus
of every format, while neither the reading text nor the rebuilt witness changes."""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from ecdosis.model.problems import Problem
from ecdosis.model.texts.reading_text import Intervention, parse_reading_text
from tests.conftest import build_small

REASON = "the scanner read m as rn"


def _parse(body: str) -> tuple[list[Intervention], list[Problem]]:
    problems: list[Problem] = []
    source = f"# Title\n\n{{#tx-1}}\n{body}\n"
    text = parse_reading_text(Path("text.md"), source, "tx", ("es",), problems)
    return ([] if text is None else list(text.interventions)), problems


def test_a_reason_is_kept_with_the_intervention_before_it() -> None:
    (item,), problems = _parse("In {ocr}`Lima]Lirna`{reason}`the scanner read\nm as rn` now.")
    assert problems == []
    assert (item.lemma, item.witness, item.description) == ("Lima", "Lirna", REASON)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("In {reason}`why` Lima.", "{reason} must follow an intervention directly"),
        ("In {ocr}`Lima]Lirna` {reason}`why`.", "{reason} must follow an intervention directly"),
        ("In {es}`Lima`{reason}`why`.", "{reason} must follow an intervention directly"),
        ("In {ocr}`Lima]Lirna`{reason}` `.", "{reason} is empty"),
        ("In {ocr}`Lima]Lirna`{reason}`a`{reason}`b`.", "intervention 1 already has a reason"),
    ],
)
def test_a_misplaced_or_empty_reason_is_refused(body: str, message: str) -> None:
    _, problems = _parse(body)
    assert [problem.message for problem in problems] == [message]
    assert problems[0].line == 4


def _with_reason(root: Path) -> None:
    folder = root / "sources" / "tx"
    witness = folder / "witness.txt"
    witness.write_text(
        witness.read_text(encoding="utf-8").replace("names Lima", "names Lirna"), encoding="utf-8"
    )
    text = folder / "text.md"
    text.write_text(
        text.read_text(encoding="utf-8").replace(
            "names Lima", f"names {{ocr}}`Lima]Lirna`{{reason}}`{REASON}`"
        ),
        encoding="utf-8",
    )
    record = folder / "record.toml"
    digest = hashlib.sha256(witness.read_bytes()).hexdigest()
    record.write_text(
        re.sub(r'sha256 = "[0-9a-f]+"', f'sha256 = "{digest}"', record.read_text("utf-8")),
        encoding="utf-8",
    )


def test_the_apparatus_shows_the_reason_in_html_epub_and_latex(small: Path) -> None:
    _with_reason(small)
    build_small(small, "dummy", edition_register_update=1)
    html = build_small(small, "html") / "texts" / "tx.html"
    page = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    paragraph = page.find(id="tx-3")
    assert paragraph is not None and REASON not in paragraph.get_text()
    assert f"OCR error corrected: {REASON}" in " ".join(page.get_text(" ").split())
    epub = build_small(small, "epub")
    shown = " ".join(
        "".join(ET.parse(path).getroot().itertext()) for path in epub.rglob("tx.xhtml")
    ).split()
    assert f"OCR error corrected: {REASON}" in " ".join(shown)
    latex = build_small(small, "latex")
    tex = " ".join(next(latex.glob("*.tex")).read_text(encoding="utf-8").split())
    assert f"OCR error corrected: {REASON}" in tex
