"""The edition as a static DTS 1.0 API (Distributed Text Services, https://dtsapi.org).

DTS 1.0 allows a *Level 0* server: every endpoint, every valid call but ranges (``start`` and
``end``), which static files can be. This module writes that server as files, from the model:
an entry point, the collection of the edition (its texts as ``Resource`` members, with Dublin
Core metadata from their records) and of each text, the navigation of each text (one citation
tree, its paragraphs as ``CitableUnit`` s of level 1), and the document of each text and of each
paragraph (TEI; a paragraph in the ``dts:wrapper`` element of the specification).

The URI templates (RFC 6570) put every parameter in the path, so that each call the edition can
answer is a file a static host serves, and each call it cannot answer is a missing file (a 404,
which the specification asks for unknown identifiers, trees and, at Level 0, ranges)::

    api/dts/index.json
    api/dts/collection{/id}{;nav}.json
    api/dts/navigation/{resource}{;tree}{;down}{/ref,start,end}.json
    api/dts/document/{resource}{;tree}{/ref,start,end}.xml

Identifiers are plain strings that need no escaping in a path: the edition's key (its root
collection), the sigla (its texts) and the paragraph anchors (their citable units).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from ecdosis.model.json_text import indented_json
from ecdosis.model.texts.corpus import Corpus, EditedText

CONTEXT = "https://dtsapi.org/context/v1.0.json"
DTS_VERSION = "1.0"
DTS_NAMESPACE = "https://w3id.org/api/dts#"
TEI_NAMESPACE = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
TEI_MEDIA_TYPE = "application/tei+xml"
CITE_TYPE = "paragraph"

FOLDER = "api/dts/"
ENTRY = FOLDER + "index.json"
COLLECTION = FOLDER + "collection{/id}{;nav}.json"
NAVIGATION = FOLDER + "navigation/{resource}{;tree}{;down}{/ref,start,end}.json"
DOCUMENT = FOLDER + "document/{resource}{;tree}{/ref,start,end}.xml"

# The navigation calls published: the whole tree (``down`` 1 or -1: the tree has one level, so
# both give every paragraph), and each paragraph alone (no ``down``), with its siblings (0) and
# with its subtree (1 and -1: the paragraph alone, as the specification says of a leaf).
TREE_DOWNS = (1, -1)
UNIT_DOWNS: tuple[int | None, ...] = (None, 0, 1, -1)
NAVS = ("children", "parents")

# What a path segment may hold unescaped (RFC 3986's unreserved characters, as RFC 6570's
# simple and path expansions leave them); every identifier published is made of these.
_UNRESERVED = re.compile(r"[A-Za-z0-9._~-]+\Z")

CITATION_TREE: dict[str, Any] = {
    "@type": "CitationTree",
    "citeStructure": [{"@type": "CiteStructure", "citeType": CITE_TYPE}],
}

ET.register_namespace("dts", DTS_NAMESPACE)


@dataclass(frozen=True)
class DtsEdition:
    """What the API says of the edition as a whole."""

    base: str  # the edition's address, ending in "/" ("/" alone: addresses from the host's root)
    identifier: str  # the root collection's ``@id``: see :func:`collection_identifier`
    title: str
    description: str  # a sentence that says what the edition is ("" if none)
    released: str  # ISO date of this version
    language: str  # the edition's own language (its summaries), a BCP 47 tag


def collection_identifier(key: str, sigla: Iterable[str]) -> str:
    """The root collection's identifier: the edition's key, unless a text has that siglum
    (collections and resources share the collection endpoint, so their ids must differ)."""
    taken = set(sigla)
    identifier = key
    while identifier in taken:
        identifier += "-edition"
    return identifier


def collection_path(identifier: str | None = None, nav: str | None = None) -> str:
    """The file of a call to the collection endpoint (no ``id``: the root collection)."""
    path = FOLDER + "collection"
    if identifier is not None:
        path += "/" + _segment(identifier)
    if nav is not None:
        path += f";nav={nav}"
    return path + ".json"


def navigation_path(resource: str, down: int | None = None, ref: str | None = None) -> str:
    path = f"{FOLDER}navigation/{_segment(resource)}"
    if down is not None:
        path += f";down={down}"
    if ref is not None:
        path += "/" + _segment(ref)
    return path + ".json"


def document_path(resource: str, ref: str | None = None) -> str:
    path = f"{FOLDER}document/{_segment(resource)}"
    if ref is not None:
        path += "/" + _segment(ref)
    return path + ".xml"


def _segment(value: str) -> str:
    if not _UNRESERVED.match(value) or value in (".", ".."):
        raise ValueError(f"{value!r} cannot be a DTS identifier of a static API")
    return value


def dts_files(
    corpus: Corpus,
    edition: DtsEdition,
    pages: Mapping[str, str],
    tei: Mapping[str, str],
    texts: Container[str] | None = None,
) -> dict[str, str]:
    """Every file of the API, by its path in the HTML output: ``pages`` gives each text's page
    (by siglum, relative to the edition's address), ``tei`` each text's TEI document, where it
    exists (a text without one has no documents; its collection and navigation are written).
    With ``texts``, the files of the edition and only those of these texts (by siglum)."""
    api = _Api(corpus, edition, pages)
    files: dict[str, str] = {ENTRY: _json(api.entry_point())}
    # the root collection is written under its own identifier too: made once for both
    root = {nav: _json(api.root_collection(nav)) for nav in (None, *NAVS)}
    for identifier in (None, edition.identifier):
        for nav, content in root.items():
            files[collection_path(identifier, nav)] = content
    for text in corpus.texts:
        siglum = text.siglum
        if texts is not None and siglum not in texts:
            continue
        files[collection_path(siglum)] = _json(api.text_collection(text, None))
        for nav in NAVS:
            files[collection_path(siglum, nav)] = _json(api.text_collection(text, nav))
        for down in TREE_DOWNS:
            files[navigation_path(siglum, down)] = _json(api.navigation(text, down, None))
        for block in text.reading_text.paragraphs:
            for down_ in UNIT_DOWNS:
                path = navigation_path(siglum, down_, block.anchor)
                files[path] = _json(api.navigation(text, down_, block.anchor))
        source = tei.get(siglum)
        if source is None:
            continue
        files[document_path(siglum)] = source
        documents = paragraph_documents(source)
        for block in text.reading_text.paragraphs:
            if block.anchor in documents:
                files[document_path(siglum, block.anchor)] = documents[block.anchor]
    return files


def resource_of(path: str) -> str | None:
    """The text (or collection) whose own file of the API ``path`` is, by the resource in it:
    ``api/dts/document/ig/ig-3.xml`` is a file of ``ig``; a file of the edition's endpoints
    (the entry point, the root collection) is no resource's."""
    if not path.startswith(FOLDER):
        return None
    _, _, rest = path[len(FOLDER) :].partition("/")
    if not rest:
        return None
    return re.split(r"[;/]", rest, maxsplit=1)[0].removesuffix(".json").removesuffix(".xml")


def missing_paragraphs(corpus: Corpus, files: Mapping[str, str]) -> list[str]:
    """The paragraphs of the texts with a document whose TEI lacks them (no document of the
    paragraph could be written), as ``siglum/anchor``."""
    return [
        f"{text.siglum}/{block.anchor}"
        for text in corpus.texts
        if document_path(text.siglum) in files
        for block in text.reading_text.paragraphs
        if document_path(text.siglum, block.anchor) not in files
    ]


def paragraph_document(tei: str, anchor: str) -> str | None:
    """The TEI document of one paragraph (see :func:`paragraph_documents`); ``None`` if the
    text's TEI has no such paragraph."""
    return paragraph_documents(tei).get(anchor)


def paragraph_documents(tei: str) -> dict[str, str]:
    """The TEI document of each paragraph of a text, by its anchor: the text's ``teiHeader``,
    and the paragraph (an element ``p`` with an ``xml:id`` in the ``text``) in
    ``dts:wrapper``, as the specification asks of a passage. Pointers of the paragraph to the
    rest of the text (its ``standOff``) resolve in the text's document. The text's TEI is
    parsed once for all its paragraphs."""
    root = ET.fromstring(tei)
    text = root.find(f"{{{TEI_NAMESPACE}}}text")
    if text is None:
        return {}
    header = root.find(f"{{{TEI_NAMESPACE}}}teiHeader")
    if header is not None:
        header.tail = "\n  "
    documents: dict[str, str] = {}
    made: dict[int, str] = {}  # the header, serialised for the first paragraph, for all
    for paragraph in text.iter(f"{{{TEI_NAMESPACE}}}p"):
        anchor = paragraph.get(XML_ID)
        if anchor is None or anchor in documents:
            continue
        # ElementTree's elements know no parent: the header and the paragraph stand in each
        # passage's tree as they are, without a copy.
        document = ET.Element(root.tag, dict(root.attrib))
        document.text = "\n  "
        if header is not None:
            document.append(header)
        passage_text = ET.SubElement(document, text.tag, dict(text.attrib))
        passage_text.text = "\n    "
        passage_text.tail = "\n"
        body = ET.SubElement(passage_text, f"{{{TEI_NAMESPACE}}}body")
        body.text = "\n      "
        body.tail = "\n  "
        wrapper = ET.SubElement(body, f"{{{DTS_NAMESPACE}}}wrapper")
        wrapper.text = "\n        "
        wrapper.tail = "\n    "
        tail, paragraph.tail = paragraph.tail, "\n      "
        wrapper.append(paragraph)
        serialised = _serialise(document, made, once=header)
        documents[anchor] = '<?xml version="1.0" encoding="UTF-8"?>\n' + serialised + "\n"
        paragraph.tail = tail
    return documents


_PREFIXES = {TEI_NAMESPACE: "", DTS_NAMESPACE: "dts", "http://www.w3.org/XML/1998/namespace": "xml"}


def _serialise(
    root: ET.Element, made: dict[int, str] | None = None, once: ET.Element | None = None
) -> str:
    """XML of an element tree with TEI as the default namespace and ``dts:`` for DTS's (the
    namespaces declared once, on the root); ElementTree's own would name them ``ns0``.

    ``once``, an element that stands in several trees, is serialised for the first of them and
    its XML kept in ``made`` for the others; the namespaces' prefixes in it must not depend on
    the tree (they do not when it comes before the elements that differ, as a header does)."""
    prefixes = dict(_PREFIXES)
    for element in root.iter():
        for name in (element.tag, *element.attrib):
            uri = _split(name)[0]
            if uri is not None and uri not in prefixes:
                prefixes[uri] = f"ns{len(prefixes) - len(_PREFIXES)}"
    used = {_split(name)[0] for e in root.iter() for name in (e.tag, *e.attrib)}
    declarations = "".join(
        f" xmlns{':' + prefix if prefix else ''}={quoteattr(uri)}"
        for uri, prefix in prefixes.items()
        if uri in used and prefix != "xml"
    )
    parts: list[str] = []

    def name_of(qualified: str, *, attribute: bool) -> str:
        uri, local = _split(qualified)
        if uri is None:
            if not attribute:
                raise ValueError(f"element {local!r} outside any namespace")
            return local
        prefix = prefixes[uri]
        if not prefix and attribute:  # an attribute in TEI's namespace needs a prefix
            raise ValueError(f"attribute {qualified!r} in the default namespace")
        return f"{prefix}:{local}" if prefix else local

    def write(element: ET.Element, extra: str) -> None:
        if element is once and made is not None:
            if id(element) not in made:
                start = len(parts)
                write_element(element, extra)
                made[id(element)] = "".join(parts[start:])
                del parts[start:]
            parts.append(made[id(element)])
            parts.append(escape(element.tail or ""))
            return
        write_element(element, extra)
        parts.append(escape(element.tail or ""))

    def write_element(element: ET.Element, extra: str) -> None:
        tag = name_of(element.tag, attribute=False)
        attributes = "".join(
            f" {name_of(key, attribute=True)}={quoteattr(value)}"
            for key, value in element.attrib.items()
        )
        parts.append(f"<{tag}{extra}{attributes}")
        if element.text or len(element):
            parts.append(">" + escape(element.text or ""))
            for child in element:
                write(child, "")
            parts.append(f"</{tag}>")
        else:
            parts.append(" />")

    write(root, declarations)
    return "".join(parts)


@cache  # few names, met again and again
def _split(name: str) -> tuple[str | None, str]:
    if name.startswith("{"):
        uri, _, local = name[1:].partition("}")
        return uri, local
    return None, name


def _json(data: Mapping[str, Any]) -> str:
    return indented_json(data, 2) + "\n"


class _Api:
    """The JSON-LD objects of the API, with absolute addresses from the edition's."""

    def __init__(self, corpus: Corpus, edition: DtsEdition, pages: Mapping[str, str]) -> None:
        self.corpus = corpus
        self.edition = edition
        self.pages = pages
        self.base = edition.base

    def entry_point(self) -> dict[str, Any]:
        return {
            "@context": CONTEXT,
            "@id": self.base + ENTRY,
            "@type": "EntryPoint",
            "dtsVersion": DTS_VERSION,
            "collection": self.base + COLLECTION,
            "navigation": self.base + NAVIGATION,
            "document": self.base + DOCUMENT,
        }

    def _root(self) -> dict[str, Any]:
        """The edition as a ``Collection`` (without members)."""
        edition = self.edition
        described: dict[str, Any] = {}
        if edition.description:
            described["description"] = edition.description
        dublin_core: dict[str, Any] = {
            "title": [{"lang": edition.language, "value": edition.title}],
        }
        if edition.description:
            dublin_core["description"] = [{"lang": edition.language, "value": edition.description}]
        dublin_core |= {
            "type": ["Collection"],
            "date": edition.released,
            "language": sorted({text.record.language for text in self.corpus.texts}),
        }
        return {
            "@id": edition.identifier,
            "@type": "Collection",
            "title": edition.title,
            **described,
            "totalParents": 0,
            "totalChildren": len(self.corpus.texts),
            "dublinCore": dublin_core,
            "collection": f"{self.base}{FOLDER}collection/{edition.identifier}{{;nav}}.json",
        }

    def root_collection(self, nav: str | None) -> dict[str, Any]:
        collection = {"@context": CONTEXT, "dtsVersion": DTS_VERSION, **self._root()}
        collection["collection"] = self.base + COLLECTION
        if nav == "parents":
            collection["member"] = []
        else:
            collection["member"] = [self.resource(text) for text in self.corpus.texts]
        return collection

    def resource(self, text: EditedText) -> dict[str, Any]:
        """A text as a ``Resource``, with its templates and its citation tree."""
        record = text.record
        siglum = _segment(text.siglum)
        dublin_core: dict[str, Any] = {
            "title": [{"lang": record.language, "value": record.title}],
            "creator": [name for name in (record.author, record.body) if name],
            "description": [{"lang": self.edition.language, "value": record.summary}],
            "date": record.date,
            "language": [record.language],
            "type": ["Text"],
            "bibliographicCitation": record.publication,
            "source": [record.url],
            "rights": record.rights,
        }
        api = self.base + FOLDER
        return {
            "@id": siglum,
            "@type": "Resource",
            "title": record.title,
            "description": record.summary,
            "totalParents": 1,
            "totalChildren": 0,
            "dublinCore": dublin_core,
            "collection": f"{api}collection/{siglum}{{;nav}}.json",
            "navigation": f"{api}navigation/{siglum}{{;tree}}{{;down}}{{/ref,start,end}}.json",
            "document": f"{api}document/{siglum}{{;tree}}{{/ref,start,end}}.xml",
            "mediaTypes": [TEI_MEDIA_TYPE],
            "citationTrees": [CITATION_TREE],
        }

    def text_collection(self, text: EditedText, nav: str | None) -> dict[str, Any]:
        found = {"@context": CONTEXT, "dtsVersion": DTS_VERSION, **self.resource(text)}
        if nav == "parents":
            found["member"] = [self._root()]
        return found

    def citable_unit(self, text: EditedText, anchor: str, number: int) -> dict[str, Any]:
        return {
            "identifier": anchor,
            "@type": "CitableUnit",
            "level": 1,
            "parent": None,
            "citeType": CITE_TYPE,
            "@id": f"{self.base}{self.pages[text.siglum]}#{anchor}",
            "dublinCore": {
                "title": [
                    {"lang": self.edition.language, "value": f"{text.siglum.upper()} ¶{number}"}
                ]
            },
        }

    def navigation(self, text: EditedText, down: int | None, ref: str | None) -> dict[str, Any]:
        """The answer to ``down`` (``None``: absent) from ``ref`` (``None``: the root)."""
        units = [
            self.citable_unit(text, block.anchor, block.number)
            for block in text.reading_text.paragraphs
        ]
        answer: dict[str, Any] = {
            "@context": CONTEXT,
            "dtsVersion": DTS_VERSION,
            "@type": "Navigation",
            "@id": self.base + navigation_path(text.siglum, down, ref),
            "resource": self.resource(text),
        }
        if ref is None:
            answer["member"] = units
            return answer
        unit = next(unit for unit in units if unit["identifier"] == ref)
        answer["ref"] = unit
        if down == 0:
            answer["member"] = units  # its siblings, itself among them
        elif down is not None:
            answer["member"] = [unit]  # a leaf: itself alone
        return answer
