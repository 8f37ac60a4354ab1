"""Front matter checked against the JSON Schemas shipped in ``ecdosis/schemas``.

Each kind of annotation file has its schema (``note``, ``entity``, ``term``, ``event``,
``topic``); values they share are in ``definitions.schema.json``. The same files serve editors
for completion and validation. Every schema error becomes a :class:`Problem` on the line of the
value it is about.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ecdosis.model.annotations.front_matter import FrontMatter
from ecdosis.model.annotations.schema_compiled import Check, compiled
from ecdosis.model.problems import Problem

if TYPE_CHECKING:  # imported when a file is first checked: a build that reuses every file
    import jsonschema  # checks none, and does not load the validator
    from referencing import Registry

DEFINITIONS = "definitions.schema.json"


def _read(name: str) -> dict[str, Any]:
    text = files("ecdosis.schemas").joinpath(name).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def schema_of(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of annotation file, e.g. ``note`` or ``entity``."""
    return _read(f"{kind}.schema.json")


@cache
def _registry() -> Registry[Any]:
    from referencing import Registry, Resource

    definitions = Resource.from_contents(_read(DEFINITIONS))
    registry: Registry[Any] = Registry().with_resource(DEFINITIONS, definitions)
    return registry


def describe(kind: str, key: str) -> str:
    """What the schema says a key is for (following a reference to the shared definitions)."""
    value: dict[str, Any] = schema_of(kind)["properties"].get(key, {})
    if "description" in value:
        return str(value["description"])
    reference = str(value.get("$ref", ""))
    if reference.startswith(DEFINITIONS + "#/$defs/"):
        shared: dict[str, Any] = _read(DEFINITIONS)["$defs"][reference.rsplit("/", 1)[1]]
        return str(shared.get("description", ""))
    return ""


@cache
def ecma_regex(pattern: str) -> re.Pattern[str]:
    """A JSON Schema pattern compiled as ECMA-262 reads it: ``$`` is the end of the value.

    Python's ``$`` also matches before a final newline, so ``^[a-z-]+$`` would accept
    ``"ab-x\\n"``; every ``$`` outside a character class becomes ``\\Z``.
    """
    out, in_class, index = [], False, 0
    while index < len(pattern):
        character = pattern[index]
        if character == "\\":
            out.append(pattern[index : index + 2])
            index += 2
            continue
        if character == "[":
            in_class = True
        elif character == "]":
            in_class = False
        elif character == "$" and not in_class:
            character = r"\Z"
        out.append(character)
        index += 1
    return re.compile("".join(out))


def _pattern(
    validator: jsonschema.protocols.Validator, pattern: str, instance: Any, schema: Any
) -> Iterator[jsonschema.ValidationError]:
    import jsonschema

    if validator.is_type(instance, "string") and not ecma_regex(pattern).search(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def validator_class() -> Any:
    """The validator of every annotation file: JSON Schema 2020-12, with ECMA-262 patterns."""
    import jsonschema

    return jsonschema.validators.extend(  # type: ignore[no-untyped-call]
        jsonschema.Draft202012Validator, validators={"pattern": _pattern}
    )


@cache
def _validator(kind: str) -> Any:
    return validator_class()(schema_of(kind), registry=_registry())


@cache
def _surely_valid(kind: str) -> Check | None:
    """The quick check of ``kind``'s files (:mod:`ecdosis.model.annotations.schema_compiled`)."""
    return compiled(schema_of(kind), _read(DEFINITIONS), DEFINITIONS, ecma_regex)


def check_front_matter(
    path: Path, front: FrontMatter, kind: str, problems: list[Problem], template: str
) -> None:
    """Report every way ``front`` departs from the schema of ``kind``.

    ``template`` names where a contributor finds an example (e.g. "CONTRIBUTING.md").
    """
    quick = _surely_valid(kind)
    if quick is not None and quick(front.data):
        return  # jsonschema would find no error
    errors = sorted(
        _validator(kind).iter_errors(front.data), key=lambda e: [str(p) for p in e.path]
    )
    for error in errors:
        where = tuple(error.path)
        key = str(where[0]) if where else ""
        line = front.line_at(*where) if where else 1
        place = place_name(where) if where else "the front matter"
        if error.validator == "required":
            missing = str(error.message).split("'")[1]
            if error.schema_path and "then" in error.schema_path:
                message = f"{_subject(front, kind)} needs '{missing}'"
                fix = "cite at least one entry of annotations/references.bib: sources: [key]"
            elif len(where) > 1:
                message = f"{place_name(where)} has no {missing!r}"
                fix = f"add '{missing}: …' to it"
            else:
                message = f"the key {missing!r} is missing"
                fix = f"add '{missing}: …' — {describe(kind, missing)}"
            problems.append(Problem(path, line if where else front.end_line, message, fix))
        elif error.validator == "additionalProperties":
            allowed = list(error.schema.get("properties", {}))
            instance: dict[str, Any] = error.instance
            for unknown in sorted(set(instance) - set(allowed)):
                at = (*where, unknown)
                problems.append(
                    Problem(
                        path,
                        front.line_at(*at),
                        f"unknown key {unknown!r} in {place}",
                        f"remove it; the keys allowed here are: {', '.join(allowed)}",
                    )
                )
        elif error.validator == "minItems" and key == "sources":
            problems.append(
                Problem(
                    path,
                    line,
                    f"{_subject(front, kind)} needs at least one source",
                    "cite at least one entry of annotations/references.bib: sources: [key]",
                )
            )
        else:
            value = error.instance
            shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "…"
            described = describe(kind, key) if len(where) == 1 else ""
            problems.append(
                Problem(
                    path,
                    line,
                    f"{place}: {shown} is not valid ({_reason(error)})",
                    described or f"see {template}",
                )
            )


def _subject(front: FrontMatter, kind: str) -> str:
    """ "a context note", "an entity": what the file is, as its messages name it."""
    qualifier = front.data.get("kind") if kind == "note" else None
    words = f"{qualifier} {kind}" if isinstance(qualifier, str) else kind
    return ("an " if words[0] in "aeiou" else "a ") + words


def place_name(where: tuple[Any, ...]) -> str:
    """A value's place as a contributor reads it: ``passages[2].quote`` counts from 1."""
    text = ""
    for part in where:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _reason(error: jsonschema.ValidationError) -> str:
    allowed: Any = error.validator_value
    reasons = {
        "type": f"expected {error.validator_value}",
        "pattern": "wrong form",
        "enum": f"expected one of {', '.join(str(v) for v in allowed)}"
        if error.validator == "enum"
        else "",
        "maxLength": f"longer than {error.validator_value} characters",
        "minLength": "too short",
        "minimum": f"less than {error.validator_value}",
        "maximum": f"more than {error.validator_value}",
        "uniqueItems": "an item is repeated",
        "maxItems": f"more than {error.validator_value} items",
        "minItems": f"fewer than {error.validator_value} items",
    }
    return reasons.get(str(error.validator), str(error.validator))
