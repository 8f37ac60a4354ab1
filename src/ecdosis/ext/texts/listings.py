"""Directives for the edition's own pages that list the texts: landing list, table of sigla."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from ecdosis.ext.domain import EditionDomain
from ecdosis.ext.last_build import unchanged
from ecdosis.ext.publication.tables import table
from ecdosis.ext.texts.corpus import corpus_of, text_docname
from ecdosis.model.texts.corpus import EditedText
from ecdosis.model.texts.reading_text import INTERVENTION_KINDS

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class _Listing(SphinxDirective):
    """A directive whose output depends on every text's record."""

    def texts(self) -> tuple[EditedText, ...]:
        corpus = corpus_of(self.env)
        for text in corpus.texts:
            self.env.note_dependency(str(text.files[0]))
        domain = EditionDomain.of(self.env)
        domain.note_listing(self.env.docname, corpus.sigla)
        return corpus.texts

    def text_link(self, text: EditedText) -> addnodes.pending_xref:
        xref = addnodes.pending_xref(
            "",
            refdomain="std",
            reftype="doc",
            refexplicit=True,
            reftarget="/" + text_docname(self.config, text.siglum),
            refdoc=self.env.docname,
        )
        xref += nodes.inline("", text.record.title)
        return xref


class EditionTexts(_Listing):
    """The list of texts for the landing page, with the toctree that orders them."""

    def run(self) -> list[nodes.Node]:
        texts = self.texts()
        listing = nodes.bullet_list(classes=["edition-texts"])
        for text in texts:
            item = nodes.list_item()
            line = nodes.paragraph()
            strong = nodes.strong()
            strong += self.text_link(text)
            line += strong
            line += nodes.Text(f" — {text.record.responsibility}, {text.record.date}. ")
            line += nodes.Text(text.record.summary)
            item += line
            listing += item
        toctree = addnodes.toctree()
        toctree["parent"] = self.env.docname
        toctree["entries"] = [(None, text_docname(self.config, t.siglum)) for t in texts]
        toctree["includefiles"] = [text_docname(self.config, t.siglum) for t in texts]
        toctree["maxdepth"] = 1
        toctree["caption"] = "The texts"
        toctree["glob"] = False
        toctree["hidden"] = True
        toctree["includehidden"] = False
        toctree["numbered"] = 0
        toctree["titlesonly"] = True
        wrapper = nodes.compound(classes=["toctree-wrapper"])
        wrapper += toctree
        return [listing, wrapper]


class EditionSigla(_Listing):
    """The table of sigla for the editorial principles."""

    def run(self) -> list[nodes.Node]:
        columns = (("Siglum", 10), ("Text", 40), ("Author or issuing body", 30), ("Date", 20))
        rows = (
            [
                nodes.literal("", text.siglum.upper()),
                self.text_link(text),
                nodes.Text(text.record.responsibility),
                nodes.Text(text.record.date),
            ]
            for text in self.texts()
        )
        return [table(columns, rows, ["edition-sigla"])]


class InterventionKinds(SphinxDirective):
    """The kinds of intervention, as the apparatus names them, with their role names."""

    def run(self) -> list[nodes.Node]:
        listing = nodes.definition_list(classes=["intervention-kinds"])
        for role, label in INTERVENTION_KINDS.items():
            item = nodes.definition_list_item()
            term = nodes.term()
            term += nodes.literal("", f"{{{role}}}")
            item += term
            definition = nodes.definition()
            definition += nodes.paragraph("", label)
            item += definition
            listing += item
        return [listing]


def outdated_listings(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: re-read listing pages when texts were added or removed."""
    if unchanged(app):
        return []
    domain = EditionDomain.of(env)
    sigla = corpus_of(env).sigla
    return [docname for docname, listed in domain.listings.items() if tuple(listed) != sigla]
