"""`hybrid`: every component proposes, and overlaps are decided by evidence, not by source.

Numbers, dates and titles come from the `regex` rules alone: their values are exact and no other
component computes them as well. Names (PERSON, ORG, GPE, LOC) are proposed by every component that
finds them: the stacked seed CRF (`crf.StackedCRF`) and the MSRA name model, each span scored with
its marginal probability, and the `dictionary`, the regex's suffix rules (and in `hybrid-lac` LAC's
persons and the `names-lac` model), most of which give no confidence. Such a proposal is weighed
with the models' probability of exactly that name (`weighed`: the name model's alone for an
organisation), so a rule's organisation with boundaries the name model finds unlikely, or a place
name inside a common word, loses its weight. A proposal's evidence is its most confident proposer's
confidence, the number of components that propose the same boundaries and label breaking ties (a sum
would count twice what the CRF reads as features: the name model's tags and the helpers' hits); a
name holding a surer name inherits its evidence when it is likely itself (an organisation named
after the place it starts with, when more likely a name than not), an office named after the body it
starts with (广州市政府|办, and a department's division by its field: 省科学技术厅|高新技术处) always, and
after the body's place too (茂名市政府|办), a name ending in a
park, zone or venue word, or a landform its context names (巢湖|流域), is a LOC, never a GPE
(`zones_not_areas`), a name that runs left across a
verb, preposition or adverb into a shorter proposal of the same name is none (担任|北京大学:
`extractors.name_boundaries`), and names either side of a verb a proposal ran right across keep its
evidence (某街道办事处|联合|某公司); an organisation running left across a verb that founds one and its
object is a clause, whose first place keeps its evidence (匈牙利|建设|电池|工厂); an outlet a reporting line
names is an ORG on the line's word (据|人民网|报道: `extractors.outlets`), and so is a firm its short name
and trade name where they make a phrase (与|瑞峰|科技|签订: `extractors.brands`); an organisation begins where a
word does (杭|州市政协 is 杭州市政协); a person's title is outside its name and a bare surname is none
(`person_name`), a model's person that a title's longer reading goes on from is none (厅长|张文兵|在:
`titled_persons.cut_short`), and so is a place a title's reading names (研究员|黄平, which a county bears),
and a person running on into what they do (李杰|当选: `name_boundaries.persons_run_on`); an area suffix is
outside its area (唐山|地区: `extractors.area_suffixes`); after its town a name and 村 is a village
(唐昌镇|战旗村: `extractors.villages`), a body's seat in brackets is part of its name (哈尔滨工业大学（深圳）),
and so is a unit it numbers or names after it (新疆生产建设兵团|第八师, 中国农业银行|湖州|分行); a short form the
text gives a name right after it is a name of its kind (…有限公司（简称“|宇通客车|”）: `extractors.aliases`);
a zone after its areas is one LOC with them (广州|琶洲…试验区: `named_places.zones_after_areas`); a count of areas is no
area (内地|九市: `counts_no_areas`); a number, a place inside a common word (中山装) and a person read there
where a place was read too are none (`part_of_a_word`).
Overlaps keep the best-evidenced span, then the longer, then the leftmost (`base.resolve_overlaps`); a
proposal below MIN_EVIDENCE is dropped even when nothing contests it.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Container, Iterable, Mapping
from dataclasses import replace
from functools import cache, lru_cache

from extractors import common_words, garbled, lexicon
from extractors.abbreviations import abbreviations_after_names
from extractors.aliases import aliases_after_names
from extractors.area_bodies import area_bodies, area_body_start, bodies_named_by_level
from extractors.area_suffixes import area_suffix_outside, areas_before_suffixes, at_least_area
from extractors.base import CleanTextExtractor, Hit, resolve_overlaps
from extractors.brands import brands_with_trades
from extractors.common_words import inside_common_word
from extractors.crf import ReadsHelpers, StackedCRF, _helpers, helper_hits
from extractors.dotted_names import across_dots
from extractors.element_names import parts_of_names, persons_of_elements
from extractors.joined_fields import joined_units
from extractors.joint_names import joint_names
from extractors.missions import missions
from extractors.name_boundaries import (
    holding_persons,
    named_units,
    numbered_units,
    organisation_start,
    party_start,
    seats_in_brackets,
    unbalanced,
    without_runs,
)
from extractors.named_landforms import lakes_not_areas, landforms_by_name, no_given_name_end
from extractors.named_places import (
    Landform,
    compound_regions,
    landform_after_area,
    landform_after_landform,
    landform_runs,
    named_places,
    regions,
    runs_zone,
    sections_of_zones,
    zone_bodies,
    zones_after_areas,
    zones_after_names,
    zones_in_zones,
)
from extractors.names import LAC_MODEL_PATH, name_hits, name_model
from extractors.outlets import outlets_in_reports
from extractors.package_lexicons import admin_unit_names, surnames
from extractors.roads import roads_after_places
from extractors.schema import LABELS, Span
from extractors.titled_persons import cut_short, persons_after_titles
from extractors.villages import clan_villages, village_bodies, villages_after_towns
from extractors.windows import NO_EVIDENCE, Evidence

RULE_LABELS = frozenset({"DATE", "MONEY", "PERCENT", "QUANTITY", "WORK"})  # from the regex rules only
PLACE_LABELS = frozenset({"GPE", "LOC"})
NAMES = frozenset(LABELS) - RULE_LABELS  # person, organisation and place names: what the models tag
# The confidence of a proposal from a component that gives none (rules, gazetteer, LAC): as sure
# as a model's typical name (the CRFs' median marginal on their names is above 0.9).
UNSCORED = 0.9
# More likely a name than not. Chosen on MSRA's train split, on its last 5,000 sentences (documents
# msra-train-0453..0502; never the test split, never the seeds' gold), with a `names` model refitted
# on the rest of the split, so that its confidences there are those of text it never saw: strict F1
# of `hybrid` is 0.7736-0.7775 from 0.3 to 0.6 (0.7756 here, 0.7775 at 0.5), a difference within
# noise, so the value set earlier on the seeds is kept.
MIN_EVIDENCE = 0.6
# Labels whose proposals the models do not weigh (`weighed`): classes neither model was taught.
UNJUDGED = frozenset({"LOC"})
# Labels whose proposals the name model alone weighs (`weighed`): an organisation's extent is a suffix
# rule's guess of how far its stem runs left, which the stacked CRF, having read the rule's marks as
# features on the seeds the rules were written for, repeats (原告某某诉|某县建筑公司). A person or place is a
# word LAC or the gazetteer knows whole, and there the seed CRF's opinion is its own. On MSRA train's last
# 5,000 sentences, with a `names` model refitted without them: hybrid 0.7836 against 0.7773 with the more
# confident model for every label and 0.7854 with the name model's for every label; hybrid-lac 0.8068
# against 0.8017. The seeds (leave-one-out): 0.9527, 0.9527 and 0.9497 (GPE 0.961 against 0.943).
ECHOED = frozenset({"ORG"})
# Proposers that are name models giving no confidence (`HybridLACExtractor`): their places are MSRA's
# places, which the models do judge.
MODEL_PROPOSERS = frozenset({"names-lac"})
# A name that holds another inherits its evidence only when at least this likely itself. On the same
# sentences, with the refitted model: 0.7756 here, 0.7762 at 0.8, 0.7781 at 0.7, but the seeds
# (leave-one-out) 0.952, 0.951, 0.948: kept. (With the packaged model, which was trained on those
# sentences, lower floors had looked much better: 0.912 at 0.6 against 0.899.)
NESTED_FLOOR = 0.9
# ...except an organisation or place named after the place it starts with (湛江市科技局 holding 湛江市,
# `_leading_place`), which inherits from this likelihood on: the place is no evidence against it. Same
# sentences and model: 0.7721 with no such exception, 0.7731 at 0.8, 0.7739 at 0.7, 0.7756 here; the
# seeds unchanged (0.952). Not below MIN_EVIDENCE: a proposal less likely a name than not would be
# rescued by the place it holds.
PLACE_NAMED_FLOOR = MIN_EVIDENCE
# At most this many characters after a body make an office of it (办, 党组, 预算司, 办公室), ending in
# an office's ending (`office_endings`). On the sentences above, with the refitted model: 0.7766
# against 0.7756 without offices inheriting (ORG 0.684 against 0.681); the seeds unchanged (0.952).
OFFICE_CHARS = 3
# ...and a division of a department or bureau this many, ending in a division's word (省科学技术厅|高新技术处:
# `division_endings` after `department_body_endings`), for a division is named by its field.
DIVISION_CHARS = 6
# A proposal listed next to a name of its kind is kept from this likelihood on (`_listed_together`),
# through lists of up to MAX_LISTED items after the surest.
LISTED_FLOOR = 0.4
MAX_LISTED = 4
_LIST_CLOSE = "等"  # what closes a list: 甲、乙、丙|等企业
BRANCH_PLACE = 4  # characters of a branch's place between its body and the branch word (茂名|分公司)
MAX_VERB = 3  # characters of a verb read as an organisation (研究, 建设): longer names are not asked
# Proposers whose names their own rule bounds: a reporting line's outlet (据|人民网|报道) is no bare 网
OWN_BOUNDS = frozenset({"outlets"})
# ...and whose names no other proposal's boundary reaches either: a Tibetan name's elements are its bounds,
# whatever jieba reads in them (才|让|卓玛: 让 a verb, over which `without_runs` lets no name run left), and a
# mission's form is its own (中国|驻|美国大使馆: 驻 is a verb)
FORM_BOUNDS = frozenset({"elements", "missions"})
SELF_BOUNDED = OWN_BOUNDS | FORM_BOUNDS
RULES_FIRST = 100.0  # numbers and dates outrank any name evidence: the regex alone reads their values
# A run of digits no name holds: a registration code, a licence or a phone number (spec: identifiers)
_CODE_DIGITS_RE = re.compile(r"\d{6,}")
_GIVEN_NAME_RE = re.compile(r"[\u4e00-\u9fff]{1,2}")  # a given name's characters


def decide(found: Mapping[str, Iterable[Hit]], clean: str) -> list[Hit]:
    """Proposals from named components -> hits whose `priority` is their evidence. `clean` is the text
    they were found in: an office is told by its last character (`_leading_body`)."""
    evidence: dict[tuple[int, int, str], float] = {}
    agree: dict[tuple[int, int, str], int] = {}
    values: dict[tuple[int, int, str], object] = {}
    for source, hits in found.items():
        for h in hits:
            key = (h.start, h.end, h.label)
            if h.label in RULE_LABELS:
                if source == "regex":
                    evidence[key], agree[key], values[key] = RULES_FIRST, 0, h.value
                continue
            score = UNSCORED if h.score is None else h.score
            evidence[key] = max(evidence.get(key, 0.0), score)
            agree[key] = agree.get(key, 0) + 1
    # The most confident proposer speaks for a span, agreement breaks ties: the CRF reads the name
    # model's tags and the helpers' hits as features, so adding their votes would count them twice.
    evidence = _addressed(_listed_together(_inherit_nested({k: ev + agree[k] / 1000 for k, ev in evidence.items()},
                                                           clean), clean), clean)
    # a proposal less likely a name than not is dropped, even where nothing contests it
    return [Hit(s, e, label, values.get((s, e, label)), None, ev) for (s, e, label), ev in evidence.items()
            if ev >= MIN_EVIDENCE]


def _inherit_nested(evidence: dict[tuple[int, int, str], float], clean: str) -> dict[tuple[int, int, str], float]:
    """A name that holds another is as well evidenced as the name it holds, when it is likely
    itself: a model sure of 湛江 (GPE) is no evidence against 湛江市科技局 (ORG) or of a park's place
    name against the park (LOC); only crossing spans truly compete. Numbers and dates keep theirs."""
    keys = sorted(k for k in evidence if k[2] not in RULE_LABELS)
    starts = [k[0] for k in keys]
    out = dict(evidence)
    for s, e, label in keys:
        own = evidence[(s, e, label)]
        if own < PLACE_NAMED_FLOOR and label != "ORG":
            continue
        held = [k for k in keys[bisect_left(starts, s):bisect_left(starts, e)] if k[1] <= e and k[1] - k[0] < e - s
                and not label == k[2] == "PERSON"]  # a person in a person is one name, two boundaries: 王若飞|和
        # a person or organisation less likely than not is no evidence of what the name holds
        # (海南热带雨林国家公园管理局 holds a rule's 公园管理局 at 0.02; 潍坊 read as an ORG at 0.54 names no office)
        likely = [k for k in held if k[2] in PLACE_LABELS or evidence[k] >= MIN_EVIDENCE]
        if own < PLACE_NAMED_FLOOR:
            # an office is its body and an office's characters: that form is its evidence, which the name
            # model, taught on news that abbreviates no office, cannot weigh (县政府|办 is as unlikely as 0.02);
            # so is a zone's body its zone and the body's word
            held = (_office(s, e, likely, clean) or _zone_run(s, e, likely, clean)
                    or _place_named_company(s, e, label, own, likely, clean))
        elif own < NESTED_FLOOR:
            held = _leading_place(s, e, label, likely, clean) or _parent_body(s, e, label, likely, held, clean)
        for k in held:
            out[(s, e, label)] = max(out[(s, e, label)], evidence[k])
    return out


def _listed_together(evidence: dict[tuple[int, int, str], float], clean: str) -> dict[tuple[int, int, str], float]:
    """A name listed next to a name of its kind (阿里巴巴、腾讯等企业) is as well evidenced as
    MIN_EVIDENCE when it is at least LISTED_FLOOR likely itself: the items of one list are of one
    kind, and the models, reading one name at a time, weigh a short brand name they never saw low."""
    out = dict(evidence)
    for _ in range(MAX_LISTED):  # down a list from its surest item: A、B、C
        sure = {k for k, ev in out.items() if ev >= MIN_EVIDENCE and k[2] in NAMES}
        ends, starts = {(e, lab) for _, e, lab in sure}, {(s, lab) for s, _, lab in sure}
        # an item holds no 等, which closes the list (一拖集团|等企业入选…工厂 runs on past it)
        listed = [(s, e, lab) for (s, e, lab), ev in out.items() if LISTED_FLOOR <= ev < MIN_EVIDENCE
                  and lab in NAMES and _LIST_CLOSE not in clean[s:e]
                  and (clean[s - 1:s] == "、" and (s - 1, lab) in ends
                       or clean[e:e + 1] == "、" and (e + 1, lab) in starts)]
        if not listed:
            break
        out.update(dict.fromkeys(listed, MIN_EVIDENCE))
    return out


def _addressed(evidence: dict[tuple[int, int, str], float], clean: str) -> dict[tuple[int, int, str], float]:
    """A full name the models find about as likely as not (LISTED_FLOOR on) is as well evidenced as
    MIN_EVIDENCE when a title or form of address follows it (程砚秋|先生, 潘学祥|局长: `person_titles`):
    a surname and a given name before one name a person."""
    single, double = surnames(ambiguous=True)
    titles = lexicon.words("person_titles")

    def addressed(s: int, e: int) -> bool:
        return e - s >= 2 and clean.startswith(titles, e) and (clean[s] in single or clean[s:s + 2] in double)

    return {k: MIN_EVIDENCE if k[2] == "PERSON" and LISTED_FLOOR <= ev < MIN_EVIDENCE and addressed(*k[:2]) else ev
            for k, ev in evidence.items()}


def _place_named_company(s: int, e: int, label: str, own: float, held: list[tuple[int, int, str]], clean: str
                         ) -> list[tuple[int, int, str]]:
    """The place an organisation (s, e) the name model doubts (LISTED_FLOOR on) starts with, when a word
    that closes an organisation's name whatever comes before it ends it (北京|草桥农工商联合|公司:
    `strong_org_words`): the model, reading a firm's unknown name, is unsure of it; its place and its
    company word are the evidence."""
    if label != "ORG" or own < LISTED_FLOOR or not clean.endswith(lexicon.words("strong_org_words"), s, e):
        return []
    return _place_at_start(s, e, held)


def _leading_place(s: int, e: int, label: str, held: list[tuple[int, int, str]], clean: str
                   ) -> list[tuple[int, int, str]]:
    """Of the names inside an organisation or place (s, e, label), the place it starts with, when it is
    named after that place and nothing else: it holds no person or organisation, and places do not
    make up all of it (湛江市科技局, 英国曼切斯特观鸟团, 郑州绿城广场; not 西宁大通, not 陕西科技大学共建…研究院);
    or the body an organisation is an office of and that body's place (`_office`), or the area a
    designated area is (`_designated_area`)."""
    if label == "GPE":
        return _designated_area(s, e, held, clean)
    if label == "ORG" and (office := _office(s, e, held, clean)):
        return office
    return _place_at_start(s, e, held) if label in ("ORG", "LOC") else []


def _parent_body(s: int, e: int, label: str, likely: list[tuple[int, int, str]],
                 held: list[tuple[int, int, str]], clean: str) -> list[tuple[int, int, str]]:
    """The likely organisation an organisation (s, e) starts with, when another proposed one ends it, however
    unlikely: a unit named after its parent body (厦门大学|海洋与地球学院 holding 厦门大学 and 地球学院, which
    the name model doubts). Two bodies listed with a word between them are no such name: the boundary rules
    dropped them (北京大学|和|清华大学). So is a branch, the parent, a place's few characters and a branch
    word (中国石油化工股份有限公司|茂名|分公司: `branch_words`), and a unit named after its parent and its seat,
    the parent and a place (清华大学|深圳|国际研究生院, 中国科学院|上海|有机化学研究所). Where a proposed
    organisation right after the parent makes the rest of the name, the name is as likely as either: a group's
    company named by the group's short name and its own (国网|湖北省电力有限公司), of which the gazetteer may be
    surer than the models are of the whole."""
    if label != "ORG":
        return []
    parents = [k for k in likely if k[0] == s and k[2] == "ORG"]
    units = [k for k in held if k[1] == e and k[2] == "ORG"]
    joined = [u for u in units if any(p[1] == u[0] for p in parents)]
    if joined:  # the body and a proposed unit make the whole name (国网|湖北省电力有限公司): as likely as either
        return parents + joined
    if any(p[1] <= u[0] for p in parents for u in units):
        return parents
    seats = {k[0] for k in held if k[2] in PLACE_LABELS and k[1] < e}
    return [p for p in parents if p[1] in seats or _a_branch(clean, p[1], e)]


def _a_branch(clean: str, start: int, end: int) -> bool:
    """Whether clean[start:end], after a body's name, is a branch of it: at most BRANCH_PLACE characters and
    a branch word (`branch_words`)."""
    branch = _word_ending(clean, start, end, "branch_words")
    return branch > 0 and end - start - branch <= BRANCH_PLACE


def _place_at_start(s: int, e: int, held: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The place a name (s, e) starts with, when it holds places only and they are not all of it."""
    if any(k[2] not in PLACE_LABELS for k in held):
        return []
    lead = [k for k in held if k[0] == s]
    covered = {i for k in held for i in range(k[0], k[1])}
    return lead if lead and len(covered) < e - s else []


