"""Languages that a reading text may mark with a role such as ``{es}`…```, and that records,
notes and registry entries may name.

Each BCP 47 tag maps to the name polyglossia gives the language in the PDF (its hyphenation
patterns). The table holds the languages of Latin, Greek and Cyrillic script that TeX Live's
polyglossia supports and the PDF's default fonts can set.
"""

from __future__ import annotations

POLYGLOSSIA_NAMES: dict[str, str] = {
    "bg": "bulgarian",
    "ca": "catalan",
    "cs": "czech",
    "cy": "welsh",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "eo": "esperanto",
    "es": "spanish",
    "et": "estonian",
    "eu": "basque",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "gl": "galician",
    "hr": "croatian",
    "hu": "hungarian",
    "is": "icelandic",
    "it": "italian",
    "la": "latin",
    "lt": "lithuanian",
    "lv": "latvian",
    "nb": "norsk",
    "nl": "dutch",
    "nn": "nynorsk",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sk": "slovak",
    "sl": "slovenian",
    "sq": "albanian",
    "sr": "serbian",
    "sv": "swedish",
    "tr": "turkish",
    "uk": "ukrainian",
}
