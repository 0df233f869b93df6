"""The ORG and GPE suffix rules (extractors.name_rules): the fast stem scan against the plain one."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors import name_rules
from extractors.name_rules import LISTED_NAME, bare_organisation


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("科技研究中心大学工程材料技术与和的在()（）-·aB3 ,。、\n带领组建é①")), max_size=40),
       st.data())
def test_stem_start_reads_runs_as_the_scan_reads_characters(text: str, data) -> None:
    names = name_rules.name_rules()
    s = data.draw(st.integers(0, len(text)))
    stops = set(data.draw(st.lists(st.integers(0, len(text)), max_size=4)))
    assert (names._stem_start(text, text[::-1], s, stops, sorted(stops))
            == names._stem_scan(text, s, max(0, s - 24), stops))


def _orgs(text: str) -> set[str]:
    from extractors.rules import RegexExtractor

    return {s.text for s in RegexExtractor().extract(text) if s.label == "ORG"}


def test_an_abbreviated_office_is_one_organisation_but_office_verbs_are_not() -> None:
    assert _orgs("省政府办和区委办下发了通知。") == {"省政府办", "区委办"}
    assert _orgs("区政府办理了这项手续。") == {"区政府"}  # 办理: a verb
    assert _orgs("县委办法第三条。") == {"县委"}  # 办法: a word of its own
    assert "市人民政府办公室" in _orgs("市人民政府办公室发出通知。")


def _gpes(text: str) -> set[str]:
    from extractors.rules import RegexExtractor

    return {s.text for s in RegexExtractor().extract(text) if s.label == "GPE"}


@pytest.mark.parametrize("area", ["茂名市", "日照市", "本溪市", "驻马店市", "和平区", "全椒县"])
def test_an_area_whose_name_holds_a_stop_character_keeps_its_bodies_whole(area: str) -> None:
    # 名, 日, 本, 驻, 和, 全 end other stems (3名, 5日, 本市, 驻村, 和, 全县); these are names of areas
    assert _orgs(f"{area}政府办牵头，{area}科技局参加。") == {f"{area}政府办", f"{area}科技局"}
    assert area in _gpes(f"会议在{area}召开。")


def test_a_district_named_by_a_common_word_is_left_to_the_context() -> None:
    assert not _gpes("推进老城区改造，东城区一带也在其中。")  # 老城区, 东城区: districts in JioNLP's tree, and words


def test_a_ministry_s_department_is_one_organisation() -> None:
    assert _orgs("会后农业部种植业司发布了指南。") == {"农业部种植业司"}
    assert _orgs("财政部部长作报告。") == {"财政部"}  # the minister, not a department
    assert "商务部有关司" not in _orgs("商务部有关司局负责人出席。")  # 有关 qualifies, names nothing
    assert _orgs("科技部高新技术司副司长一行调研。") == {"科技部高新技术司"}  # a name of four characters
    assert _orgs("科技部领导司局长会议召开。") == {"科技部"}  # 司局: departments and bureaus, no department


def test_satellite_channels_are_media() -> None:
    assert _orgs("江苏卫视、湖南卫视联合推出科普节目。") == {"江苏卫视", "湖南卫视"}
    assert not _orgs("他打开卫视频道。")


def test_a_paper_named_by_a_common_word_and_its_local_station() -> None:
    assert _orgs("据工人日报报道,北方晚报也转载了。") == {"工人日报", "北方晚报"}
    assert _orgs("光明日报驻昆明记者站供稿。") == {"光明日报驻昆明记者站"}
    assert not _orgs("他每日报告进度。")  # 每日 + 报告: no paper
    assert not _orgs("小王驻村三年。")  # 驻 after no organisation


def test_a_subdistrict_office_and_a_state_farm_close_an_organisation() -> None:
    assert _orgs("黑龙江省农垦总局红兴隆分局友谊农场获评先进单位。") == {"黑龙江省农垦总局红兴隆分局友谊农场"}
    assert any(o.endswith("高坪街道办事处") for o in _orgs("遵义市汇川区高坪街道办事处组织居民参加讲座。"))
    assert not _orgs("家庭农场主王某介绍经验。")  # 农场主: the farmer, no organisation


def test_a_town_s_or_village_s_committee_and_party_branch_are_organisations() -> None:
    assert _orgs("镇党委书记张强、村委会主任李明和村党支部书记王桂英出席。") == {"镇党委", "村委会", "村党支部"}
    assert not _orgs("加强农村党支部和社区党委建设。")  # 农村, 社区: the level character is a common noun's


def test_two_fields_joined_by_and_make_one_bureau() -> None:
    assert _orgs("县林业和草原局、县文化广电和旅游局联合发文。") == {"县林业和草原局", "县文化广电和旅游局"}


def test_units_schools_and_the_verbs_before_them() -> None:
    assert _orgs("重庆市公安督察大队成立。") == {"重庆市公安督察大队"}
    assert _orgs("刘耀明考入沈丘师范，但学费难筹。") == {"沈丘师范"}  # 考入 introduces the school
    assert not _orgs("师范生和生产大队长都来了。")  # words that begin with the unit's word
    assert "中国人民政治协商会" not in _orgs("第一届中国人民政治协商会议召开。")  # 会议, not a 商会


@pytest.mark.parametrize("text, bare", [
    ("科技局党组", True), ("公司", True), ("局党委", True), ("委员会", True),   # an organisation word alone
    ("县科技局", False), ("市政府", False),          # a level names one body
    ("国家教委", False), ("中国科协", False), ("科技部", False),  # the state's own bodies, a ministry
    ("经济日报", False), ("湛江市科技局", False), ("华为公司", False), ("北京大学", False),
    ("宣传部", True), ("组织部", True), ("市委宣传部", False), ("大连理工", False),  # a further organisation word
    ("海洋观测站", True), ("光伏研究所", True), ("县气象观测站", False),  # field words, with and without a level
])
def test_a_bare_organisation_word_names_no_body(text: str, bare: bool) -> None:
    assert bare_organisation(text) is bare


def test_the_items_of_a_list_closed_by_a_kind_of_organisation_are_organisations() -> None:
    text = "吸引了汇川技术、英威腾等一批企业落户，以及腾讯、美团、京东等企业参与。"
    assert {"汇川技术", "英威腾", "腾讯", "美团", "京东"} <= _orgs(text)
    # the first item starts after the last verb or particle before it, not at a preposition in a name
    assert {"北京同仁堂", "美的"} <= _orgs("该区引进北京同仁堂、美的等企业。")


def _listed(text: str) -> dict[str, float | None]:
    from extractors.rules import RegexExtractor

    hits = RegexExtractor().find(text)
    return {text[h.start:h.end]: h.score for h in hits if h.label == "ORG"}


def test_a_few_characters_of_the_field_may_stand_between_a_list_and_its_kind() -> None:
    # 华为 and 苏宁 are names to jieba (a person's, a place's): in such a list they are sure organisations
    assert _listed("华为、中兴等通信企业参加了展会。") == {"华为": LISTED_NAME, "中兴": LISTED_NAME}
    assert _listed("苏宁、国美等家电零售企业加快线上转型。") == {"苏宁": LISTED_NAME, "国美": LISTED_NAME}
    # 为 stops a stem, but jieba reads 华为 as one name: the first item begins with it
    assert set(_listed("为华为、中兴等企业服务。")) == {"华为", "中兴"}


@pytest.mark.parametrize("text", [
    "支持深圳、广州等地企业发展。",      # the places' bodies (`list_field_breakers`)
    "中国、美国等国家的企业参加。",
])
def test_no_list_of_organisations_where_the_field_says_the_bodies_are_the_places(text: str) -> None:
    assert _listed(text) == {}


def test_a_listed_name_is_sure_only_where_its_kind_closes_the_list() -> None:
    assert all(score is None for score in _listed("马云、王健林等企业家出席。").values())  # 企业家: people
    assert all(score is None for score in _listed("张三、李四等公司员工参加培训。").values())  # their people
    # 美的 is a name to jieba, and 北京同仁堂, which it knows no word for, is listed with it
    assert _listed("该区引进北京同仁堂、美的等企业。") == {"北京同仁堂": LISTED_NAME, "美的": LISTED_NAME}


def test_a_listed_brand_is_sure_where_a_proper_name_is_listed_with_it() -> None:
    # 比亚迪, 腾讯 and 京东 are names to jieba; 蔚来, 小鹏 and 字节跳动 no word it knows: brands of the same list
    assert _listed("比亚迪、蔚来、小鹏等车企加大研发投入。") == dict.fromkeys(["比亚迪", "蔚来", "小鹏"], LISTED_NAME)
    assert _listed("来自腾讯、京东、字节跳动等企业的代表参加了座谈。") == dict.fromkeys(["腾讯", "京东", "字节跳动"],
                                                                                   LISTED_NAME)
    # no name of jieba's in the list: its items may be fields, left for the models to weigh
    assert all(score is None for score in _listed("甲元科技、乙丰药械等企业申报。").values())
    assert all(score is None for score in _listed("汽车、电子等企业加快转型。").values())


def test_a_list_counted_by_the_classifier_of_businesses_is_a_list_of_organisations() -> None:
    assert {"甲元科技", "乙丰药械", "丙华葛业"} <= _orgs("甲元科技、乙丰药械、丙华葛业3家公司申报。")
    assert {"恒丰纺织", "京达电机", "嘉润"} <= _orgs("通过复审4家(恒丰纺织、京达电机、嘉润、华美),总数达30家。")


def test_no_list_of_organisations_where_no_kind_of_organisation_closes_it() -> None:
    assert not _orgs("北京、上海等城市，科研机构和高等院校，加工、销售等企业。")
    assert not _orgs("来自香港、台湾和澳门的40家企业参展。")  # places, and a phrase, counted


def test_a_level_character_opening_a_word_is_no_level() -> None:
    from extractors.name_rules import bare_organisation

    assert bare_organisation("市场监管局") and bare_organisation("市场监督管理局")  # the market regulator
    assert not bare_organisation("县市场监管局") and not bare_organisation("市科技局")
    assert not bare_organisation("市政府")
