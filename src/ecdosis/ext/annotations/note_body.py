"""A note's body, already checked by the model, as doctree nodes.

Only the constructs of :mod:`ecdosis.model.annotations.note_body` exist here, so nothing a
contributor writes can reach the output as raw markup: text always becomes ``Text`` nodes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from ecdosis.ext.annotations.xrefs import (
    DOMAIN,
    edition_reference,
    link,
    page_being_written,
    pending_or_resolved,
)
from ecdosis.ext.nodes import foreign_words, line_break
from ecdosis.ext.registries.bibliography_entries import bibliography_page
from ecdosis.ext.registries.bibliography_style import source_link
from ecdosis.ext.written_late import late, maker
from ecdosis.model.annotations.note_body import BodyBlock, Inline
from ecdosis.model.fragments import source_fragment
from ecdosis.model.registries.bibliography import Bibliography

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

SOURCE_XREF = "source"


def source_reference(key: str, label: str) -> nodes.Element:
    """A link to a work's entry on the bibliography page, resolved by the edition's domain,
    shown as ``label`` (made at once in a part made as its page is written:
    :func:`~ecdosis.ext.annotations.xrefs.resolved_at_once`)."""
    shown = nodes.inline("", label, classes=["note-source"])
    writing = page_being_written()
    if writing is not None:
        found = link_to_source(writing.env, writing.builder, writing.docname, key, shown)
        if found is not None:
            return found  # else made pending, and resolved with the resolver's warning
    reference = addnodes.pending_xref(
        "",
        refdomain=DOMAIN,
        reftype=SOURCE_XREF,
        reftarget=key,
        refexplicit=True,
        refwarn=True,
    )
    reference += shown
    return pending_or_resolved(reference)


def link_to_source(
    env: BuildEnvironment, builder: Builder, fromdocname: str, key: str, shown: nodes.Element
) -> nodes.reference | None:
    """The link (a ``source_link``) from the page ``fromdocname`` to the work ``key``'s entry in
    the bibliography, showing ``shown``; ``None`` if no page holds the bibliography."""
    page = bibliography_page(env)
    if page is None:
        return None
    entry = source_fragment(key)
    reference = link(builder, fromdocname, page, entry, shown, kind=source_link)
    reference["latex_key"] = f"{page}:{entry}"
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


def body_nodes(blocks: tuple[BodyBlock, ...], labels: Mapping[str, str]) -> list[nodes.Element]:
    """The blocks' nodes; ``labels`` gives the label of each work they cite, by its key."""
    return [block_nodes(block, labels) for block in blocks]


# An annotation's text as data: its blocks, the labels of the works they cite, and its sources
# as (key, label).
Text = tuple[tuple[BodyBlock, ...], dict[str, str], tuple[tuple[str, str], ...]]
TEXT = "annotation text"  # the maker of a text, made when its page is written


def text_part(
    blocks: tuple[BodyBlock, ...], sources: tuple[str, ...], bibliography: Bibliography
) -> list[nodes.Element]:
    """An annotation's text, then its sources, made when its page is written."""
    return [
        late(TEXT, (blocks, cited_labels(blocks, bibliography), labelled(sources, bibliography)))
    ]


def cited_labels(blocks: tuple[BodyBlock, ...], bibliography: Bibliography) -> dict[str, str]:
    """The label of each work the blocks cite, by its key."""
    return {
        item.target: bibliography.sources[item.target].label for item in _inlines(blocks, "cite")
    }


def _text_references(text: Text) -> Iterator[tuple[str, str]]:
    return body_references(text[0])


@maker(TEXT, _text_references)
def text_nodes(text: Text) -> list[nodes.Element]:
    blocks, labels, sources = text
    result = body_nodes(blocks, labels)
    if sources:
        result.append(nodes.paragraph("", "", *labelled_sources_line(sources), classes=["sources"]))
    return result


def body_references(blocks: tuple[BodyBlock, ...]) -> Iterator[tuple[str, str]]:
    """The (role, target) of each reference to a part of the edition in the blocks."""
    return ((item.role, item.target) for item in _inlines(blocks, "reference"))


def _inlines(blocks: tuple[BodyBlock, ...], kind: str) -> Iterator[Inline]:
    """Every inline of ``kind`` in the blocks, at any depth."""

    def within(items: tuple[Inline, ...]) -> Iterator[Inline]:
        for item in items:
            if item.kind == kind:
                yield item
            yield from within(item.children)

    for block in blocks:
        yield from within(block.inlines)
        yield from _inlines(block.children, kind)


def block_nodes(block: BodyBlock, labels: Mapping[str, str]) -> nodes.Element:
    if block.kind == "paragraph":
        paragraph = nodes.paragraph("", "")
        paragraph.extend(inline_nodes(block.inlines, labels))
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
    container.extend(block_nodes(child, labels) for child in block.children)
    return container


def inline_nodes(inlines: tuple[Inline, ...], labels: Mapping[str, str]) -> list[nodes.Node]:
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
                source_reference(item.target, labels[item.target]),
                nodes.Text(")"),
            ]
        elif item.kind == "foreign":
            result.append(foreign_words(item.text, item.target))
        elif item.kind == "reference":
            shown = (nodes.inline("", item.text),) if item.text else ()
            result.append(edition_reference(item.role, item.target, *shown, explicit=bool(shown)))
        else:
            children = inline_nodes(item.children, labels)
            if item.kind == "link":
                result.append(nodes.reference("", "", *children, refuri=item.target))
            elif item.kind == "strong":
                result.append(nodes.strong("", "", *children))
            else:
                result.append(nodes.emphasis("", "", *children))
    return result
