"""Every configuration value of the engine, declared once: name, type, default, what a change
rebuilds, and what it means.

The extension registers them from :data:`SETTINGS` (:func:`ecdosis.ext.configuration.
setup_configuration`), the commands read their defaults from here when they look at a project's
``conf.py``, and the reference page (``edition-reference``) documents them from the same
declaration. Nothing here imports Sphinx.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, NamedTuple

#: What a change of the value makes Sphinx redo: re-read every document (``env``), rewrite the
#: EPUB, or nothing (a value that only steers one command).
Rebuild = Literal["env", "epub", ""]


@dataclass(frozen=True)
class Setting:
    """One configuration value of ``conf.py``."""

    name: str
    default: str | bool
    rebuild: Rebuild
    help: str

    @property
    def type(self) -> type[str] | type[bool]:
        return bool if isinstance(self.default, bool) else str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "edition_sources",
        "sources",
        "env",
        "The folder of the texts, relative to the folder of ``conf.py``: one folder per text, "
        "named by its siglum, holding ``witness.txt``, ``record.toml`` and ``text.md``.",
    ),
    Setting(
        "edition_annotations",
        "annotations",
        "env",
        "The folder of the annotations, relative to the folder of ``conf.py``: notes in one "
        "folder per siglum, the registries (``entities/``, ``glossary/``, ``timeline/``, "
        "``topics/``, ``figures/``) and the bibliography ``references.bib``.",
    ),
    Setting(
        "edition_texts_dir",
        "texts",
        "env",
        "The folder, inside Sphinx's source folder, where the engine writes one page per text "
        "(``<siglum>.md``). The engine writes, updates and removes only the pages it wrote "
        "there; an editor's own files in that folder are left alone.",
    ),
    Setting(
        "edition_citation_file",
        "CITATION.cff",
        "env",
        "The edition's ``CITATION.cff``, relative to the folder of ``conf.py``: its title, "
        "editors (``authors``), version and ``date-released`` are the edition's, in citations, "
        "the changelog and the register of anchors.",
    ),
    Setting(
        "edition_anchor_register",
        "anchor-register.toml",
        "env",
        "The register of every published anchor, relative to the folder of ``conf.py``. "
        "``ecdosis register`` writes it; a build refuses an edition that disagrees with it.",
    ),
    Setting(
        "edition_register_update",
        False,
        "",
        "Record new and changed anchors in the register instead of refusing them. "
        "``ecdosis register`` sets it for its build; leave it off in ``conf.py``.",
    ),
    Setting(
        "edition_key",
        "",
        "env",
        "The first part of every BibTeX key and CSL id of the edition's citations "
        "(``<key>-<anchor>``): lowercase letters, digits and hyphens. Empty: made from the "
        "edition's title in ``CITATION.cff``.",
    ),
    Setting(
        "edition_text_noun",
        "text",
        "env",
        "What the edition's texts are, in the words of its citations: a note is cited as "
        "“Note 2 on par. 1 of the text by …” (“poem”, “letter”, “statement”).",
    ),
    Setting(
        "edition_epub_accessibility_summary",
        "",
        "epub",
        "The EPUB's accessibility summary. Empty: a summary the engine writes from what the "
        "EPUB holds.",
    ),
    Setting(
        "edition_epub_conformance",
        "",
        "epub",
        "The EPUB Accessibility conformance the EPUB claims (``dcterms:conformsTo``), once a "
        "person has evaluated it. Empty: no claim.",
    ),
    Setting(
        "edition_epub_certifier",
        "",
        "epub",
        "Who evaluated the EPUB's accessibility (``a11y:certifiedBy``). Empty: ``epub_publisher``.",
    ),
)

SETTING = {setting.name: setting for setting in SETTINGS}

_KEY = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")


def key_problem(key: str) -> str:
    """What is wrong with a value of ``edition_key``, or ``""``."""
    if key and not _KEY.match(key):
        return (
            f"edition_key {key!r} is not lowercase letters, digits and hyphens — "
            'write it like "my-edition"'
        )
    return ""


def key_from_title(title: str) -> str:
    """The default ``edition_key``: the first three words of the title, in ASCII, hyphenated."""
    import unicodedata

    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    return "-".join(words[:3]) or "edition"


class Changed(NamedTuple):
    """A setting of Sphinx or of another extension that the engine sets or depends on."""

    name: str
    what: str


#: Every setting of Sphinx or of another extension that the engine changes, and how.
CHANGED_SETTINGS: tuple[Changed, ...] = (
    Changed(
        "extensions",
        "The engine loads ``myst_parser`` (the pages of the texts are MyST Markdown) and "
        "``sphinxcontrib.bibtex`` (the bibliography) itself: ``conf.py`` need only list "
        "``ecdosis``.",
    ),
    Changed(
        "smartquotes",
        "Left as ``conf.py`` sets it, for the edition's own pages; the output of the engine's "
        "directives (the texts, their notes and apparatus, the registries) is exempt, so no "
        "quotation mark or dash of a reading text or a witness is changed, in any builder.",
    ),
    Changed(
        "bibtex_bibfiles",
        "When not set: the edition's ``references.bib`` in ``edition_annotations``.",
    ),
    Changed(
        "bibtex_cite_id",
        "Always ``bib-{key}``, the id of each entry that the notes, the TEI and the Web "
        "Annotations link to; another value set in ``conf.py`` is a warning, and overruled.",
    ),
    Changed(
        "bibtex_default_style",
        "When not set: the engine's style, which labels each work as the notes name it "
        '("Sims 1997").',
    ),
    Changed(
        "bibtex_tooltips",
        "Off: sphinxcontrib-bibtex's tooltips would format every entry again at each build, "
        "for citations made with its own roles; the engine's notes and pages link their "
        "sources themselves, and the HTML shows a preview of the entry.",
    ),
    Changed(
        "html_static_path",
        "The engine's styles and scripts are added after the project's own.",
    ),
    Changed(
        "html_theme",
        "Not set; the engine provides the reading theme ``ecdosis`` (notes in the margin beside "
        'their words), which ``html_theme = "ecdosis"`` selects.',
    ),
    Changed(
        "latex_elements",
        "The engine adds to ``preamble`` (paragraph numbers in the margin, the languages the "
        "texts mark, the PDF's document information) and sets ``printindex`` and "
        "``releasename`` where the project does not.",
    ),
    Changed(
        "epub_description, epub_contributor",
        "When left at Sphinx's default: the abstract and the editors of ``CITATION.cff``.",
    ),
    Changed(
        "the epub builder",
        "Replaced by the engine's, which adds accessibility metadata, the language of every "
        "document and the EPUB's structural semantics, and writes the same EPUB for the same "
        "sources.",
    ),
)
