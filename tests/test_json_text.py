"""The fast indented JSON writes what ``json.dumps`` writes, for every kind of value."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from ecdosis.model.json_text import indented_json

SAMPLES: list[Any] = [
    {},
    [],
    {"a": {}, "b": [], "c": [{}], "d": [[]]},
    {"é": 'naïve – “quoted” \\ / " \n \t \u2028 \x00 \x1f', "z": None, "y": True, "x": False},
    [1, -2, 0, 10**30, 1.5, -0.0, 1e300, 3.141592653589793],
    {"nested": {"deeper": {"deepest": ["a", ("b", "c"), {"k": 1}]}}},
    {"b": 1, "a": 2, "C": 3, "_": 4},
    "just a string",
    42,
    None,
]


def _random_value(rng: random.Random, depth: int) -> Any:
    choice = rng.randrange(8 if depth < 4 else 5)
    if choice == 0:
        return "".join(
            rng.choice('ab é"\\\n\u00e7\u4e2d\U0001f600') for _ in range(rng.randrange(6))
        )
    if choice == 1:
        return rng.randrange(-1000, 1000)
    if choice == 2:
        return rng.choice([True, False, None])
    if choice == 3:
        return rng.random() * 10 ** rng.randrange(-5, 5)
    if choice == 4:
        return ""
    if choice == 5:
        return [_random_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    keys = ["k", "a", "Z", "é", "@id", "_"]
    return {
        rng.choice(keys) + str(i): _random_value(rng, depth + 1) for i in range(rng.randrange(4))
    }


@pytest.mark.parametrize("indent", [0, 1, 2, 4])
@pytest.mark.parametrize("sort_keys", [False, True])
def test_the_text_is_that_of_json_dumps(indent: int, sort_keys: bool) -> None:
    rng = random.Random(1997 + indent)
    values = SAMPLES + [_random_value(rng, 0) for _ in range(300)]
    for value in values:
        expected = json.dumps(value, ensure_ascii=False, indent=indent, sort_keys=sort_keys)
        assert indented_json(value, indent, sort_keys=sort_keys) == expected


def test_what_it_does_not_expect_is_left_to_json_dumps() -> None:
    # keys that are not strings, numbers that are not finite: json.dumps's own text
    for value in [{1: "one", None: "none"}, [float("nan"), float("inf")], {True: 1}]:
        assert indented_json(value, 2) == json.dumps(value, ensure_ascii=False, indent=2)
    # and its own error for what JSON cannot hold
    with pytest.raises(TypeError):
        indented_json({"a": object()}, 2)
    circular: list[Any] = []
    circular.append(circular)
    with pytest.raises(ValueError, match="Circular"):
        indented_json(circular, 2)
