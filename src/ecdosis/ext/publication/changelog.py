"""The changelog, written from the register of anchors: per version, what was published,
changed and retired in the texts, the notes and the registries; and the "Changed in version"
line beside a paragraph whose text changed since it was first published."""

from __future__ import annotations

from collections.abc import Iterable

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from ecdosis.ext.domain import EditionDomain
from ecdosis.ext.publication.register import metadata_of, register_of
from ecdosis.model.publication.citing import chicago_date
from ecdosis.model.publication.edition_metadata import version_key
from ecdosis.model.publication.register import KINDS, RegisteredAnchor, Version

# How the changelog groups the kinds of anchor, and names them.
GROUPS = (
    ("Texts", ("text", "paragraph")),
    ("Notes", ("note",)),
    ("Registries", ("entity", "topic", "term", "event", "figure")),
    ("Pages", ("section",)),
)
PLURALS = {
    "text": "texts",
    "paragraph": "paragraphs",
    "note": "notes",
    "entity": "entities",
    "topic": "topics",
    "term": "glossary terms",
    "event": "events of the timeline",
    "figure": "key figures",
    "section": "sections of pages",
}
assert set(PLURALS) == set(KINDS)


def version_label(version: str) -> str:
    """The changelog's anchor for a version: ``version-0-2``."""
    return "version-" + version.replace(".", "-")


def reference(label: str, *children: nodes.Node) -> addnodes.pending_xref:
    """A link to a std label; without children it shows the label's title."""
    link = addnodes.pending_xref(
        "", refdomain="std", reftype="ref", reftarget=label, refexplicit=bool(children)
    )
    link += children or (nodes.inline("", label),)
    return link


def changed_line(entry: RegisteredAnchor | None) -> nodes.paragraph | None:
    """ "Changed in version 0.2.": beside a paragraph whose text changed after it was published."""
    if entry is None or not entry.changed:
        return None
    line = nodes.paragraph("", "Changed in version ", classes=["paragraph-changed"])
    for index, version in enumerate(entry.changed):
        if index:
            line += nodes.Text(", ")
        line += reference(version_label(version), nodes.inline("", version))
    line += nodes.Text(".")
    return line


class Changelog(SphinxDirective):
    """``edition-changelog``: one section per version, newest first."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        register = register_of(self.env)
        # read again when what it shows of the register changes (register_inputs), not on
        # every change of the register's file
        EditionDomain.of(self.env).note_changelog(self.env.docname)
        # The version being built has its section even before `ecdosis register` records it.
        metadata = metadata_of(self.env)
        versions = {metadata.version: Version(metadata.version, metadata.released)}
        versions.update(register.versions)
        first = min(versions, key=version_key)
        result: list[nodes.Node] = []
        for number in sorted(versions, key=version_key, reverse=True):
            version = versions[number]
            label = version_label(number)
            section = nodes.section("", ids=[label], names=[label])
            self.state.document.note_explicit_target(section, section)
            section += nodes.title("", f"Version {number} ({chicago_date(version.date)})")
            if version.summary:
                section += nodes.paragraph("", version.summary)
            entries = list(register.anchors.values())
            if number == first:
                section += self.first_publication(entries, number)
                retired = self.items("Retired", [e for e in entries if e.retired == number])
                if retired:
                    section += nodes.bullet_list("", *retired)
            else:
                section.extend(self.changes(entries, number))
            result.append(section)
        return result

    def first_publication(self, entries: list[RegisteredAnchor], number: str) -> nodes.paragraph:
        counts = [
            f"{sum(1 for e in entries if e.kind == kind and e.since == number and not e.retired)} "
            f"{PLURALS[kind]}"
            for kind in KINDS
        ]
        return nodes.paragraph(
            "", "The first published version of the edition, with " + _series(counts) + "."
        )

    def changes(self, entries: list[RegisteredAnchor], number: str) -> list[nodes.Node]:
        result: list[nodes.Node] = []
        for heading, kinds in GROUPS:
            ours = [e for e in entries if e.kind in kinds]
            items = [
                *self.items("New", [e for e in ours if e.since == number]),
                *self.items("Changed", [e for e in ours if number in e.changed]),
                *self.items("Retired", [e for e in ours if e.retired == number]),
            ]
            if items:
                result.append(nodes.rubric("", heading))
                listing = nodes.bullet_list()
                listing.extend(items)
                result.append(listing)
        if not result:
            result.append(nodes.paragraph("", "No anchor was added, changed or retired."))
        return result

    def items(self, what: str, entries: Iterable[RegisteredAnchor]) -> list[nodes.list_item]:
        entries = sorted(entries, key=lambda e: (e.page, e.anchor))
        if not entries:
            return []
        paragraph = nodes.paragraph("", f"{what}: ")
        for index, entry in enumerate(entries):
            if index:
                paragraph += nodes.Text("; ")
            if entry.forward:
                paragraph += nodes.literal("", entry.address)
                paragraph += nodes.Text(", now ")
                anchor = entry.forward.partition("#")[2]
                paragraph += reference(anchor)
            else:
                paragraph += reference(entry.anchor)
        return [nodes.list_item("", paragraph)]


def _series(items: list[str]) -> str:
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)
