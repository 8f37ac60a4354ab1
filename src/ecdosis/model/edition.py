"""The whole edition as data: the texts under ``sources/`` and the notes under ``annotations/``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ecdosis.model.annotations import Annotations, load_annotations
from ecdosis.model.corpus import Corpus, load_corpus
from ecdosis.model.notes import Note
from ecdosis.model.problems import Problem, sort_problems


@dataclass(frozen=True)
class Edition:
    corpus: Corpus
    annotations: Annotations

    def notes_on(self, siglum: str) -> tuple[Note, ...]:
        return self.annotations.notes_on(siglum, self.corpus)


def load_edition(sources: Path, annotations: Path) -> tuple[Edition, list[Problem]]:
    """Load and check everything; the notes are checked only against texts without problems."""
    corpus, problems = load_corpus(sources)
    loaded, note_problems = load_annotations(annotations, corpus)
    if problems:
        # Notes on a text that failed to load would all be reported as misplaced.
        failed = {problem.path.parent.name for problem in problems}
        note_problems = [p for p in note_problems if p.path.parent.name not in failed]
    return Edition(corpus, loaded), sort_problems(problems + note_problems)
