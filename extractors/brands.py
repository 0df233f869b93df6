"""Companies cited by a short name and their trade: 德邦|制药, 瑞峰|科技, 格力|电器 (the spec's company short names).

A report names a firm it cited in full before, or expects its readers to know, by two or three characters
of its own and its trade (`trade_words`: 科技, 制药, 电子), with no 公司 after them. The models, taught on
1998's news, give such a name little chance (瑞峰科技: the brand is no word they saw), and read its first
characters as a person or a place. The phrase says what it is where four things hold:
- the trade ends the phrase: punctuation or a word that opens a clause follows it (德邦制药|被评为, 瑞峰科技|签订),
  not a noun it goes on with (科技|教育基金, 电子|销售收入, 制药|有限公司: a company's full name is the rules');
- the name before the trade is two to MAX_BRAND characters that jieba reads one by one and that are no function
  words (鑫|达), or a rare word of jieba's (比亚迪): not a frequent word (农业|科技, 弘扬|科技: a verb jieba tags a
  person's name), not a place (湖北|生物 is the province's trade), not a pronoun or numeral (该厂, 各类);
- the name begins a phrase: after punctuation or a word no name runs left across (与|瑞峰科技, 由|德邦制药), not
  after a particle (含毒素的|赤潮生物) nor inside a quotation that goes on after it (“振华科技扶贫奖励基金”).
A word jieba holds whole that ends in the trade (格力电器) is one where the rest is such a name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors import lexicon
from extractors.base import Hit
from extractors.common_words import REACH, frequent_word, jieba_words

BRAND_NAME = 0.9  # as sure as a reporting line's outlet (`outlets.OUTLET_NAME`): a model's sure reading outranks it
MAX_BRAND = 3  # characters of the short name before its trade (比亚迪|汽车)
_VERB_TAGS = frozenset({"v", "vd"})  # one character a brand may hold (鑫|达, 宏|发): a verb alone names no clause
_QUOTES = {"“": "”", "「": "」", "『": "』", "《": "》", "‘": "’"}  # opening marks and their closing ones
_CLAUSE_PUNCTUATION = " \u3000\t\n，,。；;、：:！!？?（）()「」“”\"《》|-"


@dataclass(frozen=True)
class _Trades:
    """The trade words, and jieba's tags the rules read, each set derived once."""

    trade_re: re.Pattern[str]
    breakers: frozenset[str]       # words no name runs left across (`name_left_breaker_tags`)
    openers: frozenset[str]        # words that open a clause after the trade (`clause_tags` and the breakers)
    no_brand_char: frozenset[str]  # a character alone that is no brand's: a breaker but a verb, a numeral, a classifier
    no_brand_word: frozenset[str]  # a word that is no brand's (`word_tags`) but an adjective (宏远)


@lru_cache(maxsize=1)
def _trades() -> _Trades:
    words = sorted(lexicon.words("trade_words"), key=len, reverse=True)
    breakers = lexicon.word_set("name_left_breaker_tags")
    return _Trades(re.compile("|".join(map(re.escape, words))), breakers,
                   lexicon.word_set("clause_tags") | breakers, (breakers - _VERB_TAGS) | {"m", "q"},
                   lexicon.word_set("word_tags") - {"a"})


def brands_with_trades(clean: str) -> list[Hit]:
    """ORG proposals, with BRAND_NAME as their confidence, for each short name and trade that name a firm."""
    trade_re = _trades().trade_re
    out: list[Hit] = []
    for m in trade_re.finditer(clean):
        if not _ends_phrase(clean, m.end()):
            continue
        start = _brand_start(clean, m.start(), m.end())
        if start is not None and not (out and start < out[-1].end) and not _inside_quotes(clean, start, m.end()):
            out.append(Hit(start, m.end(), "ORG", score=BRAND_NAME))
    return out


@lru_cache(maxsize=1)
def _titles() -> tuple[str, ...]:
    return lexicon.words("person_titles")


