"""The static DTS 1.0 API (Level 0) under ``api/dts/``: its shapes are those of the
specification, every address its URI templates give for the edition is a file that parses, and
a client that starts from the entry point and follows the templates reaches every paragraph of
every text, and its document.

The client expands the templates with its own small RFC 6570 expander (not the engine's path
functions), so that a template and the files it should name cannot drift apart unseen.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote
from xml.sax.saxutils import escape

import pytest

from ecdosis.model.edition import Edition, load_edition
from ecdosis.model.publication.dts import (
    CONTEXT,
    DTS_NAMESPACE,
    TEI_NAMESPACE,
    XML_ID,
    DtsEdition,
    collection_identifier,
    collection_path,
    document_path,
    dts_files,
    missing_paragraphs,
    navigation_path,
    paragraph_document,
)
from tests.conftest import ROOT, build_small, copy_small

BASE = "https://example.org/small/"  # html_baseurl of the small root
TEI = f"{{{TEI_NAMESPACE}}}"
WRAPPER = f"{{{DTS_NAMESPACE}}}wrapper"

# RFC 6570, level 3, the operators a template may use here: prefix, separator, named, if empty.
_OPERATORS = {
    "": ("", ",", False, ""),
    "/": ("/", "/", False, ""),
    ".": (".", ".", False, ""),
    ";": (";", ";", True, ""),
    "?": ("?", "&", True, "="),
    "&": ("&", "&", True, "="),
}
_EXPRESSION = re.compile(r"\{([^{}]*)\}")
Values = Mapping[str, str | int]


def variables(template: str) -> list[str]:
    names = []
    for expression in _EXPRESSION.findall(template):
        operator = expression[:1] if expression[:1] in _OPERATORS else ""
        names += [name.rstrip("*") for name in expression[len(operator) :].split(",")]
    return names


def expand(template: str, values: Values) -> str:
    """An RFC 6570 expansion of ``template`` (level 3); a variable not in ``values`` is
    undefined."""

    def one(match: re.Match[str]) -> str:
        expression = match.group(1)
        operator = expression[:1] if expression[:1] in _OPERATORS else ""
        assert operator or re.match(r"[A-Za-z0-9_]", expression), f"operator in {template!r}"
        first, separator, named, if_empty = _OPERATORS[operator]
        parts = []
        for name in expression[len(operator) :].split(","):
            name = name.rstrip("*")
            if name not in values:
                continue
            value = quote(str(values[name]), safe="")
            if named:
                parts.append(f"{name}={value}" if value else f"{name}{if_empty}")
            else:
                parts.append(value)
        return first + separator.join(parts) if parts else ""

    expanded = _EXPRESSION.sub(one, template)
    assert "{" not in expanded and "}" not in expanded, template
    return expanded


class Client:
    """A DTS client on the built files: an address of the edition is a file of the output."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.fetched: set[Path] = set()

    def path(self, url: str) -> Path:
        assert url.startswith(BASE), url
        return self.out / url.removeprefix(BASE)

    def exists(self, url: str) -> bool:
        return self.path(url).is_file()

    def json(self, url: str) -> dict[str, Any]:
        path = self.path(url)
        assert path.is_file(), f"{url} is not in the build"
        self.fetched.add(path)
        data = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(data, dict), url
        return data

    def xml(self, url: str) -> ET.Element:
        path = self.path(url)
        assert path.is_file(), f"{url} is not in the build"
        self.fetched.add(path)
        return ET.fromstring(path.read_bytes())


# The specification's objects: the properties each may have, with their types, and those it must.
URI_TEMPLATE_VARIABLES = {
    "collection": {"id", "page", "nav"},
    "navigation": {"resource", "ref", "start", "end", "down", "tree", "page"},
    "document": {"resource", "ref", "start", "end", "tree", "mediaType"},
}
Fields = Mapping[str, type | tuple[type, ...]]
ENTRY_POINT: Fields = {
    "@context": str,
    "@id": str,
    "@type": str,
    "dtsVersion": str,
    "collection": str,
    "navigation": str,
    "document": str,
}
COLLECTION_OR_RESOURCE: Fields = {
    "@context": str,
    "@id": str,
    "@type": str,
    "dtsVersion": str,
    "title": str,
    "totalParents": int,
    "totalChildren": int,
    "description": str,
    "member": list,
    "dublinCore": dict,
    "extensions": dict,
    "collection": str,
    "navigation": str,
    "document": str,
    "download": (str, list),
    "citationTrees": list,
    "view": dict,
    "mediaTypes": list,
}
NAVIGATION: Fields = {
    "@context": str,
    "@id": str,
    "@type": str,
    "dtsVersion": str,
    "resource": dict,
    "ref": dict,
    "start": dict,
    "end": dict,
    "member": list,
    "view": dict,
}
CITABLE_UNIT: Fields = {
    "identifier": str,
    "@type": str,
    "level": int,
    "parent": (str, type(None)),
    "@id": str,
    "citeType": str,
    "dublinCore": dict,
    "extensions": dict,
}


