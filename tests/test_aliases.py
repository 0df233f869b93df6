"""Short forms a text gives a name right after it (extractors.aliases), and the hybrid keeping them."""
from __future__ import annotations

import pytest

from extractors.aliases import ALIAS, aliases_after_names
from extractors.base import Hit
from extractors.registry import get_extractor


def _aliases(sentence: str, name: str, label: str = "ORG") -> list[tuple[str, str]]:
    at = sentence.index(name)
    hits = aliases_after_names(sentence, [Hit(at, at + len(name), label, score=0.99)])
    assert all(h.score == ALIAS for h in hits)
    return [(sentence[h.start:h.end], h.label) for h in hits]


@pytest.mark.parametrize("sentence, name, short", [
    ("郑州宇通客车股份有限公司（简称“宇通客车”）成立于1993年。", "郑州宇通客车股份有限公司", "宇通客车"),  # quoted
    ("中国科学院大学，简称国科大，是一所研究型大学。", "中国科学院大学", "国科大"),  # after a comma, unquoted
    ("浙江大学（以下简称“浙大”）与我市签约。", "浙江大学", "浙大"),
    ("亚太旅行协会（简称PATA）第四十届年会开幕。", "亚太旅行协会", "PATA"),  # letters
])
def test_the_short_form_given_right_after_a_name_is_a_name_of_its_kind(sentence: str, name: str, short: str) -> None:
    assert _aliases(sentence, name) == [(short, "ORG")]


@pytest.mark.parametrize("sentence, name", [
    ("某某大学（以下简称“甲方”）与某某公司签订协议。", "某某大学"),        # a contract's party
    ("中华人民共和国和蒙古国（以下简称“双方”）基于友好关系", "蒙古国"),
    ("某某有限公司（以下简称“本公司”）承诺", "某某有限公司"),              # a deictic
    ("浙江大学（副部级）与我市签约。", "浙江大学"),                        # no alias word
    ("浙江大学与杭州市简称“杭浙合作”", "浙江大学"),                        # not right after the name
])
def test_no_short_form_that_is_a_party_a_deictic_or_not_given_right_after(sentence: str, name: str) -> None:
    assert _aliases(sentence, name) == []


def test_the_hybrid_keeps_a_short_form_its_models_never_saw() -> None:
    spans = get_extractor("hybrid").extract("郑州宇通客车股份有限公司（简称“宇通客车”）成立于1993年。")
    assert {(s.text, s.label) for s in spans} >= {("郑州宇通客车股份有限公司", "ORG"), ("宇通客车", "ORG")}


def test_a_short_form_names_its_name_wherever_it_recurs() -> None:
    text = "浙江澜拓智能装备股份有限公司（以下简称“澜拓智能”）发布年报，澜拓智能计划新增研发人员200名。"
    got = [(s.text, s.label) for s in get_extractor("hybrid").extract(text)]
    assert got.count(("澜拓智能", "ORG")) == 2
