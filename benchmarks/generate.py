"""Synthetic editions of N texts made from the real ones, for the benchmark.

``generate(n, destination)`` writes a complete edition tree (``docs/`` with its ``conf.py``,
``sources/``, ``annotations/``, ``CITATION.cff``) whose N texts cycle through the repository's
texts: copy 1 of a text keeps its siglum (``ig``), copy k > 1 is ``<siglum><k>`` (``ig2``).
Each copy has

- its own ``text.md``, with the paragraph anchors rewritten (``{#ig-3}`` -> ``{#ig2-3}``);
- its own ``record.toml``, with the new siglum (and "copy k" in its title);
- the same ``witness.txt``, byte for byte, so the record's sha256 stays valid;
- a copy of every note on the text (``annotations/<siglum>/`` -> ``annotations/<siglum><k>/``),
  with its id, target and the references of its body to the same copy rewritten.

The registries (entities, glossary, timeline, topics, figures) and the bibliography are copied
once; the passages of topics and events are extended to the copies' paragraphs while the
schema allows (50 passages at most), so the synopsis and the timeline grow with N. Entities and
terms need nothing: their mentions are found by alias in every copy. The register of anchors is
written afresh by ``ecdosis register``.

Run as a script: ``python benchmarks/generate.py N DESTINATION [--check]``.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
REGISTRIES_WITH_PASSAGES = ("topics", "timeline")
OTHER_REGISTRIES = ("entities", "glossary", "figures")
MAX_PASSAGES = 50  # topic.schema.json and event.schema.json: maxItems of passages
ROLE_REFERENCE = re.compile(r"\{(note|paragraph)\}`([^`<]*<)?([a-z][a-z0-9]*)-([^`>]+)(>?)`")


def real_sigla(repository: Path = REPOSITORY) -> list[str]:
    """The repository's texts, in a stable order (the order of the edition: by date)."""
    folders = [p for p in (repository / "sources").iterdir() if (p / "record.toml").is_file()]

    def date_of(folder: Path) -> tuple[str, str]:
        match = re.search(r'^date = "([^"]*)"', (folder / "record.toml").read_text("utf-8"), re.M)
        return (match.group(1) if match else "", folder.name)

    return [folder.name for folder in sorted(folders, key=date_of)]


def copies(n: int, sigla: list[str]) -> list[tuple[str, str, int]]:
    """(original siglum, new siglum, copy index) of the N texts."""
    found = []
    for position in range(n):
        original = sigla[position % len(sigla)]
        k = position // len(sigla) + 1
        found.append((original, original if k == 1 else f"{original}{k}", k))
    return found


def copy_siglum(original: str, k: int, existing: set[str]) -> str | None:
    """The siglum of copy k of ``original`` if the edition has it."""
    siglum = original if k == 1 else f"{original}{k}"
    return siglum if siglum in existing else None


def rewrite_references(body: str, k: int, sigla: set[str], existing: set[str]) -> str:
    """Point ``{note}`` and ``{paragraph}`` references at copy k of their text when it exists;
    a reference whose copy does not exist keeps naming the original, which exists."""

    def replace(match: re.Match[str]) -> str:
        role, shown, siglum, rest, close = match.groups()
        if siglum not in sigla:
            return match.group(0)
        target = copy_siglum(siglum, k, existing) or siglum
        return f"{{{role}}}`{shown or ''}{target}-{rest}{close}`"

    return ROLE_REFERENCE.sub(replace, body)


def write_text(source: Path, destination: Path, original: str, siglum: str, k: int) -> None:
    destination.mkdir(parents=True)
    shutil.copyfile(source / "witness.txt", destination / "witness.txt")
    text = (source / "text.md").read_text("utf-8")
    text = re.sub(rf"\{{#{re.escape(original)}-(\d+)([ }}])", rf"{{#{siglum}-\1\2", text)
    (destination / "text.md").write_text(text, "utf-8")
    record = (source / "record.toml").read_text("utf-8")
    record = re.sub(r'^siglum = "[^"]*"', f'siglum = "{siglum}"', record, count=1, flags=re.M)
    if k > 1:
        record = re.sub(
            r'^title = "(.*)"$', rf'title = "\1 (copy {k})"', record, count=1, flags=re.M
        )
    (destination / "record.toml").write_text(record, "utf-8")