def has_shape(data: Mapping[str, Any], fields: Fields, required: set[str]) -> None:
    unknown = set(data) - set(fields)
    assert not unknown, f"not properties of the specification: {unknown} in {data}"
    missing = required - set(data)
    assert not missing, f"required properties missing: {missing} in {data}"
    for name, value in data.items():
        assert isinstance(value, fields[name]), (name, value)
        if fields[name] is int:
            assert not isinstance(value, bool), (name, value)


def template_of(template: str, endpoint: str, base: str = BASE) -> None:
    assert template.startswith(base), template
    names = variables(template)
    assert names, template
    assert set(names) <= URI_TEMPLATE_VARIABLES[endpoint], (endpoint, template)


def metadata_object(metadata: Mapping[str, Any]) -> None:
    """A ``MetadataObject``: each value a literal, or an array of strings (URIs, names) or of
    language-tagged values."""
    assert metadata
    for name, value in metadata.items():
        if isinstance(value, list):
            assert value, name
            tagged = all(isinstance(item, dict) for item in value)
            if tagged:
                for item in value:
                    assert set(item) == {"lang", "value"}, (name, item)
                    assert isinstance(item["value"], str) and item["value"], (name, item)
                    assert re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", item["lang"])
            else:
                assert all(isinstance(item, str) and item for item in value), (name, value)
        else:
            assert isinstance(value, int | float | str) and not isinstance(value, bool), name


def citation_tree(tree: Mapping[str, Any]) -> None:
    assert set(tree) <= {"identifier", "@type", "citeStructure", "description"}, tree
    assert tree["@type"] == "CitationTree" and "identifier" not in tree  # the default tree
    assert tree["citeStructure"] == [{"@type": "CiteStructure", "citeType": "paragraph"}]


def collection_object(data: Mapping[str, Any], *, top: bool, base: str = BASE) -> None:
    required = {"@id", "@type", "title", "totalParents", "collection"}
    if top:
        required |= {"@context", "dtsVersion"}
        assert data["@context"] == CONTEXT and data["dtsVersion"] == "1.0"
    else:
        assert "@context" not in data
    if data["@type"] == "Collection":
        required.add("totalChildren")
    else:
        assert data["@type"] == "Resource", data
        required |= {"navigation", "document", "citationTrees"}
    has_shape(data, COLLECTION_OR_RESOURCE, required)
    template_of(data["collection"], "collection", base)
    if "dublinCore" in data:
        metadata_object(data["dublinCore"])
    if data["@type"] == "Resource":
        template_of(data["navigation"], "navigation", base)
        template_of(data["document"], "document", base)
        assert data["mediaTypes"] == ["application/tei+xml"]
        for tree in data["citationTrees"]:
            citation_tree(tree)
    for member in data.get("member", []):
        collection_object(member, top=False, base=base)


def citable_unit(unit: Mapping[str, Any]) -> None:
    has_shape(unit, CITABLE_UNIT, {"identifier", "@type", "level", "parent"})
    assert unit["@type"] == "CitableUnit" and unit["level"] == 1 and unit["parent"] is None
    assert unit["citeType"] == "paragraph"
    metadata_object(unit["dublinCore"])


def navigation_object(data: Mapping[str, Any], url: str, base: str = BASE) -> None:
    has_shape(data, NAVIGATION, {"@context", "@id", "@type", "dtsVersion", "resource"})
    assert data["@context"] == CONTEXT and data["dtsVersion"] == "1.0"
    assert data["@type"] == "Navigation" and data["@id"] == url
    resource = data["resource"]
    collection_object(resource, top=False, base=base)
    assert resource["@type"] == "Resource"
    for unit in [data[name] for name in ("ref", "start", "end") if name in data]:
        citable_unit(unit)
    for unit in data.get("member", []):
        citable_unit(unit)


