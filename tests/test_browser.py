"""The built HTML in a real headless Chromium, as a reader uses it: pages load cleanly, anchors
land, notes stand beside or after their words at every width, the keyboard reaches a note from
its mark and back, previews show what links point to, search lands on the words, pages are light,
and a printed page has no controls."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from tests.conftest import CHROMIUM, SIGLA, chromium, html_pages

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs chromium (make test installs it)")

# The widths a reader's screen may have: small and larger phones, laptops, a desktop.
WIDTHS = (320, 390, 1024, 1100, 1280, 1600)
# A text's page with everything it loads (styles, scripts, images), in bytes.
PAGE_WEIGHT_LIMIT = 600 * 1024


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as browser:
        yield browser


def _open(browser: object, address: str, width: int, height: int = 900) -> object:
    page = browser.new_page(viewport={"width": width, "height": height})  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(address)
    page.wait_for_selector("html[data-reader-ready]", state="attached")  # the notes are placed
    page.errors = errors
    return page


def _settled(page: object) -> None:
    """Wait until the page has laid itself out again (the notes are placed on the next frame)."""
    page.evaluate(  # type: ignore[attr-defined]
        "new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
    )


@pytest.mark.parametrize("siglum", SIGLA)
def test_text_page_loads_without_errors_and_anchor_lands(
    site: str, browser: object, siglum: str
) -> None:
    page = _open(browser, f"{site}/texts/{siglum}.html#{siglum}-3", 1280, 800)
    box = page.locator(f"p#{siglum}-3").bounding_box()  # type: ignore[attr-defined]
    assert box is not None
    assert 0 <= box["y"] < 200, box
    number = page.locator(f"p#{siglum}-3 a.paragraph-number")  # type: ignore[attr-defined]
    assert number.is_visible()
    number.click()
    assert page.url.endswith(f"#{siglum}-3")  # type: ignore[attr-defined]
    assert page.errors == [], page.errors  # type: ignore[attr-defined]
    page.close()  # type: ignore[attr-defined]


def test_no_page_scrolls_sideways_and_no_note_is_outside_the_window(
    html: Path, site: str, browser: object
) -> None:
    wide: list[str] = []
    outside: list[str] = []
    for name in html_pages(html):
        page = _open(browser, f"{site}/{name}", WIDTHS[0])
        for width in WIDTHS:  # one page, resized as a reader's window is
            page.set_viewport_size({"width": width, "height": 900})  # type: ignore[attr-defined]
            _settled(page)
            scroll_width = page.evaluate("document.documentElement.scrollWidth")  # type: ignore[attr-defined]
            if scroll_width > width:
                wide.append(f"{name} at {width} px ({scroll_width} px)")
            outside += [
                f"{name} at {width} px: {note}"
                for note in page.evaluate(  # type: ignore[attr-defined]
                    """(width) => [...document.querySelectorAll('aside.edition-sidenote')]
                    .filter((note) => { const box = note.getBoundingClientRect();
                      return box.left < 0 || box.right > width || box.width === 0; })
                    .map((note) => note.id)""",
                    width,
                )
            ]
        assert page.errors == [], (name, page.errors)  # type: ignore[attr-defined]
        page.close()  # type: ignore[attr-defined]
    assert wide == [], f"pages wider than the window: {wide}"
    assert outside == [], f"notes outside the window: {outside}"


def _placement(page: object) -> list[dict[str, float | str]]:
    """Each note beside the text: where it stands, where its mark is, where the note before it
    in the same margin ends (with that note's margin below it)."""
    return page.evaluate(  # type: ignore[attr-defined, no-any-return]
        """() => [...document.querySelectorAll('.noted-paragraph > .sidenotes')]
        .flatMap((margin) => {
          let previous = margin.getBoundingClientRect().top;
          return [...margin.querySelectorAll(':scope > aside.edition-sidenote')].map((note) => {
            const mark = document.getElementById('notemark-' + note.dataset.note);
            const box = note.getBoundingClientRect(), at = mark.getBoundingClientRect();
            const style = getComputedStyle(note);
            const placed = {id: note.id, top: box.top, mark: at.top, after: previous,
              left: box.left, markRight: at.right,
              ownMargin: parseFloat(style.marginTop) };
            previous = box.bottom + parseFloat(style.marginBottom);
            return placed;
          });
        })"""
    )


@pytest.mark.parametrize("width", [1280, 1600])
def test_on_wide_screens_each_note_stands_level_with_its_mark_or_right_after_the_one_before(
    site: str, browser: object, width: int
) -> None:
    notes: list[dict[str, float | str]] = []
    for siglum in SIGLA:
        page = _open(browser, f"{site}/texts/{siglum}.html", width)
        notes += _placement(page)
        page.close()  # type: ignore[attr-defined]
    assert len(notes) > 50
    for note in notes:
        top, mark, after = float(note["top"]), float(note["mark"]), float(note["after"])
        assert float(note["left"]) > float(note["markRight"]), note  # in the margin
        # as high as its mark allows, never above the note before it
        assert top >= after - 1, note
        assert abs(top - max(mark - 4, after)) <= 2, note
    near = [n for n in notes if float(n["top"]) - float(n["mark"]) <= 900]
    assert len(near) >= 0.95 * len(notes)


@pytest.mark.parametrize(("width", "beside"), [(1400, True), (700, False)])
def test_a_note_stands_beside_its_paragraph_or_after_it(
    site: str, browser: object, width: int, beside: bool
) -> None:
    page = _open(browser, f"{site}/texts/ig.html", width)
    aside = page.locator("aside.edition-sidenote").first  # type: ignore[attr-defined]
    paragraph = aside.locator("xpath=ancestor::div[contains(@class, 'noted-paragraph')]").locator(
        "p.reading-paragraph"
    )
    note_box, text_box = aside.bounding_box(), paragraph.bounding_box()
    assert aside.is_visible() and note_box and text_box
    if beside:  # in the right margin, level with its paragraph
        assert note_box["x"] >= text_box["x"] + text_box["width"] - 1
        assert abs(note_box["y"] - text_box["y"]) < 40
    else:  # after the paragraph, as wide as the text
        assert note_box["y"] >= text_box["y"] + text_box["height"] - 1
        assert note_box["width"] > 0.8 * text_box["width"]
    page.close()  # type: ignore[attr-defined]


def test_in_the_page_source_a_paragraph_comes_before_its_notes(html: Path) -> None:
    groups: list[Tag] = []
    for siglum in SIGLA:
        page = BeautifulSoup((html / "texts" / f"{siglum}.html").read_text("utf-8"), "html.parser")
        groups += page.select("div.noted-paragraph")
    assert len(groups) >= 30  # the edition's paragraphs with notes (40 today)
    for group in groups:
        children = group.find_all(recursive=False)
        names = [" ".join(child.get_attribute_list("class")) for child in children]
        assert [name.split()[0] for name in names] == ["noted-text", "sidenotes"], names
        assert group.select_one(".noted-text > p.reading-paragraph") is not None


def _highlighted(page: object, note_id: str) -> bool:
    quotes = page.locator(f'span.note-quote[data-note="{note_id}"]')  # type: ignore[attr-defined]
    return bool(quotes.count()) and all(
        "note-active" in (quotes.nth(i).get_attribute("class") or "") for i in range(quotes.count())
    )


def _wait_for_hash(page: object, fragment: str) -> None:
    """Wait (a few seconds at most) until the page's address ends with ``fragment``: following
    a link within the page is done when the browser has moved, not when the key is pressed."""
    page.wait_for_function(  # type: ignore[attr-defined]
        "(fragment) => location.hash === fragment", arg=fragment, timeout=5000
    )
    assert page.url.endswith(fragment)  # type: ignore[attr-defined]


def test_the_keyboard_reaches_a_note_from_its_mark_and_goes_back(
    site: str, browser: object
) -> None:
    page = _open(browser, f"{site}/texts/ig.html", 1400)
    mark = page.locator("a.note-mark").first  # type: ignore[attr-defined]
    note_id = mark.get_attribute("data-note")
    assert not _highlighted(page, note_id)
    mark.hover()
    assert _highlighted(page, note_id)
    page.mouse.move(0, 0)  # type: ignore[attr-defined]
    assert not _highlighted(page, note_id)
    mark.focus()
    assert _highlighted(page, note_id)
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    _wait_for_hash(page, f"#note-{note_id}")
    page.keyboard.press("Tab")  # type: ignore[attr-defined]
    inside = page.evaluate(  # type: ignore[attr-defined]
        "(id) => document.activeElement.closest('aside')?.id === id", f"note-{note_id}"
    )
    assert inside, "Tab after the mark goes into its note"
    back = page.locator(f"aside#note-{note_id} a.sidenote-number")  # type: ignore[attr-defined]
    back.focus()
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    _wait_for_hash(page, f"#notemark-{note_id}")
    assert page.locator(f"#notemark-{note_id}").is_visible()  # type: ignore[attr-defined]
    page.close()  # type: ignore[attr-defined]


def test_a_long_note_unfolds_from_its_button_and_from_its_mark(site: str, browser: object) -> None:
    page = _open(browser, f"{site}/texts/rw.html", 1400)
    folded = page.locator("aside.edition-sidenote.note-folded")  # type: ignore[attr-defined]
    count = folded.count()
    assert count > 0
    note_id = folded.first.get_attribute("id")
    note = page.locator(f"#{note_id}")  # type: ignore[attr-defined]
    button = note.locator("button.note-unfold")
    assert button.get_attribute("aria-expanded") == "false"
    height = note.bounding_box()["height"]
    button.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert note.bounding_box()["height"] > height
    other_id = folded.first.get_attribute("id")
    assert other_id != note_id
    page.locator(f'a.note-mark[href="#{other_id}"]').click()  # type: ignore[attr-defined]
    assert "note-folded" not in (page.locator(f"#{other_id}").get_attribute("class") or "")  # type: ignore[attr-defined]
    # Folded again by its button, then its mark clicked while the page's address is already
    # the note's: it opens, and the notes after it move down to make room.
    page.locator(f"#{other_id} button.note-unfold").click()  # type: ignore[attr-defined]
    assert "note-folded" in (page.locator(f"#{other_id}").get_attribute("class") or "")  # type: ignore[attr-defined]
    page.locator(f'a.note-mark[href="#{other_id}"]').click()  # type: ignore[attr-defined]
    assert "note-folded" not in (page.locator(f"#{other_id}").get_attribute("class") or "")  # type: ignore[attr-defined]
    _settled(page)
    for placed in _placement(page):
        assert float(placed["top"]) >= float(placed["after"]) - 1, placed  # no note over another
    page.close()  # type: ignore[attr-defined]


def test_a_malformed_address_breaks_nothing(site: str, browser: object) -> None:
    page = _open(browser, f"{site}/texts/ig.html#%E0%A4%A", 1400)
    assert page.errors == [], page.errors  # type: ignore[attr-defined]
    assert page.locator("aside.edition-sidenote.note-folded").count() > 0  # type: ignore[attr-defined]
    page.close()  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("link", "shown"),
    [
        ('a.reference.internal[href^="po.html#po-"]', "p.reading-paragraph"),
        ('a.entity-mention-link[href*="#entity-"]', "p"),
        ('a.glossary-term-link[href*="#glossary-"]', "dt"),
        ('a.reference.internal[href^="../timeline.html#event-"]', "p.timeline-head"),
    ],
)
def test_a_link_shows_a_preview_of_its_target_on_focus_and_hover(
    site: str, browser: object, link: str, shown: str
) -> None:
    page = _open(browser, f"{site}/texts/ig.html", 1280)
    preview = page.locator(".edition-preview")  # type: ignore[attr-defined]
    anchor = page.locator(f".reading-text {link}, .see-also {link}").first  # type: ignore[attr-defined]
    href = anchor.get_attribute("href")
    anchor.focus()
    preview.wait_for(state="visible")
    assert preview.get_attribute("aria-hidden") == "true"  # it repeats what the link leads to
    assert preview.locator(shown).count() >= 1
    assert preview.locator("[id]").count() == 0, "a preview repeats no id of its page"
    assert anchor.get_attribute("title") is None, "no browser tooltip over the preview"
    page.keyboard.press("Escape")  # type: ignore[attr-defined]
    assert preview.is_hidden()
    page.locator("h1").first.focus()  # type: ignore[attr-defined]
    anchor.hover()
    preview.wait_for(state="visible")
    # The preview stays while the pointer leaves the link and comes back to it.
    page.mouse.move(1, 1)  # type: ignore[attr-defined]
    anchor.hover()
    page.wait_for_timeout(500)  # type: ignore[attr-defined]
    assert preview.is_visible()
    page.keyboard.press("Escape")  # type: ignore[attr-defined]
    # The link still leads to its target without the preview.
    anchor.click()
    page.wait_for_load_state("load")  # type: ignore[attr-defined]
    assert page.url.endswith(href.split("/")[-1])  # type: ignore[attr-defined]
    page.close()  # type: ignore[attr-defined]


