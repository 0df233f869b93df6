"""One-to-one pairing of gold and predicted spans, document by document, and the SemEval counts.

The four modes follow SemEval-2013 task 9.1 as nervaluate implements it, over character
spans (end exclusive); a pair outcome by mode:

| pair                               | strict    | exact     | partial | type      |
|------------------------------------|-----------|-----------|---------|-----------|
| same boundaries, same label        | correct   | correct   | correct | correct   |
| same boundaries, other label       | incorrect | correct   | correct | incorrect |
| overlapping, same label            | incorrect | incorrect | partial | correct   |
| overlapping, other label           | incorrect | incorrect | partial | incorrect |

A gold span left without a partner is *missed*, a prediction left without one *spurious*.

Pairing rule (greedy, and independent of the order of either input list). Candidate pairs
are every gold/prediction pair that overlaps (or has identical boundaries); they are taken
in this order, each kept when neither side is paired yet:

1. identical boundaries first;
2. then the same label first;
3. then the larger overlap (in code points);
4. then the leftmost (gold start, prediction start), and finally end and label, so that the
   order is total and no input order can leak in.

`type` mode swaps steps 1 and 2 (the same label before identical boundaries), because in
that mode a same-label overlap is the correct outcome; nervaluate's type strategy prefers a
same-label partner in the same way. In flat input (spans of one list never overlap, as the
schema requires) a pair with identical boundaries has no other candidate on either side,
so both orders pair exactly-matching spans identically, and strict <= exact, strict <= type.
The rule is greedy, not a maximum matching: in a chain where one prediction overlaps two gold
spans it takes the larger overlap, which can leave a smaller neighbour unpaired.

Counts. Each gold span gets one of correct/incorrect/partial/missed and each prediction one of
correct/incorrect/partial/spurious. Tallies keep both sides (`Counts`): recall uses the gold
side, precision the prediction side. Over whole documents the two sides' correct, incorrect
and partial agree; over a subset (one label, one paragraph) they may not, which is what makes
per-label and per-paragraph tallies add up to the micro tallies exactly.

Implementation: `align` pairs a whole corpus at once with numpy. Spans chained by overlaps
form components; the usual component of one gold and one predicted span pairs without any
choice, vectorised, and only components with more spans go through the sorted greedy pass.
`match` is the per-document view of the same thing.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Literal

import numpy as np

from extractors.schema import Span

Mode = Literal["strict", "exact", "partial", "type"]
MODES: tuple[Mode, ...] = ("strict", "exact", "partial", "type")


class Outcome(IntEnum):
    CORRECT = 0
    INCORRECT = 1
    PARTIAL = 2
    MISSED = 3
    SPURIOUS = 4


# Count vector layout shared by every tally (per label, document, paragraph, replicate):
# gold side then prediction side, so possible = sum of the first four, actual of the last four.
FIELDS = ("correct", "incorrect", "partial", "missed", "pred_correct", "pred_incorrect", "pred_partial", "spurious")
N_FIELDS = len(FIELDS)

# Outcome of a pair by mode, indexed by 2 * (identical boundaries) + (same label).
_OUTCOME = {
    "strict": (Outcome.INCORRECT, Outcome.INCORRECT, Outcome.INCORRECT, Outcome.CORRECT),
    "exact": (Outcome.INCORRECT, Outcome.INCORRECT, Outcome.CORRECT, Outcome.CORRECT),
    "partial": (Outcome.PARTIAL, Outcome.PARTIAL, Outcome.CORRECT, Outcome.CORRECT),
    "type": (Outcome.INCORRECT, Outcome.CORRECT, Outcome.INCORRECT, Outcome.CORRECT),
}
_LABEL_FIRST = frozenset({"type"})  # modes paired by the label-first order


def gold_field(outcome: int) -> int:
    return int(outcome)


def pred_field(outcome: int) -> int:
    return 4 + min(int(outcome), 3)


def hit_sums(counts: np.ndarray | Sequence[float]) -> np.ndarray:
    """(..., 8) count vectors -> (..., 4) [gold hits, possible, predicted hits, actual]: all
    that precision and recall need, and additive, so sums of these are sums of counts."""
    c = np.asarray(counts, dtype=float)
    return np.stack([c[..., 0] + 0.5 * c[..., 2], c[..., 0:4].sum(axis=-1),
                     c[..., 4] + 0.5 * c[..., 6], c[..., 4:8].sum(axis=-1)], axis=-1)


def prf_from_sums(sums: np.ndarray) -> np.ndarray:
    """(..., 4) `hit_sums` -> (..., 3) precision, recall, F1; 0 where a denominator is 0."""
    hit_gold, possible, hit_pred, actual = np.moveaxis(np.asarray(sums, dtype=float), -1, 0)
    p = np.divide(hit_pred, actual, out=np.zeros_like(hit_pred), where=actual > 0)
    r = np.divide(hit_gold, possible, out=np.zeros_like(hit_gold), where=possible > 0)
    f = np.divide(2 * p * r, p + r, out=np.zeros_like(p), where=(p + r) > 0)
    return np.stack([p, r, f], axis=-1)


def prf(counts: np.ndarray | Sequence[float]) -> np.ndarray:
    """(..., 8) count vectors -> (..., 3) precision, recall, F1.

    precision = (correct + 0.5 partial) / actual and recall = (correct + 0.5 partial) / possible,
    as nervaluate computes them; partial is non-zero only in partial mode, so the other modes
    get plain correct / actual. A ratio with a zero denominator is 0, as in nervaluate.
    """
    return prf_from_sums(hit_sums(counts))


def tally(groups: np.ndarray, fields: np.ndarray, n_groups: int) -> np.ndarray:
    """(n_groups, 8) count matrix from one (group, field) entry per span."""
    flat = np.asarray(groups, dtype=np.int64) * N_FIELDS + np.asarray(fields, dtype=np.int64)
    return np.bincount(flat, minlength=n_groups * N_FIELDS).reshape(n_groups, N_FIELDS)


@dataclass(frozen=True)
class Counts:
    """SemEval counts; see the module docstring for the two sides."""

    correct: int = 0
    incorrect: int = 0
    partial: int = 0
    missed: int = 0
    pred_correct: int = 0
    pred_incorrect: int = 0
    pred_partial: int = 0
    spurious: int = 0

    @classmethod
    def from_vector(cls, v: Sequence[int] | np.ndarray) -> Counts:
        return cls(*(int(x) for x in v))

    def vector(self) -> np.ndarray:
        return np.array([getattr(self, f) for f in FIELDS], dtype=np.int64)

    def __add__(self, other: Counts) -> Counts:
        return Counts.from_vector(self.vector() + other.vector())

    @property
    def possible(self) -> int:
        return self.correct + self.incorrect + self.partial + self.missed

    @property
    def actual(self) -> int:
        return self.pred_correct + self.pred_incorrect + self.pred_partial + self.spurious

    @property
    def precision(self) -> float:
        return float(prf(self.vector())[0])

    @property
    def recall(self) -> float:
        return float(prf(self.vector())[1])

    @property
    def f1(self) -> float:
        return float(prf(self.vector())[2])


@dataclass(frozen=True)
class Match:
    """The pairing of one document's spans in one mode; spans in canonical (sorted) order."""

    mode: Mode
    gold: tuple[Span, ...]
    pred: tuple[Span, ...]
    gold_partner: tuple[int, ...]  # index into `pred`, or -1
    pred_partner: tuple[int, ...]  # index into `gold`, or -1
    gold_outcome: tuple[Outcome, ...]
    pred_outcome: tuple[Outcome, ...]

    def pairs(self) -> list[tuple[Span, Span, Outcome]]:
        return [(g, self.pred[j], self.gold_outcome[i])
                for i, (g, j) in enumerate(zip(self.gold, self.gold_partner, strict=True)) if j >= 0]

    def missed(self) -> list[Span]:
        return [g for g, j in zip(self.gold, self.gold_partner, strict=True) if j < 0]

    def spurious(self) -> list[Span]:
        return [p for p, i in zip(self.pred, self.pred_partner, strict=True) if i < 0]

    def counts(self) -> Counts:
        v = [0] * N_FIELDS
        for o in self.gold_outcome:
            v[gold_field(o)] += 1
        for o in self.pred_outcome:
            v[pred_field(o)] += 1
        return Counts(*v)


