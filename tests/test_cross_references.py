"""Cross-references between the texts: entities and their mentions, topics and the synoptic
page, glossary, timeline and references, in every format; and their errors, located. After
each paragraph, one short line leads to its parallels, the synopsis and its events."""

from __future__ import annotations

import pickle
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from docutils import nodes
from sphinx import addnodes
from sphinx.testing.util import SphinxTestApp
from sphinx.util.inventory import InventoryFile

from ecdosis.ext.annotations.parallels import LINE
from ecdosis.ext.written_late import written_late
from ecdosis.model.annotations.anchoring import normalise
from ecdosis.model.edition import Edition, load_edition
from tests.conftest import CHROMIUM, ROOT, SIGLA, build_small, chromium, serve

Build = Callable[[str], Path]
INDICES = {
    "person": "persons",
    "organisation": "organisations",
    "place": "places",
    "event": "events",
}


@pytest.fixture(scope="module")
def edition() -> Edition:
    loaded, problems = load_edition(ROOT / "sources", ROOT / "annotations")
    assert problems == []
    return loaded


def soup(out: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((out / name).read_text(encoding="utf-8"), "html.parser")


def paragraph_text(out: Path, target: str) -> str:
    siglum = target.rsplit("-", 1)[0]
    paragraph = soup(out, f"texts/{siglum}.html").find(id=target)
    assert isinstance(paragraph, Tag), target
    # what a reader reads: without the paragraph number and the marks of notes and links
    for mark in paragraph.select(
        ".paragraph-number, .note-mark, .sic-mark, .glossary-mark, .entity-mark"
    ):
        mark.decompose()
    return normalise(paragraph.get_text(""))


# -- the registry and its mentions ------------------------------------------------------------


def test_the_topics_events_and_order_of_each_paragraph_are_found_once(edition: Edition) -> None:
    a = edition.annotations
    texts = edition.corpus.texts
    paragraphs = [block.anchor for text in texts for block in text.reading_text.paragraphs]
    assert sorted(edition.paragraph_order, key=edition.paragraph_order.__getitem__) == paragraphs
    found = 0
    for anchor in paragraphs:
        topics = tuple(t for t in a.topics if any(p.target == anchor for p in t.passages))
        events = tuple(e for e in a.events if any(p.target == anchor for p in e.passages))
        assert edition.topics_on(anchor) == topics and edition.events_on(anchor) == events
        found += len(topics) + len(events)
    assert found > 0
    # computed once for the edition, not for each paragraph
    assert edition.paragraph_order is edition.paragraph_order
    assert edition.topics_on(paragraphs[0]) is edition.topics_on(paragraphs[0])


def test_the_registries_are_full_enough(edition: Edition) -> None:
    a = edition.annotations
    assert {e.type for e in a.entities} == set(INDICES)
    assert len(a.topics) >= 8
    assert all(len(topic.sigla) >= 3 for topic in a.topics)
    # every annotated text is compared with the others on some topic
    annotated = {siglum for siglum in SIGLA if edition.notes_on(siglum)}
    assert len(annotated) >= 5
    assert annotated <= {siglum for topic in a.topics for siglum in topic.sigla} <= set(SIGLA)
    assert len(a.terms) >= 10 and len(a.events) >= 15
    dates = [event.date for event in a.events]
    assert dates == sorted(dates)
    assert "1996-12-17" in dates and "1997-04-22" in dates and max(dates) > "1997-04-22"
    for qid in (e.wikidata for e in a.entities if e.wikidata):
        assert re.fullmatch(r"Q[1-9][0-9]*", qid)


def test_every_mention_links_to_its_entry_and_the_entry_back_to_every_text(
    built: Build, edition: Edition
) -> None:
    out = built("html")
    entries: dict[str, Tag] = {}
    for index in INDICES.values():
        for anchor in soup(out, f"indices/{index}.html").select("span.edition-anchor"):
            box = anchor.find_parent(class_="entity-entry")
            assert isinstance(box, Tag)
            entries[str(anchor["id"])] = box
    assert set(entries) == {f"entity-{e.id}" for e in edition.annotations.entities}
    types = {e.id: e.type for e in edition.annotations.entities}
    names = {e.id: e.name for e in edition.annotations.entities}
    marks = 0
    for siglum in SIGLA:
        page = soup(out, f"texts/{siglum}.html")
        expected = [m for m in edition.mentions.entities if m.siglum == siglum]
        linked = page.select("a.reference > span.entity-mention, a.reference > span.entity-mark")
        assert {m.key for m in expected} == {
            str(span.parent["href"]).split("#entity-")[1] for span in linked if span.parent
        }
        for mention in expected:
            paragraph = [m for m in expected if m.paragraph == mention.paragraph]
            number = paragraph.index(mention) + 1
            marked = page.find(id=f"mention-{mention.paragraph}-{number}")
            assert isinstance(marked, Tag), mention
            link = marked.parent
            assert isinstance(link, Tag) and link.name == "a"
            href = str(link["href"])
            assert href == f"../indices/{INDICES[types[mention.key]]}.html#entity-{mention.key}"
            if "entity-mark" in marked["class"]:
                # a mark after an editor's correction: "→" to the eye, named in words
                marks += 1
                symbol = marked.select_one('[aria-hidden="true"]')
                label = marked.select_one(".mark-label")
                assert symbol is not None and symbol.get_text() == "→"
                assert label is not None and label.get_text() == f"Index: {names[mention.key]}"
                assert link["title"] == f"Index: {names[mention.key]}"
            else:
                assert marked.get_text() in mention.words
            # from the entry, back to the paragraph, and on to every other text naming it
            entry = entries[f"entity-{mention.key}"]
            targets = {str(a["href"]).split("#")[1] for a in entry.select("ul a.reference")}
            assert mention.paragraph in targets
    assert marks > 0  # the edition has such marks: the checks above ran
    fujimori = entries["entity-alberto-fujimori"]
    texts = {str(a["href"]).split("#")[0] for a in fujimori.select("ul a.reference")}
    naming = {m.siglum for m in edition.mentions.entities if m.key == "alberto-fujimori"}
    assert len(naming) >= 5 and {f"../texts/{siglum}.html" for siglum in naming} <= texts
    assert "Fujimori, Alberto" not in fujimori.get_text()  # the sort key is not shown


def test_no_false_links_at_the_known_traps(built: Build) -> None:
    out = built("html")
    ig = soup(out, "texts/ig.html")
    long_name = [a for a in ig.select("a.reference") if "Movimiento Revolucionario" in a.text]
    # The organisation's full name is one link to the organisation, not to a person or place.
    assert [str(a["href"]).split("#")[1] for a in long_name] == ["entity-mrta"]
    for siglum in SIGLA:
        page = soup(out, f"texts/{siglum}.html")
        for link in page.select("a.reference:has(> span.entity-mention)"):
            if str(link["href"]).endswith("#entity-peru"):
                assert link.get_text() == "Peru"  # "Peruvian" is not Peru
    # the misprint "Roberto Fujimori" (kept as sic) names Alberto Fujimori
    po = soup(out, "texts/po.html")
    sic = po.select_one(".intervention:-soup-contains('Roberto')")
    assert isinstance(sic, Tag)
    after = sic.find_next("a")
    assert isinstance(after, Tag) and after.get_text() == "Fujimori"
    assert str(after["href"]).endswith("#entity-alberto-fujimori")


def test_entity_entries_show_description_authority_and_sources(built: Build) -> None:
    page = soup(built("html"), "indices/places.html")
    anchor = page.find(id="entity-peru")
    assert isinstance(anchor, Tag)
    box = anchor.find_parent(class_="entity-entry")
    assert isinstance(box, Tag)
    assert "South America" in box.get_text()
    wikidata = box.find("a", href="https://www.wikidata.org/wiki/Q419")
    assert isinstance(wikidata, Tag)
    assert box.select(".sources a[href*='bibliography.html#bib-']")
    persons = soup(built("html"), "indices/persons.html")
    fujimori = persons.find(id="entity-alberto-fujimori")
    assert isinstance(fujimori, Tag)
    head = fujimori.find_parent("p")
    assert isinstance(head, Tag)
    assert "wikidata" not in str(head).lower()  # no QID has been verified: none is shown


# -- parallel passages and the synoptic page --------------------------------------------------


def test_synopsis_quotes_each_passage_linked_with_the_record_beside(
    built: Build, edition: Edition
) -> None:
    # The synopsis's layout is tested in test_synopsis.py; here, that in the edition every
    # passage it quotes is linked to its paragraph and stands in that paragraph's text.
    out = built("html")
    page = soup(out, "synopsis.html")
    sections = page.select("section.synopsis-topic")
    assert [s["id"] for s in sections] == [t.anchor for t in edition.annotations.topics]
    assert len(sections) >= 8
    for section, topic in zip(sections, edition.annotations.topics, strict=True):
        quotes = section.select("p.passage")
        assert len(quotes) == len(topic.passages)
        for quote in quotes:
            link = quote.find("a")
            assert isinstance(link, Tag) and str(link["href"]).startswith("texts/")
        for passage in topic.passages:
            assert any(
                passage.quote in q.get_text()
                and q.find("a", href=f"texts/{passage.siglum}.html#{passage.target}")
                for q in quotes
            ), passage
            assert passage.quote in paragraph_text(out, passage.target)
        record = section.select_one("div.synopsis-record")
        assert isinstance(record, Tag)
        assert record.select("a[href^='bibliography.html#bib-']")


def _see_also(page: BeautifulSoup, target: str) -> Tag:
    """The "see also" line of a paragraph: the block that follows it, as its next element."""
    paragraph = page.find(id=target)
    assert isinstance(paragraph, Tag), target
    block = paragraph.find_next_sibling()
    assert isinstance(block, Tag) and "see-also" in block["class"], target
    lines = block.select("p.see-also-line")
    assert len(lines) == 1, target
    return lines[0]


def _fragments(links: list[Tag]) -> list[str]:
    return [str(a["href"]).split("#")[1] for a in links]


def test_each_passage_leads_to_its_parallels(built: Build, edition: Edition) -> None:
    out = built("html")
    pages = {siglum: soup(out, f"texts/{siglum}.html") for siglum in SIGLA}
    topics = edition.annotations.topics
    order = [
        p.anchor for s in edition.corpus.sigla for p in edition.corpus[s].reading_text.paragraphs
    ]
    for target in {p.target for topic in topics for p in topic.passages}:
        siglum = target.rsplit("-", 1)[0]
        line = _see_also(pages[siglum], target)
        here = [t for t in topics if any(p.target == target for p in t.passages)]
        # every paragraph of the other texts on any of its topics, once, in reading order
        compare = line.select(".see-also-parallels a")
        shared = {p.target for t in here for p in t.passages if p.siglum != siglum}
        assert _fragments(compare) == sorted(shared, key=order.index)
        for link in compare:
            other = str(link["href"]).split("#")[1]
            assert (
                link.get_text() == f"{other.rsplit('-', 1)[0].upper()} ¶{other.rsplit('-', 1)[1]}"
            )
            on = [t.title for t in here if any(p.target == other for p in t.passages)]
            assert str(link["title"]).split(": ", 1)[1] == "; ".join(on)
        # the synopsis, at the first of its topics, each named
        (synopsis,) = line.select(".see-also-synopsis a")
        assert synopsis["href"] == f"../synopsis.html#topic-{here[0].id}"
        if len(here) == 1:
            assert synopsis.get_text() == here[0].title
        else:
            assert synopsis.get_text() == f"{len(here)} topics"
            assert synopsis["title"] == "; ".join(t.title for t in here)


def test_after_a_paragraph_one_short_line_not_a_list(built: Build, edition: Edition) -> None:
    out = built("html")
    blocks = 0
    for siglum in SIGLA:
        page = soup(out, f"texts/{siglum}.html")
        for block in page.select("div.see-also"):
            blocks += 1
            paragraph = block.find_previous_sibling()
            assert isinstance(paragraph, Tag) and "reading-paragraph" in paragraph["class"]
            lines = block.find_all("p", recursive=False)
            assert [p for p in lines if "paragraph-changed" not in p["class"]] == block.select(
                "p.see-also-line"
            )
            (line,) = block.select("p.see-also-line")
            parts = [span["class"][0] for span in line.find_all("span", recursive=False)]
            assert parts == sorted(
                parts, key=["see-also-parallels", "see-also-synopsis", "see-also-events"].index
            )
            assert len(parts) == len(set(parts)) >= 1
            text = line.get_text()
            assert text.count("Compare") <= 1 and "Timeline," not in text
            hrefs = [str(a["href"]) for a in line.select("a")]
            assert len(hrefs) == len(set(hrefs))
            assert all(a.get("title") for a in line.select("a"))  # each link says what it holds
    assert blocks > 0
    # IG ¶1, with the most topics and events, is still one line of links
    line = _see_also(soup(out, "texts/ig.html"), "ig-1")
    topics = [t for t in edition.annotations.topics if any(p.target == "ig-1" for p in t.passages)]
    assert len(topics) >= 5
    synopsis = line.select_one(".see-also-synopsis a")
    assert synopsis is not None and synopsis.get_text() == f"{len(topics)} topics"


SECOND_TOPIC = """---
id: ending
title: "How the statements end"
order: 2
passages:
  - {target: tx-1, quote: "the president spoke"}
  - {target: ty-2, quote: "The statement ends here"}
sources: [sims1997]
---
They end {cite}`sims1997`.
"""
SECOND_EVENT = """---
id: 1997-04-22-hostages-freed
date: "1997-04-22"
title: "The hostages are freed"
passages:
  - {target: tx-1, quote: "the army stormed the residence"}
sources: [sims1997]
---
The hostages left the residence.
"""
TX_1_LINE = "Compare: TY ¶1, TY ¶2 · Synopsis: 2 topics · Timeline: 22 April 1997 (2 events)"


def _crossed_small(root: Path) -> Path:
    """The small edition with a second topic and a second event of the same day on tx-1."""
    (root / "annotations" / "topics" / "ending.md").write_text(SECOND_TOPIC, encoding="utf-8")
    event = root / "annotations" / "timeline" / "1997-04-22-hostages-freed.md"
    event.write_text(SECOND_EVENT, encoding="utf-8")
    build_small(root, "dummy", edition_register_update=True)
    return root


def test_the_line_after_a_paragraph_in_html_epub_and_pdf(small: Path) -> None:
    root = _crossed_small(small)
    html = build_small(root, "html")
    line = _see_also(soup(html, "texts/tx.html"), "tx-1")
    assert line.get_text() == TX_1_LINE
    links = {a.get_text(): (str(a["href"]), str(a["title"])) for a in line.select("a")}
    assert links == {
        "TY ¶1": ("ty.html#ty-1", "Topic: Who stormed the residence"),
        "TY ¶2": ("ty.html#ty-2", "Topic: How the statements end"),
        "2 topics": (
            "../synopsis.html#topic-assault",
            "Who stormed the residence; How the statements end",
        ),
        "22 April 1997 (2 events)": (
            "../timeline.html#event-1997-04-22-assault",
            "22 April 1997: The assault on the residence; The hostages are freed",
        ),
    }
    # one topic: the synopsis named by its title; no event: no timeline
    assert _see_also(soup(html, "texts/ty.html"), "ty-2").get_text() == (
        "Compare: TX ¶1 · Synopsis: How the statements end"
    )
    # The EPUB: the same line, after the paragraph and its notes.
    epub = BeautifulSoup(
        (build_small(root, "epub") / "texts" / "tx.xhtml").read_text("utf-8"), "html.parser"
    )
    paragraph = epub.find(id="tx-1")
    assert isinstance(paragraph, Tag)
    following = paragraph.find_next_sibling(lambda tag: tag.name != "aside")
    assert isinstance(following, Tag) and "see-also" in following["class"]
    assert following.get_text().strip() == TX_1_LINE
    # The PDF: one line, its links to the paragraphs, the synopsis and the timeline.
    tex = (build_small(root, "latex") / "small.tex").read_text(encoding="utf-8")
    block = tex[tex.index(r"\begin{sphinxuseclass}{see-also}") :]
    block = block[: block.index(r"\end{sphinxuseclass}")]
    assert block.count(r"\sphinxAtStartPar") == 1
    assert "Timeline," not in tex and "Compare " not in tex
    for target, shown in (
        ("texts/ty:ty-1", "TY ¶1"),
        ("texts/ty:ty-2", "TY ¶2"),
        ("synopsis:topic-assault", "2 topics"),
        ("timeline:event-1997-04-22-assault", "22 April 1997 (2 events)"),
    ):
        assert rf"\hyperref[\detokenize{{{target}}}]{{\sphinxcrossref{{{shown}}}}}" in block
    assert block.count(" · ") == 2


def test_the_line_is_data_until_its_page_is_written(small: Path) -> None:
    """The line's nodes are made when the page is written: the saved page holds what it shows
    and links, and the page's references (what makes it outdated) include its links."""
    root = _crossed_small(small)
    build_small(root, "html")
    doctrees = root / "_build" / "html" / "doctrees"
    page = pickle.loads((doctrees / "texts" / "tx.doctree").read_bytes())
    (line,) = (
        node
        for node in page.findall(written_late)
        if node["maker"] == LINE and "ty-1" in str(node["data"])
    )
    assert [label for _, label, _ in line["data"]] == ["Compare: ", "Synopsis: ", "Timeline: "]
    block = line.parent
    assert list(block.findall(addnodes.pending_xref)) == []
    assert block.astext() == ""  # no text until it is written
    environment = pickle.loads((doctrees / "environment.pickle").read_bytes())
    references, _ = environment.domaindata["edition"]["references"]["texts/tx"]
    assert {
        ("paragraph", "ty-1"),
        ("paragraph", "ty-2"),
        ("topic", "assault"),
        ("event", "1997-04-22-assault"),
    } <= set(references)


def test_a_link_made_when_its_page_is_written_resolves_or_warns(small: Path) -> None:
    """Resolved as Sphinx's resolver would: the link, or its text and the same warning."""
    import io

    from sphinx import addnodes
    from sphinx.testing.util import SphinxTestApp, _clean_up_global_state

    from ecdosis.ext.annotations.xrefs import edition_reference, resolved_at_once

    _clean_up_global_state()
    warnings = io.StringIO()
    app = SphinxTestApp("html", srcdir=small, builddir=small / "_build" / "late", warning=warnings)
    try:
        app.build()
        assert warnings.getvalue() == ""
        # made while a page is read: left for Sphinx's resolver
        assert isinstance(edition_reference("paragraph", "ty-1"), addnodes.pending_xref)
        with resolved_at_once(app.env, app.builder, "synopsis"):
            found = edition_reference("paragraph", "ty-1")
            shown = edition_reference("paragraph", "ty-99", explicit=False)
        assert isinstance(found, nodes.reference) and found["refuri"] == "texts/ty.html#ty-1"
        assert not isinstance(shown, nodes.reference) and shown.astext() == "ty-99"
        assert "synopsis" in warnings.getvalue() and "{paragraph}`ty-99` names nothing" in (
            warnings.getvalue()
        )
        # and once the part is made, references are pending again
        assert isinstance(edition_reference("paragraph", "ty-1"), addnodes.pending_xref)
    finally:
        app.cleanup()


# -- glossary and timeline --------------------------------------------------------------------


def test_first_use_of_a_term_in_each_text_links_to_the_glossary(
    built: Build, edition: Edition
) -> None:
    out = built("html")
    glossary = soup(out, "glossary.html")
    for term in edition.annotations.terms:
        anchor = glossary.find(id=f"glossary-{term.id}")
        assert isinstance(anchor, Tag)
        head = anchor.find_parent("dt")
        assert isinstance(head, Tag)
        definition = head.find_next_sibling("dd")
        assert isinstance(definition, Tag)
        assert definition.select(".sources a[href^='bibliography.html#bib-']")
    for siglum in SIGLA:
        page = soup(out, f"texts/{siglum}.html")
        links = [
            str(a["href"]).split("#")[1]
            for a in page.select("a.reference")
            if "glossary.html#" in str(a["href"])
        ]
        expected = [m.key for m in edition.mentions.terms if m.siglum == siglum]
        assert sorted(links) == sorted(f"glossary-{key}" for key in expected)
        assert all(count == 1 for count in Counter(links).values())  # the first use only
    # an acronym that is also an entity: the name links to the entity, a mark to the term,
    # a "*" to the eye and "Glossary: <term>" to a screen reader
    ig = soup(out, "texts/ig.html")
    mark = ig.select_one("a.reference:has(> span.glossary-mark)")
    assert isinstance(mark, Tag)
    assert mark.find_previous_sibling("a")
    terms = {f"glossary-{term.id}": term.term for term in edition.annotations.terms}
    for siglum in SIGLA:
        for mark in soup(out, f"texts/{siglum}.html").select("a:has(> span.glossary-mark)"):
            name = f"Glossary: {terms[str(mark['href']).split('#')[1]]}"
            symbol = mark.select_one('span.glossary-mark > span[aria-hidden="true"]')
            label = mark.select_one("span.glossary-mark > span.mark-label")
            assert symbol is not None and symbol.get_text() == "*"
            assert label is not None and label.get_text() == name
            assert mark["title"] == name


@pytest.mark.skipif(CHROMIUM is None, reason="needs chromium (make test installs it)")
def test_the_marks_are_named_in_words_and_show_a_symbol(built: Build) -> None:
    out = built("html")
    marks: dict[str, tuple[str, str]] = {}  # a page with each kind of mark, and the mark's name
    for siglum in SIGLA:
        page = soup(out, f"texts/{siglum}.html")
        for kind in ("glossary-mark", "entity-mark"):
            mark = page.select_one(f"a:has(> span.{kind})")
            if mark is not None and kind not in marks:
                marks[kind] = (siglum, str(mark["title"]))
    assert set(marks) == {"glossary-mark", "entity-mark"}
    assert marks["glossary-mark"][1].startswith("Glossary: ")
    assert marks["entity-mark"][1].startswith("Index: ")
    with serve(out) as site, chromium() as browser:
        page = browser.new_page()  # type: ignore[attr-defined]
        for kind, (siglum, name) in marks.items():
            page.goto(f"{site}/texts/{siglum}.html")
            # the link's accessible name, as a screen reader computes it: words, not the symbol
            named = page.get_by_role("link", name=name, exact=True)
            assert named.count() >= 1, name
            first = named.first
            assert "*" not in name and "→" not in name
            symbol = first.locator('[aria-hidden="true"]')
            assert symbol.inner_text() == ("*" if kind == "glossary-mark" else "→")
            shown = symbol.bounding_box()
            assert shown is not None and shown["width"] > 1  # what the eye reads
            label = first.locator(".mark-label").bounding_box()
            assert label is not None and label["width"] <= 1 and label["height"] <= 1
        page.close()


def test_timeline_is_dated_sourced_and_linked_to_passages(built: Build, edition: Edition) -> None:
    out = built("html")
    page = soup(out, "timeline.html")
    events = page.select("div.timeline-event")
    assert len(events) == len(edition.annotations.events)
    for box, event in zip(events, edition.annotations.events, strict=True):
        assert box.find(id=f"event-{event.id}")
        assert event.when in box.get_text()
        assert box.select(".sources a[href^='bibliography.html#bib-']")
        links = [str(a["href"]) for a in box.select("ul.timeline-passages a")]
        assert links == [f"texts/{p.siglum}.html#{p.target}" for p in event.passages]
    # From each passage, one link per date leads to its events: to the first of them on that
    # date (the others follow it on the timeline), all of them named in its tooltip.
    registry = edition.annotations.events
    pages = {siglum: soup(out, f"texts/{siglum}.html") for siglum in SIGLA}
    for event in registry:
        for passage in event.passages:
            line = _see_also(pages[passage.siglum], passage.target)
            here = [e for e in registry if any(p.target == passage.target for p in e.passages)]
            on_date = [e for e in here if e.when == event.when]
            shown = event.when if len(on_date) == 1 else f"{event.when} ({len(on_date)} events)"
            (link,) = [a for a in line.select(".see-also-events a") if a.get_text() == shown]
            assert link["href"] == f"../timeline.html#event-{on_date[0].id}"
            assert event.title in str(link["title"])
            assert len(line.select(".see-also-events a")) == len({e.when for e in here})


def test_references_in_pages_and_notes_resolve(built: Build) -> None:
    out = built("html")
    glossary = soup(out, "glossary.html")
    # a note referred to from a glossary definition
    assert glossary.select("a[href='texts/ig.html#note-ig-self-coup-date']")
    introduction = soup(out, "introduction.html")
    for fragment in ("entity-mrta", "topic-mrta-dead", "ig-1", "event-1997-04-22-assault"):
        assert introduction.select(f"a[href$='#{fragment}']"), fragment


def test_parts_of_the_edition_are_in_the_inventory(built: Build) -> None:
    with (built("html") / "objects.inv").open("rb") as stream:
        inventory = InventoryFile.load(stream, "", lambda base, uri: uri)
    labels = inventory["std:label"]
    entity = labels["entity-alberto-fujimori"]
    assert entity.uri == "indices/persons.html#entity-alberto-fujimori"
    assert entity.display_name == "Alberto Fujimori"
    for label in ("topic-mrta-dead", "glossary-mrta", "event-1997-04-22-assault"):
        assert label in labels


def test_a_conf_py_that_renames_the_bibliographys_entries_is_told_and_overruled(
    make_app: Callable[..., SphinxTestApp], small: Path
) -> None:
    """The notes, the TEI and the Web Annotations link to a work's entry as ``bib-<key>``:
    a ``bibtex_cite_id`` of another form would leave every such link dangling."""
    app = make_app("html", srcdir=small, confoverrides={"bibtex_cite_id": "ref-{key}"})
    app.build()
    said = app.warning.getvalue()
    assert "conf.py: bibtex_cite_id is 'ref-{key}'" in said
    assert "remove bibtex_cite_id from conf.py" in said
    page = BeautifulSoup((Path(app.outdir) / "bibliography.html").read_text(), "html.parser")
    ids = {tag["id"] for tag in page.find_all(id=True)}
    assert any(str(found).startswith("bib-") for found in ids)
    assert not any(str(found).startswith("ref-") for found in ids)
