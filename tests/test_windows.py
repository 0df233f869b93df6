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
from extractors.windows import (
    NO_EVIDENCE,
    OVERLAP_CHARS,
    WINDOW_CHARS,
    cores,
    merge_evidence,
    pieces,
    streamed,
    streamed_ahead,
)


def _find_runs(text: str) -> list[Hit]:
    return [Hit(m.start(), m.end(), "ORG") for m in re.finditer(r"A[BC]*D", text)]


def _runs_in(piece: str, a: int, b: int) -> list[Hit]:
    return [h for h in _find_runs(piece) if a <= h.start < b]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["A", "B", "C", "D", "。", "，", "x", "ABCBD", "\n"]), max_size=400).map("".join),
       st.integers(5, 60))
def test_streamed_spans_equal_one_pass_and_stay_whole(text: str, size: int) -> None:
    # matches are local: every one no longer than the overlap is found whole, once, as in one pass
    got = list(streamed(_runs_in, text, size=size, overlap=20))
    if all(h.end - h.start <= 20 for h in _find_runs(text)):
        assert got == _find_runs(text)
    assert all(x.end <= y.start for x, y in zip(got, got[1:]))  # in order, and never overlapping
    parts = list(cores(text, size))
    assert "".join(text[a:b] for a, b in parts) == text and all(b - a <= size for a, b in parts)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["A", "B", "C", "D", "。", "，", "x", "ABCBD", "\n"]), max_size=400).map("".join),
       st.integers(5, 60), st.integers(1, 6))
def test_windows_searched_ahead_give_the_spans_of_one_at_a_time(text: str, size: int, depth: int) -> None:
    """`xbench extract --jobs`: windows searched ahead, elsewhere, give the same spans in the same order,
    spans across a core's end included (the window after one is searched again from the span's end)."""
    from concurrent.futures import ThreadPoolExecutor

    started: list[tuple[int, int]] = []

    def ahead(piece: str, a: int, b: int):  # noqa: ANN202 - a Future of the window's spans
        started.append((a, b))
        return pool.submit(_runs_in, piece, a, b)

    with ThreadPoolExecutor(2) as pool:
        got = list(streamed_ahead(ahead, text, size=size, overlap=20, depth=depth))
    assert got == list(streamed(_runs_in, text, size=size, overlap=20))
    # each window started once, and once more only when a kept span reached into its core
    assert len(started) <= 2 * len(list(pieces(text, size, 20)))


def test_streamed_gives_each_windows_spans_before_reading_the_next() -> None:
    """Spans come out as each window is searched, not gathered over the whole text first."""
    text = "ABD。" * 100
    searched: list[int] = []

    def spans_in(piece: str, a: int, b: int) -> list[Hit]:
        searched.append(len(piece))
        return _runs_in(piece, a, b)

    spans = streamed(spans_in, text, size=40, overlap=8)
    first = next(spans)
    assert (first.start, first.end) == (0, 3) and len(searched) == 1
    assert len(list(spans)) == 99 and len(searched) == len(list(cores(text, 40))) > 5
    assert max(searched) <= 40 + 2 * 8


def test_cores_end_at_sentence_then_clause_boundaries() -> None:
    text = "一二三四五六七八九。十一二三四五六七八，九十一二三四"
    assert [text[a:b][-1] for a, b in cores(text, 10)] == ["。", "，", "四"]


def test_regex_spans_are_the_same_in_small_windows(root: Path) -> None:
    """Numbers, dates and titles are found by local rules: identical in 300-character windows.
    (Names use document-wide evidence: see test_name_rules_in_small_windows_equal_one_pass.)"""
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


# --- document-wide rules across windows -----------------------------------------------------------

def _evidence_of(text: str) -> dict[str, frozenset[str]]:
    """Toy document-wide rule: a word after # is defined; every occurrence of a defined word is a hit."""
    return {"defined": frozenset(re.findall(r"#([ab]{3})", text))}


def _find_defined(text: str, evidence) -> list[Hit]:
    defined = _evidence_of(text)["defined"] | evidence.get("defined", frozenset())
    return sorted((Hit(m.start(), m.end(), "GPE") for w in defined for m in re.finditer(w, text)),
                  key=lambda h: (h.start, h.end))


