"""Villages after their towns (extractors.villages): sentences written for these tests."""
from __future__ import annotations

import pytest

from extractors.base import Hit
from extractors.villages import VILLAGE, clan_villages, village_bodies, villages_after_towns


def _villages(sentence: str, town: str) -> list[tuple[str, str, float | None]]:
    at = sentence.index(town)
    hits = villages_after_towns(sentence, [Hit(at, at + len(town), "GPE", score=0.99)])
    return [(sentence[h.start:h.end], h.value, h.score) for h in hits]


@pytest.mark.parametrize("sentence, town, village", [  # clean text: normalised, so Simplified
    ("郫都区唐昌镇战旗村被评为示范村。", "唐昌镇", "战旗村"),   # a common word names the village
    ("东坝头乡张庄村的村民养起了牛。", "东坝头乡", "张庄村"),
    ("东塘街道双桥村开展了培训。", "东塘街道", "双桥村"),       # a street's village
    ("浙江省安吉县鲁家村发展乡村旅游。", "安吉县", "鲁家村"),   # an address that leaves the town out
    ("白沙镇的孔子村修缮了祠堂。", "白沙镇", "孔子村"),         # after a possessive, a proper name (孔子 nr)
])
def test_a_village_after_its_town_is_a_gpe(sentence: str, town: str, village: str) -> None:
    assert _villages(sentence, town) == [(village, village, VILLAGE)]


@pytest.mark.parametrize("sentence, town", [
    ("陆埠镇许多村民开始种茶。", "陆埠镇"),    # a quantifier and 村民
    ("楼子营镇某村的选举顺利。", "楼子营镇"),  # a determiner
    ("龙港乡下一村庄很远。", "龙港乡"),        # 村 starts a word
    ("唐昌镇村民代表参加了会议。", "唐昌镇"),  # no name
    ("西乡的勐来村解放前很穷。", "西乡"),      # a function word between, and no proper name of jieba's after it
    ("槐店乡的重点村建设加快。", "槐店乡"),    # after a possessive a common word describes (重点村, 试点村, 新村)
    ("槐店乡的试点村已有三个。", "槐店乡"),
    ("唐昌镇农村电商发展很快。", "唐昌镇"),    # 农村, 全村, 邻村: common nouns jieba reads whole
    ("陆埠镇全村都种茶。", "陆埠镇"),
    ("大通县邻村的农户也来了。", "大通县"),
    ("松江县创建农村治安防范体系。", "松江县"),  # a verb: a clause about the county
])
def test_no_village_without_a_name_right_after_the_town(sentence: str, town: str) -> None:
    assert _villages(sentence, town) == []


def test_no_village_after_a_place_that_is_no_town() -> None:
    assert _villages("成都市战旗村被评为示范村。", "成都市") == []


@pytest.mark.parametrize("sentence, village", [
    ("在哈达铺镇，李家沟村党支部书记赵永红带领村民种植当归。", "李家沟村"),  # after a comma, no town before it
    ("王家村召开村民大会。", "王家村"),
])
def test_a_village_named_by_a_clan_s_surname_and_jia_is_a_gpe(sentence: str, village: str) -> None:
    hits = clan_villages(sentence)
    assert [(sentence[h.start:h.end], h.label, h.score) for h in hits] == [(village, "GPE", VILLAGE)]


@pytest.mark.parametrize("sentence", [
    "老王家村口有棵大树。",  # 村口: the village's gate, no village's name
    "全市专家村里走访。",    # 专 names no clan
    "庆贺寺乡吴家包村小学安排上学。",  # the village names a school: one ORG, the models'
])
def test_no_clan_village_where_jieba_reads_no_village(sentence: str) -> None:
    assert clan_villages(sentence) == []


def test_a_village_s_body_after_the_village_is_one_org() -> None:
    sentence = "李家沟村党支部书记赵永红带领村民种植当归。"
    hits = village_bodies(sentence, [Hit(0, 4, "GPE", score=0.9), Hit(4, 7, "ORG", score=0.5)])
    assert [(sentence[h.start:h.end], h.label) for h in hits] == [("李家沟村党支部", "ORG")]


def test_a_village_s_body_takes_the_places_before_the_village() -> None:
    sentence = "马桥镇尧治河村党支部书记孙开林带领群众苦干实干。"
    places = [Hit(0, 3, "GPE", score=0.8), Hit(3, 7, "GPE", score=0.9)]
    assert [sentence[h.start:h.end] for h in village_bodies(sentence, places)] == ["马桥镇尧治河村党支部"]
