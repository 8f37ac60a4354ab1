"""The citations of texts, paragraphs and notes: Chicago, MLA, BibTeX and CSL-JSON."""

from __future__ import annotations

import json
from dataclasses import astuple, replace
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator
from pybtex.database import parse_string

from ecdosis.model.problems import Problem
from ecdosis.model.publication.citing import (
    SERVED_HOME,
    SERVED_HOME_WITHOUT_SCHEME,
    Citation,
    EditionInfo,
    citations_bibtex,
    citations_json,
    note_citation,
    paragraph_citation,
    provisional_base,
    text_citation,
)
from ecdosis.model.texts.record import Record, load_record
from tests.conftest import ROOT, SIGLA

EDITION = EditionInfo(
    title="Lima, 22 April 1997: Five Statements",
    editors="The editors of the Lima 1997 edition",
    version="0.1",
    year="2026",
    base_url="https://lima1997.org/edition/",
    key="lima1997",
    text_noun="statement",
)
CSL_SCHEMA = Path(__file__).parent / "schemas" / "csl-data.json"

IG_TITLE = (
    "Down with the Executioner Fujimori! Demand Freedom for All Leftist Prisoners"
    " in Peru’s Dungeons"
)
WW_TITLE = "Peru Massacre: U.S. Backs Fujimori’s Terror Attack on MRTA"
WW_PUBLICATION = (
    "Workers World (New York), 1 May 1997; distributed by e-mail by Workers World Service"
    " on 24 April 1997"
)
IN_THE_EDITION = (
    "Lima, 22 April 1997: Five Statements, ed. The editors of the Lima 1997 edition,"
    " version 0.1 (2026)"
)
MLA_EDITION = (
    "Lima, 22 April 1997: Five Statements, edited by The editors of the Lima 1997 edition,"
    " version 0.1, 2026"
)


def load(siglum: str) -> Record:
    problems: list[Problem] = []
    record = load_record(ROOT / "sources" / siglum / "record.toml", problems)
    assert problems == []
    assert record is not None
    return record


def paragraph(record: Record, number: int = 3) -> Citation:
    page = f"texts/{record.siglum}.html"
    return paragraph_citation(record, EDITION, page, f"{record.siglum}-{number}", number)


def every_citation() -> list[Citation]:
    citations: list[Citation] = []
    for siglum in SIGLA:
        record = load(siglum)
        page = f"texts/{siglum}.html"
        citations.append(text_citation(record, EDITION, page))
        citations.append(paragraph(record))
        note = note_citation(record, EDITION, page, f"{siglum}-a-note", "The editors", 2, 5)
        citations.append(note)
    return citations


# The records


@pytest.mark.parametrize("siglum", SIGLA)
def test_every_record_names_its_periodical(siglum: str) -> None:
    record = load(siglum)
    assert record.periodical
    assert record.publication.startswith(record.periodical)


# Chicago, MLA and BibTeX, exactly


def test_a_paragraph_in_chicago() -> None:
    assert paragraph(load("ig")).chicago == (
        f"Internationalist Group, “{IG_TITLE},” 23 April 1997, The Internationalist"
        f" (New York), no. 2, April–May 1997, repr. in {IN_THE_EDITION}, ¶3,"
        " https://lima1997.org/edition/texts/ig.html#ig-3."
    )


def test_a_paragraph_in_mla() -> None:
    assert paragraph(load("ig")).mla == (
        f"Internationalist Group. “{IG_TITLE}.” 23 Apr. 1997. {MLA_EDITION}, par. 3,"
        " lima1997.org/edition/texts/ig.html#ig-3. Originally published in"
        " The Internationalist (New York), no. 2, April–May 1997."
    )


def test_a_paragraph_in_bibtex() -> None:
    assert paragraph(load("ig")).bibtex == (
        "@incollection{lima1997-ig-3,\n"
        "  author = {{Internationalist Group}},\n"
        "  title = {Down with the Executioner Fujimori! Demand Freedom for All Leftist"
        " Prisoners in Peru's Dungeons},\n"
        "  booktitle = {Lima, 22 April 1997: Five Statements},\n"
        "  editor = {{The editors of the Lima 1997 edition}},\n"
        "  version = {0.1},\n"
        "  year = {2026},\n"
        "  url = {https://lima1997.org/edition/texts/ig.html#ig-3},\n"
        "  origdate = {1997-04-23},\n"
        "  note = {¶3. Originally published in The Internationalist (New York), no. 2,"
        " April–May 1997.}\n"
        "}"
    )


