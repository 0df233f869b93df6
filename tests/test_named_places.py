"""Named parks, zones, venues and landforms (extractors.named_places): sentences written for these tests."""
from __future__ import annotations

import pytest

from extractors.base import Hit
from extractors.named_places import (
    compound_regions,
    landform_after_landform,
    landform_runs,
    named_places,
    regions,
    runs_zone,
    sections_of_zones,
    zone_bodies,
    zones_after_areas,
    zones_after_names,
    zones_in_zones,
)


def _locs(sentence: str) -> set[str]:
    return {sentence[h.start:h.end] for h in named_places(sentence) if h.label == "LOC"}


def _landforms(sentence: str) -> set[str]:
    return {sentence[r.hit.start:r.hit.end] for r in landform_runs(sentence)}


@pytest.mark.parametrize("sentence, place", [
    ("十家企业落户漕河泾开发区。", "漕河泾开发区"),   # a place name before a zone word
    ("公司在紫竹高新区设立研发中心。", "紫竹高新区"),  # a name jieba tags a person's
    ("决赛在天河体育馆举行。", "天河体育馆"),         # a venue
    ("博览会在长春国际博览馆开幕。", "长春国际博览馆"),  # an exhibition hall
    ("临港新片区发布新政策。", "临港新片区"),
    ("卧龙国家级自然保护区的大熊猫数量增加。", "卧龙国家级自然保护区"),  # a rank between name and zone word
    ("张家界国家森林公园游客增多。", "张家界国家森林公园"),
    ("苍山洱海国家级自然保护区加强巡护。", "苍山洱海国家级自然保护区"),  # two places before the rank
    ("粤港澳大湾区建设加快推进。", "粤港澳大湾区"),   # a region
    ("北部湾经济区的港口吞吐量增长。", "北部湾经济区"),
    ("庐山植物园开展杜鹃花引种研究。", "庐山植物园"),  # a botanical garden is a venue
    ("常熟高新技术产业开发区发布新政策。", "常熟高新技术产业开发区"),  # an area jieba tags an adjective
    ("南京国家农业高新技术产业示范区建设加快。", "南京国家农业高新技术产业示范区"),  # fields and a rank
    ("金石滩国际旅游度假区游客增多。", "金石滩国际旅游度假区"),  # jieba: 金石滩 a person's name, then fields
])
def test_a_name_before_a_park_zone_or_venue_word_is_one_loc(sentence: str, place: str) -> None:
    assert place in _locs(sentence)


@pytest.mark.parametrize("sentence", [
    "该开发区今年引进了五个项目。",          # a determiner, no name
    "全省已有十个国家级高新区。",            # a level
    "各园区要做好安全生产。",
    "经济开发区和科技园区的企业。",          # generic words describe a zone, they do not name it
    "市民在广场上跳舞。",                    # the place word alone
    "该国家级高新区今年引进了五个项目。",    # a rank after a determiner, no name
    "大力发展新兴产业园。",                  # an area's short form that is a frequent word (新兴县)
    "该市农业高新技术产业示范区建设加快。",  # fields after a determiner, no name
])
def test_a_zone_word_without_a_name_is_no_loc(sentence: str) -> None:
    assert not _locs(sentence)


def test_an_area_jieba_reads_as_a_noun_before_a_zone_name_is_part_of_it() -> None:
    assert _locs("合肥蜀山经济开发区举办招聘会。") == {"合肥蜀山经济开发区"}  # jieba: 合肥 a noun, 蜀山 a place


def test_places_right_before_a_zone_name_are_part_of_it() -> None:
    # as an area is of a park named after it (the spec's 乌兰察布市…示范园区 is one LOC)
    assert _locs("江苏省苏州工业园区的企业。") == {"江苏省苏州工业园区"}
    assert _locs("湖北武汉东湖高新区发布政策。") == {"湖北武汉东湖高新区"}
    assert _locs("我们正在积极推进和建设的苏州工业园区。") == {"苏州工业园区"}  # a verb is no place


def test_the_body_running_a_named_zone_is_one_org() -> None:
    sentence = "苍山洱海国家级自然保护区管理局加强巡护，保护区管理办法出台。"
    got = {sentence[h.start:h.end] for h in zone_bodies(sentence, named_places(sentence)) if h.label == "ORG"}
    assert got == {"苍山洱海国家级自然保护区管理局"}
    zone_end = sentence.index("管理局")
    assert runs_zone(sentence, zone_end, zone_end + 3) and not runs_zone(sentence, zone_end, zone_end + 2)
    assert zone_bodies("卧龙国家级自然保护区的管理局", named_places("卧龙国家级自然保护区的管理局")) == []