@dataclass(frozen=True, eq=False)
class Alignment:
    """The pairing of a whole corpus in every mode, as arrays (one row per span).

    `gold` and `pred` are in canonical order: by document (in `doc_ids` order), then start,
    end and label, so nothing depends on the order of the input lists; `*_label` are indices
    into `labels` (sorted). Partners and outcomes are by mode.
    """

    doc_ids: tuple[str, ...]
    labels: tuple[str, ...]
    gold: tuple[Span, ...]
    pred: tuple[Span, ...]
    gold_doc: np.ndarray
    pred_doc: np.ndarray
    gold_start: np.ndarray
    pred_start: np.ndarray
    gold_end: np.ndarray
    pred_end: np.ndarray
    gold_label: np.ndarray
    pred_label: np.ndarray
    gold_partner: dict[Mode, np.ndarray]  # index into pred, or -1
    pred_partner: dict[Mode, np.ndarray]  # index into gold, or -1
    gold_outcome: dict[Mode, np.ndarray]
    pred_outcome: dict[Mode, np.ndarray]

    def counts(self, mode: Mode) -> Counts:
        v = np.bincount(self.gold_outcome[mode], minlength=4)[:4].tolist()
        v += np.bincount(np.minimum(self.pred_outcome[mode], 3), minlength=4).tolist()
        return Counts(*v)

    def doc_match(self, doc_id: str, mode: Mode) -> Match:
        """The per-document view of one mode."""
        k = self.doc_ids.index(doc_id)
        ga, gb = np.searchsorted(self.gold_doc, [k, k + 1])
        pa, pb = np.searchsorted(self.pred_doc, [k, k + 1])
        gp = self.gold_partner[mode][ga:gb]
        pp = self.pred_partner[mode][pa:pb]
        return Match(mode, self.gold[ga:gb], self.pred[pa:pb],
                     tuple(np.where(gp >= 0, gp - pa, -1).tolist()), tuple(np.where(pp >= 0, pp - ga, -1).tolist()),
                     tuple(map(Outcome, self.gold_outcome[mode][ga:gb].tolist())),
                     tuple(map(Outcome, self.pred_outcome[mode][pa:pb].tolist())))

    def rows(self, modes: Sequence[Mode] = MODES) -> SpanRows:
        """Gold rows then prediction rows, with each row's count field per mode."""
        fields = np.stack([np.concatenate([self.gold_outcome[m], 4 + np.minimum(self.pred_outcome[m], 3)])
                           for m in modes], axis=1).astype(np.int64)
        return SpanRows(self.doc_ids, self.labels, tuple(modes),
                        np.concatenate([self.gold_doc, self.pred_doc]),
                        np.concatenate([self.gold_start, self.pred_start]),
                        np.concatenate([self.gold_label, self.pred_label]),
                        np.concatenate([np.ones(len(self.gold), bool), np.zeros(len(self.pred), bool)]),
                        fields.reshape(len(self.gold) + len(self.pred), len(modes)))


