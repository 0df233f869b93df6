"""A unit named by two fields joined by 和 or 与 is one organisation with its body (extractors.joined_fields)."""
from __future__ import annotations

import pytest

from extractors.base import Hit
from extractors.joined_fields import JOINED_UNIT, joined_units
from extractors.registry import get_extractor


def _units(text: str, body: str, label: str = "GPE") -> list[str]:
    at = text.index(body)
    hits = joined_units(text, [Hit(at, at + len(body), label, score=0.99)])
    assert all(h.label == "ORG" and h.score == JOINED_UNIT for h in hits)
    return [text[h.start:h.end] for h in hits]


@pytest.mark.parametrize("text, body, label, whole", [
    ("据三门峡市林业和园林局消息", "三门峡市", "GPE", "三门峡市林业和园林局"),  # jieba: 林业|和|园林局
    ("闽江学院地理与海洋学院团队完成", "闽江学院", "ORG", "闽江学院地理与海洋学院"),
    ("美国全国海洋与大气管理局专家的观点", "美国", "GPE", "美国全国海洋与大气管理局"),
    ("中国教育和科研计算机网专家委员会主任", "中国", "GPE", "中国教育和科研计算机网专家委员会"),  # a unit of it
])
def test_a_body_and_a_unit_of_joined_fields_are_one_org(text: str, body: str, label: str, whole: str) -> None:
    assert _units(text, body, label) == [whole]


@pytest.mark.parametrize("text, body, label", [
    ("市委和市政府高度重视", "市委", "ORG"),                  # two bodies
    ("北京市科委和市政府联合发文", "北京市科委", "ORG"),
    ("清华大学牵头与企业共建研究院", "清华大学", "ORG"),      # a verb: a clause
    ("镇政府分管领导和财政所实施监督", "镇政府", "ORG"),      # people, no field
    ("三门峡市园林局发布消息", "三门峡市", "GPE"),            # no joining word: the rules' and models' own
])
def test_no_joined_unit_across_bodies_clauses_or_people(text: str, body: str, label: str) -> None:
    assert _units(text, body, label) == []


def test_the_hybrid_reads_the_bureau_whole() -> None:
    text = "据三门峡市林业和园林局消息，今冬已有上万只白天鹅飞抵。"
    got = [(s.text, s.label) for s in get_extractor("hybrid").extract(text)]
    assert got == [("三门峡市林业和园林局", "ORG")]
