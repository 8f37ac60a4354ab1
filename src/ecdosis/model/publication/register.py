"""The register of published anchors: every address a reader may have cited, kept for ever.

The register is a committed TOML file. For each page it lists every anchor published on it
(paragraphs, notes, entries of the registries, sections), with the version that first
published it and, for what has content of its own, a fingerprint of that content and the
versions in which it changed. An anchor that leaves the edition stays in the register,
retired, with the address its readers are forwarded to.

The build compares the edition with the register: an anchor that disappeared without being
retired is an error that names it; a new anchor, a changed fingerprint or a new version is
an error until ``ecdosis register`` records it, so that the register's diff in a pull request
shows exactly what is published, changed and retired.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

from ecdosis.model.annotations.limits import REGISTER_BYTES
from ecdosis.model.problems import Problem
from ecdosis.model.publication.edition_metadata import DATE, VERSION, EditionMetadata, version_key
from ecdosis.model.reuse import file_digest
from ecdosis.model.texts.characters import check_value, read_contributed_file

KINDS = ("text", "paragraph", "note", "section", "entity", "topic", "term", "event", "figure")
RUN_REGISTER = "run `ecdosis register` to record it, and commit the register"
# The register is committed by contributors: every key and value is checked whole (``\Z``).
# A page is a Sphinx docname: segments of letters, digits, '_', '.', '-', none starting with
# '.' or '_' (no '.' or '..', no hidden or static folders), never absolute.
_SEGMENT = r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}"
PAGE = re.compile(rf"{_SEGMENT}(/{_SEGMENT}){{0,9}}\Z")
ANCHOR = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,199}\Z")
ADDRESS = re.compile(rf"{_SEGMENT}(/{_SEGMENT}){{0,9}}#[A-Za-z0-9][A-Za-z0-9_.-]{{0,199}}\Z")
FINGERPRINT = re.compile(r"([0-9a-f]{16})?\Z")
# Pages every Sphinx build writes itself: no entry of the register may stand for one.
SPHINX_PAGES = frozenset({"genindex", "search", "searchindex", "py-modindex", "np-modindex"})
BARE_KEY = re.compile(r"[A-Za-z0-9_-]+\Z")
_ENTRY_KEYS = ("kind", "since", "fingerprint", "changed", "retired", "forward")


def content_fingerprint(content: str | bytes) -> str:
    """A short, stable fingerprint of an anchor's content."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    return hashlib.sha256(data).hexdigest()[:16]


def file_fingerprint(path: Path, digests: dict[Path, str]) -> str:
    """:func:`content_fingerprint` of a file's contents, from its SHA-256 in ``digests`` (as
    :func:`ecdosis.model.reuse.file_digest` finds or adds it)."""
    return file_digest(path, digests)[: len(content_fingerprint(b""))]


class LiveAnchor(NamedTuple):
    """An anchor of the edition as built now. (A named tuple: a build makes one for every
    anchor, thousands, and sorts them by page and anchor, as tuples sort.)"""

    page: str  # the Sphinx docname, "texts/ab"
    anchor: str  # the fragment, "ab-3"
    kind: str
    fingerprint: str = ""  # "" for what has no content of its own (sections, text titles)

    @property
    def address(self) -> str:
        return f"{self.page}#{self.anchor}"


@dataclass(frozen=True)
class RegisteredAnchor:
    page: str
    anchor: str
    kind: str
    since: str
    fingerprint: str = ""
    changed: tuple[str, ...] = ()
    retired: str = ""  # the version that retired it
    forward: str = ""  # "page#anchor": where a retired anchor's readers land
    line: int = 0

    @property
    def address(self) -> str:
        return f"{self.page}#{self.anchor}"

    def describe(self) -> str:
        return (
            f"the {self.kind} anchor {self.anchor} of {self.page} "
            f"(published since version {self.since})"
        )


@dataclass(frozen=True)
class Version:
    number: str
    date: str
    summary: str = ""
    line: int = 0


