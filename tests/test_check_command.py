"""``ecdosis check --build-dir DIR``: the texts and annotations, then the whole edition built
without output, in one run that loads the edition once; what only a build finds (a page's broken
reference) fails it too, and refused input stops it before the build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def check(root: Path, build: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "ecdosis", "check", "--project", str(root)]
    return subprocess.run(
        [*command, "--build-dir", str(build)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_check_builds_the_edition_from_the_edition_it_loaded(small: Path) -> None:
    build = small / "_build"
    result = check(small, build)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 texts" in result.stdout and "checked and the edition built" in result.stdout
    # the build found the edition the check kept, and keeps its state for the next run
    assert (build / "check" / "doctrees" / "ecdosis-edition.pickle").is_file()
    assert not (build / "check.unfinished").exists()
    page = small / "names.md"
    page.write_text(page.read_text("utf-8") + "\nSee {ref}`no-such-label`.\n", encoding="utf-8")
    broken = check(small, build)
    assert broken.returncode != 0
    assert "no-such-label" in broken.stderr and "no problems" not in broken.stdout


def test_refused_input_stops_the_check_before_the_build(small: Path) -> None:
    note = small / "annotations" / "tx" / "tx-assault.md"
    note.write_text(note.read_text("utf-8").replace("kind: context", "kind: gossip"), "utf-8")
    build = small / "_build"
    result = check(small, build)
    assert result.returncode == 1
    # the path as report() gives it, relative to where the command runs
    assert "annotations/tx/tx-assault.md:5: kind: 'gossip'" in result.stderr, result.stderr
    assert not (build / "check").exists()


LOADED_BY_CHECK = """
import sys
from ecdosis.cli import main
status = main(["check", "--project", sys.argv[1]])
heavy = ("ecdosis.ext", "jsonschema", "sphinx.application")
print(status, *sorted(name for name in heavy if name in sys.modules))
"""


def test_the_check_alone_loads_no_extension_and_no_validator_of_valid_files(
    small: Path,
) -> None:
    """Without ``--build-dir``, the check needs neither the Sphinx extension nor, when every
    file is valid, jsonschema (the quick schema check found them valid): importing them
    would take as long as checking a small edition."""
    run = [sys.executable, "-c", LOADED_BY_CHECK, str(small)]
    result = subprocess.run(run, capture_output=True, text=True, check=False)
    assert result.stdout.splitlines()[-1] == "0", result.stdout + result.stderr
    note = small / "annotations" / "tx" / "tx-assault.md"
    note.write_text(note.read_text("utf-8").replace("kind: context", "kind: gossip"), "utf-8")
    refused = subprocess.run(run, capture_output=True, text=True, check=False)
    assert refused.stdout.splitlines()[-1] == "1 jsonschema", refused.stdout + refused.stderr
    assert "kind: 'gossip' is not valid" in refused.stderr