def test_a_person_heads_the_mla_entry_of_her_paragraph_inverted() -> None:
    citation = paragraph(load("ww"))
    assert citation.mla.startswith(f"Ruiz, Monica. “{WW_TITLE}.” {MLA_EDITION}, par. 3, ")
    assert citation.chicago.startswith(f"Monica Ruiz, “{WW_TITLE},” Workers World (New York)")
    assert citation.csl["author"] == [{"family": "Ruiz", "given": "Monica"}]


def ww_note(edition: EditionInfo = EDITION) -> Citation:
    """Note 4 of WW, on its second paragraph, whose anchor is note-ww-martial-music."""
    return note_citation(
        load("ww"), edition, "texts/ww.html", "ww-martial-music", "The editors", 2, 4
    )


def test_a_note_is_cited_under_its_own_author() -> None:
    citation = ww_note()
    url = "https://lima1997.org/edition/texts/ww.html#note-ww-martial-music"
    assert citation.anchor == "note-ww-martial-music"
    assert citation.url == url
    assert citation.label == "WW, note 4 on ¶2"
    assert citation.chicago == (
        f"The editors, note 4 on ¶2 of Monica Ruiz, “{WW_TITLE},”"
        f" {WW_PUBLICATION}, repr. in {IN_THE_EDITION}, {url}."
    )
    assert citation.mla == (
        f"The editors. Note 4 on par. 2 of “{WW_TITLE},” by Monica Ruiz."
        f" {MLA_EDITION}, {url.removeprefix('https://')}."
        f" Statement originally published in {WW_PUBLICATION}."
    )
    assert "Ruiz, Monica" not in citation.mla
    assert "  author = {{The editors}},\n" in citation.bibtex
    assert "Note 4 on ¶2 of the statement by Monica Ruiz." in citation.bibtex
    assert citation.csl["note"].startswith("Note 4 on ¶2 of the statement by Monica Ruiz. ")
    assert citation.csl["author"] == [{"literal": "The editors"}]


def test_a_note_is_named_by_its_number_and_its_address_keeps_its_anchor() -> None:
    citation = ww_note()
    # The slug is in the address and the machine ids only, never in the words of a citation.
    assert citation.csl["id"] == "lima1997-note-ww-martial-music"
    assert citation.bibtex.startswith("@incollection{lima1997-note-ww-martial-music,\n")
    assert citation.csl["URL"].endswith("ww.html#note-ww-martial-music")
    words = [
        citation.label,
        citation.chicago.replace(citation.url, ""),
        citation.mla.replace(citation.url.removeprefix("https://"), ""),
        citation.csl["note"],
        citation.bibtex.split("\n", 1)[1].replace(citation.url, ""),
    ]
    for text in words:
        assert "martial" not in text, text


def test_a_whole_text_has_no_locator() -> None:
    citation = text_citation(load("po"), EDITION, "texts/po.html")
    assert (citation.anchor, citation.label) == ("", "PO")
    assert citation.url == "https://lima1997.org/edition/texts/po.html"
    assert citation.chicago == (
        "Juan Ponce, “Massacre in Lima,” Weekly Worker (London), no. 188, 24 April 1997,"
        f" repr. in {IN_THE_EDITION}, https://lima1997.org/edition/texts/po.html."
    )
    assert citation.mla.startswith(f"Ponce, Juan. “Massacre in Lima.” {MLA_EDITION}, lima1997")
    assert "@incollection{lima1997-po,\n" in citation.bibtex


def test_quotation_marks_in_a_title_become_single_and_curly() -> None:
    citation = paragraph(load("rw"))
    title = "‘Take No Prisoners’ in Lima, Peru: A Massacre Carried Out on Washington’s Orders"
    assert f"Information Bureau, “{title},” Revolutionary Worker" in citation.chicago
    assert f"Information Bureau. “{title}.” Lima, 22 April" in citation.mla
    assert '"' not in citation.chicago + citation.mla
    assert citation.csl["title"] == load("rw").title  # the data keeps the title as recorded


