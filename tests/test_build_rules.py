"""How the build treats bad input and edits: clear refusals, and only the outdated page re-read.

Everything here is built in this process on a copy of the small test root (tests/roots/test-small,
two texts and one entry of every kind), with a few pages added to the copy so that every kind of
page the engine keeps current is there: a page listing the records (``edition-sigla``), the
page of assessed claims, a page of references to a topic, a note and a paragraph, and each index
of entities on a page of its own, as the edition has them. :func:`outdated` asks a real build
which pages it would read, and stops it before it reads any: the rebuild decisions of Sphinx and
of the engine's ``env-get-outdated`` handlers, exactly as a build makes them. The decisions that
are pure functions of the edition are tested directly in test_rebuild_decisions.py.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import tomllib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp, _clean_up_global_state

from ecdosis.model.edition import load_edition
from tests.conftest import copy_small

BUILD = "_build"
REGISTER_BUILD = "_build/register"  # `make register` keeps its own doctrees, as here
REGISTER = "anchor-register.toml"


class _Probed(BaseException):
    """Stops a build just before it reads: not an ``Exception``, so that Sphinx neither wraps
    it nor deletes its saved environment, as it does for an error."""

    def __init__(self, docnames: set[str]) -> None:
        super().__init__()
        self.docnames = docnames


def sphinx_app(
    root: Path, builder: str, builddir: Path, *, strict: bool = False, **overrides: object
) -> SphinxTestApp:
    """A Sphinx application on an edition tree, in this process (``strict``: as ``-W``)."""
    # Other tests build with Sphinx in this process too, and docutils keeps what each Sphinx
    # registered: start from docutils' own state, as Sphinx's test fixtures do.
    _clean_up_global_state()
    return SphinxTestApp(
        builder,
        srcdir=root,
        builddir=builddir,
        status=io.StringIO(),
        warning=io.StringIO(),
        confoverrides=overrides,
        warningiserror=strict,
    )


def builddir(root: Path, builder: str) -> Path:
    """Where a builder's output and its doctrees are: the same folders for every build."""
    return root / BUILD / builder


def build(root: Path, builder: str = "html") -> Path:
    """Build the copy incrementally; fail on any warning. Returns the output folder."""
    app = sphinx_app(root, builder, builddir(root, builder))
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.warning.getvalue() == "", app.warning.getvalue()
    assert app.statuscode == 0
    return Path(app.outdir)


def register(root: Path) -> None:
    """``make register``: record what is new and what changed in the copy's register."""
    app = sphinx_app(root, "dummy", root / REGISTER_BUILD, edition_register_update=1)
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.warning.getvalue() == "", app.warning.getvalue()


def outdated(root: Path) -> tuple[set[str], set[str], set[str]]:
    """(added, changed, removed): what the next HTML build would read, and the pages it would
    drop, as the build itself decides it (Sphinx's own bookkeeping, then every extension's
    ``env-get-outdated``); the build is stopped before it reads anything."""
    app = sphinx_app(root, "html", builddir(root, "html"))
    seen: dict[str, set[str]] = {}

    def note_sets(
        app: object, env: object, added: set[str], changed: set[str], removed: set[str]
    ) -> list[str]:
        seen["added"], seen["removed"] = set(added), set(removed)
        return []

    def stop(app: object, env: object, docnames: list[str]) -> None:
        raise _Probed(set(docnames))

    app.connect("env-get-outdated", note_sets)
    app.connect("env-before-read-docs", stop)
    try:
        app.build()
    except _Probed as probe:
        read = probe.docnames
    else:
        pytest.fail("the build read its pages without asking which were outdated")
    finally:
        app.cleanup()
    return seen["added"], read - seen["added"], seen["removed"]


def changed(root: Path) -> set[str]:
    """What the next build would re-read, when nothing was added or removed."""
    added, rereads, removed = outdated(root)
    assert (added, removed) == (set(), set())
    return rereads


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _edit(path: Path, old: str, new: str) -> None:
    source = path.read_text(encoding="utf-8")
    assert old in source, old
    _write(path, source.replace(old, new))


