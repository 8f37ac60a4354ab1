"""The TEI file of each text: valid TEI P5 (``tei_all``), and the witness rebuilt from it alone.

The documents are made from the model; the real edition's texts are checked through the model
(fast), the small root through an HTML build for the wiring.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pytest

from ecdosis.model.edition import Edition, load_edition
from ecdosis.model.publication.edition_metadata import read_edition_metadata
from ecdosis.model.publication.tei import Publication, read_citation_extras, tei_document
from ecdosis.model.texts.reading_text import Intervention
from tests.conftest import ROOT, SMALL, build_small

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
SCHEMA = Path(__file__).parent / "schemas" / "tei_all.rng"
JING = shutil.which("jing")
needs_jing = pytest.mark.skipif(JING is None, reason="needs jing, the RelaxNG validator")
NAMES = {f"{TEI}{tag}" for tag in ("persName", "orgName", "placeName", "name")}


def _publication(root: Path) -> Publication:
    citation = root / "CITATION.cff"
    editors, licence = read_citation_extras(citation)
    return Publication(
        read_edition_metadata(citation),
        editors,
        licence,
        lambda siglum: f"https://example.org/texts/{siglum}.html",
        lambda kind, part: f"https://example.org/{kind}.html#{kind}-{part}",
    )


def _documents(root: Path) -> tuple[Edition, dict[str, str]]:
    edition, problems = load_edition(root / "sources", root / "annotations")
    assert not problems, problems
    publication = _publication(root)
    return edition, {
        text.siglum: tei_document(edition, text.siglum, publication)
        for text in edition.corpus.texts
    }


@cache
def real() -> tuple[Edition, dict[str, str]]:
    return _documents(ROOT)


@cache
def small_documents() -> tuple[Edition, dict[str, str]]:
    return _documents(SMALL)


def all_documents() -> list[tuple[Path, Edition, str, str]]:
    found = []
    for root, (edition, documents) in ((ROOT, real()), (SMALL, small_documents())):
        found += [(root, edition, siglum, xml) for siglum, xml in documents.items()]
    return found


def rebuilt_witness(xml: str) -> str:
    """The witness as the rule of every file's encodingDesc rebuilds it, without whitespace:
    the text content of <text>, keeping sic, orig and surplus, dropping corr, reg, supplied
    and note (the header and the standOff are outside <text>)."""
    dropped = {f"{TEI}{tag}" for tag in ("corr", "reg", "supplied", "note")}
    text = ET.fromstring(xml).find(f"{TEI}text")
    assert text is not None
    parts: list[str] = []

    def walk(element: ET.Element) -> None:
        if element.tag in dropped:
            return
        parts.append(element.text or "")
        for child in element:
            walk(child)
            parts.append(child.tail or "")

    walk(text)
    return re.sub(r"\s", "", "".join(parts))


def _text(element: ET.Element) -> str:
    return "".join(element.itertext())


@needs_jing
def test_every_tei_file_is_valid_against_tei_all(tmp_path: Path) -> None:
    files = []
    for root, _, siglum, xml in all_documents():
        path = tmp_path / root.name / f"{siglum}.xml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(xml, encoding="utf-8")
        files.append(str(path))
    assert len(files) == len(real()[1]) + len(small_documents()[1])
    result = subprocess.run(
        [str(JING), str(SCHEMA), *files], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[:3000]


def test_the_witness_is_rebuilt_from_each_tei_file() -> None:
    for root, _, siglum, xml in all_documents():
        witness = (root / "sources" / siglum / "witness.txt").read_text(encoding="utf-8")
        assert rebuilt_witness(xml) == re.sub(r"\s", "", witness), siglum


def test_each_file_states_the_rebuild_rule() -> None:
    for _, _, siglum, xml in all_documents():
        rule = ET.fromstring(xml).find(f".//{TEI}editorialDecl/{TEI}p[@{XML_ID}='witness-rebuild']")
        assert rule is not None, siglum
        assert "keeping sic, orig and surplus" in _text(rule)


def test_paragraph_ids_are_the_published_anchors() -> None:
    for _, edition, siglum, xml in all_documents():
        paragraphs = ET.fromstring(xml).findall(f"{TEI}text/{TEI}body/{TEI}div/{TEI}p")
        anchors = [block.anchor for block in edition.corpus[siglum].reading_text.paragraphs]
        assert [p.get(XML_ID) for p in paragraphs] == anchors


def _encoding(xml: str, intervention: Intervention, fenced: bool) -> None:
    """The element of ``intervention`` (by its apparatus number) encodes it as TEI does."""
    root = ET.fromstring(xml)
    body = root.find(f".//{TEI}body")
    assert body is not None
    parents = {child: parent for parent in body.iter() for child in parent}
    found = [e for e in body.iter() if e.get("n") == str(intervention.number) and e in parents]
    found = [e for e in found if e.tag != f"{TEI}note" and e.tag != f"{TEI}p"]
    assert len(found) == 1, intervention
    element = found[0]
    kind = intervention.kind
    squeeze = "".join
    if kind in ("ocr", "noise", "space", "mojibake"):
        witness_tag, reading_tag = ("sic", "corr") if kind in ("ocr", "noise") else ("orig", "reg")
        assert element.tag == f"{TEI}choice"
        assert [child.tag for child in element] == [f"{TEI}{witness_tag}", f"{TEI}{reading_tag}"]
        assert element[1].get("type") == kind
        assert squeeze(_text(element[0]).split()) == squeeze(intervention.witness.split())
        assert squeeze(_text(element[1]).split()) == squeeze(intervention.lemma.split())
    elif kind == "residue":
        assert element.tag == f"{TEI}surplus"
        assert _text(element) == intervention.witness
        if fenced:
            assert parents[element].tag == f"{TEI}fw"
    elif kind == "supplied":
        assert element.tag == f"{TEI}supplied"
        assert _text(element) == intervention.lemma
    else:
        assert element.tag == f"{TEI}sic"
        assert parents[element].tag != f"{TEI}choice"  # no corr: the reading is kept
        assert _text(element) == intervention.witness


def test_every_intervention_of_the_real_texts_is_encoded_as_tei() -> None:
    edition, documents = real()
    kinds = set()
    for text in edition.corpus.texts:
        for block in text.reading_text.blocks:
            for segment in block.segments:
                if isinstance(segment, Intervention):
                    _encoding(documents[text.siglum], segment, block.kind == "residue")
                    kinds.add((segment.kind, block.kind == "residue"))
    # the edition has examples of these: a mojibake repair, an OCR correction, OCR noise,
    # spacing, residue inline and as a fenced block, a sic
    expected = {"ocr", "noise", "space", "mojibake", "residue", "sic"}
    assert expected <= {kind for kind, _ in kinds}
    assert ("residue", True) in kinds


def test_rejoined_line_end_splits_are_marked() -> None:
    edition, documents = real()
    for text in edition.corpus.texts:
        breaks = ET.fromstring(documents[text.siglum]).findall(f".//{TEI}lb[@break='no']")
        assert len(breaks) == sum(len(r.parts) - 1 for r in text.rejoins), text.siglum


def test_notes_carry_kind_author_date_and_sources() -> None:
    edition, documents = real()
    checked = 0
    for text in edition.corpus.texts:
        root = ET.fromstring(documents[text.siglum])
        responsible = {
            f"#{resp.get(XML_ID)}": _text(resp.find(f"{TEI}name"))  # type: ignore[arg-type]
            for resp in root.iter(f"{TEI}respStmt")
            if resp.get(XML_ID)
        }
        stand_off = root.find(f"{TEI}standOff")
        assert stand_off is not None
        works = {b.get(XML_ID) for b in stand_off.iter(f"{TEI}bibl")}
        paragraphs = {p.get(XML_ID): p for p in root.iter(f"{TEI}p") if p.get(XML_ID)}
        for note in edition.notes_on(text.siglum):
            element = root.find(f".//{TEI}note[@{XML_ID}='{note.anchor}']")
            assert element is not None, note.id
            assert element.get("type") == note.kind
            assert responsible[element.get("resp", "")] == note.author
            written = element.find(f"{TEI}date[@type='written']")
            assert written is not None and written.get("when") == note.date
            sources = element.get("source", "").split()
            assert sources == [f"#bib-{key}" for key in note.sources]
            assert {source[1:] for source in sources} <= works
            quote = element.find(f"{TEI}quote")
            assert quote is not None and _text(quote) == note.quote
            # the note stands in its paragraph, after the words it is about
            paragraph = paragraphs[note.target]
            assert element in paragraph.iter(f"{TEI}note")
            checked += 1
    assert checked == len(edition.annotations.notes)


def _names(paragraph: ET.Element) -> list[str]:
    """The names of a paragraph, a name split in parts counted once, as its words."""
    words: list[str] = []
    for element in paragraph.iter():
        if element.tag not in NAMES or element.get("prev"):
            continue
        text = _reading(element)
        following = element.get("next")
        while following:
            part = next(e for e in paragraph.iter() if e.get(XML_ID) == following[1:])
            text += _reading(part)
            following = part.get("next")
        words.append(" ".join(text.split()))
    return words


def _reading(element: ET.Element) -> str:
    """The reading text of an element: corr, reg and supplied, and a sic alone (kept); not the
    witness side of a choice, nor residue or notes."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == f"{TEI}choice":
            parts.append(_reading(child[1]))
        elif child.tag not in (f"{TEI}surplus", f"{TEI}note"):
            parts.append(_reading(child))
        parts.append(child.tail or "")
    return "".join(parts)


