"""The synoptic comparison as a reader gets it in every format: one section per topic under its
published anchor, what the texts say (siglum, quoted passages, paragraph links, the texts that
say nothing) and the documented record, never a table; side by side only on a wide screen; and
in the PDF every word of every record, however long."""

from __future__ import annotations

import re
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from sphinx.util.inventory import InventoryFile

from ecdosis.model.annotations.note_body import BodyBlock, Inline, NoteBody
from ecdosis.model.edition import Edition, load_edition
from ecdosis.model.registries.topics import Topic
from tests.conftest import (
    CHROMIUM,
    ROOT,
    build_small,
    chromium,
    copy_small,
    epubcheck,
    make_pdf,
    needs_tex,
    serve,
    squeezed,
)

Build = Callable[[str], Path]
XHTML = "{http://www.w3.org/1999/xhtml}"

# A record longer than a page of the PDF: numbered sentences, so that a lost one is named.
LONG_SENTENCES = 90
LONG_RECORD = "\n\n".join(
    " ".join(
        f"Sentence {n} of the long record comes after sentence {n - 1} and before the next one."
        for n in range(start, start + 10)
    )
    for start in range(1, LONG_SENTENCES + 1, 10)
)
LONG_TOPIC = f"""---
id: long-record
title: "A question with a long record"
order: 2
passages:
  - {{target: tx-2, quote: "speaks of the hostages"}}
  - {{target: tx-1, quote: "The guerrillas of the MRTA were killed"}}
  - {{target: ty-2, quote: "The statement ends here."}}
sources: [sims1997]
---
{LONG_RECORD}

The last words of the long record {{cite}}`sims1997`; see {{topic}}`assault`.
"""


def with_long_topic(root: Path) -> Edition:
    """The small edition with a second topic, after the first, whose record fills pages."""
    (root / "annotations" / "topics" / "long-record.md").write_text(LONG_TOPIC, "utf-8")
    build_small(root, "dummy", edition_register_update=1)
    edition, problems = load_edition(root / "sources", root / "annotations")
    assert problems == []
    return edition


@pytest.fixture
def small_edition(small: Path) -> tuple[Path, Edition]:
    """A copy of its own, for a test that builds it differently."""
    return small, with_long_topic(small)


@pytest.fixture(scope="module")
def long_edition(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Edition]:
    """The small edition with the long topic, for the tests that only read its builds."""
    root = copy_small(tmp_path_factory.mktemp("synopsis") / "small")
    return root, with_long_topic(root)


@pytest.fixture(scope="module")
def long_built(long_edition: tuple[Path, Edition]) -> Callable[[str], Path]:
    """That edition built once per builder for this module."""
    root, _ = long_edition
    cache: dict[str, Path] = {}

    def build(builder: str) -> Path:
        if builder not in cache:
            cache[builder] = build_small(root, builder)
        return cache[builder]

    return build


# -- the model ---------------------------------------------------------------------------------


def test_a_topic_gives_its_passages_text_by_text_in_the_order_asked(
    long_edition: tuple[Path, Edition],
) -> None:
    _, edition = long_edition
    topic = next(t for t in edition.annotations.topics if t.id == "long-record")
    by_text = topic.by_text(("ty", "tz", "tx"))
    assert [siglum for siglum, _ in by_text] == ["ty", "tz", "tx"]
    assert [p.target for p in by_text[0][1]] == ["ty-2"]
    assert by_text[1][1] == ()
    assert [p.target for p in by_text[2][1]] == ["tx-2", "tx-1"]  # as the topic lists them


# -- HTML and EPUB -----------------------------------------------------------------------------