def test_a_title_ending_in_an_exclamation_mark_takes_no_more_punctuation() -> None:
    record = replace(load("ig"), title="Down with the Executioner Fujimori!")
    citation = paragraph(record)
    assert "Group, “Down with the Executioner Fujimori!” 23 April 1997, The" in citation.chicago
    assert "Group. “Down with the Executioner Fujimori!” 23 Apr. 1997. Lima" in citation.mla
    note = note_citation(record, EDITION, "texts/ig.html", "ig-self-coup-date", "The editors", 2, 9)
    assert note.chicago.startswith(
        "The editors, note 9 on ¶2 of Internationalist Group,"
        " “Down with the Executioner Fujimori!” 23 April 1997,"
    )
    assert "of “Down with the Executioner Fujimori!” by Internationalist Group" in note.mla


def test_an_exclamation_mark_inside_a_title_keeps_the_comma() -> None:
    assert "Fujimori! Demand" in paragraph(load("ig")).chicago
    assert "Dungeons,” 23 April 1997" in paragraph(load("ig")).chicago


@pytest.mark.parametrize(
    ("date", "chicago", "mla", "parts"),
    [
        ("1997-09-02", "2 September 1997", "2 Sept. 1997", [1997, 9, 2]),
        ("1997-06-30", "30 June 1997", "30 June 1997", [1997, 6, 30]),
        ("1997-05", "May 1997", "May 1997", [1997, 5]),
        ("1998", "1998", "1998", [1998]),
    ],
)
def test_dates_as_each_style_writes_them(
    date: str, chicago: str, mla: str, parts: list[int]
) -> None:
    citation = paragraph(replace(load("fi"), date=date))
    assert f"massacre,” {chicago}, International Viewpoint" in citation.chicago
    assert f"massacre.” {mla}. Lima" in citation.mla
    assert citation.csl["original-date"] == {"date-parts": [parts]}
    assert f"  origdate = {{{date}}},\n" in citation.bibtex


def test_a_date_the_publication_already_gives_is_not_repeated() -> None:
    citation = paragraph(load("rw"))
    assert citation.chicago.count("1 June 1997") == 1
    assert "1 June 1997" not in citation.mla.split("Originally published in")[0]


# Italics


def test_the_periodical_and_the_edition_are_set_in_italics() -> None:
    citation = paragraph(load("ig"))
    assert citation.italic == ("The Internationalist", "Lima, 22 April 1997: Five Statements")


def test_without_a_periodical_the_whole_publication_is_in_italics() -> None:
    record = replace(load("po"), periodical="")
    assert paragraph(record).italic[0] == record.publication


def test_every_italic_part_stands_in_chicago_and_mla() -> None:
    for citation in every_citation():
        for part in citation.italic:
            assert part in citation.chicago, (part, citation.chicago)
            assert part in citation.mla, (part, citation.mla)


# CSL-JSON


def csl_validator() -> Draft7Validator:
    schema: dict[str, Any] = json.loads(CSL_SCHEMA.read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema)


@pytest.mark.parametrize("siglum", SIGLA)
def test_the_csl_item_of_a_paragraph_is_valid(siglum: str) -> None:
    item = paragraph(load(siglum)).csl
    errors = [error.message for error in csl_validator().iter_errors([item])]
    assert errors == []
    assert item["id"] == f"lima1997-{siglum}-3"
    assert item["type"] == "chapter"
    assert item["language"] == "en"


def test_every_csl_item_is_valid() -> None:
    items = [citation.csl for citation in every_citation()]
    assert [error.message for error in csl_validator().iter_errors(items)] == []


def test_the_csl_item_of_a_paragraph_exactly() -> None:
    assert paragraph(load("ig")).csl == {
        "id": "lima1997-ig-3",
        "type": "chapter",
        "title": load("ig").title,
        "author": [{"literal": "Internationalist Group"}],
        "container-title": "Lima, 22 April 1997: Five Statements",
        "editor": [{"literal": "The editors of the Lima 1997 edition"}],
        "version": "0.1",
        "issued": {"date-parts": [[2026]]},
        "original-date": {"date-parts": [[1997, 4, 23]]},
        "note": "¶3. Originally published in The Internationalist (New York), no. 2,"
        " April–May 1997.",
        "URL": "https://lima1997.org/edition/texts/ig.html#ig-3",
        "language": "en",
    }


# BibTeX