@dataclass
class AnchorRegister:
    path: Path
    versions: dict[str, Version] = field(default_factory=dict)
    anchors: dict[tuple[str, str], RegisteredAnchor] = field(default_factory=dict)
    page_lines: dict[str, int] = field(default_factory=dict)

    # A register is not changed once loaded (an update makes a new one): what it holds is
    # grouped once, on first use.

    def on_page(self, page: str) -> list[RegisteredAnchor]:
        return self._by_page.get(page, [])

    @cached_property
    def _by_page(self) -> dict[str, list[RegisteredAnchor]]:
        grouped: dict[str, list[RegisteredAnchor]] = {}
        for (page, _), entry in self.anchors.items():
            grouped.setdefault(page, []).append(entry)
        return grouped

    def retired(self) -> list[RegisteredAnchor]:
        return self._retired

    @cached_property
    def _retired(self) -> list[RegisteredAnchor]:
        return [entry for entry in self.anchors.values() if entry.forward]

    def landing_on(self, page: str) -> list[tuple[RegisteredAnchor, str]]:
        """The retired anchors whose readers land on ``page``, each with the anchor there."""
        return self._landings.get(page, [])

    @cached_property
    def _landings(self) -> dict[str, list[tuple[RegisteredAnchor, str]]]:
        found: dict[str, list[tuple[RegisteredAnchor, str]]] = {}
        for entry in self._retired:
            target = self.landing(entry)
            if target is not None:
                found.setdefault(target[0], []).append((entry, target[1]))
        return found

    def landing(self, entry: RegisteredAnchor) -> tuple[str, str] | None:
        """Where a retired anchor's readers land, (page, anchor): its forward, followed through
        anchors that are retired in turn; None for a circle of forwards."""
        seen = {entry.address}
        forward = entry.forward
        while True:
            page, _, anchor = forward.partition("#")
            following = self.anchors.get((page, anchor))
            if following is None or not following.forward:
                return page, anchor
            if following.address in seen:
                return None
            seen.add(following.address)
            forward = following.forward

    def line_for(self, page: str) -> int:
        return self.page_lines.get(page, 1)


def load_register(path: Path, problems: list[Problem]) -> AnchorRegister:
    """Read the register; a missing file is an empty register (the first ``ecdosis register``
    writes it). The register is contributed input: every key and value is checked."""
    register = AnchorRegister(path)
    if path.is_symlink():  # `ecdosis register` would write wherever it points
        problems.append(Problem(path, 1, "the register is a symbolic link", "commit the file"))
        return register
    if not path.exists():
        return register
    if path.stat().st_size > REGISTER_BYTES:
        problems.append(
            Problem(
                path,
                1,
                f"the register is larger than {REGISTER_BYTES // 1_000_000} MB",
                "restore the register of the edition's main branch and run `ecdosis register`",
            )
        )
        return register
    read = read_contributed_file(path, problems, what="the register of anchors")
    if read is None or read[1]:
        return register
    source = read[0]
    try:
        data = _parse(source)
    except tomllib.TOMLDecodeError as error:
        problems.append(Problem(path, _error_line(error), str(error), "correct the TOML syntax"))
        return register
    lines = _entry_lines(source)
    register.page_lines = {
        key[1]: line for key, line in lines.items() if len(key) == 2 and key[0] == "anchors"
    }
    unknown = sorted(set(data) - {"versions", "anchors"})
    if unknown:
        problems.append(
            Problem(
                path,
                1,
                f"the register has an unknown table {unknown[0]!r}",
                'keep only [versions] and the [anchors."<page>"] tables',
            )
        )
    versions, anchors = data.get("versions", {}), data.get("anchors", {})
    if not isinstance(versions, dict) or not isinstance(anchors, dict):
        problems.append(
            Problem(path, 1, "[versions] and [anchors] must be tables", "correct the register")
        )
        return register
    for number, value in versions.items():
        version = _version(path, number, value, lines.get(("versions", number), 1), problems)
        if version is not None:
            register.versions[number] = version
    for page, entries in anchors.items():
        line = lines.get(("anchors", page), 1)
        if not _page_key(path, page, line, problems):
            continue
        if not isinstance(entries, dict):
            problems.append(
                Problem(path, line, f"the page {page!r} is not a table", "correct the register")
            )
            continue
        for anchor, value in entries.items():
            entry = _entry(
                path, page, anchor, value, lines.get(("anchors", page, anchor), line), problems
            )
            if entry is not None:
                register.anchors[page, anchor] = entry
    return register


def _version(
    path: Path, number: str, value: object, line: int, problems: list[Problem]
) -> Version | None:
    fields = value if isinstance(value, dict) else {}
    date, summary = fields.get("date"), fields.get("summary", "")
    if not (
        VERSION.match(number)
        and isinstance(value, dict)
        and set(value) <= {"date", "summary"}
        and isinstance(date, str)
        and DATE.match(date)
        and isinstance(summary, str)
    ):
        problems.append(
            Problem(
                path,
                line,
                f"version {number!r} is malformed",
                'write "0.1" = { date = "2026-11-21" }, with an optional summary = "…"',
            )
        )
        return None
    if not check_value(path, line, f"the summary of version {number}", summary, problems):
        return None
    return Version(number, date, summary, line)