def test_a_zone_after_a_proposed_name_is_one_loc() -> None:
    sentence = "仲恺高新区和张江高科技园区的企业。"  # names jieba knows no word for: 仲|恺, 张|江|高
    names = [Hit(0, 2, "PERSON", score=0.8), Hit(6, 9, "PERSON", score=0.7)]
    got = {sentence[h.start:h.end] for h in zones_after_names(sentence, names)}
    assert got == {"仲恺高新区", "张江高科技园区"}


def test_a_landmark_after_a_proposed_name_is_one_loc() -> None:
    sentence = "从江县的加榜梯田入选农业文化遗产。"  # jieba: 加|榜; the gazetteer reads 加榜 (a township)
    names = [Hit(4, 6, "GPE", score=0.99)]
    assert [sentence[h.start:h.end] for h in zones_after_names(sentence, names)] == ["加榜梯田"]


def test_no_zone_without_a_name_right_before_it() -> None:
    sentence = "会议在珠海国际会展中心举行，企业入驻高新区。"  # a venue is left out; 入驻 is no name
    names = [Hit(3, 5, "GPE", score=0.9), Hit(14, 15, "PERSON", score=0.9)]
    assert zones_after_names(sentence, names) == []



@pytest.mark.parametrize("sentence, landform", [
    ("巢湖流域水环境治理取得成效。", "巢湖"),      # a lake that shares a city's name, before 流域
    ("淮河流域防汛会议召开。", "淮河"),            # jieba reads 淮河流域 as one place
    ("秦岭北麓的周至县种植猕猴桃。", "秦岭"),
    ("嘉陵江沿岸的城市。", "嘉陵江"),
    ("钱塘江畔的高新区。", "钱塘江"),              # 江 ends the name and begins 江畔
    ("梁子湖畔的湿地。", "梁子湖"),                # jieba: 梁子 + 湖畔
    ("鄱阳湖区候鸟保护。", "鄱阳湖"),
    ("太行山区的村庄通上了光纤。", "太行山"),      # a mountain area is named by its mountain (jieba: 太行山区)
    ("武陵山区发展茶叶产业。", "武陵山"),          # jieba: 武陵山 + 区
    ("燕山山区的板栗丰收了。", "燕山"),            # jieba: 燕山 + 山区
    ("巢湖北岸的湿地公园开放。", "巢湖"),          # a lake's shore
    ("峨眉山脚下的村庄发展民宿。", "峨眉山"),      # a mountain's foot
    ("他站在天山脚下。", "天山"),                  # jieba: 天 + 山脚下, and it knows 天山
    ("在渭河之滨建起了湿地。", "渭河"),            # jieba: 渭 + 河之滨 (a person's name), and it knows 渭河
    ("洪泽湖水域的渔业资源得到恢复。", "洪泽湖"),  # a body of water
    ("微风吹过东湖湖面。", "东湖"),
    ("在金沙江上游建起了水电站。", "金沙江"),      # a river's reaches and its main stream
    ("汉江中下游的水质持续改善。", "汉江"),
    ("淮河干流的防洪能力提升了。", "淮河"),
    ("专家对大兴安岭林区进行了调查。", "大兴安岭"),  # a forest is named by its range (大兴安岭地区 is a prefecture)
    ("泰山之巅的日出吸引了大批游客。", "泰山"),      # a summit: a mountain, not the district that shares its name
    ("峨眉山顶的气温比山下低十度。", "峨眉山"),
    ("黄山主峰莲花峰海拔一千八百多米。", "黄山"),
])
def test_a_name_before_a_word_that_says_it_is_a_landform_is_a_loc(sentence: str, landform: str) -> None:
    assert _landforms(sentence) == {landform}


