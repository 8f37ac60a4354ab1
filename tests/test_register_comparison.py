"""The register's comparison with the edition, as functions (ecdosis.model.publication
.register): what the build refuses (``compare``, ``gone``), what ``ecdosis register``
records (``updated``), and where a retired anchor's readers land (``landing``). The builds that
show these messages are in test_anchor_register.py."""

from __future__ import annotations

from pathlib import Path

from ecdosis.model.problems import Problem
from ecdosis.model.publication.edition_metadata import EditionMetadata
from ecdosis.model.publication.register import (
    AnchorRegister,
    LiveAnchor,
    RegisteredAnchor,
    Version,
    compare,
    gone,
    updated,
)

PATH = Path("anchor-register.toml")


def metadata(version: str = "0.1", released: str = "2026-11-21") -> EditionMetadata:
    return EditionMetadata("A Small Edition", "For the tests", "The editors", version, released)


def entry(address: str, kind: str = "paragraph", **fields: object) -> RegisteredAnchor:
    page, _, anchor = address.partition("#")
    values: dict[str, object] = {"since": "0.1", "line": 10} | fields
    return RegisteredAnchor(page, anchor, kind, **values)  # type: ignore[arg-type]


def live(address: str, kind: str = "paragraph", fingerprint: str = "") -> LiveAnchor:
    page, _, anchor = address.partition("#")
    return LiveAnchor(page, anchor, kind, fingerprint)


def register(*entries: RegisteredAnchor) -> AnchorRegister:
    return AnchorRegister(
        PATH,
        {"0.1": Version("0.1", "2026-11-21", line=9)},
        {(e.page, e.anchor): e for e in entries},
        {e.page: 5 for e in entries},
    )


def messages(problems: list[Problem]) -> list[str]:
    return [f"{p.line}: {p.message}" for p in problems]


PARAGRAPH = entry("texts/tx#tx-1", fingerprint="aaaaaaaaaaaaaaaa")


def test_an_edition_that_agrees_with_its_register_passes() -> None:
    assert not compare(
        register(PARAGRAPH), [live("texts/tx#tx-1", "paragraph", "a" * 16)], metadata()
    )


def test_a_changed_fingerprint_is_named_at_its_entry() -> None:
    found = compare(register(PARAGRAPH), [live("texts/tx#tx-1", "paragraph", "b" * 16)], metadata())
    assert messages(found) == [
        "10: the paragraph texts/tx#tx-1 has changed since the register recorded it"
    ]


def test_a_new_anchor_is_named_at_its_page() -> None:
    anchors = [live("texts/tx#tx-1", "paragraph", "a" * 16), live("texts/tx#note-x", "note")]
    assert messages(compare(register(PARAGRAPH), anchors, metadata())) == [
        "5: the note anchor texts/tx#note-x is new: it is not in the register"
    ]


def test_a_gone_anchor_is_named_with_its_version_and_how_to_retire_it() -> None:
    (problem,) = compare(register(PARAGRAPH), [], metadata())
    assert problem.line == 10
    assert problem.message == (
        "the paragraph anchor tx-1 of texts/tx (published since version 0.1) is gone from the "
        "edition: readers who cited texts/tx#tx-1 would find nothing"
    )
    assert 'retire it by adding forward = "<page>#<anchor>"' in problem.fix
    assert gone(register(PARAGRAPH), []) == [problem], "make register refuses it as well"


def test_a_version_not_in_the_register_or_with_another_date_is_refused() -> None:
    anchors = [live("texts/tx#tx-1", "paragraph", "a" * 16)]
    assert messages(compare(register(PARAGRAPH), anchors, metadata("0.2", "2026-12-01"))) == [
        "1: version 0.2 of 2026-12-01 (CITATION.cff) is not in the register"
    ]
    assert messages(compare(register(PARAGRAPH), anchors, metadata("0.1", "2026-11-22"))) == [
        "9: version 0.1 of 2026-11-22 (CITATION.cff) is not in the register"
    ]


