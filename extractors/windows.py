"""Long text in bounded windows, so an extractor's memory grows with the window, not with the text.

A text longer than `size` characters is cut into consecutive cores ending at a sentence or clause
boundary where one is near (else anywhere). Each core is searched with `overlap` characters of
context on both sides, and a window keeps only the spans that start inside its core: a mention up
to `overlap` characters long is found whole by the window whose core holds its start, and by no
other. Texts up to `size` characters (every seed document) are searched in one piece, as before.
`streamed` normalises, searches and maps one window at a time and gives its spans as they are
made, so nothing but the raw text grows with the line (`xbench extract` writes them as they come).

Document-wide rules (a place's short form counts once its full name appears anywhere, a village
once the document names its county) need more than a window: an extractor first reads every
window for its `Evidence` (small sets of names and codes, `merge_evidence`), then searches each
window with the whole document's evidence, so those rules work across windows as in one pass.
"""
from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from typing import Generic, Protocol, TypeVar

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
T_co = TypeVar("T_co", covariant=True)
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


def pieces(text: str, size: int = WINDOW_CHARS, overlap: int = OVERLAP_CHARS) -> Iterator[tuple[int, str, int, int]]:
    """(lo, piece, a, b) for each core of `text`: the window `piece` starts at text offset `lo`, and
    its core is piece[a:b]. A text of one window is one piece, its core the whole of it."""
    if len(text) <= size:
        yield 0, text, 0, len(text)
        return
    for a, b in cores(text, size):
        lo = max(0, a - overlap)
        yield lo, text[lo:min(len(text), b + overlap)], a - lo, b - lo


class Pending(Protocol[T_co]):
    """A window's spans, searched now or in another process (a `concurrent.futures.Future` is one)."""

    def result(self) -> T_co: ...


class _Later(Generic[T_co]):
    """A window searched only when its spans are asked for: one at a time, nothing searched twice."""

    def __init__(self, search: Callable[[], T_co]) -> None:
        self._search = search

    def result(self) -> T_co:
        return self._search()


def streamed(spans_in: Callable[[str, int, int], Iterable[H]], text: str, size: int = WINDOW_CHARS,
             overlap: int = OVERLAP_CHARS) -> Iterator[H]:
    """The spans of a text of any length, in order and in text offsets, made one window at a time:
    spans_in(piece, a, b) gives a window's spans that start in piece[a:b], in order. That is its
    core, less what a span kept from the window before already covers (a rare span across a core's
    end): the spans already given stay, so the next window's hits must not compete with them."""
    return streamed_ahead(lambda piece, a, b: _Later(lambda: spans_in(piece, a, b)), text, size, overlap)


def streamed_ahead(start_search: Callable[[str, int, int], Pending[Iterable[H]]], text: str,
                   size: int = WINDOW_CHARS, overlap: int = OVERLAP_CHARS, depth: int = 1) -> Iterator[H]:
    """`streamed`, with each window's search started (start_search(piece, a, b), e.g. in a pool of
    processes) up to `depth` windows ahead of the one whose spans are being given. A window whose
    core a kept span reaches into is searched again from the span's end, so the spans are those of
    one window at a time."""
    queued: deque[tuple[int, str, int, int, Pending[Iterable[H]]]] = deque()
    windows = pieces(text, size, overlap)

    def fill() -> None:
        while len(queued) < max(1, depth):
            window = next(windows, None)
            if window is None:
                return
            lo, piece, a, b = window
            queued.append((lo, piece, a, b, start_search(piece, a, b)))

    kept_end = 0
    fill()
    while queued:
        lo, piece, a, b, pending = queued.popleft()
        fill()
        if kept_end - lo > a:
            pending = start_search(piece, kept_end - lo, b)
        for s in pending.result():
            kept_end = s.end + lo
            yield s if lo == 0 else replace(s, start=s.start + lo, end=s.end + lo)  # type: ignore[type-var]


def merge_evidence(parts: Iterable[Evidence]) -> Evidence:
    """The union of each kind of evidence over the parts."""
    merged: dict[str, set[str]] = {}
    for part in parts:
        for kind, items in part.items():
            merged.setdefault(kind, set()).update(items)
    return {kind: frozenset(items) for kind, items in merged.items()}