def _office(s: int, e: int, held: list[tuple[int, int, str]], clean: str) -> list[tuple[int, int, str]]:
    """Of the names inside an office (s, e), the body it starts with (`_leading_body`) and the place that
    body is named after: an office is named after both (茂名市政府|办 holds 茂名市政府 and 茂名市, and the
    models may doubt the body and be sure of the place)."""
    bodies = _leading_body(s, e, held, clean)
    if not bodies:
        return []
    return bodies + _place_at_start(s, e, [k for k in held if k not in bodies])


def _zone_run(s: int, e: int, held: list[tuple[int, int, str]], clean: str) -> list[tuple[int, int, str]]:
    """The named zone that an organisation (s, e) is the body running (`named_places.runs_zone`:
    苍山洱海国家级自然保护区|管理局): the body is named after it, which the name model, taught no
    zones, cannot weigh."""
    return [k for k in held if k[0] == s and k[2] == "LOC" and runs_zone(clean, k[1], e)][:1]


def _designated_area(s: int, e: int, held: list[tuple[int, int, str]], clean: str) -> list[tuple[int, int, str]]:
    """The area that a GPE (s, e) is with its designation (双捷|镇, 阳江|市): a name and its designation
    are one mention, so the bare name read at the same place is no evidence against it. The rest must
    be a designation not followed by a character that makes it another word (北京|市场: `gpe_suffixes`)."""
    from extractors.name_rules import GPE_SUFFIXES  # not at import: listing the extractors loads no rules

    for k in held:
        suffix, after = clean[k[1]:e], clean[e:e + 1]
        if k[0] == s and k[2] == "GPE" and suffix in GPE_SUFFIXES and not (after and after in GPE_SUFFIXES[suffix]):
            return [k]
    return []


