"""Key figures: the numbers and dates the edition states in many places (the dead, the hostages,
the commandos, the length of the assault), each written once, with its sources and why the
sources differ, and stated everywhere through ``{figure}`<id>``` so that it cannot drift.

One file per figure, ``annotations/figures/<id>.md``: front matter (schema
``figure.schema.json``) and the account of what the sources give.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ecdosis.model.annotations.entry_file import read_entry
from ecdosis.model.annotations.note_body import NoteBody
from ecdosis.model.fragments import fragment
from ecdosis.model.problems import Problem
from ecdosis.model.registries.bibliography import Bibliography
from ecdosis.model.texts.corpus import Corpus


@dataclass(frozen=True)
class Figure:
    id: str
    path: Path
    value: str  # as the edition states it, e.g. "about 140"
    label: str  # what it counts or dates
    sources: tuple[str, ...]
    body: NoteBody  # what the sources give, and why the edition states it so
    verified: str | None = None

    @property
    def anchor(self) -> str:
        return fragment("figure", self.id)


def load_figure(
    path: Path, _corpus: Corpus, bibliography: Bibliography, problems: list[Problem]
) -> Figure | None:
    entry = read_entry(path, "figure", bibliography, problems, body="the account of the figure")
    if entry is None or entry.body is None:
        return None
    data = entry.front.data
    return Figure(
        id=entry.id,
        path=path,
        value=" ".join(data["value"].split()),
        label=data["label"],
        sources=entry.sources,
        body=entry.body,
        verified=entry.verified,
    )
