"""Problems found in an edition's input files, reported as ``path:line: what — how to fix``."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NamedTuple


class Problem(NamedTuple):
    """One thing wrong in an input file, with the way to put it right."""

    path: Path
    line: int
    message: str
    fix: str

    def format(self, root: Path | None = None) -> str:
        """One line, whatever the input held: characters that do not print are escaped, so
        that a contributed name or value can neither break the line nor hide in it."""
        line = f"{display_path(self.path, root)}:{self.line}: {self.message} — {self.fix}"
        return "".join(c if c.isprintable() else repr(c)[1:-1] for c in line)


def display_path(path: Path, root: Path | None = None) -> str:
    """The path as a contributor types it: relative to ``root`` (or the working directory)."""
    base = root if root is not None else Path.cwd()
    try:
        return os.path.relpath(path, base)
    except ValueError:  # another drive on Windows
        return str(path)


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Problems in file order, so a long report reads top to bottom."""
    return sorted(problems, key=lambda p: (str(p.path), p.line, p.message))


def read_text_file(path: Path, problems: list[Problem], *, what: str) -> str | None:
    """Read a UTF-8 file, recording a problem (not raising) when it cannot be read."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        problems.append(Problem(path, 1, f"{what} is missing", f"create {path.name}"))
        return None
    except OSError as error:
        problems.append(
            Problem(
                path, 1, f"cannot read {what}: {error.strerror}", "check the file's permissions"
            )
        )
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        _undecodable(path, line, error, problems, what)
        return None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problems.append(
            Problem(path, line, f"{what} contains a NUL byte", "remove it; the file must be text")
        )
        return None
    return text


def _undecodable(
    path: Path, line: int, error: UnicodeDecodeError, problems: list[Problem], what: str
) -> None:
    problems.append(
        Problem(
            path,
            line,
            f"{what} is not valid UTF-8 (byte 0x{error.object[error.start]:02x})",
            "save the file as UTF-8",
        )
    )


class Problems(list[Problem]):
    """The problems found so far, all reported at once: a check goes on after a problem, adds
    each it finds, and asks at the end whether there were any."""

    def add(self, path: Path, line: int, message: str, fix: str) -> None:
        self.append(Problem(path, line, message, fix))

    def report(self, consequence: str = "") -> None:
        report(self, consequence)


def report(problems: list[Problem], consequence: str = "") -> None:
    """Print problems one a line on standard error, then how many and what follows from them:
    the commands and the build report alike."""
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    if problems:
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        print(f"ecdosis: {count} found.{consequence}", file=sys.stderr)
