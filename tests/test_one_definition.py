"""One definition of each kind and each id scheme: the schemas, the roles, the commands and the
reference page take them from the model's records."""

from __future__ import annotations

import subprocess
import sys

from ecdosis.model.annotations.note_body import REFERENCE_ROLES
from ecdosis.model.annotations.notes import ASSESSMENTS, KIND_LABELS
from ecdosis.model.annotations.schema_check import schema_of
from ecdosis.model.fragments import PART_KINDS, fragment, is_fragment_of, part_id


def test_the_note_schema_enumerates_the_models_kinds_and_assessments() -> None:
    properties = schema_of("note")["properties"]
    assert properties["kind"]["enum"] == list(KIND_LABELS)
    assert properties["assessment"]["enum"] == list(ASSESSMENTS)


def test_every_part_the_roles_name_has_one_fragment_scheme() -> None:
    assert tuple(REFERENCE_ROLES) == PART_KINDS
    for kind in PART_KINDS:
        published = fragment(kind, "ab-first-printing")
        assert part_id(kind, published) == "ab-first-printing"
    assert fragment("paragraph", "ab-3") == "ab-3" and fragment("note", "ab-x") == "note-ab-x"
    assert is_fragment_of("note", "note-ab-x") and not is_fragment_of("note", "ab-3")


def test_new_note_offers_the_models_kinds() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ecdosis", "new-note", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "{" + ",".join(KIND_LABELS) + "}" in "".join(result.stdout.split())
