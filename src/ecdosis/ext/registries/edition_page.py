"""What the directives of the edition's aggregate pages share: the data they show, the
fingerprint that keeps them current, and the labels that references resolve to."""

from __future__ import annotations

from collections.abc import Iterable

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from ecdosis.ext.annotations.dependencies import page_inputs
from ecdosis.ext.annotations.note_body import text_part
from ecdosis.ext.annotations.xrefs import edition_reference
from ecdosis.ext.domain import EditionDomain
from ecdosis.ext.nodes import link_target
from ecdosis.ext.texts.corpus import edition_of
from ecdosis.model.annotations.note_body import NoteBody
from ecdosis.model.annotations.passages import Passage
from ecdosis.model.edition import Edition
from ecdosis.model.texts.corpus import EditedText


class EditionPage(SphinxDirective):
    """A directive that renders a part of ``annotations/`` (subclasses set ``kind``)."""

    kind = ""

    @property
    def edition(self) -> Edition:
        return edition_of(self.env)

    def record(self, argument: str = "") -> None:
        """Remember what the page shows, so that a change to it re-reads the page."""
        domain = EditionDomain.of(self.env)
        digest = page_inputs(self.edition, self.kind, argument)
        # a page may hold several such directives (the indices of two types): each is kept
        earlier = domain.inputs.get(self.env.docname, ())
        others = tuple(entry for entry in earlier if entry[:2] != (self.kind, argument))
        domain.inputs[self.env.docname] = (*others, (self.kind, argument, digest))
        bibliography = self.edition.annotations.bibliography
        if bibliography.path.exists():
            self.env.note_dependency(str(bibliography.path))

    def target(self, name: str, title: str) -> link_target:
        """A link target on this page, registered so that references find it."""
        std = self.env.domains.standard_domain
        std.note_hyperlink_target(name, self.env.docname, name, title)
        return link_target(ids=[name])

    def body(self, body: NoteBody, sources: tuple[str, ...]) -> list[nodes.Element]:
        """An entry's text and its sources, made when the page is written."""
        return text_part(body.blocks, sources, self.edition.annotations.bibliography)


def paragraph_links(targets: Iterable[str]) -> list[nodes.Node]:
    """ "AB ¶1, AB ¶3": links to paragraphs, each once, in the order given."""
    result: list[nodes.Node] = []
    for index, target in enumerate(dict.fromkeys(targets)):
        if index:
            result.append(nodes.Text(", "))
        result.append(edition_reference("paragraph", target, explicit=False))
    return result


def passage_quote(passage: Passage) -> nodes.paragraph:
    """A passage quoted and linked to its paragraph: "“words …”, AB ¶2"."""
    line = nodes.paragraph("", "", classes=["passage"])
    line += nodes.Text("“")
    line += nodes.emphasis("", passage.quote)
    line += nodes.Text("”, ")
    line += edition_reference("paragraph", passage.target, explicit=False)
    return line


def text_reference(text: EditedText) -> addnodes.pending_xref:
    """The text's title, linking to its page (whose std label is the siglum)."""
    reference = addnodes.pending_xref(
        "", refdomain="std", reftype="ref", reftarget=text.siglum, refexplicit=True
    )
    reference += nodes.emphasis("", text.record.title)
    return reference
