"""The page that holds the edition's bibliography (its ``bibliography`` directive), which the
notes' sources link to in every format, and the TEI and the Web Annotations address; each work's
entry on it is :func:`~ecdosis.model.fragments.source_fragment`."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


def bibliography_page(env: BuildEnvironment) -> str | None:
    """The page that holds the bibliography, if one does."""
    bibliographies = getattr(env.domains.get("cite"), "bibliographies", {})
    return next((key.docname for key in bibliographies), None)
