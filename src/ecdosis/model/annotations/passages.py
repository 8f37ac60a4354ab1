"""Passages of the reading texts named in annotation files: a paragraph id and exact words.

Notes, topics, timeline events and the registry's exceptions all point into the texts this way
(a text-quote selector scoped to one paragraph), and are checked the same way: the paragraph
exists, the words are in it, once, or the occurrence meant is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ecdosis.model.annotations.anchoring import (
    Span,
    closest_match,
    crossing,
    normalise,
    occurrences,
)
from ecdosis.model.annotations.front_matter import FrontMatter
from ecdosis.model.annotations.limits import SUGGESTIONS_PER_RUN
from ecdosis.model.problems import Problem
from ecdosis.model.texts.corpus import Corpus, EditedText

MISSING = "the quote is not in the reading text of"


@dataclass(frozen=True)
class Passage:
    """Words of one paragraph: ``span`` is their place in its normalised reading text."""

    siglum: str
    target: str
    quote: str
    span: Span


def locate(
    path: Path,
    front: FrontMatter,
    where: tuple[str | int, ...],
    text: EditedText,
    problems: list[Problem],
) -> Span | None:
    """Find the passage written at ``where`` in the front matter (``()`` for the top level)."""
    value: dict[str, Any] = front.data
    for part in where:
        value = value[part]  # type: ignore[index]
    target: str = value["target"]
    quote = normalise(value["quote"])
    occurrence: int | None = value.get("occurrence")
    line = front.line_at(*where, "quote")
    paragraphs = text.reading_text.paragraphs
    index = next((i for i, block in enumerate(paragraphs) if block.anchor == target), None)
    if index is None:
        known = f"{paragraphs[0].anchor} to {paragraphs[-1].anchor}" if paragraphs else "none"
        problems.append(
            Problem(
                path,
                front.line_at(*where, "target"),
                f"there is no paragraph {target!r} in {text.siglum}",
                f"give the id of a paragraph of this text ({known})",
            )
        )
        return None
    paragraph = normalise(paragraphs[index].edition_text())
    spans = occurrences(paragraph, quote)
    if not spans:
        following = crossing(paragraphs, index, quote)
        if following:
            problems.append(
                Problem(
                    path,
                    line,
                    f"the quote runs on from {target} into {following}",
                    f"a quote stands within one paragraph: end it in {target}",
                )
            )
            return None
        elsewhere = [b.anchor for b in paragraphs if quote in normalise(b.edition_text())]
        missing = sum(1 for p in problems if p.message.startswith(MISSING))
        # Each suggestion costs a search of the paragraph: a run offers a bounded number.
        closest = closest_match(paragraph, quote) if missing < SUGGESTIONS_PER_RUN else ""
        hint = f"the closest words in {target} are {closest!r}" if closest else ""
        if elsewhere:
            hint = f"the quote is in {', '.join(elsewhere)}: change the target"
        problems.append(
            Problem(
                path,
                line,
                f"{MISSING} {target}",
                hint or "copy the words exactly from the paragraph's reading text",
            )
        )
        return None
    if occurrence is None and len(spans) > 1:
        problems.append(
            Problem(
                path,
                line,
                f"the quote occurs {len(spans)} times in {target}",
                "add 'occurrence: N' (counting from 1), or quote more words",
            )
        )
        return None
    if occurrence is not None and occurrence > len(spans):
        problems.append(
            Problem(
                path,
                front.line_at(*where, "occurrence"),
                f"occurrence {occurrence} asked, but the quote occurs {len(spans)} time(s)",
                "count the occurrences from 1 in the paragraph's reading text",
            )
        )
        return None
    return spans[(occurrence or 1) - 1]


def load_passages(
    path: Path, front: FrontMatter, key: str, corpus: Corpus, problems: list[Problem]
) -> tuple[Passage, ...]:
    """The passages listed under ``key``, each in whichever text its paragraph belongs to."""
    passages = []
    for index, item in enumerate(front.data.get(key, [])):
        target: str = item["target"]
        siglum = target.rsplit("-", 1)[0]
        if siglum not in corpus.sigla:
            problems.append(
                Problem(
                    path,
                    front.line_at(key, index, "target"),
                    f"there is no text {siglum!r} for the paragraph {target!r}",
                    f"a paragraph id is a siglum ({', '.join(corpus.sigla)}), '-' and a number",
                )
            )
            continue
        span = locate(path, front, (key, index), corpus[siglum], problems)
        if span is not None:
            passages.append(Passage(siglum, target, normalise(item["quote"]), span))
    return tuple(passages)
