"""The pages' metadata for reference managers and search engines, as Zotero and a search engine
read them: Highwire Press and Dublin Core tags in each text page's head, a COinS for every
paragraph and every note, and schema.org JSON-LD (the edition a Book, each text a Chapter).

The small edition is built in-process; the real edition's texts are tried through the model."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import parse_qs

import pytest
from bs4 import BeautifulSoup, Tag

from ecdosis.ext.publication.citing import text_citations
from ecdosis.ext.publication.page_metadata import (
    add_page_metadata,
    edition_metadata,
    pdf_name,
    text_metadata,
)
from ecdosis.model.edition import Edition, load_edition
from ecdosis.model.publication.citing import EditionInfo, published_address, text_citation
from ecdosis.model.publication.edition_metadata import read_edition_metadata
from ecdosis.model.publication.page_metadata import (
    PublishedEdition,
    chapter,
    coins_context,
    highwire_tags,
    json_ld,
    meta_tags,
    place_title,
)
from tests.conftest import ROOT, build_small, copy_small

PERMANENT = "https://small-edition.net/"  # on no name reserved for examples: not provisional
# Tags a page carries once each (citation_author and citation_editor once per name)
SINGLE = (
    "citation_title",
    "citation_publication_date",
    "citation_book_title",
    "citation_inbook_title",
    "citation_publisher",
    "citation_language",
    "citation_public_url",
    "citation_pdf_url",
    "DC.type",
    "DC.description",
    "DC.rights",
)


def _edition(root: Path) -> Edition:
    edition, problems = load_edition(root / "sources", root / "annotations")
    assert problems == []
    return edition


@pytest.fixture(scope="module")
def small_html(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The small edition (its tree, its HTML) built with a permanent address."""
    root = copy_small(tmp_path_factory.mktemp("page-metadata") / "small")
    build_small(root, "dummy", edition_register_update=1)
    return root, build_small(root, "html", html_baseurl=PERMANENT)