def test_mentions_are_names_that_ref_the_registry_and_wikidata() -> None:
    edition, documents = real()
    entities = {entity.id: entity for entity in edition.annotations.entities}
    for text in edition.corpus.texts:
        root = ET.fromstring(documents[text.siglum])
        stand_off = root.find(f"{TEI}standOff")
        assert stand_off is not None
        entries = {e.get(XML_ID) for e in stand_off.iter() if e.get(XML_ID)}
        for block in text.reading_text.paragraphs:
            paragraph = root.find(f".//{TEI}p[@{XML_ID}='{block.anchor}']")
            assert paragraph is not None
            mentions, _ = edition.mentions.in_paragraph(block.anchor)
            assert _names(paragraph) == [m.words for m in mentions], block.anchor
            for element in paragraph.iter():
                if element.tag not in NAMES:
                    continue
                refs = element.get("ref", "").split()
                entity = entities[refs[0].removeprefix("#entity-")]
                assert refs[0][1:] in entries
                assert refs[1:] == ([entity.wikidata_url] if entity.wikidata else [])
    assert any(entity.wikidata for entity in entities.values())


def _edit_small(root: Path) -> None:
    """The small text with interventions that meet a name: a name that covers an OCR
    correction, one inside a regularised spacing, one crossing its edge; and a supplement,
    OCR noise and a residue block."""
    (root / "annotations" / "entities" / "the-army.md").write_text(
        '---\nid: the-army\nname: "The army"\ntype: organisation\n'
        'description: "The army of the test."\nwikidata: "Q1"\naliases: ["the army"]\n'
        "sources: [sims1997]\n---\n",
        encoding="utf-8",
    )
    source = root / "sources" / "tx"
    text = (source / "text.md").read_text(encoding="utf-8")
    text = text.replace("On 22 April the army", "On 22 {space}`April the]Aprilthe` army")
    text = text.replace("residence in Lima.", "residence {space}`in Lima]inLima`.")
    text = text.replace("names Lima once", "names {ocr}`Lima]Lirna` once{noise}`]~`")
    text = text.replace("the president again.", "the president{supplied}` of the test` again.")
    text = text.replace(
        "# A Test Statement", "```{residue} a header\nHEADER\n```\n\n# A Test Statement"
    )
    (source / "text.md").write_text(text.replace("` again.", "]` again."), encoding="utf-8")
    witness = (source / "witness.txt").read_text(encoding="utf-8")
    witness = witness.replace("22 April the", "22 Aprilthe").replace("in Lima.", "inLima.")
    witness = "HEADER\n" + witness.replace("names Lima once", "names Lirna once~")
    (source / "witness.txt").write_text(witness, encoding="utf-8")
    record = (source / "record.toml").read_text(encoding="utf-8")
    digest = hashlib.sha256(witness.encode("utf-8")).hexdigest()
    record = re.sub(r'sha256 = "[0-9a-f]+"', f'sha256 = "{digest}"', record)
    (source / "record.toml").write_text(record, encoding="utf-8")


