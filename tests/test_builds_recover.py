"""Builds that recover: a build killed half way (kill -9) is followed by a correct one, in HTML
and in the PDF (the Makefile runs every build through ``tools/guarded-build``); and two builds
of the EPUB are the same file, byte for byte."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from tests.conftest import ROOT, build_small, copy_small

GUARD = ROOT / "tools" / "guarded-build"
SPHINX = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-n", "-q"]
# A hook that stops the HTML build while it writes one page, so that it can be killed there.
PAUSE = """

def _pause(app, pagename, *args):
    import os, time
    if pagename == os.environ.get("PAUSE_AT"):
        open(os.environ["PAUSED"], "w").close()
        time.sleep(600)


def setup(app):
    app.connect("html-page-context", _pause)
"""


def guarded(
    root: Path, out: str, doctrees: str, *command: str, **env: str
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(GUARD), out, doctrees, "--", *command],
        cwd=root,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, killed as a whole
    )


def kill_when(process: subprocess.Popen[str], ready: object, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not ready():  # type: ignore[operator]
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the build never reached the point to kill it"
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def docnames_in_search_index(out: Path) -> set[str]:
    text = (out / "searchindex.js").read_text("utf-8")
    data = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    return set(data["docnames"])


def html_pages(out: Path) -> set[str]:
    pages = {str(p.relative_to(out).with_suffix("")) for p in out.rglob("*.html")}
    return pages - {"genindex", "search"}


def test_an_html_build_killed_while_writing_is_followed_by_a_correct_one(tmp_path: Path) -> None:
    root = copy_small(tmp_path / "small")
    conf = root / "conf.py"
    conf.write_text(conf.read_text("utf-8") + PAUSE, encoding="utf-8")
    command = [*SPHINX, "-b", "html", "-d", "_build/doctrees", ".", "_build/html"]
    paused = tmp_path / "paused"
    build = guarded(
        root, "_build/html", "_build/doctrees", *command, PAUSE_AT="synopsis", PAUSED=str(paused)
    )
    kill_when(build, paused.exists)
    assert (root / "_build" / "html.unfinished").exists()

    rebuild = guarded(root, "_build/html", "_build/doctrees", *command)
    _, err = rebuild.communicate(timeout=300)
    assert rebuild.returncode == 0, err
    assert "The last build of _build/html did not finish: building it afresh." in err
    out = root / "_build" / "html"
    assert docnames_in_search_index(out) == html_pages(out)
    assert all(p.stat().st_size > 0 for p in out.rglob("*.html"))
    assert not (root / "_build" / "html.unfinished").exists()


def test_a_pdf_build_killed_in_xelatex_is_followed_by_a_correct_one(tmp_path: Path) -> None:
    root = copy_small(tmp_path / "small")
    command = [*SPHINX[:3], "-M", "latexpdf", ".", "_build/pdf", *SPHINX[3:], "-d", "_build/dt"]
    aux = root / "_build" / "pdf" / "latex" / "small.aux"
    build = guarded(root, "_build/pdf", "_build/dt", *command)
    kill_when(build, lambda: aux.exists() and aux.stat().st_size > 0)
    assert (root / "_build" / "pdf.unfinished").exists()

    rebuild = guarded(root, "_build/pdf", "_build/dt", *command)
    _, err = rebuild.communicate(timeout=600)
    assert rebuild.returncode == 0, err
    pdf = root / "_build" / "pdf" / "latex" / "small.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    assert "The third paragraph names Lima once more." in text.stdout


def test_a_failed_build_is_followed_by_a_fresh_one(tmp_path: Path) -> None:
    root = copy_small(tmp_path / "small")
    failing = guarded(
        root, "out", "doctrees", "sh", "-c", "mkdir -p out && echo stale > out/stale && exit 3"
    )
    assert failing.wait() == 3
    assert (root / "out.unfinished").exists()
    fine = guarded(root, "out", "doctrees", "true")
    assert fine.wait() == 0
    assert not (root / "out" / "stale").exists()
    assert not (root / "out.unfinished").exists()


def test_two_builds_of_the_epub_are_the_same_file(tmp_path: Path) -> None:
    first = build_small(copy_small(tmp_path / "first"), "epub") / "small.epub"
    second_root = copy_small(tmp_path / "second")
    later = time.time() + 3600
    for path in second_root.rglob("*"):
        os.utime(path, (later, later))
    time.sleep(1.1)  # the build's own clock moves on too
    second = build_small(second_root, "epub") / "small.epub"
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as epub:
        opf = epub.read("content.opf").decode("utf-8")
    assert "<dc:date>2026-11-21</dc:date>" in opf, opf
    assert '<meta property="dcterms:modified">2026-11-21T00:00:00Z</meta>' in opf, opf
