"""Bounded windows for long text (extractors/windows.py): the same spans as one pass, spans whole
across window edges, runaway spans dropped at the source."""
from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.base import CleanTextExtractor, Hit
from extractors.rules import RegexExtractor
from extractors.schema import MAX_SPAN_CHARS
from extractors.windows import cores, windowed


def _find_runs(text: str) -> list[Hit]:
    return [Hit(m.start(), m.end(), "ORG") for m in re.finditer(r"A[BC]*D", text)]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["A", "B", "C", "D", "。", "，", "x", "ABCBD", "\n"]), max_size=400).map("".join),
       st.integers(5, 60))
def test_windowed_hits_equal_one_pass_and_stay_whole(text: str, size: int) -> None:
    # matches are local: every one no longer than the overlap is found whole, once, as in one pass
    got = windowed(_find_runs, text, size=size, overlap=20)
    if all(h.end - h.start <= 20 for h in _find_runs(text)):
        assert got == _find_runs(text)
    parts = list(cores(text, size))
    assert "".join(text[a:b] for a, b in parts) == text and all(b - a <= size for a, b in parts)


def test_cores_end_at_sentence_then_clause_boundaries() -> None:
    text = "一二三四五六七八九。十一二三四五六七八，九十一二三四"
    assert [text[a:b][-1] for a, b in cores(text, 10)] == ["。", "，", "四"]


def test_regex_spans_are_the_same_in_small_windows(root: Path) -> None:
    """Numbers, dates and titles are found by local rules: identical in 300-character windows.
    (Names may use document-wide context, which a window of a long text does not have.)"""
    ex = RegexExtractor()
    local = {"DATE", "MONEY", "PERCENT", "QUANTITY", "WORK"}
    for seed in sorted((root / "seeds").glob("*.txt")):
        raw = seed.read_text(encoding="utf-8")
        whole = [s for s in ex.extract(raw) if s.label in local]
        ex.window = 300
        small = [s for s in ex.extract(raw) if s.label in local]
        ex.window = RegexExtractor.window
        assert [(s.start, s.end, s.label, s.value) for s in small] == \
               [(s.start, s.end, s.label, s.value) for s in whole], seed.name


class _Runaway(CleanTextExtractor):
    name, kind, labels = "runaway", "regex", ("WORK",)

    def find(self, clean: str) -> list[Hit]:
        return [Hit(0, len(clean), "WORK"), Hit(0, 2, "ORG")]


def test_a_runaway_span_is_dropped_by_the_extractor() -> None:
    spans = _Runaway().extract("北京" + "堅(jiān)" * 1000)
    assert [(s.start, s.end, s.label) for s in spans] == [(0, 2, "ORG")]
    assert all(s.end - s.start <= MAX_SPAN_CHARS for s in spans)
