""" "See also" after a paragraph: its parallels in the other texts, and its events in the timeline.

One short line, so that the reading text stays the main thing on the page:

    Compare: CD ¶1, EF ¶2 · Synopsis: Who printed the first edition · Timeline: 4 May 1820

- "Compare" links each paragraph of the other texts that holds a passage of a topic this
  paragraph holds one of, once, in the order of the texts and of their paragraphs; each link's
  tooltip names the topics they share.
- "Synopsis" links the synoptic page at the section of the first of these topics (its sections
  follow the topics' order), named by its title, or "2 topics" when there are several (their
  titles in the tooltip).
- "Timeline" links each date of the events the paragraph mentions, at the first of its events
  on that date (the timeline is in the order of dates), with the number of events when there
  are several (their titles in the tooltip).

The line is a block of class ``see-also`` right after its paragraph, in every format. The
topics and events of each paragraph, and the order of the paragraphs, are found once per
edition (:meth:`~ecdosis.model.edition.Edition.topics_on`, ``events_on``, ``paragraph_order``).
"""

from __future__ import annotations

from docutils import nodes

from ecdosis.ext.annotations.xrefs import edition_reference
from ecdosis.model.edition import Edition
from ecdosis.model.registries.timeline import Event
from ecdosis.model.registries.topics import Topic

PARALLELS_CLASS = "see-also"
LINE_CLASS = "see-also-line"
SEPARATOR = " · "


def see_also(anchor: str, siglum: str, edition: Edition) -> nodes.container | None:
    """The "see also" block of the paragraph ``anchor`` of text ``siglum``, if it has one."""
    topics = edition.topics_on(anchor)
    events = edition.events_on(anchor)
    parts = [
        part
        for part in (
            _parallels(topics, siglum, edition),
            _synopsis(topics),
            _timeline(events),
        )
        if part is not None
    ]
    if not parts:
        return None
    line = nodes.paragraph("", "", classes=[LINE_CLASS])
    for index, part in enumerate(parts):
        if index:
            line += nodes.Text(SEPARATOR)
        line += part
    block = nodes.container(classes=[PARALLELS_CLASS])
    block += line
    return block


def _parallels(topics: tuple[Topic, ...], siglum: str, edition: Edition) -> nodes.inline | None:
    """ "Compare: CD ¶1, EF ¶2": the other texts' paragraphs on the same topics."""
    shared: dict[str, list[str]] = {}
    for topic in topics:
        for passage in topic.passages:
            if passage.siglum != siglum and topic.title not in shared.get(passage.target, []):
                shared.setdefault(passage.target, []).append(topic.title)
    if not shared:
        return None
    order = edition.paragraph_order
    part = nodes.inline("", "Compare: ", classes=["see-also-parallels"])
    for index, target in enumerate(sorted(shared, key=lambda target: order[target])):
        if index:
            part += nodes.Text(", ")
        titles = shared[target]
        title = ("Topic: " if len(titles) == 1 else "Topics: ") + "; ".join(titles)
        part += edition_reference("paragraph", target, explicit=False, title=title)
    return part


def _synopsis(topics: tuple[Topic, ...]) -> nodes.inline | None:
    """ "Synopsis: <topic>", or "Synopsis: 3 topics", linking the first topic's section."""
    if not topics:
        return None
    part = nodes.inline("", "Synopsis: ", classes=["see-also-synopsis"])
    if len(topics) == 1:
        part += edition_reference("topic", topics[0].id, explicit=False)
    else:
        titles = "; ".join(topic.title for topic in topics)
        shown = nodes.inline("", f"{len(topics)} topics")
        part += edition_reference("topic", topics[0].id, shown, title=titles)
    return part


def _timeline(events: tuple[Event, ...]) -> nodes.inline | None:
    """ "Timeline: 17 December 1996, 22 April 1997 (2 events)", one link for each date."""
    if not events:
        return None
    dates: dict[str, list[Event]] = {}
    for event in events:
        dates.setdefault(event.when, []).append(event)
    part = nodes.inline("", "Timeline: ", classes=["see-also-events"])
    for index, (when, on_date) in enumerate(dates.items()):
        if index:
            part += nodes.Text(", ")
        shown = when if len(on_date) == 1 else f"{when} ({len(on_date)} events)"
        titles = "; ".join(event.title for event in on_date)
        part += edition_reference(
            "event", on_date[0].id, nodes.inline("", shown), title=f"{when}: {titles}"
        )
    return part
