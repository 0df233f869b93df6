"""Place records that carry only a string (an LLM's or a service's answer) at offsets in the raw text.

Stages, tried in turn for each record, in the order the records come: the offsets the record
gives (when `raw[start:end]` is its text), the text exactly, the text on normalised text (the
project's normaliser: pinyin annotations out, OpenCC t2s, half-width; mapped back to raw
offsets), then fuzzily within a bound (rapidfuzz). Numbers never match fuzzily: the numeric
characters of the record and of the place must be the same. A repeated mention goes to the
next unused occurrence after the previous record, then to the first unused one before it.
A record that fits nowhere is counted with its reason, never dropped silently.
"""
from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from extractors.annotations import strip_annotations
from extractors.normalise import Normalised, normalise, to_half_width, to_simplified
from extractors.schema import LABELS, NAME_LABELS, Span, value_problem

FUZZY_MIN_SCORE = 90.0  # rapidfuzz partial-ratio bound (0-100) for the fuzzy stage
STAGES = ("given", "exact", "normalised", "fuzzy")
# Bracket and quote pairs the schema keeps outside a span (rule 2), which answers often include.
_OUTSIDE_PAIRS = frozenset({("《", "》"), ("〈", "〉"), ("“", "”"), ("‘", "’"), ("「", "」"), ("『", "』"), ('"', '"')})


@dataclass(frozen=True)
class Mention:
    """A record as a service answered it: offsets optional."""

    label: str
    text: str
    value: Any = None
    start: int | None = None
    end: int | None = None


@dataclass
class Alignment:
    spans: list[Span] = field(default_factory=list)
    stages: Counter[str] = field(default_factory=Counter)  # how each placed record was placed
    unplaced: list[tuple[Mention, str]] = field(default_factory=list)  # (record, reason)
    values_dropped: int = 0  # placed records whose value was not well-formed for the label

    @property
    def total(self) -> int:
        return len(self.spans) + len(self.unplaced)

    @property
    def failure_rate(self) -> float:
        return len(self.unplaced) / self.total if self.total else 0.0

    def shifted(self, offset: int, raw: str) -> Alignment:
        """The same alignment with spans moved by `offset` into the text `raw` they came from."""
        spans = [Span(s.start + offset, s.end + offset, s.label, raw[s.start + offset:s.end + offset], s.value,
                      s.score) for s in self.spans]
        return Alignment(spans, Counter(self.stages), list(self.unplaced), self.values_dropped)

    def merge(self, other: Alignment) -> None:
        self.spans = sorted([*self.spans, *other.spans])
        self.stages.update(other.stages)
        self.unplaced.extend(other.unplaced)
        self.values_dropped += other.values_dropped


class _Taken:
    """Raw ranges already given to a record (kept spans never overlap, so sorted starts sort ends)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def free(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start)
        return (i == 0 or self.ends[i - 1] <= start) and (i == len(self.starts) or self.starts[i] >= end)

    def add(self, start: int, end: int) -> None:
        i = bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def _unwrap(text: str) -> str:
    text = text.strip()
    while len(text) > 2 and (text[0], text[-1]) in _OUTSIDE_PAIRS:
        text = text[1:-1].strip()
    return text


def numerals(text: str) -> str:
    """The characters of `text` that have a numeric value (digits, Chinese numerals), half-width."""
    return "".join(c for c in to_half_width(text) if unicodedata.numeric(c, None) is not None)


def clean_form(text: str) -> str:
    """A record's text as the normaliser writes it: annotations out, Simplified, half-width."""
    return to_half_width(to_simplified(strip_annotations(text)))


def _occurrences(hay: str, needle: str, cursor: int) -> Iterator[int]:
    """Starts of `needle` in `hay` from `cursor` on, then those before it."""
    for lo, hi in ((cursor, len(hay)), (0, cursor + len(needle) - 1)):
        i = hay.find(needle, lo, hi)
        while i != -1:
            yield i
            i = hay.find(needle, i + 1, hi)