def _leading_body(s: int, e: int, held: list[tuple[int, int, str]], clean: str) -> list[tuple[int, int, str]]:
    """The organisation that an organisation (s, e) starts with and extends by an office's few
    characters and nothing else named (广州市政府|办, 财政部|预算司, 县科技局|党组): an office is named
    after its body, so the body is no evidence against it. A longer rest is another mention's
    (陕西科技大学|共建…研究院)."""
    bodies = [k for k in held if k[0] == s and k[2] == "ORG"
              and (e - k[1] <= OFFICE_CHARS or e - k[1] <= DIVISION_CHARS and _a_division(clean, k[1], e))]
    if not bodies or not clean.endswith(lexicon.words("office_endings"), s, e):
        return []
    body_end = max(k[1] for k in bodies)
    return [] if any(k[1] > body_end for k in held) else bodies


def _a_division(clean: str, body_end: int, end: int) -> bool:
    """Whether clean[body_end:end], after a department or bureau, names a division of it: a field and a
    division's word (大气环境|处), no clause (the word is no verb's: 处|理, 科|技)."""
    if not clean.endswith(lexicon.words("department_body_endings"), 0, body_end):
        return False
    word, followers = next(((w, f) for w, f in lexicon.entries("division_endings") if clean.endswith(w, 0, end)),
                           ("", ""))
    return bool(word) and not (end < len(clean) and clean[end] in followers)


