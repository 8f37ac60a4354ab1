"""The TEI file of each text, ``<outdir>/data/tei/<siglum>.xml``, written by the HTML builds.

The documents are made from the model (:func:`ecdosis.model.publication.tei.tei_document`), the
one source of the reading texts, notes and registries that every format is made from; the build
gives them the edition's addresses (``html_baseurl``, or addresses relative to the file when it
has none) and makes again only the files of texts whose inputs changed
(:mod:`ecdosis.ext.publication.data_stamp`), writing a file only when it changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ecdosis.ext.publication.citing import published_page
from ecdosis.ext.publication.data_stamp import outdated, record, stamps
from ecdosis.ext.publication.html_translator import HTML_BUILDERS
from ecdosis.ext.publication.output_files import output_exists, output_file, write_if_changed
from ecdosis.ext.publication.register import metadata_of
from ecdosis.ext.registries.bibliography_entries import bibliography_page
from ecdosis.ext.texts.corpus import edition_of, text_docname
from ecdosis.model.fragments import PART_KINDS, fragment, source_fragment
from ecdosis.model.publication.tei import Publication, read_citation_extras, tei_document

if TYPE_CHECKING:
    from sphinx.application import Sphinx

TEI_FOLDER = "data/tei"


def setup_tei(app: Sphinx) -> None:
    """Register this feature's handlers."""
    app.connect("build-finished", write_tei_files)


def write_tei_files(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: the TEI file of every text, for the HTML builders."""
    if exception is not None or app.builder.name not in HTML_BUILDERS:
        return
    current = stamps(app, "tei")
    todo = outdated(app, current, lambda siglum: output_exists(app.outdir, tei_file(siglum)))
    if not todo:
        return
    env = app.env
    edition = edition_of(env)
    base: str = app.config.html_baseurl or ""
    if base and not base.endswith("/"):
        base += "/"
    base = base or "../../"  # from data/tei/ to the edition's home
    labels = env.domains.standard_domain.labels
    bibliography = bibliography_page(env)

    def address(kind: str, part_id: str) -> str:
        if kind == "source":
            if bibliography is None:
                return ""
            return f"{base}{published_page(env, bibliography)}#{source_fragment(part_id)}"
        if kind not in PART_KINDS:
            return ""
        label = fragment(kind, part_id)
        if label not in labels:
            return ""
        docname, labelid, _ = labels[label]
        return f"{base}{published_page(env, docname)}#{labelid}"

    def text_address(siglum: str) -> str:
        return base + published_page(env, text_docname(app.config, siglum))

    editors, licence = read_citation_extras(Path(app.confdir) / app.config.edition_citation_file)
    publication = Publication(metadata_of(app), editors, licence, text_address, address)
    for siglum in todo:
        write_if_changed(tei_path(app, siglum), tei_document(edition, siglum, publication))
    record(app, current)


def tei_file(siglum: str) -> str:
    """A text's TEI file, in the output folder."""
    return f"{TEI_FOLDER}/{siglum}.xml"


def tei_path(app: Sphinx, siglum: str) -> Path:
    """Where a text's TEI file is written."""
    return output_file(app.outdir, tei_file(siglum))