def write_notes(
    source: Path, destination: Path, original: str, siglum: str, k: int, existing: set[str]
) -> None:
    destination.mkdir(parents=True)
    sigla = {name.rstrip("0123456789") for name in existing}
    for note in sorted(source.glob("*.md")):
        text = note.read_text("utf-8")
        if siglum != original:
            text = re.sub(
                rf"^(id|target): {re.escape(original)}-",
                rf"\1: {siglum}-",
                text,
                flags=re.M,
            )
            text = rewrite_references(text, k, sigla, existing)
        name = note.name
        if name.startswith(f"{original}-"):
            name = f"{siglum}-{name[len(original) + 1 :]}"
        (destination / name).write_text(text, "utf-8")


def extend_passages(text: str, n: int, sigla: list[str]) -> str:
    """Add to a topic's or event's passages the same passages in the copies, up to the
    schema's limit, copy by copy (all of copy 2, then of copy 3...)."""
    lines = text.splitlines(keepends=True)
    try:
        start = lines.index("passages:\n") + 1
    except ValueError:
        return text  # "passages: []" or none
    end = start
    while end < len(lines) and lines[end].startswith("  "):
        end += 1
    items: list[list[str]] = []
    for line in lines[start:end]:
        if line.startswith("  - "):
            items.append([])
        items[-1].append(line)
    existing = {new for _, new, _ in copies(n, sigla)}
    added: list[list[str]] = []
    for k in range(2, n // len(sigla) + 2):
        for item in items:
            match = re.match(r"  - target: ([a-z][a-z0-9]*)-(\d+)$", item[0].rstrip("\n"))
            if not match or len(items) + len(added) >= MAX_PASSAGES:
                continue
            target = copy_siglum(match.group(1), k, existing)
            if target is not None:
                added.append([f"  - target: {target}-{match.group(2)}\n", *item[1:]])
    new_items = [line for item in items + added for line in item]
    return "".join(lines[:start] + new_items + lines[end:])


def generate(
    n: int, destination: Path, repository: Path = REPOSITORY, register: bool = True
) -> None:
    """Write an edition of ``n`` texts to ``destination`` (which must not exist)."""
    sigla = real_sigla(repository)
    if n < len(sigla):
        raise ValueError(f"N must be at least {len(sigla)}, the number of real texts")
    destination.mkdir(parents=True)
    shutil.copytree(
        repository / "docs",
        destination / "docs",
        ignore=shutil.ignore_patterns("texts", "_build", "anchor-register.toml"),
    )
    shutil.copyfile(repository / "CITATION.cff", destination / "CITATION.cff")
    made = copies(n, sigla)
    existing = {new for _, new, _ in made}
    annotations = destination / "annotations"
    annotations.mkdir()
    for original, siglum, k in made:
        write_text(
            repository / "sources" / original, destination / "sources" / siglum, original, siglum, k
        )
        write_notes(
            repository / "annotations" / original,
            annotations / siglum,
            original,
            siglum,
            k,
            existing,
        )
    for name in OTHER_REGISTRIES:
        shutil.copytree(repository / "annotations" / name, annotations / name)
    for name in REGISTRIES_WITH_PASSAGES:
        (annotations / name).mkdir()
        for entry in sorted((repository / "annotations" / name).glob("*.md")):
            text = extend_passages(entry.read_text("utf-8"), n, sigla)
            (annotations / name / entry.name).write_text(text, "utf-8")
    for extra in sorted((repository / "annotations").iterdir()):
        if extra.is_file():
            shutil.copyfile(extra, annotations / extra.name)
    if register:
        write_register(destination)


def ecdosis_command() -> list[str]:
    return [sys.executable, "-m", "ecdosis"]


def write_register(destination: Path) -> None:
    """``ecdosis register``: the register of every anchor of the new edition."""
    subprocess.run(
        [
            *ecdosis_command(),
            "register",
            "--project",
            str(destination),
            "--build-dir",
            str(destination / "build"),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    shutil.rmtree(destination / "build", ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="the number of texts (at least 5)")
    parser.add_argument("destination", type=Path, help="a folder that does not exist yet")
    parser.add_argument("--check", action="store_true", help="run `ecdosis check` on it")
    args = parser.parse_args()
    generate(args.n, args.destination)
    if args.check:
        check = [*ecdosis_command(), "check", "--project", str(args.destination)]
        return subprocess.run(check).returncode
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
