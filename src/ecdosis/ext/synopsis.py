"""The synoptic comparison: ``{edition-synopsis}``, a table of the topics against the texts.

Each row is a topic: the passages of each text on it, quoted and linked to their paragraphs,
and beside them the documented record with its sources.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

from ecdosis.ext.edition_page import EditionPage, passage_quote
from ecdosis.ext.tables import table
from ecdosis.model.topics import Topic


class Synopsis(EditionPage):
    kind = "synopsis"

    def run(self) -> list[nodes.Node]:
        self.record()
        topics = self.edition.annotations.topics
        if not topics:
            return [nodes.paragraph("", "There are no topics of comparison yet.")]
        sigla = self.edition.corpus.sigla
        text_width = max(10, 60 // len(sigla))
        columns = [
            ("Topic", 12),
            *((siglum.upper(), text_width) for siglum in sigla),
            ("The documented record", 28),
        ]
        rows = [self.row(topic, sigla) for topic in topics]
        synopsis = table(columns, rows, ["edition-synopsis", "longtable"])
        # PDF: narrow columns read better set ragged right, in a smaller size.
        total = sum(width for _, width in columns)
        synopsis["spec"] = (
            "|"
            + "|".join(
                rf">{{\raggedright\arraybackslash}}\Y{{{width / total:.3f}}}"
                for _, width in columns
            )
            + "|"
        )
        return [
            nodes.raw("", r"\begingroup\footnotesize", format="latex"),
            synopsis,
            nodes.raw("", r"\endgroup", format="latex"),
        ]

    def row(self, topic: Topic, sigla: tuple[str, ...]) -> list[nodes.Node]:
        head = nodes.paragraph("", "", classes=["synopsis-topic"])
        head += self.target(topic.anchor, topic.title)
        head += nodes.strong("", topic.title)
        cells: list[nodes.Node] = [head]
        for siglum in sigla:
            passages = [passage_quote(p) for p in topic.passages if p.siglum == siglum]
            cells.append(_cell(passages or [nodes.paragraph("", "—", classes=["no-passage"])]))
        cells.append(_cell(self.body(topic.body, topic.sources)))
        return cells


def _cell(content: Sequence[nodes.Element]) -> nodes.Node:
    if len(content) == 1:
        return content[0]
    box = nodes.container(classes=["synopsis-cell"])
    box.extend(content)
    return box