def test_names_and_interventions_nest(small: Path) -> None:
    _edit_small(small)
    edition, documents = _documents(small)
    xml = documents["tx"]
    root = ET.fromstring(xml)
    assert rebuilt_witness(xml) == re.sub(
        r"\s", "", (small / "sources" / "tx" / "witness.txt").read_text(encoding="utf-8")
    )
    first = root.find(f".//{TEI}p[@{XML_ID}='tx-1']")
    third = root.find(f".//{TEI}p[@{XML_ID}='tx-3']")
    assert first is not None and third is not None
    # crossing the edge of the spacing: two parts, one inside reg, joined by next and prev
    army = [e for e in first.iter(f"{TEI}orgName")]
    assert [_text(e) for e in army] == ["the", " army"]
    assert army[0].get("next") == f"#{army[1].get(XML_ID)}"
    assert army[1].get("prev") == f"#{army[0].get(XML_ID)}"
    reg = first.find(f"{TEI}choice/{TEI}reg")
    assert reg is not None and army[0] in list(reg)
    assert army[0].get("ref") == "#entity-the-army https://www.wikidata.org/wiki/Q1"
    # inside the reading of an intervention: the name stands inside reg
    regs = first.findall(f"{TEI}choice/{TEI}reg")
    assert [_text(e) for e in regs[1].iter(f"{TEI}placeName")] == ["Lima"]
    # covering an OCR correction: the name wraps the choice
    lima = third.find(f"{TEI}placeName")
    assert lima is not None
    choice = lima.find(f"{TEI}choice")
    assert choice is not None and [_text(c) for c in choice] == ["Lirna", "Lima"]
    noise = third.find(f"{TEI}choice/{TEI}corr[@type='noise']")
    assert noise is not None and not _text(noise)
    supplied = root.find(f".//{TEI}p[@{XML_ID}='tx-2']/{TEI}supplied")
    assert supplied is not None and _text(supplied) == " of the test"
    # residue before the title: fw, ahead of the head
    div = root.find(f".//{TEI}body/{TEI}div")
    assert div is not None
    assert [child.tag for child in div][:2] == [f"{TEI}fw", f"{TEI}head"]
    assert _names(first) == [m.words for m in edition.mentions.in_paragraph("tx-1")[0]]
    if JING is not None:
        path = small / "tx.xml"
        path.write_text(xml, encoding="utf-8")
        result = subprocess.run(
            [JING, str(SCHEMA), str(path)], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stdout


def test_the_html_build_writes_the_tei_files(small: Path) -> None:
    build_small(small, "dummy", edition_register_update=1)
    out = build_small(small, "html")
    written = out / "data" / "tei" / "tx.xml"
    xml = written.read_text(encoding="utf-8")
    root = ET.fromstring(xml)
    assert root.tag == f"{TEI}TEI"
    assert (out / "data" / "tei" / "ty.xml").is_file()
    idno = root.find(f".//{TEI}publicationStmt/{TEI}idno[@type='URI']")
    assert idno is not None and idno.text == "https://example.org/small/texts/tx.html"
    name = root.find(f".//{TEI}p/{TEI}placeName")
    assert name is not None
    entry = root.find(f".//{TEI}standOff//{TEI}place/{TEI}ptr[@type='registry']")
    assert entry is not None and entry.get("target", "").startswith("https://example.org/small/")
    assert rebuilt_witness(xml) == rebuilt_witness(small_documents()[1]["tx"])
    # only written when changed
    stamp = written.stat().st_mtime_ns
    build_small(small, "html")
    assert written.stat().st_mtime_ns == stamp


def test_no_tei_files_outside_html_builds(small: Path) -> None:
    out = build_small(small, "dummy", edition_register_update=1)
    assert not (out / "data" / "tei").exists()
