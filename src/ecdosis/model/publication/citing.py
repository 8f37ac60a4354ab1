"""How to cite a text of the edition, one of its paragraphs, or one of its notes.

Each citation is given ready-made in four forms: a Chicago (17th edition) first full note, an
MLA (9th edition) works-cited entry, a BibTeX entry and a CSL-JSON item. Every form names the
original text (its author or issuing body, title, publication and date), the edition
(title, editors, version, year) and the address of the cited place. A note is named as a
reader sees it, by its number in its text and the paragraph it is on ("note 3 on ¶1"); its
address keeps its permanent anchor (``note-<id>``), and the keys of BibTeX and CSL-JSON stay
machine ids.

While the edition has no permanent address (its base URL is a placeholder, see
:func:`provisional_base`), no citation names a host: each gives the cited place's address
relative to the edition's home ("texts/ab.html#ab-3") and says that it is provisional. The
HTML's Cite dialog then puts the address the page is served from in its place: each such
citation also carries its forms with placeholders where the edition's home goes
(:attr:`Citation.served`), so that the dialog's script only fills them in.

This module knows nothing of Sphinx: it turns a :class:`~ecdosis.model.record.Record` and an
:class:`EditionInfo` into strings and plain data.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from ecdosis.model.fragments import fragment
from ecdosis.model.json_text import indented_json
from ecdosis.model.texts.record import Record

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MLA_MONTHS = (
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)
# LaTeX escapes that keep braces balanced, as BibTeX counts braces even after a backslash
_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
PROVISIONAL = "provisional address"  # said after an address that is not yet the permanent one
# Host names that can never be an edition's permanent home: reserved for examples and tests
# (RFC 2606 and RFC 6761). A base URL on one of them is a placeholder.
_RESERVED_HOSTS = ("example.com", "example.net", "example.org")
_RESERVED_DOMAINS = ("example", "test", "invalid", "localhost")
# In a provisional citation's served forms: where the Cite dialog puts the edition's home as
# the page is served, whole ("http://127.0.0.1:8000/") or without its scheme, as MLA gives an
# address ("127.0.0.1:8000/").
SERVED_HOME = "{home}"
SERVED_HOME_WITHOUT_SCHEME = "{home-without-scheme}"
_SERVED_PLACEHOLDER = re.compile(r"\{home(?:-without-scheme)?\}")
# The home the served forms are made with: each form's own rules (MLA drops the scheme, BibTeX
# escapes) apply to it as to any address; no contributed text holds a control character.
_HOME_MARK = "\x00"
_HOME = "https://" + _HOME_MARK
_OPENING = r"(^|[\s(\[—–-])"  # what may stand before an opening quote
_URL_ESCAPES = {"\\": "%5C", "{": "%7B", "}": "%7D", " ": "%20"}
# the same escapes as tables for str.translate, which applies them in one pass
_BIBTEX_TABLE = str.maketrans(_BIBTEX_ESCAPES)
_URL_TABLE = str.maketrans(_URL_ESCAPES)
_BIBTEX_FIELD_ORDER = (
    "author",
    "title",
    "booktitle",
    "editor",
    "version",
    "year",
    "url",
    "origdate",
    "note",
)


@dataclass(frozen=True)
class EditionInfo:
    """The edition as a whole, as its citations name it."""

    title: str  # "Poems of a Summer: A Critical Edition"
    editors: str  # a body, never inverted: "The editors of the Summer edition"
    version: str  # "0.1"
    year: str  # "2026"
    base_url: str  # ending with "/": "https://example.org/edition/"
    key: str  # first part of every BibTeX key and CSL id (``edition_key``)
    text_noun: str = "text"  # what the texts are called in citations (``edition_text_noun``)

    @cached_property
    def provisional(self) -> bool:
        """Whether the base URL is a placeholder (:func:`provisional_base`): addresses are then
        given without it, and said to be provisional (found once)."""
        return provisional_base(self.base_url)


def published_address(edition: EditionInfo, path: str) -> str:
    """The address of ``path`` (a page within the edition, with its fragment, if any) as the
    edition publishes it: its base URL and the path; "" while the base URL is provisional."""
    return "" if edition.provisional else edition.base_url + path


@dataclass(frozen=True)
class Citation:
    """One citable place of the edition, in every form the edition offers."""

    anchor: str  # "ab-3", "note-ab-first-printing", or "" for the whole text
    url: str  # base_url + path; only the path while the base URL is provisional
    label: str  # "AB ¶3", "AB, note 3 on ¶2", "AB"
    chicago: str  # plain text: a Chicago first full note
    mla: str  # plain text: an MLA works-cited entry
    bibtex: str  # one BibTeX entry
    csl: dict[str, Any] = field(hash=False)  # one CSL-JSON item
    italic: tuple[str, ...] = ()  # the parts of chicago and mla to set in italics
    path: str = ""  # the address within the edition: page + ("#" + anchor if anchor)
    provisional: bool = False  # the address is provisional (chicago and mla say so after it)
    # While it is provisional: url, chicago, mla, bibtex and csl with SERVED_HOME (and, in MLA,
    # SERVED_HOME_WITHOUT_SCHEME) before the path, for the Cite dialog; empty otherwise.
    served: dict[str, Any] = field(default_factory=dict, hash=False)


class _Forms(NamedTuple):
    chicago: str
    mla: str
    bibtex: str
    csl: dict[str, Any]


@dataclass(frozen=True)
class _Place:
    """What is cited within a text: the whole of it, a paragraph, or a note on a paragraph."""

    anchor: str = ""
    paragraph: int = 0  # the paragraph cited, or the one the note is on; 0 for the whole text
    note_id: str = ""
    note_author: str = ""
    note_number: int = 0  # the note's number in its text, as its mark shows it


def text_citation(record: Record, edition: EditionInfo, page: str) -> Citation:
    """The citation of a whole text, whose page has the address ``page`` within the edition
    (``texts/ab.html``, or ``texts/ab/`` as ``dirhtml`` publishes it)."""
    return _citation(record, edition, page, _Place())


def paragraph_citation(
    record: Record, edition: EditionInfo, page: str, anchor: str, number: int
) -> Citation:
    """The citation of paragraph ``number`` of a text, whose id is ``anchor``."""
    return _citation(record, edition, page, _Place(anchor=anchor, paragraph=number))


def note_citation(
    record: Record,
    edition: EditionInfo,
    page: str,
    note_id: str,
    note_author: str,
    paragraph_number: int,
    note_number: int,
) -> Citation:
    """The citation of note ``note_number`` of a text (its anchor is ``note-<note_id>``), by
    ``note_author``, on paragraph ``paragraph_number``."""
    place = _Place(
        anchor=fragment("note", note_id),
        paragraph=paragraph_number,
        note_id=note_id,
        note_author=note_author,
        note_number=note_number,
    )
    return _citation(record, edition, page, place)


def note_name(note_number: int, paragraph_number: int, *, capital: bool = False) -> str:
    """How a reader names a note: "note 3 on ¶1"; "Note 3 on ¶1" with a ``capital``, where the
    name begins a sentence or stands alone."""
    return f"{'N' if capital else 'n'}ote {note_number} on ¶{paragraph_number}"


def provisional_base(base_url: str) -> bool:
    """Whether a base URL is a placeholder rather than the edition's permanent address: empty,
    not http(s), on a host name reserved for examples and tests (``example.org``,
    ``*.example``, ``*.test``, ``*.invalid``, ``localhost``), or on an IP address that is not
    public (this machine, a private network, the ranges reserved for documentation)."""
    parts = urlsplit(base_url)
    host = (parts.hostname or "").rstrip(".").lower()
    if parts.scheme not in ("http", "https") or not host:
        return True
    try:
        return not ipaddress.ip_address(host).is_global
    except ValueError:
        pass  # a name, not an address
    if any(host == name or host.endswith("." + name) for name in _RESERVED_HOSTS):
        return True
    return host.rpartition(".")[2] in _RESERVED_DOMAINS


def citations_json(citations: Sequence[Citation]) -> str:
    """All citations as JSON text: the same citations always give the same text."""
    items = [
        {
            "anchor": citation.anchor,
            "url": citation.url,
            "label": citation.label,
            "chicago": citation.chicago,
            "mla": citation.mla,
            "bibtex": citation.bibtex,
            "csl": citation.csl,
            "italic": list(citation.italic),
            "path": citation.path,
            "provisional": citation.provisional,
            "served": citation.served or None,
        }
        for citation in citations
    ]
    return indented_json(items, 1, sort_keys=True) + "\n"


def citations_bibtex(citations: Sequence[Citation]) -> str:
    """All BibTeX entries as one file's text, separated by blank lines."""
    return "\n\n".join(citation.bibtex for citation in citations) + "\n"