@dataclass(frozen=True)
class SpanRows:
    """Every gold and predicted span as one row, for vectorised tallies by any grouping."""

    doc_ids: tuple[str, ...]
    labels: tuple[str, ...]
    modes: tuple[Mode, ...]
    doc: np.ndarray  # index into doc_ids
    start: np.ndarray
    label: np.ndarray  # index into labels
    is_gold: np.ndarray
    fields: np.ndarray  # (n_rows, n_modes): index into FIELDS

    def __len__(self) -> int:
        return len(self.doc)


def _collect(by_doc: Mapping[str, Sequence[Span]], doc_ids: Sequence[str],
             code: Mapping[str, int]) -> tuple[list[Span], np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """All spans in canonical order with their document, start, end and label code."""
    spans: list[Span] = []
    doc: list[int] = []
    for k, d in enumerate(doc_ids):
        s = by_doc.get(d, ())
        spans.extend(s)
        doc.extend([k] * len(s))
    n = len(spans)
    d_arr = np.array(doc, dtype=np.int64)
    start = np.fromiter((s.start for s in spans), np.int64, n)
    end = np.fromiter((s.end for s in spans), np.int64, n)
    lab = np.fromiter((code[s.label] for s in spans), np.int64, n)
    order = np.lexsort((lab, end, start, d_arr))
    if n > 1:
        keys = np.stack([d_arr, start, end, lab])[:, order]
        if (keys[:, 1:] == keys[:, :-1]).all(axis=0).any():
            # exact duplicates: order them by content too, so the input order cannot leak in
            tie = np.unique(np.array([f"{s.text}\0{s.value!r}\0{s.score!r}" for s in spans]), return_inverse=True)[1]
            order = np.lexsort((tie.reshape(-1), lab, end, start, d_arr))
    return [spans[i] for i in order], d_arr[order], start[order], end[order], lab[order]


def _greedy(gs: list[int], ge: list[int], gl: list[int], ps: list[int], pe: list[int], pl: list[int],
            label_first: bool) -> list[int]:
    """Pair one chain of overlapping spans by the module's order; gold -> pred or -1."""
    cands = []
    for i in range(len(gs)):
        for j in range(len(ps)):
            exact = gs[i] == ps[j] and ge[i] == pe[j]
            overlap = min(ge[i], pe[j]) - max(gs[i], ps[j])
            if exact or overlap > 0:
                same = gl[i] == pl[j]
                first = (not same, not exact) if label_first else (not exact, not same)
                cands.append(first + (-overlap, gs[i], ps[j], ge[i], pe[j], gl[i], pl[j], i, j))
    cands.sort()
    partner = [-1] * len(gs)
    used: set[int] = set()
    for *_, i, j in cands:
        if partner[i] < 0 and j not in used:
            partner[i] = j
            used.add(j)
    return partner


def _pair(g_doc, g_start, g_end, g_lab, p_doc, p_start, p_end, p_lab) -> dict[bool, np.ndarray]:
    """gold -> pred partner under the boundary-first (False) and label-first (True) orders.

    Spans chained by overlaps form components; a component of one gold and one predicted
    span (nearly all of them) pairs without choice, vectorised; only the rest are sorted out
    by `_greedy`.
    """
    ng, n_p = len(g_start), len(p_start)
    partner = np.full(ng, -1, dtype=np.int64)
    if ng == 0 or n_p == 0:
        return {False: partner, True: partner.copy()}
    # documents laid end to end, so spans of different documents never chain
    width = int(max(g_end.max(), p_end.max(), 0)) + 1
    s = np.concatenate([g_doc * width + g_start, p_doc * width + p_start])
    e = np.concatenate([g_doc * width + g_end, p_doc * width + p_end])
    order = np.lexsort((e, s))
    reach = np.maximum.accumulate(e[order])
    new = np.ones(len(s), dtype=bool)
    new[1:] = s[order][1:] >= reach[:-1]
    comp = np.empty(len(s), dtype=np.int64)
    comp[order] = np.cumsum(new) - 1
    n_comp = int(comp.max()) + 1
    cg, cp = comp[:ng], comp[ng:]
    n_g = np.bincount(cg, minlength=n_comp)
    n_pc = np.bincount(cp, minlength=n_comp)

    single = (n_g == 1) & (n_pc == 1)
    pred_of = np.full(n_comp, -1, dtype=np.int64)
    pred_of[cp] = np.arange(n_p)
    gi = np.flatnonzero(single[cg])
    pj = pred_of[cg[gi]]
    exact = (g_start[gi] == p_start[pj]) & (g_end[gi] == p_end[pj])
    overlap = np.minimum(g_end[gi], p_end[pj]) - np.maximum(g_start[gi], p_start[pj])
    ok = exact | (overlap > 0)
    partner[gi[ok]] = pj[ok]
    result = {False: partner, True: partner.copy()}

    chains = (n_g >= 1) & (n_pc >= 1) & ~single
    if chains.any():
        gsel = np.flatnonzero(chains[cg])
        psel = np.flatnonzero(chains[cp])
        g_groups = np.split(gsel, np.flatnonzero(np.diff(cg[gsel])) + 1)
        p_groups = np.split(psel, np.flatnonzero(np.diff(cp[psel])) + 1)
        for gidx, pidx in zip(g_groups, p_groups, strict=True):
            args = (g_start[gidx].tolist(), g_end[gidx].tolist(), g_lab[gidx].tolist(),
                    p_start[pidx].tolist(), p_end[pidx].tolist(), p_lab[pidx].tolist())
            for label_first, arr in result.items():
                local = np.array(_greedy(*args, label_first=label_first), dtype=np.int64)
                arr[gidx] = np.where(local >= 0, pidx[np.maximum(local, 0)], -1)
    return result


def align(gold: Mapping[str, Sequence[Span]], pred: Mapping[str, Sequence[Span]],
          doc_ids: Sequence[str] | None = None) -> Alignment:
    """Pair gold and predicted spans of every document (spans by doc_id) in every mode."""
    ids = tuple(sorted(set(gold) | set(pred))) if doc_ids is None else tuple(doc_ids)
    labels = tuple(sorted({s.label for d in ids for s in gold.get(d, ())}
                          | {s.label for d in ids for s in pred.get(d, ())}))
    code = {lab: i for i, lab in enumerate(labels)}
    g, g_doc, g_start, g_end, g_lab = _collect(gold, ids, code)
    p, p_doc, p_start, p_end, p_lab = _collect(pred, ids, code)
    pairings = _pair(g_doc, g_start, g_end, g_lab, p_doc, p_start, p_end, p_lab)

    gold_partner, pred_partner, gold_outcome, pred_outcome = {}, {}, {}, {}
    for mode in MODES:
        partner = pairings[mode in _LABEL_FIRST]
        paired = np.flatnonzero(partner >= 0)
        j = partner[paired]
        kind = 2 * ((g_start[paired] == p_start[j]) & (g_end[paired] == p_end[j])) + (g_lab[paired] == p_lab[j])
        g_out = np.full(len(g), Outcome.MISSED, dtype=np.int64)
        g_out[paired] = np.array(_OUTCOME[mode], dtype=np.int64)[kind]
        p_out = np.full(len(p), Outcome.SPURIOUS, dtype=np.int64)
        p_out[j] = g_out[paired]
        back = np.full(len(p), -1, dtype=np.int64)
        back[j] = paired
        gold_partner[mode], pred_partner[mode] = partner, back
        gold_outcome[mode], pred_outcome[mode] = g_out, p_out
    return Alignment(ids, labels, tuple(g), tuple(p), g_doc, p_doc, g_start, p_start, g_end, p_end, g_lab, p_lab,
                     gold_partner, pred_partner, gold_outcome, pred_outcome)


def match_all(gold: Sequence[Span], pred: Sequence[Span], modes: Sequence[Mode] = MODES) -> dict[Mode, Match]:
    """The pairing of one document in each mode."""
    for m in modes:
        if m not in _OUTCOME:
            raise ValueError(f"unknown mode {m!r}; expected one of {MODES}")
    a = align({"": gold}, {"": pred})
    return {m: a.doc_match("", m) for m in modes}


def match(gold: Sequence[Span], pred: Sequence[Span], mode: Mode = "strict") -> Match:
    return match_all(gold, pred, (mode,))[mode]


def counts(gold: Sequence[Span], pred: Sequence[Span], mode: Mode = "strict") -> Counts:
    return match(gold, pred, mode).counts()