class HybridExtractor(ReadsHelpers, CleanTextExtractor):
    name = "hybrid"
    kind = "hybrid"
    labels = LABELS

    def __init__(self) -> None:
        self.crf = StackedCRF()
        self.regex, self.dictionary = _helpers()
        common_words.load()
        garbled.load()

    def fit(self, raws: list[str], gold: list[list[Span]]) -> HybridExtractor:
        self.crf.fit(raws, gold)
        return self

    def find(self, clean: str) -> Iterable[Hit]:
        return self.find_in(clean, NO_EVIDENCE)

    def find_in(self, clean: str, evidence: Evidence) -> Iterable[Hit]:
        rx, dc = helper_hits(clean, evidence)
        lands = landform_runs(clean)
        places = [*named_places(clean), *(land.hit for land in lands), *regions(clean)]
        titled = persons_after_titles(clean)
        elements = persons_of_elements(clean)  # 尼玛扎西: Tibetan and Mongolian names
        found = {"regex": rx, "dictionary": dc, "places": places, "titled": titled,
                 "elements": elements,
                 "area bodies": [*area_bodies(clean), *bodies_named_by_level(clean)],
                 "areas": areas_before_suffixes(clean), "outlets": outlets_in_reports(clean),
                 "brands": brands_with_trades(clean), **self.more(clean, rx, dc)}
        # one pass of each helper and tagger; the models weigh every proposal that gives no confidence
        unscored = [h for hits in found.values() for h in hits if h.score is None]
        got = self.crf.find_with_names(clean, rx, dc, unscored)
        proposals = {**{k: weighed(hits, got.scored, frozenset() if k in MODEL_PROPOSERS else UNJUDGED)
                        for k, hits in found.items()}, "crf": got.crf, "names": got.names}
        proposals["areas"] = at_least_area(proposals["areas"])  # (an area before its suffix: 唐山|地区)
        likely = [h for hits in proposals.values() for h in hits if h.label in NAMES and (h.score or 0) >= MIN_EVIDENCE]
        # after a likely town a common word names a village (唐昌镇|战旗村); a body's seat in brackets is its name's
        proposals["villages"] = [*villages_after_towns(clean, likely), *clan_villages(clean)]
        proposals["village bodies"] = village_bodies(clean, [*likely, *proposals["villages"]])  # 李家沟村|党支部
        proposals["seats"] = seats_in_brackets(clean, likely)  # 哈尔滨工业大学（深圳）
        proposals["units"] = numbered_units(clean, likely)  # 新疆生产建设兵团|第八师
        proposals["named units"] = named_units(clean, likely)  # 中国农业银行|湖州分行
        proposals["aliases"] = aliases_after_names(clean, likely)  # 郑州宇通客车股份有限公司（简称“|宇通客车|”）
        proposals["abbreviations"] = abbreviations_after_names(clean, likely)  # 浙江农林大学 … 浙农林大
        proposals["joint names"] = joint_names(clean, likely)  # 江南大学-无锡禾丰食品科技研发中心
        proposals["missions"] = missions(clean, likely)  # 以色列驻上海总领事馆
        proposals["joined units"] = joined_units(clean, likely)  # 三门峡市|林业和园林局
        # a zone named after a name jieba knows no word for, which a proposer read (仲恺|高新区): one LOC
        # (LOC, which the models do not weigh: the places' proposals go in as found)
        places = [*places, *zones_after_names(clean, likely)]
        places += zones_in_zones(clean, places)  # a park inside a zone (成都高新区|天府软件园)
        # a zone after its areas is one LOC with them, whoever read it (广州|琶洲人工智能与数字经济试验区)
        places += zones_after_areas(clean, [*places, *likely], likely)
        places += sections_of_zones(clean, [*places, *likely])  # 祁连山国家公园|青海|片区
        places += roads_after_places(clean)  # 南昌|路: after the zones, so an area before a road stays apart
        places += compound_regions(clean)  # 黔|东北: the models read a province and a direction
        landforms = landforms_by_name(clean, dc)  # 依托|大洪山: a landform jieba knows by name
        places += landforms
        # a zone's administration is named after it (苍山洱海国家级自然保护区|管理局), and after a zone a model
        # read (长江三角洲区域一体化发展示范区|执委会): weighed as a zone's body below
        zones = [*places, *(h for h in likely if h.label == "LOC")]
        proposals["places"] = [*places, *zone_bodies(clean, zones)]
        # boundary evidence: a name does not run left across a verb or a preposition (担任|北京大学), nor right
        # across a verb out of a shorter reading of it (清华大学|共建|实验室); an organisation begins where a
        # word does
        bounds: dict[tuple[int, int, str], Hit | None] = {}  # components propose many a span alike: bound each once
        kept = {**without_runs(clean, proposals, NAMES), **{k: proposals[k] for k in FORM_BOUNDS}}
        bounded = {k: hits if k in SELF_BOUNDED else [o for h in hits if (o := _bounded(clean, h, bounds))]
                   for k, hits in kept.items()}
        bounded = zones_not_clauses(areas_apart(zones_not_areas(not_run_on(bounded, lands), places), clean), clean)
        bounded = landforms_apart(places_from_words(bounded, clean), clean)  # 新疆|塔里木盆地: an area and a landform
        bounded = counts_no_areas(bounded, clean)  # 内地|九市: nine cities
        bounded = lakes_not_areas(bounded, clean)  # 太湖: the lake, not 太湖县
        bounded = without(bounded, {"PERSON"}, cut_short(clean, titled))  # 厅长|张文兵|在, not 张文
        bounded = without(bounded, {"PERSON"}, parts_of_names(bounded, elements))  # 才让卓玛, not 卓玛
        # a name after a title is a person's, though a county bears it (研究员|黄平: 黄平县); no organisation holds it
        bounded = without(bounded, PLACE_LABELS | {"ORG"}, {(h.start, h.end) for h in titled})  # (记者 林志豪: no ORG)
        bounded = without(bounded, {"ORG"}, holding_persons(bounded, titled))  # 厦门大学|教授|郑晓峰|团队…
        # and no name closes a bracket it did not open (林志豪）香港科技大学: a byline's close)
        bounded = {k: [h for h in hits if not unbalanced(clean, h.start, h.end)] for k, hits in bounded.items()}
        # and a landform jieba knows by name is no person's, though it begins with a surname (刘公岛)
        bounded = without(bounded, {"PERSON"}, {(h.start, h.end) for h in landforms if no_given_name_end(clean, h)})
        places_read = {(h.start, h.end) for hits in bounded.values() for h in hits if h.label in PLACE_LABELS}
        mojibake = garbled.garbled_runs(clean)  # holds no mention, whatever a model read in it
        decided = [across_dots(clean, given_name_after(clean, h)) for h in decide(bounded, clean)
                   if not part_of_a_word(clean, h, places_read) and not _inside(h, mojibake)]
        return [area_suffix_outside(p, clean) for h in resolve_overlaps(decided) if (p := person_name(h, clean))]

    def more(self, clean: str, regex_hits: list[Hit], dictionary_hits: list[Hit]) -> dict[str, list[Hit]]:
        """Proposals of further components, by name (none here; `hybrid-lac` adds LAC's)."""
        return {}


