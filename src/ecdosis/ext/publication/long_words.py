"""Long words in the PDF: a word TeX cannot hyphenate runs off the edge of the page.

The check keeps every word to :data:`ecdosis.model.limits.WORD_LENGTH` characters, but even
that is wider than a footnote or a column of a table when its letters are wide and TeX finds no
hyphenation in it (a code, an identifier, an address written out). In the LaTeX output only,
every word longer than :data:`BREAKABLE` characters may be broken after each
:data:`PIECE` characters, where TeX needs to; shorter words are hyphenated as usual. The break
is a zero-width space, which the LaTeX preamble defines as a place to break: it works in the
text, in titles, and in the index entries that makeindex writes back. No contributed text can
hold that character (the check refuses invisible characters), so the PDF's own breaks are the
only ones. A web address shown as itself is left whole: LaTeX sets it with ``\\url``, which may
break it between any two characters (the preamble loads ``xurl``).
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ecdosis.ext.nodes import inside

BREAKABLE = 30
PIECE = 10
BREAK = "\u200b"
# The preamble's definition of BREAK: a place to break a line, nothing else (a protected macro,
# so that it reaches the table of contents and the index as itself).
LATEX_BREAK = r"\catcode`^^^^200b=\active\protected\def^^^^200b{\allowbreak}"
# Where XeTeX breaks a line anyway (see ecdosis.model.characters.longest_word).
_LONG_WORD = re.compile(rf"[^ \t\n\r\u00a0-]{{{BREAKABLE + 1},}}")
# Where a raw LaTeX break cannot stand: verbatim blocks and what LaTeX never typesets.
_VERBATIM = (nodes.literal_block, nodes.raw, nodes.comment, nodes.doctest_block)


class BreakLongWords(SphinxPostTransform):
    """Let the LaTeX output break words longer than :data:`BREAKABLE` characters."""

    default_priority = 900
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for text in list(self.document.findall(nodes.Text)):
            if _LONG_WORD.search(text) and not inside(text, _VERBATIM) and not is_address(text):
                text.parent.replace(text, nodes.Text(breakable(str(text))))
        for index in self.document.findall(addnodes.index):
            index["entries"] = [
                (kind, breakable(value), *rest) for kind, value, *rest in index["entries"]
            ]


def is_address(text: nodes.Text) -> bool:
    """A web address shown as itself, which Sphinx's LaTeX writer sets with ``\\url`` only while
    the link's text is exactly its address."""
    parent = text.parent
    return isinstance(parent, nodes.reference) and len(parent) == 1 and parent.get("refuri") == text


def breakable(text: str) -> str:
    """The text with a break allowed after every :data:`PIECE` characters of a long word."""
    return _LONG_WORD.sub(lambda word: _split(word.group()), text)


def _split(word: str) -> str:
    return BREAK.join(word[start : start + PIECE] for start in range(0, len(word), PIECE))
