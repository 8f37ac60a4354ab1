"""``annotations/`` is untrusted: every file of the hostile corpus is refused, with a message
naming it at its line, before anything is built.

The corpus is ``tests/hostile/``: note files and bibliography entries. Cases that cannot be
committed as plain files (invalid UTF-8, NUL bytes, absurd sizes, links) are made here.

The refusal is the model's (:func:`ecdosis.model.edition.load_edition`), reached alike by
``ecdosis check`` and by the build before any builder exists: every case runs on the model, in
this process, over the small test edition; one goes through ``ecdosis check`` and one through a
real Sphinx build, for the wiring. (That accepted but odd input reaches no output is
``test_accepted_builds.py``'s.)
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ecdosis.model.edition import load_edition
from tests.conftest import SMALL, build_small

HOSTILE = Path(__file__).parent / "hostile"

# Each case of the corpus: the line of its file the message is about, and words the message
# must contain. The corpus is written against the edition's text ``ig``.
NOTES = {
    "raw-html-block": (9, "raw HTML"),
    "raw-html-inline": (9, "raw HTML"),
    "raw-directive": (9, "a code block or directive"),
    "include-directive": (9, "a code block or directive"),
    "literalinclude-colon": (9, "a directive"),
    "eval-rst": (9, "a code block or directive"),
    "raw-role": (9, "the role {raw} is not available"),
    "download-role": (9, "the role {download} is not available"),
    "image": (9, "an image"),
    "javascript-link": (9, "is not an http or https address"),
    "data-link": (9, "is not an http or https address"),
    "file-link": (9, "is not an http or https address"),
    "heading": (9, "a heading"),
    "target": (9, "a target"),
    "footnote": (9, "footnote"),
    "substitution": (9, "a substitution"),
    "horizontal-rule": (11, "a horizontal rule"),
    "empty-body": (9, "the note has no text"),
    "myst-settings": (8, "unknown key 'myst'"),
    "html-meta": (8, "unknown key 'html_meta'"),
    "yaml-broken": (7, "not valid YAML"),
    "yaml-alias-bomb": (8, "anchor or alias"),
    "yaml-python-tag": (2, "YAML tag"),
    "yaml-deep": (4, "nested too deeply"),
    "yaml-not-mapping": (2, "not a list of 'key: value' lines"),
    "duplicate-key": (4, "the key 'target' is given twice"),
    "no-front-matter": (1, "does not start with front matter"),
    "unclosed-front-matter": (1, "front matter is not closed"),
    "missing-key": (8, "the key 'quote' is missing"),
    "wrong-type": (5, "occurrence: 'second' is not valid (expected integer)"),
    "unknown-kind": (5, "kind: 'opinion' is not valid"),
    "no-sources": (8, "a context note needs 'sources'"),
    "unknown-source": (5, "'nosuchwork2026' is not in annotations/references.bib"),
    "missing-quote": (4, "the quote is not in the reading text of ig-2"),
    "ambiguous-quote": (4, "the quote occurs"),
    "crossing-quote": (4, "the quote runs on from ig-1 into ig-2"),
    "occurrence-too-high": (5, "occurrence 3 asked"),
    "wrong-target": (3, "there is no paragraph 'ig-99'"),
    "author-html": (6, "author:"),
    "bad-date": (7, "is not a real date"),
    "bad-id": (2, "id: 'IG_Bad Id' is not valid"),
    "other-text": (2, "does not start with this text's siglum"),
    "duplicate-id": (2, "the id 'ig-mrta' is already used by ig-mrta.md"),
}
MADE_HERE = {
    "invalid-utf8": (10, "is not valid UTF-8"),
    "nul-byte": (10, "contains a NUL byte"),
    "absurd-size": (1, "larger than 64 kB"),
    "symbolic-link": (1, "a symbolic link"),
}
# The line is that of the entry's own file, appended to the bibliography.
BIBLIOGRAPHY = {
    "tex-command": (3, "a backslash (a TeX command)"),
    "javascript-url": (1, "the url is not an http or https address"),
    "broken": (4, "not valid BibTeX"),
    "repeated-key": (7, "not valid BibTeX"),  # the second entry of the key
    "unknown-field": (1, "unknown field(s): abstract"),
    "missing-title": (1, "the field 'title' is missing"),
}

# The small edition's texts are ``tx`` (three paragraphs) and ``ty``: each case, and its message,
# is moved onto them word for word, with the same lines. Its own note is tx-assault; tx-2 has
# "speaks of the hostages" once and "the" twice; tx-1 ends "the president spoke.".
ADAPT = (
    ("ig-mrta", "tx-assault"),
    ("ig-", "tx-"),
    ("po-", "ty-"),
    ("dispersed the elected congress", "speaks of the hostages"),
    ("capitalist governments. Celebrating the murder", "the president spoke. The second paragraph"),
    ("ordered the assault", "stormed the residence"),
)


def adapt(text: str) -> str:
    for edition, small in ADAPT:
        text = text.replace(edition, small)
    return text


def test_the_corpus_has_a_message_for_every_file() -> None:
    assert {path.stem.removeprefix("ig-") for path in (HOSTILE / "notes").glob("*.md")} == set(
        NOTES
    )
    assert {path.stem for path in (HOSTILE / "bibliography").glob("*.bib")} == set(BIBLIOGRAPHY)


def test_the_adapted_cases_still_say_what_they_test() -> None:
    """The small edition's stand-ins for the edition's words are there as the cases need them:
    once, twice, not at all, across two paragraphs."""
    small = (SMALL / "sources" / "tx" / "text.md").read_text("utf-8")
    tx_2 = small.split("{#tx-2}")[1].split("{#tx-3}")[0]
    assert tx_2.count("speaks of the hostages") == 1
    assert tx_2.count("the ") == 2  # ambiguous-quote: "the" occurs more than once
    assert "dissolved the elected parliament" not in small  # missing-quote
    assert " ".join(small.split()).count("the president spoke. {#tx-2} The second paragraph") == 1


def _plant(root: Path, case: str) -> Path:
    """Put one hostile case into a copy of the small edition; return the file to be named."""
    folder = root / "annotations" / "tx"
    if case in NOTES:
        path = folder / adapt(f"ig-{case}.md")
        path.write_text(adapt((HOSTILE / "notes" / f"ig-{case}.md").read_text("utf-8")), "utf-8")
        return path
    if case in BIBLIOGRAPHY:
        path = root / "annotations" / "references.bib"
        with path.open("a", encoding="utf-8") as bib:
            bib.write("\n" + (HOSTILE / "bibliography" / f"{case}.bib").read_text("utf-8"))
        return path
    path = folder / f"tx-{case}.md"
    valid = (HOSTILE / "notes" / "ig-missing-quote.md").read_text("utf-8")
    valid = adapt(
        valid.replace("ig-missing-quote", f"ig-{case}").replace(
            "dissolved the elected parliament", "dispersed the elected congress"
        )
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


def _expected(root: Path, case: str) -> tuple[int, str]:
    """The line the message is about, in the file planted, and words it must contain."""
    name = case.removeprefix("bib:")
    if case.startswith("bib:"):
        line, words = BIBLIOGRAPHY[name]
        # the entry follows the bibliography's own lines and a blank line
        before = len((root / "annotations" / "references.bib").read_text("utf-8").splitlines())
        return before + 1 + line, words
    line, words = {**NOTES, **MADE_HERE}[name]
    return line, adapt(words)


@pytest.mark.parametrize("case", CASES)
def test_the_model_refuses_it_naming_the_file_and_line(small: Path, case: str) -> None:
    line, words = _expected(small, case)
    path = _plant(small, case.removeprefix("bib:"))
    _, problems = load_edition(small / "sources", small / "annotations")
    reported = [problem.format(small) for problem in problems]
    shown = f"{os.path.relpath(path, small)}:{line}: "
    assert any(p.startswith(shown) and words in p for p in reported), reported
    # The small edition has no problem of its own: each is the hostile file's, and says how to
    # fix it.
    assert {problem.path for problem in problems} == {path}, reported
    assert all(problem.fix.strip() for problem in problems), reported


def test_ecdosis_check_refuses_it(tmp_path: Path, small: Path) -> None:
    """The command, from outside the project (``--project``): exit status 1, the message as
    ``path:line``, no traceback."""
    _plant(small, "javascript-link")
    result = subprocess.run(
        [sys.executable, "-m", "ecdosis", "check", "--project", "small"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr.splitlines() == [
        "small/annotations/tx/tx-javascript-link.md:9: the link 'javascript:alert(1)' is not an "
        "http or https address — link only to web addresses starting with https:// (or http://)",
        "ecdosis: 1 problem found.",
    ]


def test_the_build_refuses_it_and_writes_nothing(
    small: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real Sphinx build stops with the message, before any builder exists: whatever the
    builder, nothing of the input reaches an output."""
    _plant(small, "raw-html-block")
    monkeypatch.chdir(small)
    with pytest.raises(SystemExit) as stopped:
        build_small(small, "html")
    assert stopped.value.code == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert captured.err.splitlines() == [
        "annotations/tx/tx-raw-html-block.md:9: the note contains raw HTML — write Markdown: "
        "*emphasis*, **strong**, [text](https://…)",
        "ecdosis: 1 problem found. Nothing was built.",
    ]
    build = small / "_build"
    assert not build.exists() or not [path for path in build.rglob("*") if path.is_file()]
