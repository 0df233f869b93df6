"""The `regex` extractor (extractors.rules) on sentences written for these tests, in both scripts."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.annotations import strip_annotations
from extractors.base import CleanTextExtractor
from extractors.number_date_rules import MEASURE_WORDS
from extractors.registry import Extractor
from extractors.rules import RegexExtractor
from extractors.schema import LABELS, value_problem

EX = RegexExtractor()


def found(raw: str) -> list[tuple[str, str, object]]:
    return [(s.label, s.text, s.value) for s in EX.extract(raw)]


def labelled(raw: str, label: str) -> list[str]:
    return [s.text for s in EX.extract(raw) if s.label == label]


def test_contract() -> None:
    assert isinstance(EX, Extractor) and isinstance(EX, CleanTextExtractor)
    assert (EX.name, EX.kind) == ("regex", "regex")
    assert set(EX.labels) == {"ORG", "GPE", "DATE", "MONEY", "PERCENT", "QUANTITY", "WORK"} <= set(LABELS)


# --- both scripts, inline pinyin annotations -------------------------------------------------

TRADITIONAL = ("截至2022年6月底，該縣累(lěi)計投入財政資金約1.35億元，新增發(fā)明專利授權(quán)"
               "48項(xiàng)，同比增長超過12.5%。")
SIMPLIFIED = "截至2022年6月底，该县累计投入财政资金约1.35亿元，新增发明专利授权48项，同比增长超过12.5%。"
EXPECTED = [
    ("DATE", "2022-06"),
    ("MONEY", {"amount": 135000000, "unit": "CNY", "mod": "approx"}),
    ("QUANTITY", {"amount": 48, "unit": "项"}),
    ("PERCENT", {"amount": 12.5, "unit": "%", "mod": "more"}),
]


@pytest.mark.parametrize("raw", [TRADITIONAL, SIMPLIFIED])
def test_both_scripts_give_the_same_mentions(raw: str) -> None:
    assert [(label, value) for label, _, value in found(raw)] == EXPECTED


def test_annotation_after_last_character_is_part_of_the_span() -> None:
    spans = EX.extract(TRADITIONAL)
    qty = next(s for s in spans if s.label == "QUANTITY")
    assert qty.text == "48項(xiàng)" == TRADITIONAL[qty.start:qty.end]
    org = next(s for s in EX.extract("新華網(wǎng)北京電") if s.label == "ORG")
    assert (org.text, org.value) == ("新華網(wǎng)", "新华网")
    assert labelled("新華網(wǎng)北京電", "GPE") == ["北京"]


# --- numbers: span edges and values ------------------------------------------------------------

@pytest.mark.parametrize("raw, label, text, value", [
    ("两年来占支出比重近31%。", "PERCENT", "31%", {"amount": 31, "unit": "%", "mod": "approx"}),
    ("孵化企業總數突破220家。", "QUANTITY", "220家", {"amount": 220, "unit": "家", "mod": "more"}),
    ("研發投入增長18%以上。", "PERCENT", "18%", {"amount": 18, "unit": "%", "mod": "more"}),
    ("共撥付資金800多萬元。", "MONEY", "800多萬元", {"amount": 8000000, "unit": "CNY", "mod": "more"}),
    ("每畝增收1萬多元。", "MONEY", "1萬多元", {"amount": 10000, "unit": "CNY", "mod": "more"}),
    ("服務群眾100餘人次。", "QUANTITY", "100餘人次", {"amount": 100, "unit": "人次", "mod": "more"}),
    ("新建厂房7.5万平方米。", "QUANTITY", "7.5万平方米", {"amount": 75000, "unit": "平方米"}),
    ("每个专班联系2-3个项目。", "QUANTITY", "2-3个", {"low": 2, "high": 3, "unit": "个"}),
    ("当年培训农民22、5万人次。", "QUANTITY", "22、5万人次", {"amount": 225000, "unit": "人次"}),
    ("总投资约3.2亿元人民币。", "MONEY", "3.2亿元人民币", {"amount": 320000000, "unit": "CNY", "mod": "approx"}),
    ("出口额超过12亿美元。", "MONEY", "12亿美元", {"amount": 1200000000, "unit": "USD", "mod": "more"}),
    ("增产幅度为20-30%。", "PERCENT", "20-30%", {"low": 20, "high": 30, "unit": "%"}),
    ("高于全省0.8个百分点。", "PERCENT", "0.8个百分点", {"amount": 0.8, "unit": "pp"}),  # 高于 not adjacent
    ("骨干教师占教师总数2/3以上。", "PERCENT", "2/3", {"amount": 66.67, "unit": "%", "mod": "more"}),
    ("贫困户减少了百分之十五。", "PERCENT", "百分之十五", {"amount": 15, "unit": "%"}),
    ("现有设备86台，可容纳企业200家左右。", "QUANTITY", "200家",
     {"amount": 200, "unit": "家", "mod": "approx"}),
])
def test_numeric_mentions(raw: str, label: str, text: str, value: dict) -> None:
    assert (label, text, value) in found(raw)


@pytest.mark.parametrize("raw, text, unit", [
    ("该方案评审得分92.5分，位居全省首位。", "92.5分", "分"),   # a score
    ("该党在议会中获得7席。", "7席", "席"),                   # seats
    ("全校共有50名学生参加。", "50名", "名"),                 # a head count, no rank marker
])
def test_scores_seats_and_head_counts_are_quantities(raw: str, text: str, unit: str) -> None:
    assert [(s.text, s.value["unit"]) for s in EX.extract(raw) if s.label == "QUANTITY"] == [(text, unit)]


@pytest.mark.parametrize("raw", [
    "该校在全国排名第50名。",      # a rank
    "三家企业进入全省前50名。",    # the top places of a ranking
    "综合实力位列全市前10位。",
    "会议于下午3点15分开始。",     # a clock reading
    "比赛在3时20分结束。",
    "他在一席之地上耕作。",        # 席 inside an idiom, no digits
])
def test_ranks_and_clock_readings_are_not_quantities(raw: str) -> None:
    assert "QUANTITY" not in {s.label for s in EX.extract(raw)}


@pytest.mark.parametrize("raw, text, value", [
    ("会议定于18号召开。", "18号", "XXXX-XX-18"),                      # a day number before an event verb
    ("活动于本月25號下午舉行。", "25號", "XXXX-XX-25"),                 # Traditional 號, a part of the day after it
    ("成果展11.20上午开幕。", "11.20", "XXXX-11-20"),                   # month.day before a time word
    ("截至18号，已有10家单位报名。", "18号", "XXXX-XX-18"),            # after a word that dates it, its clause ended
    ("截止到12.31，共完成32项。", "12.31", "XXXX-12-31"),
    ("编制20XX-20XX年发展规划。", "20XX-20XX年", None),                # a placeholder year range
    ("系统记录时间为2023-09-01 14:30:05。", "2023-09-01 14:30:05", "2023-09-01T14:30:05"),  # seconds kept
    ("报名截止于2024年3月1日17:30:00。", "2024年3月1日17:30:00", "2024-03-01T17:30:00"),
])
def test_day_numbers_month_day_pairs_placeholder_ranges_and_seconds(raw: str, text: str, value) -> None:
    assert [(s.text, s.value) for s in EX.extract(raw) if s.label == "DATE"] == [(text, value)]


@pytest.mark.parametrize("raw", [
    "他住在18号楼。",             # a building number
    "地铁3号线开通。",            # a line number: 开通 follows 线, not the number
    "按照第5号文件执行。",
    "增速为11.20%。",             # a decimal
    "全年收入11.20亿元。",
    "截至18号楼已完工。",         # the number goes on into a building's
])
def test_numbers_with_hao_or_a_dot_are_no_dates_without_a_time_word(raw: str) -> None:
    assert "DATE" not in {s.label for s in EX.extract(raw)}


def test_two_numbers_in_a_row_are_two_spans() -> None:
    assert labelled("接待来访专家12批47人次。", "QUANTITY") == ["12批", "47人次"]


@pytest.mark.parametrize("raw", [
    "網站備案號:粵ICP備12345678號",           # registration code, the province included
    "諮詢熱線12345，传真0571-88886666。",     # hotline numbers
    "主要產品為3004鋁合金帶材。",             # alloy grade
    "刊登於第3期第5版。",                     # ordinals
    "见报刊4月2日10版。",                     # page number after a date
    "1、加强领导。2、完善机制。3.强化考核。",  # list numbers
    "全县三个乡镇、一名干部。",               # Chinese numerals are not QUANTITY
    "邮编310000",
])
def test_identifiers_ordinals_and_lists_are_not_amounts(raw: str) -> None:
    assert not {"QUANTITY", "MONEY", "PERCENT"} & {s.label for s in EX.extract(raw)}


# --- dates ------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, text, value", [
    ("2023年第一季度，新增企業5家。", "2023年第一季度", "2023-Q1"),
    ("2021年1-9月，工业增加值增长。", "2021年1-9月", "2021-01/2021-09"),
    ("會議於2023年3月15日上午9時30分召開。", "2023年3月15日上午9時30分", "2023-03-15T09:30"),
    ("发布时间：2023-05-06 10:21 来源：本站", "2023-05-06 10:21", "2023-05-06T10:21"),
    ("11月8日至10日，考察团赴外地学习。", "11月8日至10日", "XXXX-11-08/XXXX-11-10"),
    ("2015—2020年累计实施项目。", "2015—2020年", "2015/2020"),
    ("该项目2025年底前完工。", "2025年底", "2025"),
    ("二〇二二年十月一日，新楼启用。", "二〇二二年十月一日", "2022-10-01"),
    ("八月份组织考察。", "八月份", "XXXX-08"),
    ("6月30日晚召开专题会议。", "6月30日晚", "XXXX-06-30"),
    ("围绕“3·15消费者权益日”开展宣传。", "3·15", "XXXX-03-15"),
    ("“5.12”防灾减灾日前后组织演练。", "5.12", "XXXX-05-12"),
    ("举办2023长三角科技论坛。", "2023", "2023"),
    ("20xx年，我局工作取得成效。", "20xx年", None),
    ("2017年以来，累计投入资金。", "2017年", "2017"),
])
def test_dates(raw: str, text: str, value: str | None) -> None:
    assert ("DATE", text, value) in found(raw)


@pytest.mark.parametrize("raw", [
    "“十四五”期间，落实十三次党代会精神。",   # plan and session numbers
    "贯彻党的xx大和xx届全会精神。",
    "今年以来、去年同期、近日、上半年，近三年来一年多。",  # relative dates and durations
    "近3年来成效明显。",
    "[2016]第3号文件",
    "增长5.12倍。",
])
def test_not_dates(raw: str) -> None:
    assert labelled(raw, "DATE") == []


# --- titles -------------------------------------------------------------------------------------

def test_works_brackets_outside_and_nested_titles() -> None:
    raw = "依據《關於印發〈科技計劃管理辦法〉的通知》和《關於轉發《專利資助辦法》的通知》執行，《科普報》刊登。"
    assert [(t, v) for label, t, v in found(raw) if label == "WORK"] == [
        ("關於印發〈科技計劃管理辦法〉的通知", "关于印发〈科技计划管理办法〉的通知"),
        ("關於轉發《專利資助辦法》的通知", "关于转发《专利资助办法》的通知"),
        ("科普報", "科普报"),
    ]


def test_nothing_is_labelled_inside_a_work() -> None:
    spans = EX.extract("学习《2023年浙江省科技工作要点》。")
    assert [(s.label, s.text) for s in spans] == [("WORK", "2023年浙江省科技工作要点")]


def test_unclosed_title_is_not_a_work() -> None:
    assert labelled("见《关于加强\n管理的通知》", "WORK") == []


# --- organisations and places --------------------------------------------------------------------

@pytest.mark.parametrize("raw, orgs", [
    ("該縣科技局聯合浙江大學開展服務。", ["縣科技局", "浙江大學"]),
    ("湖北省武汉市洪山区科技局局长参加会议。", ["湖北省武汉市洪山区科技局"]),
    ("县委、县政府高度重视，市委宣传部、市科协参加。", ["县委", "县政府", "市委宣传部", "市科协"]),
    ("县委县政府召开专题会议。", ["县委", "县政府"]),
    ("贯彻中央和省市委部署要求。", ["中央", "省市委"]),
    ("科技部、财政部联合印发通知，国家发改委牵头。", ["科技部", "财政部", "国家发改委"]),
    ("杭州某某数字技术股份有限公司与西安交通大学签约。", ["杭州某某数字技术股份有限公司", "西安交通大学"]),
    ("依托中国科学院化学研究所建设平台。", ["中国科学院化学研究所"]),
    ("县农业农村局党组书记主持会议。", ["县农业农村局党组"]),
    ("派驻该市行政服务中心的窗口。", ["市行政服务中心"]),
    ("据新华网报道，市場監管局工作人员到场。", ["新华网"]),
])
def test_orgs(raw: str, orgs: list[str]) -> None:
    assert labelled(raw, "ORG") == orgs


@pytest.mark.parametrize("raw", [
    "我市、全县、该局和本网均参加，科技局工作人员随行。",   # deictic and bare bodies
    "组织高校、科研院所专家对接企业。",
    "依托工程技术研究中心和理工大学开展研究。",           # descriptions without a proper name
    "坚持服务大局，推动形成新发展格局。",
])
def test_generic_and_deictic_mentions_are_not_orgs(raw: str) -> None:
    assert labelled(raw, "ORG") == []


@pytest.mark.parametrize("raw, gpes", [
    ("考察团赴深圳市、东莞市学习。", ["深圳市", "东莞市"]),
    ("产品出口美国、日本和德国。", ["美国", "日本", "德国"]),
    ("广西壮族自治区和福建省签署协议。", ["广西壮族自治区", "福建省"]),
    ("驻白石镇黄泥村工作队，白石干部群众陪同。", ["白石镇", "黄泥村", "白石"]),  # the name alone, once seen
])
def test_gpes(raw: str, gpes: list[str]) -> None:
    assert labelled(raw, "GPE") == gpes


@pytest.mark.parametrize("raw", [
    "推进城乡融合和城市更新，开拓国际市场。",
    "积极融入市委部署，实施科技兴市战略。",
    "全县11个试点县和乡村振兴示范村。",
])
def test_not_places(raw: str) -> None:
    assert labelled(raw, "GPE") == []


# --- robustness (hypothesis) ------------------------------------------------------------------------

INTERESTING = list("0123456789.,、-—~%至到年月日号万亿元多余约近超以上左右第期版项家个名次人亩"
                   "《》〈〉“”()市县省区镇村局厅委公司大学中心网报该我全 \n·xX")
INTERESTING += ["(xiàng)", "(zhōng)", "萬", "億", "項"]


def _check(raw: str) -> None:
    spans = EX.extract(raw)
    assert spans == sorted(spans, key=lambda s: s.start)
    for a, b in zip(spans, spans[1:]):
        assert a.end <= b.start
    for s in spans:
        assert 0 <= s.start < s.end <= len(raw)
        assert s.text == raw[s.start:s.end]
        assert s.label in EX.labels
        assert value_problem(s.label, s.value) is None


@given(st.text(max_size=200))
def test_any_text(raw: str) -> None:
    _check(raw)


@settings(max_examples=200)
@given(st.lists(st.sampled_from(INTERESTING), max_size=60).map("".join))
def test_text_full_of_triggers(raw: str) -> None:
    _check(raw)


@given(st.integers(min_value=1, max_value=99999),
       st.sampled_from(sorted(u for u, follow in MEASURE_WORDS.items() if not u.isascii() and not follow)))
def test_any_amount_with_any_measure_word(n: int, unit: str) -> None:
    raw = f"今年共完成{n}{unit}，成效明显。"
    assert ("QUANTITY", f"{n}{unit}", {"amount": n, "unit": unit}) in found(raw)


@given(st.sampled_from([TRADITIONAL, "今年以來，縣科技局共舉辦培訓班12期，培訓農民3500餘人次。"]), st.data())
def test_annotations_do_not_change_what_is_found(raw: str, data: st.DataObject) -> None:
    # Insert a pinyin annotation after some Han character: labels, values and the clean text of
    # every mention stay the same.
    han = [i for i, ch in enumerate(raw) if "\u4e00" <= ch <= "\u9fff"]
    i = data.draw(st.sampled_from(han))
    annotated = raw[:i + 1] + "(zhè)" + raw[i + 1:]
    plain = [(s.label, s.value, strip_annotations(s.text)) for s in EX.extract(raw)]
    again = [(s.label, s.value, strip_annotations(s.text)) for s in EX.extract(annotated)]
    assert again == plain


# --- fast scanning finds exactly what the plain patterns find ----------------------------------

@pytest.mark.parametrize("raw, expected", [
    # the body's match begins at 州, a level character that ends the city's name: the body begins with the city
    ("广州市政府办下发通知", [("广州市政府办", "ORG")]),
    ("兰州市人民政府发布公告", [("兰州市人民政府", "ORG")]),
    ("郑州市委宣传部召开会议", [("郑州市委宣传部", "ORG")]),
    ("杭州市委书记讲话", [("杭州市委", "ORG")]),
    ("各省市县委要落实", [("省市县委", "ORG")]),  # a run of levels with no place before it stays one body
    ("判决后该镇政府没有上诉", [("镇政府", "ORG")]),  # towns and townships have governments too
    # 和 between two fields after a level is inside a government body's name...
    ("潮州市湘桥区科技和工业信息化局局长", [("潮州市湘桥区科技和工业信息化局", "ORG")]),
    ("市发展和改革局印发通知", [("市发展和改革局", "ORG")]),
    # ...and nowhere else: it joins clauses too
    ("首次将专业合作社纳入农业科技企业和研发中心", []),
    # a subordinate body is another mention (旗下, 下属 introduce it)
    ("海大集团旗下的湛江海大饲料有限公司获评", [("海大集团", "ORG"), ("湛江海大饲料有限公司", "ORG")]),
    ("全市企业和科研院所", []),
    ("浛洸镇人民政府高度重视", [("浛洸镇人民政府", "ORG")]),
])
def test_a_body_after_a_city_ending_in_a_level_character(raw: str, expected: list[tuple[str, str]]) -> None:
    assert [(s.text, s.label) for s in EX.extract(raw)] == expected


@pytest.mark.parametrize("raw, expected", [
    ("市科技局会同市财政局组织实施", [("市科技局", "ORG"), ("市财政局", "ORG")]),  # 会同 is a verb, not a place
    ("联合县民政局开展救助", [("县民政局", "ORG")]),
    ("维护稳定政局", []),                                                      # 政局: the political situation
    ("企业在坪山投资建厂", []),                                                # 建厂: building a factory, no name
    ("围绕县委县政府中心工作", [("县委", "ORG"), ("县政府", "ORG")]),
])
def test_verbs_before_a_level_and_bureaus_after_a_field(raw: str, expected: list[tuple[str, str]]) -> None:
    assert [(s.text, s.label) for s in EX.extract(raw)] == expected
