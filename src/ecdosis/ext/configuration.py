"""The engine's configuration values, registered from their one declaration, and the settings
of Sphinx and other extensions that the engine's guarantees depend on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ecdosis.configuration import SETTINGS, key_problem

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def setup_configuration(app: Sphinx) -> None:
    for setting in SETTINGS:
        app.add_config_value(
            setting.name,
            setting.default,
            setting.rebuild,
            types=frozenset({setting.type}),
            description=setting.help,
        )
    app.connect("config-inited", check_configuration, priority=100)


def check_configuration(app: Sphinx, config: Config) -> None:
    """``config-inited``: refuse a value the engine cannot use, saying which and how to fix it."""
    from ecdosis.ext.texts.corpus import stop_build
    from ecdosis.model.problems import Problem

    problem = key_problem(config.edition_key)
    if problem:
        what, fix = problem.split(" — ")
        stop_build([Problem(app.confdir / "conf.py", 0, what, fix)], " Nothing was built.")
