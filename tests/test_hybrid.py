"""The `hybrid` and `hybrid-lac` extractors (extractors.hybrid): rules for numbers, names decided by evidence."""
from __future__ import annotations

import pytest

from extractors.base import Hit, resolve_overlaps
from extractors.hybrid import (
    LISTED_FLOOR,
    MIN_EVIDENCE,
    NESTED_FLOOR,
    PLACE_NAMED_FLOOR,
    RULE_LABELS,
    HybridExtractor,
    HybridLACExtractor,
    _leading_body,
    a_number,
    areas_apart,
    decide,
    given_name_after,
    landforms_apart,
    not_run_on,
    odds,
    organisation,
    part_of_a_word,
    person_name,
    places_from_words,
    weighed,
    zones_not_areas,
    zones_not_clauses,
)
from extractors.named_places import landform_runs
from extractors.registry import Extractor, Trainable
from extractors.schema import LABELS

RAW = "2016年，福建省三明市科技局投入研发资金500万元，增长12.5%，出版《三明科技年鉴》。"


@pytest.fixture(scope="module")
def hybrid() -> HybridExtractor:
    ex = HybridExtractor()
    if ex.crf.model is None:
        pytest.skip("no packaged CRF model (run `xbench train crf`)")
    return ex


def test_every_label_has_a_proposer() -> None:
    assert RULE_LABELS < set(LABELS)
    assert issubclass(HybridExtractor, Trainable) and HybridExtractor.labels == LABELS


def test_numbers_dates_and_titles_come_from_the_regex(hybrid: HybridExtractor) -> None:
    assert isinstance(hybrid, Extractor)
    regex = {(s.start, s.end, s.label, repr(s.value)) for s in hybrid.regex.extract(RAW)
             if s.label in ("DATE", "MONEY", "PERCENT", "WORK")}
    got = {(s.start, s.end, s.label, repr(s.value)) for s in hybrid.extract(RAW)
           if s.label in ("DATE", "MONEY", "PERCENT", "WORK")}
    assert regex and got == regex


def test_output_is_flat_and_sorted(hybrid: HybridExtractor) -> None:
    spans = hybrid.extract(RAW)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
    assert all(s.text == RAW[s.start:s.end] for s in spans)


def test_hybrid_lac_adds_lac_and_its_name_model_as_proposers() -> None:
    ex = HybridLACExtractor()
    clean = "张伟在北京大学工作。"
    from extractors.crf import helper_hits
    from extractors.windows import NO_EVIDENCE

    more = ex.more(clean, *helper_hits(clean, NO_EVIDENCE))
    assert set(more) == {"lac", "names-lac"}
    assert {h.label for h in more["lac"]} <= {"PERSON"}
    # neither gives a confidence (the perceptron's marginals are none): the two models weigh them
    assert more["names-lac"] and all(h.score is None for h in more["names-lac"])
    assert all(h.score is None for h in more["lac"])


def _kept(found: dict[str, list[Hit]], clean: str | None = None) -> set[tuple[int, int, str]]:
    """What `decide` keeps of synthetic proposals; without their text, one of no office character."""
    text = clean if clean is not None else "字" * max((h.end for hits in found.values() for h in hits), default=0)
    return {(h.start, h.end, h.label) for h in resolve_overlaps(decide(found, text))}


@pytest.mark.parametrize("clean, office, kept", [
    ("广州市政府办下发通知", (0, 6), True),     # 政府|办: the office of the body it starts with
    ("县科技局党组书记讲话", (0, 6), True),      # 县科技局|党组
    ("围绕县委县政府中心工作", (4, 9), False),   # 县政府|中心: no office's last character
])
def test_an_office_of_a_surer_body_inherits_its_evidence(clean: str, office: tuple[int, int], kept: bool) -> None:
    s, e = office
    body = next(i for i in range(e - 1, s, -1) if clean[i - 1] in "府局")  # where the body's name ends
    found = {"crf": [Hit(s, body, "ORG", score=0.99)], "regex": [Hit(s, e, "ORG", score=0.8)]}
    assert ((s, e, "ORG") in _kept(found, clean)) is kept
    assert (s, e, "ORG") not in _kept(found)  # in a text without an office character none is told


@pytest.mark.parametrize("clean, body, unit", [
    ("全国政协常委会通过决议", "全国政协", "全国政协常委会"),      # a standing committee: 委会
    ("正由中国检察日报社影视部摄制", "中国检察日报社", "中国检察日报社影视部"),  # a department: 部
])
def test_a_body_s_unit_inherits_its_evidence(clean: str, body: str, unit: str) -> None:
    s = clean.index(body)
    found = {"crf": [Hit(s, s + len(body), "ORG", score=0.95)], "names": [Hit(s, s + len(unit), "ORG", score=0.7)]}
    assert _kept(found, clean) == {(s, s + len(unit), "ORG")}


def test_会_alone_ends_no_office_and_an_unlikely_body_names_none() -> None:
    clean = "风筝越飞越高，潍坊会越来越好。"  # 会 is "will"
    s = clean.index("潍坊")
    found = {"dictionary": [Hit(s, s + 2, "GPE", score=0.8)], "names": [Hit(s, s + 3, "ORG", score=0.34)]}
    assert _kept(found, clean) == {(s, s + 2, "GPE")}
    # a body less likely than not is no evidence of an office after it, though its place is sure
    clean = "风筝越飞越高，潍坊办越来越好。"
    found["crf"] = [Hit(s, s + 2, "ORG", score=0.54)]
    assert (s, s + 3, "ORG") not in _kept(found, clean)


def test_an_office_of_an_unsure_body_inherits_from_the_body_s_place() -> None:
    clean = "茂名市政府办牵头实施"  # the models doubt 茂名市政府 but are sure of 茂名市: the office is named after both
    unsure = (PLACE_NAMED_FLOOR + NESTED_FLOOR) / 2
    found = {"crf": [Hit(0, 6, "ORG", score=unsure), Hit(0, 3, "GPE", score=0.99)],
             "dictionary": [Hit(0, 5, "ORG", score=0.2)]}
    assert _kept(found, clean) == {(0, 6, "ORG")}


@pytest.mark.parametrize("text, number", [
    ("40202001358号", True), ("3号", True), ("2023", True),
    ("320创意广场", False), ("湛江市", False), ("12396信息平台", False),
    ("粤ICP备05102027号", True), ("公网安备44040202000131号", True),  # codes: six digits or more
])
def test_a_number_with_at_most_one_character_more_is_no_name(text: str, number: bool) -> None:
    assert a_number(text) is number


