"""The sources as a contributor meets them: ``ecdosis check`` and the model behind it."""

from __future__ import annotations

import hashlib
import re
import tomllib
from pathlib import Path

import pytest

from ecdosis.model.texts.corpus import load_corpus
from tests.conftest import ROOT, SIGLA, ecdosis_check


def test_the_repository_checks_clean() -> None:
    result = ecdosis_check(ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"ecdosis: {len(SIGLA)} texts, ")
    assert result.stdout.strip().endswith("checked, no problems.")


@pytest.mark.parametrize("siglum", SIGLA)
def test_witness_is_byte_for_byte_the_recorded_one(siglum: str) -> None:
    folder = ROOT / "sources" / siglum
    record = tomllib.loads((folder / "record.toml").read_text(encoding="utf-8"))
    digest = hashlib.sha256((folder / "witness.txt").read_bytes()).hexdigest()
    assert digest == record["witness"]["sha256"]


def test_texts_are_in_date_order_with_their_paragraphs() -> None:
    corpus, problems = load_corpus(ROOT / "sources")
    assert problems == []
    dates = [text.record.date for text in corpus.texts]
    assert dates == sorted(dates) and set(corpus.sigla) == set(SIGLA)
    anchors = [p.anchor for p in corpus["ig"].reading_text.paragraphs]
    assert anchors == [f"ig-{n}" for n in range(1, 11)]


