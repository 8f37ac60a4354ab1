"""YAML front matter of an annotation file, read as untrusted input.

Only plain data is accepted: mappings, sequences and scalars, with no anchors or aliases (which
allow "billion laughs" expansion), no tags (which can name Python objects), and little nesting.
Scalars stay strings unless they are plain integers, so that ``2026-11-21`` is the string the
JSON Schema describes, not a date object. Every key keeps the line it was written on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ecdosis.model.annotations.limits import YAML_DEPTH
from ecdosis.model.problems import Problem

FENCE = "---"
# libyaml's parser where PyYAML was built with it (several times faster); the checks are the same
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_INTEGER = re.compile(r"[+-]?[0-9]+\Z")
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLEAN = {"true": True, "True": True, "TRUE": True, "false": False, "False": False}


@dataclass(frozen=True)
class FrontMatter:
    """The front matter's data, where each top-level key stands, and where the body starts."""

    data: dict[str, Any]
    key_lines: dict[str, int]
    end_line: int  # the line of the closing fence
    body: str
    # The line of every value below the top level, by its path: ("passages", 0, "quote").
    item_lines: dict[tuple[str | int, ...], int] = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)

    def line_at(self, *path: str | int) -> int:
        """The line of the value at ``path``, or of the nearest enclosing value written down."""
        for length in range(len(path), 1, -1):
            if path[:length] in self.item_lines:
                return self.item_lines[path[:length]]
        return self.line_of(str(path[0])) if path else 1


def split_front_matter(path: Path, source: str, problems: list[Problem]) -> FrontMatter | None:
    """Separate the front matter from the body and read it; ``None`` after a problem."""
    lines = source.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        problems.append(
            Problem(
                path,
                1,
                "the file does not start with front matter",
                "begin the file with a line '---', the note's keys, and another '---'",
            )
        )
        return None
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() == FENCE), None)
    if closing is None:
        problems.append(
            Problem(
                path,
                1,
                "the front matter is not closed",
                "end the front matter with a line '---' before the note's text",
            )
        )
        return None
    yaml_text = "\n".join(lines[1:closing])
    item_lines: dict[tuple[str | int, ...], int] = {}
    data, key_lines = _read_yaml(path, yaml_text, problems, item_lines)
    if data is None:
        return None
    body = "\n".join(lines[closing + 1 :])
    return FrontMatter(data, key_lines, closing + 1, body, item_lines)


def _read_yaml(
    path: Path, text: str, problems: list[Problem], item_lines: dict[tuple[str | int, ...], int]
) -> tuple[dict[str, Any] | None, dict[str, int]]:
    # Lines of the YAML text are offset by one: the opening fence is line 1 of the file.
    loader = _LOADER
    try:
        try:
            if not _only_plain_data(path, text, problems, loader):
                return None, {}
            root = yaml.compose(text, Loader=loader)
        except yaml.YAMLError:
            if loader is yaml.SafeLoader:
                raise
            # What libyaml refuses, the Python parser reads or explains in its own words (a
            # lone surrogate escape it reads, and the check then names the character).
            loader = yaml.SafeLoader
            if not _only_plain_data(path, text, problems, loader):
                return None, {}
            root = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 2 if mark else 1
        problems.append(
            Problem(
                path,
                line,
                f"the front matter is not valid YAML ({error.problem or error.context})",
                "check the indentation and quoting; quote a value that contains ': ' or '#'",
            )
        )
        return None, {}
    except yaml.YAMLError as error:
        problems.append(
            Problem(
                path,
                1,
                f"the front matter is not valid YAML ({error})",
                "check the indentation and quoting",
            )
        )
        return None, {}
    if not isinstance(root, yaml.MappingNode):
        problems.append(
            Problem(
                path,
                2,
                "the front matter is not a list of 'key: value' lines",
                "write one 'key: value' per line, as in the template",
            )
        )
        return None, {}
    data: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    for key_node, value_node in root.value:
        key = _plain(key_node)
        line = key_node.start_mark.line + 2
        if not isinstance(key, str):
            problems.append(Problem(path, line, "a key is not a name", "write 'name: value'"))
            return None, {}
        if key in data:
            problems.append(
                Problem(
                    path,
                    line,
                    f"the key {key!r} is given twice",
                    "keep one of the two lines",
                )
            )
            return None, {}
        data[key] = _plain(value_node, (key,), item_lines)
        key_lines[key] = line
    return data, key_lines


def _only_plain_data(
    path: Path, text: str, problems: list[Problem], loader: type[yaml.SafeLoader]
) -> bool:
    """Scan the YAML events (without building anything) for what plain data never needs."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        line = event.start_mark.line + 2 if event.start_mark else 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            problems.append(
                Problem(
                    path,
                    line,
                    "the front matter uses a YAML anchor or alias ('&' or '*')",
                    "write each value out in full",
                )
            )
            return False
        tag = getattr(event, "tag", None)  # set only when written out, e.g. "!!python/name"
        if tag not in (None, "!"):
            problems.append(
                Problem(
                    path,
                    line,
                    f"the front matter uses a YAML tag ({tag})",
                    "remove the tag; write plain values",
                )
            )
            return False
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > YAML_DEPTH:
                problems.append(
                    Problem(
                        path,
                        line,
                        "the front matter is nested too deeply",
                        "use the flat keys of the template",
                    )
                )
                return False
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return True


def _plain(
    node: yaml.Node,
    where: tuple[str | int, ...] = (),
    item_lines: dict[tuple[str | int, ...], int] | None = None,
) -> Any:
    """The node as plain data; with ``item_lines``, the line of each nested value is kept."""
    lines = item_lines if item_lines is not None else {}
    if isinstance(node, yaml.MappingNode):
        mapping = {}
        for key_node, value_node in node.value:
            key = str(_plain(key_node))
            lines[(*where, key)] = key_node.start_mark.line + 2
            mapping[key] = _plain(value_node, (*where, key), lines)
        return mapping
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            lines[(*where, index)] = item.start_mark.line + 2
            items.append(_plain(item, (*where, index), lines))
        return items
    value: str = node.value
    if getattr(node, "style", None):  # quoted or block scalars are always strings
        return value
    if _INTEGER.match(value):
        return int(value)
    if value in _NULL:
        return None
    if value in _BOOLEAN:
        return _BOOLEAN[value]
    return value
