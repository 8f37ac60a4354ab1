"""Python's garbage collector kept away from what a build loads once and holds to its end.

A build holds the edition and Sphinx's environment from its start to its end: hundreds of
thousands of objects, none of which becomes garbage. Python's collector would go through every
one of them again at each full collection it makes while the pages are read and written: a
third of a rebuild's time, at 320 texts. So the collector is paused while they are loaded (from
the start of ``config-inited``, before the edition is loaded, to ``builder-inited``, when
Sphinx has loaded its environment); they are then frozen (:func:`gc.freeze`: set apart, never
traversed) and the collector goes on with the objects made after them, less often than Python
would (:data:`THRESHOLDS`): reading and writing a page makes tens of thousands of objects, and
most of them live as long as the page is worked on.

At the end of the build Python's own pace is restored, and what was frozen stays frozen: the
process usually ends there, and Python's last collection as it exits would go through all of
it (a second, at 320 texts). A process that runs one build after another (the tests do) gives
the frozen objects back to the collector, and collects what the last build left, when the next
build begins. (A pause for one load, outside a build: :mod:`ecdosis.model.collector`.)
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

# A young object is looked at after 10,000 new ones (Python: 700); the older generations as
# often as Python does, relative to that. At 80 texts, this takes a fresh build's time in the
# collector from 10 s to 5 s, for 10 % more memory at its peak.
THRESHOLDS = (10_000, 10, 10)

_PAUSED: list[bool] = []  # one entry while this module has the collector paused
_PACE: list[tuple[int, int, int]] = []  # Python's thresholds, while the build has its own


def pause(app: Sphinx, config: Config) -> None:
    """``config-inited``, before every other handler: what an earlier build of this process
    froze is given back and what it left collected, and the collector paused, if it runs."""
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
    if gc.isenabled() and not _PAUSED:
        gc.disable()
        _PAUSED.append(True)


def resume() -> None:
    """Let the collector go on, if this module paused it (a build that stops before its
    builder is made calls this: :func:`ecdosis.ext.texts.corpus.stop_build`)."""
    if _PAUSED:
        _PAUSED.clear()
        gc.enable()


def freeze_loaded(app: Sphinx) -> None:
    """``builder-inited``, before every other handler: set what is loaded apart, and let the
    collector go on at the build's pace."""
    gc.freeze()
    if not _PACE:
        _PACE.append(gc.get_threshold())
        gc.set_threshold(*THRESHOLDS)
    resume()


def set_apart() -> None:
    """What a build loads later than its start (the kept edition, read when first needed), set
    apart as :func:`freeze_loaded` sets apart what was loaded before it; before that, nothing
    to do, :func:`freeze_loaded` will."""
    if _PACE:
        gc.freeze()


def at_the_end(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: the collector at Python's own pace again (what is frozen stays so)."""
    resume()
    if _PACE:
        gc.set_threshold(*_PACE.pop())


def setup_collector(app: Sphinx) -> None:
    app.connect("config-inited", pause, priority=1)
    app.connect("builder-inited", freeze_loaded, priority=1)
    app.connect("build-finished", at_the_end, priority=999)
