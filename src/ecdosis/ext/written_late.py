"""Parts of a page made when the page is written, from data kept in its place.

A large part of a page made from the edition's data alone (a paragraph's "see also" line, the
table of a text's notes) can stand in the page as a :class:`written_late` node: the name of its
maker and the data it is made from, plain values. When the page is written, at
``doctree-resolved``, the maker makes the part's nodes and their links to the edition's parts
are resolved then (:func:`~ecdosis.ext.annotations.xrefs.resolve_now`). Such a part passes
through none of Sphinx's transforms, nor the saved doctrees, nor the post-transforms: in an
edition of many texts these parts are a large share of the nodes Sphinx would walk again and
again. In the PDF, the parts are made before the post-transforms (:class:`LateForPrint`),
which set their words for print with the rest of the page.

A maker is registered under its name (:func:`maker`), with what gives, from the same data, the
(role, target) of each reference its nodes make to a part of the edition, which the page's
record of its references includes (:func:`late_references`). Its nodes may hold references of
the edition's domain (``pending_xref``), and no other kind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ecdosis.ext.annotations.xrefs import DOMAIN, resolve_now

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
    """``doctree-resolved``: make each part of the page, its references resolved."""
    for part in list(doctree.findall(written_late)):
        result = made(part)
        for element in result:
            for xref in list(element.findall(addnodes.pending_xref)):
                assert xref.get("refdomain") == DOMAIN, xref
                xref.replace_self(resolve_now(app.env, app.builder, docname, xref))
        part.replace_self(result)


class LateForPrint(SphinxPostTransform):
    """In the PDF, the parts are made before the post-transforms, which resolve their links and
    set their words for print with the rest of the page."""

    default_priority = 1
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for part in list(self.document.findall(written_late)):
            part.replace_self(made(part))


def setup_written_late(app: Sphinx) -> None:
    app.add_node(written_late)
    app.add_post_transform(LateForPrint)
    app.connect("doctree-resolved", write_late)
