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

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from ecdosis.model.annotations.anchoring import Span, normalise, occurrences
from ecdosis.model.annotations.limits import ALIASES
from ecdosis.model.annotations.passages import Passage
from ecdosis.model.problems import Problem
from ecdosis.model.registries.entities import Entity
from ecdosis.model.registries.glossary import Term
from ecdosis.model.texts.corpus import Corpus


@dataclass(frozen=True)
class Mention:
    """Words of a paragraph that name an entity, or use a glossary term (``key`` is its id)."""

    key: str
    siglum: str
    paragraph: str
    span: Span
    words: str

    @property
    def values(self) -> tuple[str, str, str, int, int, str]:
        """The mention as plain values, to fingerprint what a page shows of it (the repr of a
        tuple of them is made in C; a dataclass's is made field by field in Python)."""
        return (self.key, self.siglum, self.paragraph, self.span.start, self.span.end, self.words)


@dataclass(frozen=True)
class Mentions:
    entities: tuple[Mention, ...]  # every mention of an entity, in reading order
    terms: tuple[Mention, ...]  # the first use of each term in each text

    def in_paragraph(self, paragraph: str) -> tuple[tuple[Mention, ...], tuple[Mention, ...]]:
        """The mentions of entities and the uses of terms in one paragraph, in reading order."""
        return (
            self._by_paragraph[0].get(paragraph, ()),
            self._by_paragraph[1].get(paragraph, ()),
        )

    @cached_property
    def _by_paragraph(
        self,
    ) -> tuple[dict[str, tuple[Mention, ...]], dict[str, tuple[Mention, ...]]]:
        return _grouped(self.entities, "paragraph"), _grouped(self.terms, "paragraph")

    def in_text(self, siglum: str) -> tuple[tuple[Mention, ...], tuple[Mention, ...]]:
        """The mentions of entities and the uses of terms in one text, in reading order."""
        return self._by_text[0].get(siglum, ()), self._by_text[1].get(siglum, ())

    @cached_property
    def _by_text(self) -> tuple[dict[str, tuple[Mention, ...]], dict[str, tuple[Mention, ...]]]:
        return _grouped(self.entities, "siglum"), _grouped(self.terms, "siglum")

    def of(self, key: str) -> tuple[Mention, ...]:
        return self._by_key.get(key, ())

    @cached_property
    def _by_key(self) -> dict[str, tuple[Mention, ...]]:
        return _grouped(self.entities, "key")

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        # Pickled (kept between builds) as each mention's plain values: a tuple pickles six
        # times faster than a dataclass, and an edition has a mention or more per sentence.
        return _kept_mentions, tuple(
            tuple(m.values for m in kept) for kept in (self.entities, self.terms)
        )


MentionValues = tuple[str, str, str, int, int, str]


def _kept_mentions(
    entities: tuple[MentionValues, ...], terms: tuple[MentionValues, ...]
) -> Mentions:
    """The mentions :meth:`Mentions.__reduce__` pickled, from their values."""

    def made(values: tuple[MentionValues, ...]) -> tuple[Mention, ...]:
        return tuple(Mention(k, s, p, Span(start, end), w) for k, s, p, start, end, w in values)

    return Mentions(made(entities), made(terms))


def _grouped(mentions: tuple[Mention, ...], by: str) -> dict[str, tuple[Mention, ...]]:
    """The mentions grouped by one of their fields, each group in the order given."""
    groups: dict[str, list[Mention]] = {}
    for mention in mentions:
        groups.setdefault(getattr(mention, by), []).append(mention)
    return {value: tuple(group) for value, group in groups.items()}


@dataclass(frozen=True)
class _Named:
    """What the matcher needs of an entity or a term."""

    key: str
    path: Path
    aliases: tuple[str, ...]
    alias_lines: tuple[int, ...]
    excepted: tuple[Passage, ...]
    exception_lines: tuple[int, ...]
    contains: tuple[str, ...] = ()
    contains_line: int = 0


def find_mentions(
    corpus: Corpus, entities: Sequence[Entity], terms: Sequence[Term], problems: list[Problem]
) -> Mentions:
    named_entities = [
        _Named(
            e.id,
            e.path,
            e.aliases,
            e.alias_lines,
            e.excepted,
            e.exception_lines,
            e.contains,
            e.contains_line,
        )
        for e in entities
    ]
    named_terms = [
        _Named(t.id, t.path, t.aliases, t.alias_lines, (), (), t.contains, t.contains_line)
        for t in terms
    ]
    mentions = _match(corpus, named_entities, "entity", problems)
    uses = _match(corpus, named_terms, "glossary term", problems)
    first: dict[tuple[str, str], Mention] = {}
    for use in uses:
        first.setdefault((use.key, use.siglum), use)
    return Mentions(tuple(mentions), tuple(first.values()))


_WORD = re.compile(r"\w+")


class _Candidate(NamedTuple):
    span: Span
    owner: _Named
    alias: str


