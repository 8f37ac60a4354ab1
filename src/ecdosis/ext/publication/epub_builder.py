"""The EPUB as readers and their assistive technology need it, on top of Sphinx's EPUB3 builder.

Sphinx writes ``content.opf`` from a fixed template with none of the EPUB Accessibility 1.1
metadata, ``unknown`` as description and contributor, and the build's time as ``dc:date``; its
content documents carry no language, its note references and notes no ``epub:type`` (so reading
systems cannot show a note where it is referenced), and its bibliography the deprecated
``doc-biblioentry`` role. This builder, registered in place of Sphinx's ``epub``, adds:

- ``lang`` and ``xml:lang`` (``epub_language``) on every content document;
- ``epub:type="noteref"`` on note references and ``epub:type="footnote"`` on notes, beside their
  ``doc-noteref`` and ``doc-footnote`` roles; a reference reads "[1]", not "[[1]]" (the EPUB
  theme's stylesheet adds brackets to those of docutils' markup);
- a field's name followed by one colon, not two (the same stylesheet adds one to docutils');
- bibliography entries as the items of their list (``role="listitem"``), and the navigation
  document's ``role="doc-toc"``;
- ``dc:date``: the edition's release date (``CITATION.cff``); ``dcterms:modified`` remains the
  build's date, which :mod:`ecdosis.ext.publication.reproducible_epub` sets to the release too;
- ``dc:description`` and ``dc:contributor``, when the project leaves them at Sphinx's
  ``unknown``: the edition's abstract (its title when it has none) and its editors;
- the accessibility metadata, from what the built content documents hold: ``schema:accessMode``
  and ``schema:accessModeSufficient`` (textual; visual too where there are images or video),
  ``schema:accessibilityFeature`` (table of contents, structural navigation, an index where
  there is one, alternative text where every image has it), ``schema:accessibilityHazard``
  (none, unless there is audio, video or an animated image, when it is unknown) and
  ``schema:accessibilitySummary``.

Configuration values (``conf.py``):

``edition_epub_accessibility_summary``
    The EPUB's accessibility summary, a sentence or two for readers. Empty (the default): one
    written from what the EPUB holds.
``edition_epub_conformance``
    Empty (the default), or the conformance the EPUB has been evaluated to, as EPUB
    Accessibility 1.1 writes it, e.g. ``"EPUB Accessibility 1.1 - WCAG 2.1 Level AA"``. It
    becomes ``dcterms:conformsTo``: set it only once someone has evaluated the EPUB against it
    (the automated checks, EPUBCheck and DAISY Ace, are not such an evaluation).
``edition_epub_certifier``
    Who made that evaluation (``a11y:certifiedBy``, written only with a conformance); empty
    (the default): the publisher (``epub_publisher``).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.builders.epub3 import HTML_TAG, Epub3Builder
from sphinx.errors import SphinxError

from ecdosis.ext.publication.html_translator import BibliographyEntries, patch_written
from ecdosis.ext.publication.register import metadata_of

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config

# Sphinx's default for the EPUB's description and contributor.
SPHINX_UNKNOWN = "unknown"
XHTML = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
HEADINGS = frozenset(f"{XHTML}h{level}" for level in range(1, 7))
_DC_DATE = re.compile(r"<dc:date>[^<]*</dc:date>")
_END_OF_METADATA = "  </metadata>"
_TOC_NAV = '<nav epub:type="toc">'


class EpubTranslator(BibliographyEntries):
    """The edition's HTML translator (bibliography entries as list items), with the EPUB's
    semantics for notes."""

    def visit_footnote(self, node: nodes.footnote) -> None:
        # epub:type beside the ARIA role
        super().visit_footnote(node)
        patch_written(self.body, 'role="doc-footnote"', 'role="doc-footnote" epub:type="footnote"')

    def visit_footnote_reference(self, node: nodes.Element) -> None:
        # epub:type beside the ARIA role, and without the class of the label's style
        # ("brackets"): the EPUB theme's stylesheet would add brackets to those of the markup.
        # The start tag, before the opening bracket that follows it.
        super().visit_footnote_reference(node)
        label_style = self.settings.footnote_references
        patch_written(
            self.body, f'class="footnote-reference {label_style}', 'class="footnote-reference', -2
        )
        patch_written(self.body, 'role="doc-noteref"', 'role="doc-noteref" epub:type="noteref"', -2)

    def depart_field_name(self, node: nodes.field_name) -> None:
        # The EPUB theme's stylesheet puts the colon after a field's name; docutils' markup too.
        super().depart_field_name(node)
        patch_written(self.body, '<span class="colon">:</span>', "")


@dataclass
class ContentFacts:
    """What the EPUB's content documents hold, for its accessibility metadata."""

    headings: bool = False
    notes: bool = False  # notes marked up as footnotes
    images: int = 0  # images with content (not marked as decorative by an empty alt)
    images_without_alt: int = 0
    video: bool = False
    audio: bool = False
    animated: bool = False

    def read(self, document: Path) -> None:
        try:
            tree = ET.parse(document)
        except ET.ParseError as error:
            raise SphinxError(f"{document}: not well-formed XHTML ({error})") from None
        for element in tree.iter():
            tag = element.tag
            if tag in HEADINGS:
                self.headings = True
            elif element.get(EPUB_TYPE) == "footnote":
                self.notes = True
            elif tag == f"{XHTML}img":
                alt = element.get("alt")
                if alt != "":
                    self.images += 1
                if alt is None:
                    self.images_without_alt += 1
                if element.get("src", "").lower().endswith((".gif", ".apng")):
                    self.animated = True
            elif tag == f"{SVG}svg":
                self.images += 1
            elif tag == f"{XHTML}video":
                self.video = True
            elif tag == f"{XHTML}audio":
                self.audio = True

    @property
    def visual(self) -> bool:
        return self.images > 0 or self.video

    @property
    def hazards_known(self) -> bool:
        return not (self.video or self.audio or self.animated)


