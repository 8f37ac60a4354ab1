"""The edition a command is run in: its Sphinx configuration, and the folders it names.

``ecdosis check``, ``register`` and ``new-note`` look for ``conf.py`` in the project folder (the
working directory, or ``--project DIR``) or in its ``docs/``, ``doc/`` or ``source/`` folder, and
read the edition's settings from it, with the defaults of :data:`ecdosis.configuration.SETTINGS`
for what it leaves out. So the commands see the edition that ``sphinx-build`` builds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ecdosis.configuration import SETTING
from ecdosis.model.problems import Problem, Problems

#: Where, under the project folder, ``conf.py`` is looked for, in order.
CONFIGURATION_FOLDERS = (".", "docs", "doc", "source")


@dataclass(frozen=True)
class Project:
    """An edition's folders, resolved from its configuration."""

    confdir: Path
    sources: Path
    annotations: Path
    register: Path
    citation_file: Path


def find_configuration(project: Path) -> Path | None:
    for folder in CONFIGURATION_FOLDERS:
        candidate = project / folder / "conf.py"
        if candidate.is_file():
            return candidate.parent.resolve()
    return None


def load_project(project: Path) -> tuple[Project | None, list[Problem]]:
    """Read the project's ``conf.py``; a problem, never an exception, when it cannot be."""
    confdir = find_configuration(project)
    problems = Problems()
    if confdir is None:
        places = ", ".join(str(project / folder / "conf.py") for folder in CONFIGURATION_FOLDERS)
        problems.add(
            project / "conf.py",
            0,
            f"no Sphinx configuration found (looked for {places})",
            "run the command in the edition's folder, or give it with --project DIR "
            "(ecdosis init DIR writes a new edition)",
        )
        return None, problems
    from sphinx.config import eval_config_file
    from sphinx.errors import ConfigError
    from sphinx.util.tags import Tags

    try:
        namespace = eval_config_file(confdir / "conf.py", Tags())
    except ConfigError as error:
        message = " ".join(str(error).split())
        problems.add(confdir / "conf.py", 0, f"cannot be read: {message}", "correct conf.py")
        return None, problems
    if "ecdosis" not in namespace.get("extensions", []):
        problems.add(
            confdir / "conf.py",
            0,
            "the configuration does not load the ecdosis extension",
            'add "ecdosis" to extensions = [...]',
        )
        return None, problems

    def folder(name: str) -> Path:
        value = namespace.get(name, SETTING[name].default)
        return (confdir / str(value)).resolve()

    return (
        Project(
            confdir=confdir,
            sources=folder("edition_sources"),
            annotations=folder("edition_annotations"),
            register=folder("edition_anchor_register"),
            citation_file=folder("edition_citation_file"),
        ),
        problems,
    )
