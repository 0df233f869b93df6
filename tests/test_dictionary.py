"""The dictionary extractor: gazetteers from packages, composition, longest match, robustness.

The sentences are written for these tests (not taken from the seeds); Traditional ones carry
inline pinyin annotations the way the seeds do.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import get_extractor
from extractors.dictionary import DictionaryExtractor
from extractors.gazetteer import load_gazetteer
from extractors.package_data import cache_dir
from extractors.schema import Span


@pytest.fixture(scope="module")
def ex() -> DictionaryExtractor:
    return DictionaryExtractor()  # built once per process (or read from the cache), then shared


def found(ex: DictionaryExtractor, raw: str) -> list[tuple[str, str]]:
    return [(s.text, s.label) for s in ex.extract(raw)]


def test_registry_entry_point() -> None:
    e = get_extractor("dictionary")
    assert (e.name, e.kind) == ("dictionary", "dictionary")
    assert set(e.labels) == {"PERSON", "ORG", "GPE", "LOC"}


def test_gazetteer_is_loaded_once() -> None:
    assert load_gazetteer() is load_gazetteer()


def test_cache_dir_is_configurable_and_outside_the_repo(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("XBENCH_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    repo = Path(__file__).resolve().parents[1]
    assert repo not in cache_dir().resolve().parents
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "xbench"
    monkeypatch.setenv("XBENCH_CACHE_DIR", str(tmp_path))
    assert cache_dir() == tmp_path


# --- areas -------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ("浙江省杭州市", [("浙江省", "GPE"), ("杭州市", "GPE")]),            # full names from JioNLP
    ("长沙浏阳两地", [("长沙", "GPE"), ("浏阳", "GPE")]),                 # adjacent areas stay apart
    ("门源县农民", [("门源县", "GPE")]),                                 # 门源回族自治县: short form + 县
    ("內蒙古自治區(qū)", [("內蒙古自治區(qū)", "GPE")]),         # longest match, annotation inside
    ("美国和俄罗斯", [("美国", "GPE"), ("俄罗斯", "GPE")]),              # countries from JioNLP's world list
])
def test_areas(ex: DictionaryExtractor, raw: str, expected: list[tuple[str, str]]) -> None:
    assert found(ex, raw) == expected


def test_level_and_area_suffixes_stay_outside(ex: DictionaryExtractor) -> None:
    assert found(ex, "杭州市级项目") == [("杭州市", "GPE")]
    assert found(ex, "湘西地区") == [("湘西", "GPE")]


def test_suffix_that_starts_the_next_word_is_left_out(ex: DictionaryExtractor) -> None:
    assert found(ex, "打开上海市场") == [("上海", "GPE")]          # 市场, not 上海市
    assert found(ex, "湖南省长") == [("湖南", "GPE")]              # the governor, not 湖南省...
    assert found(ex, "湖南省长沙市") == [("湖南省", "GPE"), ("长沙市", "GPE")]  # ...unless a place follows


def test_short_form_inside_a_common_word_is_not_a_place(ex: DictionaryExtractor) -> None:
    assert found(ex, "推进东北振兴和转型") == []         # 兴和 (a county) straddles 振兴|和
    assert found(ex, "社会长治久安") == []               # 长治 inside an idiom
    assert found(ex, "支持发展中国家") == []             # 中国 inside a set phrase


def test_villages_need_their_county_in_view(ex: DictionaryExtractor) -> None:
    assert found(ex, "凤阳县小岗村") == [("凤阳县", "GPE"), ("小岗村", "GPE")]
    assert found(ex, "参观小岗村") == []
    assert found(ex, "凤阳县高山村") == [("凤阳县", "GPE")]  # a name in 160 counties describes, not names


def test_province_one_character_names_in_a_list(ex: DictionaryExtractor) -> None:
    assert found(ex, "销往沪、苏、浙市场") == [("沪", "GPE"), ("苏", "GPE"), ("浙", "GPE")]


def test_province_one_character_name_after_a_verb_of_motion(ex: DictionaryExtractor) -> None:
    assert found(ex, "市长带队赴京汇报") == [("京", "GPE")]
    assert found(ex, "组织企业赴沪考察") == [("沪", "GPE")]
    assert found(ex, "离京前座谈") == [("京", "GPE")]
    assert found(ex, "促进京津冀协同发展") == []    # 促进 is a word: 进 is no verb of its own here
    assert found(ex, "进港船舶增加") == []          # jieba reads 进港 as a noun (a ship's entering port)
    assert found(ex, "推进云计算") == []


def test_county_short_form_that_is_also_a_word_needs_its_city(ex: DictionaryExtractor) -> None:
    assert found(ex, "实施十大惠民工程") == []                  # 惠民: "benefit the people"
    assert found(ex, "今年新建省级重点实验室3家") == []          # 新建: "newly built"; 省 follows provinces only
    assert ("惠民", "GPE") in found(ex, "滨州市下辖惠民、阳信两县")  # its city in view
    assert found(ex, "与长安大学合作") == [("长安大学", "ORG")]    # still a stem right before its organisation word
    assert found(ex, "组织企业赴余姚考察") == [("余姚", "GPE")]     # only a name: not gated


def test_short_form_ending_inside_a_frequent_name_like_word(ex: DictionaryExtractor) -> None:
    assert found(ex, "举办金凤凰奖评选") == []      # 金凤|凤凰 (phoenix), and 凰 goes into no other word
    assert found(ex, "洛阳光伏产业") == [("洛阳", "GPE")]   # 阳光, but 光 goes on into 光伏
    assert found(ex, "大同比上年增长") == [("大同", "GPE")]  # 同比 is an abbreviation, not a name-like word


def test_a_list_vouches_for_its_items(ex: DictionaryExtractor) -> None:
    assert found(ex, "和平街道开展活动") == []       # a town whose stem is a common word needs its county...
    assert found(ex, "城关镇、和平街道") == [("城关镇", "GPE"), ("和平街道", "GPE")]  # ...or a list of areas
    assert found(ex, "在包头、前旗、后旗等地推广") == [("包头", "GPE"), ("前旗", "GPE"), ("后旗", "GPE")]
    assert found(ex, "在北京、新区等地推广") == [("北京", "GPE")]   # 新区: a frequent word
    assert found(ex, "在学校、前旗等地推广") == []                   # no area named in the list


def test_adjective_before_a_town_short_form_makes_another_name(ex: DictionaryExtractor) -> None:
    assert found(ex, "慈溪市周巷") == [("慈溪市", "GPE"), ("周巷", "GPE")]
    assert found(ex, "慈溪市新周巷") == [("慈溪市", "GPE")]


def test_nothing_inside_a_title(ex: DictionaryExtractor) -> None:
    assert found(ex, "印发《杭州市科技创新条例》") == []


# --- organisations -----------------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ("浙江大学", [("浙江大学", "ORG")]),                                   # place + organisation word
    ("湖南省长沙市教育局", [("湖南省长沙市教育局", "ORG")]),               # places chain into the ORG
    ("县委书记", [("县委", "ORG")]),                                       # level + body
    ("落实中央和省委决策", [("中央", "ORG"), ("省委", "ORG")]),             # the Centre on its own
    ("市委、市政府", [("市委", "ORG"), ("市政府", "ORG")]),
    ("县委县政府", [("县委", "ORG"), ("县政府", "ORG")]),                  # two bodies, not one
    ("省科技厅", [("省科技厅", "ORG")]),
    ("该县科技局党组", [("县科技局党组", "ORG")]),                        # deictic outside, part inside
    ("国家发改委", [("国家发改委", "ORG")]),
    ("北京市政府", [("北京市政府", "ORG")]),                               # longer ORG beats GPE 北京市
    ("杭州西湖龙井茶叶有限公司", [("杭州西湖龙井茶叶有限公司", "ORG")]),   # place + name words + 有限公司
    ("中国科学院成都分院", [("中国科学院成都分院", "ORG")]),               # organisation + place + part
    ("中原区科技局联合郑州大学", [("中原区科技局", "ORG"), ("郑州大学", "ORG")]),  # two names, not one
])
def test_organisations(ex: DictionaryExtractor, raw: str, expected: list[tuple[str, str]]) -> None:
    assert found(ex, raw) == expected


def test_area_in_brackets_inside_an_organisation(ex: DictionaryExtractor) -> None:
    assert found(ex, "建立浙江大学技术转移(杭州)中心") == [("浙江大学技术转移(杭州)中心", "ORG")]
    assert found(ex, "华为技术(深圳)有限公司") == [("深圳", "GPE")]   # no name starts at the bracket
    assert found(ex, "浙江大学(杭州)和复旦大学") == [("浙江大学", "ORG"), ("杭州", "GPE"), ("复旦大学", "ORG")]


def test_firm_listed_as_a_place_and_a_trade(ex: DictionaryExtractor) -> None:
    assert found(ex, "寿光菜业、诸城猪业等企业") == [("寿光菜业", "ORG"), ("诸城猪业", "ORG")]
    assert found(ex, "推进湖州竹业转型升级") == [("湖州", "GPE")]   # out of a list: the sector
    assert found(ex, "杭州农业、杭州林业") == [("杭州", "GPE"), ("杭州", "GPE")]  # jieba's words: sectors


def test_institutes(ex: DictionaryExtractor) -> None:
    assert found(ex, "杭州茶研所") == [("杭州茶研所", "ORG")]
    assert found(ex, "中国科学院武汉岩土所") == [("中国科学院武汉岩土所", "ORG")]
    assert found(ex, "在上海工作所需") == [("上海", "GPE")]     # 所需, not an institute
    assert found(ex, "中科院三所高校") == [("中科院", "ORG")]   # 三所: a classifier


def test_a_level_body_s_unit_is_one_organisation(ex: DictionaryExtractor) -> None:
    # a level prefix and a body grow into their parts as a named body does (中国农科院 + 植保所)
    assert found(ex, "市农科院蔬菜所所长") == [("市农科院蔬菜所", "ORG")]
    assert found(ex, "省社科院经济所研究员") == [("省社科院经济所", "ORG")]
    assert found(ex, "县科技局党组书记") == [("县科技局党组", "ORG")]


def test_bare_or_generic_organisation_words_are_not_names(ex: DictionaryExtractor) -> None:
    assert found(ex, "科技局") == []
    assert found(ex, "财政部门审核") == []          # 部门, not the ministry 财政部
    assert found(ex, "县科技局长") == []            # a title: 局长
    assert found(ex, "高校和科研院所") == []


def test_a_clause_is_not_an_organisation_name(ex: DictionaryExtractor) -> None:
    assert found(ex, "杭州市组建科技创新中心") == [("杭州市", "GPE")]
    # an area and a verb inside a zone's middle: a clause, not a zone named 翠屏区李庄镇建成竹产业示范园
    assert found(ex, "翠屏区李庄镇建成竹产业示范园") == [("翠屏区", "GPE"), ("李庄镇", "GPE")]


def test_traditional_with_annotations(ex: DictionaryExtractor) -> None:
    raw = "記者從湖南省長(zhǎng)沙市教育局獲悉"
    (span,) = ex.extract(raw)
    assert (span.label, span.text, span.value) == ("ORG", "湖南省長(zhǎng)沙市教育局", "湖南省长沙市教育局")
    assert raw[span.start:span.end] == span.text


# --- places, persons ---------------------------------------------------------------------------

def test_named_zone_is_a_place(ex: DictionaryExtractor) -> None:
    assert found(ex, "入驻武汉光谷科技园") == [("武汉光谷科技园", "LOC")]
    assert found(ex, "融入长三角") == [("长三角", "LOC")]
    # a region's zone with descriptive words between, a bonded zone, a science city
    assert found(ex, "选址于黄河三角洲农业高新技术产业示范区") == [("黄河三角洲农业高新技术产业示范区", "LOC")]
    assert found(ex, "张家港保税区签约项目") == [("张家港保税区", "LOC")]
    assert found(ex, "位于浦东新区的张江科学城") == [("浦东新区", "GPE"), ("张江科学城", "LOC")]  # 张江 vouched for
    assert found(ex, "莫干山国际旅游度假区") == [("莫干山国际旅游度假区", "LOC")]  # a resort
    assert found(ex, "呼伦贝尔大草原的牧民") == [("呼伦贝尔大草原", "LOC")]  # a grassland named after its city
    assert found(ex, "横琴粤澳深度合作区") == []  # 深度 ("in depth", a place to jieba) names no zone
    assert found(ex, "成都天府国际生物城") == [("成都天府国际生物城", "LOC")]  # a bio city, a park's kind


def test_a_named_zone_s_administration_is_an_organisation(ex: DictionaryExtractor) -> None:
    assert found(ex, "海南热带雨林国家公园管理局组织科考") == [("海南热带雨林国家公园管理局", "ORG")]
    assert found(ex, "县文化广电和旅游局") == [("县文化广电和旅游局", "ORG")]


def test_person_names_from_the_dictionary_only_where_they_look_like_names(ex: DictionaryExtractor) -> None:
    spans = ex.extract("學(xué)習鄧小平理論")
    assert [(s.text, s.label, s.value) for s in spans] == [("鄧小平", "PERSON", "邓小平")]
    assert found(ex, "弘扬文明新风") == []          # jieba tags 弘扬 and 文明 nr


# --- robustness ---------------------------------------------------------------------------------

FRAGMENTS = ["福建省", "三明", "市", "县", "科技局", "委", "大学", "有限公司", "(jiān)", "(shěng)", "、",
             "《", "》", "村", "小岗", "京", "津", "\n", " ", "级", "地区", "中心", "所", "\ud800", "长",
             "(", ")", "杭州", "等地", "赴", "薯业", "新", "和平街道", "长安"]
texts = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)),
    st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=texts)
def test_any_text_gives_flat_sorted_spans(ex: DictionaryExtractor, raw: str) -> None:
    spans = ex.extract(raw)
    assert all(isinstance(s, Span) for s in spans)
    assert all(0 <= s.start < s.end <= len(raw) and s.text == raw[s.start:s.end] for s in spans)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
    assert all(s.label in ex.labels and isinstance(s.value, str) and s.value for s in spans)


def test_a_prefecture_s_office_is_one_organisation(ex: DictionaryExtractor) -> None:
    text = "湛江地区行署、锡林郭勒盟行政公署和地区行署的专员出席。"
    orgs = [s.text for s in ex.extract(text) if s.label == "ORG"]
    assert orgs == ["湛江地区行署", "锡林郭勒盟行政公署", "地区行署"]


def test_an_estuary_is_a_loc_and_a_city_ending_in_kou_stays_an_area() -> None:
    d = DictionaryExtractor()
    found = {(s.text, s.label) for s in d.extract("长江口禁渔成效明显，珠江口建成隧道。")}
    assert found >= {("长江口", "LOC"), ("珠江口", "LOC")}
    assert ("张家口市", "GPE") in {(s.text, s.label) for s in d.extract("张家口市发展冰雪产业。")}


def test_an_area_and_an_area_inside_it_that_jieba_reads_as_one_place_are_two(ex: DictionaryExtractor) -> None:
    # jieba knows 上海浦东 and 辽宁抚顺 as one place each; an area inside its province is two names
    got = [(s.text, s.label) for s in ex.extract("上海浦东和辽宁抚顺的企业签约。")]
    assert got == [("上海", "GPE"), ("浦东", "GPE"), ("辽宁", "GPE"), ("抚顺", "GPE")]
    assert not ex.extract("他走遍了山南海北。")  # areas of two provinces: a set phrase
    # a town's short form names sites too: 首都机场 is the airport here, not the subdistrict
    assert not ex.extract("航班降落在北京首都机场。")
