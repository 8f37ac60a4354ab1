"""The static DTS 1.0 API of the edition (Level 0), written with the HTML under ``api/dts/``.

The files are made by :mod:`ecdosis.model.publication.dts` from the loaded edition; the
documents are the TEI files that the TEI export writes (``data/tei/<siglum>.xml``) before this
handler runs: a text whose TEI file is missing has a collection and a navigation, no documents.
Only the files of texts whose inputs changed are made again
(:mod:`ecdosis.ext.publication.data_stamp`), only files that changed are written, and a file of
an earlier build that the API no longer has (a text removed) is removed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from ecdosis.configuration import key_from_title
from ecdosis.ext.publication.citing import published_page
from ecdosis.ext.publication.data_stamp import outdated, record, stamps
from ecdosis.ext.publication.html_translator import HTML_BUILDERS
from ecdosis.ext.publication.output_files import (
    OutputFolder,
    output_exists,
    output_file,
    write_if_changed,
)
from ecdosis.ext.publication.register import metadata_of
from ecdosis.ext.publication.tei_files import TEI_FOLDER, tei_file
from ecdosis.ext.texts.corpus import edition_of, edition_outline, text_docname
from ecdosis.model.publication.dts import (
    FOLDER,
    DtsEdition,
    collection_identifier,
    collection_path,
    dts_files,
    missing_paragraphs,
    resource_of,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


def setup_dts(app: Sphinx) -> None:
    """Register this feature's handlers."""
    app.connect("build-finished", write_dts)


def write_dts(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write the API's files into the HTML output."""
    if exception is not None or app.builder.name not in HTML_BUILDERS:
        return
    env = app.env
    config = app.config
    sigla = edition_outline(app).sigla
    metadata = metadata_of(env)
    base: str = config.html_baseurl or "/"
    if not base.endswith("/"):
        base += "/"
    key: str = config.edition_key or key_from_title(metadata.title)
    edition = DtsEdition(
        base=base,
        identifier=collection_identifier(key, sigla),
        title=metadata.title,
        description=metadata.abstract,
        released=metadata.released,
        language=config.language or "en",
    )
    pages = {siglum: published_page(env, text_docname(config, siglum)) for siglum in sigla}
    output = OutputFolder(app.outdir)
    outdir = output.root
    # made from the TEI files too, which are made from the same inputs
    current = stamps(app, "dts", edition, pages)
    todo = outdated(app, current, lambda s: output_exists(outdir, collection_path(s)))
    if not todo:
        return
    tei: dict[str, str] = {}
    for siglum in todo:
        path = output.file(tei_file(siglum))
        if path.is_file():
            tei[siglum] = path.read_text(encoding="utf-8")
    corpus = edition_of(env).corpus
    files = dts_files(corpus, edition, pages, tei, texts=set(todo))
    missing = missing_paragraphs(corpus, files)
    for each in missing:
        siglum, _, anchor = each.partition("/")
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
        path = output.file(relative)
        write_if_changed(path, content)
        written.add(path)
    unchanged = set(corpus.sigla) - set(todo)
    _remove_stale(outdir, written, unchanged)
    # a text with a paragraph missing is made again, and the warning given again, next time
    record(app, current, failed={each.partition("/")[0] for each in missing})


def _remove_stale(outdir: Path, written: set[Path], unchanged: set[str]) -> None:
    """Remove what an earlier build wrote under the API's folder and this one did not, except
    the files of the ``unchanged`` texts, which this build did not make again (and whose
    folders it does not walk)."""
    folder = output_file(outdir, FOLDER)
    if not folder.is_dir():
        return
    for endpoint in sorted(folder.iterdir()):
        if endpoint.is_dir():
            with os.scandir(endpoint) as listing:  # by name: no path made for what is kept
                names = sorted(entry.name for entry in listing)
            prefix = f"{FOLDER}{endpoint.name}/"
            entries = [
                endpoint / name for name in names if resource_of(prefix + name) not in unchanged
            ]
        else:
            entries = [endpoint]  # a file of the edition's own endpoints, no text's
        for entry in entries:
            inside = sorted(entry.rglob("*"), reverse=True) if entry.is_dir() else []
            for path in [*inside, entry]:
                if path.is_file() and path not in written:
                    path.unlink()
                elif path.is_dir() and not any(path.iterdir()):
                    path.rmdir()
        if endpoint.is_dir() and not any(endpoint.iterdir()):
            endpoint.rmdir()