def test_a_link_inside_a_preview_leads_where_it_leads_on_its_own_page(
    site: str, browser: object
) -> None:
    page = _open(browser, f"{site}/texts/ig.html", 1280)
    preview = page.locator(".edition-preview")  # type: ignore[attr-defined]
    anchor = page.locator('.see-also a.reference.internal[href^="po.html#po-"]').first  # type: ignore[attr-defined]
    anchor.hover()
    preview.wait_for(state="visible")
    inner = preview.locator("a[href]").first
    inner_href = inner.get_attribute("href")
    assert inner_href.startswith(f"{site}/"), inner_href  # resolved against the page it came from
    box = inner.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + 2, box["y"] + box["height"] / 2)  # type: ignore[attr-defined]
    page.mouse.down()  # type: ignore[attr-defined]
    page.mouse.up()  # type: ignore[attr-defined]
    page.wait_for_url(inner_href)  # type: ignore[attr-defined]
    page.close()  # type: ignore[attr-defined]


def test_search_lands_on_the_paragraph_with_the_words_highlighted(
    site: str, browser: object
) -> None:
    page = _open(browser, f"{site}/search.html?q=extermination", 1280)
    results = page.locator("#search-results li")  # type: ignore[attr-defined]
    page.locator("#search-results li p.context").first.wait_for()  # type: ignore[attr-defined]
    first = results.first
    snippet = first.locator("p.context").inner_text()
    assert "extermination" in snippet
    assert "Siglum" not in snippet and "¶" not in snippet, "the snippet is reading text"
    first.locator("a").first.click()
    page.wait_for_load_state("load")  # type: ignore[attr-defined]
    word = page.locator(".reading-text span.highlighted").first  # type: ignore[attr-defined]
    word.wait_for()
    assert word.inner_text().lower() == "extermination"
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => { const box = document.querySelector('.reading-text span.highlighted')"
        ".getBoundingClientRect(); return box.top >= 0 && box.bottom <= window.innerHeight; }"
    )
    box = word.bounding_box()
    assert box is not None and 0 <= box["y"] < 900, box
    page.close()  # type: ignore[attr-defined]


