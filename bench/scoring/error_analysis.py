"""What went wrong: a label confusion table and a capped list of example errors.

Both read the `type`-mode pairing (overlapping spans, a same-label partner preferred; see
xbench.scoring.matching), so a prediction that overlaps a gold mention is set against it whether or
not its boundaries agree.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any, Literal

import numpy as np
from xbench.scoring.matching import Alignment

from extractors.schema import LABELS

SPURIOUS = "SPURIOUS"  # confusion row: predictions with no gold partner
MISSED = "MISSED"  # confusion column: gold spans with no predicted partner
ErrorKind = Literal["missed", "spurious", "wrong_label", "wrong_boundary"]
ERROR_KINDS: tuple[ErrorKind, ...] = ("missed", "spurious", "wrong_label", "wrong_boundary")
CONTEXT_CHARS = 15
NEWLINE_MARK = "⏎"


def ordered_labels(labels: Iterable[str]) -> list[str]:
    """Schema order first, then any unknown label alphabetically."""
    seen = set(labels)
    return [lab for lab in LABELS if lab in seen] + sorted(seen - set(LABELS))


@dataclass(frozen=True)
class Confusion:
    rows: tuple[str, ...]  # gold labels + SPURIOUS
    cols: tuple[str, ...]  # predicted labels + MISSED
    cells: Mapping[tuple[str, str], int]

    def get(self, row: str, col: str) -> int:
        return self.cells.get((row, col), 0)

    def to_dict(self) -> dict[str, dict[str, int]]:
        return {r: {c: self.get(r, c) for c in self.cols} for r in self.rows}


def confusion(alignment: Alignment) -> Confusion:
    """Gold label x predicted label counts of `type`-mode pairs, plus MISSED and SPURIOUS."""
    a = alignment
    n = len(a.labels)  # index n is the SPURIOUS row / MISSED column
    partner = a.gold_partner["type"]
    paired = partner >= 0
    cells_flat = np.concatenate([
        a.gold_label[paired] * (n + 1) + a.pred_label[partner[paired]],
        a.gold_label[~paired] * (n + 1) + n,
        n * (n + 1) + a.pred_label[a.pred_partner["type"] < 0],
    ])
    table = np.bincount(cells_flat, minlength=(n + 1) ** 2).reshape(n + 1, n + 1)
    names = list(a.labels) + [None]
    rows, cols = np.nonzero(table)
    cells = {(names[i] or SPURIOUS, names[j] or MISSED): int(table[i, j])
             for i, j in zip(rows.tolist(), cols.tolist(), strict=True)}
    axis = tuple(ordered_labels(a.labels))
    return Confusion(axis + (SPURIOUS,), axis + (MISSED,), cells)


@dataclass(frozen=True)
class ErrorExample:
    kind: ErrorKind
    doc_id: str
    start: int  # of the predicted span where there is one, else of the gold span
    end: int
    text: str
    gold_label: str | None
    pred_label: str | None
    gold_text: str | None
    context: str  # the raw text around both spans, the span in ⟦⟧, newlines as ⏎

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def visible(text: str) -> str:
    """Text for one table cell: line breaks shown as ⏎."""
    return text.replace("\r\n", NEWLINE_MARK).replace("\n", NEWLINE_MARK)


def context(raw: str | None, start: int, end: int, width: int = CONTEXT_CHARS) -> str:
    if raw is None:
        return ""
    left, mid, right = raw[max(0, start - width):start], raw[start:end], raw[end:end + width]
    return visible(f"{left}⟦{mid}⟧{right}")


def error_examples(alignment: Alignment, docs: Mapping[str, str] | None = None,
                   per_kind: int = 10, width: int = CONTEXT_CHARS) -> list[ErrorExample]:
    """Up to `per_kind` errors of each kind (`type`-mode pairing), the first in document and
    offset order."""
    a = alignment
    raws = docs or {}
    partner = a.gold_partner["type"]
    paired = partner >= 0
    same_label = same_bounds = paired
    if len(a.pred):
        j = np.where(paired, partner, 0)
        same_label = paired & (a.gold_label == a.pred_label[j])
        same_bounds = paired & (a.gold_start == a.pred_start[j]) & (a.gold_end == a.pred_end[j])
    chosen = {
        "missed": np.flatnonzero(~paired),
        "wrong_label": np.flatnonzero(paired & ~same_label),
        "wrong_boundary": np.flatnonzero(same_label & ~same_bounds),
        "spurious": np.flatnonzero(a.pred_partner["type"] < 0),
    }
    out = []
    for kind in ERROR_KINDS:
        for i in chosen[kind][:per_kind].tolist():
            if kind == "spurious":
                g, p, doc = None, a.pred[i], a.doc_ids[a.pred_doc[i]]
            else:
                g, p, doc = a.gold[i], (a.pred[partner[i]] if paired[i] else None), a.doc_ids[a.gold_doc[i]]
            shown = p or g
            lo = min(s.start for s in (g, p) if s is not None)
            hi = max(s.end for s in (g, p) if s is not None)
            out.append(ErrorExample(kind, doc, shown.start, shown.end, shown.text,
                                    g.label if g else None, p.label if p else None, g.text if g else None,
                                    context(raws.get(doc), lo, hi, width)))
    return sorted(out, key=lambda e: (e.doc_id, e.start, e.kind))
