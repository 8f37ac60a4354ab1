"""The timeline of the crisis: dated events, each sourced and linked to the passages that
mention it. One file per event, ``annotations/timeline/<id>.md`` (schema ``event.schema.json``).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from pathlib import Path

from ecdosis.model.annotations.entry_file import check_day, read_entry
from ecdosis.model.annotations.note_body import NoteBody
from ecdosis.model.annotations.passages import Passage, load_passages
from ecdosis.model.fragments import fragment
from ecdosis.model.problems import Problem
from ecdosis.model.registries.bibliography import Bibliography
from ecdosis.model.texts.corpus import Corpus


@dataclass(frozen=True)
class Event:
    id: str
    path: Path
    date: str  # YYYY-MM-DD, or YYYY-MM when only the month is known
    end: str  # "" for a single day
    title: str
    passages: tuple[Passage, ...]
    sources: tuple[str, ...]
    body: NoteBody
    verified: str | None = None  # when the entry was last checked against its sources

    @property
    def anchor(self) -> str:
        return fragment("event", self.id)

    @property
    def when(self) -> str:
        """The date as a reader reads it: "17 December 1996", "March 1997", "6–9 May 1992"."""
        if not self.end:
            return _spoken(self.date)
        start, end = self.date.split("-"), self.end.split("-")
        if len(start) == len(end) == 3 and start[:2] == end[:2]:
            return f"{int(start[2])}–{_spoken(self.end)}"
        return f"{_spoken(self.date)} – {_spoken(self.end)}"


def _spoken(date: str) -> str:
    parts = [int(part) for part in date.split("-")]
    month = calendar.month_name[parts[1]]
    return f"{parts[2]} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"


def load_event(
    path: Path, corpus: Corpus, bibliography: Bibliography, problems: list[Problem]
) -> Event | None:
    entry = read_entry(path, "event", bibliography, problems, body="the account of the event")
    if entry is None or entry.body is None:
        return None
    front = entry.front
    found = len(problems)
    for key in ("date", "end"):
        check_day(path, front, key, problems, months=True)
    end = front.data.get("end")
    if len(problems) == found and end is not None and end <= front.data["date"]:
        problems.append(
            Problem(
                path,
                front.line_of("end"),
                "the event ends before or on the day it begins",
                "give 'end' only for an event over several days, after 'date'",
            )
        )
    passages = load_passages(path, front, "passages", corpus, problems)
    if len(problems) > found:
        return None
    return Event(
        id=entry.id,
        path=path,
        date=front.data["date"],
        end=front.data.get("end", ""),
        title=front.data["title"],
        passages=passages,
        sources=entry.sources,
        body=entry.body,
        verified=entry.verified,
    )
