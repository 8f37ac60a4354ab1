""" "See also" after a paragraph: its parallels in the other texts, and its events in the timeline.

A paragraph that holds a passage of a topic lists the topic's passages in the other texts
(each a link to its paragraph) and links the topic's row on the synoptic page; a paragraph
that mentions an event of the timeline links the event.
"""

from __future__ import annotations

from docutils import nodes

from ecdosis.ext.xrefs import edition_reference
from ecdosis.model.edition import Edition

PARALLELS_CLASS = "see-also"


def see_also(anchor: str, siglum: str, edition: Edition) -> nodes.container | None:
    """The "see also" block of the paragraph ``anchor`` of text ``siglum``, if it has one."""
    lines: list[nodes.paragraph] = []
    for topic in edition.annotations.topics:
        if not any(p.target == anchor for p in topic.passages):
            continue
        line = nodes.paragraph("", "", classes=["see-also-topic"])
        line += nodes.Text("Compare ")
        line += edition_reference("topic", topic.id, explicit=False)
        others = list(dict.fromkeys(p.target for p in topic.passages if p.siglum != siglum))
        if others:
            line += nodes.Text(": ")
            for index, target in enumerate(others):
                if index:
                    line += nodes.Text(", ")
                line += edition_reference("paragraph", target, explicit=False)
        line += nodes.Text(".")
        lines.append(line)
    for event in edition.annotations.events:
        if any(p.target == anchor for p in event.passages):
            line = nodes.paragraph("", "", classes=["see-also-event"])
            line += nodes.Text(f"Timeline, {event.when}: ")
            line += edition_reference("event", event.id, nodes.inline("", event.title))
            line += nodes.Text(".")
            lines.append(line)
    if not lines:
        return None
    block = nodes.container(classes=[PARALLELS_CLASS])
    block.extend(lines)
    return block
