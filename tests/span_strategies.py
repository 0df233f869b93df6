"""Hypothesis strategies for span lists, shared by the scoring tests."""
from __future__ import annotations

from hypothesis import strategies as st

from extractors.schema import LABELS, Span

FEW_LABELS = LABELS[:3]  # few labels, so that label agreements and clashes both happen often


@st.composite
def flat_spans(draw: st.DrawFn, max_spans: int = 10, labels: tuple[str, ...] = FEW_LABELS) -> list[Span]:
    """A sorted, non-overlapping span list (the schema's shape), densely packed."""
    spans, pos = [], 0
    for _ in range(draw(st.integers(0, max_spans))):
        pos += draw(st.integers(0, 4))
        length = draw(st.integers(1, 6))
        spans.append(Span(pos, pos + length, draw(st.sampled_from(labels)), "x" * length))
        pos += length
    return spans


@st.composite
def any_spans(draw: st.DrawFn, max_spans: int = 8, labels: tuple[str, ...] = FEW_LABELS) -> list[Span]:
    """Spans that may overlap or repeat each other (outputs of tools that break the schema)."""
    out = []
    for _ in range(draw(st.integers(0, max_spans))):
        start = draw(st.integers(0, 30))
        length = draw(st.integers(1, 8))
        out.append(Span(start, start + length, draw(st.sampled_from(labels)), "x" * length))
    return out


@st.composite
def corpora(draw: st.DrawFn, max_docs: int = 3) -> tuple[dict[str, list[Span]], dict[str, list[Span]]]:
    """(gold, pred) by doc_id; some documents may be on one side only."""
    ids = [f"d{i}" for i in range(draw(st.integers(1, max_docs)))]
    gold = {d: draw(flat_spans()) for d in ids if draw(st.booleans()) or d == ids[0]}
    pred = {d: draw(flat_spans()) for d in ids if draw(st.booleans()) or d == ids[0]}
    return gold, pred
