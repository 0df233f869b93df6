"""Aho-Corasick over UTF-16 bytes (extractors.automaton): whole characters only."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from extractors import automaton


def test_automaton_matches_whole_characters_only() -> None:
    assert len(automaton.units("福建省abc\U0001F600\ud800")) == 2 * 8
    # 一丁 is the bytes 4e 00 4e 01: the key N (00 4e) is inside them only across the two characters.
    words = automaton.build([("N", "n"), ("丁", "d"), ("丁N", "dn")])
    assert sorted(automaton.matches(words, "一丁N")) == [(2, "d"), (3, "dn"), (3, "n")]
    assert list(automaton.matches(words, "\U0001F600丁")) == [(2, "d")]  # outside the BMP: still one index


@given(st.text(st.sampled_from(list("一丁N省市福建")), max_size=20))
def test_matches_equal_a_plain_substring_search(text: str) -> None:
    keys = ["丁", "丁N", "福建", "省市", "N"]
    words = automaton.build([(k, k) for k in keys])
    plain = sorted((i + len(k), k) for k in keys for i in range(len(text)) if text.startswith(k, i))
    assert sorted(automaton.matches(words, text)) == plain
