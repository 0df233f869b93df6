"""Boundary evidence between proposals: a name does not run left across a verb, a preposition,
a conjunction, an adverb or a pronoun.

Two proposals of one name that end together but start apart (复办|中央党校 and 中央党校) differ
only in what lies between their starts. When jieba, reading its dictionary alone (as the CRF's
word features do), segments that stretch as ending in a word of such a tag (`name_left_breaker_tags`),
the longer proposal has run left across the clause the name sits in (a rule's organisation suffix
that took the verb before it, a tagger that followed it), and the shorter one is the name.

An organisation's name likewise begins where a word does: a proposal whose first character is the
second or later character of one of jieba's words took half a word (州市政协 in 杭州|市政协, 报讯… in
本报讯…). The one exception is a level-prefixed body after a deictic (该市|行政服务中心: jieba reads 该市
as one word, the body begins at its level character). Of MSRA train's organisations (its first
20,000 sentences) 0.25% begin inside a word; of the hybrid's organisations on its last 5,000 (as it
was before this rule) 16 wrong ones did and no right one. There `hybrid` goes from 0.7857 to 0.7875
strict F1 (with a `names` model refitted without those sentences), the seeds (leave-one-out) from
0.9506 to 0.9513.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache

from extractors import lexicon
from extractors.base import Hit
from extractors.common_words import REACH, jieba_words

Key = tuple[int, int, str]  # (start, end, label)


@lru_cache(maxsize=1)
def _breaker_tags() -> frozenset[str]:
    return frozenset(lexicon.words("name_left_breaker_tags"))


@lru_cache(maxsize=1)
def _deictic_levels() -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(lexicon.chars("deictic_chars")), frozenset(lexicon.chars("level_chars"))


def starts_inside_word(clean: str, start: int) -> bool:
    """Whether `start` falls inside one of jieba's words of the text around it, other than at the
    level character of a deictic and a level (该市, 我县)."""
    deictic, levels = _deictic_levels()
    for s, word, _ in jieba_words(clean, max(0, start - REACH), min(len(clean), start + REACH)):
        if s < start < s + len(word):
            return not (len(word) == 2 and word[0] in deictic and word[1] in levels)
        if s >= start:
            return False
    return False


def _last_breaker_end(clean: str, start: int, end: int) -> int | None:
    """Where the last word of a breaker tag inside clean[start:end] ends (not the span's last word)."""
    tags, last = _breaker_tags(), None
    for s, word, tag in jieba_words(clean, start, end):
        if s + len(word) >= end:
            break
        if tag in tags:
            last = s + len(word)
    return last


def run_left(clean: str, proposals: Iterable[Iterable[Hit]], labels: frozenset[str]) -> set[Key]:
    """The proposals of `labels` that run left across a breaker word into a shorter proposal's name."""
    keys = {(h.start, h.end, h.label) for hits in proposals for h in hits if h.label in labels}
    starts: dict[tuple[int, str], set[int]] = defaultdict(set)
    for s, e, label in keys:
        starts[(e, label)].add(s)
    out = set()
    for s, e, label in keys:
        later = {x for x in starts[(e, label)] if x > s}
        if later and _last_breaker_end(clean, s, e) in later:
            out.add((s, e, label))
    return out


def without_left_runs(clean: str, found: Mapping[str, list[Hit]], labels: frozenset[str]) -> dict[str, list[Hit]]:
    """`found` (proposals by component) without those that run left (`run_left`)."""
    losers = run_left(clean, found.values(), labels)
    return {k: [h for h in hits if (h.start, h.end, h.label) not in losers] for k, hits in found.items()}
