"""Limits on contributed files, each refused with a message (and documented), and nothing a
contributor writes dropped silently; the check's own work stays bounded."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecdosis.model.annotations import limits
from ecdosis.model.annotations.anchoring import Span
from ecdosis.model.annotations.mentions import _candidates, _index, _Named
from tests.conftest import ROOT
from tests.test_contributed_text import NOTE, assert_refused, plant, problems_of


def note(root: Path, name: str, quote: str = "the hostages", body: str = "A body.") -> Path:
    path = root / "annotations" / "tx" / f"{name}.md"
    text = NOTE.format(value="A. Contributor", body=body).replace("tx-probe", name)
    path.write_text(text.replace('"the hostages"', f'"{quote}"'), encoding="utf-8")
    return path


def test_notes_on_the_same_words_are_limited(small: Path) -> None:
    paths = [note(small, f"tx-same-{i}") for i in range(limits.NOTES_ON_THE_SAME_WORDS + 1)]
    problems = problems_of(small)
    assert [p for p in problems if "notes on the same words of tx-2" in p] == [
        f"annotations/tx/{paths[-1].name}:1: more than {limits.NOTES_ON_THE_SAME_WORDS} notes "
        "on the same words of tx-2 — join this note with another on these words, or quote "
        "other words"
    ]


def test_two_hundred_notes_on_the_same_words_are_refused_without_a_traceback(small: Path) -> None:
    for i in range(200):
        note(small, f"tx-many-{i}")
    problems = problems_of(small)
    assert sum("tx-2 has 200 notes, more than the 20" in p for p in problems) == 180


def test_notes_on_different_words_of_one_paragraph_are_accepted(small: Path) -> None:
    words = ["The second", "paragraph speaks", "of the hostages", "and of the president"]
    for i, quote in enumerate(words * 2):
        note(small, f"tx-words-{i}", quote)
    assert problems_of(small) == []


@pytest.mark.parametrize(
    ("body", "line", "expected"),
    [
        ("- a\n  - b\n    - c\n      - d", 13, "lists or block quotes 4 deep"),
        ("> > > > deep", 10, "lists or block quotes 4 deep"),
        ("> " * 60 + "cut\n\nA later paragraph.", 10, "lists or block quotes 4 deep"),
        ("First.\n% a comment", 11, "starts with '%', which MyST reads as a comment"),
        ("See [the report].\n\n[the report]: https://example.org", 12, "link reference"),
        ("A " + "x" * (limits.WORD_LENGTH + 1), 10, f"word of {limits.WORD_LENGTH + 1} char"),
        ("A *" + "x" * 50 + "*" + "y" * 40, 10, "word of 90 characters"),
        (f"[a](https://example.org/{'x' * limits.LINK_LENGTH})", 10, "characters long"),
        (f"<https://example.org/{'x' * 100}>", 10, "word of 120 characters"),
    ],
)
def test_a_body_is_read_whole_or_refused(small: Path, body: str, line: int, expected: str) -> None:
    path = note(small, "tx-body", body=body)
    assert_refused(small, path, line, expected)


def test_nesting_at_the_limit_is_accepted(small: Path) -> None:
    note(small, "tx-nested", body="- a\n  - b\n    > c\n\nAfter the list.")
    assert problems_of(small) == []


def test_a_long_word_in_a_field_is_refused(small: Path) -> None:
    path = plant(small, "entity", "A " + "y" * 100)
    assert_refused(small, path, 5, "description has a word of 100 characters")


def test_a_long_address_in_the_bibliography_is_accepted(small: Path) -> None:
    bib = small / "annotations" / "references.bib"
    text = bib.read_text("utf-8").replace("example.org/sims1997", "example.org/" + "z" * 300)
    bib.write_text(text, encoding="utf-8")
    assert problems_of(small) == []


def test_files_per_folder_are_limited(small: Path) -> None:
    folder = small / "annotations" / "timeline"
    for i in range(limits.FILES_PER_FOLDER + 1):
        (folder / f"e{i:05}.md").write_text("", encoding="utf-8")
    problems = problems_of(small)
    assert problems == [
        "annotations/timeline/e01999.md:1: annotations/timeline/ holds 2002 files, more than the "
        "2000 a folder may hold — this many files is a mistake (or an attack): commit the files "
        "meant"
    ]


def test_bibliography_entries_are_limited(small: Path) -> None:
    bib = small / "annotations" / "references.bib"
    entry = (
        "@misc{{e{0},\n author = {{A}}, title = {{T}}, howpublished = {{W}}, year = {{2026}}\n}}\n"
    )
    bib.write_text("".join(entry.format(i) for i in range(limits.BIBLIOGRAPHY_ENTRIES + 1)))
    assert any("5001 entries, more than 5000" in p for p in problems_of(small))


def test_aliases_are_limited(small: Path) -> None:
    folder = small / "annotations" / "entities"
    per_file = 30
    for i in range(limits.ALIASES // per_file + 1):
        aliases = ", ".join(f'"Alias{i}x{j}"' for j in range(per_file))
        (folder / f"many-{i:04}.md").write_text(
            f'---\nid: many-{i:04}\nname: Many\ntype: person\ndescription: Many.\nwikidata: ""\n'
            f"aliases: [{aliases}]\nsources: [sims1997]\n---\n",
            encoding="utf-8",
        )
    problems = problems_of(small)
    assert any("the aliases of all entity files together are more than 5000" in p for p in problems)


def test_suggestions_for_missing_quotes_are_bounded(
    small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crafted file of many missing quotes costs a bounded number of full comparisons."""
    compared = []
    ratio = difflib.SequenceMatcher.ratio

    def counting(self: difflib.SequenceMatcher[str]) -> float:
        compared.append(1)
        return ratio(self)

    monkeypatch.setattr(difflib.SequenceMatcher, "ratio", counting)
    passages = "".join(
        f'  - {{target: tx-1, quote: "stormed the residance {i} in Lima of the MRTA"}}\n'
        for i in range(50)
    )
    for n in range(3):
        (small / "annotations" / "timeline" / f"crafted-{n}.md").write_text(
            f'---\nid: crafted-{n}\ndate: "1997-04-22"\ntitle: Crafted\npassages:\n{passages}'
            "sources: [sims1997]\n---\nA crafted event.\n",
            encoding="utf-8",
        )
    problems = problems_of(small)
    assert sum("the quote is not in the reading text of tx-1" in p for p in problems) == 150
    assert sum("the closest words in tx-1 are" in p for p in problems) == limits.SUGGESTIONS_PER_RUN
    assert len(compared) <= limits.SUGGESTIONS_PER_RUN * limits.SUGGESTION_CANDIDATES


