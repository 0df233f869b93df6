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
from operator import itemgetter

from extractors.base import Hit
from extractors.crf import TEMPLATES, Attribute
from extractors.names import MSRA_LABELS, NameModel

# Bin edges of a probability: fine where a decision turns (near 0.5 and near certainty).
BINS = (0.05, 0.2, 0.5, 0.8, 0.95)
_NMO_ATTRS = tuple(f"nmo:{b}".encode() for b in range(len(BINS) + 1))  # UTF-8, as `crf.features`
# The seed CRF's own templates (`crf.TEMPLATES`) the stacked CRF reads beside the name model's reading:
# the character, its class, word position and the helpers' labels. Not the lexical context (neighbours,
# bigrams, word-character pairs): the name model reads it, learned from 2M characters, and it carries
# the least weight in the stacked model trained with it. Each attribute string costs the tagger about as
# much as any other (converting and looking it up is most of its time): 16 a character, not 25, for the
# hybrids' throughput; seeds' strict F1 (leave-one-out) hybrid 0.9527 -> 0.9506, hybrid-lac 0.9499 -> 0.9478.
BASE_TEMPLATES = ("b", "c", "k", "k-1", "k+1", "w", "rx", "dc", "rxdc", "dc-1", "dc+1")
_base = itemgetter(*(TEMPLATES.index(t) for t in BASE_TEMPLATES))


def nmo_attr(p: float) -> bytes:
    """The binned no-name probability as the attribute string `nmo:BIN`."""
    return _NMO_ATTRS[bisect_right(BINS, p)]


@dataclass(frozen=True)
class NameReading:
    """The name model's reading of one window: features to add per character (after the stacked
    CRF's own when `read` is given them), and its spans
    (window offsets, MSRA labels mapped to ours except LOC/GPE, which the caller decides) with
    their confidences (the lowest marginal of the span's tags)."""

    features: list[list[bytes]]
    spans: list[tuple[int, int, str, float]]


def read(model: NameModel, feats: Sequence[Sequence[Attribute]],
         own: Sequence[Sequence[Attribute]] | None = None) -> NameReading:
    """Tag one window with the name model and turn its tags and no-name probabilities into features
    (one marginal a character: the hybrids keep jieba's throughput). Given `own`, the stacked CRF's
    features of the window, each character's row starts with its attribute strings of BASE_TEMPLATES:
    the stacked rows built in one pass."""
    from extractors.crf import decode

    tags = model.tag(feats)
    marginal = model.tagger.marginal
    nmo = [_NMO_ATTRS[bisect_right(BINS, marginal("O", i))] for i in range(len(tags))]  # nmo_attr, inlined
    coded = [t.encode() for t in tags]  # attribute strings in UTF-8, as `crf.features`' (f[1] is its `c:`)
    padded = [b"^", *coded, b"$"]
    pick = _none if own is None else _base
    out = [[*pick(g), b"nm:" + t, b"nm-1:" + p, b"nm+1:" + q, b"nmc:" + t + b"|" + f[1], o]
           for g, f, t, p, q, o in zip(feats if own is None else own, feats, coded, padded, padded[2:], nmo)]
    spans = [(s, e, MSRA_LABELS.get(lab, lab), round(model.confidence(tags, s, e), 4)) for s, e, lab in decode(tags)]
    return NameReading(out, spans)


def _none(_: Sequence[Attribute]) -> tuple[()]:
    return ()


def model_features(model: NameModel, clean: str, crf_feats: list[list[Attribute]], regex_hits: Sequence[Hit],
                   dictionary_hits: Sequence[Hit]) -> list[list[Attribute]]:
    """The features the name model reads: the CRF's own when it was trained on those alone."""
    if not model.feature_groups:
        return crf_feats
    return model.features(clean, regex_hits, dictionary_hits)


def stacked(model: NameModel, feats: list[list[Attribute]], model_feats: list[list[Attribute]] | None = None
            ) -> tuple[list[list[Attribute]], NameReading]:
    """A window's CRF features of BASE_TEMPLATES with the name model's reading added (`model_feats`:
    what the name model reads of the window, when not the CRF's features)."""
    reading = read(model, feats if model_feats is None else model_feats, own=feats)
    return reading.features, reading
