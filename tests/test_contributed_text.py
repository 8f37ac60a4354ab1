"""One rule for contributed text, in every field and body of every kind of contributed file:
characters XML and TeX cannot hold, invisible and direction characters, fields that show
nothing, and values matched whole (no trailing newline). Each is refused as ``path:line``.

These run on the model (no Sphinx) over the small test edition, in milliseconds.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ecdosis.model.edition import load_edition
from ecdosis.model.problems import Problem
from ecdosis.model.publication.register import load_register
from ecdosis.model.texts.characters import refusals
from tests.conftest import ROOT, build_small

NOTE = """---
id: tx-probe
target: tx-2
quote: "the hostages"
kind: context
sources: [sims1997]
author: "{value}"
date: 2026-11-20
---
{body}
"""
ENTITY = """---
id: probe
name: "Probe"
type: person
description: "{value}"
wikidata: ""
aliases: ["president"]
sources: [sims1997]
---
"""
TERM = """---
id: probe
term: "{value}"
aliases: ["hostages"]
sources: [sims1997]
---
{body}
"""
EVENT = """---
id: probe
date: "1997-04-23"
title: "{value}"
sources: [sims1997]
---
{body}
"""
TOPIC = """---
id: probe
title: "{value}"
order: 2
passages:
  - {{target: tx-3, quote: "names Lima"}}
  - {{target: ty-2, quote: "ends here"}}
