"""The HTML report's highlighted spans: each extractor's outcome on each span, read from the
scorer's alignment (strict mode), never re-derived.

One mark per strict outcome: a gold/prediction pair is one mark (`correct`; `wrong-type` when
the labels differ; `wrong-boundary` when only the extents do), a gold span left unpaired is
`missed`, a prediction left unpaired `spurious`. So counting one extractor's marks by outcome
gives the scorer's strict counts: correct = cor, missed = mis, spurious = spu, wrong-type +
wrong-boundary = inc. A pair whose extents differ is drawn over both, the gold extent and the
predicted extent each underlined in its own style, so the reader sees where gold ends.

Marks can cross (a pair drawn over both extents next to a missed neighbour), which HTML
elements cannot: a crossed mark is drawn in pieces, and every piece after the first carries
`data-cont`, so counting marks means counting the pieces without it.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

from xbench.scoring.matching import Alignment, Outcome

from extractors.schema import Span

OUTCOMES = ("correct", "missed", "spurious", "wrong-type", "wrong-boundary")


@dataclass(frozen=True)
class Mark:
    extractor: str
    outcome: str  # one of OUTCOMES
    gold: Span | None
    pred: Span | None

    @property
    def start(self) -> int:
        return min(s.start for s in (self.gold, self.pred) if s is not None)

    @property
    def end(self) -> int:
        return max(s.end for s in (self.gold, self.pred) if s is not None)

    @property
    def label(self) -> str:
        """The predicted label; the gold label of a missed span."""
        span = self.pred or self.gold
        assert span is not None
        return span.label

    @property
    def title(self) -> str:
        g, p = self.gold, self.pred
        if p is None:
            return f"missed {self.label}"
        if g is None:
            return f"{p.label}, not in gold"
        if self.outcome == "correct":
            return p.label
        return f"predicted {p.label} 「{p.text}」, gold {g.label} 「{g.text}」"


def _outcome(gold: Span, pred: Span, strict: Outcome) -> str:
    if strict == Outcome.CORRECT:
        return "correct"
    return "wrong-type" if gold.label != pred.label else "wrong-boundary"


def document_marks(alignment: Alignment, doc_id: str, extractor: str) -> list[Mark]:
    """The marks of one document for one extractor, in text order."""
    if doc_id not in alignment.doc_ids:
        return []
    m = alignment.doc_match(doc_id, "strict")
    out = []
    for g, j, o in zip(m.gold, m.gold_partner, m.gold_outcome, strict=True):
        if j < 0:
            out.append(Mark(extractor, "missed", g, None))
        else:
            out.append(Mark(extractor, _outcome(g, m.pred[j], o), g, m.pred[j]))
    out += [Mark(extractor, "spurious", None, p) for p, i in zip(m.pred, m.pred_partner, strict=True) if i < 0]
    return sorted(out, key=lambda k: (k.start, -k.end))


@dataclass(frozen=True)
class Layer:
    """An element to draw over [start, end): a mark, or an extent inside a pair's mark."""

    start: int
    end: int
    rank: int  # of two layers over the same text, the lower rank holds the other (a mark its extents)
    tag: str
    attrs: str  # escaped, each with its leading space (`attr`)

    def open(self, again: bool) -> str:
        return f"<{self.tag}{self.attrs}{' data-cont' if again and self.tag == 'mark' else ''}>"


def attr(name: str, value: str) -> str:
    return f' {name}="{html.escape(value)}"'


def _layers(marks: list[Mark]) -> list[Layer]:
    out = []
    for k in marks:
        attrs = (attr("class", k.outcome) + attr("data-extractor", k.extractor) + attr("data-outcome", k.outcome)
                 + attr("data-label", k.label) + (attr("data-gold-label", k.gold.label) if k.gold else "")
                 + attr("title", k.title))
        out.append(Layer(k.start, k.end, 0, "mark", attrs))
        if k.gold and k.pred and (k.gold.start, k.gold.end) != (k.pred.start, k.pred.end):
            out.append(Layer(k.gold.start, k.gold.end, 1, "span", ' class="gold-extent"'))
            out.append(Layer(k.pred.start, k.pred.end, 1, "span", ' class="pred-extent"'))
    return out


def highlight(raw: str, marks: list[Mark]) -> str:
    """`raw` as escaped HTML with the marks drawn."""
    return draw(raw, _layers(marks))


def draw(raw: str, layers: list[Layer]) -> str:
    """`raw` as escaped HTML with the layers drawn: elements nest where they can, and a crossed
    one is closed and reopened (a reopened mark carries `data-cont`) around the one it crosses."""
    layers = sorted(layers, key=lambda x: (x.start, -x.end, x.rank))  # outermost first
    cuts = sorted({0, len(raw)} | {x.start for x in layers} | {x.end for x in layers})
    parts: list[str] = []
    stack: list[int] = []  # indices into layers, outermost first
    opened: set[int] = set()
    active: list[int] = []
    nxt = 0
    for a, b in zip(cuts, cuts[1:]):
        while nxt < len(layers) and layers[nxt].start <= a:
            active.append(nxt)
            nxt += 1
        active = [i for i in active if layers[i].end > a]
        want = sorted(i for i in active if layers[i].end >= b)
        keep = 0
        while keep < min(len(stack), len(want)) and stack[keep] == want[keep]:
            keep += 1
        parts += [f"</{layers[i].tag}>" for i in reversed(stack[keep:])]
        parts += [layers[i].open(i in opened) for i in want[keep:]]
        opened.update(want[keep:])
        stack = want
        parts.append(html.escape(raw[a:b]))
    parts += [f"</{layers[i].tag}>" for i in reversed(stack)]
    return "".join(parts)
