"""The register is read line by line when every line is one its writer makes, and then gives
exactly what the TOML parser gives; any other file is left to the parser, errors and all."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from ecdosis.model.problems import Problem
from ecdosis.model.publication.register import (
    AnchorRegister,
    RegisteredAnchor,
    Version,
    _entry_fields,
    _parse,
    _parse_written,
    dump_register,
    load_register,
)

ROOT = Path(__file__).resolve().parent.parent
WRITTEN = [
    ROOT / "docs" / "anchor-register.toml",
    ROOT / "tests" / "roots" / "test-small" / "anchor-register.toml",
]

OTHERS = [
    '[anchors."p"]\na = { kind = "x", }\n',  # a trailing comma: not TOML
    '[anchors."p"]\na = { kind = "x" since = "y" }\n',
    '[anchors."p"]\na = { kind = "x", kind = "y" }\n',
    '[anchors."p"]\na = { kind = "x" }\n"a" = { kind = "y" }\n',
    '[anchors."p"]\na = { kind = "x" }\n[anchors."p"]\nb = { kind = "y" }\n',
    '[anchors."p"]\na = { kind = 1 }\n',
    '[anchors."p"]\na = { kind = "x\\"y" }\n',
    '[anchors."p"]\na = { kind = "a\tb" }\n',
    '[anchors."p"]\na = { kind = "x" } # a comment\n',
    '[anchors."p"]\na={kind="x"}\n',
    '[anchors."p"]\na = { changed = ["0.1", "0.2",] }\n',
    '[anchors."p"]\na = { changed = ["0.1" "0.2"] }\n',
    '[anchors."p"]\n"a b" = { kind = "note" }\n',
    '[anchors."p".q]\nkind = "note"\n',
    'a = { kind = "x" }\n',
    '[versions]\n"0.1" = { date = "2026-01-01" }\n[versions]\n',
    'x = """\na = { kind = "note" }\n"""\n',
]


@pytest.mark.parametrize("path", WRITTEN, ids=lambda p: p.parent.name)
def test_a_written_register_is_read_line_by_line_as_toml_reads_it(path: Path) -> None:
    source = path.read_text("utf-8")
    assert _parse_written(source) is not None
    assert _parse_written(source) == tomllib.loads(source)


@pytest.mark.parametrize("source", OTHERS)
def test_any_other_file_reads_as_toml_reads_it(source: str) -> None:
    def outcome(read: object) -> object:
        try:
            return read(source)  # type: ignore[operator]
        except tomllib.TOMLDecodeError as error:
            return f"error: {error}"

    assert outcome(_parse) == outcome(tomllib.loads)


@pytest.mark.parametrize("fingerprint", ["", "0123456789abcdef"])
@pytest.mark.parametrize("changed", [(), ("0.2",), ("0.2", "0.3")])
@pytest.mark.parametrize("retired", ["", "0.3"])
@pytest.mark.parametrize("forward", ["", "texts/ab#ab-4"])
def test_an_entry_is_written_as_the_fields_it_has_and_read_back_as_it_was(
    tmp_path: Path, fingerprint: str, changed: tuple[str, ...], retired: str, forward: str
) -> None:
    entry = RegisteredAnchor(
        "texts/ab", "ab-3", "note", "0.1", fingerprint, changed, retired, forward
    )
    register = AnchorRegister(
        tmp_path / "anchor-register.toml",
        {"0.1": Version("0.1", "2026-01-01")},
        {(entry.page, entry.anchor): entry},
    )
    text = dump_register(register)
    read = tomllib.loads(text)["anchors"]["texts/ab"]["ab-3"]
    # the fields the entry has, in the order the register gives them, then the versions that
    # changed it
    assert list(read.items()) == [
        *_entry_fields(entry).items(),
        *([("changed", list(changed))] if changed else []),
    ]
    register.path.write_text(text, "utf-8")
    problems: list[Problem] = []
    again = load_register(register.path, problems)
    assert problems == []
    assert [replace(e, line=0) for e in again.anchors.values()] == [entry]
    assert _parse_written(text) == tomllib.loads(text)  # read line by line