def test_a_person_read_where_a_place_was_inside_a_common_word_is_none() -> None:
    clean = "他穿着一身中山装出席。"
    garment = (5, 7)  # 中山 of 中山装: read as the place and as its namesake
    assert part_of_a_word(clean, Hit(*garment, "GPE"), set())
    assert part_of_a_word(clean, Hit(*garment, "PERSON"), {garment})
    assert not part_of_a_word(clean, Hit(*garment, "PERSON"), set())  # a word named after a person keeps them
    assert not part_of_a_word("湛江市科技局", Hit(0, 3, "GPE"), {(0, 3)})


def test_a_place_named_by_a_word_that_names_no_place_is_none() -> None:
    assert part_of_a_word("建设生态岛", Hit(2, 5, "LOC"), set())       # a description
    assert not part_of_a_word("建设崇明岛", Hit(2, 5, "LOC"), set())


def test_an_office_is_a_few_characters_and_nothing_named_after_its_body() -> None:
    clean = "陕西科技大学共建研究院"  # a rest of five characters: another mention's
    found = {"crf": [Hit(0, 6, "ORG", score=0.99)], "regex": [Hit(0, 11, "ORG", score=0.8)]}
    assert _kept(found, clean) == {(0, 6, "ORG")}


def test_a_zone_is_no_area_whoever_reads_it_as_one(hybrid: HybridExtractor) -> None:
    proposals = {"crf": [Hit(0, 6, "GPE", score=0.99), Hit(0, 2, "GPE", score=0.99)], "places": [Hit(0, 6, "LOC")]}
    assert zones_not_areas(proposals, proposals["places"]) == {"crf": [Hit(0, 2, "GPE", score=0.99)],
                                                              "places": [Hit(0, 6, "LOC")]}
    got = {(s.text, s.label) for s in hybrid.extract("苏州工业园区吸引了大批企业。")}
    assert ("苏州工业园区", "LOC") in got and ("苏州工业园区", "GPE") not in got


def test_two_areas_written_out_that_meet_are_two_names() -> None:
    clean = "浙江省杭州市的企业"
    one = Hit(0, 6, "GPE", score=0.99)  # a model sure of the two as one
    proposals = {"lac": [one], "dictionary": [Hit(0, 3, "GPE"), Hit(3, 6, "GPE")]}
    assert areas_apart(proposals, clean) == {"lac": [], "dictionary": [Hit(0, 3, "GPE"), Hit(3, 6, "GPE")]}
    # a designation read with a bare name is one area (杭州|市), and so is a name with no part proposed
    alone = {"crf": [Hit(3, 6, "GPE", score=0.99), Hit(3, 5, "GPE", score=0.9)], "lac": [Hit(0, 6, "GPE")]}
    assert areas_apart(alone, clean) == alone


def test_an_area_and_a_landform_named_on_its_own_are_two_names(hybrid: Extractor) -> None:
    clean = "在新疆塔里木盆地发现了油气田。"  # jieba's dictionary holds 新疆塔里木盆地 as one place
    whole, into = Hit(1, 8, "LOC", score=0.97), Hit(1, 6, "LOC", score=0.91)
    got = landforms_apart({"crf": [whole], "names": [into, Hit(1, 3, "LOC", score=0.99)]}, clean)
    assert got == {"crf": [Hit(1, 3, "GPE", score=0.97), Hit(3, 8, "LOC", score=0.97)],
                   "names": [Hit(1, 3, "GPE", score=0.99)]}  # 新疆塔里木 runs into the basin's name: dropped
    got = {(s.text, s.label) for s in hybrid.extract("青海柴达木盆地的盐湖资源丰富。")}
    assert {("青海", "GPE"), ("柴达木盆地", "LOC")} <= got


def test_two_landforms_read_as_one_place_are_two_names(hybrid: Extractor) -> None:
    clean = "澜沧江湄公河流域的国际合作不断深化。"  # jieba: 澜沧江|湄公河, each a place of its dictionary
    whole, first = Hit(0, 6, "LOC", score=0.93), Hit(0, 3, "LOC")
    got = landforms_apart({"crf": [whole], "dictionary": [first]}, clean)
    assert got == {"crf": [Hit(0, 3, "LOC", score=0.93), Hit(3, 6, "LOC", score=0.93)], "dictionary": [first]}
    got = {(s.text, s.label) for s in hybrid.extract("渤海辽东湾的海冰面积扩大。")}
    assert {("渤海", "LOC"), ("辽东湾", "LOC")} <= got


def test_a_place_does_not_begin_halfway_through_a_place_s_word() -> None:
    clean = "岷山山脉的大熊猫栖息地得到有效保护。"  # jieba: 岷山|山脉; its dictionary holds 山山脉, a fragment
    fragment, range_ = Hit(1, 4, "LOC"), Hit(0, 2, "LOC", score=0.62)
    assert places_from_words({"dictionary": [fragment], "names": [range_]}, clean) == {"dictionary": [],
                                                                                      "names": [range_]}
    # inside a word that names no place, a place stays (振兴中华: jieba reads one word, MSRA labels 中华)
    clean = "为振兴中华而努力。"
    assert places_from_words({"crf": [Hit(3, 5, "LOC", score=0.9)]}, clean) == {"crf": [Hit(3, 5, "LOC", score=0.9)]}


@pytest.mark.parametrize("clean, place", [
    ("青海湖的水位上升。", "青海湖"),                  # the landform's word alone after the area: one name
    ("四川盆地的气候湿润。", "四川盆地"),
    ("乌苏里江的冰面开始融化。", "乌苏里江"),          # jieba reads one river: no city 乌苏 and a 里江
    ("将加快建设广州国际生物岛。", "广州国际生物岛"),  # a zone's word (生物岛), whose area is part of its name
    ("长江三角洲的城市群。", "长江三角洲"),            # the second is a landform's word alone, no name
    ("天山山脉横贯新疆中部。", "天山山脉"),
])
def test_a_landform_named_by_its_area_or_a_zone_is_not_taken_apart(clean: str, place: str) -> None:
    at = clean.index(place)
    proposals = {"crf": [Hit(at, at + len(place), "LOC", score=0.9)]}
    assert landforms_apart(proposals, clean) == proposals


