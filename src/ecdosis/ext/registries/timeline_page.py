"""The timeline: ``{edition-timeline}``, the events in order of date, each with what
happened, its sources and the passages of the texts that mention it.

Options ``:from:`` and ``:until:`` (ISO dates, inclusive) select a period, so that a page
can set the periods under headings of its own.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives

from ecdosis.ext.registries.edition_page import EditionPage, passage_quote
from ecdosis.model.registries.timeline import Event


class Timeline(EditionPage):
    kind = "timeline"
    option_spec = {"from": directives.unchanged, "until": directives.unchanged}  # noqa: RUF012

    def run(self) -> list[nodes.Node]:
        self.record()
        start = self.options.get("from", "")
        until = self.options.get("until", "")
        events = [
            event
            for event in self.edition.annotations.events
            if event.date >= start and (not until or event.date[: len(until)] <= until)
        ]
        if not events:
            return [nodes.paragraph("", "No events in this period yet.")]
        result: list[nodes.Node] = []
        for event in events:
            result.append(self.entry(event))
        return result

    def entry(self, event: Event) -> nodes.container:
        box = nodes.container(classes=["timeline-event"])
        head = nodes.paragraph("", "", classes=["timeline-head"])
        head += self.target(event.anchor, f"{event.when}: {event.title}")
        head += nodes.strong("", event.when)
        head += nodes.Text(" — ")
        head += nodes.Text(event.title)
        box += head
        box.extend(self.body(event.body, event.sources))
        if event.passages:
            box += nodes.paragraph("", "In the texts:", classes=["timeline-passages-head"])
            listing = nodes.bullet_list(classes=["timeline-passages"])
            for passage in event.passages:
                listing += nodes.list_item("", passage_quote(passage))
            box += listing
        return box
