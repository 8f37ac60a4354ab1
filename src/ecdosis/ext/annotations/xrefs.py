"""References to the parts of the edition: ``{paragraph}``, ``{note}``, ``{entity}``,
``{topic}``, ``{glossary}``, ``{event}`` and ``{figure}``, in the edition's pages and in
annotations. A key figure's reference shows the figure's value.

Every part is a ``std`` label (so ``{ref}`` and intersphinx reach it too): a paragraph under
its id, the others under ``note-<id>``, ``entity-<id>``, ... A reference is a
``pending_xref`` of the edition's domain, resolved when the page is written, so it links
across pages in every format; one that names nothing is a warning with its page and line.
A link shows the part's title as its tooltip, or the ``title`` it was made with.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, NamedTuple
from weakref import WeakKeyDictionary

from docutils import nodes
from sphinx import addnodes
from sphinx.roles import XRefRole
from sphinx.util import logging

from ecdosis.model.annotations.note_body import REFERENCE_ROLES
from ecdosis.model.fragments import PART_KINDS, fragment

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

DOMAIN = "edition"
# The std label of each part, from its id.
LABELS: dict[str, str] = {kind: fragment(kind, "{}") for kind in PART_KINDS}
DANGLING: dict[str, str] = {
    role: f"{{{role}}}`%(target)s` names nothing: give {described}"
    for role, described in REFERENCE_ROLES.items()
}


class _Writing(NamedTuple):
    env: BuildEnvironment
    builder: Builder
    docname: str


_WRITING: ContextVar[_Writing | None] = ContextVar("ecdosis_writing", default=None)


@contextmanager
def resolved_at_once(env: BuildEnvironment, builder: Builder, docname: str) -> Iterator[None]:
    """While a part of the page ``docname`` is made as the page is written, after Sphinx's
    resolver has run: each reference :func:`edition_reference` makes is resolved as it is made
    (:func:`resolve_now`), and no ``pending_xref`` is left for the resolver."""
    token = _WRITING.set(_Writing(env, builder, docname))
    try:
        yield
    finally:
        _WRITING.reset(token)


def page_being_written() -> _Writing | None:
    """The page whose part is being made as it is written (:func:`resolved_at_once`), if any."""
    return _WRITING.get()


def pending_or_resolved(xref: addnodes.pending_xref) -> nodes.Element:
    """``xref``, or what it resolves to while a part is made as its page is written
    (:func:`resolved_at_once`)."""
    writing = _WRITING.get()
    if writing is None:
        return xref
    return resolve_now(writing.env, writing.builder, writing.docname, xref)


def edition_reference(
    role: str, target: str, *children: nodes.Node, explicit: bool = True, title: str = ""
) -> nodes.Element:
    """A link to a part of the edition; without ``explicit``, it shows the part's title.
    ``title`` is the link's tooltip (HTML), instead of the part's title. A ``pending_xref``,
    resolved when the page is written; already resolved in a part made then
    (:func:`resolved_at_once`)."""
    writing = _WRITING.get()
    if writing is not None and role in LABELS:
        content = (children[0] if children else nodes.inline("", target)) if explicit else None
        assert content is None or isinstance(content, nodes.Element)
        found = part_link(
            writing.env, writing.docname, writing.builder, role, target, content, title
        )
        if found is not None:
            return found  # else made pending, and resolve_now gives the resolver's warning
    reference = addnodes.pending_xref(
        "",
        refdomain=DOMAIN,
        reftype=role,
        reftarget=target,
        refexplicit=explicit,
        refwarn=True,
    )
    if title:
        reference["reftitle"] = title
    reference += children or (nodes.inline("", target),)
    return pending_or_resolved(reference)


class EditionRole(XRefRole):
    """``{entity}`alberto-fujimori``` or ``{entity}`the president <alberto-fujimori>```."""

    def __init__(self, role: str) -> None:
        super().__init__(warn_dangling=True, innernodeclass=nodes.inline)
        self.edition_role = role

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        self.refdomain, self.reftype = DOMAIN, self.edition_role
        self.classes = ["xref", DOMAIN, f"{DOMAIN}-{self.edition_role}"]
        if self.disabled:
            return self.create_non_xref_node()
        return self.create_xref_node()


def resolve(
    env: BuildEnvironment,
    fromdocname: str,
    builder: Builder,
    role: str,
    target: str,
    node: addnodes.pending_xref,
    contnode: nodes.Element,
) -> nodes.reference | None:
    content = contnode if node.get("refexplicit") else None
    reference = part_link(
        env, fromdocname, builder, role, target, content, node.get("reftitle", "")
    )
    if reference is not None:
        reference["classes"].extend(node.get("classes", []))
    return reference


def part_link(
    env: BuildEnvironment,
    fromdocname: str,
    builder: Builder,
    role: str,
    target: str,
    content: nodes.Element | None,
    title: str,
) -> nodes.reference | None:
    """The link from the page ``fromdocname`` to the part ``target`` of kind ``role``, showing
    ``content`` (``None``: the part's title), with ``title`` (or the part's) as its tooltip;
    ``None`` if there is no such part."""
    label = LABELS[role].format(target)
    std = env.domains.standard_domain
    if label not in std.labels:
        return None
    docname, labelid, part_title = std.labels[label]
    shown = content if content is not None else nodes.inline("", part_title)
    tooltip = title or _tooltip(env, role, target) or part_title
    return link(builder, fromdocname, docname, labelid, shown, tooltip)


def resolve_now(
    env: BuildEnvironment, builder: Builder, fromdocname: str, xref: addnodes.pending_xref
) -> nodes.Element:
    """What Sphinx's reference resolver makes of a reference of the edition's domain, for one
    made when its page is written, after the resolver has run: the link, or, if it names
    nothing, its text and the resolver's warning."""
    role, target = xref["reftype"], xref["reftarget"]
    contnode = xref[0]
    assert isinstance(contnode, nodes.Element)
    domain = env.domains[DOMAIN]
    found = domain.resolve_xref(env, fromdocname, builder, role, target, xref, contnode)
    if found is None:
        message = DANGLING.get(role, f"{DOMAIN}:{role} reference target not found: %(target)s")
        logger.warning(message % {"target": target}, location=fromdocname, type="ref", subtype=role)
        return contnode
    return found


