"""References written in annotation bodies (``{paragraph}`ab-7```, ``{entity}`…```, ...)
must name something that exists; each broken one is a problem on its line."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Protocol

from ecdosis.model.annotations.note_body import REFERENCE_ROLES, Reference
from ecdosis.model.problems import Problem


class Written(Protocol):
    """What references are written in: a note or an entry, with its file."""

    @property
    def path(self) -> Path: ...


def check_references(
    written: Iterable[tuple[Written, Iterable[Reference]]],
    known: Mapping[str, frozenset[str]],
    problems: list[Problem],
) -> None:
    """Every reference ``written`` (those of each note or entry) names what it says: ``known``
    maps each reference role to the ids it may name."""
    for where, references in written:
        for reference in references:
            if reference.target not in known[reference.role]:
                problems.append(
                    Problem(
                        where.path,
                        reference.line,
                        f"{{{reference.role}}}`{reference.target}` names nothing: "
                        f"there is no such {reference.role}",
                        f"give {REFERENCE_ROLES[reference.role]}",
                    )
                )