def _check_topic(section: Tag, topic: Topic, sigla: tuple[str, ...], suffix: str) -> None:
    """One topic's section: heading, what the texts say, then the record with its sources."""
    assert section.name == "section" and section["id"] == topic.anchor
    heading = section.find(re.compile(r"h[1-6]"))
    assert isinstance(heading, Tag) and heading.get_text("").rstrip("¶") == topic.title
    (comparison,) = section.select(":scope > div.synopsis-comparison")
    texts, record = comparison.find_all("div", recursive=False)
    assert texts["class"][0] == "synopsis-texts" and record["class"][0] == "synopsis-record"
    assert [p.get_text() for p in section.select("p.synopsis-label")] == [
        "What the texts say",
        "The documented record",
    ]
    (listing,) = texts.select("dl.synopsis-passages")
    terms = listing.find_all("dt", recursive=False)
    definitions = listing.find_all("dd", recursive=False)
    speaking = [s for s in sigla if s in topic.sigla]
    assert [dt.get_text() for dt in terms] == [s.upper() for s in speaking]
    for siglum, definition in zip(speaking, definitions, strict=True):
        passages = [p for p in topic.passages if p.siglum == siglum]
        quotes = definition.select("p.passage")
        assert len(quotes) == len(passages)
        for quote, passage in zip(quotes, passages, strict=True):
            assert quote.get_text().startswith(f"“{passage.quote}”, ")
            link = quote.find("a")
            assert isinstance(link, Tag)
            assert link["href"] == f"texts/{siglum}.{suffix}#{passage.target}"
            assert link.get_text() == f"{siglum.upper()} ¶{passage.target.rsplit('-', 1)[1]}"
    silent = [s.upper() for s in sigla if s not in topic.sigla]
    line = texts.select("p.synopsis-silent")
    if silent:
        (said,) = line
        assert all(s in said.get_text() for s in silent)
        assert not any(s.upper() in said.get_text() for s in speaking)
    else:
        assert line == []
    shown = " ".join(record.get_text(" ").split())
    assert shown.startswith("The documented record")
    assert record.select("p.sources a[href*='#bib-']")


def test_html_sets_one_section_per_topic_and_no_table(
    long_edition: tuple[Path, Edition], long_built: Build
) -> None:
    _, edition = long_edition
    out = long_built("html")
    page = BeautifulSoup((out / "synopsis.html").read_text("utf-8"), "html.parser")
    assert page.find("table") is None
    sections = page.select("section.synopsis-topic")
    topics = edition.annotations.topics
    assert [s["id"] for s in sections] == ["topic-assault", "topic-long-record"]
    for section, topic in zip(sections, topics, strict=True):
        _check_topic(section, topic, edition.corpus.sigla, "html")
        # topics are sections of the page, not nested in one another
        assert section.parent is not None and section.parent.get("id") == "synopsis"
    long = sections[1].select_one("div.synopsis-record")
    assert long is not None
    text = " ".join(long.get_text(" ").split())
    assert f"Sentence {LONG_SENTENCES} of the long record" in text
    assert text.endswith("Source: Sims 1997 .")
    assert "see Who stormed the residence ." in text


def test_the_topic_anchors_are_the_sections_everywhere_they_are_cited(long_built: Build) -> None:
    out = long_built("html")
    # the texts' links to topics, and a record's, lead to the topics' sections
    synopsis = BeautifulSoup((out / "synopsis.html").read_text("utf-8"), "html.parser")
    tx = BeautifulSoup((out / "texts" / "tx.html").read_text("utf-8"), "html.parser")
    links = tx.select("a[href^='../synopsis.html#topic-']")
    assert {str(a["href"]).split("#")[1] for a in links} == {"topic-assault", "topic-long-record"}
    for link in links:
        target = synopsis.find(id=str(link["href"]).split("#")[1])
        assert isinstance(target, Tag) and "synopsis-topic" in target["class"]
    (see,) = synopsis.select("div.synopsis-record a[href='#topic-assault']")
    assert see.get_text() == "Who stormed the residence"
    # another project reaches them through intersphinx, with the topic's title
    with (out / "objects.inv").open("rb") as stream:
        labels = InventoryFile.load(stream, "", lambda base, uri: uri)["std:label"]
    assert labels["topic-long-record"].uri == "synopsis.html#topic-long-record"
    assert labels["topic-long-record"].display_name == "A question with a long record"
    assert labels["topic-assault"].display_name == "Who stormed the residence"


def test_every_registered_anchor_of_the_synopsis_is_at_its_topic(
    built: Build, edition: Edition
) -> None:
    register = tomllib.loads((ROOT / "docs" / "anchor-register.toml").read_text("utf-8"))
    anchors = register["anchors"]["synopsis"]
    assert sum(1 for a in anchors.values() if a["kind"] == "topic") >= 8
    page = BeautifulSoup((built("html") / "synopsis.html").read_text("utf-8"), "html.parser")
    assert page.find("table") is None
    titles = {topic.anchor: topic.title for topic in edition.annotations.topics}
    for name, entry in anchors.items():
        target = page.find(id=name)
        assert isinstance(target, Tag), name
        assert target.name == "section", name
        if entry["kind"] == "topic" and "forward" not in entry:
            assert "synopsis-topic" in target["class"], name
            heading = target.find(re.compile(r"h[1-6]"))
            assert isinstance(heading, Tag) and heading.get_text("").rstrip("¶") == titles[name]
    sections = page.select("section.synopsis-topic")
    assert len(sections) == len(edition.annotations.topics)
    for section, topic in zip(sections, edition.annotations.topics, strict=True):
        _check_topic(section, topic, edition.corpus.sigla, "html")


