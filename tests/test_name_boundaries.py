"""Boundary evidence (extractors.name_boundaries): a name does not run left across a verb or a preposition,
nor right across a verb out of a shorter proposal of it."""
from __future__ import annotations

from dataclasses import replace

import pytest

from extractors.base import Hit
from extractors.name_boundaries import (
    holding_persons,
    named_units,
    numbered_units,
    organisation_start,
    persons_run_on,
    places_of_foundings,
    run_left,
    run_over_founding,
    run_past_offices,
    run_right,
    seats_in_brackets,
    stranded_start,
    unbalanced,
    without_runs,
)

NAMES = frozenset({"PERSON", "ORG", "GPE", "LOC"})


def _span(text: str, name: str, label: str = "ORG") -> Hit:
    start = text.index(name)
    return Hit(start, start + len(name), label)


def test_a_name_that_took_the_verb_before_it_loses_to_the_name() -> None:
    text = "他后来担任北京大学校长。"
    longer, name = _span(text, "担任北京大学"), _span(text, "北京大学")
    assert run_left(text, [[longer], [name]], NAMES) == {(longer.start, longer.end, "ORG")}
    kept = without_runs(text, {"regex": [longer], "names": [name]}, NAMES)
    assert kept == {"regex": [], "names": [name]}


def test_a_conjunction_or_adverb_before_the_name_is_no_part_of_it() -> None:
    text = "但华东电力公司表示，更不能让步。"
    longer, name = _span(text, "但华东电力公司"), _span(text, "华东电力公司")
    assert run_left(text, [[longer, name]], NAMES) == {(longer.start, longer.end, "ORG")}


def test_a_name_whose_words_are_names_keeps_its_place_name() -> None:
    # 北京市 is a place word, not a verb: the whole office stays a candidate beside its shorter form
    text = "北京市科技局发布通知。"
    longer, shorter = _span(text, "北京市科技局"), _span(text, "科技局")
    assert run_left(text, [[longer, shorter]], NAMES) == set()


def test_only_a_shorter_proposal_ending_there_is_evidence() -> None:
    text = "他后来担任北京大学校长。"
    longer = _span(text, "担任北京大学")
    assert run_left(text, [[longer]], NAMES) == set()  # nothing else proposed: nothing to prefer
    other_label = _span(text, "北京大学", "LOC")
    assert run_left(text, [[longer, other_label]], NAMES) == set()  # another label is another name
    assert run_left(text, [[longer, _span(text, "北京大学")]], frozenset({"PERSON"})) == set()  # not asked about ORG


def test_an_organisation_begins_where_a_word_does() -> None:
    text = "听到一位生产名牌味素工厂的代表说，本报讯中保寿险上海分公司近日推出新险种。"
    assert organisation_start(text, text.index("牌味素工厂")) is None  # the second half of 名牌
    assert organisation_start(text, text.index("报讯中保")) is None  # inside 本报讯
    assert organisation_start(text, text.index("中保寿险")) == text.index("中保寿险")


def test_an_organisation_cut_inside_a_place_begins_with_the_place() -> None:
    text = "政协建议杭州市政协委员提案。"
    assert organisation_start(text, text.index("州市政协")) == text.index("杭州市政协")


def test_a_body_after_a_deictic_begins_at_its_level_character() -> None:
    # jieba reads 该市 as one word; the spec labels 市行政服务中心 in 该市行政服务中心
    text = "市科技局在派驻该市行政服务中心的窗口设置了专柜。"
    assert organisation_start(text, text.index("市行政服务中心")) == text.index("市行政服务中心")
    assert organisation_start(text, text.index("政服务中心")) is None


def test_a_word_joining_two_fields_inside_a_name_is_part_of_it() -> None:
    # 与 joins 海洋 and 地球 inside one college's name: no proposed name ends before it
    text = "厦门大学海洋与地球学院教授当选院士。"
    longer, shorter = _span(text, "厦门大学海洋与地球学院"), _span(text, "地球学院")
    assert run_left(text, [[longer, shorter, _span(text, "厦门大学")]], NAMES) == set()


