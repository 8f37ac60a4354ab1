"""The built HTML in a real headless Chromium: pages load cleanly and anchors land."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import SIGLA

CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs chromium (make test installs it)")


@pytest.fixture(scope="module")
def site(built: Callable[[str], Path]) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "http.server",
            "--bind",
            "127.0.0.1",
            str(port),
            "-d",
            str(built("html")),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
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


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
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
        yield chromium
        chromium.close()


@pytest.mark.parametrize("siglum", SIGLA)
def test_text_page_loads_without_errors_and_anchor_lands(
    site: str, browser: object, siglum: str
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site}/texts/{siglum}.html#{siglum}-3")
    page.wait_for_load_state("load")
    box = page.locator(f"p#{siglum}-3").bounding_box()
    assert box is not None
    assert 0 <= box["y"] < 200, box  # scrolled to the top, clear of the sticky header
    number = page.locator(f"p#{siglum}-3 a.paragraph-number")
    assert number.is_visible()
    number.click()
    assert page.url.endswith(f"#{siglum}-3")
    assert errors == [], errors
    page.close()
