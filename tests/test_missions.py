"""A state's or a body's mission elsewhere (extractors.missions) is one organisation, in the hybrid too."""
from __future__ import annotations

import pytest

from extractors.base import Hit
from extractors.missions import MISSION, missions
from extractors.registry import get_extractor


def _missions(text: str, sender: str, label: str = "GPE") -> list[str]:
    at = text.index(sender)
    hits = missions(text, [Hit(at, at + len(sender), label, score=0.99)])
    assert all(h.label == "ORG" and h.score == MISSION for h in hits)
    return [text[h.start:h.end] for h in hits]


@pytest.mark.parametrize("text, sender, mission", [
    ("中国驻美国大使馆发言人说", "中国", "中国驻美国大使馆"),
    ("英国驻港总领事馆发表声明", "英国", "英国驻港总领事馆"),              # a one-character host
    ("中国驻法国斯特拉斯堡总领事馆开馆", "中国", "中国驻法国斯特拉斯堡总领事馆"),
])
def test_a_sender_stationed_host_and_mission_word_are_one_org(text: str, sender: str, mission: str) -> None:
    assert _missions(text, sender) == [mission]


def test_a_body_s_office_elsewhere_is_one_org() -> None:
    assert _missions("齐齐哈尔市政府驻哈尔滨办事处", "齐齐哈尔市政府", "ORG") == ["齐齐哈尔市政府驻哈尔滨办事处"]


@pytest.mark.parametrize("text, sender", [
    ("中国驻法国大使蔡方柏为总领馆揭牌", "中国"),  # a person's title between: the ambassador
    ("中国驻联合国代表团", "中国"),                # a team, no mission word
    ("他常驻北京办事处", "他"),                    # 常驻: the sender is not right before 驻
])
def test_no_mission_across_a_title_without_its_word_or_sender(text: str, sender: str) -> None:
    assert _missions(text, sender) == []


def test_the_hybrid_reads_the_mission_whole() -> None:
    text = "以色列驻上海总领事馆科技参赞大卫·科恩表示，希望深化合作。"
    got = [(s.text, s.label) for s in get_extractor("hybrid").extract(text)]
    assert got == [("以色列驻上海总领事馆", "ORG"), ("大卫·科恩", "PERSON")]
