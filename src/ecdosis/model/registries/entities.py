"""The registry of entities: persons, organisations, places and events named in the texts.

One file per entity, ``annotations/entities/<id>.md``: front matter only (schema
``entity.schema.json``). Its aliases find its mentions in the reading texts
(:mod:`ecdosis.model.annotations.mentions`); ``except`` lists occurrences of an alias that
mean something else.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ecdosis.model.annotations.entry_file import read_entry
from ecdosis.model.annotations.passages import Passage, load_passages
from ecdosis.model.fragments import fragment
from ecdosis.model.problems import Problem
from ecdosis.model.registries.bibliography import Bibliography
from ecdosis.model.texts.corpus import Corpus

ENTITY_TYPES = {
    "person": "Persons",
    "organisation": "Organisations",
    "place": "Places",
    "event": "Events",
}


@dataclass(frozen=True)
class Entity:
    id: str
    path: Path
    name: str
    type: str
    sort: str
    description: str
    wikidata: str  # "" when no Wikidata id has been verified
    aliases: tuple[str, ...]
    excepted: tuple[Passage, ...]
    sources: tuple[str, ...]
    alias_lines: tuple[int, ...]  # the line of each alias in the file
    exception_lines: tuple[int, ...]
    contains: tuple[str, ...] = ()  # entities whose aliases stand inside this one's
    contains_line: int = 0

    @property
    def anchor(self) -> str:
        return fragment("entity", self.id)

    @property
    def wikidata_url(self) -> str:
        return f"https://www.wikidata.org/wiki/{self.wikidata}" if self.wikidata else ""


def load_entity(
    path: Path, corpus: Corpus, bibliography: Bibliography, problems: list[Problem]
) -> Entity | None:
    entry = read_entry(path, "entity", bibliography, problems, body=None)
    if entry is None:
        return None
    data = entry.front.data
    found = len(problems)
    excepted = load_passages(path, entry.front, "except", corpus, problems)
    key = "sort" if data.get("sort") else "name"
    sort: str = data[key]
    if ";" in sort or sort.lstrip().startswith("!"):
        problems.append(
            Problem(
                path,
                entry.front.line_of(key),
                f"the {key} {sort!r} is the entity's entry in the index of names, where ';' "
                "starts a sub-entry and a leading '!' marks a main entry",
                "give a sort key without ';' or a leading '!' (sort: …)",
            )
        )
    if len(problems) > found:
        return None
    aliases = tuple(data["aliases"])
    return Entity(
        id=entry.id,
        path=path,
        name=data["name"],
        type=data["type"],
        sort=sort,
        description=data["description"],
        wikidata=data["wikidata"],
        aliases=aliases,
        excepted=excepted,
        sources=entry.sources,
        alias_lines=tuple(entry.front.line_at("aliases", i) for i in range(len(aliases))),
        exception_lines=tuple(entry.front.line_at("except", i) for i in range(len(excepted))),
        contains=tuple(data.get("contains", ())),
        contains_line=entry.front.line_of("contains"),
    )