def chicago_date(iso: str) -> str:
    """An ISO date as Chicago writes it: "23 April 1997", "April 1997" or "1997"."""
    return _written_date(iso, MONTHS)


def mla_date(iso: str) -> str:
    """An ISO date as MLA writes it: "23 Apr. 1997", "Apr. 1997" or "1997"."""
    return _written_date(iso, MLA_MONTHS)


def _citation(record: Record, edition: EditionInfo, page: str, place: _Place) -> Citation:
    """Every form of the citation of ``place`` in the text of ``record``."""
    path = page + (f"#{place.anchor}" if place.anchor else "")
    url = published_address(edition, path) or path
    key = f"{edition.key}-{place.anchor or record.siglum}"
    forms = _forms(record, edition, place, url, key)
    return Citation(
        anchor=place.anchor,
        url=url,
        label=_label(record, place),
        chicago=forms.chicago,
        mla=forms.mla,
        bibtex=forms.bibtex,
        csl=forms.csl,
        italic=(_typographic(record.periodical or record.publication), edition.title),
        path=path,
        provisional=edition.provisional,
        served=_served(record, edition, place, path, key) if edition.provisional else {},
    )


def _forms(record: Record, edition: EditionInfo, place: _Place, url: str, key: str) -> _Forms:
    """Chicago, MLA, BibTeX and CSL-JSON of the citation of ``place`` at the address ``url``."""
    # where the address stands in a citation: marked when it is provisional
    shown = f"{url} ({PROVISIONAL})" if edition.provisional else url
    return _Forms(
        chicago=_chicago(record, edition, place, shown),
        mla=_mla(record, edition, place, shown),
        bibtex=_bibtex(record, edition, place, url, key),
        csl=_csl(record, edition, place, url, key),
    )


