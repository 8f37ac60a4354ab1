"""Where a note's quote stands in its paragraph (a text-quote selector scoped to a paragraph).

Quotes are matched against the paragraph's reading text with whitespace normalised: runs of
spaces and line breaks count as one space. Offsets are into that normalised text.
"""

from __future__ import annotations

import difflib
from typing import NamedTuple

from ecdosis.model.reading_text import Block


class Span(NamedTuple):
    start: int
    end: int


def normalise(text: str) -> str:
    return " ".join(text.split())


def occurrences(text: str, quote: str) -> list[Span]:
    """Every place the quote occurs in the text, overlapping ones included."""
    spans = []
    start = text.find(quote)
    while start != -1:
        spans.append(Span(start, start + len(quote)))
        start = text.find(quote, start + 1)
    return spans


def closest_match(text: str, quote: str) -> str:
    """The stretch of ``text`` most like ``quote``, for an error message."""
    words = text.split(" ")
    size = max(1, len(quote.split(" ")))
    best, best_ratio = "", 0.0
    for start in range(max(1, len(words) - size + 1)):
        for width in (size - 1, size, size + 1):
            if width < 1:
                continue
            candidate = " ".join(words[start : start + width])
            ratio = difflib.SequenceMatcher(None, candidate, quote, autojunk=False).ratio()
            if ratio > best_ratio:
                best, best_ratio = candidate, ratio
    return best if best_ratio >= 0.4 else ""


def crossing(paragraphs: tuple[Block, ...], index: int, quote: str) -> str:
    """The id of the next paragraph when the quote runs on from paragraph ``index`` into it."""
    if index + 1 >= len(paragraphs):
        return ""
    here = normalise(paragraphs[index].edition_text())
    after = normalise(paragraphs[index + 1].edition_text())
    joined = f"{here} {after}"
    for span in occurrences(joined, quote):
        if span.start < len(here) < span.end:
            return paragraphs[index + 1].anchor
    return ""
