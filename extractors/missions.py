"""A state's or a body's mission in another place is one organisation: 中国驻美国大使馆, 以色列驻上海总领事馆.

A sender, 驻 ("stationed in"), the host and a mission's word (`mission_words`: 大使馆, 总领事馆, 办事处) name one
body, as MSRA labels them (中国驻美国大使馆, 香港贸易发展局驻雅典办事处, 英国驻港总领事馆: whole in its train
split). The models read the sender and the host's embassy apart (中国 | 美国大使馆), and boundary evidence would
keep them so: 驻 is a verb, over which no name runs left. Where a likely place or organisation is followed by
驻, a host of up to MAX_HOST Han characters (驻华, 驻法国斯特拉斯堡) and a mission's word, the whole is an ORG;
not where a person's title stands between (中国驻法国大使|蔡方柏为总领馆: `person_titles`).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from extractors import lexicon
from extractors.base import Hit
from extractors.patterns import alternation
from extractors.values import span_value

MISSION = 0.9  # the form is the evidence, as a joint centre's (`joint_names.JOINT_NAME`)
MAX_HOST = 8  # characters of the host: 华, 美国, 法国斯特拉斯堡
STATIONED = "驻"
SENDER_LABELS = frozenset({"GPE", "ORG"})


@lru_cache(maxsize=1)
def _mission_re() -> re.Pattern[str]:
    words = alternation(lexicon.words("mission_words"))
    return re.compile(f"{STATIONED}(?P<host>[\u4e00-\u9fff]{{1,{MAX_HOST}}}?)(?:{words})")


def missions(clean: str, likely: Iterable[Hit]) -> list[Hit]:
    """ORG proposals, with MISSION as their confidence, for each mission a likely sender keeps elsewhere."""
    out: dict[tuple[int, int], Hit] = {}
    for sender in likely:
        if sender.label in SENDER_LABELS and (m := _mission_re().match(clean, sender.end)) \
                and not _holds_title(m.group("host")):
            span = (sender.start, m.end())
            out.setdefault(span, Hit(*span, "ORG", span_value("ORG", clean, *span), MISSION))
    return list(out.values())


def _holds_title(host: str) -> bool:
    """Whether a person's title stands in the host (中国驻法国大使|蔡方柏为总领馆: the ambassador, then his words)."""
    return any(t in host for t in lexicon.words("person_titles"))