@pytest.mark.parametrize("sentence", [
    "加强流域治理。",              # no name
    "促进海峡两岸交流。",          # 海峡: a common noun
    "他站在山脚下。",              # jieba: 山脚下, no name before it
    "鄂西山区的农户种植茶叶。",    # the mountains of a region: jieba knows no mountain 鄂西山
    "北京市房山区召开科技大会。",  # a district, not the mountain area of 房山
    "贫困山区的孩子上学难。",
    "重庆南岸区的企业加快转型。",  # the context word begins a district's name
    "美国西岸的港口拥堵。",        # a country's coast
    "神农架林区的金丝猴数量增加。",  # a forestry district (JioNLP's tree)
    "哨所设在雪山之巅。",            # common nouns jieba tags a person's or a place's name
    "孩子们走出大山脚下的村庄。",
])
def test_no_landform_without_a_proper_name_before_its_context(sentence: str) -> None:
    assert not _landforms(sentence)


def test_a_landform_s_run_ends_with_its_context_word() -> None:
    sentence = "辽河流域的水质持续改善。"  # jieba reads 辽河流域 as one place
    assert [(sentence[r.hit.start:r.hit.end], sentence[r.hit.start:r.run_end]) for r in landform_runs(sentence)] \
        == [("辽河", "辽河流域")]


def test_a_rank_before_a_venue_is_no_field() -> None:
    # 国家 is a rank here, so the proper name before it (jieba: 秦岭, a person's tag) names the garden
    text = "秦岭国家植物园开展珍稀植物保护研究。"
    assert [text[h.start:h.end] for h in named_places(text)] == ["秦岭国家植物园"]


def test_a_park_inside_a_zone_is_named_by_the_word_before_its_park_word() -> None:
    text = "成都高新区天府软件园入驻企业超过500家。"  # jieba: 天府 is a common noun
    zone = Hit(0, 5, "LOC")
    assert [text[h.start:h.end] for h in zones_in_zones(text, [zone])] == ["天府软件园"]
    assert zones_in_zones(text, [Hit(0, 4, "LOC")]) == []  # no zone ends before the name
    text = "东湖高新区创新产业园建设加快。"  # a field names no park
    assert zones_in_zones(text, [Hit(0, 5, "LOC")]) == []


@pytest.mark.parametrize("sentence, zone", [
    ("武汉长江新区规划获批。", "武汉长江新区"),      # a zone named by a river, with its city
    ("赣江新区引进了一批新材料企业。", "赣江新区"),
    ("福州新区发布人才政策。", "福州新区"),          # a city's name alone: the state-level zone
    ("兰州新区的化工园区建设加快。", "兰州新区"),    # JioNLP lists it under a development zone's code
])
def test_a_new_area_that_is_no_district_is_a_zone(sentence: str, zone: str) -> None:
    assert zone in _locs(sentence)


@pytest.mark.parametrize("sentence", [
    "上海浦东新区的企业加快转型。",  # 浦东新区 is a district of Shanghai
    "天津滨海新区举办招聘会。",      # so is 滨海新区 of Tianjin
    "该新区的规划已经完成。",        # no name
    "我国已设立19个国家级新区。",
])
def test_a_new_area_that_is_a_district_or_has_no_name_is_no_zone(sentence: str) -> None:
    assert not any(sentence[h.start:h.end].endswith("新区") for h in named_places(sentence))


@pytest.mark.parametrize("sentence, zone", [
    ("贵州贵安新区建成了数据中心。", "贵州贵安新区"),  # a name jieba reads one character at a time (贵|安)
    ("青岛西海岸新区的企业加快转型。", "青岛西海岸新区"),  # a place word (jieba's s) after the city
    ("成都东部新区的机场已通航。", "成都东部新区"),        # a direction word
])
def test_a_zone_named_by_a_word_jieba_does_not_know_after_its_area_is_a_zone(sentence: str, zone: str) -> None:
    assert zone in _locs(sentence)


@pytest.mark.parametrize("sentence, zone", [
    ("重庆两江数字经济产业园入驻企业三百余家。", "重庆两江数字经济产业园"),  # common nouns name its fields
    ("泰州生物医药产业园引进了新项目。", "泰州生物医药产业园"),
    ("宁波新材料产业园引进了新项目。", "宁波新材料产业园"),      # a one-character adjective before a field
    ("北京未来科学城的能源企业加快布局。", "北京未来科学城"),    # a time word (jieba's t) names no zone either
    ("寿光现代农业产业园的蔬菜远销海外。", "寿光现代农业产业园"),
])
def test_common_nouns_before_a_zone_word_are_its_fields_not_its_name(sentence: str, zone: str) -> None:
    assert zone in _locs(sentence)