def _page_key(path: Path, page: str, line: int, problems: list[Problem]) -> bool:
    """Whether ``page`` may name a page of the edition: a plain relative docname that is not
    one of the pages Sphinx writes itself."""
    if PAGE.match(page) and page not in SPHINX_PAGES:
        return True
    problems.append(
        Problem(
            path,
            line,
            f"the page {_shown(page)} is not a page of the edition",
            "a page is the name of a document of the edition, such as texts/ab or index: "
            "no '.' or '..' segments, no leading '/', '.' or '_', and none of Sphinx's own "
            f"pages ({', '.join(sorted(SPHINX_PAGES))})",
        )
    )
    return False


def _shown(value: str) -> str:
    return repr(value) if len(value) <= 60 else repr(value[:57]) + "…"


def _entry(
    path: Path, page: str, anchor: str, value: object, line: int, problems: list[Problem]
) -> RegisteredAnchor | None:
    def wrong(what: str, fix: str) -> None:
        problems.append(Problem(path, line, f"{page}#{_shown(anchor)[1:-1]}: {what}", fix))

    if not ANCHOR.match(anchor):
        wrong(
            "is not an anchor",
            "an anchor is letters, digits, '-', '_' and '.', as the edition's ids are",
        )
        return None
    if not isinstance(value, dict):
        wrong("is not a table", 'write it like { kind = "paragraph", since = "0.1" }')
        return None
    unknown = sorted(set(value) - set(_ENTRY_KEYS))
    if unknown:
        wrong(f"unknown key {_shown(unknown[0])}", f"use {', '.join(_ENTRY_KEYS)}")
        return None
    kind, since = value.get("kind"), value.get("since")
    if kind not in KINDS:
        wrong(f"kind {_shown(str(kind))} is not one of {', '.join(KINDS)}", "correct the kind")
        return None
    changed = value.get("changed", [])
    retired = value.get("retired", "")
    versions = [since, *(changed if isinstance(changed, list) else [None])]
    if retired:
        versions.append(retired)
    if not all(isinstance(v, str) and VERSION.match(v) for v in versions):
        wrong(
            'since, retired and each of changed = [...] must be versions such as "0.1"',
            "correct them",
        )
        return None
    fingerprint = value.get("fingerprint", "")
    if not (isinstance(fingerprint, str) and FINGERPRINT.match(fingerprint)):
        wrong("the fingerprint is not 16 hexadecimal digits", RUN_REGISTER)
        return None
    forward = value.get("forward", "")
    if forward and not (isinstance(forward, str) and ADDRESS.match(forward)):
        wrong(f"forward {_shown(str(forward))} is not an address", 'write it like "texts/ab#ab-4"')
        return None
    return RegisteredAnchor(
        page,
        anchor,
        kind,
        str(since),
        fingerprint,
        tuple(changed),
        str(retired),
        forward,
        line,
    )


def _error_line(error: tomllib.TOMLDecodeError) -> int:
    found = re.search(r"line (\d+)", str(error))
    return int(found.group(1)) if found else 1


def _parse(source: str) -> dict[str, Any]:
    """The register as TOML reads it: read line by line when every line is one the register's
    own writer makes (:func:`dump_register`), else by the TOML parser (which also gives the
    error of a file that is not TOML). The line-by-line reading gives what the parser gives."""
    fast = _parse_written(source)
    return fast if fast is not None else tomllib.loads(source)


_PLAIN = r'"([^"\\\x00-\x1f\x7f]*)"'  # a basic string without escapes
_TABLE_LINE = re.compile(r"\[(?:(versions)|anchors\." + _PLAIN + r")\]\Z")
_KEY = r"(?:([A-Za-z0-9_-]+)|" + _PLAIN + r")"
_FIELD = re.compile(r"\s*([A-Za-z0-9_-]+) = (?:" + _PLAIN + r"|\[([^\]]*)\])\s*(,?)")
_ENTRY_LINE = re.compile(_KEY + r" = \{(.*)\}\Z")
_ITEM = re.compile(r"\s*" + _PLAIN + r"\s*(?:,|\Z)")