def test_a_word_joining_two_names_breaks_the_longer_proposal() -> None:
    # 湖北省 is proposed and ends at 与: the longer proposal runs across two names
    text = "湖北省与武汉市科技局联合发文。"
    longer, place = _span(text, "湖北省与武汉市科技局"), _span(text, "湖北省", "GPE")
    assert run_left(text, [[longer, place, _span(text, "武汉市科技局")]], NAMES) == {(longer.start, longer.end, "ORG")}
    # a proposal that begins with the joining word ran left across it, whatever ends there
    text = "和华东电力公司签约。"
    assert run_left(text, [[_span(text, "和华东电力公司"), _span(text, "华东电力公司")]], NAMES) == {(0, 7, "ORG")}


def test_an_organisation_does_not_run_right_across_a_verb_out_of_a_shorter_one() -> None:
    text = "该公司与南京农业大学共建研究院。"  # jieba: 共建 is a verb
    longer, name = _span(text, "南京农业大学共建研究院"), _span(text, "南京农业大学")
    assert run_right(text, [[longer], [name]], NAMES) == {(longer.start, longer.end, "ORG")}
    assert without_runs(text, {"dictionary": [longer], "crf": [name]}, NAMES) == {"dictionary": [], "crf": [name]}
    assert run_right(text, [[longer]], NAMES) == set()  # nothing shorter proposed: nothing to prefer


def test_no_right_run_where_the_word_after_the_shorter_name_is_no_verb() -> None:
    text = "中国科学院大连化学物理研究所与企业合作。"  # jieba tags 大连 an adverb
    longer = _span(text, "中国科学院大连化学物理研究所")
    assert run_right(text, [[longer, _span(text, "中国科学院")]], NAMES) == set()
    text = "南方日报驻湛江记者站报道。"  # a one-character verb: the paper's local station
    longer = _span(text, "南方日报驻湛江记者站")
    assert run_right(text, [[longer, _span(text, "南方日报")]], NAMES) == set()
    text = "财政部预算司发文。"  # jieba tags 预算 a verb: with 司 it names a department
    assert run_right(text, [[_span(text, "财政部预算司"), _span(text, "财政部")]], NAMES) == set()


def test_a_person_does_not_run_out_of_a_shorter_reading_into_a_verb() -> None:
    text = "土木工程学院教授李杰当选院士。"  # a model read 李杰当选
    longer, name = _span(text, "李杰当选", "PERSON"), _span(text, "李杰", "PERSON")
    assert persons_run_on(text, [[longer], [name]]) == {(longer.start, longer.end, "PERSON")}
    assert without_runs(text, {"crf": [longer], "titled": [name]}, NAMES) == {"crf": [], "titled": [name]}
    text = "研究员张建国介绍了情况。"  # 张 alone is no reading of two characters: 建国 is the given name
    assert persons_run_on(text, [[_span(text, "张建国", "PERSON"), _span(text, "张", "PERSON")]]) == set()
    text = "厅长王芳出席了会议。"  # the longer reading ends inside the verb, not with it: left to the overlap
    assert persons_run_on(text, [[_span(text, "王芳出", "PERSON"), _span(text, "王芳", "PERSON")]]) == set()


def test_an_organisation_does_not_run_past_an_office_s_word_over_common_nouns() -> None:
    text = "县科技局党组理论学习中心组召开专题学习会。"  # a model read 县科技局党组理论
    longer, office = _span(text, "县科技局党组理论"), _span(text, "县科技局党组")
    assert run_past_offices(text, [[longer], [office]]) == {(longer.start, longer.end, "ORG")}
    assert without_runs(text, {"crf": [longer], "regex": [office]}, NAMES) == {"crf": [], "regex": [office]}
    text = "县科技局党组会议研究了年度计划。"  # a meeting of the party group
    longer = _span(text, "县科技局党组会议")
    assert run_past_offices(text, [[longer, _span(text, "县科技局党组")]]) == {(longer.start, longer.end, "ORG")}


