"""Peer baselines (jieba, JioNLP, LAC): tag mappings, raw-offset validity and robustness.

Each tool loads once per module (fixtures below); sentences are written for these tests.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.annotations import annotation_ranges
from extractors.baselines import (
    JiebaExtractor,
    JiebaRawExtractor,
    JioNLPExtractor,
    JioNLPRawExtractor,
    LACExtractor,
    LACRawExtractor,
    has_calendar_number,
    jionlp_money_value,
    lac_numeric_label,
    place_label,
)
from extractors.registry import Extractor, get_extractor
from extractors.schema import Span, value_problem

CLASSES = {c.name: c for c in (JiebaExtractor, JiebaRawExtractor, JioNLPExtractor, JioNLPRawExtractor,
                               LACExtractor, LACRawExtractor)}


@pytest.fixture(scope="module")
def ex() -> dict[str, Extractor]:
    """One instance of each baseline; the tools' models are cached, so this loads each once."""
    return {name: cls() for name, cls in CLASSES.items()}


def found(spans: list[Span]) -> set[tuple[str, str]]:
    return {(s.text, s.label) for s in spans}


def assert_valid(raw: str, spans: list[Span], labels: tuple[str, ...]) -> None:
    assert spans == sorted(spans)
    for a, b in zip(spans, spans[1:], strict=False):
        assert a.end <= b.start, (a, b)
    for s in spans:
        assert 0 <= s.start < s.end <= len(raw)
        assert s.text == raw[s.start:s.end]
        assert s.label in labels
        assert value_problem(s.label, s.value) is None, s


# ---------------------------------------------------------------- shared rules

def test_place_rule_splits_administrative_names_from_other_places() -> None:
    assert place_label("浙江省") == "GPE"        # in JioNLP's gazetteer
    assert place_label("杭州") == "GPE"          # a city's short name in the gazetteer
    assert place_label("法国") == "GPE"          # a country
    assert place_label("桃花村") == "GPE"        # administrative suffix
    assert place_label("嘉興(xīng)市") == "GPE"  # judged on the normalised name
    assert place_label("珠三角") == "LOC"
    assert place_label("中关村科技园") == "LOC"


def test_date_needs_a_year_month_or_day_number() -> None:
    for text in ("2019年", "二〇一九年", "20xx年", "3月", "十月", "12日", "2019-05-06", "5·12", "2019"):
        assert has_calendar_number(text), text
    for text in ("今年", "近日", "上半年", "一年", "三年", "15:30", "十四五"):
        assert not has_calendar_number(text), text


def test_lac_numeral_tokens_map_by_their_unit() -> None:
    assert lac_numeric_label("36项") == "QUANTITY"
    assert lac_numeric_label("1.5万平方米") == "QUANTITY"
    assert lac_numeric_label("200万元") == "MONEY"
    assert lac_numeric_label("12.5%") == "PERCENT"
    assert lac_numeric_label("3个百分点") == "PERCENT"
    for word in ("2018", "三个", "第5期", "一批"):
        assert lac_numeric_label(word) is None, word


def test_jionlp_money_parse_maps_to_schema_values() -> None:
    assert jionlp_money_value({"num": "4500.00", "case": "元", "definition": "accurate"}) == \
        {"amount": 4500.0, "unit": "CNY"}
    assert jionlp_money_value({"num": ["10000.00", "20000.00"], "case": "美元", "definition": "blur"}) == \
        {"low": 10000.0, "high": 20000.0, "unit": "USD", "mod": "approx"}
    assert jionlp_money_value({"num": "5.00", "case": "法郎", "definition": "accurate"}) is None


# ---------------------------------------------------------------- mappings on short sentences

def test_registry_names_and_kinds(ex: dict[str, Extractor]) -> None:
    for name, e in ex.items():
        assert e.name == name and e.kind == "baseline"
        assert isinstance(e, Extractor)
    assert get_extractor("lac").name == "lac"


def test_jieba_maps_person_place_and_organisation_tags(ex: dict[str, Extractor]) -> None:
    spans = ex["jieba"].extract("王建国在北京市参加会议，华为技术有限公司代表李明华也来到长三角。")
    assert {("王建国", "PERSON"), ("北京市", "GPE"), ("长三角", "LOC")} <= found(spans)
    assert all(s.label in JiebaExtractor.labels for s in spans)


