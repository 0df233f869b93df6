"""Raw text -> clean text plus an offset map, and clean spans back to raw offsets.

Clean text drops inline pinyin annotations, converts Traditional to Simplified (OpenCC t2s)
and full-width ASCII to half-width. Every step keeps one clean character per kept raw
character, so a clean index maps to exactly one raw character; an annotation following a
character is charged to that character, which makes a mapped span take the annotation after
its last character (schema rule 3) and never start or end inside one.
"""
from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain
from operator import sub

from extractors.annotations import ANNOTATION_RE

# U+FF01..U+FF5E are the full-width forms of ASCII 0x21..0x7E; U+3000 is the ideographic space.
_HALF_WIDTH = {chr(0xFF01 + i): chr(0x21 + i) for i in range(0x5E)} | {"\u3000": " "}
_FULL_WIDTH_RE = re.compile("[\uff01-\uff5e\u3000]")


def to_half_width(text: str) -> str:
    # A substitution only where a full-width form occurs: str.translate looks up every character.
    return _FULL_WIDTH_RE.sub(lambda m: _HALF_WIDTH[m.group()], text)


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """OpenCC t2s that never changes the length (phrase rules that would are applied per character).

    The whole text is converted at once; only when a line changed length (OpenCC's phrases never
    cross a line break) or the text holds a lone surrogate is it converted line by line.
    """
    conv = _t2s().convert
    try:
        whole = conv(text)
    except UnicodeEncodeError:  # a lone surrogate cannot reach OpenCC: convert around it
        whole = None
    if whole is not None and (whole == text or list(map(len, whole.splitlines())) == list(map(len, text.splitlines()))):
        return whole
    out = []
    for line in text.splitlines(keepends=True):
        try:
            c = conv(line)
        except UnicodeEncodeError:
            c = ""
        out.append(c if len(c) == len(line) else "".join(_one(conv, ch) for ch in line))
    return "".join(out)


def _one(conv, ch: str) -> str:
    try:
        c = conv(ch)
    except UnicodeEncodeError:
        return ch
    return c if len(c) == 1 else ch


@dataclass(frozen=True)
class Normalised:
    """Clean text and its offset map.

    The clean text is the raw text's kept runs (the text between annotations) joined: run k
    starts at clean index `run_clean[k]` and raw index `run_raw[k]`, so run k > 0 follows the
    annotation that ends at raw index `run_raw[k]`, which belongs to the character before it.
    Runs, not a table per character: normalising is on the path of every extractor and every
    timed batch. Arrays of machine integers, not Python objects: a long line holds about one
    annotation every 18 characters, and its map must stay small next to the text.
    """

    raw: str
    clean: str
    run_clean: Sequence[int] = (0,)
    run_raw: Sequence[int] = (0,)

    def raw_index(self, i: int) -> int:
        """Raw index of clean character i."""
        if len(self.run_clean) == 1:
            return i
        k = bisect_right(self.run_clean, i) - 1  # an empty run shares its start with the next
        return self.run_raw[k] + i - self.run_clean[k]

    def end_of(self, i: int) -> int:
        """Raw end of clean character i, a trailing annotation included."""
        if len(self.run_clean) == 1:
            return i + 1
        k = bisect_right(self.run_clean, i + 1) - 1
        if k > 0 and self.run_clean[k] == i + 1:  # i ends run k-1: the annotation(s) after it are its own
            return self.run_raw[k]
        return self.run_raw[k] + i - self.run_clean[k] + 1  # else run k holds i

    def clean_index(self, r: int) -> int:
        """How many clean characters have a raw index below r."""
        k = bisect_right(self.run_raw, r) - 1
        if k < 0:
            return 0
        run_end = self.run_clean[k + 1] if k + 1 < len(self.run_clean) else len(self.clean)
        return min(self.run_clean[k] + r - self.run_raw[k], run_end)  # r inside an annotation: the run's end

    @property
    def starts(self) -> list[int]:
        return [self.raw_index(i) for i in range(len(self.clean))]

    @property
    def ends(self) -> list[int]:
        return [self.end_of(i) for i in range(len(self.clean))]

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw (start, end) of the clean span [start, end); end > start."""
        return self.raw_index(start), self.end_of(end - 1)

    def to_clean(self, start: int, end: int) -> tuple[int, int]:
        """Clean (start, end) of the raw span [start, end): the clean characters whose raw index falls inside."""
        return self.clean_index(start), self.clean_index(end)


def identity(raw: str) -> Normalised:
    """The offset map of a text read as it is (a tool that is given the raw text)."""
    return Normalised(raw=raw, clean=raw)


def normalise(raw: str) -> Normalised:
    # (start, end) of each annotation, flat, gathered by C-level iteration: no Python object is kept
    # per annotation.
    bounds = array("q", chain.from_iterable(map(re.Match.span, ANNOTATION_RE.finditer(raw))))
    if not bounds:
        return Normalised(raw=raw, clean=to_half_width(to_simplified(raw)))
    starts, run_raw = bounds[0::2], array("q", [0])
    run_raw.extend(bounds[1::2])
    del bounds
    # run k > 0 starts, in clean text, where annotation k-1 started less the annotations before it
    removed = accumulate(map(sub, run_raw[1:], starts), initial=0)
    run_clean = array("q", [0])
    run_clean.extend(map(sub, starts, removed))
    clean = to_half_width(to_simplified(ANNOTATION_RE.sub("", raw)))
    return Normalised(raw=raw, clean=clean, run_clean=run_clean, run_raw=run_raw)
