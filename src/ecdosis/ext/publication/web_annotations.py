"""The editorial notes as W3C Web Annotations: ``data/annotations/<siglum>.jsonld``.

After an HTML build, each text's notes are written beside the pages as one
``AnnotationCollection`` (:mod:`ecdosis.model.publication.web_annotation`), a text without notes
as an empty one. Every address is absolute, made from ``html_baseurl`` as configured (a
placeholder base gives provisional addresses) and the pages as the builder publishes them; a
reference in a note's body links where the page's own link does, and shows what it shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ecdosis.ext.publication.citing import edition_info, published_page
from ecdosis.ext.publication.data_stamp import outdated, record, stamps
from ecdosis.ext.publication.html_translator import HTML_BUILDERS
from ecdosis.ext.publication.output_files import output_exists, output_file, write_if_changed
from ecdosis.ext.registries.bibliography_entries import bibliography_page
from ecdosis.ext.texts.corpus import edition_of, text_docname
from ecdosis.model.fragments import PART_KINDS, fragment
from ecdosis.model.publication.web_annotation import (
    COLLECTION_PATH,
    Addresses,
    Link,
    Resolver,
    annotation_collection,
    collection_json,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def base_url(env: BuildEnvironment) -> str:
    """``html_baseurl`` ending with "/"; where it is not an absolute http(s) address (none is
    configured), a placeholder on a host reserved for examples, as an annotation's id must be
    absolute: ``https://example.org/<edition_key>/``."""
    base: str = env.config.html_baseurl or ""
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"https://example.org/{edition_info(env).key}/"
    return base if base.endswith("/") else base + "/"


def addresses_of(env: BuildEnvironment) -> Addresses:
    """Where the built edition publishes its texts, its bibliography and its parts."""
    base = base_url(env)
    edition = edition_of(env)
    pages = {
        siglum: published_page(env, text_docname(env.config, siglum))
        for siglum in edition.corpus.sigla
    }
    page = bibliography_page(env)
    bibliography = published_page(env, page) if page is not None else ""
    language: str = env.config.language or "en"
    return Addresses(base, pages, bibliography, language, references(env, base))


def references(env: BuildEnvironment, base: str) -> Resolver:
    """A reference's link as the pages resolve it: the part's std label, its title shown."""
    std = env.domains.standard_domain
    kinds = set(PART_KINDS)

    def resolve(role: str, target: str) -> Link | None:
        if role not in kinds:
            return None
        label = fragment(role, target)
        if label not in std.labels:
            return None
        docname, labelid, title = std.labels[label]
        return Link(f"{base}{published_page(env, docname)}#{labelid}", title)

    return resolve


def write_web_annotations(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: each text's notes as a Web Annotation collection, made again only
    for the texts whose inputs changed, and written only if it changed."""
    if exception is not None or app.builder.name not in HTML_BUILDERS:
        return

    def path_of(siglum: str) -> Path:
        return output_file(app.outdir, COLLECTION_PATH.format(siglum=siglum))

    current = stamps(app, "annotations")
    todo = outdated(
        app,
        current,
        lambda siglum: output_exists(app.outdir, COLLECTION_PATH.format(siglum=siglum)),
    )
    if not todo:
        return
    edition = edition_of(app.env)
    addresses = addresses_of(app.env)
    for siglum in todo:
        collection = annotation_collection(edition, siglum, addresses)
        write_if_changed(path_of(siglum), collection_json(collection))
    record(app, current)


def setup_web_annotations(app: Sphinx) -> None:
    """Register this feature's handlers."""
    app.connect("build-finished", write_web_annotations)