def test_agreement_breaks_a_tie_of_confidence() -> None:
    found = {"crf": [Hit(0, 6, "ORG", score=0.8), Hit(0, 3, "GPE", score=0.8)], "names": [Hit(0, 6, "ORG", score=0.8)]}
    assert _kept(found) == {(0, 6, "ORG")}


def test_the_most_confident_proposal_wins_whoever_proposed_it() -> None:
    # the dictionary's area (no score of its own) wins over an unsure model, and loses to a sure one
    found = {"crf": [Hit(0, 6, "ORG", score=0.4)], "dictionary": [Hit(0, 3, "GPE")]}
    assert _kept(found) == {(0, 3, "GPE")}
    found["names"] = [Hit(0, 6, "ORG", score=0.97)]
    assert _kept(found) == {(0, 6, "ORG")}
    found = {"crf": [Hit(4, 8, "GPE", score=0.97)], "names": [Hit(0, 6, "ORG", score=0.6)]}  # crossing: they compete
    assert _kept(found) == {(4, 8, "GPE")}


def test_an_uncontested_find_is_kept_when_more_likely_a_name_than_not() -> None:
    found = {"crf": [Hit(0, 2, "PERSON", score=0.3), Hit(10, 12, "PERSON", score=0.7)], "lac": [Hit(5, 8, "ORG")],
             "names": []}
    assert _kept(found) == {(10, 12, "PERSON"), (5, 8, "ORG")}


def test_a_name_holding_a_surer_name_wins_when_likely_itself() -> None:
    # a park named after its city is one LOC; an organisation reduced to its place name is not kept
    found = {"dictionary": [Hit(0, 9, "LOC")], "crf": [Hit(0, 3, "GPE", score=0.99)],
             "names": [Hit(0, 3, "GPE", score=0.98)]}
    assert _kept(found) == {(0, 9, "LOC")}
    found = {"crf": [Hit(0, 6, "ORG", score=0.95), Hit(0, 3, "GPE", score=0.99)]}
    assert _kept(found) == {(0, 6, "ORG")}
    # a container less likely than PLACE_NAMED_FLOOR does not inherit: the sure inner name stays
    found = {"names": [Hit(0, 6, "ORG", score=PLACE_NAMED_FLOOR - 0.05)], "crf": [Hit(0, 3, "GPE", score=0.99)]}
    assert _kept(found) == {(0, 3, "GPE")}


def test_a_unit_named_after_its_parent_body_inherits_from_it_when_likely() -> None:
    # 厦门大学海洋与地球学院: the university at its start, a college's word at its end
    unit, parent, college = Hit(0, 11, "ORG", score=0.85), Hit(0, 4, "ORG", score=0.93), Hit(7, 11, "ORG", score=0.7)
    assert _kept({"crf": [unit], "regex": [parent, college]}) == {(0, 11, "ORG")}
    # without a body ending it, the container stays below the sure name it starts with
    assert _kept({"crf": [unit], "regex": [parent]}) == {(0, 4, "ORG")}


def test_a_body_and_a_proposed_unit_right_after_it_make_one_name_as_likely_as_either() -> None:
    # 国网湖北省电力有限公司: a group's short name, then a company of its own name the gazetteer is surer of
    whole, group, company = Hit(0, 11, "ORG", score=0.87), Hit(0, 2, "ORG", score=0.83), Hit(2, 11, "ORG", score=0.93)
    assert _kept({"crf": [whole], "regex": [group], "dictionary": [company]}) == {(0, 11, "ORG")}
    # a body less likely than not at the start names no parent: the surer company stays
    group = Hit(0, 2, "ORG", score=0.4)
    assert _kept({"crf": [whole], "regex": [group], "dictionary": [company]}) == {(2, 11, "ORG")}


def test_a_unit_named_after_its_parent_and_its_seat_inherits_from_the_parent() -> None:
    # the name model reads 清华大学北京校友会 whole but doubts it; the parent and the seat are sure
    clean = "清华大学北京校友会举办了年会。"
    parent, seat = Hit(0, 4, "ORG", score=0.99), Hit(4, 6, "GPE", score=0.97)
    assert _kept({"names": [Hit(0, 9, "ORG", score=0.64)], "crf": [parent, seat]}, clean) == {(0, 9, "ORG")}
    clean = "清华大学与北京市政府签约。"  # a word between the body and the place: two mentions
    seat = Hit(5, 8, "GPE", score=0.97)
    found = {"names": [Hit(0, 10, "ORG", score=0.64)], "crf": [parent, seat]}
    assert _kept(found, clean) == {(0, 4, "ORG"), (5, 8, "GPE")}


def test_a_name_listed_next_to_a_name_of_its_kind_is_kept_when_not_unlikely() -> None:
    clean = "阿里巴巴、腾讯、百度等企业"
    sure = Hit(0, 4, "ORG", score=0.72)
    found = {"crf": [sure], "regex": [Hit(5, 7, "ORG", score=0.49), Hit(8, 10, "ORG", score=LISTED_FLOOR)]}
    assert _kept(found, clean) == {(0, 4, "ORG"), (5, 7, "ORG"), (8, 10, "ORG")}  # down the list
    found = {"crf": [sure], "regex": [Hit(5, 7, "ORG", score=LISTED_FLOOR - 0.05)]}
    assert _kept(found, clean) == {(0, 4, "ORG")}  # too unlikely itself
    found = {"crf": [Hit(0, 4, "GPE", score=0.72)], "regex": [Hit(5, 7, "ORG", score=0.49)]}
    assert _kept(found, clean) == {(0, 4, "GPE")}  # listed next to a name of another kind
    found = {"crf": [sure], "regex": [Hit(8, 10, "ORG", score=0.49)]}
    assert _kept(found, clean) == {(0, 4, "ORG")}  # not next to it
    found = {"crf": [sure], "regex": [Hit(5, 7, "ORG", score=0.49)], "names": [Hit(8, 13, "ORG", score=0.57)]}
    assert _kept(found, clean) == {(0, 4, "ORG"), (5, 7, "ORG")}  # 百度等企业 runs on past the list's 等


