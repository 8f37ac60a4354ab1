"""The register of published anchors is contributed input: its pages must be pages of the
edition, every key and value is matched whole, nothing the build writes for it lies outside
the output folder, and any register the check accepts is written back unchanged."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecdosis.ext.publication.output_files import (
    OutputFolder,
    OutsideOutput,
    output_file,
    write_if_changed,
)
from ecdosis.model.problems import Problem
from ecdosis.model.publication.register import (
    ADDRESS,
    ANCHOR,
    KINDS,
    PAGE,
    SPHINX_PAGES,
    AnchorRegister,
    RegisteredAnchor,
    Version,
    dump_register,
    load_register,
    reads_back,
    written_register,
)
from ecdosis.model.texts.characters import refusals
from tests.conftest import build_small

REGISTER = """[versions]
"0.1" = {{ date = "2026-11-21" }}

[anchors.{page}]
{anchor} = {{ kind = "section", since = "0.1"{extra} }}
"""


def problems_in(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "anchor-register.toml"
    path.write_text(text, encoding="utf-8")
    problems: list[Problem] = []
    load_register(path, problems)
    return [problem.format(tmp_path) for problem in problems]


@pytest.mark.parametrize(
    "page",
    [
        '"./index"',
        '"../outside"',
        '"texts/../../outside"',
        '"/etc/passwd"',
        '"_static/moved"',
        '".hidden"',
        '"texts//ig"',
        '"genindex"',
        '"search"',
        '"index\\n"',
        '"in dex"',
        '"index\\u202e"',
        '""',
    ],
)
def test_a_page_that_is_not_a_page_of_the_edition_is_refused(tmp_path: Path, page: str) -> None:
    text = REGISTER.format(page=page, anchor="moved", extra=', forward = "index#a-small-edition"')
    problems = problems_in(tmp_path, text)
    assert any(
        p.startswith("anchor-register.toml:4: the page") and "is not a page of the edition" in p
        for p in problems
    ), problems


@pytest.mark.parametrize("anchor", ['"a b"', '"-x"', '"x\\n"', '"ig-1\\u202e"', '"a#b"'])
def test_an_anchor_that_is_no_id_is_refused(tmp_path: Path, anchor: str) -> None:
    problems = problems_in(tmp_path, REGISTER.format(page='"index"', anchor=anchor, extra=""))
    assert any(
        p.startswith("anchor-register.toml:5: index#") and "is not an anchor" in p for p in problems
    ), problems


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (', forward = "texts/tx#tx-1\\n"', "is not an address"),
        (', forward = "../x#y"', "is not an address"),
        (', fingerprint = "not-hex"', "the fingerprint is not 16 hexadecimal digits"),
        (', changed = "0.2"', "must be versions"),
        (', retired = "0.1\\n"', "must be versions"),
        (", since2 = 1", "unknown key 'since2'"),
    ],
)
def test_a_value_of_an_entry_is_matched_whole(tmp_path: Path, extra: str, expected: str) -> None:
    problems = problems_in(tmp_path, REGISTER.format(page='"index"', anchor="a", extra=extra))
    assert any(p.startswith("anchor-register.toml:5: ") and expected in p for p in problems), (
        problems
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("anchors = 3\n", "[versions] and [anchors] must be tables"),
        ('[anchors]\n"index" = 3\n', "the page 'index' is not a table"),
        ("[other]\nx = 1\n", "unknown table 'other'"),
        ('[versions]\n"0.1" = { date = "2026-11-21", summary = "a\\u202eb" }\n', "U+202E"),
        ('[versions]\n"0.1" = { date = "2026-11-21\\n" }\n', "version '0.1' is malformed"),
        ('[versions]\n"0.1\\n" = { date = "2026-11-21" }\n', "is malformed"),
    ],
)
def test_the_shape_of_the_register_is_checked(tmp_path: Path, text: str, expected: str) -> None:
    problems = problems_in(tmp_path, text)
    assert any(expected in p for p in problems), problems
    assert all(" — " in p for p in problems)


def test_a_register_that_is_a_link_is_refused_even_when_it_points_nowhere(tmp_path: Path) -> None:
    path = tmp_path / "anchor-register.toml"
    path.symlink_to(tmp_path / "elsewhere" / "register.toml")
    problems: list[Problem] = []
    load_register(path, problems)
    assert [p.message for p in problems] == ["the register is a symbolic link"]


def test_output_files_stay_inside_the_output_folder(tmp_path: Path) -> None:
    assert output_file(tmp_path, "texts/tx.html") == (tmp_path / "texts" / "tx.html").resolve()
    for outside in ("../x.html", "/etc/x.html", "texts/../../x.html", "."):
        with pytest.raises(OutsideOutput):
            output_file(tmp_path, outside)


def test_a_folder_of_many_output_files_gives_the_same_paths_and_refusals(tmp_path: Path) -> None:
    root, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    (root / "texts").mkdir(parents=True)
    elsewhere.mkdir()
    (root / "away").symlink_to(elsewhere)  # a folder that leads out
    (root / "texts" / "gone.html").symlink_to(elsewhere / "gone.html")  # a file that does
    (root / "texts" / "here.html").symlink_to(root / "texts" / "tx.html")  # one that stays
    folder = OutputFolder(root)
    for inside in ("texts/tx.html", "index.html", "api/dts/a;down=1/b.json", "texts/here.html"):
        assert folder.file(inside) == output_file(root, inside)
    outside = ("../x.html", "/etc/x.html", "texts/../../x.html", ".", "away/x.html")
    for name in (*outside, "texts/gone.html", "texts/.."):
        with pytest.raises(OutsideOutput):
            output_file(root, name)
        with pytest.raises(OutsideOutput):
            folder.file(name)


def _retire_on_page(root: Path, page: str) -> None:
    register = root / "anchor-register.toml"
    register.write_text(
        register.read_text("utf-8")
        + f'\n[anchors."{page}"]\nmoved = {{ kind = "section", since = "0.1", retired = "0.1", '
        'forward = "texts/tx#tx-1" }\n',
        encoding="utf-8",
    )


def test_a_page_differing_from_a_page_of_the_edition_only_in_case_is_refused(
    small: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _retire_on_page(small, "Index")
    with pytest.raises(SystemExit):
        build_small(small, "html")
    err = capsys.readouterr().err
    assert "anchor-register.toml:" in err
    assert "the page 'Index' differs from the edition's page 'index' only in case" in err
    assert not (small / "_build" / "html" / "html" / "index.html").exists()


def test_a_page_no_longer_in_the_edition_forwards_inside_the_output(small: Path) -> None:
    _retire_on_page(small, "old/page")
    out = build_small(small, "html")
    forwarding = out / "old" / "page.html"
    assert "tx.html#tx-1" in forwarding.read_text("utf-8")
    index = (out / "index.html").read_text("utf-8")
    assert "no longer part of the edition" not in index


# Any register the check accepts is written back as it was read.
_pages = st.from_regex(PAGE, fullmatch=True).filter(lambda page: page not in SPHINX_PAGES)
_anchors = st.from_regex(ANCHOR, fullmatch=True)
_versions = st.from_regex(r"[0-9]{1,3}(\.[0-9]{1,3}){0,2}", fullmatch=True)
_entries = st.builds(
    RegisteredAnchor,
    page=_pages,
    anchor=_anchors,
    kind=st.sampled_from(KINDS),
    since=_versions,
    fingerprint=st.sampled_from(["", "0123456789abcdef"]),
    changed=st.lists(_versions, max_size=2).map(tuple),
    retired=st.sampled_from(["", "0.2"]),
    forward=st.one_of(st.just(""), st.from_regex(ADDRESS, fullmatch=True)),
)
_summaries = st.text(
    st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"]), min_size=1, max_size=40
).filter(lambda s: s.strip() and not list(refusals(s)))


@settings(max_examples=60, deadline=None)
@given(
    entries=st.lists(_entries, max_size=12, unique_by=lambda e: (e.page, e.anchor)),
    summary=_summaries,
)
def test_any_register_the_check_accepts_round_trips(
    tmp_path_factory: pytest.TempPathFactory, entries: list[RegisteredAnchor], summary: str
) -> None:
    folder = tmp_path_factory.mktemp("register")
    path = folder / "anchor-register.toml"
    register = AnchorRegister(
        path,
        {"0.1": Version("0.1", "2026-11-21", summary)},
        {(e.page, e.anchor): e for e in entries},
    )
    text = dump_register(register)
    path.write_text(text, encoding="utf-8")
    problems: list[Problem] = []
    loaded = load_register(path, problems)
    assert problems == []
    assert {
        key: (e.kind, e.since, e.fingerprint, e.changed, e.retired, e.forward)
        for key, e in loaded.anchors.items()
    } == {
        key: (e.kind, e.since, e.fingerprint, e.changed, e.retired, e.forward)
        for key, e in register.anchors.items()
    }
    assert loaded.versions["0.1"].summary == summary
    assert dump_register(loaded) == text
    assert os.path.getsize(path) == len(text.encode("utf-8"))
    # what a build that writes the register keeps of it is what reading it gives, lines and all
    assert written_register(register) == (text, loaded)
    assert reads_back(AnchorRegister(path), loaded, text)


@pytest.mark.parametrize("page", ["./index", "../outside"])
def test_the_build_refuses_a_page_outside_the_edition_and_writes_nothing(
    small: Path, capsys: pytest.CaptureFixture[str], page: str
) -> None:
    _retire_on_page(small, page)
    with pytest.raises(SystemExit):
        build_small(small, "html")
    err = capsys.readouterr().err
    assert f"the page '{page}' is not a page of the edition" in err
    assert "Nothing was built." in err
    assert not list((small / "_build").rglob("*.html"))
    assert not (small / "_build" / "html" / "outside.html").exists()


def test_an_output_file_is_written_only_when_its_content_changes(tmp_path: Path) -> None:
    path = tmp_path / "api" / "dts" / "entry.json"
    write_if_changed(path, "{“é”}\n")  # its folders are made
    assert path.read_text("utf-8") == "{“é”}\n"
    os.utime(path, ns=(1, 1))
    write_if_changed(path, "{“é”}\n")
    assert path.stat().st_mtime_ns == 1  # the same content: the file is left as it was
    write_if_changed(path, "{}\n")
    assert path.read_text("utf-8") == "{}\n" and path.stat().st_mtime_ns != 1