@pytest.mark.parametrize("text, longer, shorter", [
    ("财政部预算司发文。", "财政部预算司", "财政部"),                 # an office's word after the nouns
    ("县委党校培训了一批干部。", "县委党校", "县委"),                 # an organisation's word
    ("中国科学院植物研究所的专家", "中国科学院植物研究所", "中国科学院"),  # 院 ends no office
])
def test_an_organisation_running_on_into_an_organisation_word_is_kept(text: str, longer: str, shorter: str) -> None:
    assert run_past_offices(text, [[_span(text, longer), _span(text, shorter)]]) == set()


@pytest.mark.parametrize("text, clause, verb", [
    ("宁德时代在匈牙利德布勒森建设电池工厂。", "匈牙利德布勒森建设电池工厂", "建设"),  # builds a battery factory
    ("甘肃奇正集团在拉萨设立藏药研究所。", "拉萨设立藏药研究所", "设立"),              # an object of a proper noun
    ("上海市为整治苏州河工程建立专项基金会。", "苏州河工程建立专项基金会", "建立"),
    # an object jieba tags a verb (制造): a field all the same
    ("三一重工在长沙经济技术开发区新建智能制造研究院。", "长沙经济技术开发区新建智能制造研究院", "新建"),
])
def test_an_organisation_running_left_across_a_founding_verb_and_its_object_is_a_clause(
        text: str, clause: str, verb: str) -> None:
    run = _span(text, clause)
    assert run_over_founding(text, [[run]]) == {(run.start, run.end, "ORG"): text.index(verb)}
    assert without_runs(text, {"crf": [run]}, NAMES) == {"crf": []}


@pytest.mark.parametrize("text, name", [
    ("中国有色金属建设股份公司代表出席。", "中国有色金属建设股份公司"),  # no object: the verb is the field
    ("中铁建设集团有限公司中标。", "中铁建设集团有限公司"),              # 集团: an organisation word, no object
    ("阳涉铁路建设指挥部总指挥长", "阳涉铁路建设指挥部"),                # the building's headquarters
    ("北京建设工程有限公司承建。", "北京建设工程有限公司"),              # jieba: 建设工程, one word
    ("中国建设银行湖州分行", "中国建设银行"),
])
def test_a_founding_verb_inside_a_body_s_name_without_an_object_is_its_field(text: str, name: str) -> None:
    assert run_over_founding(text, [[_span(text, name)]]) == {}


def test_the_place_a_founding_clause_begins_with_keeps_the_clause_s_evidence() -> None:
    text = "宁德时代在匈牙利德布勒森建设电池工厂。"
    run, place = replace(_span(text, "匈牙利德布勒森建设电池工厂"), score=0.97), _span(text, "匈牙利", "GPE")
    later = _span(text, "电池", "GPE")  # after the verb: no place the clause begins with
    pieces = places_of_foundings({"crf": [run], "dictionary": [place, later]},
                                 run_over_founding(text, [[run]]))
    assert pieces == {(place.start, place.end, "GPE"): 0.97}
    kept = without_runs(text, {"crf": [run], "dictionary": [place]}, NAMES)
    assert kept == {"crf": [], "dictionary": [Hit(place.start, place.end, "GPE", score=0.97)]}


def test_a_name_jieba_shattered_begins_at_its_first_shard() -> None:
    text = "一批科研成果在雄安新区落地转化。"  # jieba: 在|雄|安|新区
    longer, shorter = _span(text, "雄安新区", "GPE"), _span(text, "安新区", "GPE")
    assert stranded_start(text, [[longer], [shorter]], NAMES) == {(shorter.start, shorter.end, "GPE")}
    assert without_runs(text, {"names": [longer], "dictionary": [shorter]}, NAMES) == {"names": [longer],
                                                                                      "dictionary": []}
    assert stranded_start(text, [[shorter]], NAMES) == set()  # nothing longer proposed: nothing to prefer
    text = "乡却在山西东北角灵邱县东河南镇"  # jieba: 灵|邱|县
    assert stranded_start(text, [[_span(text, "灵邱县", "LOC"), _span(text, "邱县", "LOC")]], NAMES) == {
        (text.index("邱县"), text.index("邱县") + 2, "LOC")}


