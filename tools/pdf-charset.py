"""Write the characters the PDF can show: those every face of its fonts has a glyph for.

    python tools/pdf-charset.py > src/ecdosis/data/pdf-characters.txt

Sphinx sets the PDF (xelatex) in FreeSerif, FreeSans and FreeMono; the edition's text uses
their regular, italic, bold and bold italic faces (and the sans and mono faces for headings and
code). A character missing from one face would print as a box, so the check accepts only the
characters all of them have, and no right-to-left letters, which XeTeX would set in reverse
without a bidirectional setup. Reads the fonts with fontconfig's ``fc-query``.
"""

from __future__ import annotations

import subprocess
import sys
import unicodedata

FOLDER = "/usr/share/fonts/opentype/freefont"
FACES = [
    f"Free{family}{face}"
    for family, faces in (
        ("Serif", ("", "Italic", "Bold", "BoldItalic")),
        ("Sans", ("", "Oblique", "Bold", "BoldOblique")),
        ("Mono", ("", "Oblique", "Bold", "BoldOblique")),
    )
    for face in faces
]


def charset(face: str) -> set[int]:
    query = ["fc-query", "--format", "%{charset}", f"{FOLDER}/{face}.otf"]
    found: set[int] = set()
    for part in subprocess.run(query, capture_output=True, text=True, check=True).stdout.split():
        first, _, last = part.partition("-")
        found.update(range(int(first, 16), int(last or first, 16) + 1))
    return found


def ranges(points: set[int]) -> list[tuple[int, int]]:
    result: list[tuple[int, int]] = []
    for point in sorted(points):
        if result and point == result[-1][1] + 1:
            result[-1] = (result[-1][0], point)
        else:
            result.append((point, point))
    return result


def main() -> None:
    shown = set.intersection(*(charset(face) for face in FACES))
    shown = {p for p in shown if unicodedata.bidirectional(chr(p)) not in ("R", "AL")}
    print(f"# The characters every face of the PDF's fonts shows ({', '.join(FACES)}),")
    print("# without right-to-left letters. Written by tools/pdf-charset.py; one range a line.")
    for first, last in ranges(shown):
        print(f"{first:04X}-{last:04X}" if last > first else f"{first:04X}")


if __name__ == "__main__":
    sys.exit(main())
