"""Media outlets named in a reporting line (extractors.outlets), and the hybrid keeping them."""
from __future__ import annotations

import pytest

from extractors.outlets import OUTLET_NAME, outlets_in_reports
from extractors.registry import get_extractor


def _found(text: str) -> set[str]:
    hits = outlets_in_reports(text)
    assert all(h.label == "ORG" and h.score == OUTLET_NAME for h in hits)
    return {text[h.start:h.end] for h in hits}


@pytest.mark.parametrize("text, outlet", [
    ("据人民网报道，全国科技活动周将于5月下旬举行。", "人民网"),   # 人民 is a common word; the site is one word
    ("澎湃新闻记者从市科技局获悉，", "澎湃新闻"),                   # a news app; 澎湃 a verb that begins the line
    ("中央广播电视总台记者 张磊 报道", "中央广播电视总台"),
    ("来源：光明网  责任编辑：李娜", "光明网"),                     # a source line, the name closing its clause
    ("新京报记者在中关村软件园看到，", "新京报"),                   # a paper by 报 alone; 新 an adjective
    ("南方都市报报道称，", "南方都市报"),                           # a direction names a paper
    ("央广网北京6月3日消息，教育部部署高考安全工作。", "央广网"),   # a dateline between name and report
    ("2024年中国青年报记者采访了参赛团队。", "中国青年报"),         # a date's tail before the name
    ("记者从人民网获悉，", "人民网"),
    ("东方网讯 上海市科委近日发布了行动计划。", "东方网"),
    ("中新网青海新闻4月19日电(通宣)近年来，", "中新网"),          # the outlet, not its edition
    ("埃及金字塔报等主要报刊刊登了报道。", "埃及金字塔报"),          # 及 ends a country's name, no "and"
])
def test_a_reporting_line_names_an_outlet(text: str, outlet: str) -> None:
    assert _found(text) == {outlet}


@pytest.mark.parametrize("text", [
    "据国际新闻报道，",              # a generic stem: international news
    "搞好国际新闻报道。",            # a verb and a generic stem
    "根据群众举报，查处了一批案件。",  # 举报: a verb's 报
    "根据有关情报，",                # 情报: a common noun
    "图片来源：互联网",              # a network by its kind
    "他是一名科技新闻记者。",        # a reporter of science news
    "本报讯 记者从市科技局获悉",      # 本报: our paper, no name
    "并允许新闻记者采访。",
    "被首都各大报报道后",            # the big papers
    "这些数据信息网”。",              # 数据 ends in 据, but cites nothing
    "国家电网有限公司加快建设特高压工程。",  # no reporting line
    "人民网",                        # a name alone says nothing of its kind
    "电网、互联网等企业加快转型。",  # a list of firms: no media closes it
])
def test_no_outlet_without_a_reporting_line_and_a_proper_stem(text: str) -> None:
    assert _found(text) == set()


def test_each_outlet_of_a_list_of_media_is_named() -> None:
    # 新华网 before the list's kind only through the next item: the list runs on to 等媒体
    assert _found("新华网、人民网、央视网等媒体进行了转载。") == {"新华网", "人民网", "央视网"}
    # 中央电视台 is no outlet's word here (a broadcaster is an organisation by its word, `name_rules`)
    assert _found("中央电视台、新华网、澎湃新闻等媒体对此进行了报道。") == {"新华网", "澎湃新闻"}


def test_the_hybrid_keeps_an_outlet_its_models_never_saw() -> None:
    spans = get_extractor("hybrid").extract("据人民网报道，中央广播电视总台记者 张磊 在现场。")
    assert {(s.text, s.label) for s in spans} >= {("人民网", "ORG"), ("中央广播电视总台", "ORG")}


def test_a_place_a_founding_clause_begins_with_is_no_organisation_s() -> None:
    spans = get_extractor("hybrid").extract("宁德时代在匈牙利建设电池工厂。")
    assert ("匈牙利", "GPE") in {(s.text, s.label) for s in spans}
    assert not any(s.label == "ORG" and "建设" in s.text for s in spans)
