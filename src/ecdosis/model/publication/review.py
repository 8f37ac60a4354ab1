"""What a change to an edition does that a reviewer must see: compared with its base (the
edition before the change, e.g. the main branch), the register of published anchors only grows
and the witnesses stay byte for byte.

The build checks an edition against its own register, so a pull request that deletes a note
together with its register line passes the build: only the comparison with the base shows that
a published anchor was dropped. Likewise a witness and its recorded sha256 changed together pass
every check of the edition alone.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ecdosis.model.problems import Problem, display_path
from ecdosis.model.publication.register import (
    AnchorRegister,
    RegisteredAnchor,
    load_register,
)
from ecdosis.model.texts.corpus import WITNESS


def review(base_register: Path, register: Path, base_sources: Path, sources: Path) -> list[Problem]:
    """Every way the edition departs from its base that the edition's own checks cannot see."""
    problems: list[Problem] = []
    old = load_register(base_register, problems)
    new = load_register(register, problems)
    if not problems:
        problems += register_growth(old, new)
    problems += witness_changes(base_sources, sources)
    return problems


def register_growth(old: AnchorRegister, new: AnchorRegister) -> list[Problem]:
    """Anchors may be added or retired, never dropped; what the base records stays recorded."""
    problems = []
    for number in sorted(set(old.versions) - set(new.versions)):
        problems.append(
            Problem(
                new.path,
                1,
                f"version {number} of the register is gone",
                "restore its line in [versions]: the register keeps every version",
            )
        )
    for key, entry in sorted(old.anchors.items()):
        current = new.anchors.get(key)
        where = new.line_for(entry.page)
        if current is None:
            problems.append(
                Problem(
                    new.path,
                    where,
                    f"{entry.describe()} is in the register of the base but not in this one: "
                    "a published anchor was dropped",
                    "restore its line; an anchor leaves the edition only by being retired, "
                    'with forward = "<page>#<anchor>"',
                )
            )
        elif rewritten := _rewritten(entry, current):
            problems.append(
                Problem(
                    new.path,
                    current.line,
                    f"{entry.address}: {rewritten} since the base",
                    "restore the entry's history as the base has it; `ecdosis register` adds to "
                    "it, no one rewrites it",
                )
            )
    return problems


def _rewritten(old: RegisteredAnchor, new: RegisteredAnchor) -> str:
    if new.since != old.since:
        return f"'since' changed from {old.since} to {new.since}"
    if old.forward and not new.forward:
        return "its retirement was undone"
    if old.retired and new.retired != old.retired:
        return f"'retired' changed from {old.retired} to {new.retired or 'nothing'}"
    if not set(old.changed) <= set(new.changed):
        return "versions that changed it were removed"
    return ""


def witness_changes(base_sources: Path, sources: Path) -> list[Problem]:
    """Witnesses of the base that are gone or no longer byte for byte the same."""
    problems = []
    for old in sorted(base_sources.glob(f"*/{WITNESS}")):
        new = sources / old.parent.name / WITNESS
        shown = display_path(new)
        if not new.is_file():
            problems.append(
                Problem(
                    new,
                    1,
                    f"the witness {shown} of the base is gone",
                    "restore it: texts are added to an edition, never taken out of it",
                )
            )
            continue
        before, after = _sha256(old), _sha256(new)
        if before != after:
            problems.append(
                Problem(
                    new,
                    1,
                    f"the witness has changed (sha256 {before[:12]}… in the base, "
                    f"{after[:12]}… now): this is a change to a witness",
                    "restore it: witnesses are kept byte for byte, and only the edition's "
                    "maintainers may replace one, in a pull request of its own",
                )
            )
    return problems


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