# The limits are documented where contributors read them.
def test_contributing_lists_every_limit() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    section = text[text.index("## What a file may hold, and the limits") :]
    table = section[
        section.index("| what | limit |") : section.index("\n\n", section.index("| what |"))
    ]
    documented = sorted(
        int(re.sub(r"[^0-9]", "", row.split("|")[2])) for row in table.splitlines()[2:]
    )
    values = sorted(value for name, value in vars(limits).items() if name.isupper())
    assert documented == values


# Matching aliases word by word finds exactly what a regular expression per alias finds
# (overlapping occurrences included: the longest wins later).
_words = st.sampled_from(["Lima", "Peru", "MRTA", "U.S.", "(MRTA)", "Tupac", "Amaru", "the"])
_texts = st.lists(
    st.sampled_from(
        ["Lima", "Peru", "MRTA", "U.S.", "(MRTA)", "Tupac", "Amaru", "the", ",", "-", " ", "x"]
    ),
    max_size=30,
).map("".join)
_aliases = st.lists(_words, min_size=1, max_size=3).map(" ".join) | st.sampled_from(
    ["U.S", "(MRTA", "Peru,", "-x", "Lima-Peru"]
)


@settings(max_examples=300, deadline=None)
@given(paragraph=_texts, aliases=st.lists(_aliases, min_size=1, max_size=6, unique=True))
def test_alias_matching_finds_what_a_pattern_per_alias_finds(
    paragraph: str, aliases: list[str]
) -> None:
    named = _Named("e", Path("e.md"), tuple(aliases), tuple(range(len(aliases))), (), ())
    owners = dict.fromkeys(aliases, named)
    found = {(c.span, c.alias) for c in _candidates(paragraph, owners, _index(owners))}
    expected = {
        (Span(m.start(), m.start() + len(alias)), alias)
        for alias in aliases
        for m in re.finditer(rf"(?=(?<!\w){re.escape(alias)}(?!\w))", paragraph)
    }
    assert found == expected