def test_the_bibtex_file_parses_and_keeps_authors_and_titles() -> None:
    citations = every_citation()
    data = parse_string(citations_bibtex(citations), "bibtex")
    assert list(data.entries) == [citation.csl["id"] for citation in citations]
    for citation in citations:
        entry = data.entries[citation.csl["id"]]
        author = citation.csl["author"][0]
        name = author.get("literal") or f"{author['given']} {author['family']}"
        assert [str(person) for person in entry.persons["author"]] == [f"{{{name}}}"]
        assert entry.fields["title"] == citation.csl["title"]
        assert entry.fields["url"] == citation.url


def test_bibtex_specials_are_escaped() -> None:
    title = "Wages & profits: 100% of $5 for #1_a ~ ^ \\ {x}"
    citation = paragraph(replace(load("po"), title=title, author="Ana_María O'Neil"))
    entry = parse_string(citation.bibtex, "bibtex").entries["lima1997-po-3"]
    assert entry.fields["title"] == (
        r"Wages \& profits: 100\% of \$5 for \#1\_a \textasciitilde{} \textasciicircum{}"
        r" \textbackslash{} \textbraceleft{}x\textbraceright{}"
    )
    assert str(entry.persons["author"][0]) == r"{Ana\_María O'Neil}"


def test_citations_bibtex_separates_entries_by_blank_lines() -> None:
    text = citations_bibtex([paragraph(load("ig")), paragraph(load("po"))])
    assert text.endswith("}\n")
    assert "}\n\n@incollection{lima1997-po-3," in text


# JSON


def test_citations_json_is_deterministic_json() -> None:
    text = citations_json(every_citation())
    assert text == citations_json(every_citation())
    items = json.loads(text)
    assert len(items) == 3 * len(SIGLA)
    keys = {"anchor", "url", "label", "chicago", "mla", "bibtex", "csl", "italic", "path"}
    assert all(set(item) == {*keys, "provisional", "served"} for item in items)
    assert all(item["provisional"] is False and item["served"] is None for item in items)
    assert items[1]["path"] == "texts/fi.html#fi-3"
    assert items[1]["url"] == "https://lima1997.org/edition/texts/fi.html#fi-3"
    assert text == json.dumps(items, sort_keys=True, ensure_ascii=False, indent=1) + "\n"
    assert "¶3" in text  # not escaped as \u00b6
    assert items[1]["italic"] == ["International Viewpoint", "Lima, 22 April 1997: Five Statements"]


# While the edition has no permanent address


@pytest.mark.parametrize(
    "base",
    [
        "https://example.org/lima1997/",
        "http://example.com/",
        "https://www.example.net/x/",
        "https://editions.test/lima/",
        "https://lima.example/",
        "https://edition.invalid/",
        "http://localhost:8000/",
        "http://preview.localhost/",
        "http://127.0.0.1:8000/",
        "http://[::1]/edition/",
        "http://192.0.2.7/edition/",
        "http://10.1.2.3/",
        "HTTPS://EXAMPLE.ORG./",
        "/",
        "",
        "texts/",
        "file:///edition/",
    ],
)
def test_a_base_url_on_a_name_reserved_for_examples_is_provisional(base: str) -> None:
    assert provisional_base(base)


@pytest.mark.parametrize(
    "base",
    [
        "https://lima1997.org/",
        "https://myexample.org/edition/",
        "https://example.org.uk/",
        "https://editions.testing.net/lima/",
    ],
)
def test_a_base_url_on_any_other_host_is_permanent(base: str) -> None:
    assert not provisional_base(base)


# The committed placeholder: a base URL on a host reserved for examples is provisional.
PROVISIONAL = replace(EDITION, base_url="https://example.org/lima1997/")


def test_an_edition_on_a_placeholder_address_is_provisional_whatever_it_is_given() -> None:
    assert PROVISIONAL.provisional and not EDITION.provisional
    # provisional-ness is the base URL's: no argument can call a placeholder permanent
    with pytest.raises(TypeError):
        EditionInfo(*astuple(PROVISIONAL), provisional=False)  # type: ignore[call-arg]
    for base in ("", "/", "http://localhost:8000/", "https://lima1997.test/"):
        assert replace(EDITION, base_url=base).provisional, base


