"""References written in annotation bodies (``{paragraph}`ab-7```, ``{entity}`…```, ...)
must name something that exists; each broken one is a problem on its line."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from ecdosis.model.annotations.note_body import REFERENCE_ROLES, NoteBody
from ecdosis.model.problems import Problem


def check_references(
    bodies: Iterable[tuple[Path, NoteBody]],
    known: Mapping[str, frozenset[str]],
    problems: list[Problem],
) -> None:
    """``known`` maps each reference role to the ids it may name."""
    for path, body in bodies:
        for reference in body.references:
            if reference.target not in known[reference.role]:
                problems.append(
                    Problem(
                        path,
                        reference.line,
                        f"{{{reference.role}}}`{reference.target}` names nothing: "
                        f"there is no such {reference.role}",
                        f"give {REFERENCE_ROLES[reference.role]}",
                    )
                )
