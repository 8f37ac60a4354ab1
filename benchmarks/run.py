"""The benchmark: the edition and its plain-Sphinx floor built side by side at several sizes.

    .venv/bin/python benchmarks/run.py [--sizes 5,20,80,320] [--runs 3] [--json FILE]
                                       [--at COMMIT | --live] [--work DIR]

It measures a commit (``HEAD`` unless ``--at`` names another), exported with ``git archive``
and put first on ``PYTHONPATH`` of everything it runs, not the work tree (``--live``).

For each N it generates an edition of N texts (``generate.py``) and its floor (``floor.py``)
in a temporary folder, then, in each of ``--runs`` runs, on fresh copies of both, times
``ecdosis check`` and these HTML builds, alternating edition and floor at every step (the one
that goes first alternates from run to run):

1. cold: no output, no doctrees (and, for the edition, no generated ``docs/texts/``);
2. no-op: the same build again, nothing changed;
3. one note edited: a sentence added to a note (the floor: to the same footnote);
4. one entity edited: a word added to an entity's description (the edition only);
5. one paragraph edited: a word inserted in a paragraph of a reading text and, at the same
   place, in its witness, with the witness's sha256 updated in its record (the floor: the
   same word in the same paragraph of its page).

Every build is ``python -m sphinx -b html -W --keep-going -n -d DOCTREES SOURCE OUTPUT`` in a
child process; the edition's builds add ``-D edition_register_update=1``, so that an edit's
changed fingerprints are recorded in the register by the same build (as ``ecdosis register``
would before it) instead of stopping it. Each prints the median time and the spread (min-max)
over the runs, the documents re-read (Sphinx's "N added, M changed" count) and the peak
resident memory of the child, and the ratio edition/floor; and writes everything as JSON.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from floor import write_floor
from generate import REPOSITORY, generate

STEPS = ("cold", "no-op", "note edit", "entity edit", "paragraph edit")
SPHINX_FLAGS = ["-b", "html", "-W", "--keep-going", "-n"]
EDITION_FLAGS = ["-D", "edition_register_update=1"]
UPDATING = re.compile(r"updating environment: (?:\[[^\]]*\] )?(\d+) added, (\d+) changed")
EDITED_ENTITY = "alberto-fujimori"
EDIT_WORDS = " Edited for the benchmark."


@dataclass
class Measure:
    seconds: float
    peak_mb: float
    reread: int


@dataclass
class Series:
    measures: list[Measure] = field(default_factory=list)

    @property
    def times(self) -> list[float]:
        return [m.seconds for m in self.measures]

    def median(self) -> float:
        return statistics.median(self.times)

    def spread(self) -> tuple[float, float]:
        return min(self.times), max(self.times)

    def summary(self) -> dict[str, object]:
        return {
            "median_s": round(self.median(), 3),
            "min_s": round(min(self.times), 3),
            "max_s": round(max(self.times), 3),
            "reread": statistics.median(m.reread for m in self.measures),
            "peak_mb": round(max(m.peak_mb for m in self.measures), 1),
            "runs": [asdict(m) for m in self.measures],
        }


# The builds run as an editor's do: Python keeps the engine's compiled modules between builds.
# A machine that sets PYTHONDONTWRITEBYTECODE would have every build compile the engine again
# (some 0.1 s), which the floor, whose packages were compiled when they were installed, never
# pays.
BUILD_ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_child(command: list[str], log: Path) -> Measure:
    """Run ``command``, its output to ``log``; its wall time, peak memory and re-read count."""
    with log.open("w", encoding="utf-8") as out:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env=BUILD_ENVIRONMENT
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text("utf-8", errors="replace")
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{text[-3000:]}")
    found = UPDATING.search(text)
    reread = int(found.group(1)) + int(found.group(2)) if found else 0
    return Measure(seconds, usage.ru_maxrss / 1024, reread)


def sphinx(source: Path, state: Path, log: Path, extra: list[str]) -> Measure:
    command = [sys.executable, "-m", "sphinx", *SPHINX_FLAGS, *extra]
    command += ["-d", str(state / "doctrees"), str(source), str(state / "html")]
    return run_child(command, log)


# -- The edits ----------------------------------------------------------------------------------


def first_note(edition: Path) -> Path:
    siglum = sorted(p.name for p in (edition / "sources").iterdir())[0]
    return sorted((edition / "annotations" / siglum).glob("*.md"))[0]


def edit_note(edition: Path) -> None:
    note = first_note(edition)
    note.write_text(note.read_text("utf-8").rstrip("\n") + EDIT_WORDS + "\n", "utf-8")


def edit_floor_note(edition: Path, floor: Path) -> None:
    """The floor's counterpart: the same sentence added to the note's footnote (``edition``
    is the unedited edition, where the note is found)."""
    note = first_note(edition)
    siglum = note.parent.name
    page = floor / f"{siglum}.md"
    body = note.read_text("utf-8").split("\n---\n", 1)[1]
    first_words = " ".join(body.split()[:3])
    lines = page.read_text("utf-8").split("\n")
    for index, line in enumerate(lines):
        if line.startswith("[^") and first_words.replace("*", "") in line.replace("\\*", ""):
            lines[index] = line + EDIT_WORDS
            break
    else:
        raise RuntimeError(f"no footnote of {note.name} in {page}")
    page.write_text("\n".join(lines), "utf-8")


def edit_entity(edition: Path) -> None:
    path = edition / "annotations" / "entities" / f"{EDITED_ENTITY}.md"
    text = path.read_text("utf-8")
    # A word added at the end of the description, quoted or not.
    edited = re.sub(r'^(description: .*?)("?)$', r"\1 Edited.\2", text, count=1, flags=re.M)
    if edited == text:
        raise RuntimeError(f"no description line in {path}")
    path.write_text(edited, "utf-8")


def paragraph_edit_word(edition: Path) -> tuple[str, str]:
    """A word of the first text that stands once in its witness and once in its reading text,
    between spaces, and nowhere in the annotations (no quote, alias or passage holds it): the
    word, and the siglum."""
    siglum = sorted(p.name for p in (edition / "sources").iterdir())[0]
    folder = edition / "sources" / siglum
    witness = (folder / "witness.txt").read_text("utf-8")
    reading = (folder / "text.md").read_text("utf-8")
    annotations = " ".join(p.read_text("utf-8") for p in (edition / "annotations").rglob("*.md"))
    for word in witness.split():
        if not (word.isalpha() and len(word) >= 7):
            continue
        padded = f" {word} "
        if witness.count(padded) == 1 and reading.count(padded) == 1 and word not in annotations:
            return word, siglum
    raise RuntimeError(f"no word of {siglum} to edit")


def edit_paragraph(edition: Path, word: str, siglum: str) -> None:
    folder = edition / "sources" / siglum
    for name in ("witness.txt", "text.md"):
        path = folder / name
        path.write_text(path.read_text("utf-8").replace(f" {word} ", f" edited {word} "), "utf-8")
    digest = hashlib.sha256((folder / "witness.txt").read_bytes()).hexdigest()
    record = folder / "record.toml"
    text = re.sub(
        r'^sha256 = "[0-9a-f]*"', f'sha256 = "{digest}"', record.read_text("utf-8"), flags=re.M
    )
    record.write_text(text, "utf-8")


def edit_floor_paragraph(floor: Path, word: str, siglum: str) -> None:
    page = floor / f"{siglum}.md"
    text = page.read_text("utf-8")
    if f" {word} " not in text:
        raise RuntimeError(f"{word!r} is not in {page}")
    page.write_text(text.replace(f" {word} ", f" edited {word} ", 1), "utf-8")


def edit_edition(step: str, edition: Path, word: str, siglum: str) -> None:
    if step == "note edit":
        edit_note(edition)
    elif step == "entity edit":
        edit_entity(edition)
    elif step == "paragraph edit":
        edit_paragraph(edition, word, siglum)


def edit_floor(step: str, pristine: Path, floor: Path, word: str, siglum: str) -> None:
    if step == "note edit":
        edit_floor_note(pristine, floor)
    elif step == "paragraph edit":
        edit_floor_paragraph(floor, word, siglum)


# -- One size -----------------------------------------------------------------------------------


def loadavg() -> str:
    try:
        return Path("/proc/loadavg").read_text("utf-8").strip()
    except OSError:
        return "unknown"


def measure_size(n: int, runs: int, work: Path, repository: Path) -> dict[str, object]:
    pristine = work / f"n{n}"
    started = time.perf_counter()
    generate(n, pristine / "edition", repository)
    shutil.rmtree(pristine / "edition" / "docs" / "texts", ignore_errors=True)
    write_floor(pristine / "edition", pristine / "floor")
    generated = time.perf_counter() - started
    word, siglum = paragraph_edit_word(pristine / "edition")
    print(
        f"N={n}: generated in {generated:.1f} s; paragraph edit: {word!r} in {siglum}", flush=True
    )
    load_before = loadavg()
    edition_series = {step: Series() for step in STEPS}
    floor_series = {step: Series() for step in STEPS if step != "entity edit"}
    check = Series()
    for run in range(runs):
        here = work / f"n{n}-run{run}"
        shutil.rmtree(here, ignore_errors=True)
        shutil.copytree(pristine, here)
        edition, floor = here / "edition", here / "floor"
        edition_state, floor_state = here / "edition-build", here / "floor-build"
        check.measures.append(
            run_child(
                [sys.executable, "-m", "ecdosis", "check", "--project", str(edition)],
                here / "check.log",
            )
        )
        for step in STEPS:
            tools = ["edition", "floor"] if run % 2 == 0 else ["floor", "edition"]
            for tool in tools:
                log = here / f"{tool}-{step.replace(' ', '-')}.log"
                if tool == "edition":
                    edit_edition(step, edition, word, siglum)
                    measure = sphinx(edition / "docs", edition_state, log, EDITION_FLAGS)
                    edition_series[step].measures.append(measure)
                elif step in floor_series:
                    edit_floor(step, pristine / "edition", floor, word, siglum)
                    floor_series[step].measures.append(sphinx(floor, floor_state, log, []))
            print(f"  run {run + 1}/{runs}: {step} done", flush=True)
        shutil.rmtree(here)
    documents = edition_series["cold"].measures[0].reread
    floor_documents = floor_series["cold"].measures[0].reread
    return {
        "n": n,
        "documents": {"edition": documents, "floor": floor_documents},
        "paragraph_edit_word": f"{siglum}: {word}",
        "loadavg_before": load_before,
        "loadavg_after": loadavg(),
        "check": check.summary(),
        "edition": {step: series.summary() for step, series in edition_series.items()},
        "floor": {step: series.summary() for step, series in floor_series.items()},
    }


# -- The report ---------------------------------------------------------------------------------


def seconds(summary: dict[str, object]) -> str:
    return f"{summary['median_s']:.2f} ({summary['min_s']:.2f}–{summary['max_s']:.2f})"


def table(results: list[dict[str, object]]) -> str:
    lines = [
        "| N | build | ecdosis s (min–max) | plain Sphinx s (min–max) | ratio "
        "| re-read ecdosis / Sphinx | peak MB ecdosis / Sphinx |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        n = result["n"]
        edition = result["edition"]
        floor = result["floor"]
        documents = result["documents"]
        assert isinstance(edition, dict) and isinstance(floor, dict)
        assert isinstance(documents, dict)
        for step in STEPS:
            e = edition[step]
            f = floor.get(step)
            if f is None:
                lines.append(
                    f"| {n} | {step} | {seconds(e)} | — | — "
                    f"| {e['reread']:g} of {documents['edition']} / — | {e['peak_mb']:.0f} / — |"
                )
                continue
            ratio = e["median_s"] / f["median_s"] if f["median_s"] else float("inf")
            lines.append(
                f"| {n} | {step} | {seconds(e)} | {seconds(f)} | {ratio:.1f}× "
                f"| {e['reread']:g} of {documents['edition']} / {f['reread']:g} of "
                f"{documents['floor']} | {e['peak_mb']:.0f} / {f['peak_mb']:.0f} |"
            )
        check = result["check"]
        assert isinstance(check, dict)
        lines.append(
            f"| {n} | `ecdosis check` | {seconds(check)} | — | — | — | {check['peak_mb']:.0f} / — |"
        )
    return "\n".join(lines)


def git(*arguments: str) -> str:
    found = subprocess.run(
        ["git", "-C", str(REPOSITORY), *arguments], capture_output=True, text=True, check=True
    )
    return found.stdout.strip()


ENGINE = "ECDOSIS_BENCHMARK_ENGINE"
PARTS = ("src", "docs", "sources", "annotations", "CITATION.cff")


def pinned(at: str) -> int:
    """Run the benchmark again in a child whose engine and data are those of commit ``at``,
    exported with ``git archive`` (the repository's work tree is left alone, and changes made
    to it while the benchmark runs do not leak into the figures)."""
    commit = git("rev-parse", "--verify", f"{at}^{{commit}}")
    tree = Path(tempfile.mkdtemp(prefix=f"ecdosis-at-{commit[:8]}-"))
    try:
        archive = subprocess.Popen(
            ["git", "-C", str(REPOSITORY), "archive", commit, *PARTS], stdout=subprocess.PIPE
        )
        subprocess.run(["tar", "-x", "-C", str(tree)], stdin=archive.stdout, check=True)
        if archive.wait() != 0:
            raise RuntimeError(f"git archive {commit} failed")
        path = os.pathsep.join(filter(None, [str(tree / "src"), os.environ.get("PYTHONPATH")]))
        env = {**os.environ, "PYTHONPATH": path, ENGINE: f"{commit[:7]} {tree}"}
        return subprocess.run([sys.executable, __file__, *sys.argv[1:]], env=env).returncode
    finally:
        shutil.rmtree(tree, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="5,20,80,320", help="the Ns, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs at each N (the median is shown)")
    parser.add_argument("--json", type=Path, help="where to write the results as JSON")
    parser.add_argument(
        "--work", type=Path, help="a folder for the trees (default: a temporary one)"
    )
    parser.add_argument("--at", default="HEAD", help="the commit to measure (default: HEAD)")
    parser.add_argument(
        "--live", action="store_true", help="measure the work tree as it is, not a commit"
    )
    args = parser.parse_args()
    engine = os.environ.get(ENGINE)
    if engine is None and not args.live:
        return pinned(args.at)
    if engine is None:
        commit, repository = f"{git('rev-parse', '--short', 'HEAD')} (work tree)", REPOSITORY
    else:
        short, tree = engine.split(" ", 1)
        commit, repository = short, Path(tree)
    import ecdosis

    print(f"the engine: {Path(ecdosis.__file__).parent}", flush=True)
    sizes = [int(size) for size in args.sizes.split(",")]
    work = args.work or Path(tempfile.mkdtemp(prefix="ecdosis-benchmark-"))
    work.mkdir(parents=True, exist_ok=True)
    header = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "commit": commit,
        "python": platform.python_version(),
        "cores": os.cpu_count(),
        "runs": args.runs,
        "loadavg_before": loadavg(),
    }
    print(
        f"ecdosis benchmark at {header['commit']}, {header['cores']} cores, "
        f"load {header['loadavg_before']}; trees in {work}",
        flush=True,
    )
    results = []
    try:
        for n in sizes:
            results.append(measure_size(n, args.runs, work, repository))
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    header["loadavg_after"] = loadavg()
    print()
    print(
        f"{header['date']}, commit {header['commit']}, {header['cores']} cores, "
        f"{args.runs} runs: median (min–max) in seconds"
    )
    print()
    print(table(results))
    print()
    print(f"load average before: {header['loadavg_before']}; after: {header['loadavg_after']}")
    for result in results:
        print(f"N={result['n']}: load {result['loadavg_before']} -> {result['loadavg_after']}")
    destination = args.json or (
        Path(__file__).resolve().parent
        / "results"
        # by the sizes too: a run of other sizes at the same commit keeps its own file
        / f"{time.strftime('%Y-%m-%d')}-{commit.split()[0]}-n{'-'.join(map(str, sizes))}.json"
    )
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_text(json.dumps({**header, "results": results}, indent=1) + "\n", "utf-8")
    print(f"results written to {destination}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
