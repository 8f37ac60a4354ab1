"""What only review caught before: compared with its base, a change may add anchors or retire
them, never drop one, and never touch a witness; and an alias that takes mentions from
another entry is reported until the contributor confirms it."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ecdosis.model.publication.review import review
from tests.conftest import ROOT, copy_small
from tests.test_contributed_text import problems_of


@pytest.fixture
def base_and_change(tmp_path: Path) -> tuple[Path, Path]:
    return copy_small(tmp_path / "base"), copy_small(tmp_path / "change")


REGISTER = "anchor-register.toml"


def reviewed(base: Path, change: Path) -> list[str]:
    found = review(base / REGISTER, change / REGISTER, base / "sources", change / "sources")
    return [problem.format(change) for problem in found]


def test_an_unchanged_edition_passes(base_and_change: tuple[Path, Path]) -> None:
    base, change = base_and_change
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ecdosis",
            "review",
            str(base),
        ],
        cwd=change,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "the register only grows and the witnesses are unchanged" in result.stdout


def test_a_note_deleted_with_its_register_line_is_reported(
    base_and_change: tuple[Path, Path],
) -> None:
    base, change = base_and_change
    (change / "annotations" / "tx" / "tx-assault.md").unlink()
    register = change / "anchor-register.toml"
    lines = register.read_text("utf-8").splitlines(keepends=True)
    register.write_text(
        "".join(
            line
            for line in lines
            if not line.startswith('"note-tx-assault"') and not line.startswith("note-tx-assault")
        )
    )
    assert problems_of(change) == []  # the edition alone sees nothing wrong
    problems = reviewed(base, change)
    assert len(problems) == 1
    assert problems[0].startswith("anchor-register.toml:")
    assert (
        "the note anchor note-tx-assault of texts/tx (published since version 0.1)" in problems[0]
    )
    assert "a published anchor was dropped" in problems[0]


def test_a_register_that_grows_passes(base_and_change: tuple[Path, Path]) -> None:
    base, change = base_and_change
    register = change / "anchor-register.toml"
    register.write_text(register.read_text("utf-8").replace(TABLE, TABLE + RETIRED))
    assert reviewed(base, change) == []


TABLE = '[anchors."texts/tx"]\n'
RETIRED = 'old = { kind = "section", since = "0.1", retired = "0.1", forward = "texts/tx#tx-1" }\n'


def test_a_rewritten_since_is_reported(base_and_change: tuple[Path, Path]) -> None:
    base, change = base_and_change
    register = change / "anchor-register.toml"
    old = 'tx-1 = { kind = "paragraph", since = "0.1"'
    assert old in register.read_text("utf-8")
    register.write_text(register.read_text("utf-8").replace(old, old.replace("0.1", "0.2")))
    assert any("'since' changed from 0.1 to 0.2" in p for p in reviewed(base, change))


def test_an_undone_retirement_is_reported(base_and_change: tuple[Path, Path]) -> None:
    base, change = base_and_change
    for root, entry in ((base, RETIRED), (change, 'old = { kind = "section", since = "0.1" }\n')):
        register = root / "anchor-register.toml"
        register.write_text(register.read_text("utf-8").replace(TABLE, TABLE + entry))
    assert any("its retirement was undone" in p for p in reviewed(base, change))


def test_a_witness_changed_with_its_recorded_sha256_is_reported(
    base_and_change: tuple[Path, Path],
) -> None:
    base, change = base_and_change
    witness = change / "sources" / "tx" / "witness.txt"
    old = hashlib.sha256(witness.read_bytes()).hexdigest()
    witness.write_text(witness.read_text("utf-8").replace("stormed", "attacked"), "utf-8")
    text = change / "sources" / "tx" / "text.md"
    text.write_text(text.read_text("utf-8").replace("stormed", "attacked"), "utf-8")
    record = change / "sources" / "tx" / "record.toml"
    new = hashlib.sha256(witness.read_bytes()).hexdigest()
    record.write_text(record.read_text("utf-8").replace(old, new), "utf-8")
    problems = reviewed(base, change)
    assert problems == [
        f"sources/tx/witness.txt:1: the witness has changed (sha256 {old[:12]}… in the base, "
        f"{new[:12]}… now): this is a change to a witness — restore it: witnesses are kept byte "
        "for byte, and only the edition's maintainers may replace one, in a pull request of its "
        "own"
    ]


def test_a_removed_text_is_reported(base_and_change: tuple[Path, Path]) -> None:
    base, change = base_and_change
    shutil.rmtree(change / "sources" / "ty")
    assert any("the witness" in p and "of the base is gone" in p for p in reviewed(base, change))


ENTITY = """---
id: {id}
name: "{name}"
type: place
description: "A place."
wikidata: ""
aliases: ["{alias}"]
sources: [sims1997]
---
"""


def test_a_longer_alias_taking_mentions_from_another_entity_is_reported(small: Path) -> None:
    path = small / "annotations" / "entities" / "lima-once.md"
    path.write_text(ENTITY.format(id="lima-once", name="Lima Once", alias="Lima once more"))
    problems = problems_of(small)
    assert problems == [
        "annotations/entities/lima-once.md:7: the alias 'Lima once more' takes 1 mention from the "
        "entity 'lima', whose alias stands inside it — if the longer name is meant wherever it "
        "stands, confirm it in this file with contains: [lima]; if only here, confirm it in the "
        "file of 'lima': except: [{target: tx-3, quote: \"Lima once more\"}]; if not, change or "
        "remove the alias"
    ]


def test_an_exception_confirms_the_longer_alias_in_one_place(small: Path) -> None:
    path = small / "annotations" / "entities" / "lima-once.md"
    path.write_text(ENTITY.format(id="lima-once", name="Lima Once", alias="Lima once more"))
    lima = small / "annotations" / "entities" / "lima.md"
    lima.write_text(
        lima.read_text("utf-8").replace(
            "sources:", 'except:\n  - {target: tx-3, quote: "Lima once more"}\nsources:'
        )
    )
    assert problems_of(small) == []


def test_contains_confirms_the_longer_alias_everywhere(small: Path) -> None:
    path = small / "annotations" / "entities" / "lima-once.md"
    entry = ENTITY.format(id="lima-once", name="Lima Once", alias="Lima once more")
    path.write_text(entry.replace("sources:", "contains: [lima]\nsources:"))
    assert problems_of(small) == []


@pytest.mark.parametrize(
    ("contains", "expected"),
    [
        ("[nowhere]", "contains 'nowhere', which is no entity of the registry"),
        ("[lima]", "contains 'lima', but no alias of it stands inside one of this entity's"),
    ],
)
def test_a_stale_contains_is_reported(small: Path, contains: str, expected: str) -> None:
    path = small / "annotations" / "entities" / "hostages.md"
    entry = ENTITY.format(id="hostages", name="Hostages", alias="hostages")
    path.write_text(entry.replace("sources:", f"contains: {contains}\nsources:"))
    problems = problems_of(small)
    assert any(
        p.startswith("annotations/entities/hostages.md:8: ") and expected in p for p in problems
    ), problems


def test_ci_checks_a_pull_request_with_the_code_of_its_base() -> None:
    """A pull request's own Makefile, conf.py and src/ run only once a maintainer says so."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text("utf-8"))
    jobs = workflow["jobs"]
    steps = jobs["contribution"]["steps"]
    checkouts = [s["with"] for s in steps if s.get("uses", "").startswith("actions/checkout")]
    assert {c["path"] for c in checkouts} == {"base", "pull-request"}
    assert all(c["persist-credentials"] is False for c in checkouts)
    commands = "\n".join(s.get("run", "") for s in steps)
    assert "../base/.venv/bin/ecdosis review ../base" in commands
    assert "make -C base check" in commands
    condition = jobs["test"]["if"]
    assert "safe to test" in condition and "needs.contribution.outputs.code == 'false'" in condition
