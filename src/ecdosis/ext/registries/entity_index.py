"""The indices of entities: ``{edition-entities} person`` (or organisation, place, event).

Each entity with its description, its Wikidata link and sources, and every mention grouped
by text, each linking to its paragraph. Every mention in a text links to the entry here.
"""

from __future__ import annotations

from collections import Counter

from docutils import nodes
from docutils.parsers.rst import directives

from ecdosis.ext.annotations.note_body import sources_line
from ecdosis.ext.annotations.xrefs import edition_reference
from ecdosis.ext.registries.edition_page import EditionPage, text_reference
from ecdosis.model.registries.entities import ENTITY_TYPES, Entity


class EntityIndex(EditionPage):
    kind = "entities"
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        entity_type = directives.choice(self.arguments[0], tuple(ENTITY_TYPES))
        self.record(entity_type)
        listed = [e for e in self.edition.annotations.entities if e.type == entity_type]
        if not listed:
            return [nodes.paragraph("", f"No {ENTITY_TYPES[entity_type].lower()} yet.")]
        listed.sort(key=lambda e: (e.sort.casefold(), e.id))
        return [self.entry(entity) for entity in listed]

    def entry(self, entity: Entity) -> nodes.container:
        bibliography = self.edition.annotations.bibliography
        box = nodes.container(classes=["entity-entry", f"entity-{entity.type}"])
        head = nodes.paragraph("", "", classes=["entity-head"])
        head += self.target(entity.anchor, entity.name)
        head += nodes.strong("", entity.name)
        head += nodes.Text(f". {entity.description}")
        if entity.wikidata:
            head += nodes.Text(" Wikidata: ")
            head += nodes.reference("", entity.wikidata, refuri=entity.wikidata_url)
            head += nodes.Text(".")
        box += head
        mentions = self.edition.mentions.of(entity.id)
        by_text: dict[str, list[str]] = {}
        for mention in mentions:
            by_text.setdefault(mention.siglum, []).append(mention.paragraph)
        listing = nodes.bullet_list(classes=["entity-mentions"])
        for text in self.edition.corpus.texts:
            if text.siglum not in by_text:
                continue
            item = nodes.paragraph("", "")
            item += text_reference(text)
            item += nodes.Text(": ")
            counts = Counter(by_text[text.siglum])
            for index, paragraph in enumerate(dict.fromkeys(by_text[text.siglum])):
                if index:
                    item += nodes.Text(", ")
                item += edition_reference("paragraph", paragraph, explicit=False)
                if counts[paragraph] > 1:
                    item += nodes.Text(f" ({counts[paragraph]}×)")
            listing += nodes.list_item("", item)
        times = f"{len(mentions)} time{'s' if len(mentions) > 1 else ''}"
        texts = f"{len(by_text)} text{'s' if len(by_text) > 1 else ''}"
        box += nodes.paragraph("", f"Named {times} in {texts}:", classes=["entity-count"])
        box += listing
        box += nodes.paragraph(
            "", "", *sources_line(entity.sources, bibliography), classes=["sources"]
        )
        return box
