"""CRF models on disk: crfsuite's file plus JSON metadata with its sha256, checked at every load;
training is deterministic and leaves no temporary file."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.crf_model import ModelFileError, load, meta_path, train

XS = [[["w=我"], ["w=在"], ["w=北"], ["w=京"]], [["w=去"], ["w=上"], ["w=海"]]] * 3
YS = [["O", "O", "B-GPE", "I-GPE"], ["O", "B-GPE", "I-GPE"]] * 3
PARAMS = {"c1": 0.0, "c2": 0.01, "max_iterations": 30}


def test_a_trained_model_predicts_and_records_its_metadata(tmp_path: Path) -> None:
    path = tmp_path / "m" / "model.crfsuite"
    model = train(XS, YS, PARAMS, path, {"source": "toy"})
    assert model.predict([XS[0]]) == [YS[0]]
    meta = json.loads(meta_path(path).read_text(encoding="utf-8"))
    assert meta["source"] == "toy" and meta["params"] == PARAMS and meta["format"] == "crfsuite"
    assert sorted(p.name for p in path.parent.iterdir()) == ["model.crfsuite", "model.json"]  # no temp file
    assert load(path).predict([XS[1]]) == [YS[1]]


def test_the_same_data_gives_the_same_bytes(tmp_path: Path) -> None:
    a, b = tmp_path / "a.crfsuite", tmp_path / "b.crfsuite"
    train(XS, YS, PARAMS, a, {})
    train(XS, YS, PARAMS, b, {})
    assert a.read_bytes() == b.read_bytes() and meta_path(a).read_bytes() == meta_path(b).read_bytes()


def test_a_changed_model_or_missing_metadata_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "model.crfsuite"
    train(XS, YS, PARAMS, path, {})
    path.write_bytes(path.read_bytes() + b"planted")
    with pytest.raises(ModelFileError, match="does not match the sha256"):
        load(path)
    meta_path(path).unlink()
    with pytest.raises(ModelFileError, match="cannot read"):
        load(path)


def test_the_declared_sha256_is_read_without_the_model(tmp_path: Path) -> None:
    from extractors.crf_model import declared_sha256

    path = tmp_path / "model.crfsuite"
    train(XS, YS, PARAMS, path, {})
    assert declared_sha256(path) == load(path).meta["sha256"]
    meta_path(path).unlink()
    with pytest.raises(ModelFileError, match="no model metadata"):
        declared_sha256(path)