def _served(
    record: Record, edition: EditionInfo, place: _Place, path: str, key: str
) -> dict[str, Any]:
    """The forms of a provisional citation with a placeholder for the edition's home before
    ``path``, which the Cite dialog replaces by the home the page is served from; none if the
    text's own words hold a placeholder (the dialog then keeps the address within the
    edition)."""
    forms = _forms(record, edition, place, _HOME + path, key)

    def placeheld(text: str) -> str:
        return text.replace(_HOME, SERVED_HOME).replace(_HOME_MARK, SERVED_HOME_WITHOUT_SCHEME)

    served: dict[str, Any] = {
        "url": placeheld(_HOME + path),
        "chicago": placeheld(forms.chicago),
        "mla": placeheld(forms.mla),
        "bibtex": placeheld(forms.bibtex),
        "csl": {
            name: placeheld(value) if isinstance(value, str) else value
            for name, value in forms.csl.items()
        },
    }
    texts = (served["chicago"], served["mla"], served["bibtex"], served["csl"]["URL"])
    if any(len(_SERVED_PLACEHOLDER.findall(text)) != 1 for text in texts):
        return {}
    return served


def _label(record: Record, place: _Place) -> str:
    """A short name of the place for the reader: "AB ¶3"."""
    siglum = record.siglum.upper()
    if place.note_id:
        return f"{siglum}, {note_name(place.note_number, place.paragraph)}"
    if place.paragraph:
        return f"{siglum} ¶{place.paragraph}"
    return siglum


