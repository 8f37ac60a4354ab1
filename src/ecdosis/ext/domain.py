"""The edition's domain: which document holds each text and each paragraph."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Set
from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.domains import Domain

from ecdosis.ext.annotations.note_body import SOURCE_XREF, link_to_source
from ecdosis.ext.annotations.xrefs import DANGLING, DOMAIN, LABELS, resolve

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


class EditionDomain(Domain):
    """Per-document data of the edition, kept in the build environment.

    ``texts``: siglum -> docname; ``paragraphs``: paragraph id -> (docname, siglum, number);
    ``listings``: docname -> the sigla a page listing the texts showed when it was read;
    ``notes``: note id -> (docname, siglum, paragraph id);
    ``text_inputs``: docname -> the fingerprint of the files a text's page was made from;
    ``changelogs``: the pages that show the changelog (docname -> ``True``);
    ``generation``: a token that changes whenever a page is read again or removed.
    The paragraphs' and notes' std labels (for ``{ref}`` and ``objects.inv``) live in the
    std domain.
    """

    name = DOMAIN
    label = "Critical edition"
    dangling_warnings = DANGLING
    initial_data: ClassVar[dict[str, Any]] = {
        "texts": {},
        "paragraphs": {},
        "listings": {},
        "notes": {},
        "inputs": {},
        "references": {},
        "forwards": {},
        "register_inputs": {},
        "text_inputs": {},
        "changelogs": {},
        "generation": None,
    }

    @classmethod
    def of(cls, env: BuildEnvironment) -> EditionDomain:
        """The build's edition domain."""
        domain = env.domains[cls.name]
        assert isinstance(domain, cls)
        return domain

    @property
    def texts(self) -> dict[str, str]:
        return self.data["texts"]  # type: ignore[no-any-return]

    def siglum_of(self, docname: str) -> str | None:
        """The siglum of the text whose page ``docname`` is, or ``None``."""
        return next((s for s, page in self.texts.items() if page == docname), None)

    @property
    def paragraphs(self) -> dict[str, tuple[str, str, int]]:
        return self.data["paragraphs"]  # type: ignore[no-any-return]

    @property
    def listings(self) -> dict[str, tuple[str, ...]]:
        return self.data["listings"]  # type: ignore[no-any-return]

    @property
    def notes(self) -> dict[str, tuple[str, str, str]]:
        return self.data["notes"]  # type: ignore[no-any-return]

    @property
    def inputs(self) -> dict[str, tuple[tuple[str, str, str], ...]]:
        """What each page shows of the edition: (kind, argument, fingerprint) of each of its
        directives."""
        return self.data["inputs"]  # type: ignore[no-any-return]

    @property
    def references(self) -> dict[str, tuple[tuple[tuple[str, str], ...], str]]:
        return self.data["references"]  # type: ignore[no-any-return]

    @property
    def forwards(self) -> dict[str, tuple[str, ...]]:
        """docname -> the retired anchors whose ids were placed on the page."""
        return self.data["forwards"]  # type: ignore[no-any-return]

    @property
    def register_inputs(self) -> dict[str, str]:
        """docname -> the fingerprint of what the page showed of the register."""
        return self.data["register_inputs"]  # type: ignore[no-any-return]

    @property
    def text_inputs(self) -> dict[str, str]:
        """docname -> the fingerprint of the files a text's page was made from."""
        return self.data["text_inputs"]  # type: ignore[no-any-return]

    @property
    def changelogs(self) -> dict[str, bool]:
        """The pages that show the changelog, as keys."""
        return self.data["changelogs"]  # type: ignore[no-any-return]

    def note_changelog(self, docname: str) -> None:
        self.changelogs[docname] = True

    @property
    def generation(self) -> str | None:
        """A token that changes whenever a page is read again or removed: the environment is
        the same while it is (``None`` until a page is read)."""
        found = self.data.get("generation")
        return found if isinstance(found, str) else None

    def note_note(self, note_id: str, docname: str, siglum: str, target: str) -> None:
        self.notes[note_id] = (docname, siglum, target)

    def note_listing(self, docname: str, sigla: tuple[str, ...]) -> None:
        self.listings[docname] = sigla

    def note_text(self, siglum: str, docname: str) -> None:
        self.texts[siglum] = docname

    def note_paragraph(self, siglum: str, anchor: str, number: int, docname: str) -> None:
        self.paragraphs[anchor] = (docname, siglum, number)

    def clear_doc(self, docname: str) -> None:
        self.data["generation"] = secrets.token_hex(16)
        for siglum, owner in list(self.texts.items()):
            if owner == docname:
                del self.texts[siglum]
        for anchor, (owner, _, _) in list(self.paragraphs.items()):
            if owner == docname:
                del self.paragraphs[anchor]
        self.listings.pop(docname, None)
        self.inputs.pop(docname, None)
        self.references.pop(docname, None)
        self.forwards.pop(docname, None)
        self.register_inputs.pop(docname, None)
        self.text_inputs.pop(docname, None)
        self.changelogs.pop(docname, None)
        for note_id, (owner, _, _) in list(self.notes.items()):
            if owner == docname:
                del self.notes[note_id]

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for siglum, docname in otherdata["texts"].items():
            if docname in docnames:
                self.texts[siglum] = docname
        for anchor, value in otherdata["paragraphs"].items():
            if value[0] in docnames:
                self.paragraphs[anchor] = value
        for key in (
            "listings",
            "inputs",
            "references",
            "forwards",
            "register_inputs",
            "text_inputs",
            "changelogs",
        ):
            for docname, value in otherdata[key].items():
                if docname in docnames:
                    self.data[key][docname] = value
        for note_id, value in otherdata["notes"].items():
            if value[0] in docnames:
                self.notes[note_id] = value

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        """Resolve a reference to a part of the edition, or a note's source to its entry on
        the bibliography page."""
        if typ in LABELS:
            return resolve(env, fromdocname, builder, typ, target, node, contnode)
        if typ != SOURCE_XREF:
            return None
        # None if no page holds the bibliography: Sphinx reports the missing reference
        return link_to_source(env, builder, fromdocname, target, contnode)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        return []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        return iter(())


def setup_domain(app: Sphinx) -> None:
    app.add_domain(EditionDomain)
