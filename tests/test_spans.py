"""Stretches of a paragraph found by their offsets in its normalised text and wrapped in nodes
(``ecdosis.ext.annotations.spans``): whitespace collapsed across nodes and line breaks."""

from __future__ import annotations

from docutils import nodes

from ecdosis.ext.annotations.spans import enclosing_link, wrap_span
from ecdosis.ext.nodes import paragraph_number
from ecdosis.model.annotations.anchoring import Span, normalise


def _paragraph() -> nodes.paragraph:
    """ "  The  army\\n" + emphasis "stormed it" + a line break + "  at  noon " """
    paragraph = nodes.paragraph()
    paragraph += paragraph_number("", nodes.Text("3"))
    paragraph += nodes.Text("  The  army\n")
    link = nodes.reference("", "", refuri="#x")
    link += nodes.Text("stormed it")
    paragraph += link
    paragraph += nodes.raw("", "<br/>", format="html")
    paragraph += nodes.Text("  at  noon ")
    return paragraph


def _quote(quote: str) -> Span:
    text = normalise("  The  army\n" + "stormed it" + "\n" + "  at  noon ")
    start = text.index(quote)
    return Span(start, start + len(quote))


def _marked(text: str) -> nodes.Element:
    return nodes.inline("", text, classes=["mark"])


def test_a_span_across_nodes_is_wrapped_a_piece_per_node_its_spaces_collapsed() -> None:
    paragraph = _paragraph()
    wrappers = wrap_span(paragraph, _quote("army stormed it at"), _marked)
    assert [wrapper.astext() for wrapper in wrappers] == ["army", "stormed it", "at"]
    assert paragraph.astext() == "3  The  army\nstormed it<br/>  at  noon "  # nothing lost


def test_a_span_starting_on_a_collapsed_space_starts_at_the_next_word() -> None:
    paragraph = _paragraph()
    army = _quote("army")
    wrappers = wrap_span(paragraph, Span(army.start - 1, army.end), _marked)
    assert [wrapper.astext() for wrapper in wrappers] == ["army"]


def test_outside_links_leaves_the_pieces_in_a_link_alone() -> None:
    paragraph = _paragraph()
    span = _quote("army stormed it at")
    wrappers = wrap_span(paragraph, span, _marked, outside_links=True)
    assert [wrapper.astext() for wrapper in wrappers] == ["army", "at"]


def test_the_enclosing_link_is_the_one_around_the_spans_last_character() -> None:
    paragraph = _paragraph()
    link = paragraph[2]
    assert enclosing_link(paragraph, _quote("army stormed")) is link
    assert enclosing_link(paragraph, _quote("army")) is None
    assert enclosing_link(paragraph, _quote("noon")) is None