# Chicago: a first full note


def _chicago(record: Record, edition: EditionInfo, place: _Place, url: str) -> str:
    """Author, “Title,” date, publication, repr. in the edition, locator, address."""
    original = _chicago_original(record)
    reprint = (
        f"repr. in {edition.title}, ed. {edition.editors}, "
        f"version {edition.version} ({edition.year})"
    )
    if place.note_id:
        note = note_name(place.note_number, place.paragraph)
        return f"{_typographic(place.note_author)}, {note} of {original}, {reprint}, {url}."
    locator = f", ¶{place.paragraph}" if place.paragraph else ""
    return f"{original}, {reprint}{locator}, {url}."


def _chicago_original(record: Record) -> str:
    """The text as Chicago names it: author, “Title,” date, publication."""
    date = _date_unless_published(record, chicago_date(record.date))
    facts = ", ".join(fact for fact in (date, _typographic(record.publication)) if fact)
    return f"{_typographic(_author(record))}, {_quoted(record.title, ',')} {facts}"


# MLA: a works-cited entry


def _mla(record: Record, edition: EditionInfo, place: _Place, url: str) -> str:
    """Author. “Title.” Date. The edition, locator, address. Original publication."""
    date = _date_unless_published(record, mla_date(record.date))
    container = (
        f"{edition.title}, edited by {edition.editors}, version {edition.version}, {edition.year}"
    )
    address = re.sub(r"^https?://", "", url)
    original = _sentence(_typographic(record.publication))
    if place.note_id:
        by = ", ".join(part for part in (_typographic(_author(record)), date) if part)
        return (
            f"{_sentence(_typographic(place.note_author))} Note {place.note_number} on par. "
            f"{place.paragraph} of {_quoted(record.title, ',')} by {by}. "
            f"{container}, {address}. {edition.text_noun.capitalize()} originally published in "
            f"{original}"
        )
    author = _sentence(_typographic(_inverted_author(record)))
    dated = f" {_sentence(date)}" if date else ""
    locator = f", par. {place.paragraph}" if place.paragraph else ""
    return (
        f"{author} {_quoted(record.title, '.')}{dated} {container}{locator}, {address}. "
        f"Originally published in {original}"
    )


# BibTeX


def _bibtex(record: Record, edition: EditionInfo, place: _Place, url: str, key: str) -> str:
    """An ``@incollection`` entry, its names protected from being split or reordered."""
    author = place.note_author or _author(record)
    values = {
        "author": "{" + _bibtex_escape(author) + "}",
        "title": _bibtex_escape(record.title),
        "booktitle": _bibtex_escape(edition.title),
        "editor": "{" + _bibtex_escape(edition.editors) + "}",
        "version": _bibtex_escape(edition.version),
        "year": _bibtex_escape(edition.year),
        "url": _bibtex_url(url),
        "origdate": _bibtex_escape(record.date),
        "note": _bibtex_escape(_data_note(record, edition, place)),
    }
    lines = [f"  {name} = {{{values[name]}}}" for name in _BIBTEX_FIELD_ORDER]
    return f"@incollection{{{key},\n" + ",\n".join(lines) + "\n}"


def _bibtex_escape(text: str) -> str:
    """Text with the characters special to BibTeX and LaTeX escaped; letters are kept."""
    return text.translate(_BIBTEX_TABLE)


def _bibtex_url(url: str) -> str:
    """An address as a BibTeX ``url`` field takes it: characters that would break it encoded."""
    return url.translate(_URL_TABLE)


# CSL-JSON


