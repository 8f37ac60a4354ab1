"""Indented JSON text, as :func:`json.dumps` writes it with ``indent`` and
``ensure_ascii=False``, made faster.

With an ``indent``, the standard library encodes in Python, one generator per container; the
data files of an edition (thousands of DTS files, every text's citations and annotations)
spent most of their time there. :func:`indented_json` builds the same text by appending to one
list, and encodes strings with the library's own C escaper. Anything it does not expect (a
key that is not a string, a number that is not finite, an object of another type) is left to
:func:`json.dumps`, whose text or error is the answer.
"""

from __future__ import annotations

import json
import math
from json.encoder import encode_basestring  # the C escaper, as json.dumps uses it
from typing import Any

_SCALARS: dict[object, str] = {True: "true", False: "false", None: "null"}


class _Unexpected(Exception):
    """A value :func:`indented_json` leaves to :func:`json.dumps`."""


def indented_json(data: Any, indent: int, *, sort_keys: bool = False) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=sort_keys)``."""
    parts: list[str] = []
    try:
        _encode(data, parts, "\n", " " * indent, sort_keys)
    except (_Unexpected, TypeError, RecursionError):  # json.dumps gives its text or error
        return json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=sort_keys)
    return "".join(parts)


def _encode(value: Any, parts: list[str], newline: str, step: str, sort_keys: bool) -> None:
    """Append the JSON of ``value`` to ``parts``; ``newline`` is the line break and the
    indentation of the line ``value`` stands on."""
    kind = type(value)
    if kind is str:
        parts.append(encode_basestring(value))
    elif kind is dict:
        if not value:
            parts.append("{}")
            return
        inner = newline + step
        items = sorted(value.items()) if sort_keys else value.items()
        separator = "{" + inner
        for key, item in items:
            if type(key) is not str:
                raise _Unexpected
            parts.append(separator)
            parts.append(encode_basestring(key))
            parts.append(": ")
            _encode(item, parts, inner, step, sort_keys)
            separator = "," + inner
        parts.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            parts.append("[]")
            return
        inner = newline + step
        separator = "[" + inner
        for item in value:
            parts.append(separator)
            _encode(item, parts, inner, step, sort_keys)
            separator = "," + inner
        parts.append(newline + "]")
    elif kind is bool or value is None:
        parts.append(_SCALARS[value])
    elif kind is int:
        parts.append(int.__repr__(value))
    elif kind is float and math.isfinite(value):
        parts.append(float.__repr__(value))
    else:
        raise _Unexpected