def test_lac_maps_names_dates_numbers_and_works(ex: dict[str, Extractor]) -> None:
    text = "2023年5月，华为技术有限公司在深圳投资3亿元，新增80个岗位，占比达到45%。王建国读了《平凡的世界》。"
    spans = {s.text: s for s in ex["lac"].extract(text)}
    assert spans["2023年5月"].label == "DATE"
    assert spans["华为技术有限公司"].label == "ORG"
    assert spans["深圳"].label == "GPE"
    assert spans["3亿元"].label == "MONEY"
    assert spans["80个"].label == "QUANTITY"
    assert spans["45%"].label == "PERCENT"
    assert spans["王建国"].label == "PERSON"
    assert spans["平凡的世界"].label == "WORK"


def test_jionlp_dates_money_and_gazetteer(ex: dict[str, Extractor]) -> None:
    text = "会议于4月19日在杭州市召开，2016年上半年投入800多万元，去年年底再次召开。"
    spans = {s.text: s for s in ex["jionlp"].extract(text)}
    assert spans["4月19日"].value == "XXXX-04-19"        # no year in the text: XXXX
    assert spans["2016年上半年"].value == "2016-H1"
    assert spans["800多万元"].label == "MONEY"
    assert spans["800多万元"].value == {"low": 8e6, "high": 9e6, "unit": "CNY", "mod": "approx"}
    assert spans["杭州市"].label == "GPE"
    assert not any(s.startswith("去年") for s in spans)   # relative, no calendar number


def test_jionlp_time_parses_become_timex_values(ex: dict[str, Extractor]) -> None:
    text = "系统于2022-11-03 15:04上线，6月1日至3日试运行，10月25日晚验收。"
    values = {s.text: s.value for s in ex["jionlp"].extract(text) if s.label == "DATE"}
    assert values == {"2022-11-03 15:04": "2022-11-03T15:04", "6月1日至3日": "XXXX-06-01/XXXX-06-03",
                      "10月25日晚": "XXXX-10-25"}


def test_county_short_names_count_for_tagged_places_only(ex: dict[str, Extractor]) -> None:
    assert place_label("大通") == "GPE"   # a tool tagged it a place: JioNLP's short name decides
    spans = ex["jionlp"].extract("农民专业合作社搭建创新平台。")
    assert spans == []                      # 合作 (合作市), 新平 (新平县) are not matched bare


def test_normal_variant_reads_clean_text_and_maps_back(ex: dict[str, Extractor]) -> None:
    raw = "市長李明華(huá)到杭州市西湖區調研。"
    for name in ("jieba", "lac"):
        spans = ex[name].extract(raw)
        assert_valid(raw, spans, CLASSES[name].labels)
        person = [s for s in spans if s.label == "PERSON"]
        assert [(s.text, s.value) for s in person] == [("李明華(huá)", "李明华")], name


def test_raw_variant_keeps_raw_offsets_and_normalised_values(ex: dict[str, Extractor]) -> None:
    raw = "王建國在北京市參加會議，投資3億元。"
    spans = ex["lac-raw"].extract(raw)
    assert_valid(raw, spans, LACRawExtractor.labels)
    assert ("北京市", "GPE") in found(spans)
    person = [s for s in spans if s.label == "PERSON"]
    assert all(s.value == "王建国" for s in person)


# ---------------------------------------------------------------- validity and robustness

def test_all_variants_give_valid_spans_on_an_annotated_seed(ex: dict[str, Extractor], root: Path) -> None:
    raw = (root / "seeds" / "000_a30258ca9ad81b5c.txt").read_bytes().decode("utf-8")
    inside = {i for a, b in annotation_ranges(raw) for i in range(a + 1, b)}
    assert inside, "the seed should carry inline pinyin annotations"
    for name, e in ex.items():
        spans = e.extract(raw)
        assert spans, name
        assert_valid(raw, spans, e.labels)
        if not name.endswith("-raw"):  # normalised variants never cut an annotation
            assert not any(s.start in inside or s.end in inside for s in spans), name


# Any character a UTF-8 file can hold (lone surrogates cannot; extractors.normalise, via OpenCC,
# rejects them), plus the characters the mappings look at, so short strings reach them.
_ALPHABET = st.one_of(st.characters(codec="utf-8"),
                      st.sampled_from(list("年月日号元万亿%％项个市省县北京張三李华(jiān)《》0123456789. \n\t\u3000")))


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_any_text_gives_valid_spans(ex: dict[str, Extractor], name: str) -> None:
    e = ex[name]

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.text(alphabet=_ALPHABET, max_size=80))
    def check(raw: str) -> None:
        assert_valid(raw, e.extract(raw), e.labels)

    check()