def without(proposals: Mapping[str, list[Hit]], labels: Container[str], spans: set[tuple[int, int]]
            ) -> dict[str, list[Hit]]:
    """`proposals` without a name of `labels` at any of `spans`."""
    return {k: [h for h in hits if h.label not in labels or (h.start, h.end) not in spans]
            for k, hits in proposals.items()}


def zones_not_areas(proposals: Mapping[str, list[Hit]], zones: Iterable[Hit]) -> dict[str, list[Hit]]:
    """`proposals` without a GPE where a named park, zone or venue is proposed (`named_places`): a name
    ending in such a word is a LOC whatever a model read it as (苏州工业园区; the models were taught no
    zones, MSRA labels only the place inside one). So is a landform its context names one (巢湖|流域,
    `landform_runs`), though an area shares its name."""
    return without(proposals, {"GPE"}, {(h.start, h.end) for h in zones})


def zones_not_clauses(proposals: Mapping[str, list[Hit]], clean: str) -> dict[str, list[Hit]]:
    """`proposals` without a LOC that runs on from a proposed area, or adjacent areas, across a verb or
    verbal noun of two characters or more (`verb_tags`): 南充市|建设|现代农业示范园区 and 江苏省|常州市|建设|…
    are clauses about the city. Not from a country: a national venue is named so (中国|革命|历史博物馆)."""
    countries = lexicon.word_set("countries")
    ends_from: dict[int, set[int]] = {}
    for hits in proposals.values():
        for h in hits:
            if h.label == "GPE" and clean[h.start:h.end] not in countries:
                ends_from.setdefault(h.start, set()).add(h.end)
    tags = lexicon.word_set("verb_tags")

    def a_clause(h: Hit) -> bool:
        ends, todo = set(), [h.start]
        while todo:  # the ends of the areas written one after another from the zone's start
            for e in ends_from.get(todo.pop(), ()):
                if e < h.end and e not in ends:
                    ends.add(e)
                    todo.append(e)
        return any(_word_after(clean, e, h.end, tags) for e in ends)

    return {k: [h for h in hits if h.label != "LOC" or not a_clause(h)] for k, hits in proposals.items()}