@pytest.fixture(scope="module")
def edition() -> Edition:
    loaded, problems = load_edition(ROOT / "sources", ROOT / "annotations")
    assert problems == []
    return loaded


def test_epub_sets_the_same_sections_in_valid_xhtml_and_stacked(
    long_edition: tuple[Path, Edition], long_built: Build
) -> None:
    _, edition = long_edition
    out = long_built("epub")
    tree = ET.parse(out / "synopsis.xhtml")  # well-formed XML, or this raises
    assert tree.getroot().find(f".//{XHTML}table") is None
    page = BeautifulSoup((out / "synopsis.xhtml").read_text("utf-8"), "html.parser")
    sections = page.select("section.synopsis-topic")
    for section, topic in zip(sections, edition.annotations.topics, strict=True):
        _check_topic(section, topic, edition.corpus.sigla, "xhtml")
    assert len(sections) == len(edition.annotations.topics)
    # the side-by-side layout is the screen's: the EPUB's styles only stack
    styles = "".join(p.read_text("utf-8") for p in out.rglob("*.css"))
    assert "dl.synopsis-passages" in styles and "@container" not in styles
    assert epubcheck(out / "small.epub") == []


# -- LaTeX and the PDF -------------------------------------------------------------------------


def _synopsis_tex(out: Path) -> str:
    tex = (out / "small.tex").read_text("utf-8")
    start = tex.index(r"\label{\detokenize{synopsis::doc}}")
    return tex[start : tex.index(r"\label{\detokenize{timeline::doc}}")]


def test_latex_sets_each_topic_as_a_section_of_running_text(long_built: Build) -> None:
    synopsis = _synopsis_tex(long_built("latex"))
    for environment in ("longtable", "tabular", "tabulary", "description", "minipage"):
        assert rf"\begin{{{environment}}}" not in synopsis, environment
    heads = re.findall(
        r"\\(?:sub)*section\{([^}]*)\}\n\\label\{\\detokenize\{(synopsis:topic-[^}]*)\}\}",
        synopsis,
    )
    assert heads == [
        ("Who stormed the residence", "synopsis:topic-assault"),
        ("A question with a long record", "synopsis:topic-long-record"),
    ]
    # each text's passages run on after its siglum, each linked to its paragraph
    assert (
        r"\sphinxstylestrong{TX:} “\sphinxstyleemphasis{speaks of the hostages}”, "
        r"{\hyperref[\detokenize{texts/tx:tx-2}]{\sphinxcrossref{TX ¶2}}}; "
        r"“\sphinxstyleemphasis{The guerrillas of the MRTA were killed}”, "
        r"{\hyperref[\detokenize{texts/tx:tx-1}]{\sphinxcrossref{TX ¶1}}}"
    ) in synopsis
    assert r"\sphinxstylestrong{TY:} “\sphinxstyleemphasis{The statement ends here.}”" in synopsis
    # the labels in italics, never alone at the foot of a page
    for label in ("What the texts say:", "The documented record:"):
        assert synopsis.count(rf"\sphinxstyleemphasis{{{label}}}" + "\n\n\\nopagebreak\n") == 2
    assert synopsis.index("What the texts say:") < synopsis.index("The documented record:")
    assert f"Sentence {LONG_SENTENCES} of the long record" in synopsis


