"""The engine's reference for editors: ``{edition-reference}``, written from the declarations the
engine itself uses, so it cannot drift from them: every configuration value, every setting of
Sphinx or another extension the engine changes, every directive and role, and each input format
(``record.toml``, the reading text's roles, the front matter of every kind of annotation)."""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ecdosis.configuration import CHANGED_SETTINGS, SETTINGS, Setting
from ecdosis.model.annotations.note_body import REFERENCE_ROLES
from ecdosis.model.annotations.schema_check import schema_of
from ecdosis.model.texts.languages import POLYGLOSSIA_NAMES
from ecdosis.model.texts.reading_text import (
    HEAD_CLASSES,
    INTERVENTION_KINDS,
    PARAGRAPH_CLASSES,
    REASON_ROLE,
)
from ecdosis.model.texts.record import RECORD_FIELDS, WITNESS_FIELDS

#: The annotation files, by schema, and where each lives.
ANNOTATION_FILES = (
    ("note", "<annotations>/<siglum>/<id>.md"),
    ("entity", "<annotations>/entities/<id>.md"),
    ("term", "<annotations>/glossary/<id>.md"),
    ("event", "<annotations>/timeline/<id>.md"),
    ("topic", "<annotations>/topics/<id>.md"),
    ("figure", "<annotations>/figures/<id>.md"),
)
REBUILDS = {
    "env": "every document is read again",
    "epub": "the EPUB is written again",
    "": "nothing is rebuilt",
}
_CODE = re.compile(r"``(.+?)``|`([^`]+)`")


def prose(text: str) -> list[nodes.Node]:
    """Text with ``code`` (double or single backticks) set as literals."""
    result: list[nodes.Node] = []
    position = 0
    for match in _CODE.finditer(text):
        result.append(nodes.Text(text[position : match.start()]))
        result.append(nodes.literal("", match.group(1) or match.group(2)))
        position = match.end()
    result.append(nodes.Text(text[position:]))
    return [node for node in result if node.astext()]


def _section(key: str, title: str, *body: nodes.Node) -> nodes.section:
    section = nodes.section("", ids=[f"reference-{key}"], names=[f"reference-{key}"])
    section += nodes.title("", title)
    section.extend(body)
    return section


def _entry(term: list[nodes.Node], *definition: nodes.Node) -> nodes.definition_list_item:
    item = nodes.definition_list_item()
    item += nodes.term("", "", *term)
    item += nodes.definition("", *definition)
    return item


def _paragraph(*children: nodes.Node | str) -> nodes.paragraph:
    paragraph = nodes.paragraph()
    for child in children:
        paragraph.extend(prose(child) if isinstance(child, str) else [child])
    return paragraph


def _setting(setting: Setting) -> nodes.definition_list_item:
    default = repr(setting.default) if isinstance(setting.default, bool) else f'"{setting.default}"'
    kind = "true or false" if setting.type is bool else "a string"
    return _entry(
        [nodes.literal("", setting.name)],
        _paragraph(setting.help),
        _paragraph(
            f"Default: ``{default}``; {kind}. When it changes, {REBUILDS[setting.rebuild]}."
        ),
    )


def configuration() -> nodes.section:
    values = nodes.definition_list()
    values.extend(_setting(setting) for setting in SETTINGS)
    changed = nodes.definition_list()
    changed.extend(
        _entry(
            prose(f"``{name}``" if "," not in name and " " not in name else name), _paragraph(what)
        )
        for name, what in CHANGED_SETTINGS
    )
    return _section(
        "configuration",
        "Configuration",
        _paragraph(
            "Set in ``conf.py``. Paths are relative to the folder of ``conf.py``. The engine "
            "checks each value when the build starts and refuses one it cannot use."
        ),
        values,
        _section(
            "other-settings",
            "Settings of Sphinx and other extensions",
            _paragraph("What the engine sets, or leaves, of settings that are not its own:"),
            changed,
        ),
    )


def directives_and_roles() -> nodes.section:
    from ecdosis.ext.directives import DIRECTIVES

    listing = nodes.definition_list()
    for spec in DIRECTIVES:
        argument = f" (argument: {spec.argument})" if spec.argument else ""
        listing += _entry(
            [nodes.literal("", "{" + spec.name + "}")], _paragraph(spec.writes + argument)
        )
    roles = nodes.definition_list()
    for role, target in REFERENCE_ROLES.items():
        roles += _entry(
            [nodes.literal("", "{" + role + "}`target`")],
            _paragraph(
                f"A link to {target}, showing its title; ``{{{role}}}`words <target>``` shows "
                "the words instead."
            ),
        )
    roles += _entry(
        [nodes.literal("", "{cite}`key`")],
        _paragraph("A work of the bibliography, by its key in ``references.bib``."),
    )
    return _section(
        "directives-and-roles",
        "Directives and roles",
        _paragraph(
            "Directives for the edition's own pages, written in MyST as a fenced block, e.g. "
            "``{edition-texts}`` between two lines of three backticks:"
        ),
        listing,
        _paragraph(
            "Roles, in the edition's pages and in the bodies of annotations (which allow no "
            "other roles but the language roles below):"
        ),
        roles,
    )


