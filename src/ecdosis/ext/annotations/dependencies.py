"""Which pages a change in ``annotations/`` makes outdated, so that no page is ever stale.

The edition is loaded afresh at the start of every build. Each page that shows data from it
records, when it is read, a fingerprint of exactly that data: a text's page, of the mentions,
terms, topics and events it shows; an index, of its entities, the paragraphs that name them and
the titles of the texts they are in; the glossary, the timeline and the synoptic page, of their
entries and the paragraphs of their uses and passages (not where in a paragraph: a word added
before a name leaves them as they were). A page that refers to parts of the edition records a
fingerprint of what those references show (titles, and which page holds them).
``env-get-outdated`` re-reads a page exactly when a fingerprint has changed, so editing one
entity re-reads the index it is on and the texts that mention it, nothing else.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from sphinx import addnodes

from ecdosis.ext.annotations.xrefs import DOMAIN, LABELS
from ecdosis.ext.domain import EditionDomain
from ecdosis.ext.last_build import unchanged
from ecdosis.ext.texts.corpus import edition_of
from ecdosis.ext.written_late import late_references
from ecdosis.model.edition import Edition
from ecdosis.model.registries.timeline import Event
from ecdosis.model.registries.topics import Topic

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def fingerprint(data: object) -> str:
    return hashlib.sha256(repr(data).encode("utf-8")).hexdigest()


def page_inputs(edition: Edition, kind: str, argument: str) -> str:
    """The fingerprint of what a page of ``kind`` (for ``argument``) shows of the edition."""
    a, mentions = edition.annotations, edition.mentions
    data: object
    if kind == "text":
        named, uses = mentions.in_text(argument)
        keys = {m.key for m in named}
        data = (
            [mention.values for mention in named],
            [(e.id, e.type, e.sort) for e in a.entities if e.id in keys],
            [mention.values for mention in uses],
            # the "Compare" and "Timeline" lines: titles and where the passages are
            [(t.id, t.title, [p.target for p in t.passages]) for t in edition.topics_in(argument)],
            [
                (e.id, e.when, e.title, [p.target for p in e.passages])
                for e in edition.events_in(argument)
            ],
        )
    elif kind == "entities":
        # each entry, the paragraphs that name it (not where in them: a word added before a
        # name leaves the index as it was), and the titles of the texts that name them
        listed = [e for e in a.entities if e.type == argument]
        ids = {e.id for e in listed}
        places = [(m.key, m.siglum, m.paragraph) for m in mentions.entities if m.key in ids]
        naming = {siglum for _, siglum, _ in places}
        titles = [(t.siglum, t.record.title) for t in edition.corpus.texts if t.siglum in naming]
        data = (listed, places, titles)
    elif kind == "glossary":
        data = (a.terms, [(m.key, m.paragraph) for m in mentions.terms])
    elif kind == "timeline":
        data = [_quoted(event) for event in a.events]
    elif kind == "synopsis":
        data = ([_quoted(topic) for topic in a.topics], edition.corpus.sigla)
    elif kind == "figures":
        data = a.figures
    elif kind == "claims":
        # what the page shows of each note (its place in the list is its number): not its
        # text, which it does not show
        data = [
            (text.record.title, edition.index_of(text.siglum).claims)
            for text in edition.corpus.texts
        ]
    else:
        raise ValueError(kind)
    return fingerprint(data)


def _quoted(entry: Topic | Event) -> tuple[object, list[tuple[str, str, str]]]:
    """An entry of the synopsis or the timeline as its page shows it: its passages by their
    words and paragraphs, not by where in the paragraph they stand."""
    return replace(entry, passages=()), [(p.siglum, p.target, p.quote) for p in entry.passages]


def reference_inputs(edition: Edition, references: Iterable[tuple[str, str]]) -> str:
    """The fingerprint of what each reference (role, target) shows and where it leads."""
    shown = edition.shown_by_reference
    return fingerprint([(reference, shown.get(reference)) for reference in references])


def note_references(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: remember the references a page makes to parts of the edition."""
    env = app.env
    references = sorted(
        {
            (str(node["reftype"]), str(node["reftarget"]))
            for node in doctree.findall(addnodes.pending_xref)
            if node.get("refdomain") == DOMAIN and node.get("reftype") in LABELS
        }
        | late_references(doctree)
    )
    domain = EditionDomain.of(env)
    if references:
        digest = reference_inputs(edition_of(env), references)
        domain.references[env.docname] = (tuple(references), digest)


def outdated_pages(
    app: Sphinx,
    env: BuildEnvironment,
    added: set[str],
    changed: set[str],
    removed: set[str],
) -> list[str]:
    """``env-get-outdated``: the pages whose data or references changed since they were read."""
    if unchanged(app):
        return []
    domain = EditionDomain.of(env)
    edition = edition_of(env)
    outdated = {
        docname
        for docname, shown in domain.inputs.items()
        if any(page_inputs(edition, kind, argument) != digest for kind, argument, digest in shown)
    }
    outdated.update(
        docname
        for docname, (references, digest) in domain.references.items()
        if reference_inputs(edition, references) != digest
    )
    return sorted(outdated - removed)
