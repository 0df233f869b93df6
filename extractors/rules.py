"""The `regex` extractor: hand-written rules over clean (Simplified, half-width) text.

Numbers, dates and titles (DATE, MONEY, PERCENT, QUANTITY, WORK) are found by patterns
(`extractors.number_date_rules`, titles here) and valued by `extractors.values`; organisations
and administrative areas (ORG, GPE) by suffix rules (`extractors.name_rules`).
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from extractors.base import CleanTextExtractor, Hit
from extractors.patterns import URL_RE
from extractors.schema import value_problem
from extractors.windows import NO_EVIDENCE, Evidence

PLACE_STEMS = "place_stems"  # evidence: names of areas found with their designation (嘉兴 of 嘉兴市)

_TITLE_MARK_RE = re.compile(r"[《》\n]")


def find_works(clean: str) -> Iterator[Hit]:
    """Titles in 《》, brackets outside; a nested title is part of the outer one."""
    if "《" not in clean:
        return
    opened: list[int] = []
    for m in _TITLE_MARK_RE.finditer(clean):
        ch = m.group()
        if ch == "\n":  # a title never runs over a line break: drop unclosed brackets
            opened.clear()
        elif ch == "《":
            opened.append(m.end())
        elif opened:
            start = opened.pop()
            title = clean[start:m.start()]
            if not opened and title.strip() and value_problem("WORK", title) is None:
                yield Hit(start, m.start(), "WORK", None, priority=3)


def _outside_urls(clean: str, hits: list[Hit]) -> list[Hit]:
    """The hits that do not lie inside a web address (the %25 of ?q=30%25 is no percentage)."""
    urls = [m.span() for m in URL_RE.finditer(clean)]
    return [h for h in hits if not any(s <= h.start and h.end <= e for s, e in urls)]


class RegexExtractor(CleanTextExtractor):
    """Hand-written rules: numbers, dates, titles, and suffix rules for ORG and GPE."""

    name = "regex"
    kind = "regex"
    labels = ("ORG", "GPE", "DATE", "MONEY", "PERCENT", "QUANTITY", "WORK")

    def __init__(self) -> None:
        # Imported here: the rule modules compile their patterns on import (~0.25 s), which
        # listing the extractors must not pay; the lexicon is loaded here, not on the first document.
        from extractors import name_rules, number_date_forms, number_date_rules

        self._names = name_rules.name_rules()
        self._lexicon_matches = name_rules.lexicon_matches
        self._numbers_and_dates = (number_date_rules.find_dates, number_date_rules.find_numbers)
        self._date_forms, self._number_forms = number_date_forms.find_date_forms, number_date_forms.find_number_forms

    def evidence(self, clean: str) -> Evidence:
        return {PLACE_STEMS: frozenset(self._names.place_stems(clean, self._names.gpe_candidates(clean)))}

    def find(self, clean: str) -> list[Hit]:
        return self.find_in(clean, NO_EVIDENCE)

    def find_in(self, clean: str, evidence: Evidence) -> list[Hit]:
        hits: list[Hit] = []
        hits.extend(find_works(clean))
        for finder in self._numbers_and_dates:
            hits.extend(finder(clean))
        dates = sorted((h for h in hits if h.label == "DATE"), key=lambda h: h.start)
        hits.extend(self._date_forms(clean, dates))  # forms that extend or join the dates found
        hits.extend(self._number_forms(clean))
        if "://" in clean or "www." in clean:
            hits = _outside_urls(clean, hits)
        listed_gpes, listed_orgs, stop_ends = self._lexicon_matches(clean)
        gpes = self._names.gpe_candidates(clean)
        names = [*self._names.find_gpes(clean, gpes, listed_gpes, evidence.get(PLACE_STEMS, ())),
                 *self._names.find_orgs(clean, gpes, listed_orgs, stop_ends)]
        # A name whose text is no valid value (a stray `(xiàng)` the normaliser kept) is dropped.
        # The same mention found twice (a place name and its propagation) is left to
        # `resolve_overlaps`, which keeps the first.
        hits.extend(h for h in names if value_problem(h.label, clean[h.start:h.end]) is None)
        return hits
