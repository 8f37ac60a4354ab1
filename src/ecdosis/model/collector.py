"""Python's garbage collector paused while the edition is loaded, unpickled or pickled.

This needs no Sphinx: ``ecdosis check`` pauses it too, and imports nothing of the extension.
What a whole build does with the collector is :mod:`ecdosis.ext.collector`.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The collector paused for a while: loading or (un)pickling the edition makes hundreds of
    thousands of objects and no garbage, and the collector, run again and again as they are
    made, would take longer than the loading itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
