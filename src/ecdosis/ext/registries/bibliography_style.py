"""The bibliography page labels each work as the notes name it ("Sims 1997"), in label order,
and keeps each title's capitals as the ``.bib`` writes them.

A pybtex style registered as the plugin ``edition`` for sphinxcontrib-bibtex. In the PDF, links
from notes to the bibliography go to the entries LaTeX sets with ``\\bibitem``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import pybtex.plugin
from docutils import nodes
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import Node, field, sentence

from ecdosis.model.registries.bibliography import source_labels

if TYPE_CHECKING:
    from pybtex.database import Entry
    from sphinx.writers.latex import LaTeXTranslator

STYLE = "edition"


class EditionLabels(BaseLabelStyle):  # type: ignore[misc]
    def format_labels(self, sorted_entries: Iterable[Entry]) -> Iterator[str]:
        entries = list(sorted_entries)
        labels = source_labels({entry.key: entry for entry in entries})
        for entry in entries:
            yield labels[entry.key]


class EditionSorting(BaseSortingStyle):  # type: ignore[misc]
    """In the order of the labels, so that a reader finds "Silva 1997" under S."""

    def sort(self, entries: Iterable[Entry]) -> list[Entry]:
        entries = list(entries)
        labels = source_labels({entry.key: entry for entry in entries})
        return sorted(entries, key=lambda entry: (labels[entry.key].casefold(), entry.key))


class EditionStyle(UnsrtStyle):  # type: ignore[misc]
    default_label_style = STYLE
    default_sorting_style = STYLE

    def format_title(self, e: Entry, which_field: str, as_sentence: bool = True) -> Node:
        """The title as written: unsrt sets it in sentence case ("Karl marx", "U.s."), which
        lower-cases names and acronyms that the ``.bib`` does not brace."""
        title = field(which_field)
        return sentence[title] if as_sentence else title


def register_style() -> None:
    pybtex.plugin.register_plugin("pybtex.style.labels", STYLE, EditionLabels)
    pybtex.plugin.register_plugin("pybtex.style.sorting", STYLE, EditionSorting)
    pybtex.plugin.register_plugin("pybtex.style.formatting", STYLE, EditionStyle)


class source_link(nodes.reference):
    """A link from a note to a work in the bibliography; ``latex_key`` names its ``\\bibitem``."""


def visit_source_link_latex(self: LaTeXTranslator, node: source_link) -> None:
    self.body.append(r"\hyperlink{cite." + node["latex_key"] + "}{")


def depart_source_link_latex(self: LaTeXTranslator, node: source_link) -> None:
    self.body.append("}")
