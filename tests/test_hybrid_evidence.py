"""The hybrid decides overlaps by evidence: agreement and confidence, never a fixed source order."""
from __future__ import annotations

from extractors.base import Hit, resolve_overlaps
from extractors.hybrid import decide


def _kept(found: dict[str, list[Hit]]) -> set[tuple[int, int, str]]:
    return {(h.start, h.end, h.label) for h in resolve_overlaps(decide(found))}


def test_two_components_agreeing_outweigh_a_third_that_disagrees() -> None:
    found = {"crf": [Hit(0, 6, "ORG", score=0.8)], "names": [Hit(0, 6, "ORG", score=0.7)],
             "dictionary": [Hit(0, 3, "GPE")]}
    assert _kept(found) == {(0, 6, "ORG")}


def test_the_same_source_loses_when_the_evidence_turns() -> None:
    # the dictionary's area wins over one unsure model, not because of who proposed it
    found = {"crf": [Hit(0, 6, "ORG", score=0.4)], "dictionary": [Hit(0, 3, "GPE")]}
    assert _kept(found) == {(0, 3, "GPE")}
    found["names"] = [Hit(0, 6, "ORG", score=0.9)]
    assert _kept(found) == {(0, 6, "ORG")}


def test_a_component_s_uncontested_find_is_never_lost() -> None:
    found = {"crf": [Hit(0, 2, "PERSON", score=0.3)], "lac": [Hit(5, 8, "ORG")], "names": []}
    assert _kept(found) == {(0, 2, "PERSON"), (5, 8, "ORG")}


def test_numbers_and_dates_come_from_the_rules_with_their_values() -> None:
    found = {"regex": [Hit(0, 5, "DATE", "2024-05")], "crf": [Hit(0, 5, "DATE", None, 0.99), Hit(6, 8, "MONEY")]}
    hits = resolve_overlaps(decide(found))
    assert [(h.start, h.end, h.label, h.value) for h in hits] == [(0, 5, "DATE", "2024-05")]