def test_no_stranded_start_where_jieba_knows_the_shorter_name_or_the_character_opens_no_name() -> None:
    text = "经国务院办公厅和中央军委办公厅批准"  # jieba: 经|国务院办公厅, a word it knows
    longer, name = _span(text, "经国务院办公厅"), _span(text, "国务院办公厅")
    assert stranded_start(text, [[longer, name]], NAMES) == set()
    text = "他在王家村住了三年。"  # 在 is a preposition: no name starts with it
    assert stranded_start(text, [[_span(text, "在王家村", "GPE"), _span(text, "王家村", "GPE")]], NAMES) == set()
    text = "雄安新区"  # persons are left to the person rules
    assert stranded_start(text, [[Hit(0, 4, "PERSON"), Hit(1, 4, "PERSON")]], NAMES) == set()


def test_the_party_name_before_a_places_committee_is_part_of_the_body() -> None:
    from extractors.name_boundaries import party_start

    text = "中共常州市武进区委组织部联合区人社局举办招聘会"
    assert party_start(text, text.index("常州")) == 0
    text = "中国共产党青田县委员会召开全会"
    assert party_start(text, text.index("青田")) == 0


def test_no_party_name_taken_where_none_stands_or_no_place_follows() -> None:
    from extractors.name_boundaries import party_start

    text = "由常州市武进区委组织部牵头"
    assert party_start(text, text.index("常州")) == text.index("常州")
    text = "协助中共和政府贯彻落实"
    assert party_start(text, text.index("和")) == text.index("和")


def test_the_names_either_side_of_the_verb_keep_the_evidence_of_the_run() -> None:
    # the gazetteer and so the models read 某某区教育局联合某某大学 as one name, which the verb 联合 splits
    text = "越秀区教育局联合中山大学开展了培训。"
    run = Hit(0, 12, "ORG", score=0.97)
    left, right = Hit(0, 6, "ORG", score=0.09), Hit(8, 12, "ORG", score=0.02)
    kept = without_runs(text, {"dictionary": [run], "regex": [left, right]}, NAMES)
    assert kept == {"dictionary": [], "regex": [Hit(0, 6, "ORG", score=0.97), Hit(8, 12, "ORG", score=0.97)]}
    unsure = without_runs(text, {"dictionary": [Hit(0, 12, "ORG", score=0.05)], "regex": [left, right]}, NAMES)
    assert unsure["regex"] == [left, Hit(8, 12, "ORG", score=0.05)]  # a piece surer than the run keeps its own


def test_an_organisation_s_seat_in_brackets_is_part_of_its_name() -> None:
    text = "哈尔滨工业大学（深圳）与南方科技大学联合举办了研讨会。"
    body, seat = Hit(0, 7, "ORG", score=0.99), Hit(8, 10, "GPE", score=0.9)
    assert seats_in_brackets(text, [body, seat]) == [Hit(0, 11, "ORG", "哈尔滨工业大学（深圳）", 0.99)]
    text = "中国科学院大学(南京)学院成立。"  # ASCII brackets
    assert [(h.start, h.end) for h in seats_in_brackets(text, [Hit(0, 7, "ORG"), Hit(8, 10, "GPE")])] == [(0, 11)]


def test_no_seat_where_the_brackets_hold_no_place_or_follow_no_organisation() -> None:
    text = "北京大学（记者 王宁）报道。"  # a byline in brackets
    assert seats_in_brackets(text, [Hit(0, 4, "ORG"), Hit(8, 10, "PERSON")]) == []
    text = "广州（深圳）两地。"  # a place before the brackets
    assert seats_in_brackets(text, [Hit(0, 2, "GPE"), Hit(3, 5, "GPE")]) == []


def test_a_body_and_a_unit_it_numbers_are_one_organisation() -> None:
    text = "新疆生产建设兵团第八师和铁道部第十二工程局的代表出席，兵团第一次会议召开。"
    corps, ministry = Hit(0, 8, "ORG", score=0.9), Hit(12, 15, "ORG", score=0.8)
    got = {(text[h.start:h.end], h.score) for h in numbered_units(text, [corps, ministry])}
    assert got == {("新疆生产建设兵团第八师", 0.9), ("铁道部第十二工程局", 0.8)}
    session = Hit(text.index("兵团第一次"), text.index("兵团第一次") + 2, "ORG", score=0.9)
    assert numbered_units(text, [session]) == []  # 第一次: a first time, no unit


