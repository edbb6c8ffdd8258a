"""Scopes: which pieces of a draft each scope name selects, with exact offsets."""

from __future__ import annotations

import pytest

from lintnews.config import Config
from lintnews.runner import Runner
from lintnews.scopes import check_scopes, segments

DRAFT = """---
title: "A title TODO"
---
# Headline one

## Sub two

A paragraph. Second sentence here.

- item one
- item two

> quoted words

| Head | Col |
| ---- | --- |
| cell | two |

![alt words](pic.jpg)

Caption line under the image.
"""


@pytest.fixture(scope="module")
def doc():
    runner = Runner(select=["-"], config=Config(language="en"))
    return runner.parse(DRAFT, "draft.md")


def texts(doc, *names):
    return [" ".join(s.text.split()) for s in segments(doc, list(names))]


def test_every_segment_is_the_masked_source(doc):
    for seg in segments(doc, ["text", "alt", "front_matter", "sentence"]):
        source = doc.text[seg.start : seg.end]
        assert len(source) == len(seg.text)
        assert all(a == b or b == " " for a, b in zip(source, seg.text, strict=True))


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["heading"], ["Headline one", "Sub two"]),
        (["heading.h2"], ["Sub two"]),
        (["list"], ["item one", "item two"]),
        (["blockquote"], ["quoted words"]),
        (["table.header"], ["Head Col"]),
        (["table.cell"], ["cell two"]),
        (["table"], ["Head Col", "cell two"]),
        (["alt"], ["alt words"]),
        (["caption"], ["Caption line under the image."]),
        (["front_matter.title"], ["A title TODO"]),
        (
            ["sentence"],
            [
                "A paragraph.",
                "Second sentence here.",
                "item one",
                "item two",
                "quoted words",
                "Caption line under the image.",
            ],
        ),
        (["paragraph"], ["A paragraph. Second sentence here.", "Caption line under the image."]),
        (["summary", "~paragraph"], ["item one", "item two", "quoted words"]),
        (
            ["~heading", "~table", "~list"],
            [
                "A paragraph. Second sentence here.",
                "quoted words",
                "alt words",
                "Caption line under the image.",
            ],
        ),
        (["heading.h1", "blockquote"], ["Headline one", "quoted words"]),
    ],
)
def test_scope_selects(doc, names, expected):
    assert texts(doc, *names) == expected


def test_text_is_all_prose_and_alt_text_but_not_front_matter(doc):
    got = texts(doc, "text")
    assert "alt words" in got and "A title TODO" not in got
    assert got[0] == "Headline one" and "Head Col" in got


def test_inline_markup_scopes():
    runner = Runner(select=["-"], config=Config(language="en"))
    doc = runner.parse("See [the link](http://x), `code`, *em* and **bold**.\n", "d.md")
    for name, expected in [
        ("link", "the link"),
        ("code", "code"),
        ("emphasis", "em"),
        ("strong", "bold"),
    ]:
        (seg,) = segments(doc, [name])
        assert seg.text == expected == doc.text[seg.start : seg.end]


def test_raw_is_the_whole_file(doc):
    (raw,) = segments(doc, ["raw"])
    assert raw.start == 0 and raw.text == DRAFT


def test_unknown_scope_is_reported():
    with pytest.raises(ValueError, match="unknown scope '~footer'"):
        check_scopes(["text", "~footer"])


def test_alt_text_of_inline_images():
    runner = Runner(select=["-"], config=Config(language="en"))
    doc = runner.parse("See ![a chart of votes](c.png) here.\n\n![alone](a.png)\n", "d.md")
    assert [s.text.strip() for s in segments(doc, ["alt"])] == ["a chart of votes", "alone"]
