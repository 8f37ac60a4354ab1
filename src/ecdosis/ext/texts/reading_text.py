"""The reading text as doctree nodes: title, heading blocks and numbered paragraphs."""

from __future__ import annotations

from docutils import nodes

from ecdosis.ext.nodes import foreign_words, intervention, line_break, paragraph_number
from ecdosis.model.texts.reading_text import Block, Foreign, Intervention, LineBreak, Segment


def apparatus_entry_id(siglum: str, item: Intervention) -> str:
    return f"{siglum}-app-{item.number}"


def intervention_id(siglum: str, item: Intervention) -> str:
    return f"{siglum}-int-{item.number}"


def paragraph_label(siglum: str, number: int) -> str:
    """How a paragraph is named in references: e.g. "AB ¶3"."""
    return f"{siglum.upper()} ¶{number}"


def inline_nodes(siglum: str, segments: tuple[Segment, ...]) -> list[nodes.Node]:
    """A block's segments as inline nodes, showing the reading text (the lemmata)."""
    result: list[nodes.Node] = []
    for segment in segments:
        if isinstance(segment, Intervention):
            node = intervention(
                "",
                *([nodes.Text(segment.lemma)] if segment.lemma else []),
                kind=segment.kind,
                label=segment.label,
                witness=segment.witness,
                refid=apparatus_entry_id(siglum, segment),
                ids=[intervention_id(siglum, segment)],
            )
            result.append(node)
        elif isinstance(segment, Foreign):
            result.append(foreign_words(segment.text, segment.language))
        elif isinstance(segment, LineBreak):
            result.extend(line_break())
        else:
            result.append(nodes.Text(" ".join(segment.text.split("\n"))))
    _trim(result)
    return result


def _trim(result: list[nodes.Node]) -> None:
    """Drop the whitespace at a block's edges, also where a removed residue stands there."""
    for order in (range(len(result)), range(len(result) - 1, -1, -1)):
        for index in order:
            node = result[index]
            if isinstance(node, nodes.Text):
                text = node.lstrip() if order.step == 1 else node.rstrip()
                result[index] = nodes.Text(text)
                break
            if node.astext():
                break


def paragraph_node(siglum: str, block: Block) -> nodes.paragraph:
    """A numbered paragraph whose id is its permanent anchor."""
    label = paragraph_label(siglum, block.number)
    paragraph = nodes.paragraph(
        "", "", ids=[block.anchor], classes=["reading-paragraph", *block.classes]
    )
    paragraph += paragraph_number(refid=block.anchor, number=block.number, label=label)
    paragraph.extend(inline_nodes(siglum, block.segments))
    paragraph.line = block.line
    return paragraph


def head_node(siglum: str, block: Block) -> nodes.paragraph:
    """A heading block (kicker, subtitle, byline) that belongs with the title."""
    paragraph = nodes.paragraph("", "", classes=["reading-head", *block.classes])
    paragraph.extend(inline_nodes(siglum, block.segments))
    return paragraph
