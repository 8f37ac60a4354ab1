"""A parallel build (``-j``) writes what a serial build writes, byte for byte."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import SPHINX_BUILD, build_small, copy_small


def _html(root: Path, out: Path, *options: str) -> dict[str, bytes]:
    command = [*SPHINX_BUILD, *options, "-b", "html", "-d", str(out / "doctrees"), str(root)]
    result = subprocess.run([*command, str(out / "html")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    pages = sorted((out / "html").rglob("*"))
    return {
        str(path.relative_to(out / "html")): path.read_bytes()
        for path in pages
        if path.is_file() and path.name != ".buildinfo"
    }


def test_a_parallel_build_writes_what_a_serial_one_does(tmp_path: Path) -> None:
    root = copy_small(tmp_path / "small")
    build_small(root, "dummy", edition_register_update=1)
    serial = _html(root, tmp_path / "serial")
    parallel = _html(root, tmp_path / "parallel", "-j", "2")
    assert serial.keys() == parallel.keys()
    assert [name for name in serial if serial[name] != parallel[name]] == []