def test_retired_anchors_forward_and_are_checked() -> None:
    old = entry("texts/tx#tx-2", forward="texts/tx#tx-22", retired="0.1")
    new = entry("texts/tx#tx-22", line=11)
    anchors = [live("texts/tx#tx-22")]
    assert compare(register(old, new), anchors, metadata()) == []
    # forwarding to nothing: the gone anchor it forwards to is named too
    assert messages(compare(register(old, new), [], metadata()))[0] == (
        "10: texts/tx#tx-2 forwards to texts/tx#tx-22, which is not in the edition"
    )
    # back in the edition while retired
    back = compare(register(old, new), [*anchors, live("texts/tx#tx-2")], metadata())
    assert messages(back) == [
        "10: texts/tx#tx-2 is retired in the register but is in the edition again"
    ]
    # retired by hand but not yet recorded by make register
    unstamped = entry("texts/tx#tx-2", forward="texts/tx#tx-22")
    assert messages(compare(register(unstamped, new), anchors, metadata())) == [
        "10: texts/tx#tx-2 is retired, but not stamped with a version"
    ]


def test_a_forward_is_followed_through_retired_anchors_and_a_circle_is_broken() -> None:
    first = entry("texts/tx#tx-2", forward="texts/tx#tx-3", retired="0.1")
    second = entry("texts/tx#tx-3", forward="index#the-texts", retired="0.2")
    chain = register(first, second, entry("index#the-texts", "section"))
    assert chain.landing(first) == ("index", "the-texts")
    assert compare(chain, [live("index#the-texts", "section")], metadata()) == []
    back = entry("texts/tx#tx-3", forward="texts/tx#tx-2", retired="0.2")
    circle = register(first, back)
    assert circle.landing(first) is None
    assert len(gone(circle, [])) == 2  # each forward of the circle is named


def test_make_register_records_new_changed_and_retired_anchors() -> None:
    old = entry("texts/tx#tx-2", forward="texts/tx#tx-1")
    unchanged = entry("texts/tx#tx-3", fingerprint="c" * 16)
    before = register(PARAGRAPH, old, unchanged)
    before.versions["0.1"] = Version("0.1", "2026-11-21", "The first version.")
    anchors = [
        live("texts/tx#tx-1", "paragraph", "b" * 16),
        live("texts/tx#tx-3", "paragraph", "c" * 16),
        live("texts/tx#note-new", "note", "d" * 16),
    ]
    after = updated(before, anchors, metadata("0.2", "2026-12-01"))
    assert after.versions == {
        "0.1": Version("0.1", "2026-11-21", "The first version."),
        "0.2": Version("0.2", "2026-12-01"),
    }
    records = after.anchors
    assert records["texts/tx", "tx-1"].changed == ("0.2",)
    assert records["texts/tx", "tx-1"].fingerprint == "b" * 16
    assert records["texts/tx", "tx-1"].since == "0.1"
    assert records["texts/tx", "tx-3"].changed == ()
    assert records["texts/tx", "note-new"] == RegisteredAnchor(
        "texts/tx", "note-new", "note", "0.2", "d" * 16
    )
    assert records["texts/tx", "tx-2"].retired == "0.2", "stamped with the version retiring it"
    assert compare(after, anchors, metadata("0.2", "2026-12-01")) == []
    # recorded again in the same version: no second "changed", and stamps are kept
    edited = [*anchors[:2], live("texts/tx#note-new", "note", "e" * 16)]
    again = updated(after, edited, metadata("0.2", "2026-12-01"))
    assert again.anchors["texts/tx", "tx-1"].changed == ("0.2",)
    assert again.anchors["texts/tx", "tx-2"].retired == "0.2"
    assert again.anchors["texts/tx", "note-new"].changed == (), "new in this version"


def test_a_change_in_the_version_that_published_an_anchor_is_not_a_change() -> None:
    edited = [live("texts/tx#tx-1", "paragraph", "b" * 16)]
    after = updated(register(PARAGRAPH), edited, metadata())
    assert after.anchors["texts/tx", "tx-1"].changed == ()
    assert after.anchors["texts/tx", "tx-1"].fingerprint == "b" * 16
