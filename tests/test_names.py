"""The MSRA name model: trained from the train split only, stored without pickle, and finding
names in sentences written for these tests (none from MSRA or the seeds)."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from xbench.datasets import msra

from extractors import crf_model, names


def _found(text: str) -> set[tuple[str, str]]:
    return {(text[h.start:h.end], h.label) for h in names.NamesExtractor().find(text)}


PACKAGED = ["names", "names-lac"]


@pytest.mark.parametrize("name", PACKAGED)
def test_the_packaged_models_are_crfsuite_with_json_metadata_from_the_train_split(name: str) -> None:
    spec = names.SPECS[name]
    meta = json.loads(spec.path.with_suffix(".json").read_text(encoding="utf-8"))
    assert meta["data"].endswith("msra_train.txt") and "test" not in meta["data"]
    assert meta["sentences"] == 50289 and meta["names"] > 70000
    assert meta["sha256"] == crf_model.file_sha256(spec.path)
    assert spec.path.read_bytes()[:4] == b"lCRF"  # crfsuite's own format, not a pickle
    assert spec.path.stat().st_size < 25 * 2**20
    # what `xbench train NAME` would use now is what the packaged model was trained with
    assert meta["params"] == spec.params and meta["algorithm"] == spec.algorithm
    assert tuple(meta.get("features", ())) == spec.feature_groups
    assert ("lac" in spec.feature_groups) == (name == "names-lac")  # names needs no LAC (the seed CRF stacks it)
    # ...and with the features computed now: the rules and gazetteer whose hits are features, the word
    # lists, the feature code (a change to any of them needs `xbench train NAME`, as the folds do)
    assert meta["feature_sha256"] == names.feature_fingerprint()


def test_the_name_models_fingerprint_covers_the_rules_whose_hits_are_features(monkeypatch: pytest.MonkeyPatch) -> None:
    from extractors import lexicon

    before = names.feature_fingerprint()
    monkeypatch.setattr(lexicon, "digest", lambda: "another word list")
    assert names.feature_fingerprint() != before


def test_the_model_finds_people_organisations_and_places_in_new_sentences() -> None:
    found = _found("国家发展改革委主任何立峰昨天在重庆会见了世界银行代表团。")
    assert ("何立峰", "PERSON") in found and ("国家发展改革委", "ORG") in found
    assert any(text.startswith("世界银行") and label == "ORG" for text, label in found)
    assert ("重庆", "GPE") in found  # an area the gazetteer knows: MSRA's LOC becomes GPE


def test_a_place_that_is_no_administrative_area_stays_loc() -> None:
    assert names.place_label(0, 3, [], "黄山风景区") == "LOC"
    assert names.place_label(0, 5, [], "乌兰察布市的") == "GPE"  # an administrative suffix
    assert names.place_label(1, 2, [], "进京务工") == "GPE"  # one character: an area's abbreviation


def test_a_place_inside_an_organisation_is_not_a_name_of_its_own() -> None:
    found = _found("他毕业于浙江大学，现在上海交通大学任教。")
    assert ("浙江大学", "ORG") in found and ("上海交通大学", "ORG") in found
    assert not {t for t, label in found if label in ("GPE", "LOC")}


def _tiny(spec: names.ModelSpec, path: Path, iterations: int) -> names.ModelSpec:
    return replace(spec, path=path, params={**spec.params, "max_iterations": iterations, "feature.minfreq": 1})


def test_training_writes_a_crfsuite_model_and_metadata(tmp_path: Path) -> None:
    sentences = [("王小明在杭州工作。", [(0, 3, "PERSON"), (4, 6, "LOC")]),
                 ("李华加入了红星公司。", [(0, 2, "PERSON"), (5, 9, "ORG")])] * 5
    info = names.train(sentences, "handwritten", _tiny(names.SPECS["names"], tmp_path / "m.crfsuite", 5))
    assert info.sentences == 10 and info.names == 20 and info.characters == 95
    meta = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    assert meta["data"] == "handwritten" and meta["sha256"] == crf_model.file_sha256(tmp_path / "m.crfsuite")
    model = names.NameModel(tmp_path / "m.crfsuite")
    assert not list(tmp_path.glob(".*tmp"))
    from extractors.crf import features

    # names reads crf.features only, and its metadata names no feature groups (as before they existed)
    assert model.feature_groups == () and "features" not in meta and model.features("王小明") == features("王小明")
    assert model.tag(model.features("王小明在杭州工作。"))[:3] == ["B-PERSON", "I-PERSON", "I-PERSON"]


def test_sentences_held_out_are_left_out_of_the_fit_and_scored_after_it(tmp_path: Path) -> None:
    """`xbench train names --hold-out N`: the split's last N sentences are no training data; the model
    fitted on the rest is scored on them (strict F1 per label and over all), in its metadata too."""
    seen = [("王小明在杭州工作。", [(0, 3, "PERSON"), (4, 6, "LOC")]),
            ("李华加入了红星公司。", [(0, 2, "PERSON"), (5, 9, "ORG")])]
    held = [("王小明在杭州工作。", [(0, 3, "PERSON"), (4, 6, "LOC")]),
            ("张三在北京。", [(0, 2, "PERSON"), (3, 5, "LOC")])]
    info = names.train(seen * 5 + held, "handwritten", _tiny(names.SPECS["names"], tmp_path / "m.crfsuite", 30),
                       dev_size=2)
    assert info.sentences == 10 and info.dev_sentences == 2 and info.names == 20
    assert set(info.dev) == {"all", "PERSON", "LOC"} and 0 < info.dev["all"] <= 1
    meta = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    assert meta["dev_sentences"] == 2 and meta["dev"] == info.dev
    with pytest.raises(ValueError, match="none would be left"):
        names.train(held, "handwritten", _tiny(names.SPECS["names"], tmp_path / "n.crfsuite", 2), dev_size=2)


def test_split_held_out_keeps_the_last_n_and_refuses_to_leave_none() -> None:
    assert names.split_held_out([1, 2, 3], 1) == ([1, 2], [3])
    assert names.split_held_out((1, 2), 0) == ([1, 2], [])
    for n in (2, 3, -1):
        with pytest.raises(names.HoldOutTooLarge, match=f"cannot hold out {n:,} of 2 sentences"):
            names.split_held_out([1, 2], n)


def test_train_names_refuses_holding_out_the_whole_split_as_a_usage_error(tmp_path: Path, monkeypatch, capsys) -> None:
    from xbench.cli import main
    from xbench.datasets import msra

    model = tmp_path / "m.crfsuite"  # a model it would write goes here, never over the packaged one
    monkeypatch.setitem(names.SPECS, "names", _tiny(names.SPECS["names"], model, 2))
    monkeypatch.setattr(msra, "train_sentences", lambda: iter([("张三在北京。", [(0, 2, "PERSON")])]))
    assert main(["train", "names", "--hold-out", "1"]) == 2
    assert "xbench train m: --hold-out 1: cannot hold out 1 of 1 sentences" in capsys.readouterr().err
    assert not model.exists()


def test_strict_f1_counts_exact_spans_per_label_and_over_all() -> None:
    gold = [[(0, 2, "PERSON"), (3, 5, "LOC")]]
    tags = [["B-PERSON", "I-PERSON", "O", "B-LOC", "O"]]  # the person exact, the place cut short
    assert names.strict_f1(gold, tags) == {"all": 0.5, "PERSON": 1.0, "LOC": 0.0}


def test_a_model_records_its_feature_groups_and_reads_them_back(tmp_path: Path) -> None:
    spec = replace(_tiny(names.SPECS["names"], tmp_path / "m.crfsuite", 2), feature_groups=("window", "lexicon"))
    info = names.train([("王小明在杭州工作。", [(0, 3, "PERSON")])] * 3, "handwritten", spec)
    meta = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    assert info.features == ("window", "lexicon") and meta["features"] == ["window", "lexicon"]
    model = names.NameModel(tmp_path / "m.crfsuite")
    assert model.feature_groups == ("window", "lexicon") and "sn1" in model.features("王小明")[0]


def test_a_missing_or_changed_model_says_how_to_train_it(tmp_path: Path) -> None:
    with pytest.raises(crf_model.ModelFileError, match="xbench train names`"):
        names.NameModel(tmp_path / "none.crfsuite")
    with pytest.raises(crf_model.ModelFileError, match="xbench train names-lac`"):
        names.NameModel(tmp_path / "names-lac.crfsuite")


def test_training_sentences_are_the_train_split_lines_with_their_names() -> None:
    msra.fetch()
    split = msra.load_train(limit=300)
    sentences = list(msra.train_sentences(limit=300))
    lines = [line for d in sorted(split.docs) for line in split.docs[d].split("\n")[:-1]]
    assert [text for text, _ in sentences] == lines and len(lines) == 300
    gold = sorted(s.text for spans in split.gold.values() for s in spans)
    assert sorted(text[s:e] for text, found in sentences for s, e, _ in found) == gold


class _Tags:
    """A stand-in model that tags what it is told (for name_hits' handling of its spans)."""

    def __init__(self, tags: list[str]) -> None:
        self.tags = tags

    def tag(self, items: object) -> list[str]:
        return self.tags

    def confidence(self, tags: list[str], start: int, end: int) -> float:
        return 0.9


def test_a_name_is_trimmed_and_a_tagged_space_is_none() -> None:
    clean = "在 张伟 家"  # a model once tagged the space alone a person
    model = _Tags(["O", "B-PER", "B-PER", "I-PER", "I-PER", "O"])  # the space; 张伟 and the space after it
    got = [(clean[h.start:h.end], h.label) for h in names.name_hits(model, clean, [[]] * len(clean), [])]
    assert got == [("张伟", "PERSON")]
