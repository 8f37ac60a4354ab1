"""The glossary: terms and acronyms a reader needs explained, each defined and sourced.

One file per term, ``annotations/glossary/<id>.md``: front matter (schema ``term.schema.json``)
and the definition. The first use of one of its aliases in each text links to it.
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
from ecdosis.model.texts.languages import POLYGLOSSIA_NAMES


@dataclass(frozen=True)
class Term:
    id: str
    path: Path
    term: str
    language: str  # "" for English
    expansion: str
    aliases: tuple[str, ...]
    sources: tuple[str, ...]
    body: NoteBody
    alias_lines: tuple[int, ...]
    contains: tuple[str, ...] = ()  # terms whose aliases stand inside this one's
    contains_line: int = 0
    verified: str | None = None  # when the entry was last checked against its sources

    @property
    def anchor(self) -> str:
        return fragment("glossary", self.id)


def load_term(
    path: Path, _corpus: Corpus, bibliography: Bibliography, problems: list[Problem]
) -> Term | None:
    entry = read_entry(path, "term", bibliography, problems, body="the definition")
    if entry is None or entry.body is None:
        return None
    data = entry.front.data
    language = data.get("language", "")
    if language and language not in POLYGLOSSIA_NAMES:
        problems.append(
            Problem(
                path,
                entry.front.line_of("language"),
                f"the language {language!r} is not one the edition can typeset",
                f"use one of: {', '.join(sorted(POLYGLOSSIA_NAMES))}",
            )
        )
        return None
    aliases = tuple(data["aliases"])
    return Term(
        id=entry.id,
        path=path,
        term=data["term"],
        language=language,
        expansion=data.get("expansion", ""),
        aliases=aliases,
        sources=entry.sources,
        body=entry.body,
        verified=entry.verified,
        alias_lines=tuple(entry.front.line_at("aliases", i) for i in range(len(aliases))),
        contains=tuple(data.get("contains", ())),
        contains_line=entry.front.line_of("contains"),
    )
