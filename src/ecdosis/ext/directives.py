"""The engine's directives, by name, each with what it writes; registered in a loop, listed by
the reference page, and all protected from transforms that would change their text."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from docutils import nodes
from docutils.parsers.rst import Directive

from ecdosis.ext.publication.changelog import Changelog
from ecdosis.ext.reference_page import EngineReference
from ecdosis.ext.registries.claims_page import Claims
from ecdosis.ext.registries.entity_index import EntityIndex
from ecdosis.ext.registries.figures_page import KeyFigures
from ecdosis.ext.registries.glossary_page import Glossary
from ecdosis.ext.registries.synopsis import Synopsis
from ecdosis.ext.registries.timeline_page import Timeline
from ecdosis.ext.texts.listings import EditionSigla, EditionTexts, InterventionKinds
from ecdosis.ext.texts.text_page import EditionText

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class DirectiveSpec(NamedTuple):
    name: str
    directive: type[Directive]
    argument: str  # what its argument is, "" for none
    writes: str  # what it writes, for the reference page


DIRECTIVES: tuple[DirectiveSpec, ...] = (
    DirectiveSpec(
        "edition-text",
        EditionText,
        "a siglum",
        "A text's whole page: its record, the reading text with numbered paragraphs and their "
        "notes, the apparatus, the witness and how to cite it. The engine writes one page per "
        "text calling it (see ``edition_texts_dir``); an editor does not write it by hand.",
    ),
    DirectiveSpec(
        "edition-texts",
        EditionTexts,
        "",
        "The list of texts for the landing page, in date order, with the table of contents that "
        "orders their pages.",
    ),
    DirectiveSpec(
        "edition-sigla",
        EditionSigla,
        "",
        "The table of sigla: each text's siglum, title, issuing body and date.",
    ),
    DirectiveSpec(
        "edition-intervention-kinds",
        InterventionKinds,
        "",
        "The kinds of editorial intervention, with their roles and how many each text has.",
    ),
    DirectiveSpec(
        "edition-entities",
        EntityIndex,
        "a type: person, organisation, place or event",
        "The index of the registry's entities of that type, each with its mentions in the texts.",
    ),
    DirectiveSpec(
        "edition-glossary",
        Glossary,
        "",
        "The glossary: every term with its definition, its sources and its first use in each text.",
    ),
    DirectiveSpec(
        "edition-figures",
        KeyFigures,
        "",
        "The key figures: each with its value, "
        "what the sources give, and where the edition states it.",
    ),
    DirectiveSpec(
        "edition-claims",
        Claims,
        "",
        "The texts and the record: every claim a note assesses, text by text, with its "
        "verdict, quotation and sources, and the counts of verdicts.",
    ),
    DirectiveSpec(
        "edition-timeline",
        Timeline,
        "",
        "The timeline: the events in order of "
        "date, each with the passages of the texts that speak of it.",
    ),
    DirectiveSpec(
        "edition-synopsis",
        Synopsis,
        "",
        "The synopsis: one section per topic, the texts' passages on it, then the record.",
    ),
    DirectiveSpec(
        "edition-changelog",
        Changelog,
        "",
        "The changelog: one section per version, newest first, with every anchor added, "
        "changed or retired.",
    ),
    DirectiveSpec(
        "edition-reference",
        EngineReference,
        "",
        "This reference of the engine, written from the engine's own declarations: its "
        "configuration, directives, roles and input formats.",
    ),
)


def verbatim(directive: type[Directive]) -> type[Directive]:
    """The directive, with its output marked so that Sphinx's smart quotes leave it as written,
    whatever ``smartquotes`` says: the reading texts and witness readings must not change."""

    class Verbatim(directive):  # type: ignore[valid-type, misc]
        def run(self) -> list[nodes.Node]:
            result: list[nodes.Node] = super().run()
            if not self.config.smartquotes:
                return result  # Sphinx's smart quotes do not run (a change re-reads every page)
            # Each text element, not only the top one: some (a text's notes) are moved out of
            # it before Sphinx's smart quotes run.
            for node in result:
                if isinstance(node, nodes.Element):
                    node["support_smartquotes"] = False
                    for element in node.findall(nodes.TextElement):
                        element["support_smartquotes"] = False
            return result

    Verbatim.__name__ = Verbatim.__qualname__ = directive.__name__
    Verbatim.__doc__ = directive.__doc__
    return Verbatim


def setup_directives(app: Sphinx) -> None:
    for spec in DIRECTIVES:
        app.add_directive(spec.name, verbatim(spec.directive))
