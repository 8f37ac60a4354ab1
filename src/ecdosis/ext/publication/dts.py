"""The static DTS 1.0 API of the edition (Level 0), written with the HTML under ``api/dts/``.

The files are made by :mod:`ecdosis.model.publication.dts` from the loaded edition; the
documents are the TEI files that the TEI export writes (``data/tei/<siglum>.xml``) before this
handler runs: a text whose TEI file is missing has a collection and a navigation, no documents.
Only files that changed are written, and a file of an earlier build that the API no longer has
(a text removed) is removed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from ecdosis.configuration import key_from_title
from ecdosis.ext.publication.citing import published_page
from ecdosis.ext.publication.data_stamp import data_stamp, is_current, record
from ecdosis.ext.publication.html_translator import HTML_BUILDERS
from ecdosis.ext.publication.output_files import output_file, write_if_changed
from ecdosis.ext.publication.register import metadata_of
from ecdosis.ext.texts.corpus import edition_of, text_docname
from ecdosis.model.publication.dts import (
    FOLDER,
    DtsEdition,
    collection_identifier,
    dts_files,
    missing_paragraphs,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

TEI_FOLDER = "data/tei"


def setup_dts(app: Sphinx) -> None:
    """Register this feature's handlers."""
    app.connect("build-finished", write_dts)


def write_dts(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write the API's files into the HTML output."""
    if exception is not None or app.builder.name not in HTML_BUILDERS:
        return
    # made from the TEI files too, which are made from the same inputs
    stamp = data_stamp(app, "dts")
    if is_current(app, "dts", stamp, Path(app.outdir) / "api" / "dts"):
        return
    env = app.env
    config = app.config
    corpus = edition_of(env).corpus
    metadata = metadata_of(env)
    base: str = config.html_baseurl or "/"
    if not base.endswith("/"):
        base += "/"
    key: str = config.edition_key or key_from_title(metadata.title)
    edition = DtsEdition(
        base=base,
        identifier=collection_identifier(key, corpus.sigla),
        title=metadata.title,
        description=metadata.abstract,
        released=metadata.released,
        language=config.language or "en",
    )
    pages = {siglum: published_page(env, text_docname(config, siglum)) for siglum in corpus.sigla}
    outdir = Path(app.outdir)
    tei: dict[str, str] = {}
    for siglum in corpus.sigla:
        path = output_file(outdir, f"{TEI_FOLDER}/{siglum}.xml")
        if path.is_file():
            tei[siglum] = path.read_text(encoding="utf-8")
    files = dts_files(corpus, edition, pages, tei)
    for missing in missing_paragraphs(corpus, files):
        siglum, _, anchor = missing.partition("/")
        logger.warning(
            "the TEI of %s (%s/%s.xml) has no paragraph %s: the DTS API has no document of it",
            siglum,
            TEI_FOLDER,
            siglum,
            anchor,
            type="ecdosis",
            subtype="dts",
        )
    written = set()
    for relative, content in sorted(files.items()):
        path = output_file(outdir, relative)
        write_if_changed(path, content)
        written.add(path)
    _remove_stale(output_file(outdir, FOLDER), written)
    if not missing_paragraphs(corpus, files):  # else the warning is given again next time
        record(app, "dts", stamp)


def _remove_stale(folder: Path, written: set[Path]) -> None:
    """Remove what an earlier build wrote under the API's folder and this one did not."""
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file() and path not in written:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