def test_brands_listed_with_a_name_before_their_kind_are_organisations(hybrid: HybridExtractor) -> None:
    # the models never saw 蔚来 or 字节跳动 (0.05 and 0.001); the list names them with 比亚迪 and 腾讯
    got = {(s.text, s.label) for s in hybrid.extract("比亚迪、蔚来、小鹏等车企纷纷加大研发投入。")}
    assert {("比亚迪", "ORG"), ("蔚来", "ORG"), ("小鹏", "ORG")} <= got
    got = {(s.text, s.label) for s in hybrid.extract("来自腾讯、京东、字节跳动等企业的代表参加了座谈。")}
    assert ("字节跳动", "ORG") in got


def test_an_unlikely_name_inside_is_no_evidence_of_what_a_name_holds() -> None:
    # 海南热带雨林国家公园管理局 is named after 海南; a rule's 公园管理局 inside it, at 0.02, does not
    # make it a name holding an organisation
    found = {"dictionary": [Hit(0, 13, "ORG", score=0.82)], "regex": [Hit(0, 2, "GPE", score=0.85),
                                                                    Hit(8, 13, "ORG", score=0.02)]}
    assert _kept(found) == {(0, 13, "ORG")}
    # a likely organisation inside: the place is not all it is named after
    found["regex"][1] = Hit(8, 13, "ORG", score=0.7)
    assert _kept(found) == {(0, 2, "GPE"), (8, 13, "ORG")}


def test_an_organisation_named_after_a_place_inherits_from_it_when_likely() -> None:
    # 湛江市科技局: below NESTED_FLOOR, above PLACE_NAMED_FLOOR, the place at its start is no evidence against it
    unsure = (PLACE_NAMED_FLOOR + NESTED_FLOOR) / 2
    found = {"names": [Hit(0, 6, "ORG", score=unsure)], "crf": [Hit(0, 3, "GPE", score=0.99)]}
    assert _kept(found) == {(0, 6, "ORG")}
    # ...but not from a place inside it (驻香港办事处), nor when places are all of it (西宁大通), nor when
    # it holds another organisation (陕西科技大学共建…研究院): there the surer inner names stay
    found = {"names": [Hit(0, 6, "ORG", score=unsure)], "crf": [Hit(1, 3, "GPE", score=0.99)]}
    assert _kept(found) == {(1, 3, "GPE")}
    found = {"names": [Hit(0, 4, "ORG", score=unsure)],
             "crf": [Hit(0, 2, "GPE", score=0.99), Hit(2, 4, "GPE", score=0.99)]}
    assert _kept(found) == {(0, 2, "GPE"), (2, 4, "GPE")}
    found = {"names": [Hit(0, 12, "ORG", score=unsure)],
             "crf": [Hit(0, 2, "GPE", score=0.99), Hit(0, 6, "ORG", score=0.98)]}
    assert _kept(found) == {(0, 6, "ORG")}


def test_a_person_inside_a_longer_person_is_the_same_name_with_other_boundaries() -> None:
    # 王若飞|和: the sure name does not lend its evidence to the span that took the conjunction after it
    found = {"crf": [Hit(0, 4, "PERSON", score=0.94)], "names": [Hit(0, 3, "PERSON", score=0.999)]}
    assert _kept(found) == {(0, 3, "PERSON")}


@pytest.mark.parametrize("text, span, expected", [
    ("王市长在会上讲话", (0, 3), None),          # a surname with a title: not labelled (the spec)
    ("吴先生早已忘了", (0, 1), None),            # a bare surname (MSRA labels it; the spec does not)
    ("潘学祥局长讲话", (0, 5), (0, 3)),          # the title is outside the name
    ("副市长李卫宁指出", (3, 6), (3, 6)),        # a name with nothing after it is left as it is
    ("小王和老李见面", (1, 3), None),            # a surname addressed familiarly, whatever was read after it
    ("欧阳书记讲话", (0, 2), None),              # a two-character surname with a title is a bare surname too
])
def test_a_person_is_a_full_or_given_name_with_its_title_outside(text: str, span: tuple[int, int],
                                                                  expected: tuple[int, int] | None) -> None:
    got = person_name(Hit(*span, "PERSON", score=0.99), text)
    assert (None if got is None else (got.start, got.end)) == expected


@pytest.mark.parametrize("text, span, expected", [
    ("市长司马文华主持会议", (2, 4), (2, 6)),    # the surname runs on over the given name jieba reads after it
    ("书记上官明出席", (2, 4), (2, 5)),          # a given name of one character
    ("据欧阳介绍", (1, 3), (1, 3)),              # a verb: no given name (person_name drops the bare surname)
    ("司马书记讲话", (0, 2), (0, 2)),            # a title: no given name
    ("王文华主持会议", (0, 1), (0, 3)),          # a one-character surname too
])
def test_a_two_character_surname_alone_runs_on_over_the_given_name(text: str, span: tuple[int, int],
                                                                   expected: tuple[int, int]) -> None:
    got = given_name_after(text, Hit(*span, "PERSON", score=0.8))
    assert (got.start, got.end) == expected


def test_a_surname_and_title_are_no_person_in_a_sentence(hybrid: HybridExtractor) -> None:
    got = {(s.text, s.label) for s in hybrid.extract("王市长和刘女士出席，潘学祥局长讲话。小王和老李在广场见面。")}
    assert ("潘学祥", "PERSON") in got
    persons = {text for text, label in got if label == "PERSON"}
    assert not persons & {"王", "王市长", "刘", "刘女士", "潘学祥局长", "王和", "李"}


def test_an_organisation_cut_inside_a_place_begins_with_the_place(hybrid: HybridExtractor) -> None:
    # the suffix rule reads 和雷 as a word and proposes 州市政府办: the organisation is named after 雷州
    orgs = [s.text for s in hybrid.extract("遂溪县委办和雷州市政府办参加会议。") if s.label == "ORG"]
    assert "遂溪县委办" in orgs and any(o.startswith("雷州市政府") for o in orgs)
    assert not any(o.startswith("州") for o in orgs)


def test_a_zone_after_a_name_jieba_does_not_know_in_the_hybrid(hybrid: HybridExtractor) -> None:
    got = {(s.text, s.label) for s in hybrid.extract("仲恺高新区和张江高科技园区吸引了大批企业。")}
    assert {("仲恺高新区", "LOC"), ("张江高科技园区", "LOC")} <= got
    assert not {label for text, label in got if text in ("仲恺", "张江高")}


