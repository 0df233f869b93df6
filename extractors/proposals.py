"""What the hybrids' two models propose for one text, from one pass of the features and of each tagger.

The stacked seed CRF (`crf.StackedCRF`) and the MSRA name model it reads (`extractors.names`) each
give their names with a confidence (the lowest marginal of the span's tags) and say how likely
they find each name another component proposed without a confidence (`span_probability`): the
evidence the hybrids weigh those proposals with (`extractors.hybrid`). This module reads trained
taggers and changes none: the leave-one-out folds' training key (`crf._training_key`) hashes the
code that computes features, not this one.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from extractors.base import Hit, trim_name
from extractors.crf import TRIMMED_LABELS, _helpers, decode, features, sequences
from extractors.names import lowest_marginal, model_hit, name_model
from extractors.stacking import model_features, stacked
from extractors.values import span_value

if TYPE_CHECKING:
    from extractors.crf import StackedCRF

Key = tuple[int, int, str]  # (start, end, label) of a name
NAME_MODEL_LABEL = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}  # MSRA has one place label


@dataclass
class Proposals:
    """The stacked CRF's hits and the name model's, scored, and each model's probability of every
    outside name it was asked about, as (CRF, name model) by (start, end, label)."""

    crf: list[Hit]
    names: list[Hit]
    scored: dict[Key, tuple[float, float]]


def span_probability(tagger: Any, start: int, end: int, label: str, n: int) -> float:
    """How likely the last sequence `tagger` (pycrfsuite's) tagged holds exactly this name, its
    boundaries and label: the lowest marginal of its tags (B- then I-) and of the next character
    not going on with it."""
    p = lowest_marginal(tagger, ["B-" + label] + ["I-" + label] * (end - start - 1), start)
    if end < n:
        p = min(p, 1.0 - tagger.marginal("I-" + label, end))
    return round(p, 4)


def propose(crf: StackedCRF, clean: str, regex_hits: Iterable[Hit] | None = None,
            dictionary_hits: Iterable[Hit] | None = None, outside: Iterable[Hit] = ()) -> Proposals:
    """The stacked CRF's and the name model's names in `clean`, and how likely each model finds each
    `outside` name (names within one CRF window; others are not scored)."""
    if crf.model is None:
        raise RuntimeError(f"no trained CRF model at {crf.model_path}; run `xbench train crf`")
    out = Proposals([], [], {})
    if not clean:
        return out
    regex, dictionary = _helpers()
    rx = list(regex.find(clean) if regex_hits is None else regex_hits)
    dc = list(dictionary.find(clean) if dictionary_hits is None else dictionary_hits)
    feats = features(clean, rx, dc)
    names = name_model()
    nfeats = model_features(names, clean, feats, rx, dc)
    gpe = [h for h in dc if h.label == "GPE"]
    pending = sorted({(h.start, h.end, h.label) for h in outside if h.label in TRIMMED_LABELS})
    for a, b in sequences(clean):
        window, reading = stacked(names, feats[a:b], nfeats[a:b])
        tags = crf.model.tagger.tag(window)
        # the outside names in this window, in window offsets
        asked = {k: (k[0] - a, k[1] - a, k[2]) for k in pending if a <= k[0] and k[1] <= b}
        out.names += filter(None, (model_hit(clean, a + s, a + e, lab, conf, gpe) for s, e, lab, conf in reading.spans))
        for s, e, label in decode(tags):
            got = trim_name(clean, a + s, a + e) if label in TRIMMED_LABELS else (a + s, a + e)
            if got is not None:
                score = round(lowest_marginal(crf.model.tagger, tags[s:e], s), 4)
                out.crf.append(Hit(*got, label, span_value(label, clean, *got), score))
        for key, (s, e, label) in asked.items():
            out.scored[key] = (span_probability(crf.model.tagger, s, e, label, b - a),
                               span_probability(names.tagger, s, e, NAME_MODEL_LABEL[label], b - a))
    return out
