"""The plain-Sphinx floor of the benchmark: the same reading texts as ordinary Markdown pages.

``write_floor(edition, destination)`` writes, for the texts of an edition tree (as
``generate.py`` writes it), a plain Sphinx project: ``conf.py`` with only ``myst_parser`` and
Sphinx's ``basic`` theme (the engine's theme, ``ecdosis``, is not available without the
engine; ``basic`` is what it is built on), one page per text with its title and the edition
text of each paragraph, its notes as MyST footnotes (the mark after the note's quote, or at
the paragraph's end when the quote is not found as is), and an index with a toctree.

The note's body is its file's Markdown with the engine's roles (``{cite}``, ``{entity}``, …)
replaced by their text: the floor knows no bibliography, entity or cross-reference.

Run as a script: ``python benchmarks/floor.py EDITION DESTINATION``.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from ecdosis.model.edition import load_edition

ROLE = re.compile(r"\{[a-z-]+\}`([^`]*)`")
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>{}|#$])")

CONF = '''"""A plain Sphinx project: the floor of the ecdosis benchmark."""

project = {title!r}
extensions = ["myst_parser"]
root_doc = "index"
html_theme = "basic"
smartquotes = False
myst_footnote_transition = False
'''


def role_text(match: re.Match[str]) -> str:
    content = match.group(1)
    shown = re.match(r"(.*?)\s*<[^>]*>$", content, re.S)
    return shown.group(1) if shown else content


def body_of(path: Path) -> str:
    """A note's body, its roles replaced by their text, on one line."""
    text = path.read_text("utf-8")
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    return " ".join(ROLE.sub(role_text, body).split())


def escape(text: str) -> str:
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def write_floor(edition_root: Path, destination: Path) -> list[str]:
    """Write the floor project for the edition at ``edition_root``; return its page names."""
    edition, problems = load_edition(edition_root / "sources", edition_root / "annotations")
    if problems:
        raise ValueError(f"the edition has {len(problems)} problems: {problems[0]}")
    destination.mkdir(parents=True)
    pages = []
    for text in edition.corpus.texts:
        notes: dict[str, list[tuple[str, str]]] = {}
        for note in edition.notes_on(text.siglum):
            notes.setdefault(note.target, []).append((" ".join(note.quote.split()), note.id))
        lines = ["# " + escape(" ".join(text.record.title.split())), ""]
        footnotes: list[str] = []
        for block in text.reading_text.paragraphs:
            paragraph = " ".join(block.edition_text().split())
            marks: list[tuple[int, str]] = []
            for quote, note_id in notes.get(block.anchor, []):
                place = paragraph.find(quote)
                end = len(paragraph) if place < 0 else place + len(quote)
                label = f"n{len(footnotes) + 1}"
                footnotes.append(f"[^{label}]: {body_of(note_path(edition_root, note_id))}")
                marks.append((end, label))
            pieces, start = [], 0
            for end, label in sorted(marks, key=lambda mark: mark[0]):
                pieces.append(escape(paragraph[start:end]) + f"[^{label}]")
                start = end
            pieces.append(escape(paragraph[start:]))
            lines += ["".join(pieces), ""]
        lines += [*footnotes, ""] if footnotes else []
        (destination / f"{text.siglum}.md").write_text("\n".join(lines), "utf-8")
        pages.append(text.siglum)
    title = edition_root.name
    index = [f"# {title}", "", "```{toctree}", ":maxdepth: 1", "", *pages, "```", ""]
    (destination / "index.md").write_text("\n".join(index), "utf-8")
    (destination / "conf.py").write_text(CONF.format(title=title), "utf-8")
    return pages


def note_path(edition_root: Path, note_id: str) -> Path:
    siglum = note_id.split("-", 1)[0]
    return edition_root / "annotations" / siglum / f"{note_id}.md"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("edition", type=Path, help="an edition tree (generate.py)")
    parser.add_argument("destination", type=Path, help="a folder that does not exist yet")
    args = parser.parse_args()
    write_floor(args.edition, args.destination)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