def _inside_quotes(clean: str, start: int, end: int) -> bool:
    """Whether the phrase opens a quotation that goes on after it: the quoted name or title runs to its closing
    mark (“振华科技扶贫奖励基金”: a fund named after a firm or a person)."""
    close = _QUOTES.get(clean[start - 1:start])
    return close is not None and clean[end:end + 1] != close


def _ends_phrase(clean: str, end: int) -> bool:
    """Whether the phrase ends at `end`: punctuation or the text's end after it, a person's title (迈拓微电子|总经理:
    `person_titles`), or a word that opens a clause (被, 达成, 的) and begins there (not 科技|园 of 科技园区)."""
    if end == len(clean) or clean[end] in _CLAUSE_PUNCTUATION or clean.startswith(_titles(), end):
        return True
    after = next((x for x in jieba_words(clean, max(0, end - REACH), min(len(clean), end + REACH)) if x[0] >= end),
                 None)
    return after is not None and after[0] == end and after[2] in _trades().openers


def _brand_start(clean: str, trade: int, end: int) -> int | None:
    """Where the short name before the trade at `trade` begins (see the module docstring), or None; a word
    jieba holds whole that ends in the trade (格力电器) begins where that word does, when the rest is a short name."""
    breakers = _trades().breakers
    words = jieba_words(clean, max(0, trade - MAX_BRAND - REACH), end)
    whole = next((w for w, word, tag in words if w <= trade - 2 and w + len(word) == end), None)
    if whole is not None:
        ok = _brand_word(clean[whole:trade], "") and begins_phrase(clean, whole, words, breakers)
        return whole if ok else None
    start = trade
    for w, word, tag in reversed([x for x in words if x[0] < trade]):
        if w + len(word) > trade:
            return None  # the trade begins inside a word (新能源 holds 能源)
        if not _brand_word(word, tag):
            break
        start = w
    # a verb of one character ends a short name, never begins one (鑫|达 机械; not 是|中美 科技, 插|上 科技)
    leading = [w for w, word, tag in words if start <= w < trade and not (len(word) == 1 and tag in _VERB_TAGS)]
    start = leading[0] if leading else trade
    if not 2 <= trade - start <= MAX_BRAND:
        return None
    return start if begins_phrase(clean, start, words, breakers) else None


def _brand_word(word: str, tag: str) -> bool:
    """Whether a word of jieba's may be (part of) a short name: a Han character that is no function word,
    numeral or classifier (鑫|达: a brand's characters are words of any kind on their own), or a rarer word
    that is no place (格力 n 73 of 格力电器, 比亚迪 nr 4), neither of whose two-character halves is a
    frequent word: jieba's part-of-speech tags of rare words do not tell (公共汽车 nt, 高科技 nz, 弘扬 nr 430)."""
    if not word.isalpha():
        return False
    if len(word) == 1:
        return tag not in _trades().no_brand_char
    return (tag != "ns" and tag not in _trades().no_brand_word and len(word) <= MAX_BRAND
            and not any(map(frequent_word, {word[:2], word[-2:]})))


def begins_phrase(clean: str, start: int, words: list[tuple[int, str, str]], breakers: frozenset[str]) -> bool:
    """Whether a name at `start` begins a phrase: the text's start, punctuation or a word no name runs left
    across (与, 由, 的) before it."""
    if start == 0 or clean[start - 1] in _CLAUSE_PUNCTUATION:
        return True
    before = [(word, tag) for w, word, tag in words if w + len(word) == start]
    if not before:
        return False
    word, tag = before[-1]
    # one character jieba reads as an adverb or a verb may be a brand's own (特|丽优电子: 特 is "special"); after
    # a particle a phrase goes on (良好的|育人环境, 含毒素的|赤潮生物)
    return tag in breakers and not tag.startswith("u") and (len(word) > 1 or tag in ("p", "c"))
