"""The witness: the transcription of a text exactly as received, never edited."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ecdosis.model.problems import Problem, read_text_file


@dataclass(frozen=True)
class Witness:
    """A witness file's text and fingerprint."""

    path: Path
    text: str
    sha256: str


def load_witness(
    path: Path, expected_sha256: str | None, problems: list[Problem]
) -> Witness | None:
    """Read ``witness.txt``; a fingerprint that differs from the record's is a problem."""
    text = read_text_file(path, problems, what="the witness")
    if text is None:
        return None
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if expected_sha256 is not None and digest != expected_sha256:
        problems.append(
            Problem(
                path,
                1,
                f"the witness's sha256 is {digest}, but the record says {expected_sha256}",
                "witnesses are never edited: restore the file as received (or, for a newly "
                "received witness, record its sha256 in record.toml)",
            )
        )
        return None
    return Witness(path, text, digest)
