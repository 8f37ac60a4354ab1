"""Which pages an edit to ``annotations/`` makes outdated, as functions of the edition
(ecdosis.ext.annotations.dependencies): a page is re-read exactly when the fingerprint of what
it shows (``page_inputs``) or of what its references show (``reference_inputs``) changes. On
copies of the small test root, loaded without Sphinx; the builds that act on these decisions
are in test_build_rules.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ecdosis.ext.annotations.dependencies import page_inputs, reference_inputs
from ecdosis.model.edition import load_edition
from tests.conftest import copy_small
from tests.test_build_rules import NOTE, PAGES

PAGE_KINDS = {
    "text tx": ("text", "tx"),
    "text ty": ("text", "ty"),
    "places": ("entities", "place"),
    "organisations": ("entities", "organisation"),
    "glossary": ("glossary", ""),
    "timeline": ("timeline", ""),
    "synopsis": ("synopsis", ""),
    "claims": ("claims", ""),
    "figures": ("figures", ""),
}
REFERENCES = {
    "{topic}assault": ("topic", "assault"),
    "{note}tx-assault": ("note", "tx-assault"),
    "{paragraph}ty-2": ("paragraph", "ty-2"),
    "{entity}lima": ("entity", "lima"),
    "{glossary}mrta": ("glossary", "mrta"),
    "{event}1997-04-22-assault": ("event", "1997-04-22-assault"),
}


def fingerprints(root: Path) -> dict[str, str]:
    edition, problems = load_edition(root / "sources", root / "annotations")
    assert problems == [], problems
    found = {name: page_inputs(edition, *kind) for name, kind in PAGE_KINDS.items()}
    found |= {name: reference_inputs(edition, [ref]) for name, ref in REFERENCES.items()}
    return found


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """The small root with the organisation of test_build_rules.py (named once in each text)."""
    root = copy_small(tmp_path / "small")
    entity = "annotations/entities/armed-forces.md"
    (root / entity).write_text(PAGES[entity], encoding="utf-8")
    return root


def _edit(relative: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = root / relative
        source = path.read_text(encoding="utf-8")
        assert old in source, old
        path.write_text(source.replace(old, new), encoding="utf-8")

    return edit


def _add_note(root: Path) -> None:
    (root / "annotations" / "tx" / "tx-test-note.md").write_text(
        NOTE.format(text="A note before the other."), encoding="utf-8"
    )


def _word_before_the_names(root: Path) -> None:
    """A word added at the start of ``tx-1``, in its reading text and its witness alike (the
    witness's checksum recorded): every name and passage after it stands further on."""
    import hashlib

    folder = root / "sources" / "tx"
    for name in ("text.md", "witness.txt"):
        _edit(f"sources/tx/{name}", "On 22 April the army", "Early on 22 April the army")(root)
    digest = hashlib.sha256((folder / "witness.txt").read_bytes()).hexdigest()
    record = folder / "record.toml"
    source = record.read_text(encoding="utf-8")
    start = source.index('sha256 = "') + len('sha256 = "')
    record.write_text(source[:start] + digest + source[start + 64 :], encoding="utf-8")


LIMA = "annotations/entities/lima.md"
FORCES = "annotations/entities/armed-forces.md"
TOPIC = "annotations/topics/assault.md"
EVENT = "annotations/timeline/1997-04-22-assault.md"
TERM = "annotations/glossary/mrta.md"
NOTE_FILE = "annotations/tx/tx-assault.md"

EDITS: dict[str, tuple[Callable[[Path], None], set[str]]] = {
    # an entity's own entry: its index, nothing else
    "entity description": (
        _edit(LIMA, 'description: "The capital of Peru."', 'description: "A capital."'),
        {"places"},
    ),
    # its name: the index, what references to it show, and the texts that name it (where it
    # sorts among their mentions)
    "entity name": (
        _edit(LIMA, 'name: "Lima"', 'name: "Lima, Peru"'),
        {"places", "{entity}lima", "text tx", "text ty"},
    ),
    # an alias less: the index's mentions and the text where it linked, not the other text
    "entity alias": (_edit(FORCES, '"the army", ', ""), {"organisations", "text tx"}),
    # a topic's title: the synopsis, the texts of its passages and what names it
    "topic title": (
        _edit(TOPIC, '"Who stormed the residence"', '"The storming"'),
        {"synopsis", "text tx", "text ty", "{topic}assault"},
    ),
    # its account: the synopsis alone
    "topic body": (_edit(TOPIC, "Commandos of the armed forces", "Commandos"), {"synopsis"}),
    "event body": (_edit(EVENT, "The army stormed the residence.", "Stormed."), {"timeline"}),
    "event title": (
        _edit(EVENT, '"The assault on the residence"', '"The assault"'),
        {"timeline", "text tx", "{event}1997-04-22-assault"},
    ),
    "term body": (_edit(TERM, "A guerrilla organisation.", "A guerrilla group."), {"glossary"}),
    # a new note first in reading order renumbers the next: the claims and what cites it
    "note added": (_add_note, {"claims", "{note}tx-assault"}),
    # a note's text is shown on its text's page alone, which depends on the note's file
    "note body": (_edit(NOTE_FILE, "The assault of 22 April", "The assault of April"), set()),
    # a text's title: the indices and the claims list each text by its title
    "text title": (
        _edit("sources/tx/record.toml", '"A Test Statement"', '"A Statement"'),
        {"places", "organisations", "claims"},
    ),
    # a word before the names of a paragraph: the text's page, which marks each name where it
    # stands; the indices, the glossary, the synopsis and the timeline show which paragraphs,
    # not where in them
    "word in a paragraph": (_word_before_the_names, {"text tx"}),
}


@pytest.mark.parametrize("name", EDITS)
def test_an_edit_outdates_exactly_the_pages_that_show_it(root: Path, name: str) -> None:
    edit, expected = EDITS[name]
    before = fingerprints(root)
    edit(root)
    after = fingerprints(root)
    assert {key for key in before if before[key] != after[key]} == expected


def test_the_fingerprints_are_stable() -> None:
    # the same edition, loaded twice: no page would be re-read for nothing
    small = Path(__file__).parent / "roots" / "test-small"
    assert fingerprints(small) == fingerprints(small)


def test_a_reference_to_nothing_and_an_unknown_page_kind() -> None:
    small = Path(__file__).parent / "roots" / "test-small"
    edition, _ = load_edition(small / "sources", small / "annotations")
    assert reference_inputs(edition, [("topic", "none")]) != reference_inputs(
        edition, [("topic", "assault")]
    )
    with pytest.raises(ValueError, match="nonsense"):
        page_inputs(edition, "nonsense", "")