def _parse_written(source: str) -> dict[str, Any] | None:
    """The register read line by line, ``None`` at the first line its writer does not make (or
    a key given twice, which TOML refuses)."""
    data: dict[str, Any] = {}
    table: dict[str, Any] | None = None
    for text in source.splitlines():
        line = text.strip()
        if not line or line.startswith("#"):
            continue
        header = _TABLE_LINE.match(line)
        if header:
            if header.group(1):
                if "versions" in data:
                    return None
                table = data["versions"] = {}
            else:
                pages = data.setdefault("anchors", {})
                if header.group(2) in pages:
                    return None
                table = pages[header.group(2)] = {}
            continue
        entry = _ENTRY_LINE.match(line)
        if entry is None or table is None:
            return None
        key = entry.group(1) if entry.group(1) is not None else entry.group(2)
        fields = _fields(entry.group(3))
        if fields is None or key in table:
            return None
        table[key] = fields
    return data


def _fields(inline: str) -> dict[str, Any] | None:
    """The fields of an inline table of strings and arrays of strings, or ``None``."""
    fields: dict[str, Any] = {}
    position, inline = 0, inline.strip()
    while position < len(inline):
        found = _FIELD.match(inline, position)
        if found is None or found.group(1) in fields:
            return None
        name, string, items, comma = found.groups()
        # fields are separated by commas, with none after the last (TOML's inline tables)
        if bool(comma) != (found.end() < len(inline)):
            return None
        if string is not None:
            fields[name] = string
        else:
            values = _items(items)
            if values is None:
                return None
            fields[name] = values
        position = found.end()
    return fields


def _items(array: str) -> list[str] | None:
    values: list[str] = []
    position, array = 0, array.strip()
    while position < len(array):
        found = _ITEM.match(array, position)
        if found is None:
            return None
        values.append(found.group(1))
        position = found.end()
    return values


_PLAIN_PAGE_TABLE = re.compile(r'\[anchors\."([^"\\\x00-\x1f\x7f]*)"\]\Z')
_BARE_ENTRY = re.compile(r"([A-Za-z0-9_-]+)\s*=\s*\{")


def _entry_lines(source: str) -> dict[tuple[str, ...], int]:
    """The line of each version, ``("versions", number)``, page table, ``("anchors", page)``,
    and entry, ``("anchors", page, anchor)``. The register keeps one of them per line, so each
    line is read as TOML of its own, and keys are compared decoded, escapes and all."""
    lines: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    for number, text in enumerate(source.splitlines(), start=1):
        stripped = text.strip()
        if not stripped or stripped.startswith("#"):
            continue
        # The lines as `ecdosis register` writes them, read without a TOML parser: a page's
        # table with a plain quoted name, an entry with a bare key.
        page = _PLAIN_PAGE_TABLE.match(stripped)
        if page:
            table = ("anchors", page.group(1))
            lines.setdefault(table, number)
            continue
        bare = _BARE_ENTRY.match(stripped)
        if bare and table:
            lines.setdefault((*table, bare.group(1)), number)
            continue
        try:
            parsed: dict[str, object] = tomllib.loads(stripped)
        except tomllib.TOMLDecodeError:
            continue
        if stripped.startswith("["):
            table = ()
            while len(parsed) == 1:
                key, value = next(iter(parsed.items()))
                table = (*table, key)
                parsed = value if isinstance(value, dict) else {}
            lines.setdefault(table, number)
        elif table and len(parsed) == 1:
            lines.setdefault((*table, next(iter(parsed))), number)
    return lines


def compare(
    register: AnchorRegister, live: Iterable[LiveAnchor], metadata: EditionMetadata
) -> list[Problem]:
    """Every way the edition and its register disagree (empty when they agree)."""
    problems = gone(register, live)
    path = register.path
    known = register.versions.get(metadata.version)
    if known is None or known.date != metadata.released:
        problems.append(
            Problem(
                path,
                known.line if known else 1,
                f"version {metadata.version} of {metadata.released} (CITATION.cff) is not "
                "in the register",
                RUN_REGISTER,
            )
        )
    for anchor in live:
        entry = register.anchors.get((anchor.page, anchor.anchor))
        if entry is None:
            problems.append(
                Problem(
                    path,
                    register.line_for(anchor.page),
                    f"the {anchor.kind} anchor {anchor.address} is new: it is not in the register",
                    RUN_REGISTER,
                )
            )
        elif entry.forward:
            problems.append(
                Problem(
                    path,
                    entry.line,
                    f"{anchor.address} is retired in the register but is in the edition again",
                    "remove its retired and forward keys, or the anchor from the edition",
                )
            )
        elif entry.fingerprint != anchor.fingerprint:
            problems.append(
                Problem(
                    path,
                    entry.line,
                    f"the {anchor.kind} {anchor.address} has changed since the register "
                    "recorded it",
                    RUN_REGISTER,
                )
            )
    problems.extend(
        Problem(
            path,
            entry.line,
            f"{entry.address} is retired, but not stamped with a version",
            RUN_REGISTER,
        )
        for entry in register.retired()
        if not entry.retired
    )
    return problems


