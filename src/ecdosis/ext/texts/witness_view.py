"""The witness shown diplomatically: its own lines, numbered, exactly as received."""

from __future__ import annotations

from docutils import nodes

from ecdosis.model.texts.corpus import EditedText


def witness_section(text: EditedText) -> nodes.section:
    siglum = text.siglum
    section = nodes.section("", ids=[f"{siglum}-witness"], names=[f"{siglum}-witness"])
    section += nodes.title("", "Witness")
    intro = nodes.paragraph(
        "",
        "The transcription as received, line for line and never edited. "
        f"{text.record.witness.description} ",
    )
    intro += nodes.Text("Its SHA-256 fingerprint is ")
    intro += nodes.literal("", text.witness.sha256)
    intro += nodes.Text(".")
    section += intro
    lines = text.witness.text.rstrip("\n").split("\n")
    block = nodes.literal_block(
        "\n".join(lines), "\n".join(lines), classes=["witness-text"], language="none"
    )
    block["linenos"] = True
    section += block
    return section