def _page(html: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((html / name).read_text(encoding="utf-8"), "html.parser")


def _head_tags(page: BeautifulSoup) -> list[tuple[str, str]]:
    head = page.head
    assert isinstance(head, Tag)
    return [
        (str(meta["name"]), str(meta["content"]))
        for meta in head.find_all("meta")
        if isinstance(meta, Tag)
        and str(meta.get("name", "")).startswith(("citation_", "DC.", "DCTERMS."))
    ]


def _json_ld(page: BeautifulSoup) -> list[dict[str, Any]]:
    head = page.head
    assert isinstance(head, Tag)
    return [json.loads(s.get_text()) for s in head.select('script[type="application/ld+json"]')]


def _coins(page: BeautifulSoup) -> list[dict[str, list[str]]]:
    return [
        parse_qs(str(span["title"]), strict_parsing=True)
        for span in page.select("span.Z3988")
        if isinstance(span, Tag)
    ]


def test_text_pages_carry_highwire_and_dublin_core(small_html: tuple[Path, Path]) -> None:
    root, html = small_html
    edition = _edition(root)
    released = read_edition_metadata(root / "CITATION.cff").released
    for text in edition.corpus.texts:
        record = text.record
        tags = _head_tags(_page(html, f"texts/{text.siglum}.html"))
        counts = Counter(name for name, _ in tags)
        assert {name: counts[name] for name in SINGLE} == dict.fromkeys(SINGLE, 1), tags
        found = dict(tags)
        assert found["citation_title"] == record.title
        assert [c for n, c in tags if n == "citation_author"] == [record.author or record.body]
        assert found["citation_publication_date"] == released.replace("-", "/")
        assert found["citation_book_title"] == found["citation_inbook_title"] == "A Small Edition"
        editors = "The editors of the small edition"
        assert [c for n, c in tags if n == "citation_editor"] == [editors]
        assert found["citation_publisher"] == editors
        assert found["citation_language"] == record.language
        assert found["citation_public_url"] == f"{PERMANENT}texts/{text.siglum}.html"
        assert found["citation_pdf_url"] == f"{PERMANENT}small.pdf"
        assert found["DC.description"] == record.summary
        assert found["DC.rights"] == record.rights
    # only the texts' pages
    assert _head_tags(_page(html, "index.html")) == []
    assert _head_tags(_page(html, "glossary.html")) == []


def test_every_paragraph_and_note_has_its_coins(small_html: tuple[Path, Path]) -> None:
    root, html = small_html
    edition = _edition(root)
    for text in edition.corpus.texts:
        page = _page(html, f"texts/{text.siglum}.html")
        citations = json.loads(
            (html / "texts" / f"{text.siglum}.citations.json").read_text(encoding="utf-8")
        )
        coins = _coins(page)
        expected = len(text.reading_text.paragraphs) + len(edition.notes_on(text.siglum))
        assert len(coins) == expected == len(citations)
        # hidden from readers, inside the page's body
        assert all(
            span.find_parent("div", class_="coins", hidden=True)
            for span in page.select("span.Z3988")
        )
        for item, citation in zip(coins, citations, strict=True):
            assert item["ctx_ver"] == ["Z39.88-2004"]
            assert item["rft_val_fmt"] == ["info:ofi/fmt:kev:mtx:book"]
            assert item["rft.genre"] == ["bookitem"]
            assert item["rft_id"] == [citation["url"]]
            assert item["rft_id"][0].startswith(PERMANENT)
            assert item["rft.btitle"] == ["A Small Edition"]
            assert item["rft.date"] == ["2026-11-21"]
            (title,) = item["rft.atitle"]
            if citation["anchor"].startswith("note-"):
                assert title.startswith("Note ") and f"“{text.record.title}”" in title
                assert item["rft.aucorp"] == [citation["csl"]["author"][0]["literal"]]
            else:
                number = citation["anchor"].rpartition("-")[2]
                assert title == f"{text.record.title}, ¶{number}"
                assert item["rft.aucorp"] == [text.record.author or text.record.body]
        # each item of its own: no two share a title or an address
        assert len({item["rft.atitle"][0] for item in coins}) == len(coins)


def test_json_ld_book_and_chapters(small_html: tuple[Path, Path]) -> None:
    root, html = small_html
    edition = _edition(root)
    texts = edition.corpus.texts
    (landing,) = _json_ld(_page(html, "index.html"))
    assert landing["@context"] == "https://schema.org"
    assert landing["@type"] == "Book"
    assert landing["name"] == "A Small Edition"
    assert landing["url"] == landing["@id"] == PERMANENT
    assert landing["version"] == "0.1"
    assert landing["datePublished"] == "2026-11-21"
    assert landing["editor"] == {
        "@type": "Organization",
        "name": "The editors of the small edition",
    }
    parts = landing["hasPart"]
    assert [part["position"] for part in parts] == list(range(1, len(texts) + 1))
    assert [part["url"] for part in parts] == [f"{PERMANENT}texts/{t.siglum}.html" for t in texts]
    for position, text in enumerate(texts, start=1):
        record = text.record
        (data,) = _json_ld(_page(html, f"texts/{text.siglum}.html"))
        assert data["@type"] == "Chapter"
        assert data["name"] == record.title
        assert data["position"] == position
        assert data["url"] == data["@id"] == f"{PERMANENT}texts/{text.siglum}.html"
        assert data["author"] == {"@type": "Organization", "name": record.body}
        assert data["editor"] == landing["editor"]
        assert data["datePublished"] == "2026-11-21"
        assert data["inLanguage"] == record.language
        book = data["isPartOf"]
        assert book["@type"] == "Book"
        assert book["@id"] == landing["@id"]
        assert book["name"] == landing["name"]
        assert "hasPart" not in book
        original = data["isBasedOn"]
        assert original["@type"] == "CreativeWork"
        assert original["name"] == record.title
        assert original["datePublished"] == record.date
        assert original["url"] == record.url
        assert original["isPartOf"] == {"@type": "Periodical", "name": record.periodical}
        # the landing page's chapter is the same, without isPartOf
        assert parts[position - 1] == {
            key: value for key, value in data.items() if key not in ("isPartOf", "@context")
        }
    assert _json_ld(_page(html, "glossary.html")) == []


# Through the model: the real edition's texts, without a build


@pytest.fixture(scope="module")
def real() -> Edition:
    return _edition(ROOT)


def _published(base: str = "https://lima1997.org/edition/") -> PublishedEdition:
    metadata = read_edition_metadata(ROOT / "CITATION.cff")
    info = EditionInfo(
        metadata.title, metadata.editors, metadata.version, metadata.year, base, "lima1997"
    )
    return PublishedEdition(info, metadata.released, "en", metadata.abstract, "edition.pdf")


def _sigla_pages(edition: Edition) -> dict[str, str]:
    return {text.siglum: f"texts/{text.siglum}.html" for text in edition.corpus.texts}


def test_real_texts_tags_name_their_record(real: Edition) -> None:
    published = _published()
    for text in real.corpus.texts:
        record = text.record
        whole = text_citation(record, published.info, f"texts/{text.siglum}.html")
        tags = highwire_tags(record, published, whole)
        found = dict(tags)
        assert Counter(name for name, _ in tags)["citation_title"] == 1
        assert found["citation_title"] == record.title
        authors = [content for name, content in tags if name == "citation_author"]
        if record.author:  # a person, as Zotero splits a name: family name first
            given, _, family = record.author.rpartition(" ")
            assert authors == [f"{family}, {given}"]
        else:
            assert authors == [record.body]
        assert found["citation_public_url"] == whole.url
        assert found["citation_pdf_url"] == "https://lima1997.org/edition/edition.pdf"
        head, body = text_metadata(real, text, f"texts/{text.siglum}.html", 1, published)
        page = BeautifulSoup(f"<html><head>{head}</head><body>{body}</body></html>", "html.parser")
        coins = _coins(page)
        places = text_citations(real, text, f"texts/{text.siglum}.html", published.info)
        assert [item["rft_id"] for item in coins] == [[place.url] for place in places]
        assert len({item["rft.atitle"][0] for item in coins}) == len(places)
        (data,) = _json_ld(page)
        assert data["author"]["name"] == (record.author or record.body)
        assert data["isBasedOn"]["url"] == record.url


def test_a_page_s_citations_are_found_once_for_its_metadata_and_data(real: Edition) -> None:
    """The page's metadata and its data ask for them one after the other: found once."""
    info = _published().info
    text = real.corpus.texts[0]
    page = f"texts/{text.siglum}.html"
    first = text_citations(real, text, page, info)
    again = text_citations(real, text, page, info)
    assert first == again and all(a is b for a, b in zip(first, again, strict=True))
    # another address, another edition, other citations
    elsewhere = text_citations(real, text, "elsewhere.html", info)
    assert [c.path for c in elsewhere] != [c.path for c in first]
    reloaded, _ = load_edition(ROOT / "sources", ROOT / "annotations")
    anew = text_citations(reloaded, reloaded.corpus.texts[0], page, info)
    assert anew == first and anew[0] is not first[0]


def test_real_edition_as_a_book_in_date_order(real: Edition) -> None:
    published = _published()
    script = edition_metadata(real, _sigla_pages(real), published)
    page = BeautifulSoup(f"<html><head>{script}</head></html>", "html.parser")
    (data,) = _json_ld(page)
    dates = [part["isBasedOn"]["datePublished"] for part in data["hasPart"]]
    assert dates == sorted(dates)
    assert len(data["hasPart"]) == len(real.corpus.texts)
    assert data["encoding"]["contentUrl"] == "https://lima1997.org/edition/edition.pdf"
    # each chapter at the address its citation gives
    pages = _sigla_pages(real)
    cited = [
        text_citation(t.record, published.info, pages[t.siglum]).url for t in real.corpus.texts
    ]
    assert [part["url"] for part in data["hasPart"]] == cited
    assert [part["@id"] for part in data["hasPart"]] == cited
    assert cited[0] == f"https://lima1997.org/edition/texts/{real.corpus.texts[0].siglum}.html"


def test_provisional_address_gives_no_address(real: Edition) -> None:
    """While the base URL is a placeholder, no address is given: a reference manager takes the
    page's own."""
    published = _published("https://example.org/lima1997/")
    text = real.corpus.texts[0]
    whole = text_citation(text.record, published.info, f"texts/{text.siglum}.html")
    names = {name for name, _ in highwire_tags(text.record, published, whole)}
    assert "citation_title" in names
    assert not names & {"citation_public_url", "citation_pdf_url"}
    head, body = text_metadata(real, text, f"texts/{text.siglum}.html", 1, published)
    assert "example.org" not in head + body
    page = BeautifulSoup(f"<html><head>{head}</head><body>{body}</body></html>", "html.parser")
    assert all("rft_id" not in item for item in _coins(page))
    (data,) = _json_ld(page)
    assert "url" not in data and "@id" not in data and "url" not in data["isPartOf"]


def test_markup_in_a_record_stays_data(real: Edition) -> None:
    """A title with markup cannot end the script, break an attribute or forge a field."""
    published = _published()
    text = real.corpus.texts[0]
    hostile = '</script><script>alert(1)</script> "quoted" & more=1&rft.date=1'
    record = dataclasses.replace(text.record, title=hostile)
    whole = text_citation(record, published.info, "texts/x.html")
    address = published_address(published.info, "texts/x.html")
    script = json_ld(chapter(record, published, address, 1, part_of=True))
    opening, closing = '<script type="application/ld+json">', "</script>\n"
    assert script.startswith(opening) and script.endswith(closing)
    assert "<" not in script.removeprefix(opening).removesuffix(closing)
    page = BeautifulSoup(f"<html><head>{script}</head></html>", "html.parser")
    assert _json_ld(page)[0]["name"] == hostile
    context = coins_context(whole, published, place_title(record, 1))
    item = parse_qs(context, strict_parsing=True)
    assert item["rft.atitle"] == [f"{hostile}, ¶1"]
    assert item["rft.date"] == [published.released]
    tags = highwire_tags(record, published, whole)
    parsed = BeautifulSoup(f"<html><head>{meta_tags(tags)}</head></html>", "html.parser")
    assert _head_tags(parsed) == tags


def test_pdf_name() -> None:
    assert pdf_name([("index", "edition.tex", "T", "A", "manual")]) == "edition.pdf"
    assert pdf_name([]) == ""


def test_not_in_epub() -> None:
    """The EPUB's pages carry none of it."""
    app = SimpleNamespace(builder=SimpleNamespace(name="epub"))
    context: dict[str, Any] = {"body": "<p>x</p>", "metatags": ""}
    add_page_metadata(app, "texts/tx", "page.html", context, None)  # type: ignore[arg-type]
    assert context == {"body": "<p>x</p>", "metatags": ""}
