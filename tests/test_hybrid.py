"""The `hybrid` and `hybrid-lac` extractors (extractors.hybrid): rules for numbers, names decided by evidence."""
from __future__ import annotations

import pytest

from extractors.base import Hit, resolve_overlaps
from extractors.hybrid import MIN_EVIDENCE, RULE_LABELS, HybridExtractor, HybridLACExtractor, decide, weighed
from extractors.registry import Extractor, Trainable
from extractors.schema import LABELS

RAW = "2016年，福建省三明市科技局投入研发资金500万元，增长12.5%，出版《三明科技年鉴》。"


@pytest.fixture(scope="module")
def hybrid() -> HybridExtractor:
    ex = HybridExtractor()
    if ex.crf.model is None:
        pytest.skip("no packaged CRF model (run `xbench train crf`)")
    return ex


def test_every_label_has_a_proposer() -> None:
    assert RULE_LABELS < set(LABELS)
    assert issubclass(HybridExtractor, Trainable) and HybridExtractor.labels == LABELS


def test_numbers_dates_and_titles_come_from_the_regex(hybrid: HybridExtractor) -> None:
    assert isinstance(hybrid, Extractor)
    regex = {(s.start, s.end, s.label, repr(s.value)) for s in hybrid.regex.extract(RAW)
             if s.label in ("DATE", "MONEY", "PERCENT", "WORK")}
    got = {(s.start, s.end, s.label, repr(s.value)) for s in hybrid.extract(RAW)
           if s.label in ("DATE", "MONEY", "PERCENT", "WORK")}
    assert regex and got == regex


def test_output_is_flat_and_sorted(hybrid: HybridExtractor) -> None:
    spans = hybrid.extract(RAW)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
    assert all(s.text == RAW[s.start:s.end] for s in spans)


def test_hybrid_lac_adds_lac_as_a_proposer() -> None:
    ex = HybridLACExtractor()
    assert set(ex.extra) == {"lac"}


def _kept(found: dict[str, list[Hit]]) -> set[tuple[int, int, str]]:
    return {(h.start, h.end, h.label) for h in resolve_overlaps(decide(found))}


def test_agreement_breaks_a_tie_of_confidence() -> None:
    found = {"crf": [Hit(0, 6, "ORG", score=0.8), Hit(0, 3, "GPE", score=0.8)], "names": [Hit(0, 6, "ORG", score=0.8)]}
    assert _kept(found) == {(0, 6, "ORG")}


def test_the_most_confident_proposal_wins_whoever_proposed_it() -> None:
    # the dictionary's area (no score of its own) wins over an unsure model, and loses to a sure one
    found = {"crf": [Hit(0, 6, "ORG", score=0.4)], "dictionary": [Hit(0, 3, "GPE")]}
    assert _kept(found) == {(0, 3, "GPE")}
    found["names"] = [Hit(0, 6, "ORG", score=0.97)]
    assert _kept(found) == {(0, 6, "ORG")}
    found = {"crf": [Hit(0, 3, "GPE", score=0.97)], "names": [Hit(0, 6, "ORG", score=0.6)]}
    assert _kept(found) == {(0, 3, "GPE")}


def test_an_uncontested_find_is_kept_when_more_likely_a_name_than_not() -> None:
    found = {"crf": [Hit(0, 2, "PERSON", score=0.3), Hit(10, 12, "PERSON", score=0.7)], "lac": [Hit(5, 8, "ORG")],
             "names": []}
    assert _kept(found) == {(10, 12, "PERSON"), (5, 8, "ORG")}


def test_a_name_holding_a_surer_name_wins_when_likely_itself() -> None:
    # a park named after its city is one LOC; an organisation reduced to its place name is not kept
    found = {"dictionary": [Hit(0, 9, "LOC")], "crf": [Hit(0, 3, "GPE", score=0.99)],
             "names": [Hit(0, 3, "GPE", score=0.98)]}
    assert _kept(found) == {(0, 9, "LOC")}
    found = {"crf": [Hit(0, 6, "ORG", score=0.95), Hit(0, 3, "GPE", score=0.99)]}
    assert _kept(found) == {(0, 6, "ORG")}
    # an unsure container does not inherit: the sure inner name stays
    found = {"names": [Hit(0, 6, "ORG", score=0.6)], "crf": [Hit(0, 3, "GPE", score=0.99)]}
    assert _kept(found) == {(0, 3, "GPE")}


def test_an_outside_proposer_is_weighed_with_the_crf_s_no_name_probability() -> None:
    lac = Hit(2, 5, "PERSON")
    assert weighed(lac, [0.99] * 8).score < MIN_EVIDENCE  # the CRF is sure these are no name
    assert weighed(lac, [0.5] * 8).score == pytest.approx(0.9)  # undecided: LAC's word stands
    assert weighed(lac, [0.1] * 8).score > 0.9  # two opinions that agree


def test_numbers_and_dates_come_from_the_rules_with_their_values() -> None:
    found = {"regex": [Hit(0, 5, "DATE", "2024-05")], "crf": [Hit(0, 5, "DATE", None, 0.99), Hit(6, 8, "MONEY")]}
    hits = resolve_overlaps(decide(found))
    assert [(h.start, h.end, h.label, h.value) for h in hits] == [(0, 5, "DATE", "2024-05")]