@pytest.mark.parametrize("clean, kept", [
    ("双捷镇西坑村委会", (0, 3, "GPE")),   # 双捷|镇: the name with its designation is the mention
    ("北京市场繁荣", (0, 2, "GPE")),       # 市场 is a market, not 北京's designation
])
def test_a_designated_area_is_no_weaker_than_its_bare_name(clean: str, kept: tuple[int, int, str]) -> None:
    found = {"regex": [Hit(0, 2, "GPE", score=0.95)], "dictionary": [Hit(0, 3, "GPE", score=0.88)]}
    assert kept in _kept(found, clean)


@pytest.mark.parametrize("clean, name", [
    ("协和医院专家团队前往义诊", "协和医院"), ("华为公司技术人员", "华为公司"), ("北京大学师生", "北京大学"),
    ("浙江大学化学系研究团队前往义诊", "浙江大学化学系"),  # the verb before the people's word is theirs
    ("日前省委组织部调研组前往义诊", "省委组织部"),  # a team a body sends (GUIDELINES: a team is no organisation)
    ("美国国会代表团前往义诊", "美国国会"),
    ("省农业农村厅驻村工作队前往义诊", "省农业农村厅"),  # a task force stationed in a village
])
def test_an_organisation_ends_before_the_people_it_is_said_of(clean: str, name: str) -> None:
    start = clean.index(name)
    end = clean.index("前往") if "前往" in clean else len(clean)
    h = organisation(clean, Hit(start, end, "ORG", score=0.9))
    assert h is not None and clean[h.start:h.end] == name and h.score == 0.9


def test_a_verb_before_the_people_after_an_organisation_is_theirs() -> None:
    clean = "浙江大学化学系研究团队获资助"  # a model read 研究 into the department, 团队 after it
    h = organisation(clean, Hit(0, 9, "ORG", score=0.9))
    assert h is not None and clean[h.start:h.end] == "浙江大学化学系"


@pytest.mark.parametrize("clean", [
    "专家团队前往义诊",  # the people alone
    "代表团前往义诊",  # a team alone
    "中国代表团前往义诊",  # a country's team: no body sent it
    "中国体育代表团前往义诊",  # no organisation's word before the team
])
def test_people_or_a_team_without_a_body_are_no_organisation(clean: str) -> None:
    assert organisation(clean, Hit(0, clean.index("前往"), "ORG", score=0.9)) is None


def test_an_organisation_word_jieba_reads_as_a_verb_before_people_stays(hybrid: HybridExtractor) -> None:
    # 亚太经合组织 is one word to jieba in its sentence; 组织 alone would be a verb
    got = {(s.text, s.label) for s in hybrid.extract("在亚太经合组织领导人非正式会议上发言。")}
    assert ("亚太经合组织", "ORG") in got


def test_a_team_after_its_body_is_the_body_and_after_its_places_the_places(hybrid: HybridExtractor) -> None:
    text = "盐城经济技术开发区管委会与韩国龟尾市代表团举行座谈，省委组织部调研组出席。"
    got = {(s.text, s.label) for s in hybrid.extract(text)}
    assert {("盐城经济技术开发区管委会", "ORG"), ("韩国", "GPE"), ("省委组织部", "ORG")} <= got
    assert not any("代表团" in text or "调研组" in text for text, _ in got)


def test_a_bare_organisation_word_is_none_whoever_proposes_it(hybrid: HybridExtractor) -> None:
    got = {(s.text, s.label) for s in hybrid.extract("科技局党组书记、局长吴国平主持会议。")}
    assert ("吴国平", "PERSON") in got and not {text for text, label in got if label == "ORG"}


def test_a_city_body_s_office_is_one_organisation(hybrid: HybridExtractor) -> None:
    text = "广州市政府办下发通知，财政部预算司发文，县科技局党组研究。"
    orgs = [s.text for s in hybrid.extract(text) if s.label == "ORG"]
    assert {"广州市政府办", "财政部预算司", "县科技局党组"} <= set(orgs)


def test_a_department_s_division_named_by_its_field_is_one_organisation(hybrid: HybridExtractor) -> None:
    text = "省科学技术厅高新技术处处长林海波介绍了情况。"  # a field of four characters and 处, after 厅
    assert ("省科学技术厅高新技术处", "ORG") in {(s.text, s.label) for s in hybrid.extract(text)}
    held = [(0, 6, "ORG")]
    assert _leading_body(0, 11, held, text) == held  # the department is no evidence against its division
    clean = "市科技局负责此事处理。"  # 处|理: a verb, no division
    assert _leading_body(0, 9, [(0, 4, "ORG")], clean) == []
    assert _leading_body(0, 6, [(0, 2, "ORG")], "大宇三家公司的实力") == []  # 宇 ends no department


def test_a_proposal_without_confidence_is_weighed_with_the_models_probability_of_it() -> None:
    rule = Hit(2, 5, "GPE")
    unlikely = {(2, 5, "GPE"): (0.01, 0.03)}  # both models: almost surely not this name
    assert weighed([rule], unlikely)[0].score < MIN_EVIDENCE
    assert weighed([rule], {(2, 5, "GPE"): (0.5, 0.2)})[0].score == pytest.approx(0.9)  # undecided: the rule stands
    assert weighed([rule], {(2, 5, "GPE"): (0.3, 0.95)})[0].score > 0.99  # one model sure: two opinions agree
    assert weighed([rule], {})[0].score is None  # not asked of the models (UNSCORED in `decide`)
    # a proposal with its own confidence and a class neither model learned are left as they are
    assert weighed([Hit(2, 5, "ORG", score=0.7)], {(2, 5, "ORG"): (0.0, 0.0)})[0].score == 0.7
    assert weighed([Hit(2, 5, "LOC")], {(2, 5, "LOC"): (0.0, 0.0)})[0].score is None
    assert weighed([Hit(2, 5, "LOC")], {(2, 5, "LOC"): (0.0, 0.0)}, unjudged=frozenset())[0].score == 0.0  # a model's


def test_an_organisation_is_weighed_by_the_name_model_alone() -> None:
    """The seed CRF reads a suffix rule's marks as features, so its probability of the rule's
    organisation repeats the rule; the name model's does not."""
    assert weighed([Hit(0, 9, "ORG")], {(0, 9, "ORG"): (0.98, 0.03)})[0].score < MIN_EVIDENCE
    assert weighed([Hit(0, 9, "GPE")], {(0, 9, "GPE"): (0.98, 0.03)})[0].score > 0.99


