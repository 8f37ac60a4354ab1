"""Mentions of entities and first uses of glossary terms, linked in a paragraph.

Each mention links to the entity's entry on its index page (where the whole name is an
editor's correction, which links to the apparatus, an arrow after it links to the entry) and
carries an index entry, so that the PDF's index of names (and the HTML's general index) lists
the page it is on. The
first use of a term in a text links to the glossary; where that use is also a mention (the
acronym of an organisation), the words link to the entity and a mark after them to the term.

A mark is a symbol (``*`` for the glossary, ``→`` for the index), which says nothing to a
screen reader: in HTML and EPUB the symbol is hidden from it and the link is named in words
("Glossary: UNESCO", "Index: Mary Shelley"), visually hidden by the ``mark-label`` rule of
``ecdosis.css``; the PDF prints the symbol alone.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from docutils import nodes
from sphinx import addnodes

from ecdosis.ext.annotations.spans import MARK, enclosing_link, wrap_span
from ecdosis.ext.annotations.xrefs import edition_reference
from ecdosis.model.annotations.mentions import Mention
from ecdosis.model.edition import Edition

MENTION_CLASS = "entity-mention"
TERM_CLASS = "glossary-term"
TERM_MARK = "*"
ENTITY_MARK = "→"


def mention_id(mention: Mention, index: int) -> str:
    return f"mention-{mention.paragraph}-{index}"


def link_mentions(paragraph: nodes.paragraph, anchor: str, edition: Edition) -> None:
    """Link the paragraph's mentions and first uses of terms (``anchor`` is its id)."""
    mentions, uses = edition.mentions.in_paragraph(anchor)
    entities = {entity.id: entity for entity in edition.annotations.entities}
    wrapped: list[tuple[Mention, nodes.Element]] = []
    for index, mention in enumerate(mentions, start=1):
        entity = entities[mention.key]
        link = _linker("entity", entity.id, [MENTION_CLASS, f"entity-{entity.type}"])
        pieces = wrap_span(paragraph, mention.span, link, outside_links=True)
        if not pieces:
            # The words are an editor's correction, itself a link to the apparatus: a link
            # cannot hold another, so a mark after the correction links to the entity.
            correction = enclosing_link(paragraph, mention.span)
            assert correction is not None
            mark = _mark("entity", entity.id, "entity-mark", ENTITY_MARK, f"Index: {entity.name}")
            _insert_after(correction, mark)
            pieces = [mark]
        target = mention_id(mention, index)
        first = pieces[0][0]
        assert isinstance(first, nodes.Element)
        first["ids"].append(target)
        entry = addnodes.index(entries=[("single", entity.sort, target, "", None)], inline=True)
        parent = pieces[0].parent
        parent.insert(parent.index(pieces[0]), entry)
        wrapped.append((mention, pieces[-1]))
    terms = {term.id: term for term in edition.annotations.terms}
    for use in uses:
        term = terms[use.key]
        overlapping = [last for m, last in wrapped if _overlap(m, use)]
        if overlapping:
            mark = _mark("glossary", term.id, "glossary-mark", TERM_MARK, f"Glossary: {term.term}")
            _insert_after(overlapping[-1], mark)
        else:
            wrap_span(
                paragraph, use.span, _linker("glossary", term.id, [TERM_CLASS]), outside_links=True
            )


def _insert_after(node: nodes.Element, mark: nodes.Element) -> None:
    """Put a mark after the words, outside any link or foreign-language span around them."""
    while not isinstance(node.parent, nodes.paragraph):
        node = node.parent
    node.parent.insert(node.parent.index(node) + 1, mark)


def _linker(role: str, target: str, classes: list[str]) -> Callable[[str], nodes.Element]:
    def link(words: str) -> nodes.Element:
        reference = edition_reference(role, target, nodes.inline("", words, classes=classes))
        reference["classes"] = [f"{classes[0]}-link"]
        return reference

    return link


def _mark(role: str, target: str, css_class: str, symbol: str, name: str) -> nodes.Element:
    """A mark linking to an entry: the symbol for the eye, ``name`` for a screen reader."""
    shown = nodes.inline("", "", classes=[css_class])
    shown += nodes.raw(
        "",
        f'<span aria-hidden="true">{symbol}</span>'
        f'<span class="mark-label">{html.escape(name)}</span>',
        format="html",
    )
    shown += nodes.raw("", symbol, format="latex")
    reference = edition_reference(role, target, shown, title=name)
    reference["classes"] = [f"{css_class}-link"]
    reference[MARK] = True
    return reference


def _overlap(mention: Mention, use: Mention) -> bool:
    return mention.span.start < use.span.end and use.span.start < mention.span.end
