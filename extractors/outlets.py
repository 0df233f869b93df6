"""Media outlets named in a reporting line: 据|人民网|报道, 澎湃新闻|记者, 来源：|光明网, 东方网|讯.

A paper named by 日报 or a broadcaster by 电视台 is an organisation by its word (`name_rules`' media
words). A website (人民网), a news app (澎湃新闻), a paper by 报 alone (新京报) or a national broadcaster
(中央广播电视总台) ends in a word that ends common nouns too (电网, 体育新闻, 举报), and the models, taught
1998's news, never saw one (人民网: 0.0). A reporting line names an outlet: a word that reports it right
after the name (`reporting_words`: 报道, 记者, 讯) or a dateline (央广网|北京6月3日消息), or a word that cites
a source before it (`source_line_words`: 来源：) with the name closing the clause; and so does a list of
media (新华网、人民网、央视网等媒体: `media_kinds`). There a proper stem and
an outlet's word (`outlet_words`) are one ORG, proposed with its own confidence: the line, not the
models, says what it is.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractors import lexicon
from extractors.base import Hit
from extractors.common_words import jieba_words

OUTLET_NAME = 0.9  # as sure as a titled person (`titled_persons.TITLED_NAME`): a model's sure reading outranks it
MAX_STEM = 8  # characters of an outlet's name before its word (中央广播电视|总台): a longer run is a clause
RUN_BACK = 3  # characters jieba segments before a run to read a name that ends in a stop character (埃及)
MAX_LISTED = 6  # outlets listed after one before the kind that closes the list (人民网、央视网…等媒体)
# the tail of a date before the name (2024年|中国青年报): calendar characters begin no outlet, but name papers
_DATE_TAIL = "年月日号"
# a dateline between the name and the report: 央广网|北京6月3日消息, 新华社|北京6月3日电
_DATELINE = r"[\u4e00-\u9fff]{0,4}\d{1,2}月\d{1,2}日(?:电|消息|讯)"
_CLAUSE_END = " \u3000\t\n，,。；;、：:！!？?）)」”\"|"  # | parts a source line's fields (来源：光明网 | 编辑)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], str]:
    """The outlet's word; what reports it, with a dateline, or the rest of a list of media (、央视网等媒体:
    `media_kinds`); a source or report word inside a run of letters (来源光明网, 讯光明日报); and the characters
    that end a stem on the left (an organisation stem's, but for calendar characters)."""
    endings = "|".join(sorted(map(re.escape, lexicon.words("outlet_words")), key=len, reverse=True))
    reports = "|".join(re.escape(w) + (f"(?![{re.escape(f)}])" if f else "")
                       for w, f in sorted(lexicon.entries("reporting_words"), key=lambda e: -len(e[0])))
    sources = "|".join(sorted(map(re.escape, lexicon.words("source_line_words")), key=len, reverse=True))
    stops = "".join(sorted(set(lexicon.chars("org_stem_stop_chars")) - set(_DATE_TAIL)))
    listed = (rf"(?:、[\u4e00-\u9fffA-Za-z0-9]{{2,{MAX_STEM + 3}}}?){{0,{MAX_LISTED}}}等[\u4e00-\u9fff]{{0,4}}?"
              rf"(?:{'|'.join(map(re.escape, lexicon.words('media_kinds')))})")
    return (re.compile(endings), re.compile(f"(?:{reports}|{_DATELINE}|{listed})"), re.compile(f"{sources}|{reports}"),
            stops)


def outlets_in_reports(clean: str) -> list[Hit]:
    """ORG proposals, with OUTLET_NAME as their confidence, for each outlet a reporting line names."""
    ending_re, reported_re, _, _ = _patterns()
    out: list[Hit] = []
    for m in ending_re.finditer(clean):
        reported = reported_re.match(clean, m.end()) is not None
        if not reported and clean[m.end():m.end() + 1] not in ("", *_CLAUSE_END):
            continue
        run = _run_start(clean, m.start())
        if run is None or (out and run < out[-1].end):  # 中新网|青海新闻|4月19日电: the outlet's edition
            continue
        cited = _cited(clean, run)
        if not (reported or cited):
            continue
        start = _stem_start(clean, run, m.start(), m.end(), cited or run == 0 or clean[run - 1] in _CLAUSE_END)
        if start is not None:
            out.append(Hit(start, m.end(), "ORG", score=OUTLET_NAME))
    return out


def _run_start(clean: str, end: int) -> int | None:
    """Where the run of letters before an outlet's word at `end` begins: back to a stop (a digit,
    punctuation, a function word's character) or a source or report word inside it, past a date's tail;
    None when it runs longer than MAX_STEM."""
    _, _, inside_re, stops = _patterns()
    i = end
    while i > 0 and end - i <= MAX_STEM and clean[i - 1].isalpha() and clean[i - 1] not in stops:
        i -= 1
    if end - i > MAX_STEM:
        return None
    said = [m.end() for m in inside_re.finditer(clean, i, end)]
    i = said[-1] if said else i
    while 0 < i < end and clean[i] in _DATE_TAIL and clean[i - 1].isdigit():
        i += 1
    return i


def _cited(clean: str, run: int) -> bool:
    """Whether a word of jieba's that cites a source (`source_line_words`: 据, 根据, 来源) ends right before
    `run`, or before its colon or space: 数据 ends in 据, but cites nothing."""
    before = clean[max(0, run - 6):run]
    i = run - (len(before) - len(before.rstrip(" \u3000：:")))
    words = jieba_words(clean, max(0, i - 4), i)
    return bool(words) and words[-1][1] in lexicon.word_set("source_line_words")


def _stem_start(clean: str, run: int, end: int, outlet_end: int, at_clause: bool) -> int | None:
    """Where the outlet's name begins in the run clean[run:end]: where a word of jieba's begins (a stop
    character may begin a word: 每 of 每日), past leading verbs, adverbs, pronouns and particles
    (接受|中国足球报, 有关|情报); a stem that is one such word only where the run begins a clause
    (澎湃|新闻记者). None when no outlet: the stem is generic (国际|新闻, save a website jieba reads whole:
    人民网), the outlet's word ends a verb (群众|举报) or the outlet's last word is a common noun (因特网, 年报;
    not 中国青年报, one word)."""
    stops = _patterns()[3]
    run = _name_across_stop(clean, run, stops)
    words = jieba_words(clean, run - 1 if run > 0 and clean[run - 1] in stops else run, outlet_end)
    verbs = lexicon.word_set("verb_tags")
    if any(w < end < w + len(word) and tag in verbs for w, word, tag in words) \
            or words[-1][1] in lexicon.word_set("outlet_common_nouns"):
        return None
    first = next((w for w, word, _ in words if w < run < w + len(word) and clean[w:run].isalpha()), run)
    stem_words = [(w, tag) for w, _, tag in words if first <= w < end]
    trimmed = next((w for w, tag in stem_words if tag not in _leading_tags()), end)
    if _a_stem(clean, trimmed, end, outlet_end):
        return trimmed
    return first if at_clause and trimmed != first and len(stem_words) == 1 and end - first >= 2 else None


def _name_across_stop(clean: str, run: int, stops: str) -> int:
    """Where a run that began after a stop character begins when jieba reads that character as the end of a
    proper name (埃|及 of 埃及金字塔报: 及 stops a stem as "and"): at the name."""
    if run == 0 or clean[run - 1] not in stops:
        return run
    words = jieba_words(clean, max(0, run - RUN_BACK), run)
    last = words[-1] if words else None
    return last[0] if last and len(last[1]) >= 2 and last[2] in lexicon.word_set("proper_name_tags") else run


@lru_cache(maxsize=1)
def _leading_tags() -> frozenset[str]:
    """Tags of the words a stem drops from its start: function words', but for adjectives and directions,
    which name outlets (新|京报, 南方|都市报), and numerals' and classifiers' (10|多年|来|新闻记者)."""
    return (lexicon.word_set("function_tags") - {"a", "f"}) | {"m", "q"}


def _a_stem(clean: str, start: int, end: int, outlet_end: int) -> bool:
    """A stem of two characters or more holding a proper name, or a website jieba reads as one word
    (人民网: 人民 is a common word, but the site is a word of its own)."""
    from extractors.name_rules import is_generic  # not at import: listing the extractors loads no rules

    stem = clean[start:end]
    if len(stem) < 2:
        return False
    if not is_generic(stem):
        return True
    return clean[end:outlet_end] == "网" and len(jieba_words(clean, start, outlet_end)) == 1
