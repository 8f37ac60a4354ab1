"""How the build treats bad input and edits: clear refusals, and only the outdated page re-read."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from bs4 import BeautifulSoup
from sphinx.application import Sphinx

from ecdosis.model.edition import load_edition
from tests.conftest import register_or_fail, retire, sphinx_build


def test_build_refuses_bad_sources_with_located_messages(edition_copy: Path) -> None:
    text = edition_copy / "sources" / "ig" / "text.md"
    source = text.read_text(encoding="utf-8")
    text.write_text(
        source.replace("Fujimori is a murderer", "Fujimori was a murderer"), encoding="utf-8"
    )
    out = edition_copy / "build"
    result = sphinx_build(edition_copy, "html", out)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith("sources/ig/text.md:")
    assert "paragraph ig-1 differs from the witness" in first
    assert "the witness reads “is”, the reading text has “was”" in first
    assert result.stderr.splitlines()[-1] == "ecdosis: 1 problem found. Nothing was built."
    assert not list(out.rglob("*.html"))


def _app(root: Path, out: Path) -> Sphinx:
    return Sphinx(
        root / "docs",
        root / "docs",
        out,
        out / ".doctrees",
        "html",
        status=None,
        warning=None,
        freshenv=False,
    )


def _outdated(root: Path, out: Path) -> tuple[set[str], set[str], set[str]]:
    """What Sphinx's own bookkeeping says a new build would read."""
    app = _app(root, out)
    app.env.find_files(app.config, app.builder)
    added, changed, removed = app.env.get_outdated_files(config_changed=False)
    # As the builder does before reading: extensions name pages outdated for their own reasons.
    for docnames in app.events.emit("env-get-outdated", app.env, added, changed, removed):
        changed.update(set(docnames) & app.env.found_docs)
    return added, changed, removed


def test_editing_one_text_rereads_only_its_page(edition_copy: Path) -> None:
    out = edition_copy / "build"
    _app(edition_copy, out).build()
    text = edition_copy / "sources" / "po" / "text.md"
    later = time.time() + 10  # the copy keeps the original, older mtimes
    os.utime(text, (later, later))
    assert _outdated(edition_copy, out) == (set(), {"texts/po"}, set())
    record = edition_copy / "sources" / "po" / "record.toml"
    os.utime(record, (later, later))
    _, changed, _ = _outdated(edition_copy, out)
    assert changed == {"texts/po", "index", "principles"}  # the pages listing the records


def test_a_new_text_is_picked_up_and_listed(edition_copy: Path) -> None:
    out = edition_copy / "build"
    _app(edition_copy, out).build()
    sources = edition_copy / "sources"
    new = sources / "zz"
    new.mkdir()
    for name in ("witness.txt", "text.md"):
        content = (sources / "po" / name).read_text(encoding="utf-8")
        (new / name).write_text(content.replace("{#po-", "{#zz-"), encoding="utf-8")
    record = (sources / "po" / "record.toml").read_text(encoding="utf-8")
    (new / "record.toml").write_text(
        record.replace('siglum = "po"', 'siglum = "zz"'), encoding="utf-8"
    )
    register_or_fail(edition_copy)
    app = _app(edition_copy, out)
    app.build()
    assert app.statuscode == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="texts/zz.html"' in index
    assert (out / "texts" / "zz.html").exists()


NOTE = """---
id: po-test-note
target: po-3
quote: "two main camps"
kind: textual
author: A. Tester
date: 2026-11-21
---
{text}
"""


def _note_asides(out: Path, siglum: str) -> list[str]:
    page = (out / "texts" / f"{siglum}.html").read_text(encoding="utf-8")
    return re.findall(r'<aside [^>]*id="(note-[^"]+)"', page)


def test_adding_editing_and_deleting_a_note_rereads_only_its_text(edition_copy: Path) -> None:
    out = edition_copy / "build"
    _app(edition_copy, out).build()
    before = _note_asides(out, "po")
    note = edition_copy / "annotations" / "po" / "po-test-note.md"

    note.write_text(NOTE.format(text="First version of the note."), encoding="utf-8")
    _, changed, _ = _outdated(edition_copy, out)
    # The notes after it are renumbered: pages that refer to them by number are re-read too,
    # and the page of assessed claims, which counts the notes.
    assert "texts/po" in changed and "claims" in changed
    assert changed <= {"texts/po", "synopsis", "timeline", "glossary", "figures", "claims"}
    register_or_fail(edition_copy)
    app = _app(edition_copy, out)
    app.build()
    assert app.statuscode == 0
    assert "note-po-test-note" in _note_asides(out, "po")
    assert "First version of the note." in (out / "texts" / "po.html").read_text("utf-8")

    note.write_text(NOTE.format(text="Second version of the note."), encoding="utf-8")
    later = time.time() + 10
    os.utime(note, (later, later))
    assert _outdated(edition_copy, out) == (set(), {"texts/po"}, set())
    _built(edition_copy, out)
    page = (out / "texts" / "po.html").read_text("utf-8")
    assert "Second version of the note." in page and "First version" not in page

    note.unlink()
    _, changed, _ = _outdated(edition_copy, out)
    assert "texts/po" in changed and "claims" in changed
    assert changed <= {"texts/po", "synopsis", "timeline", "glossary", "figures", "claims"}
    # A published note is never simply gone: its anchor is retired, forwarding to its paragraph.
    retire(edition_copy, "texts/po#note-po-test-note", "texts/po#po-3")
    _built(edition_copy, out)
    assert _note_asides(out, "po") == before
    assert "Second version" not in (out / "texts" / "po.html").read_text("utf-8")


