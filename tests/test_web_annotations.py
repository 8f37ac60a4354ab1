"""The notes as W3C Web Annotations: each text's collection, valid against the Web Annotation
test suite's schemas (vendored in ``tests/schemas/web-annotation/``), with the notes' permalinks,
quotes and motivations; and the files the HTML build writes."""

from __future__ import annotations

import copy
import dataclasses
import json
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from ecdosis.model.annotations.anchoring import normalise
from ecdosis.model.annotations.note_body import parse_note_body
from ecdosis.model.annotations.notes import Note
from ecdosis.model.edition import Edition, load_edition
from ecdosis.model.problems import Problem
from ecdosis.model.publication.web_annotation import (
    Addresses,
    annotation_collection,
    note_annotation,
)
from tests.conftest import ROOT, build_small, write_note

SCHEMAS = Path(__file__).parent / "schemas" / "web-annotation"
BASE = "https://example.org/lima1997/"
# The motivations each kind of note is published with, as the edition decided them.
EXPECTED_MOTIVATION = {
    "context": "describing",
    "correction": "assessing",
    "translation": "commenting",
    "textual": "commenting",
    "crossref": "linking",
}


def ref(where: str) -> dict[str, str]:
    return {"$ref": where}


# Entry schemas composed from the test suite's definitions. In draft-04 a keyword beside a
# "$ref" is ignored, so each object is checked by an "allOf" of references, and the selectors,
# which the definitions reach only through such references, on their own (SELECTORS).
TEXTUAL_BODY = {
    "allOf": [
        ref("bodyTarget.json#/definitions/embeddedTextTypeIncludesTextualBody"),
        ref("bodyTarget.json#/definitions/optionalBodyPropertiesMust"),
        ref("bodyTarget.json#/definitions/languagePropertyFound"),
        ref("bodyTarget.json#/definitions/languageValidIfPresent"),
        ref("bodyTarget.json#/definitions/formatPropertyFound"),
        ref("bodyTarget.json#/definitions/formatValidIfPresent"),
        ref("otherProperties.json#/definitions/purposeRecognizedIfPresent"),
    ]
}
BODY = {
    "allOf": [
        ref("bodyTarget.json#/definitions/bodyResourcesFound"),
        {
            "oneOf": [
                {"allOf": [ref("choiceSet.json#/definitions/choiceDetected")]},
                TEXTUAL_BODY,
            ]
        },
        {"properties": {"items": {"type": "array", "items": TEXTUAL_BODY}}},
    ]
}
TARGET = {
    "allOf": [
        ref("bodyTarget.json#/definitions/targetResourcesFound"),
        ref("bodyTarget.json#/definitions/optionalTargetPropertiesMust"),
        ref("specificResource.json#/definitions/specificeResourceDetected"),
        ref("specificResource.json#/definitions/selectorDetected"),
        ref("specificResource.json#/definitions/checkForRefinedBy"),
    ]
}
ANNOTATION = {
    "allOf": [
        ref("annotations.json#/definitions/annotationTypeValueFound"),
        ref("id.json#/definitions/idValueFound"),
        ref("annotations.json#/definitions/motivationPropertyFound"),
        ref("annotations.json#/definitions/motivationRecognizedIfPresent"),
        ref("annotations.json#/definitions/bodyValueValidIfPresent"),
        ref("otherProperties.json#/definitions/createdPropertyFound"),
        ref("otherProperties.json#/definitions/createdValidIfPresent"),
        ref("otherProperties.json#/definitions/creatorPropertyFound"),
        ref("otherProperties.json#/definitions/creatorSingularIfPresent"),
        ref("otherProperties.json#/definitions/creatorAgentWithNameFound"),
        {
            "required": ["body", "target"],
            "properties": {
                "body": {"type": "array", "minItems": 1, "items": BODY},
                "target": TARGET,
                "creator": {
                    "allOf": [
                        ref("otherProperties.json#/definitions/agentTypeDefinition"),
                        ref("otherProperties.json#/definitions/agentNameDefinition"),
                    ]
                },
            },
        },
    ]
}
PAGE = {
    "allOf": [
        ref("collections.json#/definitions/annotationPageTypeValueFound"),
        ref("id.json#/definitions/idValueFound"),
        ref("collections.json#/definitions/itemsFound"),
        ref("collections.json#/definitions/partOfValidIfPresent"),
        ref("collections.json#/definitions/startIndexDefinition"),
        {"properties": {"items": {"type": "array", "items": ANNOTATION}}},
    ]
}
COLLECTION = {
    "allOf": [
        {
            "required": ["@context"],
            "properties": {"@context": ref("collections.json#/definitions/contextValueFound")},
        },
        ref("collections.json#/definitions/annotationCollectionTypeValueFound"),
        ref("id.json#/definitions/idValueFound"),
        ref("collections.json#/definitions/labelDefinition"),
        ref("collections.json#/definitions/totalFound"),
        ref("collections.json#/definitions/firstRequiredIfTotalMoreThanZero"),
        ref("collections.json#/definitions/firstValidIfPresent"),
        ref("collections.json#/definitions/lastValidIfPresent"),
        {"properties": {"first": PAGE}},
    ]
}
SELECTORS: dict[str, dict[str, Any]] = {
    "fragment": {
        "allOf": [
            ref("specificResource.json#/definitions/fragmentSelectorDetected"),
            ref("specificResource.json#/definitions/conformsToPropertyFound"),
            ref("specificResource.json#/definitions/refinedByDefined"),
        ]
    },
    "quote": ref("specificResource.json#/definitions/textQuoteSelectorDetected"),
}


