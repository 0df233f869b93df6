"""`hybrid`: each label from the extractor that is strongest on it, overlaps resolved by priority.

Sources per label (chosen from leave-one-document-out scores, see the README's leaderboard):
numbers, dates and titles come from the `regex` rules, whose values are exact; administrative
areas (GPE) from the `dictionary`, the strongest on them; other names from the CRF, and the
dictionary fills organisations the CRF missed. Overlap rule: a higher source priority wins,
then the longer span, then the leftmost one. The strongest source of a label has the last word
on it (priority 3: the regex's numbers, the dictionary's areas), as the leaderboard ranks them.
"""
from __future__ import annotations

from collections.abc import Iterable

from extractors.base import CleanTextExtractor, Hit
from extractors.crf import CRFExtractor, _helpers, helper_evidence, helper_hits
from extractors.schema import LABELS, Span
from extractors.windows import NO_EVIDENCE, Evidence

# label -> (source, priority); a source not listed for a label is ignored for it
SOURCES: dict[str, list[tuple[str, int]]] = {
    "DATE": [("regex", 3)], "MONEY": [("regex", 3)], "PERCENT": [("regex", 3)],
    "QUANTITY": [("regex", 3)], "WORK": [("regex", 3)],
    "PERSON": [("crf", 2)], "ORG": [("crf", 2), ("dictionary", 1)],
    "GPE": [("dictionary", 3)], "LOC": [("crf", 2)],
}


class HybridExtractor(CleanTextExtractor):
    name = "hybrid"
    kind = "hybrid"
    labels = LABELS
    sources = SOURCES

    def __init__(self) -> None:
        self.crf = CRFExtractor()
        self.regex, self.dictionary = _helpers()
        self.extra: dict[str, CleanTextExtractor] = {}

    def fit(self, raws: list[str], gold: list[list[Span]]) -> HybridExtractor:
        self.crf.fit(raws, gold)
        return self

    def evidence(self, clean: str) -> Evidence:
        return helper_evidence(clean)

    def find(self, clean: str) -> Iterable[Hit]:
        return self.find_in(clean, NO_EVIDENCE)

    def find_in(self, clean: str, evidence: Evidence) -> Iterable[Hit]:
        rx, dc = helper_hits(clean, evidence)
        found = {"regex": rx, "dictionary": dc, "crf": self.crf.find(clean, rx, dc),  # one pass of each helper
                 **{k: ex.find(clean) for k, ex in self.extra.items()}}
        out = []
        for source, hits in found.items():
            for h in hits:
                for src, prio in self.sources.get(h.label, []):
                    if src == source:
                        out.append(Hit(h.start, h.end, h.label, h.value, h.score, prio))
        return out


class HybridLACExtractor(HybridExtractor):
    """`hybrid-lac`: the hybrid with Baidu LAC's person names (a pretrained tagger, never fitted
    on our gold) ahead of the CRF's. More accurate on PERSON, but LAC sets its speed."""

    name = "hybrid-lac"
    sources = {**SOURCES, "PERSON": [("lac", 3), ("crf", 2)]}

    def __init__(self) -> None:
        super().__init__()
        from extractors.baselines import LACExtractor

        self.extra = {"lac": LACExtractor()}