def _pdf_body(pdf: Path) -> str:
    """The text of the PDF's pages without their running heads and feet (A4, in points)."""
    crop = ["-x", "0", "-y", "56", "-W", "596", "-H", "728"]
    result = subprocess.run(
        ["pdftotext", "-raw", *crop, str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout


def _stretches(body: NoteBody) -> list[str]:
    """The runs of the record's own words: a citation, a reference or a link (whose address
    the PDF sets as a footnote) ends one."""
    runs: list[str] = []
    current: list[str] = []

    def cut() -> None:
        if "".join(current).strip():
            runs.append("".join(current))
        current.clear()

    def inlines(items: tuple[Inline, ...]) -> None:
        for item in items:
            if item.kind in ("text", "code", "foreign"):
                current.append(item.text)
            elif item.kind in ("emphasis", "strong"):
                inlines(item.children)
            else:
                cut()
                if item.kind == "link":
                    inlines(item.children)
                    cut()

    def blocks(items: tuple[BodyBlock, ...]) -> None:
        for block in items:
            inlines(block.inlines)
            cut()
            blocks(block.children)

    blocks(body.blocks)
    return [run for run in runs if len(squeezed(run)) > 2]


def _missing_from(shown: str, topics: tuple[Topic, ...]) -> list[tuple[str, str]]:
    """Each topic's record, run by run and in order, within its section of ``shown``."""
    missing = []
    label = squeezed("What the texts say:")
    starts = []
    position = 0
    for topic in topics:
        start = shown.find(squeezed(topic.title) + label, position)
        assert start >= 0, f"no section for {topic.id} after {position}"
        starts.append(start)
        position = start + 1
    ends = [*starts[1:], len(shown)]
    for topic, start, end in zip(topics, starts, ends, strict=True):
        position = start
        for run in _stretches(topic.body):
            found = shown.find(squeezed(run), position, end)
            if found < 0:
                missing.append((topic.id, run))
            else:
                position = found + len(squeezed(run))
    return missing


def test_the_check_of_the_pdf_finds_a_lost_end_of_a_record(edition: Edition) -> None:
    topics = edition.annotations.topics[:2]
    whole = "".join(
        f"{t.title} What the texts say: … The documented record: "
        + " (Someone 1997) ".join(_stretches(t.body))
        for t in topics
    )
    assert _missing_from(squeezed(whole), topics) == []
    # the first record cut short before the second topic: its last run is missed
    last = _stretches(topics[0].body)[-1]
    cut = whole.replace(last, last[: len(last) // 2])
    assert _missing_from(squeezed(cut), topics) == [(topics[0].id, last)]


@needs_tex
def test_a_record_longer_than_a_page_is_whole_in_the_pdf(
    long_edition: tuple[Path, Edition], long_built: Build
) -> None:
    _, edition = long_edition
    out = long_built("latex")
    make_pdf(out)
    pages = _pdf_body(out / "small.pdf").split("\f")
    first = next(i for i, page in enumerate(pages) if "Sentence 1 of the long" in page)
    last = next(i for i, page in enumerate(pages) if "The last words of the long" in page)
    assert last - first >= 1  # the record runs over a page break
    shown = squeezed("".join(pages))
    assert _missing_from(shown, edition.annotations.topics) == []
    for n in range(1, LONG_SENTENCES + 1):
        assert squeezed(f"Sentence {n} of the long record comes after") in shown, n


@needs_tex
def test_every_record_of_the_edition_is_whole_in_its_pdf(
    edition_pdf: Path, edition: Edition
) -> None:
    pdf = edition_pdf / "edition.pdf"
    topics = edition.annotations.topics
    assert len(topics) >= 8
    assert _missing_from(squeezed(_pdf_body(pdf)), topics) == []


# -- on screen ---------------------------------------------------------------------------------


@pytest.mark.skipif(CHROMIUM is None, reason="needs chromium (make test installs it)")
def test_on_screen_the_record_is_beside_the_texts_only_where_the_page_is_wide(
    small_edition: tuple[Path, Edition],
) -> None:
    root, _ = small_edition
    # Sphinx's plain theme, its body as wide as the window: the layout owes nothing to a theme
    out = build_small(
        root, "html", html_theme="basic", html_theme_options={"body_max_width": "none"}
    )
    measure = """() => [...document.querySelectorAll('section.synopsis-topic')].map((s) => {
        const box = (e) => e.getBoundingClientRect();
        const texts = box(s.querySelector('.synopsis-texts'));
        const record = box(s.querySelector('.synopsis-record'));
        return {width: box(s).width, overflow: s.scrollWidth - s.clientWidth,
                textsTop: texts.top, textsBottom: texts.bottom, textsRight: texts.right,
                recordTop: record.top, recordLeft: record.left};
    })"""
    with serve(out) as site, chromium() as browser:
        for width in (390, 1600):
            page = browser.new_page(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
            page.goto(f"{site}/synopsis.html")
            rem = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
            topics = page.evaluate(measure)
            assert len(topics) == 2
            for topic in topics:
                assert topic["overflow"] <= 0, (width, topic)
                if topic["width"] >= 52 * rem:
                    assert abs(topic["recordTop"] - topic["textsTop"]) < 2, (width, topic)
                    assert topic["recordLeft"] > topic["textsRight"], (width, topic)
                else:
                    assert topic["recordTop"] >= topic["textsBottom"], (width, topic)
            assert (width == 1600) == all(t["width"] >= 52 * rem for t in topics), width
            page.close()
