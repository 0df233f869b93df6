"""A joint centre is one organisation across its dash: 江南大学-无锡禾丰食品科技研发中心, 中国—东盟技术转移中心.

Two partners found a centre, a laboratory or an institute and name it after both, joined by a dash
(GUIDELINES: "Joint centres written with a hyphen are one ORG", 東華大學-飛虎科技研發中心), as MSRA
labels a firm or a university so named (戴姆勒—奔驰公司, 赫里奥特—瓦特大学: whole in its train split).
The models read each partner, the second with the centre's word, and the rules' stems stop at an em
dash. Where a likely organisation or place ends at a dash and a likely organisation begins right after
it and ends in an organisation's word (`org_suffixes`: 中心, 研究院, 公司), the two are one ORG. Two news
agencies side by side stay two (俄通社—塔斯社: an agency's 社 is no such word), and so do two places before
an event (中国—保加利亚|经贸洽谈会: the second is no organisation).
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from extractors import lexicon
from extractors.base import Hit
from extractors.values import span_value

JOINT_NAME = 0.9  # a joint centre's form is its evidence, as a titled person's (`titled_persons.TITLED_NAME`)
DASHES = "-—－–"  # a hyphen and the dashes Chinese text writes between a joint name's partners
MAX_DASHES = 2  # 中国——东盟: a double em dash is one mark
PARTNER_LABELS = frozenset({"ORG", "GPE"})  # the first partner: a body or a country or area (中国—东盟)


@lru_cache(maxsize=1)
def _org_endings() -> tuple[str, ...]:
    return lexicon.words("org_suffixes")


def joint_names(clean: str, likely: Iterable[Hit]) -> list[Hit]:
    """ORG proposals, with JOINT_NAME as their confidence, for each joint name the `likely` names make."""
    likely = list(likely)
    seconds: dict[int, Hit] = {}  # the longest second partner at each start (清华大学 and 清华大学联合研究中心)
    for h in likely:
        if h.label == "ORG" and clean.endswith(_org_endings(), h.start, h.end):
            if h.start not in seconds or h.end > seconds[h.start].end:
                seconds[h.start] = h
    out = []
    for first in likely:
        if first.label not in PARTNER_LABELS:
            continue
        dash = first.end
        while dash < len(clean) and dash - first.end < MAX_DASHES and clean[dash] in DASHES:
            dash += 1
        second = seconds.get(dash) if dash > first.end else None
        if second is not None:
            out.append(Hit(first.start, second.end, "ORG", span_value("ORG", clean, first.start, second.end),
                           JOINT_NAME))
    return out
