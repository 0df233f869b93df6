"""`names-mix`: the three MSRA name models averaged per character."""
from __future__ import annotations

import numpy as np

from extractors import name_mix
from extractors.name_net import TAGS
from extractors.names import LAC_MODEL_PATH, name_model


def test_the_perceptron_s_overflowing_marginals_become_its_path_as_votes() -> None:
    model = name_model(LAC_MODEL_PATH)  # an averaged perceptron: its marginals overflow on a sentence
    text = "国务院总理李强昨天在北京会见了联合国秘书长。"
    feats = model.features(text)
    votes = name_mix._crf_marginals(model, feats)
    assert np.isfinite(votes).all() and np.allclose(votes.sum(1), 1.0)
    assert [TAGS[k] for k in votes.argmax(1)] == model.tag(feats)


def test_the_mix_finds_names_with_valid_tags_and_probabilities() -> None:
    ex = name_mix.NamesMixExtractor()
    text = "国务院总理李强昨天在北京会见了联合国秘书长古特雷斯。"
    hits = ex.find(text)
    found = {(text[h.start:h.end], h.label) for h in hits}
    assert {("李强", "PERSON"), ("北京", "GPE"), ("古特雷斯", "PERSON"), ("联合国", "ORG")} <= found
    assert all(0 < h.score <= 1 for h in hits)
    tags = ex.model.tag(ex.model.features(text))
    assert not tags[0].startswith("I-")
    assert all(not b.startswith("I-") or a[2:] == b[2:] for a, b in zip(tags, tags[1:]))  # no I- after another name
    assert np.allclose(ex.model._marginals.sum(1), 1.0)
