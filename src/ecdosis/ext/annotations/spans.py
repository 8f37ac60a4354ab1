"""Stretches of a paragraph's reading text, found by their offsets in its normalised text
(as the model computes them) and wrapped in nodes: quotes of notes, mentions of entities."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator

from docutils import nodes
from sphinx import addnodes

from ecdosis.ext.nodes import intervention, paragraph_number
from ecdosis.model.annotations.anchoring import Span

# The attribute of nodes the edition inserts into a paragraph that are not its text.
MARK = "edition_mark"


def _leaves(node: nodes.Element) -> Iterator[nodes.Node]:
    """The paragraph's text in reading order: Text nodes, and line breaks as raw nodes."""
    for child in node.children:
        if isinstance(child, paragraph_number | nodes.footnote_reference):
            continue
        if isinstance(child, nodes.Element) and child.get(MARK):
            continue  # a mark the edition adds (a link to the glossary), not the text's words
        if isinstance(child, nodes.raw | nodes.Text):
            yield child
        elif isinstance(child, nodes.Element):
            yield from _leaves(child)


# A run of the normalised reading text that stands in one Text node: where it starts in the
# normalised text, the node, where it starts in the node, and its length.
_Run = tuple[int, nodes.Text, int, int]
_WORD = re.compile(r"\S+")


def _runs(paragraph: nodes.paragraph) -> list[_Run]:
    """The normalised reading text as runs of characters, each in one Text node, in order.

    Whitespace is collapsed as :func:`ecdosis.model.anchoring.normalise` collapses it; a line
    break counts as whitespace. A collapsed space has no place of its own: it is the gap of one
    character between two runs.
    """
    runs: list[_Run] = []
    position = 0
    pending_space = False
    for leaf in _leaves(paragraph):
        if isinstance(leaf, nodes.raw):
            pending_space = True
            continue
        assert isinstance(leaf, nodes.Text)
        value = str(leaf)
        last = 0
        for word in _WORD.finditer(value):
            start, end = word.span()
            if (pending_space or start > last) and runs:
                position += 1
            pending_space = False
            runs.append((position, leaf, start, end - start))
            position += end - start
            last = end
        if last < len(value):
            pending_space = True
    return runs


def wrap_span(
    paragraph: nodes.paragraph,
    span: Span,
    wrapper: Callable[[str], nodes.Element],
    *,
    outside_links: bool = False,
) -> list[nodes.Element]:
    """Wrap the span's text, a piece per Text node it covers; return the wrappers in order.

    With ``outside_links``, pieces inside a link (an intervention) are left alone, since a
    link cannot hold another link.
    """
    runs = _runs(paragraph)
    pieces: dict[int, tuple[nodes.Text, int, int]] = {}
    first = max(bisect_right(runs, span.start, key=_position) - 1, 0)
    for position, text, offset, length in runs[first:]:
        if position >= span.end:
            break
        start, end = max(span.start, position), min(span.end, position + length)
        if start >= end:
            continue
        begun = pieces.get(id(text), (text, offset + start - position, 0))
        pieces[id(text)] = (text, begun[1], offset + end - position)
    wrappers = []
    for text, start, end in pieces.values():
        if outside_links and _outermost_link(text) is not None:
            continue
        wrappers.append(_wrap(text, start, end, wrapper))
    return wrappers


def _position(run: _Run) -> int:
    return run[0]


def _outermost_link(node: nodes.Node) -> nodes.Element | None:
    """The outermost link (an intervention or a reference) the node stands in, if any."""
    found: nodes.Element | None = None
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.paragraph):
        if isinstance(parent, intervention | nodes.reference | addnodes.pending_xref):
            found = parent
        parent = parent.parent
    return found


def _wrap(
    text: nodes.Text, start: int, end: int, wrapper: Callable[[str], nodes.Element]
) -> nodes.Element:
    value = str(text)
    wrapped = wrapper(value[start:end])
    parent = text.parent
    replacement: list[nodes.Node] = []
    if value[:start]:
        replacement.append(nodes.Text(value[:start]))
    replacement.append(wrapped)
    if value[end:]:
        replacement.append(nodes.Text(value[end:]))
    # Text nodes are strings and compare equal by value: find this one by identity.
    index = next(i for i, child in enumerate(parent.children) if child is text)
    parent[index : index + 1] = replacement
    return wrapped


def enclosing_link(paragraph: nodes.paragraph, span: Span) -> nodes.Element | None:
    """The outermost link around the span's last character, if it stands in one."""
    last = span.end - 1
    runs = _runs(paragraph)
    index = bisect_right(runs, last, key=_position) - 1
    if index < 0:
        return None
    position, text, _offset, length = runs[index]
    return _outermost_link(text) if last < position + length else None