def test_a_zone_word_before_a_park_s_name_and_fields_names_no_zone() -> None:
    # jieba tags 高新区 a person's name; the park inside the zone is named by 光谷 (zones_in_zones)
    assert _locs("武汉东湖高新区光谷生物城聚集了两千多家企业。") == {"武汉东湖高新区"}


@pytest.mark.parametrize("sentence", [
    "在上海市的新区建设学校。",    # a function word
    "广州市各开发区加快转型。",    # a determiner
    "上海市加快开发区建设。",      # a verb
    "北京以南开发区建设加快。",    # a direction word that begins with no direction (以南: south of)
])
def test_no_zone_named_by_a_function_word_or_verb_after_an_area(sentence: str) -> None:
    assert _locs(sentence) == set()


def test_a_named_reservoir_airport_or_bridge_is_one_loc() -> None:
    assert _locs("专家在新安江水库开展了水质监测。") == {"新安江水库"}  # not the river
    assert _locs("航班从虹桥机场起飞。") == {"虹桥机场"}
    assert _locs("双流机场呼吁旅客提前出行。") == {"双流机场"}  # an area's name jieba tags a noun is no field
    assert _locs("村民们修水库、建水渠。") == set()  # no name
    assert _locs("柘林水电站扩建工程开工。") == {"柘林水电站"}  # power stations and tunnels, as MSRA labels them
    assert _locs("秦岭隧道全线贯通。") == {"秦岭隧道"}
    assert _locs("这座大坝和山上的梯田都很有名。") == set()


def test_no_zone_named_across_punctuation() -> None:
    assert _locs("“海丰”、“亚龙”、“大桥”等品牌。") == set()  # a quote and a comma are no name's characters


def test_a_zone_word_that_begins_a_district_s_name_is_no_zone() -> None:
    text = "大青山脚下的呼和浩特市新城区发展特色林果产业。"  # 新城区 is a district; 新城 a zone word
    city = Hit(text.index("呼和浩特市"), text.index("呼和浩特市") + 5, "GPE")
    assert zones_after_names(text, [city]) == []
    assert all(text[h.start:h.end] != "呼和浩特市新城" for h in named_places(text))


def test_a_zone_word_that_begins_a_longer_word_is_no_zone_after_a_name() -> None:
    text = "经加州港口输入的货物增长较快。"  # 港口: a port's word, no port named 加州
    state = Hit(text.index("加州"), text.index("加州") + 2, "GPE", score=0.9)
    assert zones_after_names(text, [state]) == []


@pytest.mark.parametrize("sentence, region", [
    ("团队常年在陕北治理水土流失。", "陕北"),  # a province's one-character name and a direction
    ("皖南山区的茶园开始采摘。", "皖南"),
    ("豫东的小麦丰收了。", "豫东"),
])
def test_a_province_s_short_name_and_a_direction_is_a_region(sentence: str, region: str) -> None:
    assert [sentence[h.start:h.end] for h in regions(sentence)] == [region]
    assert all(h.label == "LOC" for h in regions(sentence))


@pytest.mark.parametrize("sentence, region", [
    ("专家团队常年在豫东南地区治理水土流失。", "豫东南"),  # 豫|东南地区: the direction begins jieba's word
    ("川西北高原的牧民开始转场。", "川西北"),
])
def test_a_province_s_short_name_and_a_two_character_direction_is_a_region(sentence: str, region: str) -> None:
    assert [sentence[h.start:h.end] for h in compound_regions(sentence)] == [region]


@pytest.mark.parametrize("sentence", [
    "黔东南州的茶园开始采摘。",  # a prefecture's short form: an area
    "向东南方向延伸。",          # no province's name
])
def test_no_compound_region_where_an_area_or_no_province_is_named(sentence: str) -> None:
    assert compound_regions(sentence) == []


@pytest.mark.parametrize("sentence", [
    "甘南的牧民开始转场。",      # a prefecture's short form: an area
    "晋中市的企业加快转型。",    # a city
    "阿里巴巴、京东等电商平台。",  # a firm jieba tags a place (`not_region_words`)
    "他们重新北上。",            # 新北 is no word here
])
def test_no_region_where_an_area_a_firm_or_no_word_is_named(sentence: str) -> None:
    assert regions(sentence) == []