def test_an_office_inherits_its_body_s_evidence_however_unlikely_the_name_model_finds_it() -> None:
    """The name model learned on news that abbreviates no office: 县政府|办 is unlikely to it, but its
    form (a surer body and an office's characters) is the evidence."""
    clean = "县政府办牵头实施。"
    found = {"regex": [Hit(0, 4, "ORG", score=0.13)], "crf": [Hit(0, 3, "ORG", score=0.99)]}
    assert (0, 4) in {(h.start, h.end) for h in decide(found, clean)}
    # not a longer proposal that is no office: it must end in an office's character
    found = {"regex": [Hit(0, 5, "ORG", score=0.13)], "crf": [Hit(0, 3, "ORG", score=0.99)]}
    assert (0, 5) not in {(h.start, h.end) for h in decide(found, clean)}


def test_odds_combine_two_opinions() -> None:
    assert odds(0.9, 0.5) == pytest.approx(0.9)
    assert odds(0.9, 0.1) == pytest.approx(0.5)
    assert odds(0.9, 0.0) == 0.0 and odds(0.9, 1.0) == 1.0


@pytest.mark.parametrize("sentence, place", [
    ("他穿着中山装出席了庆典。", "中山"), ("这是一个朝阳产业。", "朝阳"), ("大家在院里摆龙门阵。", "龙门")])
def test_no_place_name_inside_a_common_word(hybrid: HybridExtractor, sentence: str, place: str) -> None:
    got = {s.text for s in hybrid.extract(sentence) if s.label in ("GPE", "LOC")}
    assert place not in got


def test_named_parks_zones_and_venues_are_loc(hybrid: HybridExtractor) -> None:
    got = {(s.text, s.label) for s in hybrid.extract("企业落户漕河泾开发区，决赛在天河体育馆举行。")}
    assert {("漕河泾开发区", "LOC"), ("天河体育馆", "LOC")} <= got


def test_a_landform_is_no_area_whoever_reads_it_as_one(hybrid: HybridExtractor) -> None:
    got = {(s.text, s.label) for s in hybrid.extract("巢湖流域水环境综合治理取得成效。")}
    assert ("巢湖", "LOC") in got and ("巢湖", "GPE") not in got  # the lake, not the city


def test_a_landform_is_not_read_on_into_the_word_that_says_it_is_one(hybrid: HybridExtractor) -> None:
    # jieba's places 辽河流域 and 沂蒙山区, which the dictionary and the CRF read whole, are the river and the mountain
    got = {(s.text, s.label) for s in hybrid.extract("辽河流域和沂蒙山区的农民增收明显。")}
    assert got == {("辽河", "LOC"), ("沂蒙山", "LOC")}


def test_a_landform_s_context_word_is_no_name_of_its_own() -> None:
    clean = "巢湖西岸的湿地"  # MSRA's 西岸 is the West Bank: the name model reads one here
    proposals = {"names": [Hit(2, 4, "LOC", score=0.86), Hit(0, 2, "GPE", score=0.99), Hit(0, 4, "LOC", score=0.7)]}
    assert not_run_on(proposals, landform_runs(clean)) == {"names": [Hit(0, 2, "GPE", score=0.99)]}


def test_a_facility_named_by_its_field_is_no_organisation(hybrid: HybridExtractor) -> None:
    got = {s.text for s in hybrid.extract("该市新建的光伏电站和海洋观测站投入运行。") if s.label == "ORG"}
    assert not got


def test_a_zone_with_a_rank_and_the_body_running_it(hybrid: HybridExtractor) -> None:
    got = {(s.text, s.label) for s in hybrid.extract("苍山洱海国家级自然保护区的鸟类增加，保护区管理局加强巡护。")}
    assert ("苍山洱海国家级自然保护区", "LOC") in got and not {t for t, _ in got} & {"苍山", "洱海"}
    got = {(s.text, s.label) for s in hybrid.extract("苍山洱海国家级自然保护区管理局加强巡护。")}
    assert got == {("苍山洱海国家级自然保护区管理局", "ORG")}  # the name model weighs the body 0.22


def test_a_region_of_short_forms_is_one_loc(hybrid: HybridExtractor) -> None:
    got = {(s.text, s.label) for s in hybrid.extract("粤港澳大湾区已成为重要的科技创新高地。")}
    assert got == {("粤港澳大湾区", "LOC")}  # not 粤 and 澳 as areas


def test_a_college_whose_fields_are_joined_is_one_org(hybrid: HybridExtractor) -> None:
    got = {(s.text, s.label) for s in hybrid.extract("廈門大學海洋與地球學院教授當選院士。")}
    assert ("廈門大學海洋與地球學院", "ORG") in got and ("地球學院", "ORG") not in got


def test_a_place_in_a_word_about_it_stays(hybrid: HybridExtractor) -> None:
    got = {(s.text, s.label) for s in hybrid.extract("他研究中国史，会讲四川话。")}
    assert {("中国", "GPE"), ("四川", "GPE")} <= got


def test_numbers_and_dates_come_from_the_rules_with_their_values() -> None:
    found = {"regex": [Hit(0, 5, "DATE", "2024-05")], "crf": [Hit(0, 5, "DATE", None, 0.99), Hit(6, 8, "MONEY")]}
    hits = resolve_overlaps(decide(found, "2024-05 十元"))
    assert [(h.start, h.end, h.label, h.value) for h in hits] == [(0, 5, "DATE", "2024-05")]


def test_a_zone_does_not_run_on_from_an_area_across_a_verb() -> None:
    clean = "嘉陵江畔的南充市建设现代农业示范园区。"
    area, clause = Hit(5, 8, "GPE", score=0.99), Hit(5, 18, "LOC")
    assert zones_not_clauses({"crf": [area], "dictionary": [clause]}, clean) == {"crf": [area], "dictionary": []}
    clean = "乌兰察布市农牧业科技产学研结合示范园区"  # a field after the area: the zone's name
    zone = Hit(0, len(clean), "LOC")
    assert zones_not_clauses({"crf": [Hit(0, 5, "GPE")], "dictionary": [zone]}, clean)["dictionary"] == [zone]
    clean = "在北京中国革命历史博物馆举行"  # a national venue after its country: 中国|革命…
    venue = Hit(3, 12, "LOC")
    assert zones_not_clauses({"crf": [Hit(3, 5, "GPE")], "places": [venue]}, clean)["places"] == [venue]


