"""(To be written.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_dts(app: Sphinx) -> None:
    """Register this feature's handlers."""
