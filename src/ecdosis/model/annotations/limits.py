"""The limits on contributed files, in one place.

Each is checked and refused with a message naming it, and each is chosen so that whatever is
accepted builds in every format: LaTeX holds only so many nested lists, no printed line holds
a word of a thousand letters, and the check's own work must stay bounded whatever a file holds.
CONTRIBUTING.md lists them for contributors (a test keeps that list and these values alike).
"""

from __future__ import annotations

# Sizes of files.
ANNOTATION_FILE_BYTES = 64_000  # a note or an entry of a registry
BIBLIOGRAPHY_BYTES = 1_000_000
REGISTER_BYTES = 5_000_000  # the register of published anchors

# Numbers of things.
FILES_PER_FOLDER = 2_000  # notes on one text, or entries of one registry
BIBLIOGRAPHY_ENTRIES = 5_000
ALIASES = 5_000  # the aliases of all entities and glossary terms together
NOTES_PER_PARAGRAPH = 20
NOTES_ON_THE_SAME_WORDS = 5  # notes whose quotes overlap at one place

# Shapes of text.
YAML_DEPTH = 4  # nesting of the front matter
BODY_DEPTH = 3  # lists and block quotes inside one another
WORD_LENGTH = 80  # characters between two spaces, as printed
LINK_LENGTH = 2_000  # characters of a web address

# The check's own work.
SUGGESTION_CANDIDATES = 20  # stretches compared in full for "the closest words are"
SUGGESTIONS_PER_RUN = 50  # missing quotes given a suggestion in one run
