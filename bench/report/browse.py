"""The report's documents as data: each extractor's marks on each document, line by line, for the
page's script to show one document (or two extractors side by side) at a time.

Each line is drawn here, by the same `draw` as everywhere else, so the page's script only picks
fragments and never re-derives an outcome. A mark crossing a line break is drawn on each line;
the pieces after the first carry `data-cont`, so counting marks without it still gives the
scorer's counts.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from typing import Any, TypeVar

from xbench.report.marks import OUTCOMES, Layer, Mark, _layers, document_marks, draw
from xbench.result import ExtractorResult, TrackResult

T = TypeVar("T", Layer, Mark)


def line_starts(raw: str) -> list[tuple[int, int]]:
    """[start, end) of every line, the line break kept with its line."""
    out, start = [], 0
    for line in raw.splitlines(keepends=True):
        out.append((start, start + len(line)))
        start += len(line)
    return out or [(0, 0)]


def _clip(layer: Layer, a: int, b: int) -> Layer | None:
    if layer.end <= a or layer.start >= b:
        return None
    attrs = layer.attrs + (" data-cont" if layer.start < a and layer.tag == "mark" else "")
    return replace(layer, start=max(layer.start, a) - a, end=min(layer.end, b) - a, attrs=attrs)


def _mark_row(k: Mark) -> list[Any]:
    """[gold start, gold end, gold label, pred start, pred end, pred label, outcome index]."""
    g, p = k.gold, k.pred
    return [g.start if g else -1, g.end if g else -1, g.label if g else "",
            p.start if p else -1, p.end if p else -1, p.label if p else "", OUTCOMES.index(k.outcome)]


def _by_line(items: list[T], bounds: list[tuple[int, int]]) -> list[list[T]]:
    """Each line's items that overlap it (start before the line's end, end after its start), in
    their order: found from the line holding each item's start, not by testing every item on every
    line (17 extractors' documents took seconds that way)."""
    starts = [a for a, _ in bounds]
    out: list[list[T]] = [[] for _ in bounds]
    for x in items:
        for i in range(max(0, bisect_right(starts, x.start) - 1), len(bounds)):
            a, b = bounds[i]
            if a >= x.end:
                break
            if x.start < b and x.end > a:
                out[i].append(x)
    return out


def document_data(raw: str, marks: list[Mark]) -> dict[str, Any]:
    """One document for one extractor: its lines drawn, each line's marks as a comparable key, the marks."""
    bounds = line_starts(raw)
    lines, keys = [], []
    for (a, b), layers, mine in zip(bounds, _by_line(_layers(marks), bounds), _by_line(marks, bounds), strict=True):
        lines.append(draw(raw[a:b], [c for c in (_clip(x, a, b) for x in layers) if c is not None]))
        keys.append(";".join(f"{k.start},{k.end},{k.outcome},{k.label}" for k in mine))
    return {"lines": lines, "keys": keys, "marks": [_mark_row(k) for k in marks]}


def extractor_data(track: TrackResult, extractor: ExtractorResult) -> dict[str, Any]:
    alignment = extractor.report.alignment if extractor.report else None
    if alignment is None:
        return {"name": extractor.name, "error": extractor.error or "no predictions to show", "docs": {}}
    return {"name": extractor.name, "docs": {d: document_data(track.docs[d], document_marks(alignment, d,
                                                                                           extractor.name))
                                             for d in sorted(track.docs)}}


def track_data(track: TrackResult, first: str | None = None) -> dict[str, Any]:
    """Everything the page's document browser needs for a track: texts, extractors, the one shown first."""
    entries = [extractor_data(track, e) for e in track.extractors]
    ok = [e["name"] for e in entries if "error" not in e]
    return {"track": track.name, "docs": {d: track.docs[d] for d in sorted(track.docs)},
            "outcomes": list(OUTCOMES), "extractors": entries,
            "first": first if first in ok else (ok[0] if ok else None)}