def gone(register: AnchorRegister, live: Iterable[LiveAnchor]) -> list[Problem]:
    """Registered anchors missing from the edition and not retired, and broken forwards."""
    present = {(anchor.page, anchor.anchor) for anchor in live}
    problems = []
    for key, entry in register.anchors.items():
        if entry.forward:
            landing = register.landing(entry)
            if landing not in present:
                problems.append(
                    Problem(
                        register.path,
                        entry.line,
                        f"{entry.address} forwards to {entry.forward}, which is not in the edition",
                        "forward it to an anchor the edition has",
                    )
                )
        elif key not in present:
            problems.append(
                Problem(
                    register.path,
                    entry.line,
                    f"{entry.describe()} is gone from the edition: readers who cited "
                    f"{entry.address} would find nothing",
                    'restore it; or retire it by adding forward = "<page>#<anchor>" to this '
                    "entry, the address its readers should land on",
                )
            )
    return problems


def updated(
    register: AnchorRegister, live: Iterable[LiveAnchor], metadata: EditionMetadata
) -> AnchorRegister:
    """The register with every new anchor, changed content, retirement and this version
    recorded. Anchors that are gone without a forward must be resolved by a person first.
    An entry with nothing to record is the register's own, with the line it has there
    (:func:`written_register` gives every entry its line in the text written)."""
    current = metadata.version
    versions = dict(register.versions)
    summary = versions[current].summary if current in versions else ""
    versions[current] = Version(current, metadata.released, summary)
    anchors = {}
    for key, registered in register.anchors.items():
        stamp = registered.retired or (current if registered.forward else "")
        anchors[key] = (
            registered if stamp == registered.retired else replace(registered, retired=stamp)
        )
    for anchor in live:
        key = (anchor.page, anchor.anchor)
        entry = anchors.get(key)
        if entry is None:
            anchors[key] = RegisteredAnchor(
                anchor.page, anchor.anchor, anchor.kind, current, anchor.fingerprint
            )
        elif entry.fingerprint != anchor.fingerprint:
            changed = entry.changed
            if version_key(entry.since) < version_key(current) and current not in changed:
                changed = (*changed, current)
            anchors[key] = replace(
                entry, kind=anchor.kind, fingerprint=anchor.fingerprint, changed=changed
            )
    return AnchorRegister(register.path, versions, anchors)


HEADER = """\
# The register of published anchors. Every address of the edition that a reader may have cited
# (page#anchor) is listed under its page with the version that first published it; paragraphs,
# notes and the entries of the registries carry a fingerprint of their content and the versions
# that changed it. `ecdosis register` adds new anchors and records changes; the build refuses an
# edition that disagrees with this file. To take an anchor out of the edition, keep its entry
# and add forward = "<page>#<anchor>": the address its readers are sent to from now on.
"""


def dump_register(register: AnchorRegister) -> str:
    """The register as TOML, one line per anchor, in a stable order."""
    return "\n".join(line for line, _ in _written(register)) + "\n"


def written_register(register: AnchorRegister) -> tuple[str, AnchorRegister]:
    """The register as TOML (:func:`dump_register`) and as :func:`load_register` reads that
    text back: the same versions and entries, in the text's order, each with its line."""
    lines, read = [], AnchorRegister(register.path)
    # the header's lines and the blank line after them come first
    for number, (line, written) in enumerate(_written(register), start=HEADER.count("\n") + 1):
        lines.append(line)
        # an entry already on its line is kept as it is (most are, after an edit)
        if isinstance(written, RegisteredAnchor):
            kept = written if written.line == number else replace(written, line=number)
            read.anchors[written.page, written.anchor] = kept
        elif isinstance(written, Version):
            read.versions[written.number] = replace(written, line=number)
        elif written:
            read.page_lines[written] = number
    return "\n".join(lines) + "\n", read


