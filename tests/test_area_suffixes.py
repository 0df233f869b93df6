"""Area suffixes outside an area (extractors.area_suffixes): sentences written for these tests."""
from __future__ import annotations

from extractors.area_suffixes import AREA, area_suffix_outside, areas_before_suffixes, at_least_area
from extractors.base import Hit


def _areas(text: str) -> list[str]:
    return [text[h.start:h.end] for h in areas_before_suffixes(text)]


def test_the_longest_area_name_before_the_suffix_is_proposed() -> None:
    text = "西双版纳地区和大理地区的游客增多。"
    assert _areas(text) == ["西双版纳", "大理"]
    assert all(h.label == "GPE" and h.score is None for h in areas_before_suffixes(text))


def test_a_weighed_area_keeps_at_least_its_floor() -> None:
    assert [h.score for h in at_least_area([Hit(0, 2, "GPE", score=0.3), Hit(3, 5, "GPE", score=0.99)])] \
        == [AREA, 0.99]


def test_no_area_before_a_suffix_after_a_common_word() -> None:
    assert _areas("偏远地区和西部地区的学校。") == []


def test_a_kept_area_loses_the_suffix_it_was_read_with() -> None:
    text = "和田地区红枣"
    got = area_suffix_outside(Hit(0, 4, "GPE", value="和田地区"), text)
    assert (got.start, got.end, got.value) == (0, 2, "和田")
    assert area_suffix_outside(Hit(0, 4, "LOC"), text) == Hit(0, 4, "LOC")  # areas only
    assert area_suffix_outside(Hit(1, 4, "GPE"), "某田地区") == Hit(1, 4, "GPE")  # one character left: kept
