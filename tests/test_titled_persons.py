"""Persons named right after their title (extractors.titled_persons)."""
from __future__ import annotations

import pytest

from extractors.titled_persons import TITLED_NAME, cut_short, persons_after_titles


def _found(text: str) -> set[str]:
    hits = persons_after_titles(text)
    assert all(h.label == "PERSON" and h.score == TITLED_NAME for h in hits)
    return {text[h.start:h.end] for h in hits}


@pytest.mark.parametrize("text, name", [
    ("陕西师范大学副校长党怀兴出席开幕式。", "党怀兴"),   # jieba: 党|怀|兴; 党 is an ambiguous surname
    ("研究所研究员周卫作报告。", "周卫"),                 # 周卫作|报告 is followed by a noun, 周卫|作 by a verb
    ("市科技局局长张伟表示，", "张伟"),                   # a name jieba knows
    ("镇长欧阳红梅带领村民发展种植。", "欧阳红梅"),       # a two-character surname
    ("稿源:县科技局 作者:贾悦 ]", "贾悦"),                # a byline, after its colon
    ("西湖大学校长施一公出席开学典礼。", "施一公"),       # a numeral jieba reads alone is a given name's (施|一|公)
    ("乡党委书记韩二秃介绍说，", "韩二秃"),
    ("本报讯（记者 周家豪）县政府日前举办了论坛。", "周家豪"),  # jieba: 周家|豪; the byline's bracket bounds it
])
def test_a_surname_and_given_name_between_a_title_and_a_verb_are_a_person(text: str, name: str) -> None:
    assert _found(text) == {name}


@pytest.mark.parametrize("text", [
    "市长高度重视。",            # 高度: a common word, not a given name
    "院长向大会报告工作。",      # 向|大会: a common word again
    "局长和市长出席会议。",      # a title inside
    "海电力设计院院长任上，",    # 上: a locative, no character of a name
    "江泽民同志贺信提出",        # 同志 follows a name: a form of address, no title before one
    "局长助理出席会议。",        # 助 is no surname
    "主任李两次到访。",          # 两次: a count jieba reads as one word, no given name
    "记者 周家豪报道",            # no byline's end: the name runs on into 报道
    "记者 周",                   # a surname alone
])
def test_no_person_where_the_words_after_a_title_are_no_name(text: str) -> None:
    assert _found(text) == set()


def test_after_a_title_the_ambiguous_surnames_count_too() -> None:
    from extractors.package_lexicons import surnames

    pruned, everyone = surnames()[0], surnames(ambiguous=True)[0]
    assert pruned < everyone  # JioNLP's pruned list leaves out surnames that are common words
    assert {"周", "钱", "党"} <= everyone - pruned
    assert surnames()[1] == surnames(ambiguous=True)[1]


def test_a_bylines_name_after_spaces_is_a_person() -> None:
    assert _found("本报讯（通讯员 杨帆 记者 何欣）昨日，市科技局召开会议。") == {"杨帆", "何欣"}
    assert _found("记者\u3000张磊") == {"张磊"}
    assert _found("局长 重视此事") == set()  # the words after the spaces are no name


def test_a_two_character_reading_no_clause_follows_is_cut_short() -> None:
    text = "省科技厅厅长张文兵在高新区调研。"  # 张文 is followed by 兵, no clause
    titled = persons_after_titles(text)
    assert [text[h.start:h.end] for h in titled] == ["张文兵"]
    assert cut_short(text, titled) == {(text.index("张文"), text.index("张文") + 2)}


def test_no_reading_is_cut_short_where_a_clause_follows_it_or_a_foreign_name_goes_on() -> None:
    text = "记者李华摄"  # 摄 (a verb's morpheme) follows the byline's name
    assert cut_short(text, persons_after_titles(text)) == set()
    text = "国防部长福图纳托·马特斯会见了代表团。"
    assert cut_short(text, persons_after_titles(text)) == set()
