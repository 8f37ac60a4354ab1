"""The edition as a whole: title, editors, version and release date, read from ``CITATION.cff``.

That file is the one place these are written; the Sphinx configuration, the citations, the
register of anchors and the changelog all read them through :func:`read_edition_metadata`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ecdosis.model.problems import display_path

VERSION = re.compile(r"[0-9]{1,6}(\.[0-9]{1,6}){0,4}\Z")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


@dataclass(frozen=True)
class EditionMetadata:
    title: str
    abstract: str  # CITATION.cff's abstract: a sentence that says what the edition is
    editors: str
    version: str  # "0.1": numbers separated by dots, compared as numbers
    released: str  # ISO date of this version's release

    @property
    def year(self) -> str:
        return self.released[:4]


class MetadataError(Exception):
    """``CITATION.cff`` lacks what the edition needs; the message says what and how to fix it."""


def version_key(version: str) -> tuple[int, ...]:
    """A version as a sortable tuple: "0.10" comes after "0.9"."""
    return tuple(int(part) for part in version.split("."))


def read_edition_metadata(path: Path) -> EditionMetadata:
    if not path.is_file():
        raise MetadataError(
            f"{display_path(path)}:1: the edition's CITATION.cff is missing — write one with its "
            '"title", "authors" (the editors), "version" and "date-released" (ecdosis init '
            "writes an example), or point edition_citation_file in conf.py to it"
        )
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise MetadataError(
            f"{display_path(path)}:1: cannot be read as YAML ({error}) — correct the file"
        ) from error
    if not isinstance(data, dict):
        raise MetadataError(
            f"{display_path(path)}:1: is not a CITATION.cff mapping — write it as 'key: value' "
            "lines, as CITATION.cff is"
        )
    if not isinstance(data, dict):
        raise MetadataError(f"{path}: is not a CITATION.cff mapping")
    authors = data.get("authors") or []
    editors = " and ".join(str(a.get("name", "")) for a in authors if isinstance(a, dict))
    metadata = EditionMetadata(
        title=str(data.get("title", "")),
        abstract=str(data.get("abstract", "")).strip(),
        editors=editors,
        version=str(data.get("version", "")),
        released=str(data.get("date-released", "")),
    )
    wrong = [
        f"{display_path(path)}:1: {what} — {fix}"
        for what, fix, ok in (
            ("no title", 'give the edition\'s "title"', metadata.title),
            ("no editors", 'list the editors under "authors", each with a "name"', editors),
            (
                f'version "{metadata.version}" is not numbers separated by dots',
                'write it like "0.1"',
                VERSION.match(metadata.version),
            ),
            (
                f'date-released "{metadata.released}" is not a date',
                'write the release date like "2026-11-21"',
                DATE.match(metadata.released),
            ),
        )
        if not ok
    ]
    if wrong:
        raise MetadataError("\n".join(wrong))
    return metadata
