"""``annotations/`` is untrusted: every file of the hostile corpus is refused, with a message
naming it, by ``ecdosis check`` and by the build alike, and nothing of it reaches any output.

The corpus is ``tests/hostile/``: note files (each placed in ``annotations/ig/``) and
bibliography entries (each appended to ``annotations/references.bib``). Cases that cannot be
committed as plain files (invalid UTF-8, NUL bytes, absurd sizes, links) are made here.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import ecdosis_check, sphinx_build

HOSTILE = Path(__file__).parent / "hostile"

# Each case of the corpus, and words the message about it must contain.
NOTES = {
    "raw-html-block": "raw HTML",
    "raw-html-inline": "raw HTML",
    "raw-directive": "a code block or directive",
    "include-directive": "a code block or directive",
    "literalinclude-colon": "a directive",
    "eval-rst": "a code block or directive",
    "raw-role": "the role {raw} is not available",
    "download-role": "the role {download} is not available",
    "image": "an image",
    "javascript-link": "is not an http or https address",
    "data-link": "is not an http or https address",
    "file-link": "is not an http or https address",
    "heading": "a heading",
    "target": "a target",
    "footnote": "footnote",
    "substitution": "a substitution",
    "horizontal-rule": "a horizontal rule",
    "empty-body": "the note has no text",
    "myst-settings": "unknown key 'myst'",
    "html-meta": "unknown key 'html_meta'",
    "yaml-broken": "not valid YAML",
    "yaml-alias-bomb": "anchor or alias",
    "yaml-python-tag": "YAML tag",
    "yaml-deep": "nested too deeply",
    "yaml-not-mapping": "not a list of 'key: value' lines",
    "duplicate-key": "the key 'target' is given twice",
    "no-front-matter": "does not start with front matter",
    "unclosed-front-matter": "front matter is not closed",
    "missing-key": "the key 'quote' is missing",
    "wrong-type": "occurrence: 'second' is not valid (expected integer)",
    "unknown-kind": "kind: 'opinion' is not valid",
    "no-sources": "a context note needs 'sources'",
    "unknown-source": "'nosuchwork2026' is not in annotations/references.bib",
    "missing-quote": "the quote is not in the reading text of ig-2",
    "ambiguous-quote": "the quote occurs",
    "crossing-quote": "the quote runs on from ig-1 into ig-2",
    "occurrence-too-high": "occurrence 3 asked",
    "wrong-target": "there is no paragraph 'ig-99'",
    "author-html": "author:",
    "bad-date": "is not a real date",
    "bad-id": "id: 'IG_Bad Id' is not valid",
    "other-text": "does not start with this text's siglum",
    "duplicate-id": "the id 'ig-mrta' is already used by ig-mrta.md",
}
MADE_HERE = {
    "invalid-utf8": "is not valid UTF-8",
    "nul-byte": "contains a NUL byte",
    "absurd-size": "larger than 64 kB",
    "symbolic-link": "a symbolic link",
}
BIBLIOGRAPHY = {
    "tex-command": "a backslash (a TeX command)",
    "javascript-url": "the url is not an http or https address",
    "broken": "not valid BibTeX",
    "repeated-key": "not valid BibTeX",
    "unknown-field": "unknown field(s): abstract",
    "missing-title": "the field 'title' is missing",
}


def test_the_corpus_has_a_message_for_every_file() -> None:
    assert {path.stem.removeprefix("ig-") for path in (HOSTILE / "notes").glob("*.md")} == set(
        NOTES
    )
    assert {path.stem for path in (HOSTILE / "bibliography").glob("*.bib")} == set(BIBLIOGRAPHY)


def _plant(root: Path, case: str) -> Path:
    """Put one hostile case into a copy of the edition; return the file to be named."""
    folder = root / "annotations" / "ig"
    if case in NOTES:
        path = folder / f"ig-{case}.md"
        shutil.copy(HOSTILE / "notes" / path.name, path)
        return path
    if case in BIBLIOGRAPHY:
        path = root / "annotations" / "references.bib"
        with path.open("a", encoding="utf-8") as bib:
            bib.write("\n" + (HOSTILE / "bibliography" / f"{case}.bib").read_text("utf-8"))
        return path
    path = folder / f"ig-{case}.md"
    valid = (HOSTILE / "notes" / "ig-missing-quote.md").read_text("utf-8")
    valid = valid.replace("ig-missing-quote", f"ig-{case}").replace(
        "dissolved the elected parliament", "dispersed the elected congress"
    )
    if case == "invalid-utf8":
        path.write_bytes(valid.encode() + b"The congress \xff\xfe was dispersed.\n")
    elif case == "nul-byte":
        path.write_bytes(valid.encode() + b"The congress\x00 was dispersed.\n")
    elif case == "absurd-size":
        path.write_text(valid + ("All work and no play. " * 4000) + "\n", encoding="utf-8")
    else:
        os.symlink("/etc/passwd", path)
    return path


CASES = sorted([*NOTES, *MADE_HERE, *(f"bib:{case}" for case in BIBLIOGRAPHY)])


def _case(case: str) -> tuple[str, str]:
    name = case.removeprefix("bib:")
    if case.startswith("bib:"):
        return name, BIBLIOGRAPHY[name]
    return name, {**NOTES, **MADE_HERE}[name]


@pytest.mark.parametrize("case", CASES)
def test_make_check_refuses_it(edition_copy: Path, case: str) -> None:
    name, expected = _case(case)
    path = _plant(edition_copy, name)
    result = ecdosis_check(edition_copy)
    shown = os.path.relpath(path, edition_copy)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith(f"{shown}:")]
    assert any(expected in line for line in lines), result.stderr
    assert all(" — " in line for line in lines)  # what is wrong — how to fix


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
def test_the_build_refuses_it_and_writes_nothing(
    edition_copy: Path, tmp_path: Path, case: str
) -> None:
    name, expected = _case(case)
    path = _plant(edition_copy, name)
    out = tmp_path / "html"
    result = sphinx_build(edition_copy, "html", out)
    shown = os.path.relpath(path, edition_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert any(
        line.startswith(f"{shown}:") and expected in line for line in result.stderr.splitlines()
    ), result.stderr
    assert "Nothing was built." in result.stderr
    assert not out.exists() or not any(out.rglob("*.html"))


@pytest.mark.slow
@pytest.mark.parametrize("builder", ["latex", "epub"])
def test_other_builders_refuse_it_too(edition_copy: Path, tmp_path: Path, builder: str) -> None:
    path = _plant(edition_copy, "raw-html-block")
    out = tmp_path / builder
    result = sphinx_build(edition_copy, builder, out)
    assert result.returncode == 1
    assert f"{os.path.relpath(path, edition_copy)}:" in result.stderr
    assert not out.exists() or not [p for p in out.rglob("*") if p.is_file()]