@pytest.mark.parametrize("text, body, whole", [
    ("中科院合肥物质科学研究院等离子体物理研究所研制", "中科院合肥物质科学研究院",
     "中科院合肥物质科学研究院等离子体物理研究所"),
    ("中国农业银行湖州分行为茶企发放贷款", "中国农业银行", "中国农业银行湖州分行"),  # jieba: 湖州|分|行为
    ("他毕业于北京大学法律系。", "北京大学", "北京大学法律系"),
    # a division named by its field; jieba reads the unit's word with its head's title (科科长)
    ("市住房和城乡建设局城市建设科科长介绍了进度。", "市住房和城乡建设局", "市住房和城乡建设局城市建设科"),
    ("华南理工大学广州国际校区已经投入使用。", "华南理工大学", "华南理工大学广州国际校区"),
    # the first unit's character begins a word of the unit's name (科|技): the next one ends the unit
    ("市科技局农村科技科科长周文斌赴企业走访。", "市科技局", "市科技局农村科技科"),
    # a unit's character right after the body begins a longer word (科|技): no unit's word there
    ("广西壮族自治区农业农村厅科技教育处组织专家开展示范。", "广西壮族自治区农业农村厅",
     "广西壮族自治区农业农村厅科技教育处"),
])
def test_a_body_and_a_unit_it_names_right_after_it_are_one_organisation(text: str, body: str, whole: str) -> None:
    got = named_units(text, [Hit(text.index(body), text.index(body) + len(body), "ORG", score=0.9)])
    assert [(text[h.start:h.end], h.score) for h in got] == [(whole, 0.9)]


@pytest.mark.parametrize("text, body", [
    ("清华大学共建研究院。", "清华大学"),                # a verb between them
    ("浙江大学与杭州研究院合作。", "浙江大学"),          # a conjunction
    ("美国国防部军事情报系统被攻克。", "美国国防部"),    # 系统: the word runs across the unit's
    ("纳入国际武联竞赛系列。", "国际武联"),
    ("贯彻中央和省市委部署要求。", "省市委"),              # 部署: a verb, no unit 部 named
    ("落实省市委决策部署。", "省市委"),
    ("乌克兰国家银行行长尤先科28日说。", "乌克兰国家银行"),  # a title: a person whose name ends in 科
    ("漯河市纪委严肃查处了此案。", "漯河市纪委"),            # jieba reads 严肃查处 as one word: no unit's noun
    ("关闭所有安盟办事处。", "安盟"),                        # 办事处 is the unit's word, not 办事|处
    ("市公安局处理了此事。", "市公安局"),                    # 处理: a verb
])
def test_no_unit_named_across_a_word_that_is_no_name_s(text: str, body: str) -> None:
    assert named_units(text, [Hit(text.index(body), text.index(body) + len(body), "ORG", score=0.9)]) == []


@pytest.mark.parametrize("text, name, odd", [
    ("（記者 林志豪）香港科技大學日前簽署協議", "林志豪）香港科技大學", True),  # a byline's close and a name
    ("石油输出国组织（欧佩克）秘书处今天宣布", "欧佩克）秘书处", True),
    ("哈尔滨工业大学（深圳）与企业签约", "哈尔滨工业大学（深圳）", False),     # a seat in brackets
    ("记者袁（日希）报道", "袁（日希）", False),                             # a character written out in brackets
    ("记者袁（日希）报道", "袁（日希", True),
])
def test_a_name_never_closes_a_bracket_it_did_not_open_nor_opens_one_it_leaves(text: str, name: str, odd: bool) -> None:
    at = text.index(name)
    assert unbalanced(text, at, at + len(name)) == odd


def test_an_organisation_holding_a_person_named_after_a_title_is_none() -> None:
    text = "厦门大学教授郑晓峰团队进驻企业研发中心，联合攻关。"
    run, body = _span(text, "厦门大学教授郑晓峰团队进驻企业研发中心"), _span(text, "厦门大学")
    person = Hit(text.index("郑晓峰"), text.index("郑晓峰") + 3, "PERSON", score=0.9)
    assert holding_persons({"crf": [run, body]}, [person]) == {(run.start, run.end)}
