"""A transliterated name is one person across its dots (extractors.dotted_names), and the hybrid keeps it whole."""
from __future__ import annotations

import pytest

from extractors.base import Hit
from extractors.dotted_names import across_dots
from extractors.registry import get_extractor


def _across(sentence: str, part: str, label: str = "PERSON") -> str:
    at = sentence.index(part)
    h = across_dots(sentence, Hit(at, at + len(part), label, score=0.7))
    return sentence[h.start:h.end]


@pytest.mark.parametrize("sentence, part, whole", [
    ("决定授予刘俊彦、阿不都热依木·吾守尔等10名同志称号。", "吾守尔", "阿不都热依木·吾守尔"),  # after a list's mark
    ("教授买买提明·阿不都拉介绍了项目。", "阿不都拉", "买买提明·阿不都拉"),  # a title before the part
    ("会上，艾则孜·库尔班作了发言。", "艾则孜", "艾则孜·库尔班"),  # the part after the dot
    ("與會者包括瑪麗亞‧羅德里格斯。", "羅德里格斯", "瑪麗亞‧羅德里格斯"),  # Traditional text's dot
    ("为阿依古丽·买买提、努尔兰颁发证书。", "买提", "阿依古丽·买买提"),  # a model's part begins inside the part
])
def test_a_person_runs_on_across_the_dot_over_the_other_part(sentence: str, part: str, whole: str) -> None:
    assert _across(sentence, part) == whole


@pytest.mark.parametrize("sentence, part, label", [
    ("会见了阿卜杜拉·艾哈迈德。", "艾哈迈德", "ORG"),  # only persons
    ("他与·艾哈迈德会谈。", "艾哈迈德", "PERSON"),  # a preposition alone is no part
    ("《新文人画精品选·王孟奇》", "王孟奇", "PERSON"),  # a book's title: a series and a volume
    ("新文人画精品选·王孟奇", "王孟奇", "PERSON"),  # a common word ends the part: one character is left
    ("王孟奇同志指出", "王孟奇", "PERSON"),  # no dot
])
def test_no_part_where_none_is_across_a_dot(sentence: str, part: str, label: str) -> None:
    assert _across(sentence, part, label) == part


def test_a_common_word_before_a_name_jieba_knows_ends_the_part() -> None:
    text = "娶了美国总统肯尼迪遗孀杰奎琳·肯尼迪的船王"
    at = text.rindex("肯尼迪")
    h = across_dots(text, Hit(at, at + 3, "PERSON", score=0.7))
    assert text[h.start:h.end] == "杰奎琳·肯尼迪"  # not 肯尼迪遗孀杰奎琳·肯尼迪


def test_the_hybrid_names_the_whole_person() -> None:
    text = "经研究，决定授予刘俊彦、阿不都热依木·吾守尔等10名同志“天山英才”称号。"
    persons = [s.text for s in get_extractor("hybrid").extract(text) if s.label == "PERSON"]
    assert persons == ["刘俊彦", "阿不都热依木·吾守尔"]
