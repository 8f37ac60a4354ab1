"""The registries under ``annotations/`` (entities, glossary, timeline, topics) and the
references in annotations are checked like notes: every problem located as ``path:line``,
with no traceback.

The checks are the model's: they run in this process over the small test edition (texts ``tx``
and ``ty``; the entity ``lima``; the source ``sims1997``). One build shows the build stops on
them with the same message; a reference in a page is the build's own to check.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from ecdosis.model.edition import load_edition
from tests.conftest import SMALL, build_small

ENTITY = """---
id: {id}
name: A Test Entity
type: {type}
description: An entity written for a test.
wikidata: "{wikidata}"
aliases: [{aliases}]
sources: [sims1997]
---
"""

# Each case: the file written (relative to annotations/), its content, and the
# "line: message" that must be reported for it.
CASES = {
    "alias-of-another-entity": (
        "entities/test-lima.md",
        ENTITY.format(id="test-lima", type="place", wikidata="", aliases='"Lima"'),
        "7: the alias 'Lima' is also an alias of the entity 'lima'",
    ),
    "alias-inside-a-longer-alias": (
        "entities/test-residence.md",
        ENTITY.format(id="test-residence", type="place", wikidata="", aliases='"residence"'),
        "7: the alias 'residence' names nothing in the reading texts",
    ),
    "alias-misspelt": (
        "entities/test-misspelt.md",
        ENTITY.format(id="test-misspelt", type="person", wikidata="", aliases='"lima"'),
        "7: the alias 'lima' names nothing in the reading texts",
    ),
    "guessed-wikidata": (
        "entities/test-guess.md",
        ENTITY.format(id="test-guess", type="person", wikidata="Q12x", aliases='"president"'),
        "6: wikidata: 'Q12x' is not valid (wrong form)",
    ),
    "unknown-type": (
        "entities/test-type.md",
        ENTITY.format(id="test-type", type="ship", wikidata="", aliases='"Lima"'),
        "4: type: 'ship' is not valid (expected one of person, organisation, place, event)",
    ),
    "stale-exception": (
        "entities/test-exception.md",
        ENTITY.format(id="test-exception", type="place", wikidata="", aliases='"hostages"').replace(
            "sources:", 'except:\n  - target: tx-1\n    quote: "Lima"\nsources:'
        ),
        "9: the exception in tx-1 covers no alias of this entity",
    ),
    "exception-quote-not-found": (
        "entities/test-quote.md",
        ENTITY.format(id="test-quote", type="place", wikidata="", aliases='"hostages"').replace(
            "sources:", 'except:\n  - target: tx-1\n    quote: "Lima, Peru"\nsources:'
        ),
        "10: the quote is not in the reading text of tx-1",
    ),
    "topic-in-one-text": (
        "topics/test-topic.md",
        "---\nid: test-topic\ntitle: A topic\norder: 99\npassages:\n"
        '  - target: tx-1\n    quote: "the army stormed"\n'
        '  - target: tx-2\n    quote: "the hostages"\n'
        "sources: [sims1997]\n---\nThe record.\n",
        "5: all the passages of the topic are in one text",
    ),
    "topic-without-record": (
        "topics/test-empty.md",
        "---\nid: test-empty\ntitle: A topic\norder: 99\npassages:\n"
        '  - target: tx-1\n    quote: "the army stormed"\n'
        '  - target: ty-1\n    quote: "The commandos"\n'
        "sources: [sims1997]\n---\n",
        "12: the documented record has no text",
    ),
    "passage-in-no-text": (
        "topics/test-siglum.md",
        "---\nid: test-siglum\ntitle: A topic\norder: 99\npassages:\n"
        '  - target: tx-1\n    quote: "the army stormed"\n'
        '  - target: zz-1\n    quote: "The commandos"\n'
        "sources: [sims1997]\n---\nThe record.\n",
        "8: there is no text 'zz' for the paragraph 'zz-1'",
    ),
    "event-impossible-date": (
        "timeline/test-event.md",
        '---\nid: test-event\ndate: "1997-02-30"\ntitle: An event\n'
        "sources: [sims1997]\n---\nWhat happened.\n",
        "3: the date '1997-02-30' is not a real date",
    ),
    "event-unknown-key": (
        "timeline/test-key.md",
        '---\nid: test-key\ndate: "1997-02-03"\ntitle: An event\nimportance: high\n'
        "sources: [sims1997]\n---\nWhat happened.\n",
        "5: unknown key 'importance' in the front matter",
    ),
    "term-raw-html": (
        "glossary/test-term.md",
        '---\nid: test-term\nterm: Test\naliases: ["hostages"]\n'
        "sources: [sims1997]\n---\nA definition <script>alert(1)</script>.\n",
        "7: the definition contains raw HTML",
    ),
    "term-wrong-file-name": (
        "glossary/test-name.md",
        '---\nid: test-other-name\nterm: Test\naliases: ["hostages"]\n'
        "sources: [sims1997]\n---\nA definition.\n",
        "2: the file name does not match the id 'test-other-name'",
    ),
    "unknown-entity-in-a-note": (
        "tx/tx-test-reference.md",
        '---\nid: tx-test-reference\ntarget: tx-1\nquote: "the army stormed"\n'
        "kind: crossref\nauthor: A. Tester\ndate: 2026-11-21\n---\n"
        "See {entity}`no-such-person` and {paragraph}`tx-1`.\n",
        "9: {entity}`no-such-person` names nothing: there is no such entity",
    ),
    "broken-paragraph-reference": (
        "topics/test-reference.md",
        "---\nid: test-reference\ntitle: A topic\norder: 99\npassages:\n"
        '  - target: tx-1\n    quote: "the army stormed"\n'
        '  - target: ty-1\n    quote: "The commandos"\n'
        "sources: [sims1997]\n---\nThe record; compare {paragraph}`ty-99`.\n",
        "12: {paragraph}`ty-99` names nothing: there is no such paragraph",
    ),
}
# Files a case needs besides its own, as the edition has them: here, a longer alias of another
# entity in which every "residence" of the texts stands, so that the shorter never links.
ALSO = {
    "alias-inside-a-longer-alias": (
        "entities/test-stormed.md",
        ENTITY.format(
            id="test-stormed", type="event", wikidata="", aliases='"stormed the residence"'
        ),
    ),
}


def _write(root: Path, relative: str, content: str) -> None:
    path = root / "annotations" / relative
    path.parent.mkdir(exist_ok=True)
    path.write_text(content, encoding="utf-8")


def test_every_residence_of_the_texts_stands_in_the_longer_alias() -> None:
    """What alias-inside-a-longer-alias relies on in the small edition's texts."""
    texts = [
        " ".join((SMALL / "sources" / siglum / "text.md").read_text("utf-8").split())
        for siglum in ("tx", "ty")
    ]
    assert sum(text.count("residence") for text in texts) == 2
    assert all(text.count("residence") == text.count("stormed the residence") for text in texts)


