"""The built HTML passes the validators a reader's accessibility depends on: axe-core (WCAG 2.1
A and AA) on every page in Chromium, on a phone and a laptop screen, and the Nu HTML Checker."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import AXE_JS, CHROMIUM, VNU_JAR, chromium, html_pages, tool

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa"]


@pytest.mark.skipif(CHROMIUM is None, reason="needs chromium (make test installs it)")
@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_no_violation_on_any_page(html: Path, site: str, width: int) -> None:
    axe = tool(AXE_JS)
    violations: list[str] = []
    with chromium() as browser:
        for name in html_pages(html):
            page = browser.new_page(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
            page.goto(f"{site}/{name}")
            page.wait_for_load_state("load")
            page.add_script_tag(path=str(axe))
            result = page.evaluate(
                "(tags) => axe.run(document, "
                "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
                AXE_TAGS,
            )
            for violation in result["violations"]:
                targets = [" ".join(node["target"]) for node in violation["nodes"][:3]]
                violations.append(
                    f"{name}: {violation['id']} ({len(violation['nodes'])} nodes) {targets}: "
                    + violation["nodes"][0]["failureSummary"].replace("\n", " ")
                )
            page.close()
    assert violations == [], "\n".join(violations)


def test_the_nu_html_checker_finds_no_error(html: Path) -> None:
    files = [str(html / name) for name in html_pages(html)]
    command = ["java", "-jar", str(tool(VNU_JAR)), "--format", "json", "--exit-zero-always", *files]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    report = json.loads(result.stderr or result.stdout)
    errors = [
        f"{Path(message.get('url', '')).name}:{message.get('lastLine', '?')}: {message['message']}"
        for message in report["messages"]
        if message["type"] == "error" or (message["type"] == "non-document-error")
    ]
    assert len(files) > 10
    assert errors == [], "\n".join(errors)
