"""Companies cited by a short name and their trade (extractors.brands), and the hybrid keeping them."""
from __future__ import annotations

import pytest

from extractors.brands import BRAND_NAME, brands_with_trades
from extractors.registry import get_extractor


def _found(text: str) -> set[str]:
    hits = brands_with_trades(text)
    assert all(h.label == "ORG" and h.score == BRAND_NAME for h in hits)
    return {text[h.start:h.end] for h in hits}


@pytest.mark.parametrize("text, firm", [
    ("区科技局与瑞峰科技签订了合作协议。", "瑞峰科技"),     # after a conjunction, before a verb
    ("；德邦制药被评为省级企业技术中心。", "德邦制药"),     # after punctuation, before a preposition
    ("会上，鑫达机械介绍了智能产线。", "鑫达机械"),         # a verb's character inside the name (达)
    ("试点企业2家(宏远电子、金石药业)。", "宏远电子"),       # a rare adjective names a brand; 金石 is a frequent word
    ("格力电器、海尔智家等企业参展。", "格力电器"),         # a word of jieba's: 格力 is rare
    ("会上，鑫达铸造总经理王明介绍了产线。", "鑫达铸造"),   # a person's title after the firm ends its phrase
    ("获得质量奖的有：甬博轴承等5家企业。", "甬博轴承"),
])
def test_a_short_name_and_its_trade_name_a_firm(text: str, firm: str) -> None:
    assert _found(text) == {firm}


@pytest.mark.parametrize("text", [
    "他大力弘扬科技创新精神。",       # 弘扬: a verb jieba tags as a person's name
    "含毒素的赤潮生物使鱼类死亡。",   # after a particle a phrase goes on: 赤潮 is a rare word, no brand
    "推动高科技产业发展。",           # the trade goes on into a noun
    "公共汽车因此停运。",             # 公共: a frequent word
    "重点发展电子、机械和化工。",     # fields, no firm
    "发展农业科技。",
    "湖北生物产业加快发展。",         # a place's trade
    "由华信科技有限公司承建。",       # a company's full name: the rules'
    "比亚迪汽车销量增长。",           # the trade goes on into a noun
    "交流与合作，是中美科技、文化",   # a verb of one character begins no name
    "帮他们插上科技致富的金钥匙",
    "“振华科技扶贫奖励基金”颁奖",     # a quotation that goes on after the trade
    "企业有鑫达机械",                 # a verb's character before the name: where it begins is unclear
])
def test_no_firm_without_a_short_name_that_begins_and_a_trade_that_ends_a_phrase(text: str) -> None:
    assert _found(text) == set()


def test_the_hybrid_keeps_a_firm_its_models_never_saw() -> None:
    spans = get_extractor("hybrid").extract("区科技局与瑞峰科技签订了合作协议；德邦制药被评为省级企业技术中心。")
    assert {(s.text, s.label) for s in spans} >= {("瑞峰科技", "ORG"), ("德邦制药", "ORG"), ("区科技局", "ORG")}
