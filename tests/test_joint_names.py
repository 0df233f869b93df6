"""A joint centre is one organisation across its dash (extractors.joint_names), and the hybrid keeps it whole."""
from __future__ import annotations

import pytest

from extractors.base import Hit
from extractors.joint_names import JOINT_NAME, joint_names
from extractors.registry import get_extractor


def _joint(sentence: str, *names: tuple[str, str]) -> list[str]:
    likely = []
    for text, label in names:
        at = sentence.index(text)
        likely.append(Hit(at, at + len(text), label, score=0.95))
    hits = joint_names(sentence, likely)
    assert all(h.score == JOINT_NAME and h.label == "ORG" for h in hits)
    return [sentence[h.start:h.end] for h in hits]


@pytest.mark.parametrize("sentence, names, whole", [
    ("江南大学-无锡禾丰食品科技研发中心正式运行。", [("江南大学", "ORG"), ("无锡禾丰食品科技研发中心", "ORG")],
     "江南大学-无锡禾丰食品科技研发中心"),
    ("中国—东盟技术转移中心在曼谷举办对接会。", [("中国", "GPE"), ("东盟技术转移中心", "ORG")],
     "中国—东盟技术转移中心"),
    ("中国——东盟技术转移中心", [("中国", "GPE"), ("东盟技术转移中心", "ORG")], "中国——东盟技术转移中心"),
    ("中科院—北京大学联合天体物理中心主任",  # the longer second partner
     [("中科院", "ORG"), ("北京大学", "ORG"), ("北京大学联合天体物理中心", "ORG")], "中科院—北京大学联合天体物理中心"),
])
def test_partners_joined_by_a_dash_and_a_centre_are_one_org(sentence: str, names: list[tuple[str, str]],
                                                            whole: str) -> None:
    assert _joint(sentence, *names) == [whole]


@pytest.mark.parametrize("sentence, names", [
    ("俄通社—塔斯社报道", [("俄通社", "ORG"), ("塔斯社", "ORG")]),  # an agency's 社 is no organisation's word
    ("马来西亚—新西兰商务研讨会上说", [("马来西亚", "GPE"), ("新西兰", "GPE")]),  # places before an event
    ("中国—东盟博览会", [("中国", "GPE"), ("东盟", "ORG")]),  # a bare name is no centre
    ("清华大学与中关村研究中心", [("清华大学", "ORG"), ("中关村研究中心", "ORG")]),  # no dash
    ("华盛顿—卡内基研究院", [("华盛顿", "PERSON"), ("卡内基研究院", "ORG")]),  # a person is no partner here
])
def test_no_joint_name_without_a_dash_a_partner_and_a_centre(sentence: str, names: list[tuple[str, str]]) -> None:
    assert _joint(sentence, *names) == []


def test_the_hybrid_names_the_joint_centre_whole() -> None:
    spans = get_extractor("hybrid").extract("江南大学-无锡禾丰食品科技研发中心正式运行。")
    assert [(s.text, s.label) for s in spans] == [("江南大学-无锡禾丰食品科技研发中心", "ORG")]
