"""Cross-references between the texts: entities and their mentions, topics and the synoptic
page, glossary, timeline and references, in every format; and their errors, located."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from sphinx.util.inventory import InventoryFile

from ecdosis.model.anchoring import normalise
from ecdosis.model.edition import Edition, load_edition
from tests.conftest import ROOT, SIGLA

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


def test_the_registries_are_full_enough(edition: Edition) -> None:
    a = edition.annotations
    assert {e.type for e in a.entities} == set(INDICES)
    assert len(a.topics) >= 8
    assert all(len(topic.sigla) >= 3 for topic in a.topics)
    assert {siglum for topic in a.topics for siglum in topic.sigla} == set(SIGLA)
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
            text = marked.get_text()
            assert text == "→" or text in mention.words
            # from the entry, back to the paragraph, and on to every other text naming it
            entry = entries[f"entity-{mention.key}"]
            targets = {str(a["href"]).split("#")[1] for a in entry.select("ul a.reference")}
            assert mention.paragraph in targets
    fujimori = entries["entity-alberto-fujimori"]
    texts = {str(a["href"]).split("#")[0] for a in fujimori.select("ul a.reference")}
    assert {f"../texts/{siglum}.html" for siglum in SIGLA} <= texts
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
    out = built("html")
    page = soup(out, "synopsis.html")
    table = page.find("table", class_="edition-synopsis")
    assert isinstance(table, Tag)
    head = [th.get_text(strip=True) for th in table.select("thead th")]
    assert head == ["Topic", *(s.upper() for s in edition.corpus.sigla), "The documented record"]
    rows = table.select("tbody tr")
    assert len(rows) == len(edition.annotations.topics) >= 8
    for row, topic in zip(rows, edition.annotations.topics, strict=True):
        cells = row.find_all("td", recursive=False)
        assert cells[0].find(id=f"topic-{topic.id}")
        for siglum, cell in zip(edition.corpus.sigla, cells[1:-1], strict=True):
            passages = [p for p in topic.passages if p.siglum == siglum]
            quotes = cell.select("p.passage")
            assert len(quotes) == len(passages)
            for quote, passage in zip(quotes, passages, strict=True):
                link = quote.find("a")
                assert isinstance(link, Tag)
                assert link["href"] == f"texts/{siglum}.html#{passage.target}"
                assert passage.quote in quote.get_text()
                assert passage.quote in paragraph_text(out, passage.target)
        record = cells[-1]
        assert record.select("a[href^='bibliography.html#bib-']")
        assert "Source" in record.get_text()


def test_each_passage_leads_to_its_parallels(built: Build, edition: Edition) -> None:
    out = built("html")
    topic = edition.annotations.topics[0]
    for passage in topic.passages:
        page = soup(out, f"texts/{passage.siglum}.html")
        paragraph = page.find(id=passage.target)
        assert isinstance(paragraph, Tag)
        block = paragraph.find_next(class_="see-also")
        assert isinstance(block, Tag)
        line = next(p for p in block.select("p.see-also-topic") if topic.title in p.get_text())
        hrefs = [str(a["href"]) for a in line.select("a")]
        assert hrefs[0] == f"../synopsis.html#topic-{topic.id}"
        others = {p.target for p in topic.passages if p.siglum != passage.siglum}
        assert {h.split("#")[1] for h in hrefs[1:]} == others


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
        assert max(Counter(links).values()) == 1  # the first use only
    # an acronym that is also an entity: the name links to the entity, a mark to the term
    ig = soup(out, "texts/ig.html")
    mark = ig.select_one("a.reference:has(> span.glossary-mark)")
    assert isinstance(mark, Tag)
    assert mark.find_previous_sibling("a")


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
    assault = next(e for e in edition.annotations.events if e.date == "1997-04-22")
    passage = assault.passages[0]
    text = soup(out, f"texts/{passage.siglum}.html")
    paragraph = text.find(id=passage.target)
    assert isinstance(paragraph, Tag)
    block = paragraph.find_next(class_="see-also")
    assert isinstance(block, Tag)
    assert block.select(f"a[href='../timeline.html#event-{assault.id}']")


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
