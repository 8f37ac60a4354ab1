"""Accepted means it builds: contributed files generated from the schemas and the body grammar,
with odd but valid content (every script the edition sets, words at the length limit, nesting
at the depth limit, TeX and HTML specials), are, whenever the check accepts them, built in HTML,
LaTeX to PDF and EPUB, with valid output (well-formed XHTML, EPUBCheck clean, xelatex succeeds)
in which their text appears.

``make test`` runs a few examples, the same on every run; ``make test-properties`` runs many
more (``ECDOSIS_EXAMPLES``), new ones each time.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

from ecdosis.model.annotations import limits
from ecdosis.model.annotations.anchoring import normalise
from ecdosis.model.annotations.note_body import BodyBlock, Inline
from ecdosis.model.edition import load_edition
from ecdosis.model.texts.characters import is_visible, refusals
from tests.conftest import build_small, copy_small, epubcheck, make_pdf, squeezed

EXAMPLES = int(os.environ.get("ECDOSIS_EXAMPLES", "3"))
# `make test` tries the same few examples on every run (a red CI can be rerun and read);
# `make test-properties` draws new ones each time.
DERANDOMIZE = "ECDOSIS_EXAMPLES" not in os.environ

# Every character the rule accepts in text, from every script the PDF's fonts set.
_letters = st.characters(categories=["L", "M", "N", "P", "S"]).filter(
    lambda c: not list(refusals(f"a{c}a")) and c not in "<>"
)
_words = st.one_of(
    st.text(_letters, min_size=1, max_size=12).filter(is_visible),
    st.just("W" * limits.WORD_LENGTH),  # a word at the limit
    st.sampled_from(["#", "$", "%", "&", "~", "_", "^", "\\", "{", "}", "<", ">", '"', "'"]),
    st.sampled_from(["--", "---", "``", "''", "&amp;", "\\relax", "</p>", "<script>", "$$"]),
)


def _phrase(max_words: int = 8) -> st.SearchStrategy[str]:
    return st.lists(_words, min_size=1, max_size=max_words).map(" ".join)


def _line(longest: int = 200) -> st.SearchStrategy[str]:
    """One line of a field: no '<' or '>', two to ``longest`` characters."""
    return (
        _phrase()
        .map(lambda s: " ".join(s.replace("<", "").replace(">", "")[:longest].split()))
        .filter(lambda s: len(s) >= 2 and is_visible(s))
    )


_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def _markdown(text: str) -> str:
    """Text as Markdown that shows it as it is: every ASCII punctuation mark escaped."""
    return _PUNCTUATION.sub(r"\\\1", text)


@st.composite
def _inline(draw: st.DrawFn) -> str:
    text = draw(_phrase(5))
    kind = draw(
        st.sampled_from(["text", "text", "em", "strong", "code", "link", "cite", "foreign", "ref"])
    )
    if kind == "em":
        return f"*{_markdown(text)}*"
    if kind == "strong":
        return f"**{_markdown(text)}**"
    if kind == "code":
        return "`" + text.replace("`", "'") + "`"
    if kind == "link":
        return f"[{_markdown(text)}](https://example.org/{draw(st.sampled_from(LINKS))})"
    if kind == "cite":
        return "{cite}`probe2026`"
    if kind == "foreign":
        language = draw(st.sampled_from(["es", "de", "fr", "it", "la", "pt"]))
        return f"{{{language}}}`" + text.replace("`", "'") + "`"
    if kind == "ref":
        return "{entity}`lima`"
    return _markdown(text)


@st.composite
def _block(draw: st.DrawFn, depth: int = 0) -> str:
    kinds = ["paragraph", "paragraph"] + (
        ["bullets", "numbers", "quote"] if depth < limits.BODY_DEPTH else []
    )
    kind = draw(st.sampled_from(kinds))
    if kind == "paragraph":
        return " ".join(draw(st.lists(_inline(), min_size=1, max_size=5)))
    inner = draw(st.lists(_block(depth + 1), min_size=1, max_size=2))
    if kind == "quote":
        return "\n>\n".join("\n".join("> " + line for line in b.split("\n")) for b in inner)
    marker = "-" if kind == "bullets" else "1."
    pad = " " * (len(marker) + 1)
    items = []
    for b in inner:
        lines = b.split("\n")
        items.append(
            f"{marker} "
            + lines[0]
            + "".join(f"\n{pad}{line}" if line else "\n" for line in lines[1:])
        )
    return "\n".join(items)


def _body() -> st.SearchStrategy[str]:
    return st.lists(_block(), min_size=1, max_size=3).map("\n\n".join)


def _yaml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


# Passages: words of the small edition's paragraphs.
PARAGRAPHS = {
    "tx-1": "On 22 April the army stormed the residence in Lima. The guerrillas of the MRTA were "
    "killed, and the president spoke.",
    "tx-2": "The second paragraph speaks of the hostages and of the president again.",
    "tx-3": "The third paragraph names Lima once more.",
    "ty-1": "The commandos stormed the residence in Lima on 22 April.",
    "ty-2": "The statement ends here.",
}
URLS = ["a", "a?b=c&d=e", "x#y", "p%20q", "~user/a_b-c"]
# A link in a body may hold what an address in the bibliography may not (Markdown encodes it).
LINKS = [*URLS, "a$b", "c^d", "e{f}", "g[h]", "i%j"]


@st.composite
def _passage(draw: st.DrawFn, prefix: str = "") -> tuple[str, str]:
    """A paragraph and some of its words."""
    target = draw(st.sampled_from([p for p in PARAGRAPHS if p.startswith(prefix)]))
    words = PARAGRAPHS[target].split(" ")
    start = draw(st.integers(0, len(words) - 2))
    end = draw(st.integers(start + 2, min(len(words), start + 6)))
    return target, " ".join(words[start:end])


def _yaml_passage(passage: tuple[str, str]) -> str:
    return f"{{target: {passage[0]}, quote: {_yaml(passage[1])}, occurrence: 1}}"


def _file(body: str = "", **fields: str) -> str:
    """An annotation file: front matter (values already written as YAML) and a body."""
    return "---\n" + "".join(f"{key}: {value}\n" for key, value in fields.items()) + f"---\n{body}"


@dataclass
class Contribution:
    """Files to write into the small edition, and the texts each output must show."""

    files: dict[str, str] = field(default_factory=dict)
    shown: list[str] = field(default_factory=list)  # fields shown as written
    in_pdf: list[str] = field(default_factory=list)  # fields the PDF alone shows
    bibliography: str = ""


@st.composite
def contributions(draw: st.DrawFn) -> Contribution:
    c = Contribution()
    author = draw(_line(120))
    name, description, sort, term, expansion, event, topic = (draw(_line()) for _ in range(7))
    c.shown += [author, name, description, term, expansion, event, topic]
    c.in_pdf.append(sort)  # the PDF's index of names lists the entity by it
    target, quote = draw(_passage("tx-2"))
    sources = "[probe2026]"
    c.files["annotations/tx/tx-probe.md"] = _file(
        draw(_body()),
        id="tx-probe",
        target=target,
        quote=_yaml(quote),
        occurrence="1",
        kind="context",
        sources=sources,
        author=_yaml(author),
        date="2026-11-20",
    )
    c.files["annotations/entities/probe.md"] = _file(
        id="probe",
        name=_yaml(name),
        type=draw(st.sampled_from(["person", "organisation", "place", "event"])),
        sort=_yaml(sort),
        description=_yaml(description),
        wikidata='""',
        aliases=f"[{_yaml(draw(st.sampled_from(['hostages', 'statement', 'commandos'])))}]",
        sources=sources,
    )
    c.files["annotations/glossary/probe.md"] = _file(
        draw(_body()),
        id="probe",
        term=_yaml(term),
        expansion=_yaml(expansion),
        aliases='["third"]',
        sources=sources,
    )
    month = f"{draw(st.integers(1980, 2025))}-{draw(st.integers(1, 12)):02}"
    c.files["annotations/timeline/probe.md"] = _file(
        draw(_body()),
        id="probe",
        date=_yaml(month),
        title=_yaml(event),
        passages=f"[{_yaml_passage(draw(_passage('ty')))}]",
        sources=sources,
    )
    passages = (draw(_passage("tx-3")), draw(_passage("ty-2")))
    c.files["annotations/topics/probe.md"] = _file(
        draw(_body()),
        id="probe",
        title=_yaml(topic),
        order=str(draw(st.integers(2, 1000))),
        passages=f"[{', '.join(map(_yaml_passage, passages))}]",
        sources=sources,
    )
    words = _phrase(6).map(_bibtex_text).filter(lambda s: bool(s) and is_visible(s))
    title, publisher = draw(words), draw(words)
    percent = draw(st.sampled_from(["", " 50\\% off"]))
    fields = {
        "author": "{The Probe Collective}",
        "title": title + percent,
        "howpublished": publisher,
        "year": "2026",
        "url": f"https://example.org/{draw(st.sampled_from(URLS))}",
    }
    c.bibliography = (
        "\n@misc{probe2026,\n"
        + ",\n".join(f"  {key} = {{{value}}}" for key, value in fields.items())
        + "\n}\n"
    )
    c.shown += [title + percent.replace("\\%", "%"), publisher]
    return c


def _bibtex_text(text: str) -> str:
    """Text for a BibTeX field, without what BibTeX reads as markup: braces, '%', '~', the
    backslash, and the pairs it turns into dashes and quotes."""
    text = re.sub(r"[{}%~`\\]|--+|''", "", text)
    return " ".join(text.split())


def _body_texts(blocks: tuple[BodyBlock, ...]) -> list[str]:
    """The stretches of text a parsed body shows, as the model read them."""
    found: list[str] = []

    def inlines(items: tuple[Inline, ...]) -> None:
        for item in items:
            if item.kind in ("text", "code", "foreign") and len(item.text.strip()) > 2:
                found.append(normalise(item.text))
            inlines(item.children)

    def walk(block: BodyBlock) -> None:
        inlines(block.inlines)
        for child in block.children:
            walk(child)

    for block in blocks:
        walk(block)
    return found


@pytest.mark.slow  # every format, the PDF with TeX, for each generated contribution
@settings(
    max_examples=EXAMPLES,
    derandomize=DERANDOMIZE,
    deadline=None,
    # Each example is four builds and a PDF: report a failure as found, without shrinking it.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)
@given(contribution=contributions())
def test_what_the_check_accepts_builds_in_every_format(
    tmp_path_factory: pytest.TempPathFactory, contribution: Contribution
) -> None:
    root = copy_small(tmp_path_factory.mktemp("accepted") / "small")
    for name, text in contribution.files.items():
        (root / name).write_text(text, encoding="utf-8")
    bib = root / "annotations" / "references.bib"
    bib.write_text(bib.read_text("utf-8") + contribution.bibliography, encoding="utf-8")
    edition, problems = load_edition(root / "sources", root / "annotations")
    assume(not problems)
    expected = [normalise(s) for s in contribution.shown]
    for _, body in edition.bodies():
        expected += _body_texts(body.blocks)

    build_small(root, "dummy", edition_register_update=1)
    html = build_small(root, "html")
    shown_html = normalise(
        " ".join(
            BeautifulSoup(p.read_text("utf-8"), "html.parser").get_text(" ")
            for p in html.rglob("*.html")
        )
    )
    epub = build_small(root, "epub")
    shown_epub = normalise(
        " ".join("".join(ET.parse(p).getroot().itertext()) for p in epub.rglob("*.xhtml"))
    )
    assert epubcheck(epub / "small.epub") == []
    latex = build_small(root, "latex")
    make_pdf(latex)
    # In the order TeX set the text (cell by cell in tables), without layout.
    pdf = subprocess.run(
        ["pdftotext", "-raw", str(latex / "small.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    shown_pdf = squeezed(pdf)
    # The HTML and the EPUB show the text as written (the bibliography keeps its capitals).
    for text in expected:
        assert text in shown_html, (text, "HTML")
        assert text in shown_epub, (text, "EPUB")
    # A page break may put a running head inside a long stretch: each word is looked for.
    for text in expected + contribution.in_pdf:
        for word in text.split():
            assert squeezed(word) in shown_pdf, (word, text, "PDF")