def _page(out: Path, name: str) -> str:
    return (out / f"{name}.html").read_text(encoding="utf-8")


ORPHAN = "---\norphan: true\n---\n"
PAGES = {
    # each index of entities on a page of its own, as in the edition (see test_a_page_with_…)
    "names.md": "(names)=\n# Names\n\n(places)=\n## Places\n\n```{edition-entities} place\n```\n",
    "organisations.md": ORPHAN
    + "(organisations)=\n# Organisations\n\n```{edition-entities} organisation\n```\n",
    "principles.md": ORPHAN + "(principles)=\n# Principles\n\n```{edition-sigla}\n```\n",
    "claims.md": ORPHAN + "(claims)=\n# Claims\n\n```{edition-claims}\n```\n",
    "references.md": ORPHAN
    + "(references)=\n# References\n\nThe question {topic}`assault`, the note "
    "{note}`tx-assault` and the paragraph {paragraph}`ty-2`.\n",
    # an organisation named once in each text, by two aliases
    "annotations/entities/armed-forces.md": '---\nid: armed-forces\nname: "The armed forces"\n'
    'type: organisation\ndescription: "Peru\'s army."\nwikidata: ""\n'
    'aliases: ["the army", "The commandos"]\nsources: [sims1997]\n---\n',
}


def add_text(root: Path, siglum: str, title: str, words: str) -> None:
    """A text of one paragraph that names nothing of the annotations, with its record."""
    folder = root / "sources" / siglum
    folder.mkdir()
    witness = f"{title}\n\n{words}\n"
    _write(folder / "witness.txt", witness)
    _write(folder / "text.md", f"# {title}\n\n{{#{siglum}-1}}\n{words}\n")
    record = (root / "sources" / "ty" / "record.toml").read_text(encoding="utf-8")
    digest = hashlib.sha256(witness.encode("utf-8")).hexdigest()
    record = re.sub(r'sha256 = "[0-9a-f]+"', f'sha256 = "{digest}"', record)
    record = record.replace('siglum = "ty"', f'siglum = "{siglum}"')
    _write(folder / "record.toml", record.replace('"Another Statement"', f'"{title}"'))


