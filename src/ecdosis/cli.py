"""The ``ecdosis`` command: start an edition, check it without building, record its anchors,
start a note, and compare it with its base.

Each command but ``init`` works on the edition of the project it is run in (or ``--project``),
found through its Sphinx configuration (:mod:`ecdosis.project`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ecdosis.model.annotations.notes import KIND_LABELS
from ecdosis.model.edition import load_edition
from ecdosis.model.problems import display_path, report
from ecdosis.model.publication.review import review
from ecdosis.new_note import NoteRequest, scaffold_note
from ecdosis.project import Project, load_project


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="ecdosis", description="Tools for an ecdosis critical edition."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    init = commands.add_parser(
        "init",
        help="write a new, working edition to start from",
        description="Write a new edition into DIR: conf.py, its pages, one sample text with its "
        "witness, one note and one entity, CITATION.cff, a Makefile and a README.",
    )
    init.add_argument("directory", type=Path, help="the new edition's folder (new or empty)")
    check = commands.add_parser(
        "check",
        help="validate the sources and annotations (with --build-dir, the whole edition too)",
        description="Report every problem as path:line: what is wrong — how to fix. With "
        "--build-dir, then build the edition without writing any output (Sphinx's dummy "
        "builder, warnings as errors), which checks its pages, references and register too; "
        "the edition is loaded once for both, and kept in DIR for the next run.",
    )
    _project(check)
    check.add_argument(
        "--build-dir",
        type=Path,
        metavar="DIR",
        help="also build the edition, keeping the build's state in DIR/check",
    )
    register = commands.add_parser(
        "register",
        help="record the edition's new and changed anchors in its register",
        description="Build the edition without writing any output and record in its register "
        "(edition_anchor_register) every new anchor and every changed paragraph or note: a "
        "change to commit with the edition.",
    )
    _project(register)
    register.add_argument(
        "--build-dir",
        type=Path,
        default=None,
        help="where the build keeps its state (default: _build beside conf.py)",
    )
    new = commands.add_parser(
        "new-note",
        help="write a new, valid note file to start from",
        description="Write <annotations>/<siglum>/<id>.md for a note on the given words of a "
        "paragraph, after checking that the words are there.",
    )
    new.add_argument("paragraph", help="the paragraph's id, e.g. ab-3")
    new.add_argument("quote", help="the exact words of the paragraph the note is about")
    new.add_argument(
        "--kind",
        default="context",
        choices=list(KIND_LABELS),
        help="the kind of note (default: context)",
    )
    new.add_argument("--id", default="", help="the note's id (default: made from the quote)")
    new.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="KEY",
        help="a key of the edition's references.bib (repeatable; needed for context and "
        "correction notes)",
    )
    new.add_argument("--author", default="", help="your name, as the note should credit you")
    new.add_argument("--occurrence", type=int, default=None, help="which occurrence, from 1")
    _project(new)
    review_parser = commands.add_parser(
        "review",
        help="compare the edition with its base: the register only grows, witnesses stay",
        description="Compare this edition with its base (a checkout of the branch a pull "
        "request goes into): report a published anchor dropped from the register, a register "
        "entry's history rewritten, and a witness changed or removed.",
    )
    review_parser.add_argument("base", type=Path, help="the project folder of the base edition")
    _project(review_parser)
    arguments = parser.parse_args(argv)
    if arguments.command == "init":
        return run_init(arguments.directory)
    project, problems = load_project(arguments.project)
    if project is None:
        report(problems, " Nothing was done.")
        return 2
    if arguments.command == "check":
        return run_check(project, arguments.build_dir)
    if arguments.command == "register":
        return run_register(project, arguments.build_dir)
    if arguments.command == "review":
        return run_review(arguments.base, project)
    request = NoteRequest(
        paragraph=arguments.paragraph,
        quote=arguments.quote,
        kind=arguments.kind,
        note_id=arguments.id,
        sources=tuple(arguments.source),
        author=arguments.author,
        occurrence=arguments.occurrence,
    )
    return run_new_note(project, request)


def _project(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--project",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="the edition's folder, holding conf.py or docs/conf.py (default: the current one)",
    )


def run_init(directory: Path) -> int:
    from ecdosis.new_edition import create_edition

    written, problems = create_edition(directory)
    if problems:
        report(problems, " Nothing was written.")
        return 1
    print(
        f"ecdosis: wrote a new edition in {directory} ({len(written)} files). Build it with "
        f"make -C {directory} html; its README says what to change first."
    )
    return 0


def run_check(project: Project, build_dir: Path | None = None) -> int:
    """The texts and annotations; with ``build_dir``, then the whole edition, built without
    output from the edition this check loaded (kept in the build's doctrees)."""
    from ecdosis.model.collector import collector_paused

    if build_dir is None:
        with collector_paused():  # the edition is made to be kept: no garbage to look for
            edition, problems = load_edition(project.sources, project.annotations)
    else:
        from ecdosis.ext.texts.edition_cache import load_kept

        doctrees = _build_state(build_dir / "check") / "doctrees"
        with collector_paused():
            loaded = load_kept(doctrees, project.sources, project.annotations)
        edition, problems = loaded.edition, loaded.problems
    report(problems)
    if problems:
        return 1
    if build_dir is not None:
        status = _dummy_build(project, build_dir / "check", "-n")
        if status != 0:
            return status
    a = edition.annotations
    counts = (
        f"{len(edition.corpus.texts)} texts, {len(a.notes)} notes, {len(a.entities)} entities "
        f"({len(edition.mentions.entities)} mentions), {len(a.terms)} glossary terms, "
        f"{len(a.events)} events, {len(a.topics)} topics, {len(a.figures)} key figures and "
        f"{len(a.bibliography.sources)} bibliography entries"
    )
    built = " and the edition built" if build_dir is not None else ""
    print(f"ecdosis: {counts} checked{built}, no problems.")
    return 0


def run_register(project: Project, build_dir: Path | None) -> int:
    """A build that writes nothing but the register: Sphinx's ``dummy`` builder, with
    ``edition_register_update``, warnings as errors."""
    state = (build_dir if build_dir is not None else project.confdir / "_build") / "register"
    _build_state(state)
    return _dummy_build(project, state, "-D", "edition_register_update=1")


def _build_state(state: Path) -> Path:
    """The folder of a command's build: emptied first if its last build did not finish (its
    state would be incomplete)."""
    import shutil

    if state.with_name(state.name + ".unfinished").exists():
        shutil.rmtree(state, ignore_errors=True)
    return state


def _dummy_build(project: Project, state: Path, *options: str) -> int:
    """Build the edition with Sphinx's ``dummy`` builder (no output), warnings as errors,
    its doctrees in ``state``; a marker beside ``state`` stands until the build succeeds."""
    from sphinx.cmd.build import build_main

    unfinished = state.with_name(state.name + ".unfinished")
    _build_state(state).mkdir(parents=True, exist_ok=True)
    unfinished.touch()
    doctrees, out = str(state / "doctrees"), str(state / "out")
    folders = [str(project.confdir), out]
    options = ("-b", "dummy", "-W", "--keep-going", "-q", *options, "-d", doctrees)
    status = build_main([*options, *folders])
    if status == 0:
        unfinished.unlink()
    return status


def run_review(base: Path, project: Project) -> int:
    base_project, problems = load_project(base)
    if base_project is None:
        report(problems, " Nothing was compared.")
        return 2
    problems = review(
        base_project.register, project.register, base_project.sources, project.sources
    )
    report(problems, " (compared with the base)")
    if problems:
        return 1
    print(
        f"ecdosis: compared with {base}, the register only grows and the witnesses are unchanged."
    )
    return 0


def run_new_note(project: Project, request: NoteRequest) -> int:
    edition, problems = load_edition(project.sources, project.annotations)
    written, note_problems = scaffold_note(edition, request)
    if note_problems:
        report(note_problems, " No note was written.")
        return 1
    assert written is not None
    print(
        f"ecdosis: wrote {display_path(written)}. Write the note below its front matter, then run "
        "ecdosis check, and ecdosis register to add the note's anchor to the register."
    )
    if problems:
        print(
            f"ecdosis: note that the edition has {len(problems)} other problem(s); "
            "run ecdosis check to see them.",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
