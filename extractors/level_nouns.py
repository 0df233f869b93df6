"""Common nouns that end in a level character (地区, 农村, 社区): a body after one takes no level from
it (社区|党委 is no 区党委). The regex's levelled bodies and the gazetteer's level prefixes read them
from jieba's dictionary with this one test (`before_level`), each for its own level characters."""
from __future__ import annotations

from extractors import lexicon

DEICTIC_CHARS = frozenset(lexicon.chars("deictic_chars"))  # 我市, 全县: deictic words, no nouns


def before_level(word: str, freq: int, tag: str, levels: str | frozenset[str]) -> bool:
    """Whether a word of jieba's dictionary is a common noun ending in one of `levels`. Nouns only:
    入市 is a verb before 市委, 我市 a deictic, 省市 a list of levels."""
    return (len(word) == 2 and word[1] in levels and freq >= 100 and tag in ("n", "s", "f")
            and word[0] not in DEICTIC_CHARS and word[0] not in levels)
