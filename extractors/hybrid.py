"""`hybrid`: every component proposes, and overlaps are decided by evidence, not by source.

Numbers, dates and titles come from the `regex` rules alone: their values are exact and no
other component computes them as well. Names (PERSON, ORG, GPE, LOC) are proposed by every
component that finds them: the seed-trained CRF and the MSRA name model (each span scored with
its marginal probability), the `dictionary` and the regex's suffix rules (and LAC in
`hybrid-lac`), which give no confidence and count as UNSCORED. A proposal's evidence is its most
confident proposer's confidence, the number of components that propose the same boundaries and
label breaking ties (a sum would count twice what the CRF reads as features: the name model's
tags and the helpers' hits). Overlaps keep the best-evidenced span, then the longer, then the
leftmost (`base.resolve_overlaps`); a find nothing better covers is kept.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from extractors.base import CleanTextExtractor, Hit
from extractors.crf import CRFExtractor, _helpers
from extractors.schema import LABELS, Span

RULE_LABELS = frozenset({"DATE", "MONEY", "PERCENT", "QUANTITY", "WORK"})  # from the regex rules only
# The confidence of a proposal from a component that gives none (rules, gazetteer, LAC): as sure
# as a model's typical name (the CRFs' median marginal on their names is above 0.9).
UNSCORED = 0.9
RULES_FIRST = 100.0  # numbers and dates outrank any name evidence: the regex alone reads their values


def decide(found: Mapping[str, Iterable[Hit]]) -> list[Hit]:
    """Proposals from named components -> hits whose `priority` is their evidence."""
    evidence: dict[tuple[int, int, str], tuple[float, int]] = {}  # best confidence, proposers
    values: dict[tuple[int, int, str], object] = {}
    for source, hits in found.items():
        for h in hits:
            key = (h.start, h.end, h.label)
            if h.label in RULE_LABELS:
                if source == "regex":
                    evidence[key], values[key] = (RULES_FIRST, 0), h.value
                continue
            score = UNSCORED if h.score is None else h.score
            best, agree = evidence.get(key, (0.0, 0))
            evidence[key] = (max(best, score), agree + 1)
    # The most confident proposer speaks for a span, agreement breaks ties: the CRF reads the name
    # model's tags and the helpers' hits as features, so adding their votes would count them twice.
    return [Hit(s, e, label, values.get((s, e, label)), None, ev[0] + ev[1] / 1000)
            for (s, e, label), ev in evidence.items()]


class HybridExtractor(CleanTextExtractor):
    name = "hybrid"
    kind = "hybrid"
    labels = LABELS

    def __init__(self) -> None:
        self.crf = CRFExtractor()
        self.regex, self.dictionary = _helpers()
        self.extra: dict[str, CleanTextExtractor] = {}
        self.extra_labels: dict[str, tuple[str, ...]] = {}

    def fit(self, raws: list[str], gold: list[list[Span]]) -> HybridExtractor:
        self.crf.fit(raws, gold)
        return self

    def find(self, clean: str) -> Iterable[Hit]:
        rx, dc = list(self.regex.find(clean)), list(self.dictionary.find(clean))
        crf, names = self.crf.find_with_names(clean, rx, dc)  # one pass of each helper
        extra = {k: [h for h in ex.find(clean) if h.label in self.extra_labels[k]] for k, ex in self.extra.items()}
        return decide({"regex": rx, "dictionary": dc, "crf": crf, "names": names, **extra})


class HybridLACExtractor(HybridExtractor):
    """`hybrid-lac`: the hybrid with Baidu LAC (a pretrained tagger, never fitted on our gold) as one
    more proposer of person names, where it is strong (its organisations and places score below the
    hybrid's on both the seeds and MSRA, and it gives no confidence to weigh them). LAC sets its speed."""

    name = "hybrid-lac"

    def __init__(self) -> None:
        super().__init__()
        from extractors.baselines import LACExtractor

        self.extra = {"lac": LACExtractor()}
        self.extra_labels = {"lac": ("PERSON",)}