# The edition the tests build, and the calls its API answers.


@pytest.fixture(scope="module")
def small_edition(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Edition]:
    root = copy_small(tmp_path_factory.mktemp("dts") / "small")
    build_small(root, "dummy", edition_register_update=1)
    out = build_small(root, "html")
    edition, problems = load_edition(root / "sources", root / "annotations")
    assert problems == []
    return out, edition


def entry_point(client: Client) -> dict[str, Any]:
    entry = client.json(BASE + "api/dts/index.json")
    has_shape(entry, ENTRY_POINT, set(ENTRY_POINT))
    assert entry["@context"] == CONTEXT and entry["@type"] == "EntryPoint"
    assert entry["dtsVersion"] == "1.0" and entry["@id"] == BASE + "api/dts/index.json"
    for endpoint in ("collection", "navigation", "document"):
        template_of(entry[endpoint], endpoint)
    return entry


def calls(edition: Edition, root_id: str) -> dict[str, list[Values]]:
    """Every call the edition's API answers, by endpoint: its parameters."""
    collections: list[Values] = []
    for identifier in (None, root_id, *edition.corpus.sigla):
        for nav in (None, "children", "parents"):
            values: dict[str, str | int] = {} if identifier is None else {"id": identifier}
            collections.append(values if nav is None else {**values, "nav": nav})
    navigations: list[Values] = []
    documents: list[Values] = []
    for text in edition.corpus.texts:
        navigations += [{"resource": text.siglum, "down": down} for down in (1, -1)]
        documents.append({"resource": text.siglum})
        for block in text.reading_text.paragraphs:
            ref: dict[str, str | int] = {"resource": text.siglum, "ref": block.anchor}
            navigations.append(ref)
            navigations += [{**ref, "down": down} for down in (0, 1, -1)]
            documents.append(ref)
    return {"collection": collections, "navigation": navigations, "document": documents}


def tei_published(out: Path, edition: Edition) -> bool:
    return all(
        (out / "data" / "tei" / f"{siglum}.xml").is_file() for siglum in edition.corpus.sigla
    )


def test_every_address_the_templates_give_is_a_file_that_parses_and_no_other_is_written(
    small_edition: tuple[Path, Edition],
) -> None:
    out, edition = small_edition
    client = Client(out)
    entry = entry_point(client)
    root = client.json(expand(entry["collection"], {}))
    expected = {out / "api" / "dts" / "index.json"}
    for endpoint, all_values in calls(edition, root["@id"]).items():
        if endpoint == "document" and not tei_published(out, edition):
            continue
        for values in all_values:
            url = expand(entry[endpoint], values)
            if endpoint == "document":
                assert client.xml(url).tag == TEI + "TEI", url
            else:
                client.json(url)
            expected.add(client.path(url))
    written = {path for path in (out / "api" / "dts").rglob("*") if path.is_file()}
    assert written == expected


def test_level_0_answers_what_it_does_not_serve_with_a_missing_file(
    small_edition: tuple[Path, Edition],
) -> None:
    """Ranges (``start``/``end``), a citation tree other than the default, a navigation with
    neither ``ref`` nor ``down``, and identifiers the edition lacks: no file, so a 404."""
    out, edition = small_edition
    client = Client(out)
    entry = entry_point(client)
    text = edition.corpus.texts[0]
    first, last = (block.anchor for block in text.reading_text.paragraphs[::2][:2])
    siglum = text.siglum
    missing: list[tuple[str, Values]] = [
        ("navigation", {"resource": siglum, "start": first, "end": last, "down": 1}),
        ("navigation", {"resource": siglum, "start": first, "end": last}),
        ("navigation", {"resource": siglum, "tree": "pages", "down": 1}),
        ("navigation", {"resource": siglum}),
        ("navigation", {"resource": siglum, "down": 0}),
        ("navigation", {"resource": "nosuchtext", "down": 1}),
        ("navigation", {"resource": siglum, "ref": "nosuchparagraph"}),
        ("document", {"resource": siglum, "start": first, "end": last}),
        ("document", {"resource": siglum, "tree": "pages", "ref": first}),
        ("document", {"resource": siglum, "ref": "nosuchparagraph"}),
        ("collection", {"id": "nosuchcollection"}),
    ]
    for endpoint, values in missing:
        url = expand(entry[endpoint], values)
        assert not client.exists(url), url


