"""What every built-in extractor shares: work on clean text, map spans back to raw offsets."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from extractors.normalise import Normalised, normalise
from extractors.schema import NAME_LABELS, Span


@dataclass(frozen=True)
class Hit:
    """A mention found in clean text; `value` None for a name means 'the clean text itself'."""

    start: int
    end: int
    label: str
    value: Any = None
    score: float | None = None
    priority: int = 0  # higher wins an overlap before length does


def resolve_overlaps(hits: Iterable[Hit]) -> list[Hit]:
    """Keep a flat set: by priority, then the longer hit, then the leftmost (schema rule 1)."""
    chosen: list[Hit] = []
    taken: list[tuple[int, int]] = []
    for h in sorted(hits, key=lambda h: (-h.priority, -(h.end - h.start), h.start, h.label)):
        if h.end <= h.start:
            continue
        if all(h.end <= a or h.start >= b for a, b in taken):
            chosen.append(h)
            taken.append((h.start, h.end))
    return sorted(chosen, key=lambda h: h.start)


def to_spans(norm: Normalised, hits: Iterable[Hit]) -> list[Span]:
    spans = []
    for h in resolve_overlaps(hits):
        rs, re_ = norm.to_raw(h.start, h.end)
        value = h.value
        if value is None and h.label in NAME_LABELS:
            value = norm.clean[h.start:h.end]
        spans.append(Span(rs, re_, h.label, norm.raw[rs:re_], value, h.score))
    return spans


class CleanTextExtractor:
    """Base class: subclasses implement `find(clean) -> hits` on normalised text."""

    name: str = ""
    kind: str = ""
    labels: tuple[str, ...] = ()

    def find(self, clean: str) -> Iterable[Hit]:
        raise NotImplementedError

    def extract(self, raw: str) -> list[Span]:
        norm = normalise(raw)
        return to_spans(norm, self.find(norm.clean))
