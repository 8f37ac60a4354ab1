"""Languages that a reading text may mark with a role such as ``{es}`…```.

Each BCP 47 tag maps to the name polyglossia uses for its hyphenation patterns in the PDF.
"""

from __future__ import annotations

POLYGLOSSIA_NAMES: dict[str, str] = {
    "de": "german",
    "es": "spanish",
    "fr": "french",
    "it": "italian",
    "la": "latin",
    "pt": "portuguese",
}