def test_a_full_name_before_a_form_of_address_is_a_person() -> None:
    clean = "今年是程砚秋先生逝世四十周年。"  # both models find 程砚秋 about as likely as not
    found = {"names": [Hit(3, 6, "PERSON", score=(LISTED_FLOOR + MIN_EVIDENCE) / 2)]}
    assert _kept(found, clean) == {(3, 6, "PERSON")}
    assert _kept(found, "今年是程砚秋来到北京") == set()  # no title after it: the models' doubt stands
    unlikely = {"names": [Hit(3, 6, "PERSON", score=LISTED_FLOOR / 2)]}
    assert _kept(unlikely, clean) == set()


def test_a_verb_read_as_an_organisation_names_no_body() -> None:
    clean = "广东省科学院的研究团队发现新物种。"  # the name model read 研究 as an ORG
    s = clean.index("研究")
    assert organisation(clean, Hit(s, s + 2, "ORG", score=0.84)) is None
    assert organisation(clean, Hit(0, 6, "ORG", score=0.99)) == Hit(0, 6, "ORG", score=0.99)


def test_a_zone_does_not_run_on_from_adjacent_areas_across_a_verb() -> None:
    clean = "长江南岸的江苏省常州市建设生物医药产业园。"
    areas = [Hit(5, 8, "GPE", score=0.99), Hit(8, 11, "GPE", score=0.99)]
    clause = Hit(5, 20, "LOC", score=0.74)
    assert zones_not_clauses({"crf": [*areas, clause]}, clean) == {"crf": areas}


def test_a_branch_is_named_after_its_body() -> None:
    clean = "中国石油化工股份有限公司茂名分公司完成装置升级。"
    found = {"names": [Hit(0, 12, "ORG", score=0.99)], "dictionary": [Hit(0, 17, "ORG", score=0.88)]}
    assert _kept(found, clean) == {(0, 17, "ORG")}
    clean = "中国石油化工股份有限公司与广东省湛江市政府签约。"  # no branch word: two mentions
    found = {"names": [Hit(0, 12, "ORG", score=0.99)], "dictionary": [Hit(0, 21, "ORG", score=0.88)]}
    assert _kept(found, clean) == {(0, 12, "ORG")}


@pytest.mark.parametrize("clean, person", [
    ("科技特派员刘红军常年驻守在龙潭村。", "刘红军"),   # jieba: 刘|红军, a common word for a given name
    ("教授郑南峰团队获奖。", "郑南峰"),
])
def test_a_one_character_surname_read_alone_runs_on_over_the_given_name(clean: str, person: str) -> None:
    s = clean.index(person)
    got = given_name_after(clean, Hit(s, s + 1, "PERSON", score=0.98))
    assert clean[got.start:got.end] == person


@pytest.mark.parametrize("clean", ["吴先生说", "王市长出席", "照顾李大娘的战士", "杀了丈夫的潘氏。"])
def test_a_surname_before_a_form_of_address_stays_bare(clean: str) -> None:
    s = next(i for i, ch in enumerate(clean) if ch in "吴王李潘")
    assert given_name_after(clean, Hit(s, s + 1, "PERSON", score=0.98)) == Hit(s, s + 1, "PERSON", score=0.98)


def test_a_company_named_after_its_place_keeps_the_place_s_evidence_though_the_model_doubts_it() -> None:
    clean = "北京草桥农工商联合公司总经理王茂春介绍"  # the name model: 0.45
    found = {"dictionary": [Hit(0, 2, "GPE", score=0.98)], "names": [Hit(0, 11, "ORG", score=0.45)]}
    assert _kept(found, clean) == {(0, 11, "ORG")}
    unlikely = {"dictionary": [Hit(0, 2, "GPE", score=0.98)], "names": [Hit(0, 11, "ORG", score=0.3)]}
    assert _kept(unlikely, clean) == {(0, 2, "GPE")}
    clean = "北京草桥农工商联合会议召开"  # no word that closes an organisation's name
    found = {"dictionary": [Hit(0, 2, "GPE", score=0.98)], "names": [Hit(0, 11, "ORG", score=0.45)]}
    assert _kept(found, clean) == {(0, 2, "GPE")}


def test_a_zones_body_is_named_after_a_zone_a_model_read(hybrid: HybridExtractor) -> None:
    # no zone word of named_places' ends the zone's name here (…一体化发展示范区): the models read it
    text = "长三角生态绿色一体化发展示范区执委会在上海挂牌。"
    got = {(s.text, s.label) for s in hybrid.extract(text)}
    assert ("长三角生态绿色一体化发展示范区执委会", "ORG") in got


def test_a_places_committee_opens_with_the_party_and_its_areas(hybrid: HybridExtractor) -> None:
    # the models read 中共, 嘉兴市, 南湖 (a lake) and 区委宣传部 apart
    got = {(s.text, s.label) for s in hybrid.extract("中共嘉兴市南湖区委宣传部联合区文明办开展志愿服务。")}
    assert ("中共嘉兴市南湖区委宣传部", "ORG") in got and ("南湖", "LOC") not in got


def test_a_body_after_its_areas_full_name_is_read_whole(hybrid: HybridExtractor) -> None:
    got = {(s.text, s.label) for s in hybrid.extract("苏州市相城区人民政府与南京大学签署了合作协议。")}
    assert ("苏州市相城区人民政府", "ORG") in got and ("苏州市", "GPE") not in got


@pytest.mark.parametrize("text, area", [
    ("唐山地区的钢铁企业加快转型。", "唐山"),      # jieba: 唐山地区, one place word; the models read nothing
    ("榆林地区的煤炭产量增长。", "榆林"),
    ("黄山地区的茶农忙着采茶。", "黄山"),          # the prefecture, not the mountain
    ("喀什地区的棉花丰收了。", "喀什"),            # JioNLP's full name is 喀什地区
])
def test_an_area_suffix_stays_outside_the_area(hybrid: HybridExtractor, text: str, area: str) -> None:
    got = {(s.text, s.label, s.value) for s in hybrid.extract(text)}
    assert (area, "GPE", area) in got and not any(t.endswith("地区") for t, _, _ in got)


def test_an_organisation_named_after_a_prefecture_keeps_its_suffix(hybrid: HybridExtractor) -> None:
    got = {(s.text, s.label) for s in hybrid.extract("运城地区经委每年召开会议。")}
    assert ("运城地区经委", "ORG") in got and ("运城", "GPE") not in got


