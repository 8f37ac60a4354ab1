"""The registries under ``annotations/`` (entities, glossary, timeline, topics) and the
references in annotations are checked like notes: every problem located as ``path:line``,
with no traceback, by ``ecdosis check`` and by the build alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ecdosis_check, sphinx_build

ENTITY = """---
id: {id}
name: A Test Entity
type: {type}
description: An entity written for a test.
wikidata: "{wikidata}"
aliases: [{aliases}]
sources: [japantimes1997troops]
---
"""

# Each case: the file written (relative to annotations/), its content, and the
# "line: message" that must be reported for it.
CASES = {
    "alias-of-another-entity": (
        "entities/test-lima.md",
        ENTITY.format(id="test-lima", type="place", wikidata="", aliases='"Peru"'),
        "7: the alias 'Peru' is also an alias of the entity 'peru'",
    ),
    "alias-inside-a-longer-alias": (
        "entities/test-rebel.md",
        ENTITY.format(id="test-rebel", type="person", wikidata="", aliases='"Revolucionario"'),
        "7: the alias 'Revolucionario' names nothing in the reading texts",
    ),
    "alias-misspelt": (
        "entities/test-misspelt.md",
        ENTITY.format(id="test-misspelt", type="person", wikidata="", aliases='"fujimori"'),
        "7: the alias 'fujimori' names nothing in the reading texts",
    ),
    "guessed-wikidata": (
        "entities/test-guess.md",
        ENTITY.format(id="test-guess", type="person", wikidata="Q12x", aliases='"Pentagon2"'),
        "6: wikidata: 'Q12x' is not valid (wrong form)",
    ),
    "unknown-type": (
        "entities/test-type.md",
        ENTITY.format(id="test-type", type="ship", wikidata="", aliases='"Lima"'),
        "4: type: 'ship' is not valid (expected one of person, organisation, place, event)",
    ),
    "stale-exception": (
        "entities/test-exception.md",
        ENTITY.format(id="test-exception", type="place", wikidata="", aliases='"Havana"').replace(
            "sources:", 'except:\n  - target: ig-1\n    quote: "Lima"\nsources:'
        ),
        "9: the exception in ig-1 covers no alias of this entity",
    ),
    "exception-quote-not-found": (
        "entities/test-quote.md",
        ENTITY.format(id="test-quote", type="place", wikidata="", aliases='"Havana"').replace(
            "sources:", 'except:\n  - target: ig-1\n    quote: "Lima, Peru"\nsources:'
        ),
        "10: the quote is not in the reading text of ig-1",
    ),
    "topic-in-one-text": (
        "topics/test-topic.md",
        "---\nid: test-topic\ntitle: A topic\norder: 99\npassages:\n"
        '  - target: ig-1\n    quote: "Fujimori is a murderer"\n'
        '  - target: ig-2\n    quote: "14 guerrillas"\n'
        "sources: [japantimes1997troops]\n---\nThe record.\n",
        "5: all the passages of the topic are in one text",
    ),
    "topic-without-record": (
        "topics/test-empty.md",
        "---\nid: test-empty\ntitle: A topic\norder: 99\npassages:\n"
        '  - target: ig-1\n    quote: "Fujimori is a murderer"\n'
        '  - target: po-1\n    quote: "Fujimori"\n'
        "sources: [japantimes1997troops]\n---\n",
        "12: the documented record has no text",
    ),
    "passage-in-no-text": (
        "topics/test-siglum.md",
        "---\nid: test-siglum\ntitle: A topic\norder: 99\npassages:\n"
        '  - target: ig-1\n    quote: "Fujimori is a murderer"\n'
        '  - target: zz-1\n    quote: "Fujimori"\n'
        "sources: [japantimes1997troops]\n---\nThe record.\n",
        "8: there is no text 'zz' for the paragraph 'zz-1'",
    ),
    "event-impossible-date": (
        "timeline/test-event.md",
        '---\nid: test-event\ndate: "1997-02-30"\ntitle: An event\n'
        "sources: [japantimes1997troops]\n---\nWhat happened.\n",
        "3: the date '1997-02-30' is not a real date",
    ),
    "event-unknown-key": (
        "timeline/test-key.md",
        '---\nid: test-key\ndate: "1997-02-03"\ntitle: An event\nimportance: high\n'
        "sources: [japantimes1997troops]\n---\nWhat happened.\n",
        "5: unknown key 'importance' in the front matter",
    ),
    "term-raw-html": (
        "glossary/test-term.md",
        '---\nid: test-term\nterm: Test\naliases: ["Havana"]\n'
        "sources: [japantimes1997troops]\n---\nA definition <script>alert(1)</script>.\n",
        "7: the definition contains raw HTML",
    ),
    "term-wrong-file-name": (
        "glossary/test-name.md",
        '---\nid: test-other-name\nterm: Test\naliases: ["Havana"]\n'
        "sources: [japantimes1997troops]\n---\nA definition.\n",
        "2: the file name does not match the id 'test-other-name'",
    ),
    "unknown-entity-in-a-note": (
        "ig/ig-test-reference.md",
        '---\nid: ig-test-reference\ntarget: ig-1\nquote: "Fujimori is a murderer"\n'
        "kind: crossref\nauthor: A. Tester\ndate: 2026-11-21\n---\n"
        "See {entity}`no-such-person` and {paragraph}`ig-1`.\n",
        "9: {entity}`no-such-person` names nothing: there is no such entity",
    ),
    "broken-paragraph-reference": (
        "topics/test-reference.md",
        "---\nid: test-reference\ntitle: A topic\norder: 99\npassages:\n"
        '  - target: ig-1\n    quote: "Fujimori is a murderer"\n'
        '  - target: po-1\n    quote: "Fujimori"\n'
        "sources: [japantimes1997troops]\n---\nThe record; compare {paragraph}`po-99`.\n",
        "12: {paragraph}`po-99` names nothing: there is no such paragraph",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_registry_problems_are_located(edition_copy: Path, case: str) -> None:
    relative, content, expected = CASES[case]
    path = edition_copy / "annotations" / relative
    path.parent.mkdir(exist_ok=True)
    path.write_text(content, encoding="utf-8")
    result = ecdosis_check(edition_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    line = f"annotations/{relative}:{expected}"
    assert any(reported.startswith(line) for reported in result.stderr.splitlines()), result.stderr
    assert " — " in result.stderr  # every problem says how to fix it


def test_the_build_refuses_a_registry_problem_with_the_same_message(edition_copy: Path) -> None:
    relative, content, expected = CASES["alias-of-another-entity"]
    (edition_copy / "annotations" / relative).write_text(content, encoding="utf-8")
    out = edition_copy / "build"
    result = sphinx_build(edition_copy, "html", out)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith(f"annotations/{relative}:{expected}")
    assert not list(out.rglob("*.html"))


def test_a_broken_reference_in_a_page_is_located(edition_copy: Path) -> None:
    page = edition_copy / "docs" / "introduction.md"
    source = page.read_text(encoding="utf-8")
    page.write_text(source + "\nSee {entity}`no-such-entity`.\n", encoding="utf-8")
    line = source.count("\n") + 2
    result = sphinx_build(edition_copy, "html", edition_copy / "build")
    assert result.returncode == 1
    assert f"introduction.md:{line}: WARNING: {{entity}}`no-such-entity` names nothing" in (
        result.stderr
    )
