"""A note's body, already checked by the model, as doctree nodes.

Only the constructs of :mod:`ecdosis.model.annotations.note_body` exist here, so nothing a
contributor writes can reach the output as raw markup: text always becomes ``Text`` nodes.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes

from ecdosis.ext.annotations.xrefs import DOMAIN, edition_reference
from ecdosis.ext.nodes import foreign_words, line_break
from ecdosis.model.annotations.note_body import BodyBlock, Inline
from ecdosis.model.registries.bibliography import Bibliography

SOURCE_XREF = "source"


def source_reference(key: str, label: str) -> addnodes.pending_xref:
    """A link to a work's entry on the bibliography page, resolved by the edition's domain,
    shown as ``label``."""
    reference = addnodes.pending_xref(
        "",
        refdomain=DOMAIN,
        reftype=SOURCE_XREF,
        reftarget=key,
        refexplicit=True,
        refwarn=True,
    )
    reference += nodes.inline("", label, classes=["note-source"])
    return reference


def sources_line(keys: tuple[str, ...], bibliography: Bibliography) -> list[nodes.Node]:
    """ "Sources: Sims 1997; Time 1997." with each work linked to the bibliography."""
    return labelled_sources_line(labelled(keys, bibliography))


def labelled(keys: tuple[str, ...], bibliography: Bibliography) -> tuple[tuple[str, str], ...]:
    """Each work's key with the label it is shown by."""
    return tuple((key, bibliography.sources[key].label) for key in keys)


def labelled_sources_line(sources: tuple[tuple[str, str], ...]) -> list[nodes.Node]:
    """:func:`sources_line` of works given with their labels (:func:`labelled`)."""
    if not sources:
        return []
    result: list[nodes.Node] = [nodes.Text("Sources: " if len(sources) > 1 else "Source: ")]
    for index, (key, label) in enumerate(sources):
        if index:
            result.append(nodes.Text("; "))
        result.append(source_reference(key, label))
    result.append(nodes.Text(". "))
    return result


def body_nodes(blocks: tuple[BodyBlock, ...], bibliography: Bibliography) -> list[nodes.Element]:
    return [block_nodes(block, bibliography) for block in blocks]


def block_nodes(block: BodyBlock, bibliography: Bibliography) -> nodes.Element:
    if block.kind == "paragraph":
        paragraph = nodes.paragraph("", "")
        paragraph.extend(inline_nodes(block.inlines, bibliography))
        return paragraph
    container: nodes.Element
    if block.kind == "bullet_list":
        container = nodes.bullet_list(bullet="-")
    elif block.kind == "ordered_list":
        container = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
    elif block.kind == "list_item":
        container = nodes.list_item()
    else:
        container = nodes.block_quote()
    container.extend(block_nodes(child, bibliography) for child in block.children)
    return container


def inline_nodes(inlines: tuple[Inline, ...], bibliography: Bibliography) -> list[nodes.Node]:
    result: list[nodes.Node] = []
    for item in inlines:
        if item.kind == "text":
            result.append(nodes.Text(item.text))
        elif item.kind == "code":
            result.append(nodes.literal("", item.text))
        elif item.kind == "break":
            result.extend(line_break())
        elif item.kind == "cite":
            result += [
                nodes.Text("("),
                source_reference(item.target, bibliography.sources[item.target].label),
                nodes.Text(")"),
            ]
        elif item.kind == "foreign":
            result.append(foreign_words(item.text, item.target))
        elif item.kind == "reference":
            shown = (nodes.inline("", item.text),) if item.text else ()
            result.append(edition_reference(item.role, item.target, *shown, explicit=bool(shown)))
        else:
            children = inline_nodes(item.children, bibliography)
            if item.kind == "link":
                result.append(nodes.reference("", "", *children, refuri=item.target))
            elif item.kind == "strong":
                result.append(nodes.strong("", "", *children))
            else:
                result.append(nodes.emphasis("", "", *children))
    return result
