"""The ``ecdosis`` command: check an edition's sources without building it."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ecdosis.model.corpus import load_corpus
from ecdosis.model.problems import Problem


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="ecdosis", description="Tools for an ecdosis critical edition."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser(
        "check",
        help="validate the sources without building",
        description="Report every problem as path:line: what is wrong — how to fix.",
    )
    check.add_argument("--sources", type=Path, default=Path("sources"))
    arguments = parser.parse_args(argv)
    if arguments.command == "check":
        return run_check(arguments.sources)
    return 2  # pragma: no cover - argparse rejects unknown commands


def run_check(sources: Path) -> int:
    corpus, problems = load_corpus(sources)
    report(problems)
    if problems:
        return 1
    print(f"ecdosis: {len(corpus.texts)} texts checked, no problems.")
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
