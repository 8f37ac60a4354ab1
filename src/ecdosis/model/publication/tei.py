"""The TEI document of one text (TEI P5, valid against ``tei_all``), built from the model.

One source of truth: the document is made from the same parsed reading text, record, notes,
registry and mentions as every other format, not from a Sphinx doctree; the HTML build writes it
(:mod:`ecdosis.ext.publication.tei_files`), and the tests build it from the model alone.

The encoding, as each file's ``encodingDesc`` states it:

- the reading text's blocks: the title as ``<head type="main">``, a kicker or subtitle as
  ``<head type="kicker|subtitle">``, a byline or dateline as ``<byline>``/``<dateline>``
  (after the first paragraph, any of them as ``<ab type="…">``), each paragraph as ``<p>`` whose
  ``xml:id`` is its published anchor; a fenced residue block as ``<fw type="residue">`` holding a
  ``<surplus>`` (``fw`` may stand before the title, where no ``p`` or ``ab`` may);
- the interventions: ``{ocr}`` and ``{noise}`` as ``<choice><sic/><corr/></choice>`` (noise's
  ``corr`` is empty), ``{space}`` and ``{mojibake}`` as ``<choice><orig/><reg type="…"/>
  </choice>``, ``{residue}`` as ``<surplus>``, ``{supplied}`` as ``<supplied>``, ``{sic}`` as a
  ``<sic>`` alone; each carries its number in the apparatus as ``n``, and its reason follows it
  as ``<note type="intervention">``; a word split at a line end of the witness and rejoined has
  ``<lb break="no"/>`` at the split, a line break within a block is ``<lb/>``; words in another
  language are ``<foreign xml:lang>``;
- a mention of an entity is ``<persName>``, ``<orgName>``, ``<placeName>`` or ``<name
  type="event">`` with ``ref`` to its entry in the ``standOff`` (and its Wikidata item). It wraps
  an intervention it covers whole; one that lies inside an intervention's reading stands inside
  its ``corr``/``reg``/``supplied``; one that crosses an intervention's edge is split into parts
  joined by ``next``/``prev``;
- each editorial note is a ``<note>`` placed where its quote ends (after the intervention its
  quote ends in), with ``type`` (its kind), ``resp`` (its author, a ``respStmt`` of the header),
  ``source`` (its works, in the ``listBibl`` of the ``standOff``), ``target`` (the paragraph),
  ``ana`` (its assessment, a category of the header); inside, the quote as ``<quote>``, the
  body, and its dates as ``<date type="written|verified">``;
- the ``standOff``: the entities the text names (``listPerson``, ``listOrg``, ``listPlace``,
  ``listEvent``), the works its notes cite (``listBibl``), and the editorial cross-references of
  the paragraphs (to the synopsis and the timeline) as ``<linkGrp>`` of ``<link>``.

The witness can be rebuilt from the document alone (:data:`WITNESS_RULE`).
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ecdosis.model.annotations.anchoring import Span
from ecdosis.model.annotations.mentions import Mention
from ecdosis.model.annotations.note_body import BodyBlock, Inline, NoteBody
from ecdosis.model.annotations.notes import ASSESSMENTS, KIND_LABELS, Note
from ecdosis.model.edition import Edition
from ecdosis.model.fragments import fragment, source_fragment
from ecdosis.model.publication.edition_metadata import EditionMetadata
from ecdosis.model.registries.entities import Entity
from ecdosis.model.texts.corpus import EditedText
from ecdosis.model.texts.languages import POLYGLOSSIA_NAMES
from ecdosis.model.texts.reading_text import (
    INTERVENTION_KINDS,
    Block,
    Foreign,
    Intervention,
    LineBreak,
    Segment,
    Text,
    edition_string,
    witness_string,
)

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
SCHEMA = "https://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng"

#: How the witness is rebuilt from a TEI file (stated in each file's ``encodingDesc``).
WITNESS_RULE = (
    "The witness can be rebuilt from this file alone: take the text content of the text "
    "element in document order, keeping sic, orig and surplus and dropping corr, reg, "
    "supplied and note (and everything under teiHeader and standOff); once all whitespace is "
    "removed from both, the result equals the witness file (witness.txt) character for "
    "character."
)

#: The element of a mention, by the entity's type.
NAME_ELEMENTS: dict[str, tuple[str, str]] = {
    "person": ("persName", ""),
    "organisation": ("orgName", ""),
    "place": ("placeName", ""),
    "event": ("name", "event"),
}
_LISTS: dict[str, tuple[str, str, str]] = {
    # entity type: (list, entry, name element of the entry)
    "person": ("listPerson", "person", "persName"),
    "organisation": ("listOrg", "org", "orgName"),
    "place": ("listPlace", "place", "placeName"),
    "event": ("listEvent", "event", "label"),
}
_HEAD_ELEMENTS = {"kicker": "head", "subtitle": "head", "byline": "byline", "dateline": "dateline"}
# Elements whose content is structure only: they are indented, mixed content never is.
_STRUCTURAL = frozenset(
    {
        "TEI",
        "teiHeader",
        "fileDesc",
        "titleStmt",
        "editionStmt",
        "publicationStmt",
        "availability",
        "sourceDesc",
        "listWit",
        "witness",
        "encodingDesc",
        "editorialDecl",
        "classDecl",
        "taxonomy",
        "category",
        "profileDesc",
        "langUsage",
        "text",
        "body",
        "div",
        "standOff",
        "listPerson",
        "person",
        "listOrg",
        "org",
        "listPlace",
        "place",
        "listEvent",
        "event",
        "listBibl",
        "bibl",
        "linkGrp",
        "respStmt",
        "projectDesc",
        "abstract",
        "creation",
    }
)

#: The address of a part of the edition (``kind`` is a fragment kind, or ``"source"`` for a work
#: of the bibliography), ``""`` where it has none.
Addresses = Callable[[str, str], str]


def no_addresses(kind: str, part_id: str) -> str:
    return ""


@dataclass(frozen=True)
class Licence:
    """The edition's licence, from ``CITATION.cff`` (``license``, ``license-url``)."""

    name: str
    url: str = ""