def reads_back(read: AnchorRegister, written: AnchorRegister, text: str) -> bool:
    """Whether :func:`load_register` reads ``text`` back as ``written`` without a problem:
    the register as :func:`written_register` wrote it, updated from ``read``, a register read
    without problems. Only the versions and what ``read`` does not hold as it is are checked
    again; what ``read`` holds passed the same checks when it was read."""
    if len(text.encode("utf-8")) > REGISTER_BYTES:
        return False
    problems: list[Problem] = []
    path = written.path
    for number, version in written.versions.items():
        _version(path, number, _version_fields(version), version.line, problems)
    pages = {page for page, _ in read.anchors}
    for page, line in written.page_lines.items():
        if page not in pages:
            _page_key(path, page, line, problems)
    for key, e in written.anchors.items():
        was = read.anchors.get(key)
        values = (e.kind, e.since, e.fingerprint, e.changed, e.retired, e.forward)
        if was is None or values != (
            was.kind,
            was.since,
            was.fingerprint,
            was.changed,
            was.retired,
            was.forward,
        ):
            fields: dict[str, object] = dict(_entry_fields(e))
            fields |= {"changed": list(e.changed)} if e.changed else {}
            _entry(path, e.page, e.anchor, fields, e.line, problems)
    return not problems


def _written(register: AnchorRegister) -> Iterator[tuple[str, Version | RegisteredAnchor | str]]:
    """Each line of the register as TOML, with what it writes: a version, an entry, a page's
    table (the page) or nothing ("")."""
    yield HEADER, ""
    yield "[versions]", ""
    for number in sorted(register.versions, key=version_key):
        version = register.versions[number]
        yield f"{_string(number)} = {_inline(_version_fields(version))}", version
    pages = sorted({page for page, _ in register.anchors})
    for page in pages:
        yield "", ""
        yield f"[anchors.{_string(page)}]", page
        entries = sorted(register.on_page(page), key=lambda e: _natural(e.anchor))
        for entry in entries:
            key = entry.anchor if BARE_KEY.match(entry.anchor) else _string(entry.anchor)
            yield f"{key} = {_entry_line(entry)}", entry


def _entry_line(entry: RegisteredAnchor) -> str:
    """An entry's inline table: its fields (:func:`_entry_fields`), then ``changed``, if it has
    any. (Written field by field: a register has an entry for every anchor of the edition.)"""
    line = f"{{ kind = {_string(entry.kind)}, since = {_string(entry.since)}"
    if entry.fingerprint:
        line += f", fingerprint = {_string(entry.fingerprint)}"
    if entry.retired:
        line += f", retired = {_string(entry.retired)}"
    if entry.forward:
        line += f", forward = {_string(entry.forward)}"
    if entry.changed:
        line += f", changed = [{', '.join(map(_string, entry.changed))}]"
    return line + " }"


def _version_fields(version: Version) -> dict[str, str]:
    """A version's fields as the register writes them: its date, and its summary if it has one."""
    return {"date": version.date} | ({"summary": version.summary} if version.summary else {})


def _entry_fields(entry: RegisteredAnchor) -> dict[str, str]:
    """An entry's fields as the register writes them, but ``changed``: those it has, in order."""
    fields = {"kind": entry.kind, "since": entry.since}
    if entry.fingerprint:
        fields["fingerprint"] = entry.fingerprint
    if entry.retired:
        fields["retired"] = entry.retired
    if entry.forward:
        fields["forward"] = entry.forward
    return fields


_ESCAPED = re.compile(r'[\x00-\x1f\x7f"\\]')


def _string(value: str) -> str:
    """A TOML basic string: backslash, quote and control characters escaped."""
    if not _ESCAPED.search(value):
        return f'"{value}"'
    escaped = "".join(
        f"\\u{ord(c):04X}" if c < " " or c == "\x7f" else "\\" + c if c in '"\\' else c
        for c in value
    )
    return f'"{escaped}"'


def _inline(fields: dict[str, str]) -> str:
    return "{ " + ", ".join(f"{key} = {_string(value)}" for key, value in fields.items()) + " }"


_NUMBERS = re.compile(r"([0-9]+)")


def _natural(anchor: str) -> list[object]:
    """ab-2 before ab-10."""
    return [int(part) if part.isdigit() else part for part in _NUMBERS.split(anchor)]
