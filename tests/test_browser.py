"""The built HTML in a real headless Chromium: pages load cleanly and anchors land."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, SIGLA, chromium, serve

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs chromium (make test installs it)")


@pytest.fixture(scope="module")
def site(built: Callable[[str], Path]) -> Iterator[str]:
    with serve(built("html")) as address:
        yield address


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as browser:
        yield browser


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


def _first_note(browser: object, site: str, width: int) -> tuple[object, str]:
    from ecdosis.model.edition import load_edition
    from tests.conftest import ROOT

    edition, _ = load_edition(ROOT / "sources", ROOT / "annotations")
    note = edition.notes_on("ig")[0]
    page = browser.new_page(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
    page.goto(f"{site}/texts/ig.html")
    page.wait_for_load_state("load")
    return page, note.id


def _highlighted(page: object, note_id: str) -> bool:
    quotes = page.locator(f'span.note-quote[data-note="{note_id}"]')  # type: ignore[attr-defined]
    return bool(quotes.count()) and all(
        "note-active" in (quotes.nth(i).get_attribute("class") or "") for i in range(quotes.count())
    )


def test_a_note_highlights_its_words_on_hover_and_on_keyboard_focus(
    site: str, browser: object
) -> None:
    page, note_id = _first_note(browser, site, 1400)
    mark = page.locator(f"#notemark-{note_id}")  # type: ignore[attr-defined]
    assert not _highlighted(page, note_id)
    mark.hover()
    assert _highlighted(page, note_id)
    page.mouse.move(0, 0)  # type: ignore[attr-defined]
    assert not _highlighted(page, note_id)
    mark.focus()  # a link, so reachable with the Tab key
    assert _highlighted(page, note_id)
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    assert page.url.endswith(f"#note-{note_id}")  # type: ignore[attr-defined]
    page.locator(f"aside#note-{note_id} a.note-permalink").focus()  # type: ignore[attr-defined]
    assert _highlighted(page, note_id)
    page.close()  # type: ignore[attr-defined]


@pytest.mark.parametrize(("width", "beside"), [(1400, True), (700, False)])
def test_a_note_stands_beside_the_text_or_below_its_paragraph(
    site: str, browser: object, width: int, beside: bool
) -> None:
    page, note_id = _first_note(browser, site, width)
    aside = page.locator(f"aside#note-{note_id}")  # type: ignore[attr-defined]
    note_box = aside.bounding_box()
    text_box = aside.locator("xpath=..").locator("p.reading-paragraph").bounding_box()
    assert aside.is_visible() and note_box and text_box
    if beside:  # in the right margin, level with its paragraph
        assert note_box["x"] >= text_box["x"] + text_box["width"] - 1
        assert abs(note_box["y"] - text_box["y"]) < 40
    else:  # a footnote under the paragraph, as wide as the text
        assert note_box["y"] >= text_box["y"] + text_box["height"] - 1
        assert note_box["width"] > 0.8 * text_box["width"]
    page.close()  # type: ignore[attr-defined]
