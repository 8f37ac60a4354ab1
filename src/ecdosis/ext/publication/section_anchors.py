"""Section anchors that do not change when a heading's wording does.

Docutils makes a section's id from its title, so editing a heading would break every link to
it. On the edition's own pages every section must carry a label (a ``(label)=`` line above
its heading, in MyST); the label is its only id, registered and published. A section without
a label is a warning with its page and line, and the build runs with warnings as errors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


def label_sections(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: keep only the labels as the ids of the page's sections."""
    if app.env.docname.startswith(app.config.edition_texts_dir + "/"):
        return  # generated pages: their sections carry fixed ids
    for section in doctree.findall(nodes.section):
        labels = [doctree.nameids[name] for name in section["names"] if doctree.nametypes.get(name)]
        labels = [label for label in labels if label in section["ids"]]
        if not labels:
            title = section.next_node(nodes.title)
            heading = title.astext() if title is not None else ""
            logger.warning(
                "the section “%s” has no label, so its address would change with its "
                "wording — add a line “(%s)=” above its heading",
                heading,
                section["ids"][0] if section["ids"] else "a-label",
                location=section,
                type="ecdosis",
                subtype="section",
            )
            continue
        for old in [id_ for id_ in section["ids"] if id_ not in labels]:
            section["ids"].remove(old)
            doctree.ids.pop(old, None)
        for name in section["names"]:
            if doctree.nameids.get(name) not in section["ids"]:
                doctree.nameids[name] = labels[0]
