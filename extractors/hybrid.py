"""`hybrid`: every component proposes, and overlaps are decided by evidence, not by source.

Numbers, dates and titles come from the `regex` rules alone: their values are exact and no
other component computes them as well. Names (PERSON, ORG, GPE, LOC) are proposed by every
component that finds them: the stacked seed CRF (`crf.StackedCRF`) and the MSRA name model
(each span scored with its marginal probability), the `dictionary` and the regex's suffix rules,
which give no confidence and count as UNSCORED (and LAC in `hybrid-lac`, weighed against the
CRF's no-name probability, `weighed`). A proposal's evidence is its most confident proposer's
confidence, the number of components that propose the same boundaries and label breaking ties
(a sum would count twice what the CRF reads as features: the name model's tags and the helpers'
hits); a name holding a surer name inherits its evidence when it is likely itself. Overlaps keep
the best-evidenced span, then the longer, then the leftmost (`base.resolve_overlaps`); a
proposal below MIN_EVIDENCE is dropped even when nothing contests it.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from extractors.base import CleanTextExtractor, Hit
from extractors.crf import ReadsHelpers, StackedCRF, _helpers, helper_hits
from extractors.schema import LABELS, Span
from extractors.windows import NO_EVIDENCE, Evidence

RULE_LABELS = frozenset({"DATE", "MONEY", "PERCENT", "QUANTITY", "WORK"})  # from the regex rules only
# The confidence of a proposal from a component that gives none (rules, gazetteer, LAC): as sure
# as a model's typical name (the CRFs' median marginal on their names is above 0.9).
UNSCORED = 0.9
# Clearly more likely a name than not (0.6 rather than 0.5: set on the seeds, where the name
# model's unsure places inside company names, 黄仙洞 at 0.58, cost LOC its gate).
MIN_EVIDENCE = 0.6
# A name that holds another inherits its evidence only when at least this likely itself.
NESTED_FLOOR = 0.9
RULES_FIRST = 100.0  # numbers and dates outrank any name evidence: the regex alone reads their values


def decide(found: Mapping[str, Iterable[Hit]]) -> list[Hit]:
    """Proposals from named components -> hits whose `priority` is their evidence."""
    evidence: dict[tuple[int, int, str], float] = {}
    agree: dict[tuple[int, int, str], int] = {}
    values: dict[tuple[int, int, str], object] = {}
    for source, hits in found.items():
        for h in hits:
            key = (h.start, h.end, h.label)
            if h.label in RULE_LABELS:
                if source == "regex":
                    evidence[key], agree[key], values[key] = RULES_FIRST, 0, h.value
                continue
            score = UNSCORED if h.score is None else h.score
            evidence[key] = max(evidence.get(key, 0.0), score)
            agree[key] = agree.get(key, 0) + 1
    # The most confident proposer speaks for a span, agreement breaks ties: the CRF reads the name
    # model's tags and the helpers' hits as features, so adding their votes would count them twice.
    evidence = _inherit_nested({k: ev + agree[k] / 1000 for k, ev in evidence.items()})
    # a proposal less likely a name than not is dropped, even where nothing contests it
    return [Hit(s, e, label, values.get((s, e, label)), None, ev) for (s, e, label), ev in evidence.items()
            if ev >= MIN_EVIDENCE]


def _inherit_nested(evidence: dict[tuple[int, int, str], float]) -> dict[tuple[int, int, str], float]:
    """A name that holds another is as well evidenced as the name it holds, when it is likely
    itself: a model sure of 湛江 (GPE) is no evidence against 湛江市科技局 (ORG) or of a park's place
    name against the park (LOC); only crossing spans truly compete. Numbers and dates keep theirs."""
    keys = sorted(k for k in evidence if k[2] not in RULE_LABELS)
    starts = [k[0] for k in keys]
    out = dict(evidence)
    for s, e, label in keys:
        own = evidence[(s, e, label)]
        if own < NESTED_FLOOR:
            continue
        for k in keys[bisect_left(starts, s):bisect_left(starts, e)]:
            if k[1] <= e and (k[1] - k[0]) < e - s:
                out[(s, e, label)] = max(out[(s, e, label)], evidence[k])
    return out


class HybridExtractor(ReadsHelpers, CleanTextExtractor):
    name = "hybrid"
    kind = "hybrid"
    labels = LABELS

    def __init__(self) -> None:
        self.crf = StackedCRF()
        self.regex, self.dictionary = _helpers()
        self.extra: dict[str, CleanTextExtractor] = {}
        self.extra_labels: dict[str, tuple[str, ...]] = {}

    def fit(self, raws: list[str], gold: list[list[Span]]) -> HybridExtractor:
        self.crf.fit(raws, gold)
        return self

    def find(self, clean: str) -> Iterable[Hit]:
        return self.find_in(clean, NO_EVIDENCE)

    def find_in(self, clean: str, evidence: Evidence) -> Iterable[Hit]:
        rx, dc = helper_hits(clean, evidence)
        # one pass of each helper; the no-name probabilities only weigh outside proposers
        crf, names, no_name = self.crf.find_with_names(clean, rx, dc, no_name=bool(self.extra))
        extra = {k: [weighed(h, no_name) for h in ex.find(clean) if h.label in self.extra_labels[k]]
                 for k, ex in self.extra.items()}
        return decide({"regex": rx, "dictionary": dc, "crf": crf, "names": names, **extra})


def weighed(hit: Hit, no_name: Sequence[float]) -> Hit:
    """A proposal from a component the CRF never read (LAC), scored by combining two independent
    opinions: the component's (UNSCORED) and the CRF's chance that the span is a mention, as odds
    multiply. LAC's 王市长 where the CRF is sure of no name falls below MIN_EVIDENCE."""
    p = 1.0 - sum(no_name[hit.start:hit.end]) / max(1, hit.end - hit.start)
    q = UNSCORED
    both = p * q / (p * q + (1 - p) * (1 - q)) if 0 < p < 1 else p
    return replace(hit, score=round(both, 4))


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
