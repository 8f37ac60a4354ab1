"""Stretches of a paragraph's reading text, found by their offsets in its normalised text
(as the model computes them) and wrapped in nodes: quotes of notes, mentions of entities."""

from __future__ import annotations

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


def _characters(paragraph: nodes.paragraph) -> list[tuple[nodes.Text, int] | None]:
    """Each character of the normalised reading text, with the Text node and offset it is at.

    Whitespace is collapsed as :func:`ecdosis.model.anchoring.normalise` collapses it; a line
    break counts as whitespace. ``None`` stands for a space with no place of its own.
    """
    result: list[tuple[nodes.Text, int] | None] = []
    pending_space = False
    for leaf in _leaves(paragraph):
        if isinstance(leaf, nodes.raw):
            pending_space = True
            continue
        assert isinstance(leaf, nodes.Text)
        for offset, character in enumerate(str(leaf)):
            if character.isspace():
                pending_space = True
                continue
            if pending_space and result:
                result.append(None)
            pending_space = False
            result.append((leaf, offset))
    return result


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
    pieces: dict[int, tuple[nodes.Text, int, int]] = {}
    for place in _characters(paragraph)[span.start : span.end]:
        if place is None:
            continue
        text, offset = place
        first = pieces.get(id(text), (text, offset, offset))
        pieces[id(text)] = (text, first[1], offset + 1)
    wrappers = []
    for text, start, end in pieces.values():
        if outside_links and _outermost_link(text) is not None:
            continue
        wrappers.append(_wrap(text, start, end, wrapper))
    return wrappers


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
    place = _characters(paragraph)[span.end - 1]
    return None if place is None else _outermost_link(place[0])