def test_a_client_walking_from_the_entry_point_reaches_every_paragraph(
    small_edition: tuple[Path, Edition],
) -> None:
    out, edition = small_edition
    client = Client(out)
    entry = entry_point(client)
    root = client.json(expand(entry["collection"], {}))
    collection_object(root, top=True)
    assert root["@type"] == "Collection" and root["totalParents"] == 0
    assert client.json(expand(entry["collection"], {"id": root["@id"]})) == root
    assert client.json(expand(root["collection"], {"nav": "children"})) == root
    parents = client.json(expand(root["collection"], {"nav": "parents"}))
    assert parents["member"] == []
    members = root["member"]
    assert root["totalChildren"] == len(members)
    assert [member["@id"] for member in members] == list(edition.corpus.sigla)
    reached: dict[str, list[str]] = {}
    for member in members:
        record = edition.corpus[member["@id"]].record
        assert member["title"] == record.title and member["description"] == record.summary
        dublin_core = member["dublinCore"]
        assert dublin_core["title"] == [{"lang": record.language, "value": record.title}]
        assert dublin_core["language"] == [record.language] and dublin_core["date"] == record.date
        assert dublin_core["source"] == [record.url]
        assert [name for name in (record.author, record.body) if name] == dublin_core["creator"]
        resource = client.json(expand(member["collection"], {}))
        collection_object(resource, top=True)
        assert {k: v for k, v in resource.items() if k not in ("@context", "dtsVersion")} == member
        assert resource == client.json(expand(entry["collection"], {"id": member["@id"]}))
        up = client.json(expand(member["collection"], {"nav": "parents"}))
        collection_object(up, top=True)
        assert [parent["@id"] for parent in up["member"]] == [root["@id"]]
        assert up["member"][0]["totalChildren"] == len(members)

        url = expand(member["navigation"], {"down": 1})
        assert url == expand(entry["navigation"], {"resource": member["@id"], "down": 1})
        navigation = client.json(url)
        navigation_object(navigation, url)
        assert navigation["resource"] == member and "ref" not in navigation
        units = navigation["member"]
        deepest = expand(member["navigation"], {"down": -1})
        assert client.json(deepest)["member"] == units
        reached[member["@id"]] = [unit["identifier"] for unit in units]
        for unit in units:
            # the unit's own address is the paragraph on the text's page
            page, _, anchor = unit["@id"].partition("#")
            assert anchor == unit["identifier"]
            assert f'id="{anchor}"' in client.path(page).read_text(encoding="utf-8")
            alone_url = expand(member["navigation"], {"ref": unit["identifier"]})
            alone = client.json(alone_url)
            navigation_object(alone, alone_url)
            assert alone["ref"] == unit and "member" not in alone
            for down, expected in ((0, units), (1, [unit]), (-1, [unit])):
                url = expand(member["navigation"], {"ref": unit["identifier"], "down": down})
                answer = client.json(url)
                navigation_object(answer, url)
                assert answer["ref"] == unit and answer["member"] == expected, url
    assert reached == {
        text.siglum: [block.anchor for block in text.reading_text.paragraphs]
        for text in edition.corpus.texts
    }
    if not tei_published(out, edition):
        pytest.skip("no TEI export in this build yet (data/tei/<siglum>.xml): documents unchecked")
    for member in members:
        whole = client.xml(expand(member["document"], {}))
        source = out / "data" / "tei" / f"{member['@id']}.xml"
        assert client.path(expand(member["document"], {})).read_bytes() == source.read_bytes()
        assert whole.tag == TEI + "TEI"
        for identifier in reached[member["@id"]]:
            document = client.xml(expand(member["document"], {"ref": identifier}))
            assert document.tag == TEI + "TEI"
            assert document.find(TEI + "teiHeader") is not None
            wrappers = document.findall(f".//{WRAPPER}")
            assert len(wrappers) == 1
            (passage,) = list(wrappers[0])
            assert passage.tag == TEI + "p" and passage.get(XML_ID) == identifier
            original = next(p for p in whole.iter(TEI + "p") if p.get(XML_ID) == identifier)
            original.tail = passage.tail = None
            assert ET.tostring(passage) == ET.tostring(original)