@pytest.fixture
def edition(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the small root with the pages above and a third text, tw, that nothing in the
    annotations touches; its register written afresh; built once in HTML: (its folder, the
    HTML)."""
    root = copy_small(tmp_path / "small")
    for name, text in PAGES.items():
        _write(root / name, text)
    add_text(root, "tw", "A Quiet Statement", "Nothing happened on that day.")
    (root / REGISTER).unlink()
    register(root)
    out = build(root)
    assert changed(root) == set(), "a build right after a build reads nothing"
    return root, out


def test_build_refuses_bad_sources_with_located_messages(
    small: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _edit(small / "sources" / "tx" / "text.md", "the army stormed", "the army storms")
    monkeypatch.chdir(small)  # as `make html` runs, from the edition's folder
    # The edition is loaded before anything is read: the build stops there, cleanly (no
    # exception for Sphinx to print with a traceback).
    with pytest.raises(SystemExit) as stopped:
        sphinx_app(small, "html", builddir(small, "html"))
    assert stopped.value.code == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    first = err.splitlines()[0]
    assert first.startswith("sources/tx/text.md:")
    assert "paragraph tx-1 differs from the witness" in first
    assert "the witness reads “stormed”, the reading text has “storms”" in first
    assert err.splitlines()[-1] == "ecdosis: 1 problem found. Nothing was built."
    assert not list((small / BUILD).rglob("*.html"))


def test_editing_one_text_rereads_only_its_page(edition: tuple[Path, Path]) -> None:
    root, _ = edition
    text = root / "sources" / "tx" / "text.md"
    _write(text, text.read_text("utf-8") + "\n")  # its bytes changed, not its words
    assert outdated(root) == (set(), {"texts/tx"}, set())
    record = root / "sources" / "tx" / "record.toml"
    _write(record, record.read_text("utf-8") + "\n")
    # the pages listing the records: the landing page and the table of sigla
    assert changed(root) == {"texts/tx", "index", "principles"}


def test_a_new_text_is_picked_up_and_listed(edition: tuple[Path, Path]) -> None:
    root, _ = edition
    add_text(root, "tz", "A Fourth Statement", "Nothing was said.")
    added, rereads, removed = outdated(root)
    # its page is new; the pages listing the texts are re-read, and those that show every
    # text (the synopsis's columns, the claims text by text); no text's page
    assert (added, removed) == ({"texts/tz"}, set())
    assert rereads == {"index", "principles", "synopsis", "claims"}
    register(root)
    out = build(root)
    index = _page(out, "index")
    assert 'href="texts/tz.html"' in index and "A Fourth Statement" in index
    assert 'href="texts/tz.html"' in _page(out, "principles")
    assert 'id="tz-1"' in _page(out, "texts/tz")


NOTE = """---
id: tx-test-note
target: tx-1
quote: "On 22 April"
kind: textual
author: A. Tester
date: 2026-11-21
---
{text}
"""


def _note_asides(out: Path, siglum: str) -> list[str]:
    return re.findall(r'<aside [^>]*id="(note-[^"]+)"', _page(out, f"texts/{siglum}"))


def retire(root: Path, address: str, forward: str) -> None:
    """Retire a registered anchor, as a maintainer does by hand: add its forwarding address."""
    page, _, anchor = address.partition("#")
    path = root / REGISTER
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(f'[anchors."{page}"]\n')
    index = next(i for i in range(start, len(lines)) if lines[i].startswith(f"{anchor} = {{"))
    lines[index] = lines[index].rstrip().removesuffix(" }") + f', forward = "{forward}" }}\n'
    _write(path, "".join(lines))


def test_adding_editing_and_deleting_a_note_rereads_only_its_text(
    edition: tuple[Path, Path],
) -> None:
    root, out = edition
    before = _note_asides(out, "tx")
    assert before == ["note-tx-assault"]
    note = root / "annotations" / "tx" / "tx-test-note.md"

    _write(note, NOTE.format(text="First version of the note."))
    # The new note comes first in reading order, so the note after it is renumbered: the page
    # that refers to that note by its number is re-read too, and the page of assessed claims,
    # which counts the notes. Not the other text, nor the page referring to its paragraph.
    assert changed(root) == {"texts/tx", "claims", "references"}
    register(root)
    out = build(root)
    assert _note_asides(out, "tx") == ["note-tx-test-note", "note-tx-assault"]
    assert "First version of the note." in _page(out, "texts/tx")
    assert "TX note 2" in _page(out, "references")

    _write(note, NOTE.format(text="Second version of the note."))
    assert outdated(root) == (set(), {"texts/tx"}, set())
    register(root)
    out = build(root)
    page = _page(out, "texts/tx")
    assert "Second version of the note." in page and "First version" not in page

    note.unlink()
    assert changed(root) == {"texts/tx", "claims", "references"}
    # A published note is never simply gone: its anchor is retired, forwarding to its paragraph.
    retire(root, "texts/tx#note-tx-test-note", "texts/tx#tx-1")
    register(root)
    out = build(root)
    assert _note_asides(out, "tx") == before
    assert "Second version" not in _page(out, "texts/tx")
    assert "TX note 1" in _page(out, "references")


def test_a_text_page_is_outdated_by_its_files_contents_not_their_dates(
    edition: tuple[Path, Path],
) -> None:
    root, _ = edition
    note = root / "annotations" / "tx" / "tx-assault.md"
    witness = root / "sources" / "ty" / "witness.txt"
    for path in (note, witness):  # touched: a new date, the same bytes
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert changed(root) == set()
    # an edit whose file keeps its old date is seen all the same
    before = note.stat()
    _edit(note, "The assault of", "The storming of")
    os.utime(note, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert changed(root) == {"texts/tx"}


def test_editing_the_bibliography_rereads_the_texts_whose_notes_cite_it(
    edition: tuple[Path, Path],
) -> None:
    root, _ = edition
    _edit(root / "annotations" / "references.bib", "Calvin Sims", "Calvin Simms")
    assert "texts/tx" in changed(root)  # its note cites the entry; ty has no notes
    assert "texts/ty" not in changed(root)
    register(root)
    page = _page(build(root), "texts/tx")  # its note's citation shows the author's name
    assert "Simms 1997" in page and "Sims 1997" not in page


def test_editing_an_entity_rereads_its_index_and_only_the_texts_it_changes(
    edition: tuple[Path, Path],
) -> None:
    root, _ = edition
    entity = root / "annotations" / "entities" / "armed-forces.md"
    _edit(entity, "description: ", "description: Edited. ")
    assert outdated(root) == (set(), {"organisations"}, set())
    register(root)
    out = build(root)
    assert "Edited." in _page(out, "organisations")

    # An alias less: the texts where it linked change, and the index's list of mentions.
    _edit(entity, '"the army", ', "")
    assert outdated(root) == (set(), {"organisations", "texts/tx"}, set())
    register(root)
    out = build(root)
    tx = _page(out, "texts/tx")
    assert "the army" in tx
    assert not re.search(r"entity-mention[^>]*>the army", tx)
    assert re.search(r"entity-mention[^>]*>The commandos", _page(out, "texts/ty"))


def test_a_text_retitled_is_retitled_on_the_indices_that_list_it(
    edition: tuple[Path, Path],
) -> None:
    root, out = edition
    assert "A Test Statement" in _page(out, "organisations")
    _edit(root / "sources" / "tx" / "record.toml", '"A Test Statement"', '"A Retitled Statement"')
    rereads = changed(root)
    assert {"texts/tx", "names", "organisations"} <= rereads
    register(root)
    out = build(root)
    for name in ("names", "organisations"):
        page = _page(out, name)
        assert "A Retitled Statement" in page and "A Test Statement" not in page, name


def test_a_page_with_several_indices_is_reread_for_each(small: Path) -> None:
    register(small)  # the small root as it is: persons, organisations, places, events on one page
    build(small)
    _edit(small / "annotations" / "entities" / "lima.md", "description: ", "description: Edited. ")
    assert changed(small) == {"names"}


def test_editing_a_topic_rereads_the_synopsis_and_the_texts_of_its_passages(
    edition: tuple[Path, Path],
) -> None:
    root, _ = edition
    topic = root / "annotations" / "topics" / "assault.md"
    _edit(topic, 'title: "Who stormed the residence"', 'title: "The storming, retold"')
    renamed, problems = load_edition(root / "sources", root / "annotations")
    assert problems == []
    (assault,) = renamed.annotations.topics
    texts = {f"texts/{p.target.rsplit('-', 1)[0]}" for p in assault.passages}
    assert texts == {"texts/tx", "texts/ty"}
    # the page of references names the topic by its title
    assert outdated(root) == (set(), {"synopsis", "references", *texts}, set())
    register(root)
    out = build(root)
    for name in ("synopsis", "references", "texts/tx", "texts/ty"):
        page = _page(out, name)
        assert "The storming, retold" in page and "Who stormed the residence" not in page


def test_a_new_topic_is_added_to_the_synopsis_and_its_texts(edition: tuple[Path, Path]) -> None:
    root, _ = edition
    _write(
        root / "annotations" / "topics" / "test-topic.md",
        "---\nid: test-topic\ntitle: A question for the test\norder: 99\npassages:\n"
        '  - target: tx-1\n    quote: "The guerrillas of the MRTA"\n'
        '  - target: ty-2\n    quote: "The statement ends here"\n'
        "sources: [sims1997]\n---\nThe record of the test.\n",
    )
    # the texts of its passages, not tw
    assert outdated(root) == (set(), {"synopsis", "texts/tx", "texts/ty"}, set())
    register(root)
    out = build(root)
    assert "A question for the test" in _page(out, "synopsis")
    # TX ¶1 has the other topic too: its line names them all in its synopsis link's title
    tx = BeautifulSoup(_page(out, "texts/tx"), "html.parser")
    line = tx.select_one("div.noted-text:has(> p#tx-1) .see-also-synopsis a[title]")
    assert line is not None
    assert set(str(line["title"]).split("; ")) == {
        "A question for the test",
        "Who stormed the residence",
    }


def test_editing_an_event_or_a_term_rereads_only_its_page(edition: tuple[Path, Path]) -> None:
    root, _ = edition
    event = root / "annotations" / "timeline" / "1997-04-22-assault.md"
    _edit(
        event,
        "The army stormed the residence.",
        "A new account of the assault {cite}`sims1997`.",
    )
    assert outdated(root) == (set(), {"timeline"}, set())
    register(root)
    out = build(root)
    assert "A new account of the assault" in _page(out, "timeline")

    term = root / "annotations" / "glossary" / "mrta.md"
    _edit(term, "A guerrilla organisation.", "A guerrilla group.")
    assert outdated(root) == (set(), {"glossary"}, set())


def test_a_removed_text_drops_its_page_and_rereads_the_listings(
    edition: tuple[Path, Path],
) -> None:
    root, _ = edition
    shutil.rmtree(root / "sources" / "tw")
    added, rereads, removed = outdated(root)
    assert (added, removed) == (set(), {"texts/tw"})
    assert rereads == {"index", "principles", "synopsis", "claims"}
    # Its anchors were published: they are retired, forwarding to the landing page.
    published = tomllib.loads((root / REGISTER).read_text(encoding="utf-8"))["anchors"]
    for anchor in published["texts/tw"]:
        retire(root, f"texts/tw#{anchor}", "index#the-texts")
    register(root)
    out = build(root)
    assert not (root / "texts" / "tw.md").exists(), "the engine removes the page it wrote"
    assert 'href="texts/tw.html"' not in _page(out, "index")
    # its old page forwards its readers
    assert "This page is no longer part of the edition" in _page(out, "texts/tw")


def test_a_build_after_a_build_does_not_say_the_configuration_changed(small: Path) -> None:
    from tests.conftest import build_small_saying

    # Sphinx's test application sets html_theme after the build's start unless overridden
    build_small_saying(small, "html", html_theme="basic")
    html, said = build_small_saying(small, "html", html_theme="basic")
    assert "configuration has changed" not in said
    assert "0 added, 0 changed, 0 removed" in said
    # the screen's files are still copied, for the HTML only
    assert (html / "_static" / "ecdosis-screen.css").is_file()
    assert (html / "_static" / "ecdosis-search.js").is_file()


def test_the_changelog_is_read_again_only_when_what_it_shows_of_the_register_changes(
    edition: tuple[Path, Path],
) -> None:
    root, _ = edition
    # An edit of a note's words gives it a new fingerprint in the register, which the
    # changelog does not show: its text's page is read again, and the changelog is not.
    _edit(root / "annotations" / "tx" / "tx-assault.md", "\n---\n", "\n---\nEdited. ")
    register(root)
    assert changed(root) == {"texts/tx"}
    build(root)
    assert changed(root) == set()
    # A summary of the version, which the changelog shows, reads it again, and only it.
    _edit(
        root / REGISTER,
        '"0.1" = { date = "2026-11-21" }',
        '"0.1" = { date = "2026-11-21", summary = "The first." }',
    )
    assert changed(root) == {"changelog"}
    out = build(root)
    assert "The first." in _page(out, "changelog")
