"""Editorial notes: the repository's notes pass the check, a new note can be scaffolded, and
every note shows in the HTML (sidenote), the LaTeX (page-bottom footnote) and the EPUB."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup, Tag
from docutils import nodes
from docutils.utils import new_document

from ecdosis.ext.annotations.notes import attach_notes
from ecdosis.ext.texts.reading_text import paragraph_node
from ecdosis.ext.written_late import made, written_late
from ecdosis.model.annotations.schema_check import schema_of
from ecdosis.model.edition import Edition, load_edition
from tests.conftest import ROOT, SIGLA, SMALL, ecdosis_check


@pytest.fixture(scope="module")
def edition() -> Edition:
    loaded, problems = load_edition(ROOT / "sources", ROOT / "annotations")
    assert problems == []
    return loaded


def test_make_check_is_clean_on_the_repository() -> None:
    result = ecdosis_check(ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert re.fullmatch(
        rf"ecdosis: {len(SIGLA)} texts, \d+ notes, \d+ entities \(\d+ mentions\), "
        r"\d+ glossary terms, \d+ events, \d+ topics, \d+ key figures and "
        r"\d+ bibliography entries checked, no problems\.\n",
        result.stdout,
    )


def test_the_first_body_of_notes_covers_every_text(edition: Edition) -> None:
    assert len(edition.annotations.notes) >= 40
    # a text the editors have annotated has a first body of notes (a new text may have none yet)
    annotated = [siglum for siglum in SIGLA if edition.notes_on(siglum)]
    assert len(annotated) >= 5
    for siglum in annotated:
        assert len(edition.notes_on(siglum)) >= 6, siglum
    for note in edition.annotations.notes:
        cited = set(note.sources) | {key for key, _ in note.body.citations}
        if note.kind in ("context", "correction"):
            assert cited, note.id


def test_the_schemas_are_valid_and_documented_key_for_key() -> None:
    contributing = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    tables = re.findall(r"^\| key \| what to write \|\n((?:\|.*\n)+)", contributing, re.MULTILINE)
    documented = [re.findall(r"^\| `([a-z]+)` \|", table, re.MULTILINE) for table in tables]
    kinds = ("note", "entity", "topic", "term", "event", "figure")
    for kind in kinds:
        jsonschema.Draft202012Validator.check_schema(schema_of(kind))
    assert documented == [list(schema_of(kind)["properties"]) for kind in kinds]


def _new_note(root: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ecdosis", "new-note", *arguments],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


def test_new_note_writes_a_valid_file(edition_copy: Path) -> None:
    result = _new_note(
        edition_copy,
        "po-3",
        "two main camps",
        "--source",
        "japantimes1997troops",
        "--author",
        "Ann",
    )
    assert result.returncode == 0, result.stderr
    path = edition_copy / "annotations" / "po" / "po-two-main-camps.md"
    assert f"wrote {path.relative_to(edition_copy)}" in result.stdout
    text = path.read_text("utf-8")
    assert 'quote: "two main camps"' in text and "sources: [japantimes1997troops]" in text
    assert ecdosis_check(edition_copy).returncode == 0


def test_new_note_refuses_words_not_in_the_paragraph(edition_copy: Path) -> None:
    result = _new_note(edition_copy, "po-3", "three main camps", "--kind", "textual")
    assert result.returncode == 1
    assert "the quote is not in the reading text of po-3" in result.stderr
    assert "the closest words in po-3 are 'two main camps.'" in result.stderr
    assert "No note was written." in result.stderr
    assert not list((edition_copy / "annotations" / "po").glob("po-three*"))


def test_new_note_asks_for_a_source_for_a_context_note(edition_copy: Path) -> None:
    result = _new_note(edition_copy, "po-3", "two main camps")
    assert result.returncode == 1
    assert "a context note needs a source" in result.stderr
    assert "--source KEY" in result.stderr


def test_a_note_s_number_is_its_place_among_its_text_s_notes(edition: Edition) -> None:
    for siglum in SIGLA:
        notes = edition.notes_on(siglum)
        assert [edition.note_number(note) for note in notes] == list(range(1, len(notes) + 1))


def test_a_note_is_named_by_its_number_whatever_footnotes_the_page_has() -> None:
    small, problems = load_edition(SMALL / "sources", SMALL / "annotations")
    assert problems == []
    (note,) = small.notes_on("tx")
    block = next(b for b in small.corpus["tx"].reading_text.paragraphs if b.anchor == note.target)
    document = new_document("test")
    document.note_autofootnote(nodes.footnote("", auto=1))  # a footnote before the note
    paragraph = paragraph_node("tx", block)
    (footnote,) = attach_notes(document, paragraph, (note,), small)
    (mark,) = paragraph.findall(nodes.footnote_reference)
    assert footnote["note_number"] == mark["note_number"] == small.note_number(note) == 1
    (text,) = footnote.findall(written_late)  # the note's content, made when it is written
    (permalink,) = (
        reference
        for element in made(text)
        for reference in element.findall(nodes.reference)
        if "note-permalink" in reference["classes"]
    )
    assert permalink.astext() == f"Note 1 on ¶{block.number}"
    assert permalink["reftitle"] == f"Link to this note (TX, note 1 on ¶{block.number})"


# -- the notes in the outputs ------------------------------------------------------------------


def _page(built: Callable[[str], Path], siglum: str) -> BeautifulSoup:
    html = (built("html") / "texts" / f"{siglum}.html").read_text("utf-8")
    return BeautifulSoup(html, "html.parser")


@pytest.mark.slow
@pytest.mark.parametrize("siglum", SIGLA)
def test_html_shows_each_note_beside_its_paragraph(
    built: Callable[[str], Path], edition: Edition, siglum: str
) -> None:
    page = _page(built, siglum)
    notes = edition.notes_on(siglum)
    marks = page.select("a.note-mark")
    assert [mark["href"] for mark in marks] == [f"#{note.anchor}" for note in notes]
    for number, note in enumerate(notes, start=1):
        mark = page.find(id=f"notemark-{note.id}")
        assert isinstance(mark, Tag) and mark.get_text() == str(number)
        paragraph = mark.find_parent("p")
        assert paragraph is not None and paragraph["id"] == note.target
        quoted = " ".join(
            span.get_text() for span in paragraph.select(f'span.note-quote[data-note="{note.id}"]')
        )
        assert " ".join(quoted.split()).replace(" ", "") == note.quote.replace(" ", "")
        aside = page.find("aside", id=note.anchor)
        assert isinstance(aside, Tag) and aside["data-note"] == note.id
        # the paragraph (with its "see also" line) and its notes, grouped
        text = paragraph.parent
        assert text is not None and aside.find_parent(class_="noted-paragraph") is text.parent
        kind, permalink = aside.select_one(".note-kind"), aside.select_one("a.note-permalink")
        assert kind is not None and kind.strong is not None
        assert kind.strong.get_text() == f"{note.kind_label}."
        verdict = kind.select_one("em.note-assessment")
        if note.assessment_label is None:
            assert verdict is None
        else:
            assert verdict is not None and verdict.get_text() == f"{note.verdict}."
        assert permalink is not None and permalink["href"] == f"#{note.anchor}"
        assert note.author in aside.get_text()
        sources = [a["href"] for a in aside.select(".note-meta a.reference") if "bib-" in a["href"]]
        assert sources == [f"../bibliography.html#bib-{key}" for key in note.sources]


@pytest.mark.slow
def test_the_apparatus_lists_the_notes_and_the_bibliography_has_their_sources(
    built: Callable[[str], Path], edition: Edition
) -> None:
    bibliography = BeautifulSoup(
        (built("html") / "bibliography.html").read_text("utf-8"), "html.parser"
    )
    for siglum in SIGLA:
        rows = _page(built, siglum).select(f"section#{siglum}-notes table tbody tr")
        notes = edition.notes_on(siglum)
        links = [row.select_one("a") for row in rows]
        assert [link["href"] for link in links if link] == [f"#{n.anchor}" for n in notes]
    for key in {key for note in edition.annotations.notes for key in note.sources}:
        assert bibliography.find(id=f"bib-{key}") is not None, key
    # The bibliography names each work as the notes do, in the order of those names.
    sources = edition.annotations.bibliography.sources
    shown = [
        (entry["id"], label.get_text().strip("[]"))
        for entry in bibliography.select("div.citation")
        if (label := entry.select_one("span.label"))
    ]
    assert len(shown) == len(sources)
    assert {key: label for key, label in shown} == {
        f"bib-{key}": source.label for key, source in sources.items()
    }
    labels = [label for _, label in shown]
    assert labels == sorted(labels, key=str.casefold)


@pytest.mark.slow
def test_latex_sets_each_note_as_a_footnote_where_its_quote_ends(
    built: Callable[[str], Path], edition: Edition
) -> None:
    tex = (built("latex") / "edition.tex").read_text("utf-8")
    for note in edition.annotations.notes:
        label = re.escape(f"\\label{{\\detokenize{{texts/{note.siglum}:{note.anchor}}}}}")
        found = re.search(label, tex)
        assert found, note.id
        start = tex.rindex("\\begin{footnote}[", 0, found.start())
        assert tex.find("\\end{footnote}", start) > found.start(), note.id  # inside the footnote
        body = tex[start : tex.index("\\end{footnote}", start)]
        kind = note.kind_label.replace("-", "\\sphinxhyphen{}")
        assert f"\\sphinxstylestrong{{{kind}.}}" in body
        for key in note.sources:
            assert f"\\hyperlink{{cite.bibliography:bib-{key}}}" in body
    assert tex.count("\\bibitem[") == len(edition.annotations.bibliography.sources)


@pytest.mark.slow
def test_epub_keeps_the_notes_as_footnotes(built: Callable[[str], Path], edition: Edition) -> None:
    (epub,) = built("epub").glob("*.epub")
    with zipfile.ZipFile(epub) as book:
        for siglum in SIGLA:
            page = BeautifulSoup(book.read(f"texts/{siglum}.xhtml"), "html.parser")
            for note in edition.notes_on(siglum):
                aside = page.find("aside", id=note.anchor)
                assert isinstance(aside, Tag) and "footnote" in aside["class"], note.id
                paragraph = aside.find_previous("p", class_="reading-paragraph")
                assert paragraph is not None and paragraph["id"] == note.target
                assert page.find(id=f"notemark-{note.id}") is not None
            assert "data-note" not in str(page)  # no script in the EPUB to use it