def test_a_text_page_with_all_it_loads_is_light(site: str, browser: object) -> None:
    for siglum in SIGLA:
        page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
        sizes: dict[str, int] = {}

        def record(response: object, sizes: dict[str, int] = sizes) -> None:
            if response is not None:  # none for a request that failed
                sizes[response.url] = len(response.body())  # type: ignore[attr-defined]

        page.on("requestfinished", lambda request, record=record: record(request.response()))
        document = page.goto(f"{site}/texts/{siglum}.html")
        assert document is not None and document.ok, siglum
        page.wait_for_load_state("networkidle")
        record(document)  # counted even when its "requestfinished" event was not recorded
        total = sum(sizes.values())
        heaviest = sorted(sizes.items(), key=lambda item: -item[1])[:5]
        assert total <= PAGE_WEIGHT_LIMIT, (siglum, total, heaviest)
        page.close()


def test_a_printed_text_page_is_a4_without_buttons_or_permalinks(
    site: str, browser: object, tmp_path: Path
) -> None:
    page = _open(browser, f"{site}/texts/ig.html", 1280)
    page.emulate_media(media="print")  # type: ignore[attr-defined]
    shown = page.evaluate(  # type: ignore[attr-defined]
        """() => [...document.querySelectorAll(
            'button, a.note-permalink, a.headerlink, .site-nav, .site-header')]
          .filter((e) => e.getBoundingClientRect().width > 0).length"""
    )
    assert shown == 0
    notes = page.locator("aside.edition-sidenote").first  # type: ignore[attr-defined]
    assert notes.is_visible()
    pdf = tmp_path / "printed.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)  # type: ignore[attr-defined]
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info, info
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    # The buttons' words ("Cite", "Read the whole note") are not printed; prose may say "Cite".
    assert not re.search(r"\bCite\b(?! the )", text), text
    assert "Read the whole note" not in text
    assert "Fujimori asesino!" in text
    page.close()  # type: ignore[attr-defined]
