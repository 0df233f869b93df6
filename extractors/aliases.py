"""A short form a text gives a name right after it: 郑州宇通客车股份有限公司（简称“宇通客车”）,
中国科学院大学，简称国科大.

A report that names a firm or body in full often says at once what it will call it (`alias_words`: 简称, 以下简称),
in brackets or after a comma, the short form quoted or not. The short form names what the full name names, so
it is a mention of the same kind: an ORG after an ORG, and so wherever it recurs after (宇通客车|发布…). The models
read the short form alone and may know no such word (宇通客车: a brand and its product); the sentence says what it is.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from extractors import lexicon
from extractors.base import Hit
from extractors.common_words import frequent_word, jieba_words
from extractors.level_nouns import DEICTIC_CHARS
from extractors.values import span_value

ALIAS = 0.9  # as sure as the proposers that read a name from its sentence (`brands.BRAND_NAME`)
MAX_ALIAS = 12  # characters of a short form
_OPEN, _CLOSE = "“\"「『‘", "”\"」』’"  # quotation marks around the short form
_PARTY = "方"  # a contract's or a treaty's party: 甲方, 乙方, 双方, 中方


@lru_cache(maxsize=1)
def _alias_re() -> re.Pattern[str]:
    """An alias word in brackets or after a comma right after a name, then the short form: quoted (group 1), or
    ending where the bracket closes or the clause does (group 2)."""
    words = "|".join(sorted(map(re.escape, lexicon.words("alias_words")), key=len, reverse=True))
    form = rf"[\u4e00-\u9fffA-Za-z0-9]{{2,{MAX_ALIAS}}}"
    return re.compile(rf"[（(，,](?:{words})[：:]?(?:[{_OPEN}]({form})[{_CLOSE}]|({form})(?=[）)，,。；;]))")


def aliases_after_names(clean: str, names: Iterable[Hit]) -> list[Hit]:
    """Hits of each name's short form the text gives right after it, of the name's label, at ALIAS (`names`:
    proposed person, organisation and place names)."""
    spans: dict[tuple[int, int, str], None] = {}  # components propose a name alike: one short form per span
    for h in names:
        m = _alias_re().match(clean, h.end)
        if m is not None:
            start, end = m.span(1) if m.group(1) else m.span(2)
            if _a_name(clean, start, end):
                spans[(start, end, h.label)] = None
    for s, e, label in list(spans):
        spans.update(dict.fromkeys((at, at + e - s, label) for at in _recurrences(clean, clean[s:e], e)))
    return [Hit(s, e, label, span_value(label, clean, s, e), ALIAS) for s, e, label in spans]


def _recurrences(clean: str, form: str, after: int) -> list[int]:
    """Where a short form recurs after it was given (澜拓智能|计划…): the text has said what it names."""
    out, at = [], clean.find(form, after)
    while at >= 0:
        out.append(at)
        at = clean.find(form, at + len(form))
    return out


def _a_name(clean: str, start: int, end: int) -> bool:
    """Whether a short form is a name, not a word for the party a contract or treaty names (甲方, 双方: a character
    and 方), a frequent word that is no name of jieba's (公约), a deictic or a count (本协定, 该公司, 两国)."""
    if clean[start] in DEICTIC_CHARS or end - start == 2 and clean[end - 1] == _PARTY:
        return False
    words = jieba_words(clean, start, end)
    _, word, tag = words[0]
    if tag in ("r", "m"):
        return False
    return not (len(words) == 1 and tag not in lexicon.word_set("name_tags") and frequent_word(word))