@pytest.mark.parametrize("sentence, place", [
    ("敦煌位于河西走廊的最西端。", "河西走廊"),                       # a corridor
    ("山西平遥古城每年接待游客上千万人次。", "山西平遥古城"),         # a historic site after its province
    ("贵阳大数据科创城已入驻企业200余家。", "贵阳大数据科创城"),       # zone words of new kinds
    ("将加快建设广州国际生物岛。", "广州国际生物岛"),
    ("陆家嘴金融城集聚了大批外资金融机构。", "陆家嘴金融城"),
    ("南京科学园的初创企业数目再创新高。", "南京科学园"),             # a science park (科技园's other name)
    ("苏州科学园区内的企业扩建产线。", "苏州科学园区"),             # ...and its 区, as 科技园区
    ("截至10月底，漳州台商投资区已集聚新材料企业52家。", "漳州台商投资区"),  # an investment zone
    ("市水利局对沙河干渠实施清淤疏浚。", "沙河干渠"),                 # a canal after an area's name
    ("广东省水利厅在飞来峡水利枢纽开展防洪调度演练。", "飞来峡水利枢纽"),  # a water project
    ("宁波舟山港的货物吞吐量连续多年位居全球第一。", "宁波舟山港"),  # a port after its cities
    ("海南自由贸易港的政策红利持续释放。", "海南自由贸易港"),         # free trade zones and ports (自由贸易: jieba's l)
    ("上海自贸试验区扩大了开放。", "上海自贸试验区"),                 # jieba: 自|贸|试验区
    ("专家登上三峡大坝的坝顶。", "三峡大坝"),                         # landmarks
    ("元阳梯田的云海吸引了摄影爱好者。", "元阳梯田"),
    ("武汉光谷科技创新大走廊建设推进会召开。", "武汉光谷科技创新大走廊"),  # corridors (jieba: 创新 a verb, no field)
    ("杭州城西科创大走廊集聚了一批平台。", "杭州城西科创大走廊"),       # (read before: 科|创|大 after an area)
    ("长三角科技创新走廊建设提速。", "长三角科技创新走廊"),
])
def test_corridors_sites_and_newer_zone_words_make_a_place(sentence: str, place: str) -> None:
    assert place in _locs(sentence)


@pytest.mark.parametrize("sentence", [
    "中日合作修复南京古城墙。",          # 古城墙 is a word: the wall, no old town
    "北京市体育场馆对外开放。",          # 体育场馆: venues of a city, none named
    "河间虽是古城，但由于战乱。",        # 虽|是 make a word: no name read one character at a time
    "江苏连云港的企业加快转型。",        # 连云港 is a city
    "关于智利驻香港总领事馆的协议",      # 驻|香|港: no port named by characters read one at a time
    "港口企业纷纷引进自动化码头设备。",
])
def test_a_place_word_inside_a_longer_word_or_after_a_word_names_no_place(sentence: str) -> None:
    assert _locs(sentence) == set()


def test_a_zone_word_jieba_tags_a_place_is_no_area_before_a_park() -> None:
    # 新区 alone is tagged ns: the park's name is 中关村, the new area's 雄安 (zones_in_zones joins them)
    assert _locs("雄安新区中关村科技园正式揭牌运营。") == {"雄安新区", "中关村科技园"}


@pytest.mark.parametrize("sentence, zone", [
    ("在雄安新区，一批项目开工。", "雄安新区"),     # after a preposition (在|雄|安|新区)
    ("贵安新区的数据中心集群规模不断扩大。", "贵安新区"),  # at the text's start
])
def test_a_new_area_named_by_characters_jieba_reads_one_at_a_time_at_a_clause_start(sentence: str, zone: str) -> None:
    assert _locs(sentence) == {zone}


@pytest.mark.parametrize("sentence, zone", [
    ("慈巴沟国家级自然保护区今年新增监测点。", "慈巴沟国家级自然保护区"),  # a rank: only a named zone has one
])
def test_a_ranked_zone_named_by_characters_jieba_reads_one_at_a_time(sentence: str, zone: str) -> None:
    assert _locs(sentence) == {zone}


def test_a_zone_a_rank_and_a_zone_word_are_one_zone() -> None:
    sentence = "项目组在鄱阳湖南矶湿地国家级自然保护区开展监测。"
    zone = Hit(4, 11, "LOC")  # 鄱阳湖南矶湿地, as a proposer reads it
    assert [sentence[h.start:h.end] for h in zones_in_zones(sentence, [zone])] == ["鄱阳湖南矶湿地国家级自然保护区"]