def _fields(fields: dict[str, tuple[bool, Any, str]]) -> nodes.definition_list:
    listing = nodes.definition_list()
    for name, (required, _pattern, meaning) in fields.items():
        listing += _entry(
            [nodes.literal("", name)],
            _paragraph(f"{'Required' if required else 'Optional'}: {meaning}."),
        )
    return listing


def sources() -> nodes.section:
    roles = nodes.definition_list()
    for kind, label in INTERVENTION_KINDS.items():
        example = f"{{{kind}}}`reading`" if kind == "sic" else f"{{{kind}}}`reading]witness`"
        roles += _entry([nodes.literal("", example)], _paragraph(f"{label[0].upper()}{label[1:]}."))
    roles += _entry(
        [nodes.literal("", f"{{{REASON_ROLE}}}`why`")],
        _paragraph(
            "Straight after an intervention: why it was made, where its kind alone does not "
            "say; the apparatus shows it with the entry."
        ),
    )
    languages = ", ".join(f"``{{{tag}}}``" for tag in sorted(POLYGLOSSIA_NAMES))
    return _section(
        "sources",
        "The texts: sources/",
        _paragraph(
            "One folder per text, named by its siglum (lowercase letters and digits), holding "
            "``witness.txt`` (the witness, never edited: its sha256 is recorded), "
            "``record.toml`` and ``text.md``."
        ),
        _section(
            "record",
            "record.toml",
            _paragraph("The bibliographic record of the text, in TOML:"),
            _fields(RECORD_FIELDS),
            _paragraph("and a ``[witness]`` table:"),
            _fields(WITNESS_FIELDS),
        ),
        _section(
            "reading-text",
            "text.md",
            _paragraph(
                "The reading text, in a strict subset of MyST Markdown: ``# Title`` once; on "
                "the line above a heading block that belongs with the title, one of "
                + ", ".join(f"``{{.{name}}}``" for name in HEAD_CLASSES)
                + "; on the line above each paragraph its permanent anchor, the siglum, a "
                "hyphen and a number never reused, e.g. ``{#ab-3}`` (with "
                + ", ".join(f"``.{name}``" for name in PARAGRAPH_CLASSES)
                + " for a signature); a fenced ``{residue} what it is`` block for removed "
                "non-textual residue, holding the witness lines; ``%`` for a comment line; a "
                "backslash at the end of a line for a line break; and a backslash before "
                "characters Markdown would read as formatting. Every intervention is a role "
                "holding the reading text, then ``]``, then the witness reading:"
            ),
            roles,
            _paragraph(f"Words in another language, by their BCP 47 tag: {languages}."),
        ),
    )


def _schema(kind: str, where: str) -> nodes.section:
    schema = schema_of(kind)
    required = set(schema.get("required", ()))
    listing = nodes.definition_list()
    for name, field in schema["properties"].items():
        listing += _entry(
            [nodes.literal("", name)],
            _paragraph(
                f"{'Required' if name in required else 'Optional'}. {field.get('description', '')}"
            ),
        )
    return _section(
        f"{kind}-file",
        f"{schema['title']}: {where}",
        _paragraph(schema.get("description", "")),
        listing,
    )


def annotation_files() -> nodes.section:
    return _section(
        "annotations",
        "The annotations: annotations/",
        _paragraph(
            "Each annotation is a file of YAML front matter between two lines of ``---``, "
            "then a body in a safe subset of MyST Markdown (paragraphs, lists, emphasis, "
            "links to http(s) addresses, the roles above). Its front matter is validated "
            "against the engine's JSON Schema, key by key:"
        ),
        *(_schema(kind, where) for kind, where in ANNOTATION_FILES),
    )


class EngineReference(SphinxDirective):
    """``edition-reference``: the reference of the engine, from its own declarations."""

    def run(self) -> list[nodes.Node]:
        parts = [configuration(), directives_and_roles(), sources(), annotation_files()]
        for part in parts:
            for section in part.findall(nodes.section):  # fixed ids: its anchors are published
                self.state.document.note_explicit_target(section, section)
        return list(parts)