@cache
def registry() -> Registry[Any]:
    """The seven files of definitions, each under its ``id`` (its file name)."""
    resources = []
    for path in sorted(SCHEMAS.glob("*.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        assert contents["id"] == path.name
        resources.append(
            (path.name, Resource.from_contents(contents, default_specification=DRAFT4))
        )
    assert len(resources) == 7
    return Registry().with_resources(resources)


_VALIDATORS: dict[int, Draft4Validator] = {}


def errors(schema: dict[str, Any], instance: object) -> list[str]:
    validator = _VALIDATORS.setdefault(id(schema), Draft4Validator(schema, registry=registry()))
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(instance)]


def is_absolute(uri: object) -> bool:
    parts = urlsplit(str(uri))
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def check_collection(
    collection: dict[str, Any], edition: Edition, siglum: str, base: str
) -> list[dict[str, Any]]:
    """Everything the collection of ``siglum`` must be; its annotations."""
    assert errors(COLLECTION, collection) == []
    notes = edition.notes_on(siglum)
    assert collection["total"] == len(notes)
    assert collection["id"] == f"{base}data/annotations/{siglum}.jsonld"
    if not notes:
        assert "first" not in collection
        return []
    page = collection["first"]
    assert errors(PAGE, page) == []
    assert is_absolute(page["id"]) and page["partOf"] == collection["id"]
    items: list[dict[str, Any]] = page["items"]
    assert len(items) == len(notes)
    paragraphs = {b.anchor: b for b in edition.corpus[siglum].reading_text.paragraphs}
    for note, annotation in zip(notes, items, strict=True):
        check_annotation(annotation, note, base)
        reading = normalise(paragraphs[note.target].edition_text())
        quote = annotation["target"]["selector"]["refinedBy"]
        assert quote["exact"] == note.quote
        in_context = quote.get("prefix", "") + quote["exact"] + quote.get("suffix", "")
        assert in_context in reading, (note.id, in_context)
        # the selector's first match is the note's own occurrence of the quote
        assert reading.find(in_context) + len(quote.get("prefix", "")) == note.span.start
    return items


def check_annotation(annotation: dict[str, Any], note: Note, base: str) -> None:
    assert errors(ANNOTATION, annotation) == [], note.id
    page = f"{base}texts/{note.siglum}.html"
    assert annotation["id"] == f"{page}#note-{note.id}"
    target = annotation["target"]
    assert target["source"] == page
    selector = target["selector"]
    assert errors(SELECTORS["fragment"], selector) == []
    assert selector["value"] == note.target
    assert errors(SELECTORS["quote"], selector["refinedBy"]) == []
    expected = [EXPECTED_MOTIVATION[note.kind]]
    if note.assessment is not None and "assessing" not in expected:
        expected.append("assessing")
    motivation = annotation["motivation"]
    assert (motivation if isinstance(motivation, list) else [motivation]) == expected
    assert datetime.fromisoformat(annotation["created"]).date().isoformat() == note.date
    assert annotation["creator"] == {"name": note.author}
    choice = annotation["body"][0]
    formats = {body["format"]: body for body in choice["items"]}
    assert set(formats) == {"text/html", "text/plain"}
    assert all(body["language"] == "en" for body in choice["items"])
    if note.verdict:
        assert annotation["body"][1]["purpose"] == "assessing"
        assert formats["text/plain"]["value"].startswith(note.verdict)
    uris = [annotation["id"], target["source"], selector["conformsTo"]]
    assert all(is_absolute(uri) for uri in uris), uris


@pytest.fixture(scope="module")
def edition() -> Edition:
    loaded, problems = load_edition(ROOT / "sources", ROOT / "annotations")
    assert problems == []
    return loaded


def edition_addresses(edition: Edition) -> Addresses:
    pages = {siglum: f"texts/{siglum}.html" for siglum in edition.corpus.sigla}
    return Addresses(BASE, pages, "bibliography.html", "en")


def test_every_text_of_the_edition_has_a_valid_collection_of_its_notes(edition: Edition) -> None:
    addresses = edition_addresses(edition)
    published = 0
    for siglum in edition.corpus.sigla:
        collection = annotation_collection(edition, siglum, addresses)
        published += len(check_collection(collection, edition, siglum, BASE))
        assert collection == annotation_collection(edition, siglum, addresses)  # deterministic
    assert published == len(edition.annotations.notes)


def test_the_composed_schemas_refuse_what_the_model_does_not_allow(edition: Edition) -> None:
    """The checks above can fail: each change below breaks one rule of the model."""
    note = next(n for n in edition.annotations.notes if n.kind == "correction")
    good = note_annotation(edition, note, edition_addresses(edition))
    assert errors(ANNOTATION, good) == []
    broken: list[dict[str, Any]] = []
    for path, value in (
        (("motivation",), "correcting"),  # not a motivation of the model
        (("type",), "Note"),
        (("created",), ["2026-12-01", "2026-12-02"]),
        (("target", "source"), {"value": "texts/po.html"}),
        (("body", 0, "items", 0, "language"), "English"),
        (("body", 0, "items", 1, "format"), "plain"),
    ):
        changed = copy.deepcopy(good)
        *parents, last = path
        place: Any = changed
        for part in parents:
            place = place[part]
        place[last] = value
        broken.append(changed)
    for changed in broken:
        assert errors(ANNOTATION, changed) != [], changed
    quote = copy.deepcopy(good["target"]["selector"]["refinedBy"])
    del quote["exact"]
    assert errors(SELECTORS["quote"], quote) != []
    fragment = dict(good["target"]["selector"], type="TextQuoteSelector")
    assert errors(SELECTORS["fragment"], fragment) != []
    collection = annotation_collection(edition, note.siglum, edition_addresses(edition))
    assert errors(COLLECTION, dict(collection, total=-1)) != []
    assert errors(COLLECTION, {k: v for k, v in collection.items() if k != "first"}) != []
    assert errors(PAGE, dict(collection["first"], items=[{"type": "Note"}])) != []


def test_a_body_is_escaped_html_and_plain_text(edition: Edition, tmp_path: Path) -> None:
    note = edition.annotations.notes[0]
    key = next(iter(edition.annotations.bibliography.sources))
    label = edition.annotations.bibliography.sources[key].label
    source = (
        'A \\<script>alert("x")\\</script> & `<b>` *more* {cite}`' + key + "`, "
        '[a "link"](https://example.net/?a=1&b="2") and {es}`palabras`.\n\n- one\n- two\n'
    )
    problems: list[Problem] = []
    body = parse_note_body(tmp_path / "note.md", source, 1, ("es",), problems)
    assert problems == [] and body is not None
    escaped = dataclasses.replace(note, body=body, sources=(key,), assessment=None)
    annotation = note_annotation(edition, escaped, edition_addresses(edition))
    html, text = (item["value"] for item in annotation["body"][0]["items"])
    assert "<script>" not in html and '&lt;script&gt;alert("x")&lt;/script&gt; &amp;' in html
    assert "<em>more</em>" in html
    bib = f'<a href="{BASE}bibliography.html#bib-{key}">'
    assert f"({bib}" in html and html.endswith(f"<p>Source: {bib}{label}</a>.</p>")
    assert '<a href="https://example.net/?a=1&amp;b=%222%22">a "link"</a>' in html
    assert '<span lang="es">palabras</span>' in html and "<ul><li><p>one</p></li>" in html
    assert text.startswith(f'A <script>alert("x")</script> & <b> more ({label}), a "link" and ')
    assert "palabras.\n\n- one\n- two\n\nSource: " in text


def test_the_html_build_writes_each_texts_collection(small: Path) -> None:
    write_note(
        small,
        "tx-killed",
        'target: tx-1\nquote: "were killed"\nkind: correction\nassessment: contradicted\n'
        "sources: [sims1997]\n",
        "Not all of them {cite}`sims1997`; compare {paragraph}`ty-1`.",
    )
    write_note(
        small,
        "tx-again",
        'target: tx-2\nquote: "the president again"\nkind: crossref\nsources: []\n',
        "See {note}`tx-assault`.",
    )
    build_small(small, "dummy", edition_register_update=1)
    html = build_small(small, "html")
    edition, problems = load_edition(small / "sources", small / "annotations")
    assert problems == []
    base = "https://example.org/small/"
    written = {}
    for siglum in edition.corpus.sigla:
        path = html / "data" / "annotations" / f"{siglum}.jsonld"
        written[siglum] = path.read_text(encoding="utf-8")
        check_collection(json.loads(written[siglum]), edition, siglum, base)
    assert json.loads(written["ty"])["total"] == 0
    items = json.loads(written["tx"])["first"]["items"]
    by_id = {item["id"].rpartition("#note-")[2]: item for item in items}
    assert by_id["tx-killed"]["motivation"] == "assessing"
    assert by_id["tx-again"]["motivation"] == "linking"
    assert by_id["tx-assault"]["motivation"] == "describing"
    killed = by_id["tx-killed"]["body"][0]["items"][0]["value"]
    assert f'<a href="{base}texts/ty.html#ty-1">TY ¶1</a>' in killed
    assert f'<a href="{base}bibliography.html#bib-sims1997">' in killed
    again = by_id["tx-again"]["body"][0]["items"][0]["value"]
    assert f'<a href="{base}texts/tx.html#note-tx-assault">' in again
    # the page itself has every anchor the annotations name
    page = (html / "texts" / "tx.html").read_text(encoding="utf-8")
    for item in items:
        assert f'id="{item["id"].rpartition("#")[2]}"' in page
        assert f'id="{item["target"]["selector"]["value"]}"' in page
    # a build that changes nothing leaves the files as they were
    dates = {s: (html / "data" / "annotations" / f"{s}.jsonld").stat().st_mtime_ns for s in written}
    build_small(small, "html")
    for siglum, date in dates.items():
        path = html / "data" / "annotations" / f"{siglum}.jsonld"
        assert (
            path.stat().st_mtime_ns == date and path.read_text(encoding="utf-8") == written[siglum]
        )


def test_without_a_base_url_the_addresses_are_absolute_and_provisional(small: Path) -> None:
    html = build_small(small, "html", html_baseurl="")
    edition, _ = load_edition(small / "sources", small / "annotations")
    collection = json.loads((html / "data/annotations/tx.jsonld").read_text(encoding="utf-8"))
    base = collection["id"].removesuffix("data/annotations/tx.jsonld")
    assert base.startswith("https://example.org/")  # a host reserved for examples
    check_collection(collection, edition, "tx", base)
