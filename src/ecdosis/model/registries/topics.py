"""Topics of comparison: passages of several texts on the same question (parallel passages),
and the documented record beside them. One file per topic, ``annotations/topics/<id>.md``
(schema ``topic.schema.json``); the body states the record.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ecdosis.model.annotations.entry_file import read_entry
from ecdosis.model.annotations.note_body import NoteBody
from ecdosis.model.annotations.passages import Passage, load_passages
from ecdosis.model.fragments import fragment
from ecdosis.model.problems import Problem
from ecdosis.model.registries.bibliography import Bibliography
from ecdosis.model.texts.corpus import Corpus


@dataclass(frozen=True)
class Topic:
    id: str
    path: Path
    title: str
    order: int
    passages: tuple[Passage, ...]
    sources: tuple[str, ...]
    body: NoteBody  # the documented record
    verified: str | None = None  # when the entry was last checked against its sources

    @property
    def anchor(self) -> str:
        return fragment("topic", self.id)

    @property
    def sigla(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(passage.siglum for passage in self.passages))

    def by_text(self, sigla: Sequence[str]) -> tuple[tuple[str, tuple[Passage, ...]], ...]:
        """The passages text by text, in the order of ``sigla`` (the corpus's, by date), each
        text's in the order the topic lists them; a text with no passage has ``()``."""
        return tuple(
            (siglum, tuple(p for p in self.passages if p.siglum == siglum)) for siglum in sigla
        )


def load_topic(
    path: Path, corpus: Corpus, bibliography: Bibliography, problems: list[Problem]
) -> Topic | None:
    entry = read_entry(path, "topic", bibliography, problems, body="the documented record")
    if entry is None or entry.body is None:
        return None
    found = len(problems)
    passages = load_passages(path, entry.front, "passages", corpus, problems)
    if len(problems) > found:
        return None
    topic = Topic(
        id=entry.id,
        path=path,
        title=entry.front.data["title"],
        order=entry.front.data["order"],
        passages=passages,
        sources=entry.sources,
        body=entry.body,
        verified=entry.verified,
    )
    if len(topic.sigla) < 2:
        problems.append(
            Problem(
                path,
                entry.front.line_of("passages"),
                "all the passages of the topic are in one text",
                "a topic compares texts: give passages from at least two texts",
            )
        )
        return None
    return topic
