"""The edition's domain: which document holds each text and each paragraph."""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import Any, ClassVar

from sphinx.domains import Domain


class EditionDomain(Domain):
    """Per-document data of the edition, kept in the build environment.

    ``texts``: siglum -> docname; ``paragraphs``: paragraph id -> (docname, siglum, number);
    ``listings``: docname -> the sigla a page listing the texts showed when it was read.
    The paragraphs' std labels (for ``{ref}`` and ``objects.inv``) live in the std domain.
    """

    name = "edition"
    label = "Critical edition"
    initial_data: ClassVar[dict[str, Any]] = {
        "texts": {},
        "paragraphs": {},
        "listings": {},
    }

    @property
    def texts(self) -> dict[str, str]:
        return self.data["texts"]  # type: ignore[no-any-return]

    @property
    def paragraphs(self) -> dict[str, tuple[str, str, int]]:
        return self.data["paragraphs"]  # type: ignore[no-any-return]

    @property
    def listings(self) -> dict[str, tuple[str, ...]]:
        return self.data["listings"]  # type: ignore[no-any-return]

    def note_listing(self, docname: str, sigla: tuple[str, ...]) -> None:
        self.listings[docname] = sigla

    def note_text(self, siglum: str, docname: str) -> None:
        self.texts[siglum] = docname

    def note_paragraph(self, siglum: str, anchor: str, number: int, docname: str) -> None:
        self.paragraphs[anchor] = (docname, siglum, number)

    def clear_doc(self, docname: str) -> None:
        for siglum, owner in list(self.texts.items()):
            if owner == docname:
                del self.texts[siglum]
        for anchor, (owner, _, _) in list(self.paragraphs.items()):
            if owner == docname:
                del self.paragraphs[anchor]
        self.listings.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for siglum, docname in otherdata["texts"].items():
            if docname in docnames:
                self.texts[siglum] = docname
        for anchor, value in otherdata["paragraphs"].items():
            if value[0] in docnames:
                self.paragraphs[anchor] = value
        for docname, sigla in otherdata["listings"].items():
            if docname in docnames:
                self.listings[docname] = sigla

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        return iter(())