def _word_after(clean: str, start: int, end: int, tags: frozenset[str]) -> bool:
    """Whether jieba's first word of clean[start:end] is of two characters or more and one of `tags`."""
    words = common_words.jieba_words(clean, start, end)
    return bool(words) and len(words[0][1]) >= 2 and words[0][2] in tags


def counts_no_areas(proposals: Mapping[str, list[Hit]], clean: str) -> dict[str, list[Hit]]:
    """`proposals` without a GPE whose designation follows a numeral (内地|九市, 两县), nor its stem (地九): a
    count of areas, no area's name (of JioNLP's tree's names only 二七区 ends so). The regex proposes these from
    a stem of two unknown characters; the filter is here, not in the regex, whose readings are the models'
    features."""
    numerals, designations = lexicon.chars("numeral_chars"), lexicon.chars("designation_chars")

    def a_count(h: Hit) -> bool:
        # a stem of two characters, as the regex reads them, with its designation or before it (地九市, 地九):
        # not 九州 (Kyushu), 多伦多市 (Toronto)
        text = clean[h.start:h.end] if h.end - h.start == 3 else clean[h.start:h.end + 1]
        return (len(text) == 3 and text[-1] in designations and text[-2] in numerals
                and text not in admin_unit_names())

    return {k: [h for h in hits if h.label != "GPE" or not a_count(h)] for k, hits in proposals.items()}


def areas_apart(proposals: Mapping[str, list[Hit]], clean: str) -> dict[str, list[Hit]]:
    """`proposals` without a GPE made of two proposed areas that meet, each written out with its
    designation (大理市|湾桥镇, 浙江省|杭州市): adjacent areas are separate spans (the spec; MSRA's gold
    splits them too), however sure a model that read them as one is."""
    suffixes = lexicon.words("admin_suffixes")
    areas = {(h.start, h.end) for hits in proposals.values() for h in hits
             if h.label == "GPE" and h.end - h.start > 2 and clean.endswith(suffixes, h.start, h.end)}
    ends_at: dict[int, set[int]] = {}
    for s, e in areas:
        ends_at.setdefault(s, set()).add(e)
    two = {(s, e) for s, m in areas for e in ends_at.get(m, ())}
    return {k: [h for h in hits if h.label != "GPE" or (h.start, h.end) not in two] for k, hits in proposals.items()}


def landforms_apart(proposals: Mapping[str, list[Hit]], clean: str) -> dict[str, list[Hit]]:
    """`proposals` with each place read as an area and a landform named on its own (新疆|塔里木盆地, 嘉兴|南湖:
    `named_places.landform_after_area`) as the two names, a GPE and a LOC, and each read as two landforms
    (澜沧江|湄公河: `landform_after_landform`) as two LOCs, each as likely as the place: the area names no part
    of a mountain, a lake or a basin, as it does a park's (三明|中关村科技园). A place read at the first name
    alone is that name (青海, which the name model, taught one place label, reads as a LOC, is the area), and
    one read from the first into the second's name is neither (新疆塔里木 of 新疆塔里木盆地)."""
    cuts: dict[tuple[int, int], tuple[int, str]] = {}  # (start, end) -> (where the second name begins, first's label)
    for hits in proposals.values():
        for h in hits:
            if h.label in PLACE_LABELS and (h.start, h.end) not in cuts and (cut := _landform_cut(clean, h)):
                cuts[(h.start, h.end)] = cut
    if not cuts:
        return dict(proposals)
    firsts = {(s, cut): label for (s, _), (cut, label) in cuts.items()}

    def apart(h: Hit) -> list[Hit]:
        if h.label not in PLACE_LABELS:
            return [h]
        if (h.start, h.end) in cuts:
            cut, label = cuts[(h.start, h.end)]
            return [replace(h, end=cut, label=label, value=None), replace(h, start=cut, label="LOC", value=None)]
        if (h.start, h.end) in firsts:
            return [replace(h, label=firsts[(h.start, h.end)], value=None)]
        into = any(s <= h.start < cut < h.end < e for (s, e), (cut, _) in cuts.items())
        return [] if into else [h]

    return {k: [p for h in hits for p in apart(h)] for k, hits in proposals.items()}


def _landform_cut(clean: str, h: Hit) -> tuple[int, str] | None:
    """Where a place splits into a first name and a landform, with the first's label (`landforms_apart`)."""
    name = clean[h.start:h.end]
    if (at := landform_after_area(name)) is not None:
        return h.start + at, "GPE"
    if (at := landform_after_landform(name)) is not None:
        return h.start + at, "LOC"
    return None