@pytest.mark.parametrize("case", sorted(CASES))
def test_registry_problems_are_located(small: Path, case: str) -> None:
    relative, content, expected = CASES[case]
    written = [(relative, content), *([ALSO[case]] if case in ALSO else [])]
    for name, text in written:
        _write(small, name, text)
    _, problems = load_edition(small / "sources", small / "annotations")
    reported = [problem.format(small) for problem in problems]
    line = f"annotations/{relative}:{expected}"
    assert any(shown.startswith(line) for shown in reported), reported
    # The small edition has no problem of its own: each is in a file the case wrote.
    assert {problem.path for problem in problems} <= {
        small / "annotations" / name for name, _ in written
    }, reported
    assert all(problem.fix.strip() for problem in problems), reported  # each says how to fix it


def test_the_build_refuses_a_registry_problem_with_the_same_message(
    small: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    relative, content, expected = CASES["alias-of-another-entity"]
    _write(small, relative, content)
    monkeypatch.chdir(small)
    with pytest.raises(SystemExit):
        build_small(small, "html")
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.splitlines()[0].startswith(f"annotations/{relative}:{expected}"), err
    assert not list((small / "_build").rglob("*.html"))


def test_a_broken_reference_in_a_page_is_located(small: Path) -> None:
    """A page is not the model's: its references are checked by the build, as warnings."""
    from sphinx.testing.util import SphinxTestApp, _clean_up_global_state

    page = small / "names.md"
    source = page.read_text(encoding="utf-8")
    page.write_text(source + "\nSee {entity}`no-such-entity`.\n", encoding="utf-8")
    line = source.count("\n") + 2
    _clean_up_global_state()
    warnings = io.StringIO()
    app = SphinxTestApp(
        "html", srcdir=small, builddir=small / "_build", status=io.StringIO(), warning=warnings
    )
    try:
        app.build()
    finally:
        app.cleanup()
    assert f"names.md:{line}: WARNING: {{entity}}`no-such-entity` names nothing" in (
        warnings.getvalue()
    )
