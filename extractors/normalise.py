"""Raw text -> clean text plus an offset map, and clean spans back to raw offsets.

Clean text drops inline pinyin annotations, converts Traditional to Simplified (OpenCC t2s)
and full-width ASCII to half-width. Every step keeps one clean character per kept raw
character, so a clean index maps to exactly one raw character; an annotation following a
character is charged to that character, which makes a mapped span take the annotation after
its last character (schema rule 3) and never start or end inside one.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from extractors.annotations import ANNOTATION_RE

# U+FF01..U+FF5E are the full-width forms of ASCII 0x21..0x7E; U+3000 is the ideographic space.
_HALF_WIDTH = {0xFF01 + i: 0x21 + i for i in range(0x5E)} | {0x3000: 0x20}


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """OpenCC t2s that never changes the length (phrase rules that would are applied per character)."""
    conv = _t2s().convert
    out = []
    for line in text.splitlines(keepends=True):
        try:
            c = conv(line)
        except UnicodeEncodeError:  # a lone surrogate cannot reach OpenCC: convert around it
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
    raw: str
    clean: str
    starts: tuple[int, ...]  # raw index of clean character i
    ends: tuple[int, ...]    # raw end of clean character i, a trailing annotation included

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw (start, end) of the clean span [start, end); end > start."""
        return self.starts[start], self.ends[end - 1]

    def to_clean(self, start: int, end: int) -> tuple[int, int]:
        """Clean (start, end) of the raw span [start, end): the clean characters whose raw index falls inside."""
        return bisect_left(self.starts, start), bisect_left(self.starts, end)


def normalise(raw: str) -> Normalised:
    starts: list[int] = []
    ends: list[int] = []
    pieces: list[str] = []
    pos = 0
    for m in ANNOTATION_RE.finditer(raw):
        pieces.append(raw[pos:m.start()])
        starts.extend(range(pos, m.start()))
        ends.extend(range(pos + 1, m.start() + 1))
        if ends:
            ends[-1] = m.end()
        pos = m.end()
    pieces.append(raw[pos:])
    starts.extend(range(pos, len(raw)))
    ends.extend(range(pos + 1, len(raw) + 1))
    clean = to_simplified("".join(pieces)).translate(_HALF_WIDTH)
    return Normalised(raw=raw, clean=clean, starts=tuple(starts), ends=tuple(ends))