@pytest.mark.parametrize("text, region, province", [
    # the models read 陕 alone (MSRA labels the province inside a region; the spec labels 浙西南 whole)
    ("专家团队常年在陕北治理水土流失。", "陕北", "陕"),
    # a two-character direction: jieba reads 豫 alone and 东南地区 as a word
    ("专家团队常年在豫东南地区治理水土流失。", "豫东南", "豫"),
])
def test_a_region_is_one_loc_not_its_province(hybrid: HybridExtractor, text: str, region: str, province: str) -> None:
    got = {(s.text, s.label) for s in hybrid.extract(text)}
    assert (region, "LOC") in got and (province, "GPE") not in got


def test_a_body_of_an_area_whose_name_jieba_reads_as_a_verb_is_kept(hybrid: HybridExtractor) -> None:
    # jieba tags 遵义 a verb: the area's name begins the body, it is no verb the body ran across
    got = {(s.text, s.label) for s in hybrid.extract("遵义市委书记龙泽武与民营企业家座谈。")}
    assert {("遵义市委", "ORG"), ("龙泽武", "PERSON")} <= got


def test_two_organisations_either_side_of_a_verb_read_as_one_are_both_kept(hybrid: HybridExtractor) -> None:
    # the gazetteer read 某某街道办事处联合某某公司 as one name, and the models followed it
    got = {(s.text, s.label) for s in hybrid.extract("广州市天河区石牌街道办事处联合网易公司开展了培训。")}
    assert {("广州市天河区石牌街道办事处", "ORG"), ("网易公司", "ORG")} <= got


def test_a_village_named_by_a_common_word_after_its_town_is_a_gpe(hybrid: HybridExtractor) -> None:
    # no proposer reads 战旗 as a place; after the town it names the village
    got = {(s.text, s.label) for s in hybrid.extract("四川省成都市郫都区唐昌镇战旗村被评为示范村。")}
    assert {("唐昌镇", "GPE"), ("战旗村", "GPE")} <= got
    got = {(s.text, s.label, s.value) for s in hybrid.extract("四川省成都市郫都區唐昌鎮戰旗村被評為示範村。")}
    assert ("戰旗村", "GPE", "战旗村") in got  # Traditional: the value in Simplified


def test_a_model_s_person_a_title_s_reading_goes_on_from_is_the_longer_name(hybrid: HybridExtractor) -> None:
    # both models read 张文 (0.99); after the title only 张文兵 is followed by what the person does
    got = {(s.text, s.label) for s in hybrid.extract("湖北省科技厅厅长张文兵在武汉调研时强调。")}
    assert ("张文兵", "PERSON") in got and ("张文", "PERSON") not in got


def test_a_name_after_a_title_is_a_person_though_a_county_bears_it(hybrid: HybridExtractor) -> None:
    # the gazetteer and the seed CRF read 黄平 as 黄平县's short form; after 研究员 it names a person
    got = {(s.text, s.label) for s in hybrid.extract("湖南省农业科学院研究员黄平带领团队培育出新品种。")}
    assert ("黄平", "PERSON") in got and ("黄平", "GPE") not in got
    got = {(s.text, s.label) for s in hybrid.extract("贵州省黔东南州黄平县的茶叶远销海外。")}
    assert ("黄平县", "GPE") in got  # no title: the county


def test_a_person_does_not_run_on_into_what_they_do(hybrid: HybridExtractor) -> None:
    got = {(s.text, s.label) for s in hybrid.extract("同济大学土木工程学院教授李杰当选院士。")}
    assert ("李杰", "PERSON") in got and ("李杰当选", "PERSON") not in got


def test_an_organisation_s_seat_in_brackets_is_part_of_its_name(hybrid: HybridExtractor) -> None:
    got = {(s.text, s.label) for s in hybrid.extract("哈尔滨工业大学（深圳）与南方科技大学联合举办了研讨会。")}
    assert ("哈尔滨工业大学（深圳）", "ORG") in got and ("深圳", "GPE") not in got


def test_a_new_area_and_a_site_whatever_the_models_read_in_them(hybrid: HybridExtractor) -> None:
    # jieba reads 雄|安 one character at a time and the models find no name; 平遥 is a county's name too
    got = {(s.text, s.label) for s in hybrid.extract("在雄安新区，一批项目开工。")}
    assert ("雄安新区", "LOC") in got
    got = {(s.text, s.label) for s in hybrid.extract("山西平遥古城每年接待游客上千万人次。")}
    assert ("山西平遥古城", "LOC") in got and ("平遥", "GPE") not in got


def test_a_count_of_areas_is_no_area(hybrid: HybridExtractor) -> None:
    # the regex reads 地九 as a stem of two characters before 市 (its readings are the models' features)
    got = {(s.text, s.label) for s in hybrid.extract("粤港澳大湾区内地九市共同签署了科技创新合作框架协议。")}
    assert ("粤港澳大湾区", "LOC") in got and not any(label == "GPE" for _, label in got)  # nor 地九, the stem
    assert ("二七区", "GPE") in {(s.text, s.label) for s in hybrid.extract("郑州市二七区的企业加快转型。")}
    got = {(s.text, s.label) for s in hybrid.extract("他在多伦多市和九州访问。")}
    assert {("多伦多市", "GPE"), ("九州", "GPE")} <= got  # names that end in a numeral's character and 州 or 市


def test_a_body_and_a_unit_it_numbers_are_one_organisation(hybrid: HybridExtractor) -> None:
    got = {(s.text, s.label) for s in hybrid.extract("塔克拉玛干沙漠边缘，新疆生产建设兵团第十四师的职工种植了红枣。")}
    assert ("新疆生产建设兵团第十四师", "ORG") in got and ("新疆生产建设兵团", "ORG") not in got


def test_a_byline_s_person_is_no_organisation_and_no_name_runs_over_its_bracket(hybrid: HybridExtractor) -> None:
    # the seed CRF read 林志豪 an ORG; a rule's stem ran over the byline's close into the university
    text = "（記者 林志豪）香港科技大學日前在香港與南沙區簽署協議。"
    got = [(s.text, s.label) for s in hybrid.extract(text)]
    assert got[:2] == [("林志豪", "PERSON"), ("香港科技大學", "ORG")]
