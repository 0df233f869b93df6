"""Long text in bounded windows, so an extractor's memory grows with the window, not with the text.

A text longer than `size` characters is cut into consecutive cores ending at a sentence or clause
boundary where one is near (else anywhere). Each core is searched with `overlap` characters of
context on both sides, and a window keeps only the hits that start inside its core: a mention up
to `overlap` characters long is found whole by the window whose core holds its start, and by no
other. Texts up to `size` characters (every seed document) are searched in one piece, as before.

Document-wide rules (a place's short form counts once its full name appears anywhere, a village
once the document names its county) need more than a window: `windowed_with_evidence` first reads
every window for its `Evidence` (small sets of names and codes, merged), then searches each window
with the whole document's evidence, so those rules work across windows as in one pass.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from typing import Protocol, TypeVar

WINDOW_CHARS = 100_000  # a few tens of MB for the heaviest built-in (crf features, LAC buffers)
# Context either side of a core: more than the longest span kept (MAX_SPAN_CHARS) and than any
# rule or feature looks around a mention.
OVERLAP_CHARS = 400
_BOUNDARY_SLACK = 0.2  # a core may end up to this share of `size` early to end at a boundary
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
_CLAUSE_END = re.compile(r"[，,、：:）)」』】]")


class _Located(Protocol):
    start: int
    end: int


H = TypeVar("H", bound=_Located)
# What a piece of a document tells the rest of it: kind of evidence -> items (place stems, area codes).
Evidence = Mapping[str, frozenset[str]]
NO_EVIDENCE: Evidence = {}


def _cut(text: str, start: int, size: int) -> int:
    """Where the core starting at `start` ends: after the last sentence (else clause) end near `start + size`."""
    limit = start + size
    if limit >= len(text):
        return len(text)
    lo = limit - int(size * _BOUNDARY_SLACK)
    for pattern in (_SENTENCE_END, _CLAUSE_END):
        ends = [m.end() for m in pattern.finditer(text, lo, limit)]
        if ends:
            return ends[-1]
    return limit


def cores(text: str, size: int = WINDOW_CHARS) -> Iterator[tuple[int, int]]:
    start = 0
    while start < len(text):
        end = _cut(text, start, size)
        yield start, end
        start = end


def windowed(find: Callable[[str], Iterable[H]], text: str, size: int = WINDOW_CHARS,
             overlap: int = OVERLAP_CHARS) -> list[H]:
    """find(text) for a text of any length, run window by window (module docstring); hits in text offsets."""
    if len(text) <= size:
        return list(find(text))
    out: list[H] = []
    for a, b in cores(text, size):
        lo, hi = max(0, a - overlap), min(len(text), b + overlap)
        for h in find(text[lo:hi]):
            if a <= h.start + lo < b:
                out.append(replace(h, start=h.start + lo, end=h.end + lo))  # type: ignore[type-var]
    return out


def merge_evidence(parts: Iterable[Evidence]) -> Evidence:
    """The union of each kind of evidence over the parts."""
    merged: dict[str, set[str]] = {}
    for part in parts:
        for kind, items in part.items():
            merged.setdefault(kind, set()).update(items)
    return {kind: frozenset(items) for kind, items in merged.items()}


def windowed_with_evidence(find_in: Callable[[str, Evidence], Iterable[H]], gather: Callable[[str], Evidence],
                           text: str, size: int = WINDOW_CHARS, overlap: int = OVERLAP_CHARS) -> list[H]:
    """`windowed` for finders with document-wide rules (module docstring): a text of one window is
    searched with its own evidence only; a longer one with the evidence of all its windows."""
    if len(text) <= size:
        return list(find_in(text, NO_EVIDENCE))
    # each window read with its overlap, so a name across a core's edge is evidence too
    evidence = merge_evidence(gather(text[max(0, a - overlap):b + overlap]) for a, b in cores(text, size))
    return windowed(lambda piece: find_in(piece, evidence), text, size, overlap)
