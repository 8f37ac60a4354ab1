"""Editorial notes as sidenotes in the HTML: beside the paragraph, or after it on narrow screens.

A post-transform for HTML and EPUB puts each note's footnote after its paragraph (MyST collects
footnotes at the end of the page). For the HTML it then turns each footnote into an ``<aside>``
placed with its paragraph, and each note mark into a link to it. The EPUB keeps footnotes; the
LaTeX builder sets them at the foot of the page.
Both the mark and the sidenote carry the note's id, so a small script can highlight the quoted
words while either is hovered or focused, and the note's number in the edition
(``note_number``, see :mod:`ecdosis.ext.annotations.notes`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ecdosis.ext.annotations.notes import MARK_CLASS, NOTE_CLASS
from ecdosis.ext.annotations.parallels import PARALLELS_CLASS
from ecdosis.ext.nodes import link_target
from ecdosis.ext.publication.html_translator import HTML_BUILDERS
from ecdosis.model.fragments import part_id

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator


class note_mark(nodes.Inline, nodes.Element):
    """The number in the text that leads to a note: ``ids``, ``refid``, ``note``, ``number``."""


class sidenote(nodes.General, nodes.Element):
    """A note beside its paragraph: ``ids``, ``note``, ``number``; children are its blocks."""


class Sidenotes(SphinxPostTransform):
    default_priority = 5
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        _beside_paragraphs(self.document)
        if self.env._builder_cls.name not in HTML_BUILDERS:
            return  # the EPUB keeps them as footnotes, each after its paragraph
        for footnote in list(self.document.findall(nodes.footnote)):
            if NOTE_CLASS in footnote["classes"]:
                self._to_sidenote(footnote)
        for reference in list(self.document.findall(nodes.footnote_reference)):
            if MARK_CLASS in reference["classes"]:
                mark = note_mark(
                    ids=reference["ids"],
                    refid=reference["refid"],
                    note=part_id("note", reference["refid"]),
                    number=str(reference["note_number"]),
                )
                reference.replace_self(mark)
        for paragraph in list(self.document.findall(nodes.paragraph)):
            _gather(paragraph)

    def _to_sidenote(self, footnote: nodes.footnote) -> None:
        label = footnote[0]
        assert isinstance(label, nodes.label)
        side = sidenote(
            ids=footnote["ids"],
            note=part_id("note", footnote["names"][0]),
            number=str(footnote["note_number"]),
            classes=footnote["classes"],
        )
        side.extend(footnote.children[1:])  # without docutils' label: the number is the note's
        footnote.replace_self(side)


class FootnoteTargets(SphinxPostTransform):
    """In the PDF, a link target inside each note, so that its permalink and the apparatus's
    list of notes lead to it (LaTeX's footnotes carry no label of their own)."""

    default_priority = 5
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for footnote in self.document.findall(nodes.footnote):
            if NOTE_CLASS in footnote["classes"] and len(footnote) > 1:
                first = footnote[1]
                if isinstance(first, nodes.paragraph):
                    first.insert(0, link_target(ids=list(footnote["ids"])))


def _beside_paragraphs(document: nodes.document) -> None:
    """Move each note from the end of the page (where MyST collects footnotes) to its paragraph."""
    marks = {
        reference["refid"]: reference
        for reference in document.findall(nodes.footnote_reference)
        if MARK_CLASS in reference["classes"] and "refid" in reference
    }
    placed: dict[int, nodes.Element] = {}
    for footnote in list(document.findall(nodes.footnote)):
        mark = marks.get(footnote["ids"][0]) if NOTE_CLASS in footnote["classes"] else None
        if mark is None:
            continue
        paragraph = mark.parent
        while not isinstance(paragraph, nodes.paragraph):
            paragraph = paragraph.parent
        after = placed.get(id(paragraph), paragraph)
        footnote.parent.remove(footnote)
        parent = after.parent
        parent.insert(parent.index(after) + 1, footnote)
        placed[id(paragraph)] = footnote


def _gather(paragraph: nodes.paragraph) -> None:
    """Group a paragraph with its sidenotes: the paragraph (and its "see also" block) first, in
    the text's column, then its notes, in the margin beside it on wide screens and after it on
    narrow ones. The source order is the reading order: a keyboard passes the paragraph before
    its notes."""
    parent = paragraph.parent
    if not isinstance(parent, nodes.Element):
        return
    position = parent.index(paragraph)
    notes: list[sidenote] = []
    following: list[nodes.Element] = []
    for sibling in parent.children[position + 1 :]:
        if isinstance(sibling, sidenote):
            notes.append(sibling)
        elif isinstance(sibling, nodes.container) and PARALLELS_CLASS in sibling["classes"]:
            following.append(sibling)
        else:
            break
    if not notes:
        return
    for node in (*notes, *following):
        parent.remove(node)
    text = nodes.container(classes=["noted-text"])
    group = nodes.container(classes=["noted-paragraph"])
    parent.replace(paragraph, group)
    text += paragraph
    text.extend(following)
    margin = nodes.container(classes=["sidenotes"])
    margin.extend(notes)
    group += text
    group += margin


def visit_note_mark_html(self: HTML5Translator, node: note_mark) -> None:
    self.body.append(
        f'<sup class="note-mark-number"><a class="note-mark" id="{node["ids"][0]}" '
        f'href="#{node["refid"]}" role="doc-noteref" data-note="{self.attval(node["note"])}" '
        f'aria-label="Note {node["number"]}">{node["number"]}</a></sup>'
    )
    raise nodes.SkipNode


def visit_sidenote_html(self: HTML5Translator, node: sidenote) -> None:
    self.body.append(
        self.starttag(
            node,
            "aside",
            CLASS="edition-sidenote",
            role="doc-footnote",
            **{"data-note": node["note"], "aria-label": f"Note {node['number']}"},
        )
    )
    self.body.append(
        f'<a class="sidenote-number" href="#notemark-{self.attval(node["note"])}" '
        f'title="Back to the text">{node["number"]}</a>'
    )
    self.body.append('<div class="note-body">')


def depart_sidenote_html(self: HTML5Translator, node: sidenote) -> None:
    self.body.append("</div></aside>\n")


def setup_sidenotes(app: Sphinx) -> None:
    app.add_node(note_mark, html=(visit_note_mark_html, None))
    app.add_node(sidenote, html=(visit_sidenote_html, depart_sidenote_html))
    app.add_post_transform(Sidenotes)
    app.add_post_transform(FootnoteTargets)
