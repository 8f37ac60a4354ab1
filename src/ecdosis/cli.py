"""The ``ecdosis`` command: check an edition without building it, and start a new note."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ecdosis.model.edition import load_edition
from ecdosis.model.problems import Problem
from ecdosis.model.review import review
from ecdosis.new_note import NoteRequest, scaffold_note


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="ecdosis", description="Tools for an ecdosis critical edition."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser(
        "check",
        help="validate sources/ and annotations/ without building",
        description="Report every problem as path:line: what is wrong — how to fix.",
    )
    _folders(check)
    new = commands.add_parser(
        "new-note",
        help="write a new, valid note file to start from",
        description="Write annotations/<siglum>/<id>.md for a note on the given words of a "
        "paragraph, after checking that the words are there.",
    )
    new.add_argument("paragraph", help="the paragraph's id, e.g. ig-3")
    new.add_argument("quote", help="the exact words of the paragraph the note is about")
    new.add_argument(
        "--kind",
        default="context",
        choices=["context", "correction", "translation", "textual", "crossref"],
        help="the kind of note (default: context)",
    )
    new.add_argument("--id", default="", help="the note's id (default: made from the quote)")
    new.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="KEY",
        help="a key of annotations/references.bib (repeatable; needed for context and "
        "correction notes)",
    )
    new.add_argument("--author", default="", help="your name, as the note should credit you")
    new.add_argument("--occurrence", type=int, default=None, help="which occurrence, from 1")
    _folders(new)
    review_parser = commands.add_parser(
        "review",
        help="compare the edition with its base: the register only grows, witnesses stay",
        description="Compare this edition with its base (a checkout of the branch a pull "
        "request goes into): report a published anchor dropped from the register, a register "
        "entry's history rewritten, and a witness changed or removed. Run it from the edition's "
        "folder; CI runs it on every pull request.",
    )
    review_parser.add_argument("base", type=Path, help="the folder of the base edition")
    review_parser.add_argument(
        "--register",
        type=Path,
        default=Path("docs/anchor-register.toml"),
        help="the register of anchors, relative to each edition (default: %(default)s)",
    )
    _folders(review_parser)
    arguments = parser.parse_args(argv)
    if arguments.command == "check":
        return run_check(arguments.sources, arguments.annotations)
    if arguments.command == "review":
        return run_review(arguments.base, arguments.register, arguments.sources)
    request = NoteRequest(
        paragraph=arguments.paragraph,
        quote=arguments.quote,
        kind=arguments.kind,
        note_id=arguments.id,
        sources=tuple(arguments.source),
        author=arguments.author,
        occurrence=arguments.occurrence,
    )
    return run_new_note(arguments.sources, arguments.annotations, request)


def _folders(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sources", type=Path, default=Path("sources"), help=argparse.SUPPRESS)
    parser.add_argument(
        "--annotations", type=Path, default=Path("annotations"), help=argparse.SUPPRESS
    )


def run_check(sources: Path, annotations: Path) -> int:
    edition, problems = load_edition(sources, annotations)
    report(problems)
    if problems:
        return 1
    a = edition.annotations
    counts = (
        f"{len(edition.corpus.texts)} texts, {len(a.notes)} notes, {len(a.entities)} entities "
        f"({len(edition.mentions.entities)} mentions), {len(a.terms)} glossary terms, "
        f"{len(a.events)} events, {len(a.topics)} topics, {len(a.figures)} key figures and "
        f"{len(a.bibliography.sources)} bibliography entries"
    )
    print(f"ecdosis: {counts} checked, no problems.")
    return 0


def run_review(base: Path, register: Path, sources: Path) -> int:
    problems = review(base / register, register, base / sources, sources)
    report(problems, " (compared with the base)")
    if problems:
        return 1
    print(
        f"ecdosis: compared with {base}, the register only grows and the witnesses are unchanged."
    )
    return 0


def run_new_note(sources: Path, annotations: Path, request: NoteRequest) -> int:
    edition, problems = load_edition(sources, annotations)
    written, note_problems = scaffold_note(edition, request)
    if note_problems:
        report(note_problems, " No note was written.")
        return 1
    assert written is not None
    print(
        f"ecdosis: wrote {written}. Write the note below its front matter, then run "
        "make check, and make register to add the note's anchor to the register."
    )
    if problems:
        print(
            f"ecdosis: note that the edition has {len(problems)} other problem(s); "
            "run make check to see them.",
            file=sys.stderr,
        )
    return 0


def report(problems: list[Problem], consequence: str = "") -> None:
    """Print problems one a line, then how many; the build uses the same format."""
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    if problems:
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        print(f"ecdosis: {count} found.{consequence}", file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