class Aligner:
    """Aligns the records of one text; `place` keeps the cursor and the ranges already taken."""

    def __init__(self, raw: str, fuzzy_min: float = FUZZY_MIN_SCORE) -> None:
        self.raw, self.fuzzy_min = raw, fuzzy_min
        self.norm: Normalised = normalise(raw)
        self.taken = _Taken()
        self.cursor = 0
        self.result = Alignment()

    def place(self, m: Mention) -> None:
        text = _unwrap(m.text) if isinstance(m.text, str) else ""
        if m.label not in LABELS:
            self.result.unplaced.append((m, "unknown label"))
            return
        if not text:
            self.result.unplaced.append((m, "empty text"))
            return
        found = self._given(m) or self._exact(text) or self._normalised(text) or self._fuzzy(text, m.text)
        if found is None:
            self.result.unplaced.append((m, "not found"))
            return
        (start, end), stage = found
        self.taken.add(start, end)
        self.cursor = end
        self.result.stages[stage] += 1
        self.result.spans.append(self._span(m, start, end))

    def _span(self, m: Mention, start: int, end: int) -> Span:
        value = m.value
        if value is None and m.label in NAME_LABELS:
            value = normalise(self.raw[start:end]).clean  # as every extractor's name values are written
        elif value_problem(m.label, value):
            self.result.values_dropped += 1
            value = None
        return Span(start, end, m.label, self.raw[start:end], value)

    def _given(self, m: Mention) -> tuple[tuple[int, int], str] | None:
        s, e = m.start, m.end
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(self.raw)):
            return None
        if self.raw[s:e] != m.text or not self.taken.free(s, e):
            return None
        return (s, e), "given"

    def _exact(self, text: str) -> tuple[tuple[int, int], str] | None:
        for i in _occurrences(self.raw, text, self.cursor):
            snapped = self._snap(i, i + len(text))
            if snapped and self.taken.free(*snapped):
                return snapped, "exact"
        return None

    def _snap(self, start: int, end: int) -> tuple[int, int] | None:
        """The raw span with the annotation after its last character (schema rule 3); None when
        it starts or ends inside an annotation."""
        cs, ce = self.norm.to_clean(start, end)
        if ce <= cs:
            return None
        snapped = self.norm.to_raw(cs, ce)
        return snapped if snapped[0] == start and snapped[1] >= end else None

    def _normalised(self, text: str) -> tuple[tuple[int, int], str] | None:
        needle = clean_form(text)
        if not needle:
            return None
        for i in _occurrences(self.norm.clean, needle, self.norm.clean_index(self.cursor)):
            start, end = self.norm.to_raw(i, i + len(needle))
            if self.taken.free(start, end):
                return (start, end), "normalised"
        return None

    def _fuzzy(self, text: str, original: str) -> tuple[tuple[int, int], str] | None:
        from rapidfuzz import fuzz

        needle, clean = clean_form(text), self.norm.clean
        if len(needle) < 2:  # one character has no near miss worth the name
            return None
        digits = numerals(original)
        c0 = self.norm.clean_index(self.cursor)
        for lo, hi in ((c0, len(clean)), (0, len(clean))):
            got = fuzz.partial_ratio_alignment(needle, clean[lo:hi], score_cutoff=self.fuzzy_min)
            if got is None or got.dest_end <= got.dest_start:
                continue
            cs, ce = _best_window(needle, clean, lo + got.dest_start, lo + got.dest_end)
            start, end = self.norm.to_raw(cs, ce)
            if numerals(clean[cs:ce]) == digits and self.taken.free(start, end):
                return (start, end), "fuzzy"
        return None


def _best_window(needle: str, clean: str, cs: int, ce: int, slack: int = 2) -> tuple[int, int]:
    """partial_ratio aligns a window as long as the needle: widen or narrow its edges a little
    to the window most like the needle (a dropped or added character changes the length)."""
    from rapidfuzz import fuzz

    windows = [(s, e) for s in range(max(0, cs - slack), cs + slack + 1)
               for e in range(max(s + 1, ce - slack), min(len(clean), ce + slack) + 1)]
    return max(windows, key=lambda w: (fuzz.ratio(needle, clean[w[0]:w[1]]), -abs(w[0] - cs)))


def align(raw: str, mentions: Iterable[Mention], fuzzy_min: float = FUZZY_MIN_SCORE) -> Alignment:
    """Spans (sorted) for the records that fit, and the records that do not, with the reason."""
    aligner = Aligner(raw, fuzzy_min)
    for m in mentions:
        aligner.place(m)
    aligner.result.spans.sort()
    return aligner.result