def _index(owners: dict[str, _Named]) -> dict[str, list[str]]:
    """Aliases by what they begin with: their first word, or their first character when they
    begin with punctuation, so that each paragraph is read once, word by word."""
    index: dict[str, list[str]] = {}
    for alias in owners:
        first = _WORD.match(alias)
        index.setdefault(first.group() if first else alias[0], []).append(alias)
    return index


def _candidates(
    paragraph: str, owners: dict[str, _Named], index: dict[str, list[str]]
) -> list[_Candidate]:
    """Every whole-word occurrence of every alias in the paragraph (overlaps included)."""
    starts = [(m.start(), m.group()) for m in _WORD.finditer(paragraph)]
    starts += [
        (i, c)
        for i, c in enumerate(paragraph)
        if c in index and not c.isspace() and not _WORD.match(c)
    ]
    found = []
    for start, key in starts:
        if start > 0 and _WORD.match(paragraph, start - 1) and not _WORD.match(key):
            continue  # an alias that begins with punctuation must not follow a letter
        for alias in index.get(key, ()):
            end = start + len(alias)
            if paragraph.startswith(alias, start) and not _WORD.match(paragraph, end):
                found.append(_Candidate(Span(start, end), owners[alias], alias))
    return found


def _match(
    corpus: Corpus, named: Sequence[_Named], what: str, problems: list[Problem]
) -> list[Mention]:
    owners: dict[str, _Named] = {}
    total = 0
    for item in named:
        total += len(item.aliases)
        if total > ALIASES:
            problems.append(
                Problem(
                    item.path,
                    item.alias_lines[0] if item.alias_lines else 1,
                    f"the aliases of all {what} files together are more than {ALIASES}",
                    "give each entry only the spellings the texts use",
                )
            )
            return []
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
    by_start = _index(owners)
    used_aliases: set[str] = set()
    used_exceptions: set[tuple[str, int]] = set()
    # (winning alias, the entry it takes words from) -> where it does, as an exception
    taken: dict[tuple[str, str], list[str]] = {}
    confirmed: set[tuple[str, str]] = set()  # (entry, entry it contains) that took words
    result: list[Mention] = []
    for text in corpus.texts:
        for block in text.reading_text.paragraphs:
            paragraph = normalise(block.edition_text())
            candidates = []
            for candidate in _candidates(paragraph, owners, by_start):
                excepted = _excepted(candidate.owner, block.anchor, candidate.span)
                if excepted is not None:
                    used_exceptions.add((candidate.owner.key, excepted))
                else:
                    candidates.append(candidate)
            chosen: list[_Candidate] = []
            for candidate in sorted(
                candidates, key=lambda c: (c.span.start - c.span.end, c.span.start)
            ):
                winner = next((c for c in chosen if _overlap(c.span, candidate.span)), None)
                if winner is None:
                    chosen.append(candidate)
                elif candidate.owner.key in winner.owner.contains:
                    confirmed.add((winner.owner.key, candidate.owner.key))
                elif winner.owner is not candidate.owner:
                    where = taken.setdefault((winner.alias, candidate.owner.key), [])
                    where.append(_exception(block.anchor, paragraph, winner.span))
            for candidate in sorted(chosen, key=lambda c: c.span.start):
                used_aliases.add(candidate.alias)
                span = candidate.span
                words = paragraph[span.start : span.end]
                result.append(Mention(candidate.owner.key, text.siglum, block.anchor, span, words))
    for (alias, other), places in sorted(taken.items()):
        owner = owners[alias]
        line = owner.alias_lines[owner.aliases.index(alias)]
        count = len(places)
        listed = "; ".join(places[:3]) + ("; …" if count > 3 else "")
        problems.append(
            Problem(
                owner.path,
                line,
                f"the alias {alias!r} takes {count} mention{'s' if count > 1 else ''} from the "
                f"{what} {other!r}, whose alias stands inside it",
                f"if the longer name is meant wherever it stands, confirm it in this file with "
                f"contains: [{other}]; if only here, confirm it in the file of {other!r}: "
                f"except: [{listed}]; if not, change or remove the alias",
            )
        )
    keys = {item.key for item in named}
    for item in named:
        for other in item.contains:
            if other not in keys:
                message = f"contains {other!r}, which is no {what} of the registry"
            elif (item.key, other) not in confirmed:
                message = (
                    f"contains {other!r}, but no alias of it stands inside one of this {what}'s "
                    "in the texts"
                )
            else:
                continue
            problems.append(
                Problem(item.path, item.contains_line, message, f"remove {other!r} from contains")
            )
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


def _exception(anchor: str, paragraph: str, span: Span) -> str:
    """An ``except`` entry for the words at ``span``, as a contributor writes it."""
    words = paragraph[span.start : span.end]
    entry = f"{{target: {anchor}, quote: {json.dumps(words, ensure_ascii=False)}"
    spans = occurrences(paragraph, words)
    if len(spans) > 1:
        entry += f", occurrence: {spans.index(span) + 1}"
    return entry + "}"


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


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
