"""Format-neutral doctree nodes of the edition, with a visitor per output format.

HTML visitors serve EPUB too (Sphinx falls back from the ``epub`` builder to ``html``).
Other builders (text, man, …) render the nodes' children through the generic fallbacks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ecdosis.model.texts.languages import POLYGLOSSIA_NAMES

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator


class paragraph_number(nodes.Element):
    """The number of a paragraph, shown in the margin and linking to the paragraph itself.

    It has no text children, so the paragraph's text stays exactly the reading text.
    Attributes: ``refid`` (the paragraph id), ``number``, ``label`` (e.g. "AB ¶3").
    """


class intervention(nodes.Inline, nodes.TextElement):
    """An editorial intervention in the reading text; its children are the lemma.

    Attributes: ``kind``, ``label``, ``witness`` (the witness reading), ``refid`` (its
    apparatus entry) and ``ids`` (the place the apparatus links back to).
    """


class foreign(nodes.Inline, nodes.TextElement):
    """Words in another language; ``language`` is a BCP 47 tag, ``polyglossia`` its LaTeX name."""


def foreign_words(text: str, language: str) -> foreign:
    """Words in another language, with the name its hyphenation has in the PDF."""
    return foreign("", text, language=language, polyglossia=POLYGLOSSIA_NAMES[language])


def line_break() -> list[nodes.Node]:
    """A forced line break, in every format."""
    return [nodes.raw("", "<br />", format="html"), nodes.raw("", "\\\\\n", format="latex")]


class note_quote(nodes.Inline, nodes.TextElement):
    """The words of the reading text that an editorial note is about; ``note`` is its id."""


class link_target(nodes.Element):
    """An empty link target, for places that docutils gives no id of their own (table rows)."""


def inside(node: nodes.Node, types: tuple[type[nodes.Node], ...]) -> bool:
    """Whether the node stands within a node of one of ``types`` (its parent, or further up)."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, types):
            return True
        parent = parent.parent
    return False


# -- HTML and EPUB ------------------------------------------------------------------------


def visit_paragraph_number_html(self: HTML5Translator, node: paragraph_number) -> None:
    self.body.append(
        f'<a class="paragraph-number" href="#{node["refid"]}" '
        f'title="Link to this paragraph ({self.attval(node["label"])})">{node["number"]}</a>'
    )
    raise nodes.SkipNode


def visit_intervention_html(self: HTML5Translator, node: intervention) -> None:
    witness = node["witness"] or "nothing"
    title = f"{node['label']}. Witness: {witness}" if node["kind"] != "sic" else node["label"]
    self.body.append(
        self.starttag(
            node,
            "a",
            "",
            CLASS=f"intervention intervention-{node['kind']}",
            href=f"#{node['refid']}",
            title=title,
        )
    )


def depart_intervention_html(self: HTML5Translator, node: intervention) -> None:
    if node["kind"] == "sic":
        self.body.append('<sup class="sic-mark">sic</sup>')
    self.body.append("</a>")


def visit_foreign_html(self: HTML5Translator, node: foreign) -> None:
    self.body.append(self.starttag(node, "span", "", lang=node["language"]))


def depart_foreign_html(self: HTML5Translator, node: foreign) -> None:
    self.body.append("</span>")


def visit_note_quote_html(self: HTML5Translator, node: note_quote) -> None:
    # The EPUB has no script to highlight the words, and its notes are plain footnotes.
    data = {} if self.builder.name == "epub" else {"data-note": node["note"]}
    self.body.append(self.starttag(node, "span", "", CLASS="note-quote", **data))


def depart_note_quote_html(self: HTML5Translator, node: note_quote) -> None:
    self.body.append("</span>")


def visit_link_target_html(self: HTML5Translator, node: link_target) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="edition-anchor") + "</span>")
    raise nodes.SkipNode


# -- LaTeX --------------------------------------------------------------------------------


def visit_paragraph_number_latex(self: LaTeXTranslator, node: paragraph_number) -> None:
    self.body.append(
        self.hypertarget(node["refid"])
        + r"\marginnote{\sphinxstyleparagraphnumber{"
        + str(node["number"])
        + "}}"
    )
    raise nodes.SkipNode


def visit_intervention_latex(self: LaTeXTranslator, node: intervention) -> None:
    if self.in_title:  # a heading's text must stay free of link targets
        self.body.append("{")
        return
    self.body.append(self.hypertarget_to(node, anchor=True))
    target = self.idescape(f"{self.curfilestack[-1]}:{node['refid']}")
    self.body.append(r"\hyperref[" + target + "]{")


def depart_intervention_latex(self: LaTeXTranslator, node: intervention) -> None:
    if node["kind"] == "sic":
        self.body.append(r"\textsuperscript{\emph{sic}}")
    self.body.append("}")


def visit_foreign_latex(self: LaTeXTranslator, node: foreign) -> None:
    self.body.append(r"\foreignlanguage{" + node["polyglossia"] + "}{")


def depart_foreign_latex(self: LaTeXTranslator, node: foreign) -> None:
    self.body.append("}")


def visit_link_target_latex(self: LaTeXTranslator, node: link_target) -> None:
    self.body.append(self.hypertarget_to(node, anchor=True))
    raise nodes.SkipNode


# -- other builders -------------------------------------------------------------------------


def skip(self: object, node: nodes.Element) -> None:
    raise nodes.SkipNode


def visit_children(self: object, node: nodes.Element) -> None:
    pass


def setup_nodes(app: Sphinx) -> None:
    others = ("text", "man", "texinfo")
    app.add_node(
        paragraph_number,
        html=(visit_paragraph_number_html, None),
        latex=(visit_paragraph_number_latex, None),
        **{name: (skip, None) for name in others},  # type: ignore[arg-type]
    )
    app.add_node(
        intervention,
        html=(visit_intervention_html, depart_intervention_html),
        latex=(visit_intervention_latex, depart_intervention_latex),
        **{name: (visit_children, visit_children) for name in others},  # type: ignore[arg-type]
    )
    app.add_node(
        foreign,
        html=(visit_foreign_html, depart_foreign_html),
        latex=(visit_foreign_latex, depart_foreign_latex),
        **{name: (visit_children, visit_children) for name in others},  # type: ignore[arg-type]
    )
    app.add_node(
        note_quote,
        html=(visit_note_quote_html, depart_note_quote_html),
        latex=(visit_children, visit_children),
        **{name: (visit_children, visit_children) for name in others},  # type: ignore[arg-type]
    )
    app.add_node(
        link_target,
        html=(visit_link_target_html, None),
        latex=(visit_link_target_latex, None),
        **{name: (skip, None) for name in others},  # type: ignore[arg-type]
    )
