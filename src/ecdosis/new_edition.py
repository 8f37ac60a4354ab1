"""``ecdosis init DIR``: write a new, working edition to start from.

The edition is the template ``data/new-edition/``: ``conf.py``, the edition's pages, one sample
text (a public-domain sonnet, with its witness, record and reading text), one note, one entity
and its bibliography, ``CITATION.cff``, a ``Makefile`` and a ``README.md``. Two things are made
when it is written: today's date goes where the template says ``@DATE@`` (the release date in
``CITATION.cff``, the note's date), and the register of anchors is recorded by the engine itself
(``ecdosis register``, run on the new edition), so that it is exactly what this version of the
engine publishes and the first ``make html`` passes with warnings as errors.

Nothing is written partially: the edition is written and registered in a hidden folder beside
``DIR``, which is renamed to ``DIR`` only when all went well.
"""

from __future__ import annotations

import datetime
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ecdosis.model.problems import Problem

#: The template of a new edition, as the package ships it.
TEMPLATE = Path(__file__).parent / "data" / "new-edition"
#: Where the template has today's date written, in ISO 8601.
DATE_PLACEHOLDER = "@DATE@"
#: Template files stored under another name than the edition's (a file whose name begins with
#: a dot would be left out of the package).
RENAMED = {"gitignore": ".gitignore"}
#: What the engine writes into the edition at every build, and ``init`` leaves out.
GENERATED = ("texts",)


def template_files() -> list[Path]:
    """The template's files, relative to :data:`TEMPLATE`, in order."""
    return sorted(
        path.relative_to(TEMPLATE)
        for path in TEMPLATE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    )


def create_edition(
    directory: Path, *, today: datetime.date | None = None
) -> tuple[list[Path], list[Problem]]:
    """Write a new edition into ``directory``, which must be new or empty. Return the files
    written, or the problems that stopped it (and then nothing is written)."""
    problems = _refusals(directory)
    if problems:
        return [], problems
    date = (today or datetime.date.today()).isoformat()
    target = Path(os.path.abspath(directory))
    created = [parent for parent in reversed(target.parents) if not parent.exists()]
    staging = target.with_name(f".{target.name}.ecdosis-init-{secrets.token_hex(4)}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging.mkdir()
        written = [_write(staging, relative, date) for relative in template_files()]
        problems = _register(staging, target)
        if problems:
            return [], problems
        written.append(Path("anchor-register.toml"))
        for name in GENERATED:
            shutil.rmtree(staging / name, ignore_errors=True)
        if target.is_dir():
            target.rmdir()  # empty, as _refusals found it
        staging.rename(target)
    except OSError as error:
        return [], [
            Problem(
                directory,
                0,
                f"the new edition cannot be written: {error.strerror or error}",
                "check that the folder's parent exists and can be written to, then run "
                "ecdosis init again",
            )
        ]
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
        if not target.exists():
            for parent in reversed(created):
                try:
                    parent.rmdir()
                except OSError:
                    break
    return [directory / relative for relative in sorted(written)], []


def _refusals(directory: Path) -> list[Problem]:
    """Why ``directory`` cannot take a new edition: it is a file, or a folder that holds
    something."""
    if directory.is_symlink() or (directory.exists() and not directory.is_dir()):
        return [
            Problem(
                directory,
                0,
                "is not a folder",
                "give the path of a new or empty folder for the edition",
            )
        ]
    if directory.is_dir():
        try:
            held = sorted(entry.name for entry in directory.iterdir())
        except OSError as error:
            return [
                Problem(
                    directory,
                    0,
                    f"cannot be read: {error.strerror}",
                    "check the folder's permissions",
                )
            ]
        if held:
            shown = ", ".join(held[:3]) + (", …" if len(held) > 3 else "")
            return [
                Problem(
                    directory,
                    0,
                    f"the folder is not empty (it holds {shown})",
                    "give a new or empty folder: ecdosis init writes a whole edition and "
                    "overwrites nothing",
                )
            ]
    return []


def _write(root: Path, relative: Path, date: str) -> Path:
    """Copy one template file into the new edition, with today's date in it; return the path
    it has in the edition."""
    name = RENAMED.get(relative.name, relative.name)
    destination = root / relative.with_name(name)
    destination.parent.mkdir(parents=True, exist_ok=True)
    text = (TEMPLATE / relative).read_text(encoding="utf-8")
    with destination.open("w", encoding="utf-8", newline="\n") as file:
        file.write(text.replace(DATE_PLACEHOLDER, date))
    return destination.relative_to(root)


def _register(staging: Path, target: Path) -> list[Problem]:
    """Record the new edition's anchors with ``ecdosis register``, run in a process of its own
    (a Sphinx build leaves state behind in the process that runs it); its state goes to a
    temporary folder. A failure is the engine's or the template's, never the user's."""
    with tempfile.TemporaryDirectory(prefix="ecdosis-init-") as state:
        command = [sys.executable, "-m", "ecdosis", "register", "--project", str(staging)]
        result = subprocess.run(
            [*command, "--build-dir", state],
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode == 0:
        return []
    output = (result.stderr + result.stdout).replace(str(staging), str(target)).strip()
    lines = [line for line in output.splitlines() if line.strip()] or [
        f"exit status {result.returncode}"
    ]
    return [
        Problem(
            target,
            0,
            f"the new edition's anchors could not be registered: {line}",
            "this is a fault of ecdosis, not of your input: please report it with this message",
        )
        for line in lines[:20]
    ]
