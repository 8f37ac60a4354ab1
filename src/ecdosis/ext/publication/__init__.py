"""Publication: the register of anchors, citations, the edition's metadata and the output
formats."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_publication(app: Sphinx) -> None:
    """The formats (HTML and its theme, PDF, EPUB), the register of anchors every build checks,
    the citations of every page, and stable section anchors."""
    from ecdosis.ext.publication.assets import THEME, add_script, configure_outputs
    from ecdosis.ext.publication.citing import add_citation_data
    from ecdosis.ext.publication.dts import setup_dts
    from ecdosis.ext.publication.epub_builder import setup_epub
    from ecdosis.ext.publication.html_translator import setup_html_translator
    from ecdosis.ext.publication.indices_kept import setup_indices_kept
    from ecdosis.ext.publication.long_words import BreakLongWords
    from ecdosis.ext.publication.page_metadata import setup_page_metadata
    from ecdosis.ext.publication.print_pdf import setup_print
    from ecdosis.ext.publication.register import (
        add_forward_script,
        check_register,
        load_metadata_and_register,
        outdated_by_register,
        place_forwards,
        write_forwarding_pages,
    )
    from ecdosis.ext.publication.reproducible_epub import date_the_build, normalise_epub
    from ecdosis.ext.publication.section_anchors import label_sections
    from ecdosis.ext.publication.site_navigation import setup_site_navigation
    from ecdosis.ext.publication.tei_files import setup_tei
    from ecdosis.ext.publication.titles import plain_navigation_titles
    from ecdosis.ext.publication.toctree_parents import setup_toctree_parents
    from ecdosis.ext.publication.web_annotations import setup_web_annotations

    setup_html_translator(app)
    app.add_post_transform(BreakLongWords)
    app.add_latex_package("marginnote")
    app.add_css_file("ecdosis.css")
    app.add_html_theme("ecdosis", str(THEME))
    app.connect("config-inited", configure_outputs)
    app.connect("config-inited", load_metadata_and_register)
    # after the metadata are read: the PDF's information and the EPUB's description use them
    setup_print(app)
    setup_epub(app)
    app.connect("builder-inited", add_script)
    app.connect("builder-inited", date_the_build)
    app.connect("env-get-outdated", outdated_by_register)
    app.connect("env-updated", check_register)
    app.connect("doctree-read", label_sections, priority=400)
    app.connect("doctree-read", place_forwards, priority=600)
    app.connect("doctree-read", plain_navigation_titles, priority=900)
    app.connect("html-page-context", add_forward_script)
    app.connect("html-page-context", add_citation_data)
    setup_site_navigation(app)
    app.connect("build-finished", write_forwarding_pages)
    app.connect("build-finished", normalise_epub)
    # the edition as data, published with the HTML: TEI first, which the DTS API serves
    setup_tei(app)
    setup_web_annotations(app)
    setup_dts(app)
    setup_page_metadata(app)
    setup_indices_kept(app)
    setup_toctree_parents(app)
