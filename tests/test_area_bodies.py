"""Bodies of an area named by the area's full name (extractors.area_bodies)."""
from __future__ import annotations

from extractors.area_bodies import AREA_BODY, area_bodies, area_body_start, bodies_named_by_level


def _bodies(text: str) -> list[str]:
    hits = area_bodies(text)
    assert all(h.label == "ORG" and h.score == AREA_BODY for h in hits)
    return [text[h.start:h.end] for h in hits]


def test_a_body_after_its_areas_full_name_is_one_organisation() -> None:
    assert _bodies("苏州市相城区人民政府与南京大学签署协议") == ["苏州市相城区人民政府"]
    assert _bodies("嘉兴市南湖区委宣传部举办活动") == ["嘉兴市南湖区委宣传部"]
    assert _bodies("浙江省委、省政府高度重视") == ["浙江省委"]


def test_no_body_of_an_area_where_no_areas_full_name_ends_at_its_level() -> None:
    assert _bodies("在县委的领导下") == []      # a level alone: no area's name before it
    assert _bodies("全市区委书记会议") == []    # 市区 is no area's full name
    assert _bodies("县委副书记、县长王晓东") == []


def test_a_proposed_body_starts_with_its_area() -> None:
    text = "中共嘉兴市南湖区委宣传部"
    assert area_body_start(text, text.index("区委")) == text.index("嘉兴")
    assert area_body_start(text, text.index("南湖")) == text.index("南湖")  # no body of a level begins there


def test_a_subdistrict_s_or_community_s_body_named_by_its_level_is_an_organisation() -> None:
    for text, body in [("街道党工委书记孙丽萍主持会议。", "街道党工委"), ("社区党委书记何丽君带队。", "社区党委"),
                       ("会上，社区居委会主任作了发言。", "社区居委会")]:
        hits = bodies_named_by_level(text)
        assert [(text[h.start:h.end], h.score) for h in hits] == [(body, AREA_BODY)]
    assert bodies_named_by_level("龙翔街道党工委书记李明出席。") == []  # after a name: the name's body, the models'
    assert bodies_named_by_level("社区服务中心开放了。") == []          # no body of the level's


def test_a_level_s_body_named_by_its_level_where_a_clause_begins_is_an_organisation() -> None:
    # the models, taught on MSRA's news, which labels no such body, doubt 镇人民政府 (0.16)
    for text, body in [("镇人民政府组织开展了安全生产大检查。", "镇人民政府"),
                       ("会后，县人大常委会印发了通知。", "县人大常委会")]:
        assert [(text[h.start:h.end], h.score) for h in bodies_named_by_level(text)] == [(body, AREA_BODY)]
    assert bodies_named_by_level("龙翔镇人民政府组织开展了检查。") == []  # after a name: the area's (`area_bodies`)
    assert bodies_named_by_level("该镇人民政府组织开展了检查。") == []    # not where a clause goes on


def test_a_court_named_by_its_level_and_rank_where_a_clause_begins_is_an_organisation() -> None:
    # the rank stands between the level and the court's word; jieba reads 市中 as a district's name
    text = "市中级人民法院与市人民检察院联合举办座谈会。"
    assert [(text[h.start:h.end], h.score) for h in bodies_named_by_level(text)] == [("市中级人民法院", AREA_BODY)]
    assert bodies_named_by_level("广州市中级人民法院审理此案。") == []  # after a name: the name's court