def test_files_are_written_only_when_changed_and_stale_ones_go(small: Path) -> None:
    build_small(small, "dummy", edition_register_update=1)
    out = build_small(small, "html")
    api = out / "api" / "dts"
    entry = api / "index.json"
    stale = api / "navigation" / "gone;down=1.json"
    stale.write_text("{}", encoding="utf-8")
    (api / "document" / "gone").mkdir(parents=True)
    (api / "document" / "gone" / "gone-1.xml").write_text("<TEI/>", encoding="utf-8")
    os.utime(entry, (1_000_000_000, 1_000_000_000))
    # the files stay as they are while nothing they are made from changed (the stale ones too:
    # the build does not look at the API while its inputs are those it was made from) ...
    build_small(small, "html")
    assert stale.exists()
    # ... and an edit of the edition writes them again: the unchanged ones as they were
    note = small / "annotations" / "tx" / "tx-assault.md"
    note.write_text(note.read_text("utf-8").replace("The assault", "The storming"), "utf-8")
    build_small(small, "dummy", edition_register_update=1)
    build_small(small, "html")
    assert entry.stat().st_mtime == 1_000_000_000
    assert not stale.exists() and not (api / "document" / "gone").exists()
    dirhtml = build_small(small, "dirhtml")
    navigation = json.loads((dirhtml / navigation_path("tx", 1)).read_text(encoding="utf-8"))
    assert navigation["member"][0]["@id"] == BASE + "texts/tx/#tx-1"
    latex = build_small(small, "latex")
    assert not (latex / "api").exists()


def test_the_documents_are_the_tei_files_of_the_build(small: Path) -> None:
    """The wiring of the documents, whatever writes the TEI: a TEI file of each text in the
    output (the TEI export's, or one written here where the build has none) is the text's
    document, and each of its paragraphs has its own."""
    build_small(small, "dummy", edition_register_update=1)
    out = build_small(small, "html")
    edition, problems = load_edition(small / "sources", small / "annotations")
    assert problems == []
    for siglum in edition.corpus.sigla:
        tei = out / "data" / "tei" / f"{siglum}.xml"
        if not tei.is_file():
            tei.parent.mkdir(parents=True, exist_ok=True)
            tei.write_text(fake_tei(edition, siglum), encoding="utf-8")
    build_small(small, "html")
    for text in edition.corpus.texts:
        source = (out / "data" / "tei" / f"{text.siglum}.xml").read_bytes()
        assert (out / document_path(text.siglum)).read_bytes() == source
        for block in text.reading_text.paragraphs:
            document = ET.fromstring((out / document_path(text.siglum, block.anchor)).read_bytes())
            (passage,) = document.findall(f"{TEI}text/{TEI}body/{WRAPPER}/{TEI}p")
            assert passage.get(XML_ID) == block.anchor


# The model, on the real edition (no build).


@pytest.fixture(scope="module")
def real_edition() -> Edition:
    edition, problems = load_edition(ROOT / "sources", ROOT / "annotations")
    assert problems == []
    return edition


def fake_tei(edition: Edition, siglum: str) -> str:
    """A TEI document of a text with its paragraphs, as the TEI export writes them."""
    text = edition.corpus[siglum]
    paragraphs = "".join(
        f'<p xml:id="{block.anchor}">{escape(block.edition_text())}</p>\n'
        for block in text.reading_text.paragraphs
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="{TEI_NAMESPACE}" xml:lang="en">'
        f"<teiHeader><fileDesc><titleStmt><title>{siglum}</title></titleStmt></fileDesc>"
        f"</teiHeader>\n<text><body>\n{paragraphs}</body></text></TEI>\n"
    )


DTS_EDITION = DtsEdition(
    base="https://example.org/lima1997/",
    identifier="lima1997",
    title="An edition",
    description="What it is.",
    released="2026-11-21",
    language="en",
)