def test_a_frequent_word_jieba_tags_another_proper_noun_names_no_zone() -> None:
    assert _locs("积极申报国家级自然保护区。") == set()  # 申报: nz to jieba, a verb of the language


def _zones_after_areas(sentence: str, zone: str, *areas: str) -> set[str]:
    at = sentence.index(zone)
    hits = [Hit(sentence.index(a), sentence.index(a) + len(a), "GPE") for a in areas]
    return {sentence[h.start:h.end] for h in zones_after_areas(sentence, [Hit(at, at + len(zone), "LOC")], hits)}


def test_a_zone_after_its_areas_is_one_loc_with_them() -> None:
    sentence = "天津滨海新区于家堡金融区吸引了多家金融机构。"
    assert _zones_after_areas(sentence, "于家堡金融区", "天津", "滨海新区") == {"天津滨海新区于家堡金融区"}
    sentence = "广州琶洲人工智能与数字经济试验区吸引了多家企业。"
    assert _zones_after_areas(sentence, "琶洲人工智能与数字经济试验区", "广州") == {sentence[:16]}


@pytest.mark.parametrize("sentence, place, area", [
    ("天津的于家堡金融区吸引了多家金融机构。", "于家堡金融区", "天津"),  # not adjacent
    ("无锡太湖湾的水质持续改善。", "太湖湾", "无锡"),                  # a landform, no zone
    ("北京国家体育场举办了开幕式。", "国家体育场", "北京"),            # a venue
])
def test_no_zone_with_an_area_apart_from_it_or_a_place_that_is_no_zone(sentence: str, place: str, area: str) -> None:
    assert _zones_after_areas(sentence, place, area) == set()


@pytest.mark.parametrize("sentence, zone, whole", [
    ("祁连山国家公园青海片区的生态修复工作成效明显。", "祁连山国家公园", "祁连山国家公园青海片区"),
    ("深港科技创新合作区深圳园区已引进项目。", "深港科技创新合作区", "深港科技创新合作区深圳园区"),
    ("祁连山国家公园青海片区内的牧民", "祁连山国家公园", "祁连山国家公园青海片区"),  # jieba: 片|区内
    ("中关村科技园区海淀园的企业营收增长。", "中关村科技园区", "中关村科技园区海淀园"),  # jieba: 海淀园, one word
])
def test_a_section_of_a_zone_named_by_an_area_is_one_loc_with_it(sentence: str, zone: str, whole: str) -> None:
    at = sentence.index(zone)
    assert [sentence[h.start:h.end] for h in sections_of_zones(sentence, [Hit(at, at + len(zone), "LOC")])] == [whole]


@pytest.mark.parametrize("sentence, zone", [
    ("祁连山国家公园在青海的片区", "祁连山国家公园"),  # no area right after the zone, no section word after it
    ("苏州工业园区的企业", "苏州"),                    # a place, no zone, before it (a GPE read as LOC here)
    ("成都高新区天府软件园的企业", "成都高新区"),      # a park named by a word, no section
    ("张江高科技园区公园的绿地", "张江高科技园区"),    # 公园: no area's name before 园
    ("苏州工业园区园林局", "苏州工业园区"),            # 园林局: the word runs past the section's word
])
def test_no_section_without_an_area_and_a_section_word_right_after_a_zone(sentence: str, zone: str) -> None:
    at = sentence.index(zone)
    assert sections_of_zones(sentence, [Hit(at, at + len(zone), "LOC")]) == []


@pytest.mark.parametrize("name, second", [
    ("澜沧江湄公河", "湄公河"),   # two rivers' names, jieba's places each
    ("渤海辽东湾", "辽东湾"),     # a sea and its bay: MSRA writes them apart
    ("苍山洱海", "洱海"),
    ("长江三角洲", None),         # the second is the landform's word alone
    ("天山山脉", None),
    ("长江黄河", None),           # jieba reads one place: no word ends between them
    ("长白山天池", None),         # 天池 ends in no natural landform word of ours
    ("广州国际生物岛", None),     # a zone's word
])
def test_where_the_second_of_two_landforms_read_as_one_begins(name: str, second: str | None) -> None:
    at = landform_after_landform(name)
    assert (name[at:] if at is not None else None) == second