def _csl(record: Record, edition: EditionInfo, place: _Place, url: str, key: str) -> dict[str, Any]:
    """A CSL-JSON item of type ``chapter``: the text within the edition."""
    author = {"literal": place.note_author} if place.note_author else _csl_name(record)
    return {
        "id": key,
        "type": "chapter",
        "title": record.title,
        "author": [author],
        "container-title": edition.title,
        "editor": [{"literal": edition.editors}],
        "version": edition.version,
        "issued": {"date-parts": [[_number_if_digits(edition.year)]]},
        "original-date": {"date-parts": [_date_parts(record.date)]},
        "note": _data_note(record, edition, place),
        "URL": url,
        "language": record.language,
    }


def _csl_name(record: Record) -> dict[str, str]:
    """The text's author as a CSL name: a person split into family and given names."""
    given, family = _split_name(record.author)
    if record.author and given:
        return {"family": family, "given": given}
    return {"literal": _author(record)}


def _data_note(record: Record, edition: EditionInfo, place: _Place) -> str:
    """The note of a BibTeX entry or CSL item: the locator, then the original publication,
    then, while the edition has no permanent address, that its address is provisional."""
    original = _sentence(record.publication)
    if place.note_id:
        note = (
            f"{note_name(place.note_number, place.paragraph, capital=True)} of the "
            f"{edition.text_noun} by {_author(record)}. {edition.text_noun.capitalize()} "
            f"originally published in {original}"
        )
    elif place.paragraph:
        note = f"¶{place.paragraph}. Originally published in {original}"
    else:
        note = f"Originally published in {original}"
    return f"{note} {PROVISIONAL.capitalize()}." if edition.provisional else note


# Shared pieces


def _author(record: Record) -> str:
    """Who the text is by, in reading order: its author, or else its issuing body."""
    return record.author or record.body


def _inverted_author(record: Record) -> str:
    """The statement's author for the head of a list: "Ponce, Juan"; bodies are not inverted."""
    given, family = _split_name(record.author)
    return f"{family}, {given}" if given else _author(record)


def _split_name(name: str) -> tuple[str, str]:
    """A person's name as (given, family), split at the last space; ("", name) if one word."""
    given, _, family = name.strip().rpartition(" ")
    return given, family


def _quoted(title: str, punctuation: str) -> str:
    """A title in curly quotes, followed inside them by ``punctuation`` unless it ends in ! or ?."""
    title = _curly_title(title)
    if title.endswith(("!", "?")):
        return f"“{title}”"
    return f"“{title}{punctuation}”"


def _sentence(text: str) -> str:
    """Text ending with a full stop, unless it already ends a sentence."""
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _date_unless_published(record: Record, written: str) -> str:
    """The statement's date as written, or "" when its publication already gives that day."""
    day = chicago_date(record.date)
    if re.search(rf"(?<!\d){re.escape(day)}(?!\d)", record.publication):
        return ""
    return written


def _curly_title(title: str) -> str:
    """A title as it stands inside curly double quotes: its own quotes become single and curly."""
    title = title.replace("“", '"').replace("”", '"')
    title = re.sub(_OPENING + '"', "\\1‘", title).replace('"', "’")
    return _typographic(title)


def _typographic(text: str) -> str:
    """Text with its straight apostrophes and single quotes made curly."""
    return re.sub(_OPENING + "'", "\\1‘", text).replace("'", "’")


def _written_date(iso: str, months: Sequence[str]) -> str:
    """An ISO date in words, day first, with the month names given."""
    parts = _date_parts(iso)
    words = [str(parts[2])] if len(parts) > 2 else []
    if len(parts) > 1:
        words.append(months[parts[1] - 1])
    return " ".join([*words, str(parts[0])])


def _date_parts(iso: str) -> list[int]:
    """An ISO date's year, month and day, as many as it gives."""
    return [int(part) for part in iso.split("-")]


def _number_if_digits(text: str) -> int | str:
    """A year as CSL prefers it, a number, unless it is not written in digits alone."""
    return int(text) if text.isdigit() else text
