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


class OutputFolder:
    """The output folder, for writing many files into it: :meth:`file` gives what
    :func:`output_file` gives, resolving each folder once rather than every path."""

    def __init__(self, outdir: str | Path) -> None:
        self.root = Path(outdir).resolve()
        self._folders: dict[str, Path] = {}

    def file(self, relative: str) -> Path:
        """The path of the file ``relative`` inside the folder; :class:`OutsideOutput` if it
        is not there (its folder lies outside, or it is itself a link that leads out)."""
        parent, _, name = relative.rpartition("/")
        folder = self._folders.get(parent)
        if folder is None:
            folder = (self.root / parent).resolve()
            if not folder.is_relative_to(self.root):
                raise OutsideOutput(f"{relative!r} is not inside the output folder {self.root}")
            self._folders[parent] = folder
        path = folder / name
        if name in ("", ".", "..") or "\\" in name or path.is_symlink():
            return output_file(self.root, relative)  # the whole path resolved, or refused
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
    data = content.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
