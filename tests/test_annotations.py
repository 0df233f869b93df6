"""Inline pinyin annotations (extractors.annotations): found after a character, never in real brackets."""
from __future__ import annotations

from extractors.annotations import annotation_ranges, strip_annotations


def test_annotations_after_a_character_are_found_and_stripped() -> None:
    raw = "堅(jiān)持黨(dǎng)建"
    assert annotation_ranges(raw) == [(1, 7), (9, 15)]
    assert strip_annotations(raw) == "堅持黨建"


def test_brackets_that_are_no_annotation_stay() -> None:
    for raw in ("技术转移(杭州)中心", "见附件 (jian)", "(jian)开头", "方案(2021年)"):
        assert strip_annotations(raw) == raw, raw