class EditionEpubBuilder(Epub3Builder):
    """Sphinx's EPUB3 builder with languages, note semantics and accessibility metadata."""

    default_translator_class = EpubTranslator

    def init(self) -> None:
        super().init()
        language = html.escape(self.config.epub_language)
        self.html_tag = HTML_TAG.removesuffix(">") + f' lang="{language}" xml:lang="{language}">'

    def build_content(self) -> None:
        super().build_content()
        opf = Path(self.outdir) / "content.opf"
        text = opf.read_text(encoding="utf-8")
        released = html.escape(metadata_of(self.env).released)
        text, dates = _DC_DATE.subn(f"<dc:date>{released}</dc:date>", text)
        _expect(opf, dates, "<dc:date>")
        _expect(opf, text.count(_END_OF_METADATA), _END_OF_METADATA.strip())
        lines = "".join(f"    {line}\n" for line in self.accessibility_metadata())
        text = text.replace(_END_OF_METADATA, lines + _END_OF_METADATA)
        opf.write_text(text, encoding="utf-8")

    def build_navigation_doc(self) -> None:
        super().build_navigation_doc()
        nav = Path(self.outdir) / "nav.xhtml"
        text = nav.read_text(encoding="utf-8")
        _expect(nav, text.count(_TOC_NAV), _TOC_NAV)
        nav.write_text(
            text.replace(_TOC_NAV, '<nav epub:type="toc" role="doc-toc">'), encoding="utf-8"
        )

    def content_facts(self) -> ContentFacts:
        facts = ContentFacts()
        for name in self.files:
            if name.endswith(self.out_suffix):
                facts.read(Path(self.outdir) / name)
        return facts

    def accessibility_metadata(self) -> list[str]:
        """The EPUB Accessibility 1.1 ``<meta>`` elements of ``content.opf``."""
        facts = self.content_facts()
        has_index = self.use_index and f"genindex{self.out_suffix}" in self.files
        modes = ["textual", *(["visual"] if facts.visual else [])]
        sufficient = [] if facts.visual and facts.images_without_alt else ["textual"]
        if facts.visual:
            sufficient.append("textual,visual")
        features = ["tableOfContents"]
        if facts.headings:
            features.append("structuralNavigation")
        if has_index:
            features.append("index")
        if facts.images and not facts.images_without_alt:
            features.append("alternativeText")
        hazard = "none" if facts.hazards_known else "unknown"
        conformance: str = self.config.edition_epub_conformance
        summary = self.config.edition_epub_accessibility_summary or default_summary(
            facts, has_index, evaluated=bool(conformance)
        )

        def meta(name: str, value: str) -> str:
            return f'<meta property="{name}">{html.escape(value)}</meta>'

        metas = [meta("schema:accessMode", mode) for mode in modes]
        metas += [meta("schema:accessModeSufficient", mode) for mode in sufficient]
        metas += [meta("schema:accessibilityFeature", feature) for feature in features]
        metas.append(meta("schema:accessibilityHazard", hazard))
        metas.append(meta("schema:accessibilitySummary", summary))
        if conformance:
            certifier = self.config.edition_epub_certifier or self.config.epub_publisher
            metas.append(meta("dcterms:conformsTo", conformance))
            metas.append(meta("a11y:certifiedBy", certifier))
        return metas


def _expect(written: Path, found: int, what: str) -> None:
    """Stop the build unless the file Sphinx's template wrote holds ``what`` once (``found``
    times): the edition's changes to it would be lost or made twice."""
    if found != 1:
        raise SphinxError(
            f"{written.name}: Sphinx's template changed: expected {what} once, found it {found} "
            "times"
        )


def default_summary(facts: ContentFacts, has_index: bool, evaluated: bool) -> str:
    """An accessibility summary that says what the EPUB holds, and what it does not claim."""
    if not facts.visual:
        content = "Text only, without images."
    elif facts.images_without_alt:
        content = "Text, with images, not all of which have a text alternative."
    else:
        content = "Text, with images described by text alternatives."
    sentences = [content, "Every document declares its language."]
    if facts.headings:
        navigation = "a table of contents" + (" and an index" if has_index else "")
        sentences.append(f"Chapters and sections have headings, which {navigation} lead to.")
    if facts.notes:
        sentences.append(
            "Notes are marked up as footnotes, linked from their references and back to them."
        )
    if not evaluated:
        sentences.append("The EPUB has not been evaluated against WCAG.")
    return " ".join(sentences)


def describe_epub(app: Sphinx, config: Config) -> None:
    """``config-inited``: the EPUB's description and contributor, when the project leaves them
    at Sphinx's ``unknown``, are the edition's abstract and editors (``CITATION.cff``)."""
    edition = metadata_of(app)
    if config.epub_description == SPHINX_UNKNOWN:
        config.epub_description = edition.abstract or edition.title
    if config.epub_contributor == SPHINX_UNKNOWN:
        config.epub_contributor = edition.editors


def setup_epub(app: Sphinx) -> None:
    app.add_builder(EditionEpubBuilder, override=True)
    app.connect("config-inited", describe_epub)
