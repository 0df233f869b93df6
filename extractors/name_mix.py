"""`names-mix`: the three MSRA name models as one: `names` (an L-BFGS CRF), `names-lac` (an
averaged-perceptron CRF that reads LAC) and `names-net` (a BiLSTM-CRF that reads LAC). Each
character's tag probabilities are the mean of the three models' marginals (the perceptron's best
path as 0 or 1), and the tags are the best valid BIO path through them.

The models err differently (on MSRA's test split `names-lac` finds people better, `names-net`
organisations). The perceptron's weights are not probabilities (its marginals overflow), so its
path is a vote that the two probabilistic models can outweigh only together. Equal
weights: no weight is fitted on data the models saw. LAC runs once for all.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from extractors.base import Hit
from extractors.name_net import TAGS, NetModel, net_model, viterbi
from extractors.names import LAC_MODEL_PATH, MODEL_PATH, NameModel, NamesExtractor, name_model

# a tag path may not enter an inside tag but from the same name's beginning or inside
_VALID = np.array([[0.0 if not b.startswith("I-") or a[2:] == b[2:] else -np.inf for b in TAGS] for a in TAGS])
_EDGES = {"start": np.array([-np.inf if t.startswith("I-") else 0.0 for t in TAGS]), "end": np.zeros(len(TAGS)),
          "transitions": _VALID}


class MixModel:
    """The three models over one text (the interface of `names.NameModel`: `features`, `tag`, `confidence`)."""

    def __init__(self, crfs: Sequence[NameModel], net: NetModel) -> None:
        self.crfs, self.net = tuple(crfs), net
        self.sha256 = hashlib.sha256("".join(m.sha256 for m in (*crfs, net)).encode()).hexdigest()
        self.tagger, self._marginals = self, np.zeros((0, len(TAGS)))

    def features(self, clean: str, regex_hits: Iterable[Hit] | None = None,
                 dictionary_hits: Iterable[Hit] | None = None) -> list[tuple]:
        """Per character, each CRF's features and the network's input row."""
        from extractors.name_features import lac_word_tags, name_features

        rx, dc = list(regex_hits or []), list(dictionary_hits or [])
        lac = lac_word_tags(clean)
        crfs = [name_features(clean, rx, dc, m.feature_groups, lac_tags=lac) for m in self.crfs]
        return list(zip(*crfs, self.net.rows(clean, lac)))

    def tag(self, items: Sequence[tuple]) -> list[str]:
        if not items:
            return []
        total = np.zeros((len(items), len(TAGS)))
        for k, model in enumerate(self.crfs):
            total += _crf_marginals(model, [item[k] for item in items])
        self.net.tag([item[-1] for item in items])
        total += self.net.marginals()
        self._marginals = total / (len(self.crfs) + 1)
        return [TAGS[k] for k in viterbi(np.log(np.maximum(self._marginals, 1e-12)), _EDGES)]

    def marginal(self, tag: str, i: int) -> float:
        return float(self._marginals[i, TAGS.index(tag)])

    confidence = NameModel.confidence  # the lowest marginal of the span's tags (its `tagger` is itself)


def _crf_marginals(model: NameModel, feats: list[list[bytes | str]]) -> np.ndarray:
    """A crfsuite model's marginals, T x K; its best path as 0/1 where they overflow (the averaged
    perceptron's weights are large: exp() of its path scores is inf, its marginals NaN)."""
    tags = model.tag(feats)  # also sets the sequence the marginals are of
    known = set(model.tagger.labels())
    out = np.array([[model.tagger.marginal(t, i) if t in known else 0.0 for t in TAGS] for i in range(len(feats))])
    if np.isfinite(out).all():
        return out
    return np.array([[float(t == tag) for t in TAGS] for tag in tags])


@lru_cache(maxsize=1)
def mix_model(path: Path = MODEL_PATH) -> MixModel:
    """The three packaged models (`path`, the `names` model's, stands for them: `NamesExtractor.load_model`)."""
    return MixModel([name_model(MODEL_PATH), name_model(LAC_MODEL_PATH)], net_model())


class NamesMixExtractor(NamesExtractor):
    """`names-mix`: `names`, `names-lac` and `names-net` averaged per character."""

    name = "names-mix"
    load_model = staticmethod(mix_model)