sources: [sims1997]
---
{body}
"""
# Each kind: where its file goes, its template, the line of the field that holds the value
# and the line its body starts on (0: no body).
KINDS = {
    "note": ("annotations/tx/tx-probe.md", NOTE, 7, 10),
    "entity": ("annotations/entities/probe.md", ENTITY, 5, 0),
    "term": ("annotations/glossary/probe.md", TERM, 3, 7),
    "event": ("annotations/timeline/probe.md", EVENT, 4, 7),
    "topic": ("annotations/topics/probe.md", TOPIC, 3, 10),
}
FINE = "A plain value"
# What is written (raw, or as a YAML escape in the quoted field), and what the message says.
CHARACTERS = {
    "control": ("\x01", "\\x01", "the control character U+0001"),
    "delete": ("\x7f", "\\x7f", "the control character U+007F"),
    "c1-control": ("\x85", "\\x85", "the control character U+0085"),
    "noncharacter": ("\ufffe", "\\ufffe", "U+FFFE, which is a noncharacter"),
    "private-use": ("\ue000", "\\ue000", "the private-use character U+E000"),
    "bidi-override": ("\u202e", "\\u202e", "the invisible character U+202E (RIGHT-TO-LEFT"),
    "zero-width-space": ("\u200b", "\\u200b", "the invisible character U+200B (ZERO WIDTH"),
    "line-separator": ("\u2028", "\\u2028", "the separator U+2028"),
    "cjk": ("北", "\\u5317", "U+5317 (CJK UNIFIED IDEOGRAPH-5317), which the fonts of the PDF"),
    "right-to-left": ("ש", "\\u05e9", "the right-to-left letter U+05E9 (HEBREW LETTER SHIN)"),
    "emoji": ("😀", "\\U0001F600", "U+1F600 (GRINNING FACE), which the fonts of the PDF"),
}


def problems_of(root: Path) -> list[str]:
    _, problems = load_edition(root / "sources", root / "annotations")
    return [problem.format(root) for problem in problems]


def plant(root: Path, kind: str, value: str = FINE, body: str = "A plain body.") -> Path:
    where, template, _, _ = KINDS[kind]
    path = root / where
    path.write_bytes(template.format(value=value, body=body).encode("utf-8", "surrogatepass"))
    return path


def assert_refused(root: Path, path: Path, line: int, expected: str) -> None:
    problems = problems_of(root)
    prefix = f"{os.path.relpath(path, root)}:{line}: "
    assert any(p.startswith(prefix) and expected in p for p in problems), problems
    assert all(" — " in p for p in problems)


@pytest.mark.parametrize("kind", KINDS)
def test_a_plain_file_of_each_kind_is_accepted(small: Path, kind: str) -> None:
    plant(small, kind)
    assert problems_of(small) == []


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("case", CHARACTERS)
def test_a_character_written_raw_in_a_field_is_refused(small: Path, kind: str, case: str) -> None:
    raw, _, expected = CHARACTERS[case]
    path = plant(small, kind, f"A{raw}B")
    assert_refused(small, path, KINDS[kind][2], expected)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("case", CHARACTERS)
def test_a_character_written_as_a_yaml_escape_is_refused(small: Path, kind: str, case: str) -> None:
    _, escape, expected = CHARACTERS[case]
    path = plant(small, kind, f"A{escape}B")
    assert_refused(small, path, KINDS[kind][2], expected)


@pytest.mark.parametrize("kind", [kind for kind, (_, _, _, body) in KINDS.items() if body])
@pytest.mark.parametrize("case", CHARACTERS)
def test_a_character_in_a_body_is_refused(small: Path, kind: str, case: str) -> None:
    raw, _, expected = CHARACTERS[case]
    path = plant(small, kind, body=f"First line.\nA{raw}B")
    assert_refused(small, path, KINDS[kind][3] + 1, expected)


@pytest.mark.parametrize("kind", [kind for kind, (_, _, _, body) in KINDS.items() if body])
def test_a_character_reference_in_a_body_is_read_as_its_character(small: Path, kind: str) -> None:
    path = plant(small, kind, body="Reads &#x202E;backwards.")
    assert_refused(small, path, KINDS[kind][3], "the invisible character U+202E")


def test_a_lone_surrogate_escape_is_refused(small: Path) -> None:
    path = plant(small, "note", "A\\ud800B")
    assert_refused(small, path, 7, "a lone surrogate U+D800")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("invisible", ["\u3164", "\\u200f", "\u0301\u0301", "\\u200d", "\u00a0"])
def test_a_field_that_shows_nothing_is_refused(small: Path, kind: str, invisible: str) -> None:
    path = plant(small, kind, invisible)
    problems = problems_of(small)
    line = f"{os.path.relpath(path, small)}:{KINDS[kind][2]}: "
    assert any(p.startswith(line) for p in problems), problems


def test_an_index_sort_key_of_a_direction_mark_is_refused(small: Path) -> None:
    path = plant(small, "entity", "A person.")
    path.write_text(
        path.read_text("utf-8").replace("type: person", 'type: person\nsort: "\\u200f"'), "utf-8"
    )
    assert_refused(small, path, 5, "sort contains the invisible character U+200F")


@pytest.mark.parametrize("kind", [kind for kind, (_, _, _, body) in KINDS.items() if body])
def test_a_body_that_shows_nothing_is_refused(small: Path, kind: str) -> None:
    path = plant(small, kind, body="\u0301 \u0301")  # marks with nothing to mark
    assert_refused(small, path, KINDS[kind][3], "shows no text")


def test_joiners_inside_a_word_are_kept_and_alone_refused() -> None:
    assert list(refusals("Auf\u200clage")) == []  # German: no ligature across the parts
    assert list(refusals("f\u200di")) == []
    assert [r.offset for r in refusals("\u200dword")] == [0]
    assert [r.offset for r in refusals("word \u200c")] == [5]


# Values matched whole: a trailing newline passes no pattern.
@pytest.mark.parametrize(
    ("field", "value", "line"),
    [
        ("id", '"tx-probe\\n"', 2),
        ("target", '"tx-2\\n"', 3),
        ("date", '"2026-11-20\\n"', 8),
    ],
)
def test_a_trailing_newline_passes_no_pattern(
    small: Path, field: str, value: str, line: int
) -> None:
    path = plant(small, "note")
    text = path.read_text("utf-8").split("\n")
    text[line - 1] = f"{field}: {value}"
    path.write_text("\n".join(text), "utf-8")
    assert_refused(small, path, line, f"{field}: ")


def test_a_file_named_with_a_newline_is_refused(small: Path) -> None:
    path = small / "annotations" / "entities" / "probe\n.md"
    path.write_text(ENTITY.format(value="A person.").replace("id: probe", 'id: "probe\\n"'))
    problems = problems_of(small)
    assert any(p.startswith("annotations/entities/probe\\n.md:2: id: ") for p in problems)


def test_a_registry_sibling_of_a_trailing_newline_is_refused(small: Path) -> None:
    path = plant(small, "event")
    path.write_text(path.read_text("utf-8").replace('"1997-04-23"', '"1997-04-23\\n"'))
    assert_refused(small, path, 3, "date: ")


def test_a_line_of_the_report_is_one_line_whatever_the_names(small: Path) -> None:
    folder = small / "annotations" / "x\u202ey\nz"
    folder.mkdir()
    (folder / "note.md").write_text("---\n---\n")
    problems = problems_of(small)
    assert any("annotations/x\\u202ey\\nz/note.md:1:" in p for p in problems), problems
    assert all("\n" not in p and "\u202e" not in p for p in problems)


# Files a contributor's editor may have saved oddly: each message says what is wrong.
def test_a_byte_order_mark_is_named(small: Path) -> None:
    path = plant(small, "note")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert_refused(small, path, 1, "starts with a byte-order mark")


def test_line_ends_of_old_mac_files_are_named(small: Path) -> None:
    path = plant(small, "term")
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r"))
    assert_refused(small, path, 1, "carriage returns (CR) for line ends")


def test_windows_line_ends_are_accepted(small: Path) -> None:
    path = plant(small, "note")
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert problems_of(small) == []


def test_a_stray_carriage_return_is_refused(small: Path) -> None:
    path = plant(small, "note", body="A body\rwith a stray return.")
    assert_refused(small, path, 10, "a carriage return (U+000D) that does not end a line")


def test_an_unknown_folder_names_a_file_that_exists(small: Path) -> None:
    folder = small / "annotations" / "notes-for-tx"
    folder.mkdir()
    (folder / "tx-a.md").write_text("---\n---\n")
    problems = problems_of(small)
    assert any(p.startswith("annotations/notes-for-tx/tx-a.md:1: the folder") for p in problems)


# The bibliography: the same rule in its fields.
BIB = """
@misc{{probe2026,
  author = {{A. Person}},
  title = {{{value}}},
  howpublished = {{A web page}},
  year = {{2026}}
}}
"""


@pytest.mark.parametrize("case", CHARACTERS)
def test_a_character_in_a_bibliography_field_is_refused(small: Path, case: str) -> None:
    raw, _, expected = CHARACTERS[case]
    bib = small / "annotations" / "references.bib"
    lines = len(bib.read_text("utf-8").split("\n"))
    bib.write_text(bib.read_text("utf-8") + BIB.format(value=f"A{raw}B"), "utf-8")
    assert_refused(small, bib, lines + 3, expected)


@pytest.mark.parametrize("value", ["{}", "\u0301", "{\u0301}"])
def test_a_bibliography_field_that_shows_nothing_is_refused(small: Path, value: str) -> None:
    bib = small / "annotations" / "references.bib"
    lines = len(bib.read_text("utf-8").split("\n"))
    bib.write_text(bib.read_text("utf-8") + BIB.format(value=value), "utf-8")
    assert_refused(small, bib, lines + 3, "the field 'title' shows nothing")


def test_the_characters_of_the_pdf_are_those_its_fonts_show() -> None:
    """``data/pdf-characters.txt`` is what ``tools/pdf-charset.py`` reads from the fonts."""
    written = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "pdf-charset.py")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert written == (ROOT / "src" / "ecdosis" / "data" / "pdf-characters.txt").read_text("utf-8")


def test_the_build_refuses_a_lone_surrogate_with_its_line_and_no_traceback(
    small: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plant(small, "note", "A\\ud800B")
    with pytest.raises(SystemExit):
        build_small(small, "html")
    err = capsys.readouterr().err
    assert "annotations/tx/tx-probe.md:7: author contains a lone surrogate U+D800" in err
    assert "Traceback" not in err
    assert "Nothing was built." in err
    assert not list((small / "_build").rglob("*.html"))


@pytest.mark.parametrize("case", ["control", "bidi-override", "line-separator"])
def test_a_character_in_the_register_is_refused(small: Path, case: str) -> None:
    raw, _, expected = CHARACTERS[case]
    register = small / "anchor-register.toml"
    register.write_text(register.read_text("utf-8") + f"# a comment{raw}\n", encoding="utf-8")
    line = len(register.read_text("utf-8").split("\n")) - 1
    problems: list[Problem] = []
    load_register(register, problems)
    shown = [problem.format(small) for problem in problems]
    assert any(p.startswith(f"anchor-register.toml:{line}: ") and expected in p for p in shown), (
        shown
    )


@pytest.mark.parametrize(
    ("field", "value"), [("sort", "Peru; Lima"), ("name", "A; B"), ("sort", "!Main")]
)
def test_an_index_key_that_sphinx_would_split_is_refused(
    small: Path, field: str, value: str
) -> None:
    path = plant(small, "entity", "A person.")
    text = path.read_text("utf-8")
    text = text.replace(
        'name: "Probe"',
        f'name: "{value}"' if field == "name" else 'name: "Probe"\nsort: "' + value + '"',
    )
    path.write_text(text, "utf-8")
    line = 3 if field == "name" else 4
    assert_refused(small, path, line, f"the {field} {value!r} is the entity's entry in the index")


def test_a_word_joined_by_thin_spaces_is_one_word_for_tex(small: Path) -> None:
    """XeTeX breaks lines only at spaces and hyphens: U+2009 and its like join a word."""
    path = plant(small, "note", body="Words " + "\u2009".join(["abcdefghij"] * 9))
    assert_refused(small, path, 10, "the note has a word of 98 characters")


# BibTeX reads some characters as markup: each is shown as typed or refused, never swallowed.
@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("title", "Sale of 50% off", "a bare '%', which starts a comment in BibTeX"),
        ("title", "{50%}", "a bare '%'"),
        ("note", "About ~5 years", "a '~', which BibTeX sets as a space"),
        ("title", "What?` he asked", "a '`', which BibTeX turns into a quotation mark"),
        ("url", "https://example.org/a$b", "which the PDF cannot set in an address"),
        ("url", "https://example.org/{x}", "which the PDF cannot set in an address"),
        ("url", "https://example.org/a b", "which the PDF cannot set in an address"),
    ],
)
def test_what_bibtex_would_swallow_is_refused(
    small: Path, field: str, value: str, expected: str
) -> None:
    bib = small / "annotations" / "references.bib"
    entry = BIB.format(value="A title").replace("}\n}", "},\n  " + field + " = {" + value + "}\n}")
    if field == "title":
        entry = BIB.format(value=value)
    bib.write_text(bib.read_text("utf-8") + entry, "utf-8")
    problems = problems_of(small)
    assert any(p.startswith("annotations/references.bib:") and expected in p for p in problems), (
        problems
    )


def test_a_per_cent_sign_is_written_with_its_escape(small: Path) -> None:
    bib = small / "annotations" / "references.bib"
    bib.write_text(bib.read_text("utf-8") + BIB.format(value="Sale of 50\\% off"), "utf-8")
    assert problems_of(small) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("% @misc{ghost, title = {A ghost}}\n", "text outside its entries"),
        ("A stray line between entries.\n", "text outside its entries"),
        ("@comment{@misc{ghost, title = {A ghost}}}\n", "has an @comment"),
        ('@string{nyt = "The New York Times"}\n', "has an @string"),
        ("@preamble{ {\\relax} }\n", "has an @preamble"),
    ],
)
def test_what_bibtex_hides_between_entries_is_refused(
    small: Path, text: str, expected: str
) -> None:
    bib = small / "annotations" / "references.bib"
    lines = len(bib.read_text("utf-8").split("\n"))
    bib.write_text(bib.read_text("utf-8") + text, "utf-8")
    assert_refused(small, bib, lines, expected)


def test_an_invisible_character_leaves_the_rest_of_the_file_checked(small: Path) -> None:
    path = plant(small, "note", "A\\u202eB", body="A body\u200b with a zero-width space.")
    assert problems_of(small) == [
        "annotations/tx/tx-probe.md:7: author contains the invisible character U+202E "
        "(RIGHT-TO-LEFT OVERRIDE) — remove it: the direction of a script comes from its letters",
        "annotations/tx/tx-probe.md:10: the note file contains the invisible character U+200B "
        "(ZERO WIDTH SPACE) — remove it, or write an ordinary space",
    ]
    assert path.exists()
