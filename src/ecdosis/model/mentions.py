"""Where the registry's entities and the glossary's terms are named in the reading texts.

Aliases are matched in each numbered paragraph's reading text (whitespace normalised, as for
quotes) as whole words and case-sensitively. Where matches overlap, the longest wins, so that
"Movimiento Revolucionario Tupac Amaru" is the organisation, not the eighteenth-century rebel.
An entity's ``except`` passages remove the matches they cover. Precision is checked: an alias
belongs to one entity (or term), every alias must match somewhere, and every exception must
remove a match, so that a misspelt or stale alias or exception is reported, not silently kept.
Every match of an entity is a mention; only the first use of a term in each text is linked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ecdosis.model.anchoring import Span, normalise
from ecdosis.model.corpus import Corpus
from ecdosis.model.entities import Entity
from ecdosis.model.glossary import Term
from ecdosis.model.passages import Passage
from ecdosis.model.problems import Problem


@dataclass(frozen=True)
class Mention:
    """Words of a paragraph that name an entity, or use a glossary term (``key`` is its id)."""

    key: str
    siglum: str
    paragraph: str
    span: Span
    words: str


@dataclass(frozen=True)
class Mentions:
    entities: tuple[Mention, ...]  # every mention of an entity, in reading order
    terms: tuple[Mention, ...]  # the first use of each term in each text

    def in_paragraph(self, paragraph: str) -> tuple[tuple[Mention, ...], tuple[Mention, ...]]:
        return (
            tuple(m for m in self.entities if m.paragraph == paragraph),
            tuple(m for m in self.terms if m.paragraph == paragraph),
        )

    def of(self, key: str) -> tuple[Mention, ...]:
        return tuple(m for m in self.entities if m.key == key)


@dataclass(frozen=True)
class _Named:
    """What the matcher needs of an entity or a term."""

    key: str
    path: Path
    aliases: tuple[str, ...]
    alias_lines: tuple[int, ...]
    excepted: tuple[Passage, ...]
    exception_lines: tuple[int, ...]


def find_mentions(
    corpus: Corpus, entities: Sequence[Entity], terms: Sequence[Term], problems: list[Problem]
) -> Mentions:
    named_entities = [
        _Named(e.id, e.path, e.aliases, e.alias_lines, e.excepted, e.exception_lines)
        for e in entities
    ]
    named_terms = [_Named(t.id, t.path, t.aliases, t.alias_lines, (), ()) for t in terms]
    mentions = _match(corpus, named_entities, "entity", problems)
    uses = _match(corpus, named_terms, "glossary term", problems)
    first: dict[tuple[str, str], Mention] = {}
    for use in uses:
        first.setdefault((use.key, use.siglum), use)
    return Mentions(tuple(mentions), tuple(first.values()))


def _match(
    corpus: Corpus, named: Sequence[_Named], what: str, problems: list[Problem]
) -> list[Mention]:
    owners: dict[str, _Named] = {}
    for item in named:
        for alias, line in zip(item.aliases, item.alias_lines, strict=True):
            owner = owners.setdefault(alias, item)
            if owner is not item:
                problems.append(
                    Problem(
                        item.path,
                        line,
                        f"the alias {alias!r} is also an alias of the {what} {owner.key!r}",
                        "an alias names one thing only: keep it in one file, and use a longer "
                        "alias or an exception where the other is meant",
                    )
                )
    used_aliases: set[str] = set()
    used_exceptions: set[tuple[str, int]] = set()
    result: list[Mention] = []
    for text in corpus.texts:
        for block in text.reading_text.paragraphs:
            paragraph = normalise(block.edition_text())
            candidates = []
            for alias, owner in owners.items():
                for match in re.finditer(rf"(?<!\w){re.escape(alias)}(?!\w)", paragraph):
                    span = Span(match.start(), match.end())
                    excepted = _excepted(owner, block.anchor, span)
                    if excepted is not None:
                        used_exceptions.add((owner.key, excepted))
                    else:
                        candidates.append((span, owner, alias))
            chosen: list[tuple[Span, _Named, str]] = []
            for span, owner, alias in sorted(
                candidates, key=lambda c: (-(c[0].end - c[0].start), c[0].start)
            ):
                if all(span.end <= s.start or span.start >= s.end for s, _, _ in chosen):
                    chosen.append((span, owner, alias))
            for span, owner, alias in sorted(chosen, key=lambda c: c[0].start):
                used_aliases.add(alias)
                words = paragraph[span.start : span.end]
                result.append(Mention(owner.key, text.siglum, block.anchor, span, words))
    for alias, owner in owners.items():
        if alias not in used_aliases:
            line = owner.alias_lines[owner.aliases.index(alias)]
            problems.append(
                Problem(
                    owner.path,
                    line,
                    f"the alias {alias!r} names nothing in the reading texts",
                    "write it exactly as a text spells it (case matters, whole words), or "
                    "remove it; an alias inside a longer alias of another entry never links",
                )
            )
    for item in named:
        for index, line in enumerate(item.exception_lines):
            if (item.key, index) not in used_exceptions:
                passage = item.excepted[index]
                problems.append(
                    Problem(
                        item.path,
                        line,
                        f"the exception in {passage.target} covers no alias of this {what}",
                        "quote the occurrence of an alias that does not mean it, or remove "
                        "the exception",
                    )
                )
    return result


def _excepted(owner: _Named, paragraph: str, span: Span) -> int | None:
    """The index of the exception that removes this match, if one does."""
    for index, passage in enumerate(owner.excepted):
        if (
            passage.target == paragraph
            and passage.span.start <= span.start
            and span.end <= passage.span.end
        ):
            return index
    return None
