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

The line's nodes are made when its page is written (:mod:`ecdosis.ext.written_late`): until
then the block holds what the line shows and links, as data. In an edition whose topics are
shared by many texts, these lines are a large part of a text's page.
"""

from __future__ import annotations

from collections.abc import Iterator

from docutils import nodes

from ecdosis.ext.annotations.xrefs import edition_reference
from ecdosis.ext.written_late import late, maker
from ecdosis.model.edition import Edition
from ecdosis.model.registries.timeline import Event
from ecdosis.model.registries.topics import Topic

PARALLELS_CLASS = "see-also"
LINE_CLASS = "see-also-line"
SEPARATOR = " · "
LINE = "see-also line"  # the maker of the line


# A link of the line: (role, target, shown, tooltip); shown is "" for the part's own title.
Link = tuple[str, str, str, str]
# A part of the line: (class, label, links).
Part = tuple[str, str, tuple[Link, ...]]


def see_also(anchor: str, siglum: str, edition: Edition) -> nodes.container | None:
    """The "see also" block of the paragraph ``anchor`` of text ``siglum``, if it has one."""
    topics = edition.topics_on(anchor)
    events = edition.events_on(anchor)
    parts = tuple(
        part
        for part in (
            _parallels(topics, siglum, edition),
            _synopsis(topics),
            _timeline(events),
        )
        if part is not None
    )
    if not parts:
        return None
    block = nodes.container(classes=[PARALLELS_CLASS])
    block += late(LINE, parts)
    return block


def line_references(parts: tuple[Part, ...]) -> Iterator[tuple[str, str]]:
    """The (role, target) of every link of the line."""
    for _, _, links in parts:
        for role, target, _, _ in links:
            yield role, target


@maker(LINE, line_references)
def line_nodes(parts: tuple[Part, ...]) -> nodes.paragraph:
    """The line, its links as references to be resolved."""
    line = nodes.paragraph("", "", classes=[LINE_CLASS])
    for index, (kind, label, links) in enumerate(parts):
        if index:
            line += nodes.Text(SEPARATOR)
        part = nodes.inline("", label, classes=[kind])
        for number, (role, target, shown, title) in enumerate(links):
            if number:
                part += nodes.Text(", ")
            children = (nodes.inline("", shown),) if shown else ()
            part += edition_reference(role, target, *children, explicit=bool(shown), title=title)
        line += part
    return line


def _parallels(topics: tuple[Topic, ...], siglum: str, edition: Edition) -> Part | None:
    """ "Compare: CD ¶1, EF ¶2": the other texts' paragraphs on the same topics."""
    shared: dict[str, list[str]] = {}
    for topic in topics:
        for passage in topic.passages:
            if passage.siglum != siglum and topic.title not in shared.get(passage.target, []):
                shared.setdefault(passage.target, []).append(topic.title)
    if not shared:
        return None
    order = edition.paragraph_order
    links = []
    for target in sorted(shared, key=lambda target: order[target]):
        titles = shared[target]
        title = ("Topic: " if len(titles) == 1 else "Topics: ") + "; ".join(titles)
        links.append(("paragraph", target, "", title))
    return ("see-also-parallels", "Compare: ", tuple(links))


def _synopsis(topics: tuple[Topic, ...]) -> Part | None:
    """ "Synopsis: <topic>", or "Synopsis: 3 topics", linking the first topic's section."""
    if not topics:
        return None
    if len(topics) == 1:
        link = ("topic", topics[0].id, "", "")
    else:
        titles = "; ".join(topic.title for topic in topics)
        link = ("topic", topics[0].id, f"{len(topics)} topics", titles)
    return ("see-also-synopsis", "Synopsis: ", (link,))


def _timeline(events: tuple[Event, ...]) -> Part | None:
    """ "Timeline: 17 December 1996, 22 April 1997 (2 events)", one link for each date."""
    if not events:
        return None
    dates: dict[str, list[Event]] = {}
    for event in events:
        dates.setdefault(event.when, []).append(event)
    links = []
    for when, on_date in dates.items():
        shown = when if len(on_date) == 1 else f"{when} ({len(on_date)} events)"
        titles = "; ".join(event.title for event in on_date)
        links.append(("event", on_date[0].id, shown, f"{when}: {titles}"))
    return ("see-also-events", "Timeline: ", tuple(links))
