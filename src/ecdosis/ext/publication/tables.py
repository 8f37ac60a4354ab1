"""Tables built from rows of inline content, the same way for every output format."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from docutils import nodes


def table(
    columns: Sequence[tuple[str, int]], rows: Iterable[Sequence[nodes.Node]], classes: list[str]
) -> nodes.table:
    """A table with a header row of column names; ``columns`` pairs each name with its width."""
    result = nodes.table(classes=[*classes, "colwidths-given"])
    group = nodes.tgroup(cols=len(columns))
    result += group
    for _, width in columns:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += _row([nodes.Text(name) for name, _ in columns])
    group += head
    body = nodes.tbody()
    for cells in rows:
        body += _row(cells)
    group += body
    return result


def _row(cells: Sequence[nodes.Node]) -> nodes.row:
    row = nodes.row()
    for content in cells:
        entry = nodes.entry()
        if isinstance(content, nodes.Body):  # a paragraph, or a container of several
            entry += content
        else:
            entry += nodes.paragraph("", "", content)
        row += entry
    return row