# Each builder's address of one page from another, as it gives it (found once per pair: a page
# of the edition holds hundreds of references, most of them to the same few pages).
_RELATIVE: WeakKeyDictionary[Builder, dict[tuple[str, str], str]] = WeakKeyDictionary()


def link(
    builder: Builder,
    fromdocname: str,
    todocname: str,
    targetid: str,
    child: nodes.Node,
    title: str | None = None,
    kind: type[nodes.reference] = nodes.reference,
) -> nodes.reference:
    """What Sphinx's ``make_refnode`` makes: a link from one page to an element of another (or
    of the same page), with each builder's relative address of one page from another found once
    per pair of pages; a node of class ``kind``, a kind of ``reference``."""
    reference = kind("", "", internal=True)
    if fromdocname == todocname and targetid:
        reference["refid"] = targetid
    else:
        found = _RELATIVE.setdefault(builder, {})
        uri = found.get((fromdocname, todocname))
        if uri is None:
            uri = found[fromdocname, todocname] = builder.get_relative_uri(fromdocname, todocname)
        reference["refuri"] = f"{uri}#{targetid}" if targetid else uri
    if title:
        reference["reftitle"] = title
    reference += child
    return reference


def _tooltip(env: BuildEnvironment, role: str, target: str) -> str:
    """A key figure's link shows its value (its target's title), and what it counts as its
    tooltip."""
    if role != "figure":
        return ""
    from ecdosis.ext.texts.corpus import edition_of  # the edition's loader needs this module

    figures = {figure.id: figure.label for figure in edition_of(env).annotations.figures}
    return figures.get(target, "")


def setup_roles(app: Sphinx) -> None:
    for role in REFERENCE_ROLES:
        app.add_role(role, EditionRole(role))
