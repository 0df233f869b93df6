"""Stacking: the MSRA name model's reading of a window as features of the seed-trained CRF.

The name model (`extractors.names`) has seen 74k names; the seeds' gold holds 713 spans. The
seed CRF therefore gets, per character, what the name model says: its tag (and its neighbours'),
how sure it is of that tag, and how likely the character is in no name at all, each probability
binned. The "no name" probability is the evidence the tags alone lack: a place the name model
tags with 0.55 is no reason to overrule the gazetteer, one with 0.99 is. The name model is fitted
on MSRA only, so leave-one-document-out on the seeds stays honest.

One tagging pass serves twice: the same tags and marginals give the name model's own spans with
their confidences, which the hybrids weigh (`extractors.hybrid`).
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from extractors.base import Hit
from extractors.names import MSRA_LABELS, NameModel

# Bin edges of a probability: fine where a decision turns (near 0.5 and near certainty).
BINS = (0.05, 0.2, 0.5, 0.8, 0.95)


def bin_of(p: float) -> str:
    return str(bisect_right(BINS, p))


@dataclass(frozen=True)
class NameReading:
    """The name model's reading of one window: features to add per character, and its spans
    (window offsets, MSRA labels mapped to ours except LOC/GPE, which the caller decides) with
    their confidences (the lowest marginal of the span's tags)."""

    features: list[list[str]]
    spans: list[tuple[int, int, str, float]]


RULE_TAGS = tuple(f"rx:{bio}-{label}" for bio in "BI" for label in ("DATE", "MONEY", "PERCENT", "QUANTITY", "WORK"))


def _in_rule_span(feats: Sequence[str]) -> bool:
    """Whether the regex rules put this character in a number, date or title (`crf.features`'s rx:)."""
    return any(f.startswith(RULE_TAGS) for f in feats if f.startswith("rx:"))


def name_types(model: NameModel) -> tuple[str, ...]:
    """The name types the model tags (PERSON, ORG, LOC), read from the model itself."""
    return tuple(sorted({t[2:] for t in model.tagger.labels() if t != "O"}))


def read(model: NameModel, feats: Sequence[Sequence[str]]) -> NameReading:
    """Tag one window with the name model and turn its tags and marginals into features."""
    from extractors.crf import decode

    tags = model.tag(feats)
    marginal = model.tagger.marginal
    n = len(tags)
    types = name_types(model)
    no_name = [marginal("O", i) for i in range(n)]
    own = [marginal(t, i) for i, t in enumerate(tags)]
    padded = ["^", *tags, "$"]
    out = []
    for i in range(n):
        # the likeliest name type at this character, whatever the best path says
        kind, p = max(((k, marginal("B-" + k, i) + marginal("I-" + k, i)) for k in types), key=lambda kp: kp[1])
        out.append(["nm:" + tags[i], "nm-1:" + padded[i], "nm+1:" + padded[i + 2],
                    "nmc:" + tags[i] + "|" + feats[i][1],
                    "nmp:" + tags[i] + bin_of(own[i]), "nmo:" + bin_of(no_name[i]),
                    "nmt:" + kind + bin_of(p)])
    spans = [(s, e, MSRA_LABELS.get(lab, lab), round(min(own[s:e]), 4)) for s, e, lab in decode(tags)]
    return NameReading(out, spans)


def model_features(model: NameModel, clean: str, crf_feats: list[list[str]], regex_hits: Sequence[Hit],
                   dictionary_hits: Sequence[Hit]) -> list[list[str]]:
    """The features the name model reads: the CRF's own when it was trained on those alone."""
    if not model.feature_groups:
        return crf_feats
    return model.features(clean, regex_hits, dictionary_hits)


def stacked(model: NameModel, feats: list[list[str]], model_feats: list[list[str]] | None = None
            ) -> tuple[list[list[str]], NameReading]:
    """A window's CRF features with the name model's reading added (`model_feats`: what the name
    model reads of the window, when not the CRF's features)."""
    reading = read(model, feats if model_feats is None else model_feats)
    return [f + g for f, g in zip(feats, reading.features)], reading
