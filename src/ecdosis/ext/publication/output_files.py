"""Files the extension writes into the output folder, each checked to lie inside it.

Some names come from contributed input (the pages of the register of anchors): whatever they
hold, nothing is written outside the output folder of the build.
"""

from __future__ import annotations

from pathlib import Path


class OutsideOutput(Exception):
    """A file the build was asked to write would lie outside its output folder."""


def output_file(outdir: str | Path, relative: str) -> Path:
    """The path of ``relative`` inside ``outdir``; :class:`OutsideOutput` if it is not."""
    root = Path(outdir).resolve()
    path = (root / relative).resolve()
    if path == root or not path.is_relative_to(root):
        raise OutsideOutput(f"{relative!r} is not inside the output folder {root}")
    return path


def output_exists(outdir: str | Path, relative: str) -> bool:
    """Whether the file ``relative`` is in ``outdir``: to look, not to write (cheaper than
    :func:`output_file`, which resolves every link; a name that leaves the folder is never
    there)."""
    name = Path(relative)
    return not name.is_absolute() and ".." not in name.parts and (Path(outdir) / name).is_file()


def write_if_changed(path: Path, content: str) -> None:
    """Write ``content`` unless the file already holds it (its date stays, for incremental
    builds and for tools that copy only what changed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != content:
        path.write_text(content, encoding="utf-8")
