"""A quick yes to "is this front matter valid?", compiled from the same JSON Schemas.

Validating 2,000 files with jsonschema takes a third of a second: it walks each schema again for
every file, and makes a validator object at every step. Nearly every file is valid, and for a
valid file jsonschema's only answer is "no errors". So each schema is compiled once into plain
Python checks of the keywords the shipped schemas use, and a file these checks find valid is
not given to jsonschema at all; a file they do not find valid is, and jsonschema's errors become
the messages, exactly as before.

The compiled check never says "valid" where jsonschema would not:

- a keyword outside the subset below makes the whole schema uncompiled (:func:`compiled`
  returns ``None``), so that a schema an editor extends is always checked by jsonschema;
- a value whose meaning under JSON Schema is subtler than these checks (a float where an
  integer is expected: JSON Schema counts ``1.0`` as one; a repeated-items check over values
  other than strings) gives no answer, and jsonschema decides.

The subset: ``type``, ``enum`` (of strings), ``pattern`` (as ECMA-262 reads it), ``minLength``,
``maxLength``, ``minimum``, ``maximum``, ``items`` (one schema), ``minItems``, ``maxItems``,
``uniqueItems``, ``properties``, ``additionalProperties`` (``true`` or ``false``),
``required``, ``if``/``then``/``else``, and ``$ref`` to ``#/$defs/<name>`` of the same file or
of the shared definitions; annotations such as ``description`` are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

Check = Callable[[Any], bool]
Regex = Callable[[str], re.Pattern[str]]

# Keywords that say nothing about validity.
_ANNOTATIONS = frozenset(
    {"$schema", "$id", "$comment", "$defs", "title", "description", "examples", "default"}
)


class Unsupported(Exception):
    """The schema uses a keyword (or a form of one) that is not compiled."""


class Unsure(Exception):
    """The value is one whose validity the compiled checks do not decide."""


def compiled(
    schema: Mapping[str, Any],
    definitions: Mapping[str, Any],
    definitions_name: str,
    regex: Regex = re.compile,
) -> Check | None:
    """A check that is true only of values valid against ``schema`` (whose references into
    ``definitions``, the file ``definitions_name``, are followed; whose patterns ``regex``
    compiles); ``None`` if the schema uses more than the subset."""
    try:
        check = _Compiler(definitions, definitions_name, regex).check(schema, schema)
    except Unsupported:
        return None

    def surely_valid(instance: Any) -> bool:
        try:
            return check(instance)
        except Unsure:
            return False

    return surely_valid


def _is_string(value: Any) -> bool:
    return isinstance(value, str)


def _is_integer(value: Any) -> bool:
    if type(value) is int:
        return True
    if isinstance(value, float):
        raise Unsure  # JSON Schema counts 1.0 as an integer
    return False


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


_TYPES: dict[str, Check] = {
    "string": _is_string,
    "integer": _is_integer,
    "number": _is_number,
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "boolean": lambda value: isinstance(value, bool),
    "null": lambda value: value is None,
}


def _all_strings_distinct(value: Any) -> bool:
    if not isinstance(value, list):
        return True
    if not all(isinstance(item, str) for item in value):
        raise Unsure  # JSON Schema's equality of other values (1 and 1.0, true and 1)
    return len(set(value)) == len(value)


class _Compiler:
    def __init__(self, definitions: Mapping[str, Any], definitions_name: str, regex: Regex) -> None:
        self.definitions = definitions
        self.definitions_name = definitions_name
        self.regex = regex
        self.referenced: dict[tuple[int, str], Check] = {}
        self.following: set[tuple[int, str]] = set()

    def check(self, schema: Any, document: Mapping[str, Any]) -> Check:
        """``schema``, a part of ``document`` (the file its local references point into)."""
        if schema is True:
            return lambda value: True
        if schema is False:
            return lambda value: False
        if not isinstance(schema, dict):
            raise Unsupported(repr(schema))
        found = [
            self.keyword(keyword, argument, schema, document)
            for keyword, argument in schema.items()
            if keyword not in _ANNOTATIONS and keyword not in ("then", "else")
        ]
        checks = [check for check in found if check is not None]
        if len(checks) == 1:
            return checks[0]
        return lambda value: all(check(value) for check in checks)

    def keyword(
        self, keyword: str, argument: Any, schema: Mapping[str, Any], document: Mapping[str, Any]
    ) -> Check | None:
        # Each check holds of a value its keyword does not apply to (a pattern of a number).
        if keyword == "type":
            names = argument if isinstance(argument, list) else [argument]
            if not all(name in _TYPES for name in names):
                raise Unsupported(f"type {argument!r}")
            tests = [_TYPES[name] for name in names]
            return lambda value: any(test(value) for test in tests)
        if keyword == "enum":
            if not all(isinstance(allowed, str) for allowed in argument):
                raise Unsupported("an enum of values other than strings")
            allowed = frozenset(argument)
            return lambda value: isinstance(value, str) and value in allowed
        if keyword == "pattern":
            search = self.regex(argument).search
            return lambda value: not isinstance(value, str) or search(value) is not None
        if keyword in _BOUNDS:
            applies, measure, least = _BOUNDS[keyword]
            bound = argument
            if least:
                return lambda value: not applies(value) or measure(value) >= bound
            return lambda value: not applies(value) or measure(value) <= bound
        if keyword == "uniqueItems":
            return _all_strings_distinct if argument is True else None
        if keyword == "items":
            item = self.check(argument, document)
            return lambda value: not isinstance(value, list) or all(item(i) for i in value)
        if keyword == "properties":
            members = {name: self.check(sub, document) for name, sub in argument.items()}
            return lambda value: (
                not isinstance(value, dict)
                or all(member(value[name]) for name, member in members.items() if name in value)
            )
        if keyword == "additionalProperties":
            if argument is True:
                return None
            if argument is not False:
                raise Unsupported("additionalProperties other than true or false")
            known = frozenset(schema.get("properties", {}))
            return lambda value: not isinstance(value, dict) or all(key in known for key in value)
        if keyword == "required":
            required = tuple(argument)
            return lambda value: not isinstance(value, dict) or all(n in value for n in required)
        if keyword == "if":
            condition = self.check(argument, document)
            then = self.check(schema.get("then", True), document)
            otherwise = self.check(schema.get("else", True), document)
            return lambda value: then(value) if condition(value) else otherwise(value)
        if keyword == "$ref":
            return self.reference(str(argument), document)
        raise Unsupported(keyword)

    def reference(self, reference: str, document: Mapping[str, Any]) -> Check:
        target, _, pointer = reference.partition("#")
        if target == self.definitions_name:
            document = self.definitions
        elif target:
            raise Unsupported(f"$ref {reference!r}")
        if not pointer.startswith("/$defs/") or pointer.count("/") != 2:
            raise Unsupported(f"$ref {reference!r}")
        name = pointer.removeprefix("/$defs/")
        key = (id(document), name)
        if key not in self.referenced:
            definition = document.get("$defs", {}).get(name)
            if definition is None or key in self.following:  # missing, or recursive
                raise Unsupported(f"$ref {reference!r}")
            self.following.add(key)
            self.referenced[key] = self.check(definition, document)
        return self.referenced[key]


def _length(value: Any) -> int:
    return len(value)


def _number(value: Any) -> Any:
    return value


_BOUNDS: dict[str, tuple[Check, Callable[[Any], Any], bool]] = {
    "minLength": (_is_string, _length, True),
    "maxLength": (_is_string, _length, False),
    "minimum": (_is_number, _number, True),
    "maximum": (_is_number, _number, False),
    "minItems": (lambda value: isinstance(value, list), _length, True),
    "maxItems": (lambda value: isinstance(value, list), _length, False),
}
