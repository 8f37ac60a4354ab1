"""The bibliography's entries formatted once, and again only when what they are formatted from
changes: sphinxcontrib-bibtex formats every entry of every ``bibliography`` directive at the
end of each build's reading (``env-updated``), for the citations' labels, even when nothing
changed; an edition's bibliography is the longest list it has.

The domain of sphinxcontrib-bibtex is replaced by one that keeps, with the environment, what
each bibliography's formatting gave, under a key of everything that formatting reads: the
directive's options, the ``.bib`` files (as sphinxcontrib-bibtex itself tells them apart, by
modification time), the entries in the order the citations give them, the styles, and the
versions of pybtex and of the engine's style. A formatting that warned (a field missing) is not
kept, so that every build gives the warning until it is fixed.
"""

from __future__ import annotations

import ast
import hashlib
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pybtex
import sphinxcontrib.bibtex.domain as bibtex_domain
from sphinxcontrib.bibtex.domain import BibtexDomain

from ecdosis.ext.registries import bibliography_style

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinxcontrib.bibtex.directives import BibliographyKey

KEPT = "ecdosis_formatted_entries"
_STYLE_CODE = hashlib.sha256(Path(bibliography_style.__file__).read_bytes()).hexdigest()


class _Warnings(logging.Filter):
    """Counts the warnings sphinxcontrib-bibtex's domain gives while it is attached."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            self.count += 1
        return True


class KeptFormattingDomain(BibtexDomain):
    """sphinxcontrib-bibtex's domain, which formats a bibliography again only when its key
    (see the module) changes."""

    def get_formatted_entries(
        self,
        bibliography_key: BibliographyKey,
        docnames: list[str],
        tooltips: bool,
        tooltips_style: str,
    ) -> Iterator[Any]:
        kept: dict[tuple[object, ...], list[Any]] = self.data.setdefault(KEPT, {})
        key = self._formatting_key(bibliography_key, docnames, tooltips, tooltips_style)
        if key in kept:
            yield from kept[key]
            return
        warnings = _Warnings()
        logger = bibtex_domain.logger.logger
        logger.addFilter(warnings)
        try:
            made = list(
                super().get_formatted_entries(bibliography_key, docnames, tooltips, tooltips_style)
            )
        finally:
            logger.removeFilter(warnings)
        # one formatting kept per bibliography: the one of this build
        for other in [k for k in kept if k[0] == key[0]]:
            del kept[other]
        if not warnings.count:
            kept[key] = made
        yield from made

    def _formatting_key(
        self,
        bibliography_key: BibliographyKey,
        docnames: list[str],
        tooltips: bool,
        tooltips_style: str,
    ) -> tuple[object, ...]:
        bibliography = self.bibliographies[bibliography_key]
        bibdata = self.bibdata
        files = tuple(
            (str(path), bibdata.bibfiles[path].mtime if path in bibdata.bibfiles else None)
            for path in bibliography.bibfiles
        )
        order = tuple(key for key, _ in self.get_sorted_entries(bibliography_key, docnames))
        return (
            bibliography_key,
            files,
            bibdata.encoding,
            bibliography.style,
            bibliography.labelprefix,
            bibliography.keyprefix,
            ast.dump(bibliography.filter_),
            tuple(bibliography.keys),
            order,
            tooltips,
            tooltips_style,
            pybtex.__version__,
            _STYLE_CODE,
        )


def keep_formatted_entries(app: Sphinx) -> None:
    """Use the domain that keeps its formatting (after sphinxcontrib-bibtex has set up its own)."""
    app.add_domain(KeptFormattingDomain, override=True)