def test_a_provisional_address_names_no_host_and_says_it_is_provisional() -> None:
    record = load("ig")
    citation = paragraph_citation(record, PROVISIONAL, "texts/ig.html", "ig-3", 3)
    assert (citation.url, citation.path, citation.provisional) == (
        "texts/ig.html#ig-3",
        "texts/ig.html#ig-3",
        True,
    )
    assert citation.chicago.endswith(
        f"repr. in {IN_THE_EDITION}, ¶3, texts/ig.html#ig-3 (provisional address)."
    )
    assert (
        f"{MLA_EDITION}, par. 3, texts/ig.html#ig-3 (provisional address). Originally published"
        in citation.mla
    )
    entry = parse_string(citation.bibtex, "bibtex").entries["lima1997-ig-3"]
    assert entry.fields["url"] == "texts/ig.html#ig-3"
    assert entry.fields["note"].endswith("April–May 1997. Provisional address.")
    assert citation.csl["URL"] == "texts/ig.html#ig-3"
    assert citation.csl["note"].endswith("April–May 1997. Provisional address.")
    assert [error.message for error in csl_validator().iter_errors([citation.csl])] == []
    every = [citation, text_citation(record, PROVISIONAL, "texts/ig.html"), ww_note(PROVISIONAL)]
    for one in every:
        text = citations_json([one]) + one.bibtex
        assert "example.org" not in text and "://" not in text, text
        assert one.chicago.endswith(f"{one.path} (provisional address).")
    assert ww_note(PROVISIONAL).url == "texts/ww.html#note-ww-martial-music"
    item = json.loads(citations_json([citation]))[0]
    assert (item["path"], item["provisional"]) == ("texts/ig.html#ig-3", True)


def _filled(text: str, home: str) -> str:
    """A served form as the Cite dialog fills it in, for the edition's home served at ``home``."""
    bare = home.split("://", 1)[1]
    return text.replace(SERVED_HOME, home).replace(SERVED_HOME_WITHOUT_SCHEME, bare)


def test_a_provisional_citation_carries_its_forms_for_the_address_it_is_served_from() -> None:
    home = "http://127.0.0.1:8000/"
    served = f"{home}texts/ig.html#ig-3"
    citation = paragraph_citation(load("ig"), PROVISIONAL, "texts/ig.html", "ig-3", 3)
    forms = citation.served
    assert set(forms) == {"url", "chicago", "mla", "bibtex", "csl"}
    for form in ("url", "chicago", "mla", "bibtex"):
        assert forms[form].count("{home") == 1, form  # one place for the address
    # Filled in, each is the citation as it stands, at that address, still provisional: the
    # script needs to know nothing of the styles (MLA's address without its scheme, BibTeX's
    # escapes).
    assert _filled(forms["url"], home) == served
    assert _filled(forms["chicago"], home) == citation.chicago.replace(citation.path, served)
    assert _filled(forms["mla"], home) == citation.mla.replace(
        citation.path, served.removeprefix("http://")
    )
    bibtex = _filled(forms["bibtex"], home)
    assert bibtex == citation.bibtex.replace(f"url = {{{citation.path}}}", f"url = {{{served}}}")
    assert parse_string(bibtex, "bibtex").entries["lima1997-ig-3"].fields["url"] == served
    assert {**forms["csl"], "URL": _filled(forms["csl"]["URL"], home)} == {
        **citation.csl,
        "URL": served,
    }
    item = json.loads(citations_json([citation]))[0]
    assert item["served"] == forms
    # an address BibTeX must escape is escaped in the form, where Python put it
    spaced = paragraph_citation(load("ig"), PROVISIONAL, "texts/a b.html", "ig-3", 3)
    assert "url = {{home}texts/a%20b.html#ig-3}" in spaced.served["bibtex"]
    assert not paragraph(load("ig")).served  # a permanent address is given as it is


def test_a_title_holding_a_placeholder_keeps_the_address_within_the_edition() -> None:
    record = replace(load("ig"), title="The {home} of the people")
    citation = paragraph_citation(record, PROVISIONAL, "texts/ig.html", "ig-3", 3)
    assert citation.provisional and citation.served == {}


def test_a_permanent_address_is_given_whole() -> None:
    citation = paragraph(load("ig"))
    assert citation.path == "texts/ig.html#ig-3" and not citation.provisional
    assert citation.url == "https://lima1997.org/edition/texts/ig.html#ig-3"
    everything = citation.chicago + citation.mla + citation.bibtex + json.dumps(citation.csl)
    assert "provisional" not in everything.lower()