def _edit(path: Path, old: str, new: str) -> None:
    source = path.read_text(encoding="utf-8")
    assert old in source
    path.write_text(source.replace(old, new), encoding="utf-8")
    later = time.time() + 10
    os.utime(path, (later, later))


def _built(root: Path, out: Path) -> None:
    """Record the edit in the register, as a maintainer does with `make register`, and build."""
    register_or_fail(root)
    app = _app(root, out)
    app.build()
    assert app.statuscode == 0


def test_editing_an_entity_rereads_its_index_and_only_the_texts_it_changes(
    edition_copy: Path,
) -> None:
    out = edition_copy / "build"
    _built(edition_copy, out)
    entity = edition_copy / "annotations" / "entities" / "alberto-fujimori.md"
    _edit(entity, "description: ", "description: Edited. ")
    assert _outdated(edition_copy, out) == (set(), {"indices/persons"}, set())
    _built(edition_copy, out)
    assert "Edited." in (out / "indices" / "persons.html").read_text("utf-8")

    # An alias less: the texts where it linked change, and the index's list of mentions.
    _edit(entity, '"Roberto Fujimori", ', "")
    assert _outdated(edition_copy, out) == (set(), {"indices/persons", "texts/po"}, set())
    _built(edition_copy, out)
    po = (out / "texts" / "po.html").read_text("utf-8")
    assert "Roberto Fujimori" in po
    assert not re.search(r"entity-mention[^>]*>Roberto Fujimori", po)


def test_editing_a_topic_rereads_the_synopsis_and_the_texts_of_its_passages(
    edition_copy: Path,
) -> None:
    out = edition_copy / "build"
    _built(edition_copy, out)
    topic = edition_copy / "annotations" / "topics" / "mrta-dead.md"
    _edit(topic, "title: How many MRTA members died", "title: The MRTA dead, counted")
    edition, _ = load_edition(edition_copy / "sources", edition_copy / "annotations")
    (renamed,) = (t for t in edition.annotations.topics if t.id == "mrta-dead")
    texts = {f"texts/{p.target.rsplit('-', 1)[0]}" for p in renamed.passages}
    # the introduction refers to the topic by its title
    assert _outdated(edition_copy, out) == (set(), {"synopsis", "introduction", *texts}, set())
    _built(edition_copy, out)
    for name in ("synopsis.html", "introduction.html", "texts/ig.html", "texts/rw.html"):
        page = (out / name).read_text("utf-8")
        assert "The MRTA dead, counted" in page and "How many MRTA members died" not in page


def test_editing_an_event_or_a_term_rereads_only_its_page(edition_copy: Path) -> None:
    out = edition_copy / "build"
    _built(edition_copy, out)
    event = edition_copy / "annotations" / "timeline" / "1997-04-22-assault.md"
    source = event.read_text("utf-8")
    body = source.split("---\n")[2]
    _edit(event, body, "A new account of the assault {cite}`japantimes1997troops`.\n")
    assert _outdated(edition_copy, out) == (set(), {"timeline"}, set())
    _built(edition_copy, out)
    assert "A new account of the assault" in (out / "timeline.html").read_text("utf-8")

    term = edition_copy / "annotations" / "glossary" / "autogolpe.md"
    _edit(term, "Spanish, literally", "Spanish; literally")
    assert _outdated(edition_copy, out) == (set(), {"glossary"}, set())


def test_a_new_topic_is_added_to_the_synopsis_and_its_texts(edition_copy: Path) -> None:
    out = edition_copy / "build"
    _built(edition_copy, out)
    (edition_copy / "annotations" / "topics" / "test-topic.md").write_text(
        "---\nid: test-topic\ntitle: A question for the test\norder: 99\npassages:\n"
        '  - target: ig-1\n    quote: "Fujimori is a murderer"\n'
        '  - target: fi-1\n    quote: "the MRTA"\n'
        "sources: [japantimes1997troops]\n---\nThe record of the test.\n",
        encoding="utf-8",
    )
    assert _outdated(edition_copy, out) == (set(), {"synopsis", "texts/ig", "texts/fi"}, set())
    _built(edition_copy, out)
    assert "A question for the test" in (out / "synopsis.html").read_text("utf-8")
    # IG ¶1 has other topics: its line names them all in its synopsis link's title
    ig = BeautifulSoup((out / "texts" / "ig.html").read_text("utf-8"), "html.parser")
    line = ig.select_one("div.noted-text:has(> p#ig-1) .see-also-synopsis a[title]")
    assert line is not None
    assert "A question for the test" in str(line["title"]).split("; ")
