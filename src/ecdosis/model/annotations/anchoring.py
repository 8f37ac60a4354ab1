"""Where a note's quote stands in its paragraph (a text-quote selector scoped to a paragraph).

Quotes are matched against the paragraph's reading text with whitespace normalised: runs of
spaces and line breaks count as one space. Offsets are into that normalised text.
"""

from __future__ import annotations

import difflib
from typing import NamedTuple

from ecdosis.model.annotations.limits import SUGGESTION_CANDIDATES
from ecdosis.model.texts.reading_text import Block


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
    """The stretch of ``text`` most like ``quote``, for an error message.

    The work is bounded: every stretch of about the quote's length is ranked by the matcher's
    cheap upper bound (which counts shared characters), and only the :data:`SUGGESTION_CANDIDATES`
    best are compared in full.
    """
    words = text.split(" ")
    size = max(1, len(quote.split(" ")))
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(quote)
    ranked = []
    for start in range(max(1, len(words) - size + 1)):
        for width in (size - 1, size, size + 1):
            if width >= 1:
                candidate = " ".join(words[start : start + width])
                matcher.set_seq1(candidate)
                ranked.append((-matcher.quick_ratio(), start, width, candidate))
    best, best_ratio = "", 0.0
    for _, _, _, candidate in sorted(ranked)[:SUGGESTION_CANDIDATES]:
        matcher.set_seq1(candidate)
        ratio = matcher.ratio()
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
