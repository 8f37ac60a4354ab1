"""Parts of a page made when the page is written, from data kept in its place.

A large part of a page made from the edition's data alone (a note's content, a paragraph's "see
also" line, the table of a text's notes, the text of a registry's entry) stands in the page as a
:class:`written_late` node: the name of its maker and the data it is made from, plain values.
When the page is written, at ``doctree-resolved``, the maker makes the part's nodes, and their
links to the edition's parts are resolved as they are made
(:func:`~ecdosis.ext.annotations.xrefs.resolved_at_once`). Such a part passes through none of
Sphinx's transforms, nor the saved doctrees, nor the post-transforms: in an edition of many
texts these parts are most of the nodes Sphinx would otherwise walk again and again. This holds
for the HTML and EPUB builders (:data:`WRITTEN_LATE`), whose post-transforms would leave the
parts as they are; for every other builder the parts are made before the post-transforms
(:class:`LateForOtherBuilders`), which may read them: the PDF's set their words for print with
the rest of the page, the link checker's collect their links.

A maker is registered under its name (:func:`maker`), with what gives, from the same data, the
(role, target) of each reference its nodes make to a part of the edition, which the page's
record of its references includes (:func:`late_references`). Its links to the edition's parts
are made with :func:`~ecdosis.ext.annotations.xrefs.edition_reference` (or
:func:`~ecdosis.ext.annotations.note_body.source_reference`), which resolve them as they are
made when the part is made as its page is written; it makes no other ``pending_xref``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ecdosis.ext.annotations.xrefs import resolved_at_once

if TYPE_CHECKING:
    from sphinx.application import Sphinx

Maker = Callable[[Any], nodes.Element | list[nodes.Element]]
References = Callable[[Any], Iterable[tuple[str, str]]]
MAKERS: dict[str, Maker] = {}
REFERENCES: dict[str, References] = {}


class written_late(nodes.General, nodes.Element):
    """A part of a page until it is written: ``maker``, the name of what makes it, and
    ``data``, what it is made from."""


def maker(name: str, references: References) -> Callable[[Maker], Maker]:
    """Register a function as the maker of the parts named ``name``; ``references`` gives the
    references to the edition's parts that it makes from the same data."""

    def register(function: Maker) -> Maker:
        MAKERS[name], REFERENCES[name] = function, references
        return function

    return register


def no_references(data: object) -> tuple[()]:
    """For a maker whose nodes make no reference to the edition's parts."""
    return ()


def late(name: str, data: object) -> written_late:
    """The part made by the maker ``name`` from ``data``, when its page is written."""
    assert name in MAKERS, name
    return written_late(maker=name, data=data)


def made(part: written_late) -> list[nodes.Element]:
    """The part's nodes, their references not yet resolved."""
    result = MAKERS[part["maker"]](part["data"])
    return result if isinstance(result, list) else [result]


def late_references(doctree: nodes.Node) -> set[tuple[str, str]]:
    """The (role, target) of every reference the parts not yet made in ``doctree`` will make."""
    return {
        reference
        for part in doctree.findall(written_late)
        for reference in REFERENCES[part["maker"]](part["data"])
    }


def write_late(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: make each part of the page, its references resolved as they are
    made."""
    for part in list(doctree.findall(written_late)):
        with resolved_at_once(app.env, app.builder, docname):
            result = made(part)
        part.replace_self(result)


# The builders whose post-transforms leave the parts' nodes as they are (the output of each is
# the same whether the parts are made before them or after).
WRITTEN_LATE = frozenset({"html", "dirhtml", "singlehtml", "epub"})


class LateForOtherBuilders(SphinxPostTransform):
    """For the other builders, the parts are made before the post-transforms, which resolve
    their links and may read them (the PDF's, the link checker's…)."""

    default_priority = 1

    def is_supported(self) -> bool:
        return self.env._builder_cls.name not in WRITTEN_LATE

    def run(self, **kwargs: Any) -> None:
        for part in list(self.document.findall(written_late)):
            part.replace_self(made(part))


def setup_written_late(app: Sphinx) -> None:
    app.add_node(written_late)
    app.add_post_transform(LateForOtherBuilders)
    app.connect("doctree-resolved", write_late)