def places_from_words(proposals: Mapping[str, list[Hit]], clean: str) -> dict[str, list[Hit]]:
    """`proposals` without a LOC that begins inside a place's word of jieba's and runs past its end (岷|山山脉:
    the gazetteer holds jieba's place word 山山脉, a fragment; the range is 岷山|山脉): a place's name does not
    begin halfway through another place's. A place inside a word that is no place's name stays (振兴|中华, in
    振兴中华; 车过|天星码头)."""
    spans = {(h.start, h.end) for hits in proposals.values() for h in hits if h.label == "LOC"}
    cut = {span for span in spans if common_words.starts_inside_place(clean, *span)}
    if not cut:
        return dict(proposals)
    return {k: [h for h in hits if h.label != "LOC" or (h.start, h.end) not in cut] for k, hits in proposals.items()}


def not_run_on(proposals: Mapping[str, list[Hit]], lands: Iterable[Landform]) -> dict[str, list[Hit]]:
    """`proposals` without a name read on from a landform into the word that says it is one (淮河流域,
    大别山区: jieba's places, which the dictionary and the models read whole), nor that word read as a
    name of its own (太湖|西岸: MSRA's 西岸 is the West Bank): the landform is the name."""
    runs = {(land.hit.start, end) for land in lands for end in range(land.hit.end + 1, land.run_end + 1)}
    runs |= {(land.hit.end, land.run_end) for land in lands}
    return {k: [h for h in hits if (h.start, h.end) not in runs] for k, hits in proposals.items()}


def part_of_a_word(clean: str, h: Hit, places_read: set[tuple[int, int]]) -> bool:
    """Whether a decided name is none, whoever proposed it: a number (`a_number`), a place named by a
    word that names no place and one character (生态|岛: `generic_words`), a place whose
    boundaries fall inside a common word (中山装), or a person read there where a place was read too
    (中山 of 中山装: the word is named after the place's namesake). A person inside a word otherwise
    is a word named after them (邓小平理论, 马克思列宁主义), so kept."""
    if h.label in NAMES and a_number(clean[h.start:h.end]):
        return True
    if h.label == "LOC" and clean[h.start:h.end - 1] in lexicon.word_set("generic_words"):
        return True  # 生态|岛, 科技|园: a description of a place, no name
    if h.label in PLACE_LABELS or (h.label == "PERSON" and (h.start, h.end) in places_read):
        return inside_common_word(clean, h.start, h.end)
    return False


def a_number(text: str) -> bool:
    """Whether a proposed name is a number with at most one character more (40202001358号 of a licence
    line, 3号) or holds a code's run of digits (粤ICP备05102027号): an identifier or a count, whatever a
    model read it as; a name holding a number has words besides it and a short one (320创意广场)."""
    if _CODE_DIGITS_RE.search(text):
        return True
    return any(ch.isdigit() for ch in text) and sum(not ch.isdigit() for ch in text) < 2


def organisation(clean: str, h: Hit) -> Hit | None:
    """A proposal, with an organisation beginning where a word does (`name_boundaries.organisation_start`:
    杭|州市政协 is 杭州市政协, named after its place; 本|报讯… is none), ending before the people it is
    said of (协和医院|专家团队: `org_member_words`) or a team it sends (`_without_people`), taking the area a
    body of a level is of (嘉兴市南湖|区委…:
    `area_bodies.area_body_start`) and the party's name before a place's committee (中共|常州市武进区委组织部:
    `name_boundaries.party_start`) and naming one body: a bare organisation word is none,
    whoever proposed it (科技局党组, 公司; `name_rules.bare_organisation`), and so is a verb (研究)."""
    from extractors.name_rules import bare_organisation  # not at import: listing the extractors loads no rules

    if h.label != "ORG":
        return h
    start = organisation_start(clean, h.start)
    if start is None:
        return None
    start = party_start(clean, area_body_start(clean, start))
    end = _without_people(clean, start, h.end)
    if end is None or bare_organisation(clean[start:end]) or _one_verb(clean, start, end):
        return None
    return replace(h, start=start, end=end)


def _without_people(clean: str, start: int, end: int) -> int | None:
    """Where an organisation proposed as clean[start:end] ends: before the people it is said of (`_people_of`), or
    before a team it sends (省委组织部|调研组: `team_words`; the GUIDELINES make a team no organisation), whose
    sender must then be a body: ending in an organisation's character (`org_final_chars`), no country or area
    (中国|代表团, 香港经贸|代表团: a place's team, no body's). None where no organisation is left (代表团, 专家)."""
    team = _word_ending(clean, start, end, "team_words")
    if team:
        body = clean[start:end - team]
        if not body or body[-1] not in lexicon.chars("org_final_chars") or body in lexicon.word_set("countries") \
                or body in admin_unit_names():
            return None
        return end - team
    member = _people_of(clean, start, end)
    if member == end - start:
        return None
    return end - member if end - member - start >= 2 else end


def _people_of(clean: str, start: int, end: int) -> int:
    """The length of the end of clean[start:end] that names an organisation's people, not it: their word
    (协和医院|专家团队: `org_member_words`) and a verb right before that word, which is theirs (化学系|研究|团队:
    `verb_tags`), or the verb alone where their word follows (化学系|研究|团队); 0 if none."""
    member = _word_ending(clean, start, end, "org_member_words")
    if not member and not clean.startswith(_longest_first("org_member_words"), end):
        return 0
    # the whole name and the people's word after it: jieba reads 亚太经合组织 whole, 组织 alone a verb
    words = common_words.jieba_words(clean, start, min(len(clean), end - member + MAX_VERB))
    verb = next((len(w) for s, w, tag in words if s > start and s + len(w) == end - member
                 and tag in lexicon.word_set("verb_tags")), 0)
    return member + verb


def _one_verb(clean: str, start: int, end: int) -> bool:
    """Whether jieba reads clean[start:end] as one verb or verbal noun (`verb_tags`: 研究 of 研究团队)."""
    if end - start > MAX_VERB:
        return False
    words = common_words.jieba_words(clean, start, end)
    return len(words) == 1 and words[0][2] in lexicon.word_set("verb_tags")


