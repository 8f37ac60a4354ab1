"""The build's side of the register of published anchors
(``ecdosis.model.publication.register``).

After every page is read, the anchors the edition publishes (every ``std`` label of its pages)
are compared with the register: any disagreement stops the build before anything is written,
naming the anchor. With ``-D edition_register_update=1`` (``ecdosis register``) the register is
brought up to date instead, except for anchors that are gone, which a person must retire.

A retired anchor keeps working: its id is added to the element it forwards to (so the old
fragment lands there, in every format, and stays in ``objects.inv``); a page that still exists
but lost the anchor to another page forwards the old fragment with a small script; a page that
no longer exists is written as a forwarding page.
"""

from __future__ import annotations

import html
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ecdosis.ext.annotations.dependencies import fingerprint
from ecdosis.ext.collector import resume
from ecdosis.ext.domain import EditionDomain
from ecdosis.ext.last_build import unchanged
from ecdosis.ext.publication.output_files import OutsideOutput, output_file, write_if_changed
from ecdosis.ext.publication.register_kept import keep_written_register, load_register_kept
from ecdosis.ext.texts.corpus import edition_of, stop_build
from ecdosis.model.edition import Edition
from ecdosis.model.problems import Problem
from ecdosis.model.publication.edition_metadata import (
    EditionMetadata,
    MetadataError,
    read_edition_metadata,
)
from ecdosis.model.publication.register import (
    AnchorRegister,
    LiveAnchor,
    compare,
    gone,
    updated,
    written_register,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

_REGISTERS: dict[str, AnchorRegister] = {}
_METADATA: dict[str, EditionMetadata] = {}


def load_metadata_and_register(app: Sphinx, config: Config) -> None:
    """``config-inited``: the edition's version (CITATION.cff) and its register."""
    key = os.fspath(app.srcdir)
    try:
        _METADATA[key] = read_edition_metadata(Path(app.confdir) / config.edition_citation_file)
    except MetadataError as error:
        print(f"{error}\nNothing was built.", file=sys.stderr)
        resume()  # the collector, if this build paused it
        raise SystemExit(1) from None
    problems: list[Problem] = []
    _REGISTERS[key] = load_register_kept(register_path(app), Path(app.doctreedir), problems)
    if problems:
        stop_build(problems, " Nothing was built.")


def register_path(app: Sphinx) -> Path:
    configured: str = app.config.edition_anchor_register
    return Path(app.confdir) / configured


def register_of(env: BuildEnvironment) -> AnchorRegister:
    return _REGISTERS[os.fspath(env.srcdir)]


def metadata_of(app_or_env: Sphinx | BuildEnvironment) -> EditionMetadata:
    """The edition's title, editors, version and release date: ``CITATION.cff`` as
    :func:`load_metadata_and_register` read it, once per build, at ``config-inited`` before
    the other handlers that use it."""
    return _METADATA[os.fspath(app_or_env.srcdir)]


def content_of(edition: Edition) -> dict[str, tuple[str, str]]:
    """Kind and content fingerprint of every anchor the edition's data defines (found once,
    and kept with the edition between builds)."""
    return edition.anchor_contents


def live_anchors(env: BuildEnvironment) -> list[LiveAnchor]:
    """Every anchor the built edition publishes: the std labels of its pages."""
    content = content_of(edition_of(env))
    aliases = {alias for forwards in EditionDomain.of(env).forwards.values() for alias in forwards}
    docs = env.all_docs
    section = ("section", "")
    found = {
        LiveAnchor(docname, labelid, *content.get(labelid, section))
        for name, (docname, labelid, _title) in env.domains.standard_domain.labels.items()
        if labelid and docname in docs and name not in aliases
    }
    # by page and anchor: one anchor of a page has one kind and content
    return sorted(found)


def check_register(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: refuse an edition that disagrees with its register, or (``ecdosis
    register``) record what is new."""
    register, metadata = register_of(env), metadata_of(env)
    if unchanged(app):  # the last build's check found nothing, and nothing changed since
        if app.config.edition_register_update:
            _say_recorded(register.path, metadata, 0, 0)
        return
    live = live_anchors(env)
    if not app.config.edition_register_update:
        problems = compare(register, live, metadata) + forwarding_page_problems(register, env)
        if problems:
            stop_build(problems, " Nothing was written.")
        return
    problems = gone(register, live)
    if problems:
        stop_build(problems, " The register was not changed.")
    new = updated(register, live, metadata)
    text, written = written_register(new)
    path = register.path
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
        keep_written_register(register, text, written, Path(app.doctreedir))
    added = len(new.anchors.keys() - register.anchors.keys())
    revised = sum(
        1
        for key, entry in new.anchors.items()
        if key in register.anchors
        and (entry.fingerprint, entry.retired)
        != (register.anchors[key].fingerprint, register.anchors[key].retired)
    )
    _say_recorded(path, metadata, added, revised)


def _say_recorded(path: Path, metadata: EditionMetadata, added: int, revised: int) -> None:
    """What ``ecdosis register`` tells of the register it brought up to date."""
    print(f"{path}: version {metadata.version}; {added} anchors added, {revised} updated.")


def forwarding_page_problems(register: AnchorRegister, env: BuildEnvironment) -> list[Problem]:
    """Pages of the register that are not pages of the edition become forwarding pages: none
    may stand where a page of the edition is written (on a file system that ignores case,
    ``Index.html`` is ``index.html``)."""
    pages = {docname.casefold(): docname for docname in env.all_docs}
    problems = []
    for page in sorted({page for page, _ in register.anchors} - set(env.all_docs)):
        other = pages.get(page.casefold())
        if other is not None:
            problems.append(
                Problem(
                    register.path,
                    register.line_for(page),
                    f"the page {page!r} differs from the edition's page {other!r} only in case",
                    f"write it as {other!r}: its forwarding page would overwrite {other}",
                )
            )
    return problems


def register_inputs(env: BuildEnvironment, docname: str) -> str:
    """The fingerprint of what a page shows of the register (its changed paragraphs and the
    retired anchors that land on it; on a page with the changelog, the changelog's part:
    :func:`changelog_inputs`) and of the edition's version and address, which the citations
    show."""
    register, metadata = register_of(env), metadata_of(env)
    changed = [(e.anchor, e.changed) for e in register.on_page(docname) if e.changed]
    landing = [(entry.address, anchor) for entry, anchor in register.landing_on(docname)]
    shown = changelog_inputs(register) if docname in EditionDomain.of(env).changelogs else None
    return fingerprint((changed, sorted(landing), metadata, env.config.html_baseurl, shown))


def changelog_inputs(register: AnchorRegister) -> object:
    """What the changelog shows of the register: its versions, and each anchor's page, kind
    and versions (not its fingerprint, which changes with every edit of what it names, nor
    where it stands in the file)."""
    versions = sorted((v.number, v.date, v.summary) for v in register.versions.values())
    anchors = sorted(
        (e.page, e.anchor, e.kind, e.since, e.changed, e.retired, e.forward)
        for e in register.anchors.values()
    )
    return versions, anchors


def place_forwards(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: give each retired anchor that lands on this page its old id, on the
    element it forwards to, and remember what the page shows of the register."""
    env = app.env
    register = register_of(env)
    docname = env.docname
    domain = EditionDomain.of(env)
    std = env.domains.standard_domain
    placed = []
    for entry, landing in register.landing_on(docname):
        if entry.anchor in doctree.ids:
            continue
        element = doctree.ids.get(landing) or next(
            (node for node in doctree.findall(nodes.Element) if landing in node["ids"]), None
        )
        if element is None:
            continue  # the build's check names the broken forward
        element["ids"].append(entry.anchor)
        doctree.ids[entry.anchor] = element
        title = std.labels.get(landing, ("", "", landing))[2]
        std.note_hyperlink_target(entry.anchor, docname, entry.anchor, title)
        placed.append(entry.anchor)
    if placed:
        domain.forwards[docname] = tuple(placed)
    domain.register_inputs[docname] = register_inputs(env, docname)


def outdated_by_register(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: pages whose part of the register changed since they were read."""
    if unchanged(app):
        return []
    return sorted(
        docname
        for docname, digest in EditionDomain.of(env).register_inputs.items()
        if docname not in removed and register_inputs(env, docname) != digest
    )


def forwards_from(register: AnchorRegister, page: str, builder: Builder) -> dict[str, str]:
    """Old fragment -> new address (relative to ``page``), for the page's retired anchors that
    land on another page."""
    table = {}
    for entry in register.on_page(page):
        target = register.landing(entry) if entry.forward else None
        if target is not None and target[0] != page:
            uri = builder.get_relative_uri(page, target[0]) + "#" + target[1]
            table[entry.anchor] = uri
    return table


FORWARD_SCRIPT = """<script>(function () {{
var forwards = {table};
var target = forwards[decodeURIComponent(location.hash.slice(1))];
if (target) {{ location.replace(target); }}
}})();</script>"""


def forward_script(table: dict[str, str]) -> str:
    data = json.dumps(table, ensure_ascii=True, sort_keys=True).replace("</", "<\\/")
    return FORWARD_SCRIPT.format(table=data)


def add_forward_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """``html-page-context``: a page that lost anchors to other pages forwards their readers."""
    if app.builder.format != "html" or app.builder.name == "epub":
        return
    table = forwards_from(register_of(app.env), pagename, app.builder)
    if table:
        context["metatags"] = context.get("metatags", "") + forward_script(table)


def write_forwarding_pages(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: each page of the register that no longer exists becomes a page that
    forwards its readers (by fragment, or to where its title now is)."""
    if exception is not None or app.builder.name not in ("html", "dirhtml"):
        return
    register = register_of(app.env)
    for page in sorted({page for page, _ in register.anchors} - set(app.env.all_docs)):
        table = forwards_from(register, page, app.builder)
        if not table:
            continue
        links = "".join(
            f'<li><a href="{html.escape(uri)}">{html.escape(anchor)}</a></li>'
            for anchor, uri in sorted(table.items())
        )
        first = min(table.items(), key=lambda item: register.anchors[page, item[0]].line)[1]
        try:
            # where the builder would have written the page: dirhtml writes page/index.html
            written = f"{page}/index.html" if app.builder.name == "dirhtml" else f"{page}.html"
            out = output_file(app.outdir, written)
        except OutsideOutput as error:
            problem = Problem(
                register.path,
                register.line_for(page),
                f"the forwarding page of {page!r} would be written outside the output ({error})",
                "name a page of the edition",
            )
            stop_build([problem], " The forwarding page was not written.")
        write_if_changed(
            out,
            f'<!DOCTYPE html>\n<html lang="{html.escape(app.config.language or "en")}"><head>'
            '<meta charset="utf-8">'
            f"<title>{html.escape(page)}: moved</title>{forward_script(table)}"
            '<noscript><meta http-equiv="refresh" '
            f'content="0; url={html.escape(first)}"></noscript>'
            "</head><body><p>This page is no longer part of the edition. "
            f"What it held is now here:</p><ul>{links}</ul></body></html>\n",
        )
