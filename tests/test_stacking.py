"""Stacking (extractors.stacking): the name model's tags and binned probabilities as CRF features,
and its spans with confidences from the same tagging pass. Sentences written for these tests."""
from __future__ import annotations

from extractors import stacking
from extractors.crf import TEMPLATES, features
from extractors.names import name_model


def test_probabilities_fall_in_bins_finer_near_the_decisions() -> None:
    assert [stacking.nmo_attr(p) for p in (0.0, 0.1, 0.3, 0.6, 0.9, 0.99)] == [f"nmo:{b}".encode() for b in range(6)]


def test_templates_name_each_attribute_string_of_the_crf_features_in_order() -> None:
    for row in features("2016年张伟在杭州市科技局工作。"):
        assert len(row) == len(TEMPLATES)
        assert all(a == t if t == "b" else a.startswith(t + ":") for a, t in zip(_texts(row), TEMPLATES))


def _texts(row: list[bytes | str]) -> list[str]:
    return [a.decode() if isinstance(a, bytes) else a for a in row]


def test_every_character_gets_the_name_model_s_tag_and_its_evidence() -> None:
    text = "张伟在杭州市科技局工作。"
    feats = features(text)
    both, reading = stacking.stacked(name_model(), feats)
    assert len(both) == len(feats) == len(text)
    # the CRF's own features of the chosen templates come first, in their order
    own = len(stacking.BASE_TEMPLATES)
    assert 0 < own < len(TEMPLATES)
    assert all(f[:own] == [g[TEMPLATES.index(t)] for t in stacking.BASE_TEMPLATES] for f, g in zip(both, feats))
    added = [_texts(f[own:]) for f in both]
    assert all({a.split(":")[0] for a in row} == {"nm", "nm-1", "nm+1", "nmc", "nmo"} for row in added)
    assert "nm:B-PERSON" in added[0] and any(a.startswith("nmo:") and a != "nmo:5" for a in added[0])
    assert "nmo:5" in added[-1]  # the full stop is surely in no name
    # the name model's reading alone: the same attributes, each character's binned no-name probability last
    model = name_model()
    alone = stacking.read(model, feats).features
    assert [_texts(row) for row in alone] == added
    assert [row[-1] for row in alone] == [stacking.nmo_attr(model.tagger.marginal("O", i)) for i in range(len(text))]


def test_the_same_pass_gives_the_name_model_s_spans_with_confidences() -> None:
    text = "张伟在杭州市科技局工作。"
    reading = stacking.read(name_model(), features(text))
    spans = {(text[s:e], label) for s, e, label, _ in reading.spans}
    assert ("张伟", "PERSON") in spans and ("杭州市科技局", "ORG") in spans
    assert all(0.0 < conf <= 1.0 for *_, conf in reading.spans)