class _Defined(CleanTextExtractor):
    name, kind, labels = "defined", "regex", ("GPE",)

    def evidence(self, clean: str):
        return _evidence_of(clean)

    def find_in(self, clean: str, evidence) -> list[Hit]:
        return _find_defined(clean, evidence)

    def find(self, clean: str) -> list[Hit]:
        return _find_defined(clean, NO_EVIDENCE)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["x", "xxxx", "。", "，", "#aba", "aba", "bab", "#bab", "a", "b"]),
                max_size=300).map("".join),
       st.integers(5, 40))
def test_windows_with_evidence_equal_one_pass(text: str, size: int) -> None:
    # a word defined in one window is found in every other, as in one pass over the whole text
    ex = _Defined()
    whole = [(s.start, s.end, s.label) for s in ex.extract(text)]
    ex.window, ex.overlap = size, 8
    assert [(s.start, s.end, s.label) for s in ex.extract(text)] == whole


def test_merge_evidence_is_the_union_per_kind() -> None:
    merged = merge_evidence([{"a": frozenset("xy")}, {"a": frozenset("z"), "b": frozenset("w")}, NO_EVIDENCE])
    assert merged == {"a": frozenset("xyz"), "b": frozenset("w")}


def test_a_short_form_far_from_its_full_name_is_found_in_another_window() -> None:
    # 嘉兴市 names the city; 嘉兴 alone, 2,000 characters later, is the same place
    text = "嘉兴市发布通知。" + "今天天气很好。" * 300 + "嘉兴的企业很多。"
    later = text.rindex("嘉兴")
    ex = RegexExtractor()
    assert (later, later + 2, "GPE") in {(s.start, s.end, s.label) for s in ex.extract(text)}
    ex.window = 500  # the full name and the short form in different windows
    assert (later, later + 2, "GPE") in {(s.start, s.end, s.label) for s in ex.extract(text)}


def test_name_rules_in_small_windows_equal_one_pass(root: Path) -> None:
    """Every seed's names (the propagated short forms of the regex, the villages and towns the
    dictionary admits because the document names their county) are the same in 300-character
    windows as in one pass: the document-wide evidence reaches every window."""
    from extractors.dictionary import DictionaryExtractor

    for ex in (RegexExtractor(), DictionaryExtractor()):
        for seed in sorted((root / "seeds").glob("*.txt")):
            raw = seed.read_text(encoding="utf-8")
            whole = [(s.start, s.end, s.label) for s in ex.extract(raw)]
            ex.window = 300
            small = [(s.start, s.end, s.label) for s in ex.extract(raw)]
            del ex.window
            assert small == whole, (ex.name, seed.name)


# --- bounded memory: no built-in extractor is handed more than a window ----------------------------

def _built_in_classes() -> dict[str, type]:
    from importlib.metadata import entry_points

    return {ep.name: ep.load() for ep in entry_points(group="xbench.extractors") if ep.dist.name == "xbench"}


def test_no_built_in_extractor_is_handed_more_than_a_window(root: Path) -> None:
    """Memory grows with the window, not the line: whatever an extractor's own search costs, it
    only ever sees a window (plus its context). Checked for every built-in by standing in for its
    search (no model loaded), on one line of seed text five windows long."""
    line = "".join(p.read_text(encoding="utf-8").replace("\n", "") for p in sorted((root / "seeds").glob("*.txt")))
    window, overlap = 4_000, OVERLAP_CHARS
    text = (line * (5 * window // len(line) + 1))[:5 * window]
    classes = _built_in_classes()
    assert {"regex", "dictionary", "crf", "hybrid", "hybrid-lac", "lac", "jieba", "jieba-raw", "names"} <= set(classes)
    for name, cls in classes.items():
        assert cls.window <= WINDOW_CHARS, name  # no built-in widens its window (duckling narrows it)
        ex = cls.__new__(cls)  # no model loaded: the search is stood in for
        seen: list[int] = []
        ex.find = lambda piece, seen=seen: seen.append(len(piece)) or []
        ex.find_in = lambda piece, evidence, seen=seen: seen.append(len(piece)) or []
        ex.evidence = lambda piece, seen=seen: seen.append(len(piece)) or {}
        ex.window = window
        assert ex.extract(text) == [], name
        assert len(seen) >= 4 and max(seen) <= window + 2 * overlap, (name, seen)  # the clean text is a bit shorter