def _bounded(clean: str, h: Hit, bounds: dict[tuple[int, int, str], Hit | None]) -> Hit | None:
    """`organisation(clean, h)`, computed once a span: its boundaries depend on the span alone."""
    key = (h.start, h.end, h.label)
    if key not in bounds:
        bounds[key] = organisation(clean, h)
    got = bounds[key]
    if got is None:
        return None
    return h if (got.start, got.end) == key[:2] else replace(h, start=got.start, end=got.end)


def _inside(h: Hit, runs: Iterable[tuple[int, int]]) -> bool:
    """Whether a name proposal overlaps one of `runs` (garbled text) and is no number or date."""
    return h.label in NAMES and any(s < h.end and h.start < e for s, e in runs)


def given_name_after(clean: str, h: Hit) -> Hit:
    """A person read as a surname alone runs on over the given name after it: the word jieba makes of it,
    of one or two characters, no title and no verb, preposition or particle (`given_name_breaker_tags`;
    欧阳|志远|带队, 刘|红军|常年: the models tag the surname, jieba reads the given name as a word)."""
    single, double = surnames()
    if h.label != "PERSON" or not (clean[h.start:h.end] in single or clean[h.start:h.end] in double):
        return h
    words = common_words.jieba_words(clean, h.end, h.end + 4)
    if not words:
        return h
    _, word, tag = words[0]
    if (not _GIVEN_NAME_RE.fullmatch(word) or tag in lexicon.word_set("given_name_breaker_tags")
            or any(t.startswith(word) for t in lexicon.words("person_titles"))):
        return h
    return replace(h, end=h.end + len(word))


def person_name(h: Hit, clean: str) -> Hit | None:
    """A kept person's name as the spec has it: a full or given name, its title outside (潘学祥|局长),
    never a bare surname (王 of 王市长, 吴先生, 欧阳 of 欧阳书记; MSRA labels the surname), nor one addressed
    familiarly, whatever a model read after it (小王|和, 老李: `address_prefixes`). Applied after overlaps are
    resolved, so the surname, when it is the surest reading, still keeps a longer one out."""
    if h.label != "PERSON":
        return h
    if h.start > 0 and clean[h.start - 1] in _address_prefixes():
        return None
    end = h.end - _word_ending(clean, h.start, h.end, "person_titles")
    bare = end - h.start < 2 or clean[h.start:end] in surnames()[1]  # 王, 欧阳 (of 欧阳书记)
    return None if bare else replace(h, end=end)


@lru_cache(maxsize=1)
def _address_prefixes() -> frozenset[str]:
    return frozenset(lexicon.chars("address_prefixes"))


def _word_ending(clean: str, start: int, end: int, words: str) -> int:
    """The length of the longest word of the list `words` that clean[start:end] ends with (0: none):
    a person's title (潘学祥|局长, 副市长 before 市长), an organisation's people (协和医院|专家团队)."""
    return next((len(w) for w in _longest_first(words) if clean.endswith(w, start, end)), 0)


@cache
def _longest_first(words: str) -> tuple[str, ...]:
    return tuple(sorted(lexicon.words(words), key=len, reverse=True))


def weighed(hits: Iterable[Hit], scored: Mapping[tuple[int, int, str], tuple[float, float]],
            unjudged: frozenset[str] = UNJUDGED) -> list[Hit]:
    """Proposals that give no confidence (rules, gazetteer, LAC), each scored by combining two
    opinions as independent evidence (`odds`): the proposer's (UNSCORED) and the models'
    probability of exactly that name (`extractors.proposals`), the more confident of the two, or for
    an organisation the MSRA name model's alone (`ECHOED`): a place name inside a common word (穿山甲,
    朝阳产业) or a rule's organisation with boundaries the name model finds unlikely (原告某某诉|某县建筑公司)
    falls below MIN_EVIDENCE. A named park, zone or venue (LOC) keeps its proposer's word: neither model
    learned that class (MSRA labels the place inside it, 西安|高新区; the seeds hold a handful). A name
    model's places are no such class: `unjudged` is empty for them (`MODEL_PROPOSERS`)."""
    out = []
    for h in hits:
        pair = scored.get((h.start, h.end, h.label)) if h.score is None and h.label not in unjudged else None
        if pair is not None:
            probability = pair[1] if h.label in ECHOED else max(pair)
            h = replace(h, score=round(odds(UNSCORED, probability), 4))
        out.append(h)
    return out


def odds(p: float, q: float) -> float:
    """Two opinions of one event combined as independent evidence: their odds multiply."""
    if p in (0.0, 1.0) or q in (0.0, 1.0):
        return min(p, q) if 0.0 in (p, q) else 1.0
    return p * q / (p * q + (1 - p) * (1 - q))


class HybridLACExtractor(HybridExtractor):
    """`hybrid-lac`: the hybrid with Baidu LAC (a pretrained tagger, never fitted on our gold) as
    two more proposers from one LAC pass: its person names, where it is strong (its organisations
    and places score below the hybrid's on both the seeds and MSRA), and `names-lac`, the MSRA
    name model that reads LAC's word tags. Both are weighed by the models, as the rules are:
    `names-lac` is an averaged perceptron, whose weights are no probabilities, so crfsuite's
    marginals under it overflow to 0, 1 or NaN (on 129 names of MSRA train, 128 were), no
    confidence. LAC sets its speed."""

    name = "hybrid-lac"

    def __init__(self) -> None:
        super().__init__()
        from extractors.baselines import _lac

        _lac()  # loaded now, not on the first document
        self.names_lac = name_model(LAC_MODEL_PATH)

    def more(self, clean: str, regex_hits: list[Hit], dictionary_hits: list[Hit]) -> dict[str, list[Hit]]:
        from extractors.baselines import lac_hits, lac_tokens
        from extractors.name_features import lac_word_tags, name_features

        tokens = lac_tokens(clean)
        lac_tags = lac_word_tags(clean, tokens)
        feats = name_features(clean, regex_hits, dictionary_hits, self.names_lac.feature_groups, lac_tags)
        names = [replace(h, score=None) for h in name_hits(self.names_lac, clean, feats, dictionary_hits)]
        return {"lac": [h for h in lac_hits(clean, tokens) if h.label == "PERSON"], "names-lac": names}