def test_the_model_publishes_every_paragraph_of_the_edition(real_edition: Edition) -> None:
    corpus = real_edition.corpus
    pages = {siglum: f"texts/{siglum}.html" for siglum in corpus.sigla}
    without_tei = dts_files(corpus, DTS_EDITION, pages, {})
    assert not [path for path in without_tei if "/document/" in path]
    assert missing_paragraphs(corpus, without_tei) == []
    tei = {siglum: fake_tei(real_edition, siglum) for siglum in corpus.sigla}
    files = dts_files(corpus, DTS_EDITION, pages, tei)
    assert set(without_tei) < set(files)
    assert all(path.startswith("api/dts/") for path in files)
    assert missing_paragraphs(corpus, files) == []
    entry = json.loads(files["api/dts/index.json"])
    root = json.loads(files[collection_path()])
    assert [member["@id"] for member in root["member"]] == list(corpus.sigla)
    for text in corpus.texts:
        siglum = text.siglum
        anchors = [block.anchor for block in text.reading_text.paragraphs]
        assert anchors
        member = next(m for m in root["member"] if m["@id"] == siglum)
        # the engine's paths are the templates' expansions
        for values, path in [
            ({"id": siglum}, collection_path(siglum)),
            ({"id": siglum, "nav": "parents"}, collection_path(siglum, "parents")),
        ]:
            assert expand(entry["collection"], values) == DTS_EDITION.base + path
            assert path in files
        navigation = json.loads(files[navigation_path(siglum, 1)])
        url = DTS_EDITION.base + navigation_path(siglum, 1)
        navigation_object(navigation, url, DTS_EDITION.base)
        assert [unit["identifier"] for unit in navigation["member"]] == anchors
        assert files[document_path(siglum)] == tei[siglum]
        text_header = ET.fromstring(tei[siglum]).find(f"{TEI}teiHeader")
        assert text_header is not None
        text_header.tail = None
        header = ET.tostring(text_header)
        for block in text.reading_text.paragraphs:
            anchor = block.anchor
            url = expand(member["navigation"], {"ref": anchor, "down": 0})
            assert url == DTS_EDITION.base + navigation_path(siglum, 0, anchor)
            assert expand(member["document"], {"ref": anchor}) == DTS_EDITION.base + (
                document_path(siglum, anchor)
            )
            document = ET.fromstring(files[document_path(siglum, anchor)])
            (passage,) = document.findall(f"{TEI}text/{TEI}body/{WRAPPER}/{TEI}p")
            assert passage.get(XML_ID) == anchor
            assert "".join(passage.itertext()) == block.edition_text()
            # each passage carries its own text's header (serialised once for all of them)
            passage_header = document.find(f"{TEI}teiHeader")
            assert passage_header is not None
            passage_header.tail = None
            assert ET.tostring(passage_header) == header


def test_a_paragraph_missing_from_the_tei_has_no_document(real_edition: Edition) -> None:
    corpus = real_edition.corpus
    text = corpus.texts[0]
    anchor = text.reading_text.paragraphs[0].anchor
    tei = fake_tei(real_edition, text.siglum).replace(f'xml:id="{anchor}"', 'xml:id="other"')
    assert paragraph_document(tei, anchor) is None
    pages = {siglum: f"texts/{siglum}.html" for siglum in corpus.sigla}
    files = dts_files(corpus, DTS_EDITION, pages, {text.siglum: tei})
    assert missing_paragraphs(corpus, files) == [f"{text.siglum}/{anchor}"]


def test_identifiers_are_path_segments_and_the_root_never_takes_a_siglum() -> None:
    assert collection_identifier("lima1997", ["fi", "ig"]) == "lima1997"
    assert collection_identifier("ab", ["ab", "ab-edition"]) == "ab-edition-edition"
    assert navigation_path("tx", -1, "tx-2") == "api/dts/navigation/tx;down=-1/tx-2.json"
    assert collection_path(None, "parents") == "api/dts/collection;nav=parents.json"
    for wrong in ("a/b", "..", "a b", "a%2F", ""):
        with pytest.raises(ValueError, match="DTS identifier"):
            document_path("tx", wrong)


def test_the_expander_follows_rfc_6570() -> None:
    """The client's expander, on the RFC's own examples of level 3."""
    values: dict[str, str | int] = {"var": "value", "x": 1024, "y": 768, "empty": ""}
    assert expand("{var}", values) == "value"
    assert expand("{/var,x}/here", values) == "/value/1024/here"
    assert expand("{;x,y,empty}", values) == ";x=1024;y=768;empty"
    assert expand("{?x,y,empty}", values) == "?x=1024&y=768&empty="
    assert expand("?fixed=yes{&x}", values) == "?fixed=yes&x=1024"
    assert expand("X{.var}", values) == "X.value"
    assert expand("{/undefined}{;undefined}", values) == ""
    assert expand("{var}", {"var": "a/b c"}) == "a%2Fb%20c"