@dataclass(frozen=True)
class Publication:
    """What a TEI file says of the edition it belongs to."""

    metadata: EditionMetadata
    editors: tuple[str, ...]
    licence: Licence | None = None
    text_address: Callable[[str], str] = field(default=lambda siglum: "")
    addresses: Addresses = no_addresses


def read_citation_extras(path: Path) -> tuple[tuple[str, ...], Licence | None]:
    """The editors one by one and the licence, from ``CITATION.cff`` (read by
    :func:`~ecdosis.model.publication.edition_metadata.read_edition_metadata` first, which
    reports a file it cannot read)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return (), None
    if not isinstance(data, dict):
        return (), None
    authors = data.get("authors") or []
    editors = tuple(
        str(author["name"]) for author in authors if isinstance(author, dict) and author.get("name")
    )
    licence = data.get("license")
    if isinstance(licence, list):
        licence = " OR ".join(str(item) for item in licence)
    if not licence:
        return editors, None
    url = str(data.get("license-url") or "")
    if not url and re.fullmatch(r"[A-Za-z0-9.+-]+", str(licence)):
        url = f"https://spdx.org/licenses/{licence}.html"
    return editors, Licence(str(licence), url)


def tei_document(edition: Edition, siglum: str, publication: Publication) -> str:
    """The TEI file of the text ``siglum``, as a string (UTF-8 XML with its declaration)."""
    return _Writer(edition, edition.corpus[siglum], publication).document()


def _element(parent: ET.Element | None, tag: str, text: str = "", **attributes: str) -> ET.Element:
    attrib = {_attribute(key): value for key, value in attributes.items() if value}
    element = ET.Element(tag, attrib) if parent is None else ET.SubElement(parent, tag, attrib)
    if text:
        element.text = text
    return element


def _attribute(key: str) -> str:
    if key == "xml_id":
        return XML_ID
    if key == "xml_lang":
        return XML_LANG
    return key.rstrip("_")


def _append_text(parent: ET.Element, text: str) -> None:
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _indent(element: ET.Element, level: int = 0) -> None:
    if element.tag not in _STRUCTURAL or not len(element):
        return
    if (element.text or "").strip() or any((child.tail or "").strip() for child in element):
        return  # mixed content
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in element:
        child.tail = inner
        _indent(child, level + 1)
    element[-1].tail = "\n" + "  " * level


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _language_name(tag: str) -> str:
    name = POLYGLOSSIA_NAMES.get(tag.split("-")[0], tag)
    return name[:1].upper() + name[1:]


# -- where things stand in a block ---------------------------------------------------------


def _raw_offsets(raw: str) -> list[int]:
    """For each character of ``" ".join(raw.split())``, its index in ``raw``."""
    offsets: list[int] = []
    pending: int | None = None
    for index, char in enumerate(raw):
        if char.isspace():
            if pending is None and offsets:
                pending = index
        else:
            if pending is not None:
                offsets.append(pending)
                pending = None
            offsets.append(index)
    return offsets


def _raw_span(offsets: list[int], span: Span) -> tuple[int, int]:
    """A span of the normalised text as a span of the raw text."""
    return offsets[span.start], offsets[span.end - 1] + 1


@dataclass
class _Atom:
    """A piece of a block: plain words (``segment`` is Text or Foreign, cut to ``text``), a
    line break, or an intervention; with its place in the block's reading text (``es``, ``ee``)
    and in its witness side (``ws``, ``we``)."""

    segment: Segment
    text: str
    es: int
    ee: int
    ws: int
    we: int
    inner_names: list[tuple[int, int, int]] = field(default_factory=list)  # lemma offsets
    inner_breaks: list[int] = field(default_factory=list)  # witness offsets
    member: int | None = None  # the mention it belongs to, at the level of the block


@dataclass
class _NamePart:
    mention: int
    element: ET.Element


class _Writer:
    def __init__(self, edition: Edition, text: EditedText, publication: Publication) -> None:
        self.edition = edition
        self.text = text
        self.publication = publication
        self.address = publication.addresses
        self.entities = {entity.id: entity for entity in edition.annotations.entities}
        self.notes = edition.notes_on(text.siglum)
        self.sources = edition.annotations.bibliography.sources
        self.cited: dict[str, None] = {}
        self.named: dict[str, None] = {}
        self.responsible: dict[str, str] = {}  # note author: respStmt id
        for note in self.notes:
            self.responsible.setdefault(note.author, f"resp-{_slug(note.author)}")
        self.breaks = self._rejoin_breaks()

    # -- the document ---------------------------------------------------------------------

    def document(self) -> str:
        root = _element(None, "TEI", xmlns=TEI_NS, xml_lang="en")
        text = _element(None, "text", xml_lang=self.text.record.language)
        self._text(text)
        root.append(self._header())
        root.append(text)
        root.append(self._stand_off())
        _indent(root)
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<?xml-model href="{SCHEMA}" type="application/xml" '
            'schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
            + ET.tostring(root, encoding="unicode")
            + "\n"
        )

    # -- the header -----------------------------------------------------------------------

    def _header(self) -> ET.Element:
        record = self.text.record
        metadata = self.publication.metadata
        header = _element(None, "teiHeader")
        file_desc = _element(header, "fileDesc")
        title_stmt = _element(file_desc, "titleStmt")
        _element(title_stmt, "title", record.title, type="main")
        _element(title_stmt, "title", f"{metadata.title}: a critical edition", type="sub")
        self._authors(title_stmt, record.author, record.body)
        for editor in self.publication.editors or (metadata.editors,):
            _element(title_stmt, "editor", editor)
        for author, resp_id in self.responsible.items():
            resp = _element(title_stmt, "respStmt", xml_id=resp_id)
            _element(resp, "resp", "author of editorial notes")
            _element(resp, "name", author)
        edition_stmt = _element(file_desc, "editionStmt")
        edition = _element(edition_stmt, "edition", n=metadata.version)
        _append_text(edition, f"Version {metadata.version} of ")
        _element(edition, "title", metadata.title)
        _append_text(edition, ", released ")
        _element(edition, "date", metadata.released, when=metadata.released)
        publication_stmt = _element(file_desc, "publicationStmt")
        _element(publication_stmt, "authority", " and ".join(self.publication.editors or ()))
        if not publication_stmt[0].text:
            publication_stmt[0].text = metadata.editors
        _element(publication_stmt, "date", metadata.released, when=metadata.released)
        _element(publication_stmt, "idno", metadata.version, type="version")
        page = self.publication.text_address(record.siglum)
        if page:
            _element(publication_stmt, "idno", page, type="URI")
        availability = _element(publication_stmt, "availability")
        licence = self.publication.licence
        if licence is not None:
            _element(availability, "licence", licence.name, target=licence.url)
        else:
            _element(availability, "p", "The edition's CITATION.cff declares no licence.")
        _element(availability, "p", f"Rights of the original: {record.rights}")
        source_desc = _element(file_desc, "sourceDesc")
        bibl = _element(source_desc, "bibl")
        _element(bibl, "title", record.title, level="a")
        self._authors(bibl, record.author, record.body)
        if record.periodical:
            _element(bibl, "title", record.periodical, level="j")
        _element(bibl, "date", record.date, when=record.date)
        _element(bibl, "note", record.publication, type="publication")
        _element(bibl, "ptr", target=record.url)
        list_wit = _element(source_desc, "listWit")
        witness = _element(list_wit, "witness", xml_id=f"wit-{record.siglum}")
        _append_text(witness, f"{record.witness.description} Found as a copy of ")
        _element(witness, "ref", record.url, target=record.url)
        _append_text(witness, "; kept byte for byte as witness.txt, whose sha256 is ")
        _element(witness, "idno", record.witness.sha256, type="sha256")
        _append_text(witness, ".")
        header.append(self._encoding())
        header.append(self._profile())
        return header

    def _authors(self, parent: ET.Element, author: str, body: str) -> None:
        if author:
            _element(_element(parent, "author"), "persName", author)
        if body:
            _element(_element(parent, "author"), "orgName", body)

    def _encoding(self) -> ET.Element:
        encoding = _element(None, "encodingDesc")
        project = _element(encoding, "projectDesc")
        _element(
            project, "p", self.publication.metadata.abstract or self.publication.metadata.title
        )
        decl = _element(encoding, "editorialDecl")
        _element(
            decl,
            "p",
            "The reading text is edited from one witness, kept byte for byte; every difference "
            "from it is recorded. Interventions: OCR errors and OCR noise as choice of sic and "
            "corr (noise's corr is empty); regularised spacing and repaired mis-encoded "
            "characters as choice of orig and reg (reg's type names which); removed "
            "non-textual residue as surplus (a residue block as fw holding a surplus); "
            "editorial supplements as supplied; errors of the original kept as sic alone. Each "
            "intervention's n is its number in the apparatus; its reason follows it as a note "
            "of type intervention.",
        )
        correction = _element(decl, "correction", status="high", method="markup")
        _element(
            correction,
            "p",
            "Corrections are marked; errors of the original that the edition keeps are sic.",
        )
        normalization = _element(decl, "normalization", method="markup")
        _element(normalization, "p", "Spacing and mis-encoded characters are regularised, marked.")
        hyphenation = _element(decl, "hyphenation", eol="none")
        _element(
            hyphenation,
            "p",
            "Words split at a line end of the witness are rejoined; the split is marked by an "
            "lb element with break=no.",
        )
        _element(
            decl,
            "p",
            "Mentions of entities are found by the aliases of the edition's registry, not "
            "marked up in the reading text; each name's ref points to its entry in the standOff "
            "and to its Wikidata item where one is known. A name covering an intervention "
            "wraps it; a name inside the reading of an intervention stands inside its corr, reg "
            "or supplied; a name crossing the edge of an intervention is split into parts "
            "joined by next and prev. Editorial notes stand where their quote ends.",
        )
        _element(decl, "p", WITNESS_RULE, xml_id="witness-rebuild")
        _element(encoding, "variantEncoding", method="parallel-segmentation", location="internal")
        classes = _element(encoding, "classDecl")
        taxonomy = _element(classes, "taxonomy", xml_id="assessments")
        _element(taxonomy, "desc", "How the record stands to the claim a note is about")
        for name, label in ASSESSMENTS.items():
            category = _element(taxonomy, "category", xml_id=f"assessment-{name}")
            _element(category, "catDesc", label)
        kinds = _element(classes, "taxonomy", xml_id="note-kinds")
        _element(kinds, "desc", "The kinds of editorial note (a note's type)")
        for kind, label in KIND_LABELS.items():
            category = _element(kinds, "category", xml_id=f"kind-{kind}")
            _element(category, "catDesc", label)
        interventions = _element(classes, "taxonomy", xml_id="intervention-kinds")
        _element(interventions, "desc", "The kinds of intervention of the apparatus")
        for role, label in INTERVENTION_KINDS.items():
            category = _element(interventions, "category", xml_id=f"intervention-{role}")
            _element(category, "catDesc", label)
        return encoding

    def _profile(self) -> ET.Element:
        record = self.text.record
        profile = _element(None, "profileDesc")
        creation = _element(profile, "creation")
        _element(creation, "date", record.date, when=record.date)
        usage = _element(profile, "langUsage")
        languages = [record.language]
        for block in self.text.reading_text.blocks:
            for segment in block.segments:
                if isinstance(segment, Foreign) and segment.language not in languages:
                    languages.append(segment.language)
        for note in self.notes:
            for language in sorted(note.body.languages):
                if language not in languages:
                    languages.append(language)
        for language in languages:
            _element(usage, "language", _language_name(language), ident=language)
        abstract = _element(profile, "abstract")
        _element(abstract, "p", record.summary)
        return profile

    # -- the text -------------------------------------------------------------------------

    def _text(self, text: ET.Element) -> None:
        body = _element(text, "body")
        div = _element(body, "div", type="text", n=self.text.siglum)
        after_paragraph = False
        for index, block in enumerate(self.text.reading_text.blocks):
            if block.kind == "residue":
                intervention = block.segments[0]
                assert isinstance(intervention, Intervention)
                fw = _element(div, "fw", type="residue")
                atom = _Atom(intervention, "", 0, 0, 0, len(intervention.witness))
                atom.inner_breaks = [q for q in self.breaks.get(index, ()) if q > 0]
                self._intervention(fw, atom, [], block)
                continue
            if block.kind == "title":
                element = _element(div, "head", type="main")
            elif block.kind == "head":
                name = next((c for c in block.classes if c in _HEAD_ELEMENTS), "kicker")
                if after_paragraph:
                    element = _element(div, "ab", type=name)
                else:
                    tag = _HEAD_ELEMENTS[name]
                    element = _element(div, tag, type=name if tag == "head" else "")
            else:
                after_paragraph = True
                element = _element(
                    div,
                    "p",
                    xml_id=block.anchor,
                    n=str(block.number),
                    rend=" ".join(block.classes),
                )
            self._content(element, block, index)

    def _rejoin_breaks(self) -> dict[int, list[int]]:
        """Where each rejoined line-end split lies: block index -> offsets in its witness side."""
        blocks = self.text.reading_text.blocks
        sides = [block.witness_text() for block in blocks]
        breaks: dict[int, list[int]] = {}
        position = (0, 0)
        for rejoin in self.text.rejoins:
            joined = "".join(rejoin.parts)
            for index in range(position[0], len(blocks)):
                block = blocks[index]
                if rejoin.anchor and block.anchor != rejoin.anchor:
                    continue
                if not rejoin.anchor and block.kind == "paragraph":
                    continue
                start = sides[index].find(joined, position[1] if index == position[0] else 0)
                if start < 0:
                    continue
                offset = start
                for part in rejoin.parts[:-1]:
                    offset += len(part)
                    breaks.setdefault(index, []).append(offset)
                position = (index, start + len(joined))
                break
        return breaks

    def _content(self, element: ET.Element, block: Block, index: int) -> None:
        raw = block.edition_text()
        mentions: list[tuple[int, int, Mention]] = []
        notes: list[tuple[int, Note]] = []
        if block.kind == "paragraph":
            offsets = _raw_offsets(raw)
            found, _ = self.edition.mentions.in_paragraph(block.anchor)
            for mention in found:
                if mention.key in self.entities:
                    start, end = _raw_span(offsets, mention.span)
                    mentions.append((start, end, mention))
            for note in self.notes:
                if note.target == block.anchor:
                    notes.append((_raw_span(offsets, note.span)[1], note))
        atoms = self._atoms(block, self.breaks.get(index, []), mentions, notes)
        parts: list[_NamePart] = []
        numbers = self.edition.note_number
        pending = sorted(notes, key=lambda item: (item[0], numbers(item[1])))
        breaks = sorted(self.breaks.get(index, []))
        state: list[tuple[int, ET.Element] | None] = [None]

        def at(position: int) -> ET.Element:
            """Where to write at ``position``: inside the name that holds it, if any."""
            member = next(
                (i for i, (start, end, _) in enumerate(mentions) if start < position < end), None
            )
            return self._switch(element, member, mentions, parts, state)

        for atom in atoms:
            while pending and pending[0][0] <= atom.es:
                self._note(at(atom.es), pending.pop(0)[1])
            while breaks and breaks[0] <= atom.ws:
                breaks.pop(0)
                _element(at(atom.es), "lb", break_="no")
            while breaks and breaks[0] < atom.we:
                breaks.pop(0)  # inside an intervention: written there (its inner_breaks)
            target = self._switch(element, atom.member, mentions, parts, state)
            self._atom(target, atom, mentions, parts, block)
        for _, note in pending:
            self._note(at(len(raw)), note)
        for _ in breaks:
            _element(at(len(raw)), "lb", break_="no")
        self._link_parts(parts, block)

    def _switch(
        self,
        element: ET.Element,
        member: int | None,
        mentions: list[tuple[int, int, Mention]],
        parts: list[_NamePart],
        open_name: list[tuple[int, ET.Element] | None],
    ) -> ET.Element:
        current = open_name[0]
        if member is None:
            open_name[0] = None
            return element
        if current is not None and current[0] == member:
            return current[1]
        name = self._name(element, mentions[member][2])
        parts.append(_NamePart(member, name))
        open_name[0] = (member, name)
        return name

    def _atoms(
        self,
        block: Block,
        breaks: list[int],
        mentions: list[tuple[int, int, Mention]],
        notes: list[tuple[int, Note]],
    ) -> list[_Atom]:
        atoms: list[_Atom] = []
        es = ws = 0
        for segment in block.segments:
            lemma, witness = edition_string(segment), witness_string(segment)
            atoms.append(_Atom(segment, lemma, es, es + len(lemma), ws, ws + len(witness)))
            es += len(lemma)
            ws += len(witness)
        cuts = {start for start, _, _ in mentions} | {end for _, end, _ in mentions}
        cuts |= {position for position, _ in notes}
        for atom in atoms:
            if isinstance(atom.segment, Text | Foreign):
                cuts |= {atom.es + q - atom.ws for q in breaks if atom.ws < q < atom.we}
        split: list[_Atom] = []
        for atom in atoms:
            if not isinstance(atom.segment, Text | Foreign):
                split.append(atom)
                continue
            inside = sorted(c for c in cuts if atom.es < c < atom.ee)
            bounds = [atom.es, *inside, atom.ee]
            for start, end in itertools.pairwise(bounds):
                shift = start - atom.es
                split.append(
                    _Atom(
                        atom.segment,
                        atom.text[shift : end - atom.es],
                        start,
                        end,
                        atom.ws + shift,
                        atom.ws + end - atom.es,
                    )
                )
        for atom in split:
            for number, (start, end, _) in enumerate(mentions):
                if atom.es == atom.ee:
                    if start < atom.es < end:
                        atom.member = number
                elif start <= atom.es and atom.ee <= end:
                    atom.member = number
                elif isinstance(atom.segment, Intervention) and start < atom.ee and end > atom.es:
                    atom.inner_names.append(
                        (max(start, atom.es) - atom.es, min(end, atom.ee) - atom.es, number)
                    )
            if isinstance(atom.segment, Intervention):
                atom.inner_breaks = [q - atom.ws for q in breaks if atom.ws < q < atom.we]
        return split

    def _atom(
        self,
        parent: ET.Element,
        atom: _Atom,
        mentions: list[tuple[int, int, Mention]],
        parts: list[_NamePart],
        block: Block,
    ) -> None:
        segment = atom.segment
        if isinstance(segment, Text):
            _append_text(parent, atom.text)
        elif isinstance(segment, Foreign):
            _element(parent, "foreign", atom.text, xml_lang=segment.language)
        elif isinstance(segment, LineBreak):
            _element(parent, "lb")
            _append_text(parent, "\n")
        else:
            inner = [(start, end, number) for start, end, number in atom.inner_names]
            self._intervention(parent, atom, inner, block, mentions, parts)

    def _intervention(
        self,
        parent: ET.Element,
        atom: _Atom,
        inner: list[tuple[int, int, int]],
        block: Block,
        mentions: Sequence[tuple[int, int, Mention]] = (),
        parts: list[_NamePart] | None = None,
    ) -> None:
        segment = atom.segment
        assert isinstance(segment, Intervention)
        number = str(segment.number)

        def witness_side(element: ET.Element) -> None:
            self._with_breaks(element, segment.witness, atom.inner_breaks)

        def reading_side(element: ET.Element) -> None:
            position = 0
            for start, end, mention in sorted(inner):
                _append_text(element, segment.lemma[position:start])
                name = self._name(element, mentions[mention][2], segment.lemma[start:end])
                if parts is not None:
                    parts.append(_NamePart(mention, name))
                position = end
            _append_text(element, segment.lemma[position:])

        kind = segment.kind
        if kind in ("ocr", "noise"):
            choice = _element(parent, "choice", n=number)
            witness_side(_element(choice, "sic"))
            reading_side(_element(choice, "corr", type=kind))
        elif kind in ("space", "mojibake"):
            choice = _element(parent, "choice", n=number)
            witness_side(_element(choice, "orig"))
            reading_side(_element(choice, "reg", type=kind))
        elif kind == "residue":
            witness_side(_element(parent, "surplus", n=number))
        elif kind == "supplied":
            reading_side(_element(parent, "supplied", n=number))
        else:  # sic: the witness's reading, kept
            witness_side(_element(parent, "sic", n=number))
        if segment.description:
            _element(parent, "note", segment.description, type="intervention", n=number)

    def _with_breaks(self, element: ET.Element, text: str, breaks: list[int]) -> None:
        position = 0
        for offset in sorted(breaks):
            _append_text(element, text[position:offset])
            _element(element, "lb", break_="no")
            position = offset
        _append_text(element, text[position:])

    def _name(self, parent: ET.Element, mention: Mention, text: str = "") -> ET.Element:
        entity = self.entities[mention.key]
        self.named[entity.id] = None
        tag, kind = NAME_ELEMENTS.get(entity.type, ("name", entity.type))
        refs = [f"#{entity.anchor}"]
        if entity.wikidata_url:
            refs.append(entity.wikidata_url)
        return _element(parent, tag, text, type=kind, ref=" ".join(refs))

    def _link_parts(self, parts: list[_NamePart], block: Block) -> None:
        by_mention: dict[int, list[ET.Element]] = {}
        for part in parts:
            by_mention.setdefault(part.mention, []).append(part.element)
        for mention, elements in by_mention.items():
            if len(elements) < 2:
                continue
            ids = [f"{block.anchor}-name-{mention + 1}-{k}" for k in range(1, len(elements) + 1)]
            for k, element in enumerate(elements):
                element.set(XML_ID, ids[k])
                if k:
                    element.set("prev", f"#{ids[k - 1]}")
                if k + 1 < len(elements):
                    element.set("next", f"#{ids[k + 1]}")

    # -- notes ----------------------------------------------------------------------------

    def _note(self, parent: ET.Element, note: Note) -> None:
        for key in note.sources:
            self.cited[key] = None
        element = _element(
            parent,
            "note",
            xml_id=note.anchor,
            type=note.kind,
            n=str(self.edition.note_number(note)),
            target=f"#{note.target}",
            resp=f"#{self.responsible[note.author]}",
            source=" ".join(f"#{source_fragment(key)}" for key in note.sources),
            ana=f"#assessment-{note.assessment}" if note.assessment else "",
        )
        _element(element, "quote", note.quote)
        self._body(element, note.body)
        if note.sources:
            sources = _element(element, "listBibl")
            for key in note.sources:
                bibl = _element(sources, "bibl")
                _element(bibl, "ref", self._source_label(key), target=f"#{source_fragment(key)}")
        _element(element, "date", note.date, type="written", when=note.date)
        if note.verified:
            _element(element, "date", note.verified, type="verified", when=note.verified)

    def _source_label(self, key: str) -> str:
        source = self.sources.get(key)
        return source.label if source is not None else key

    def _body(self, parent: ET.Element, body: NoteBody) -> None:
        for block in body.blocks:
            self._body_block(parent, block)

    def _body_block(self, parent: ET.Element, block: BodyBlock) -> None:
        if block.kind == "paragraph":
            self._inlines(_element(parent, "p"), block.inlines)
        elif block.kind in ("bullet_list", "ordered_list"):
            rend = "bulleted" if block.kind == "bullet_list" else "numbered"
            listing = _element(parent, "list", rend=rend)
            for child in block.children:
                self._body_block(listing, child)
        elif block.kind == "list_item":
            entry = _element(parent, "item")
            for child in block.children:
                self._body_block(entry, child)
            self._inlines(entry, block.inlines)
        elif block.kind == "quote":
            quote = _element(parent, "quote")
            for child in block.children:
                self._body_block(quote, child)

    def _inlines(self, parent: ET.Element, inlines: Iterable[Inline]) -> None:
        for inline in inlines:
            kind = inline.kind
            if kind == "text":
                _append_text(parent, inline.text)
            elif kind in ("emphasis", "strong"):
                hi = _element(parent, "hi", rend="italic" if kind == "emphasis" else "bold")
                self._inlines(hi, inline.children)
            elif kind == "code":
                _element(parent, "code", inline.text)
            elif kind == "break":
                _element(parent, "lb")
            elif kind == "link":
                ref = _element(parent, "ref", target=inline.target)
                self._inlines(ref, inline.children)
            elif kind == "cite":
                self.cited[inline.target] = None
                bibl = _element(parent, "bibl")
                _element(
                    bibl,
                    "ref",
                    self._source_label(inline.target),
                    target=f"#{source_fragment(inline.target)}",
                )
            elif kind == "foreign":
                _element(parent, "foreign", inline.text, xml_lang=inline.target)
            elif kind == "reference":
                self._reference(parent, inline)
            else:
                self._inlines(parent, inline.children)

    def _reference(self, parent: ET.Element, inline: Inline) -> None:
        role, target = inline.role, inline.target
        shown = inline.text or self._title(role, target)
        local = {
            "paragraph": {b.anchor for b in self.text.reading_text.paragraphs},
            "note": {n.id for n in self.notes},
        }
        if role in local and target in local[role]:
            address = f"#{fragment(role, target)}"  # type: ignore[arg-type]
        elif role == "entity" and target in self.entities:
            self.named[target] = None
            address = f"#{fragment('entity', target)}"
        else:
            address = self.address(role, target)
        if address:
            _element(parent, "ref", shown, target=address, type=role)
        else:
            _append_text(parent, shown)

    def _title(self, role: str, target: str) -> str:
        """What a reference shows without text of its own: the entry's name, "note 3"."""
        if role == "paragraph":
            return f"¶{target.rsplit('-', 1)[-1]}"
        shown = self.edition.shown_by_reference.get((role, target))
        if shown is None:
            return target
        if role == "note":
            return f"note {shown[1]}"  # type: ignore[index]  # (siglum, number)
        if role in ("entity", "figure"):
            return str(shown[0])  # type: ignore[index]  # (name, type), (value, label)
        if role == "event":
            return str(shown[1])  # type: ignore[index]  # (when, title)
        return str(shown)  # a topic's title, a term

    # -- the standOff ---------------------------------------------------------------------

    def _stand_off(self) -> ET.Element:
        stand_off = _element(None, "standOff")
        entities = [self.entities[key] for key in self.named]
        for kind, (list_tag, entry_tag, name_tag) in _LISTS.items():
            chosen = sorted((e for e in entities if e.type == kind), key=lambda e: e.sort)
            if chosen:
                listing = _element(stand_off, list_tag)
                for entity in chosen:
                    self._entity(listing, entity, entry_tag, name_tag)
        if self.cited:
            bibliography = _element(stand_off, "listBibl")
            for key in sorted(self.cited):
                bibl = _element(bibliography, "bibl", xml_id=source_fragment(key))
                _element(bibl, "title", self._source_label(key), type="short")
                address = self.address("source", key)
                if address:
                    _element(bibl, "ptr", target=address)
        self._cross_references(stand_off)
        return stand_off

    def _entity(self, parent: ET.Element, entity: Entity, tag: str, name_tag: str) -> None:
        entry = _element(parent, tag, xml_id=entity.anchor)
        if tag == "event":
            if entity.wikidata:
                _element(entry, "idno", entity.wikidata, type="wikidata")
            _element(entry, "label", entity.name)
            _element(entry, "desc", entity.description)
        else:
            _element(entry, name_tag, entity.name)
            if entity.wikidata:
                _element(entry, "idno", entity.wikidata, type="wikidata")
            _element(entry, "note", entity.description)
        address = self.address("entity", entity.id)
        if address:
            _element(entry, "ptr", target=address, type="registry")
        if entity.wikidata_url:
            _element(entry, "ptr", target=entity.wikidata_url, type="wikidata")

    def _cross_references(self, stand_off: ET.Element) -> None:
        groups: list[tuple[str, str, list[tuple[str, str]]]] = [
            ("synopsis", "topic", []),
            ("timeline", "event", []),
        ]
        for block in self.text.reading_text.paragraphs:
            for topic in self.edition.topics_on(block.anchor):
                groups[0][2].append((block.anchor, topic.id))
            for event in self.edition.events_on(block.anchor):
                groups[1][2].append((block.anchor, event.id))
        for group, kind, links in groups:
            found = [(anchor, self.address(kind, part)) for anchor, part in links]
            found = [(anchor, address) for anchor, address in found if address]
            if not found:
                continue
            link_group = _element(stand_off, "linkGrp", type=group)
            for anchor, address in found:
                _element(link_group, "link", target=f"#{anchor} {address}")