def _edit(path: Path, old: str, new: str) -> int:
    """Replace ``old`` once in a file; return the line it stood on."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    index = text.index(old)
    path.write_text(text[:index] + new + text[index + len(old) :], encoding="utf-8")
    return text[:index].count("\n") + 1


UNRECORDED_EDITS = {
    "rw": ("gorged itself on blood", "gorged itself on blod", "rw-1", "blood.", "blod."),
    "ww": ("martial music", "military music", "ww-2", "martial", "military"),
    "fi": ("savage operation", "brutal operation", "fi-1", "savage", "brutal"),
    "ig": ("premeditated mass murder", "premeditated murder", "ig-1", "mass", ""),
    "po": ("very well prepared", "well prepared", "po-2", "very", ""),
}


@pytest.mark.parametrize("siglum", sorted(UNRECORDED_EDITS))
def test_an_unrecorded_edit_names_paragraph_and_both_readings(
    edition_copy: Path, siglum: str
) -> None:
    old, new, anchor, witness_word, edition_word = UNRECORDED_EDITS[siglum]
    line = _edit(edition_copy / "sources" / siglum / "text.md", old, new)
    result = ecdosis_check(edition_copy)
    assert result.returncode == 1
    message = result.stderr.splitlines()[0]
    assert message.startswith(f"sources/{siglum}/text.md:{line}: paragraph {anchor} differs")
    assert f"the witness reads “{witness_word}" in message
    assert f"the reading text has “{edition_word}" in message
    witness_line = int(re.search(r"witness\.txt line (\d+)", message).group(1))  # type: ignore[union-attr]
    witness = (edition_copy / "sources" / siglum / "witness.txt").read_bytes()
    assert witness_word.split()[0] in witness.decode("utf-8").split("\n")[witness_line - 1]
    assert " — " in message
    assert "Traceback" not in result.stderr


def test_an_unrecorded_space_is_refused(edition_copy: Path) -> None:
    _edit(
        edition_copy / "sources" / "ig" / "text.md",
        "Fujimori is a murderer",
        "Fuji mori is a murderer",
    )
    result = ecdosis_check(edition_copy)
    assert result.returncode == 1
    assert "paragraph ig-1 differs" in result.stderr


def test_a_rejoined_line_end_split_is_allowed_and_listed() -> None:
    corpus, _ = load_corpus(ROOT / "sources")
    rejoins = {(r.anchor, "|".join(r.parts)) for r in corpus["rw"].rejoins}
    assert ("rw-2", "Pe|ruvian") in rejoins
    assert ("rw-4", "parlia|ment") in rejoins  # across a column break


def test_every_problem_at_once_without_traceback(edition_copy: Path) -> None:
    sources = edition_copy / "sources"
    _edit(sources / "ig" / "text.md", "{#ig-3}", "{#ig-2}")  # duplicate id
    _edit(sources / "po" / "text.md", "{#po-4}\n", "")  # missing id
    _edit(sources / "rw" / "text.md", "{ocr}`his]bis`", "{ocr}`his]bas`")  # wrong witness reading
    _edit(sources / "ww" / "record.toml", 'title = "', "title = ")  # malformed TOML
    (sources / "fi" / "text.md").write_bytes(b"# Title\n\n{#fi-1}\nBad \xff byte\n")  # not UTF-8
    result = ecdosis_check(edition_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    location = re.compile(r"^sources/[a-z]+/[a-z.]+:\d+: .+ — .+$")
    problems = lines[:-1]
    assert all(location.match(line) for line in problems), problems
    text = result.stderr
    assert "sources/ig/text.md:" in text and "duplicate paragraph id 'ig-2'" in text
    assert "sources/po/text.md:" in text and "paragraph has no id" in text
    assert "{#po-10}" in text  # the fix names the next free number
    assert "sources/rw/text.md:" in text and "the witness reads “bis”" in text
    assert "sources/ww/record.toml:" in text and "malformed TOML" in text
    assert "sources/fi/text.md:4: the reading text is not valid UTF-8" in text
    assert lines[-1] == f"ecdosis: {len(problems)} problems found."


@pytest.mark.parametrize(
    ("key", "new_line", "expected"),
    [
        ("siglum", 'siglum = "xx"', "siglum 'xx' does not match the folder 'ig'"),
        ("date", 'date = "23 April 1997"', "date '23 April 1997' is not valid"),
        ("url", 'url = "javascript:alert(1)"', "url 'javascript:alert(1)' is not valid"),
        ("attribution", 'colour = "red"', "unknown key 'colour'"),
        ("title", "title = 1997", "title must be a string, not int"),
        (
            "periodical",
            'periodical = "The Internationalists"',
            "periodical 'The Internationalists' is not the beginning of publication",
        ),
    ],
)
def test_malformed_records_are_explained_at_their_line(
    edition_copy: Path, key: str, new_line: str, expected: str
) -> None:
    record = edition_copy / "sources" / "ig" / "record.toml"
    lines = record.read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines) if line.startswith(f"{key} = "))
    lines[number] = new_line
    record.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = ecdosis_check(edition_copy)
    assert result.returncode == 1
    assert result.stderr.startswith(f"sources/ig/record.toml:{number + 1}: ")
    assert expected in result.stderr.splitlines()[0]


def test_a_missing_record_key_is_named(edition_copy: Path) -> None:
    record = edition_copy / "sources" / "ig" / "record.toml"
    lines = record.read_text(encoding="utf-8").splitlines()
    record.write_text(
        "\n".join(line for line in lines if not line.startswith("rights = ")), encoding="utf-8"
    )
    result = ecdosis_check(edition_copy)
    assert "sources/ig/record.toml:1: missing key 'rights' — add rights = …" in result.stderr


def test_an_edited_witness_is_refused(edition_copy: Path) -> None:
    witness = edition_copy / "sources" / "po" / "witness.txt"
    witness.write_bytes(witness.read_bytes().replace(b"Roberto", b"Alberto"))
    result = ecdosis_check(edition_copy)
    assert result.returncode == 1
    assert "sources/po/witness.txt:1: the witness's sha256 is" in result.stderr
    assert "witnesses are never edited" in result.stderr


def test_markdown_formatting_in_a_reading_text_is_refused(edition_copy: Path) -> None:
    line = _edit(
        edition_copy / "sources" / "ig" / "text.md",
        "Fujimori is a murderer",
        "*Fujimori* is a murderer",
    )
    result = ecdosis_check(edition_copy)
    assert f"sources/ig/text.md:{line}: unescaped '*'" in result.stderr
