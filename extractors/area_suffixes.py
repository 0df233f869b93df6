"""Area suffixes stay outside an area (the spec's rule 9: 大通|地区, 和田|地区, 唐山|地区).

A prefecture is often written with `地区` after its name (`outside_area_suffixes`), which jieba reads as
one place word with it (唐山地区, 榆林地区) and JioNLP as the prefecture's full name (和田地区). So the
gazetteer and the models read the whole, or, where the name's end and the suffix's first character make a
common word (山地, 林地, 田地), nothing. `areas_before_suffixes` proposes the area, and
`area_suffix_outside` takes the suffix off a kept area read with it.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from extractors import lexicon
from extractors.area_bodies import area_before
from extractors.base import Hit
from extractors.values import span_value

# The least confidence of a proposed area: the models read the word jieba makes of area and suffix (榆林地区) as
# one place or none (榆林 0.31); on MSRA's train split 29 of the 32 areas proposed are its places exactly, the
# other three inside an organisation named after the prefecture (运城地区经委), which its own proposers read whole.
AREA = 0.9
MIN_AREA = 2  # characters of an area's name: one character is a short form or part of a word


@lru_cache(maxsize=1)
def _suffixes() -> tuple[str, ...]:
    return tuple(sorted(lexicon.words("outside_area_suffixes"), key=len, reverse=True))


def areas_before_suffixes(clean: str) -> list[Hit]:
    """GPE proposals, without a confidence (the models weigh them; `at_least_area` then floors it), of the
    longest area's name right before each area suffix: a full name or a short form of China's provinces,
    cities and counties (`named_places.area_names`)."""
    from extractors.named_places import area_names

    names, out = area_names(), []
    for suffix in _suffixes():
        at = clean.find(suffix)
        while at >= 0:
            if (start := area_before(clean, at, names, MIN_AREA)) is not None:
                out.append(Hit(start, at, "GPE"))
            at = clean.find(suffix, at + 1)
    return out


def at_least_area(hits: list[Hit]) -> list[Hit]:
    """Weighed area proposals, none below AREA: the models' doubt of the name before a suffix is the
    word jieba made of both, and a model's place there (黄山: the mountain to MSRA's one place label) is the
    area (黄山|地区)."""
    return [replace(h, score=max(h.score or 0.0, AREA)) for h in hits]


def area_suffix_outside(h: Hit, clean: str) -> Hit:
    """A kept area without the area suffix it was read with (和田地区 -> 和田)."""
    if h.label != "GPE":
        return h
    suffix = next((w for w in _suffixes() if clean.endswith(w, h.start, h.end)), "")
    end = h.end - len(suffix)
    if not suffix or end - h.start < MIN_AREA:
        return h
    return replace(h, end=end, value=span_value(h.label, clean, h.start, end))
