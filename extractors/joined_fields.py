"""A unit named by two fields and a conjunction is one organisation with its body: 三门峡市|林业和园林局,
闽江学院|地理与海洋学院.

A bureau or a college is often named by two fields it serves, joined by 和 or 与 (林业和草原局, 地理与海洋学院).
The rules' stems stop at the conjunction and keep the second field and the unit's word (园林局), and the models
find the whole unlikely (0.52). Where a likely area or organisation is followed by field words (`field_word_tags`
and proper names' tags, no verb: 清华大学|牵头|与|企业|共建|研究院 is a clause), one word joining two of them
(`field_joining_words`: 和, 与), and a word ending in an organisation's word (`org_suffixes`,
`department_body_endings`: 局, 学院), the body and its unit are one ORG, with the units of that unit named after
it. A field that is a body of its own (市委|和|市政府) or people (镇政府|分管领导|和|财政所: `person_titles`,
`org_member_words`) ends the phrase: two bodies, no unit.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from extractors import lexicon
from extractors.base import Hit
from extractors.common_words import jieba_words
from extractors.values import span_value

JOINED_UNIT = 0.9  # the form is the evidence, as a joint centre's (`joint_names.JOINT_NAME`)
REACH = 16  # characters after the body jieba reads: two fields, a conjunction and the unit's word
BODY_LABELS = frozenset({"GPE", "ORG"})


@lru_cache(maxsize=1)
def _unit_end() -> re.Pattern[str]:
    words = sorted({*lexicon.words("org_suffixes"), *lexicon.words("department_body_endings")}, key=len, reverse=True)
    return re.compile(f"(?:{'|'.join(map(re.escape, words))})$")


@lru_cache(maxsize=1)
def _field_tags() -> frozenset[str]:
    return lexicon.word_set("field_word_tags") | lexicon.word_set("proper_name_tags")


def joined_units(clean: str, likely: Iterable[Hit]) -> list[Hit]:
    """ORG proposals, with JOINED_UNIT as their confidence, for each body and the unit of joined fields after it."""
    out: dict[tuple[int, int], Hit] = {}
    ends: dict[int, int | None] = {}  # many proposers read one body: each end is read once
    for body in likely:
        if body.label not in BODY_LABELS or not _joining_ahead(clean, body.end):
            continue
        if body.end not in ends:
            ends[body.end] = _joined_unit_end(clean, body.end)
        if (end := ends[body.end]) is not None:
            out.setdefault((body.start, end), Hit(body.start, end, "ORG", span_value("ORG", clean, body.start, end),
                                                  JOINED_UNIT))
    return list(out.values())


def _joining_ahead(clean: str, start: int) -> bool:
    """Whether a joining word stands within REACH characters after `start`: most bodies have none, and jieba
    need not read what follows them."""
    return any(0 <= clean.find(word, start, start + REACH) for word in lexicon.word_set("field_joining_words"))


def _joined_unit_end(clean: str, start: int) -> int | None:
    """Where a unit of fields joined by a conjunction, right after `start`, ends (see the module docstring)."""
    conjunctions = lexicon.word_set("field_joining_words")
    fields_before = fields_after = 0
    joined, end = False, None
    words = jieba_words(clean, start, min(len(clean), start + REACH))
    for i, (s, word, tag) in enumerate(words):
        next_word = words[i + 1][1] if i + 1 < len(words) else ""
        if word in conjunctions and fields_before and not joined:
            joined = True
        elif _unit_end().search(word) and word.isalpha():
            # the unit's word, with a field of its own before it in the word (园林|局) or after the conjunction; a
            # unit of it may follow (中国教育和科研计算机网|专家|委员会)
            if not (joined and (fields_after or len(word) > 2)):
                return end
            end = s + len(word)
        elif tag not in _field_tags() or not word.isalpha() or _people(word) and not _unit_end().search(next_word):
            return end  # (people right before a unit's word name it: 专家|委员会)
        elif joined:
            fields_after += 1
        else:
            fields_before += 1
    return end


def _people(word: str) -> bool:
    """Whether a word names people, no field: a title or an organisation's people (分管|领导, 政府学|教授, 专家)."""
    return word.endswith(_people_words())


@lru_cache(maxsize=1)
def _people_words() -> tuple[str, ...]:
    return (*lexicon.words("person_titles"), *lexicon.words("org_member_words"))
