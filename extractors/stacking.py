"""Stacking: the MSRA name model's reading of a window as features of the seed-trained CRF.

The name model (`extractors.names`) has seen 74k names; the seeds' gold holds 713 spans. The
seed CRF therefore gets, per character, what the name model says: its tag (and its neighbours'),
and how likely the character is in no name at all, binned. The "no name" probability is the
evidence the tags alone lack: a place the name model tags with 0.55 is no reason to overrule the
gazetteer, one with 0.99 is. The name model is fitted
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


def read(model: NameModel, feats: Sequence[Sequence[str]]) -> NameReading:
    """Tag one window with the name model and turn its tags and no-name probabilities into features
    (one marginal a character: the hybrids keep jieba's throughput)."""
    from extractors.crf import decode

    tags = model.tag(feats)
    marginal = model.tagger.marginal
    padded = ["^", *tags, "$"]
    out = [["nm:" + t, "nm-1:" + padded[i], "nm+1:" + padded[i + 2], "nmc:" + t + "|" + feats[i][1],
            "nmo:" + bin_of(marginal("O", i))] for i, t in enumerate(tags)]
    spans = [(s, e, MSRA_LABELS.get(lab, lab), round(model.confidence(tags, s, e), 4)) for s, e, lab in decode(tags)]
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
