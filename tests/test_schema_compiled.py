"""The quick schema check says "valid" only where jsonschema finds no error, and says it of
every valid annotation file of the repository; a schema beyond its subset is not compiled."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ecdosis.model.annotations.front_matter import FrontMatter, split_front_matter
from ecdosis.model.annotations.schema_check import (
    DEFINITIONS,
    _read,
    _surely_valid,
    _validator,
    check_front_matter,
    ecma_regex,
    schema_of,
)
from ecdosis.model.annotations.schema_compiled import compiled
from ecdosis.model.problems import Problem
from tests.conftest import ROOT

# Each kind of file, and the folders of the repository's annotations that hold it.
KINDS = {
    "note": ["fi", "ig", "po", "rw", "ww"],
    "entity": ["entities"],
    "term": ["glossary"],
    "event": ["timeline"],
    "topic": ["topics"],
    "figure": ["figures"],
}
# Values put in place of each value of a valid file: of the wrong type, length, form or range.
REPLACEMENTS: list[Any] = [
    5,
    -1,
    0,
    1,
    100,
    101,
    True,
    False,
    None,
    [],
    {},
    "",
    "x",
    "x" * 400,
    " ",
    "a\n",
    "ab-x\n",
    "ab-2",
    "ab-0",
    "2026-01-02",
    "2026-1-2",
    "<b>",
    "context",
    "supported",
    ["a", "a"],
    ["a"],
    ["a", "b"],
    [1],
    ["x" * 100],
    [{"target": "ab-2", "quote": "xx"}],
    {"target": "ab-2"},
    {"target": "ab-2", "quote": "xx", "other": 1},
    ["a"] * 40,
]
# Values whose validity JSON Schema decides by rules the quick check leaves to jsonschema.
UNSURE: list[Any] = [1.0, 2.5, [1, 1.0], [True, 1], [[], []]]


def front_matters(kind: str) -> Iterator[tuple[Path, dict[str, Any]]]:
    for folder in KINDS[kind]:
        for path in sorted((ROOT / "annotations" / folder).glob("*.md")):
            problems: list[Problem] = []
            front = split_front_matter(path, path.read_text(encoding="utf-8"), problems)
            assert front is not None and problems == [], problems
            yield path, front.data


def places(data: Any, where: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every value's place in the front matter, at any depth (of a list, its first two)."""
    items = data.items() if isinstance(data, dict) else enumerate(data[:2])
    for key, value in items:
        yield (*where, key)
        if isinstance(value, dict | list):
            yield from places(value, (*where, key))


def replaced(data: dict[str, Any], where: tuple[Any, ...], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(data)
    container = changed
    for key in where[:-1]:
        container = container[key]
    container[where[-1]] = value
    return changed


def variants(data: dict[str, Any]) -> Iterator[tuple[dict[str, Any], bool]]:
    """Changed copies of ``data``, each with whether the quick check must decide it."""
    for where in places(data):
        for value in REPLACEMENTS:
            yield replaced(data, where, value), True
        for value in UNSURE:
            yield replaced(data, where, value), False
        if isinstance(where[-1], str):
            removed = replaced(data, where, None)
            container = removed
            for key in where[:-1]:
                container = container[key]
            del container[where[-1]]
            yield removed, True
            yield replaced(data, (*where[:-1], "unknown"), "x"), True


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_file_of_the_repository_is_quickly_valid(kind: str) -> None:
    quick = _surely_valid(kind)
    assert quick is not None, f"the {kind} schema is not compiled"
    found = 0
    for path, data in front_matters(kind):
        assert _validator(kind).is_valid(data), path
        assert quick(data), path
        found += 1
    assert found > 0


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_quick_check_agrees_with_jsonschema(kind: str) -> None:
    quick = _surely_valid(kind)
    validator = _validator(kind)
    assert quick is not None
    compared = invalid = 0
    for _, data in list(front_matters(kind))[:3]:
        for variant, decided in variants(data):
            valid = validator.is_valid(variant)
            if decided:
                assert quick(variant) == valid, variant
            else:  # left to jsonschema: never "valid" where jsonschema finds an error
                assert valid or not quick(variant), variant
            compared += 1
            invalid += not valid
    assert compared > 200 and invalid > 100


def test_json_schema_integers_are_left_to_jsonschema() -> None:
    data = next(front_matters("note"))[1] | {"occurrence": 1.0}
    assert _validator("note").is_valid(data)  # JSON Schema: 1.0 is an integer
    quick = _surely_valid("note")
    assert quick is not None and not quick(data)
    problems: list[Problem] = []
    check_front_matter(ROOT / "n.md", FrontMatter(data, {}, 1, ""), "note", problems, "")
    assert problems == []
    wrong = data | {"occurrence": 1.5}
    check_front_matter(ROOT / "n.md", FrontMatter(wrong, {}, 1, ""), "note", problems, "")
    assert [p.message for p in problems] == ["occurrence: 1.5 is not valid (expected integer)"]


@pytest.mark.parametrize(
    "extension",
    [
        {"const": 1},
        {"format": "date"},
        {"patternProperties": {"^x": {"type": "string"}}},
        {"additionalProperties": {"type": "string"}},
        {"items": [{"type": "string"}]},
        {"enum": [1, 2]},
        {"$ref": "other.schema.json#/$defs/id"},
        {"$ref": "#/$defs/missing"},
        {"$defs": {"loop": {"$ref": "#/$defs/loop"}}, "$ref": "#/$defs/loop"},
    ],
)
def test_a_schema_beyond_the_subset_is_not_compiled(extension: dict[str, Any]) -> None:
    schema = schema_of("note") | extension
    assert compiled(schema, _read(DEFINITIONS), DEFINITIONS, ecma_regex) is None
