"""Regex helpers (extractors.patterns): the fast forms give what their plain forms give."""
from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from extractors.patterns import Scanner, alternation, holds_any

WORDS = {"公司": "化", "有限公司": "", "股份有限公司": "", "局": "长面", "大学": "生"}


@given(st.text(st.sampled_from(list("公司有限股份局长面大学生化x")), max_size=30))
def test_alternation_is_a_longest_first_list_with_forbidden_followers(text: str) -> None:
    trie = re.compile(alternation(WORDS, WORDS))
    plain = re.compile("|".join(re.escape(w) + (f"(?![{f}])" if f else "")
                                for w, f in sorted(WORDS.items(), key=lambda x: -len(x[0]))))
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


@given(st.text(st.sampled_from(list("0123456789年月.x ")), max_size=30))
def test_scanner_matches_are_those_of_the_pattern(text: str) -> None:
    scanner = Scanner(r"\d", r"(?<![\d.])\d{4}年", needs=("年",))
    assert [m.span() for m in scanner.finditer(text)] == [m.span() for m in scanner.pattern.finditer(text)]


def test_holds_any() -> None:
    assert holds_any("2016年", ("年", "月")) and not holds_any("2016", ("年",)) and holds_any("x", ())
