"""`names-net`: the MSRA-trained BiLSTM-CRF run with onnxruntime and a numpy CRF decoder."""
from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from extractors import name_net
from extractors.crf_model import ModelFileError
from extractors.lac_states import STATE_DIM


def _random_crf(seed: int, n: int, k: int = len(name_net.TAGS)) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, k)), {"start": rng.normal(size=k), "end": rng.normal(size=k),
                                     "transitions": rng.normal(size=(k, k))}


def _path_scores(em: np.ndarray, crf: dict[str, np.ndarray]) -> tuple[list[tuple[int, ...]], np.ndarray]:
    paths = list(itertools.product(range(em.shape[1]), repeat=len(em)))
    scores = [crf["start"][p[0]] + em[range(len(p)), p].sum() + crf["end"][p[-1]]
              + sum(crf["transitions"][a, b] for a, b in zip(p, p[1:])) for p in paths]
    return paths, np.array(scores)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_viterbi_finds_the_best_of_every_path_and_marginals_sum_them(seed: int) -> None:
    em, crf = _random_crf(seed, 4)
    paths, scores = _path_scores(em, crf)
    assert name_net.viterbi(em, crf) == list(paths[int(scores.argmax())])
    weights = np.exp(scores - scores.max())
    weights /= weights.sum()
    expected = np.zeros_like(em)
    for p, w in zip(paths, weights):
        expected[range(len(p)), p] += w
    assert np.allclose(name_net.marginals(em, crf), expected)


def test_a_batch_pads_each_sequence_and_marks_its_cues() -> None:
    rng = np.random.default_rng(0)
    rows = [[(int(rng.integers(2, 9)), 3, 4, 5, tuple(sorted(set(rng.integers(0, 6, rng.integers(0, 3))))),
              rng.normal(size=STATE_DIM).astype(np.float16)) for _ in range(n)] for n in (3, 0, 5)]
    got = name_net.arrays(rows, 6)
    for k, seq in enumerate(rows):  # character by character, as the batch is defined
        assert not got["chars"][k, len(seq):].any() and not got["cues"][k, len(seq):].any()
        for i, (ch, left, right, lac, cue, states) in enumerate(seq):
            assert [got[n][k, i] for n in ("chars", "left", "right", "lac")] == [ch, left, right, lac]
            assert got["cues"][k, i].tolist() == [float(c in cue) for c in range(6)]
            assert np.array_equal(got["states"][k, i], states.astype(np.float32))


def test_bigrams_pair_sentence_edges_and_line_breaks_with_edge_marks() -> None:
    assert name_net.bigrams("王明") == ["\x02王", "王明", "明\x03"]
    assert name_net.bigrams("甲\n乙") == ["\x02甲", "甲\x03", "\x02乙", "乙\x03"]


def test_the_vocabulary_keeps_inputs_seen_often_enough_and_reads_back_the_same() -> None:
    counts = {"chars": {"王": 3, "明": 1}, "bigrams": {"王明": 2, "明\x03": 1}, "lac": {"B-PER": 1}, "cues": {"sn1": 1}}
    vocab = name_net.Vocab.build(counts, {"chars": 2, "bigrams": 2})
    assert vocab.chars == {"王": 2} and vocab.bigrams == {"王明": 2} and vocab.lac == {"B-PER": 2}
    assert name_net.Vocab.from_json(json.loads(json.dumps(vocab.to_json()))) == vocab
    rows = vocab.rows("王明", ["B-PER", "E-PER"], [["sn1"], []])
    assert rows == [(2, name_net.UNK, 2, 2, (0,), None), (name_net.UNK, 2, name_net.UNK, name_net.UNK, (), None)]
    assert set(name_net.arrays([rows], 1)) == {"chars", "left", "right", "lac", "cues"}  # no states given, none fed
    states = np.arange(2 * STATE_DIM, dtype=np.float32).reshape(2, STATE_DIM)
    with_states = vocab.rows("王明", ["B-PER", "E-PER"], [["sn1"], []], states)
    feed = name_net.arrays([with_states, [rows[0][:5] + (states[0],)]], 1)
    assert feed["states"].shape == (2, 2, STATE_DIM) and (feed["states"][0] == states).all()
    assert (feed["states"][1, 1] == 0).all() and (feed["states"][1, 0] == states[0]).all()  # padding is zeros


def test_logsumexp_is_scipys() -> None:
    from scipy.special import logsumexp

    a = np.random.default_rng(0).normal(size=(7, 7)) * 30
    for axis in (0, 1):
        assert np.allclose(name_net.logsumexp(a, axis), logsumexp(a, axis))


def test_the_packaged_model_matches_its_metadata_and_came_from_the_train_split() -> None:
    meta = json.loads(name_net.meta_path(name_net.NET_PATH).read_text(encoding="utf-8"))
    assert meta["format"] == "onnx" and meta["tags"] == list(name_net.TAGS)
    assert meta["data"].endswith("msra_train.txt") and meta["sentences"] + meta["dev_sentences"] == 50_289
    assert meta["seconds"] > 0 and meta["history"] and meta["dev"] == meta["history"][-1].get("dev", {})
    assert name_net.NET_PATH.stat().st_size < 25_000_000
    assert name_net.NetModel().sha256 == meta["sha256"]  # the load checks both files' sha256


def test_the_model_finds_people_organisations_and_places_in_new_sentences() -> None:
    ex = name_net.NamesNetExtractor()
    text = "国务院总理李强昨天在北京会见了联合国秘书长古特雷斯。"
    found = {(text[h.start:h.end], h.label) for h in ex.find(text)}
    assert {("李强", "PERSON"), ("北京", "GPE"), ("古特雷斯", "PERSON")} <= found
    assert any(label == "ORG" and name in ("国务院", "联合国") for name, label in found)
    assert all(0 < h.score <= 1 for h in ex.find(text))


def _copy_of_the_model(tmp_path: Path) -> Path:
    for source in (name_net.NET_PATH, name_net.vocab_path(name_net.NET_PATH), name_net.meta_path(name_net.NET_PATH)):
        shutil.copy(source, tmp_path / source.name)
    return tmp_path / name_net.NET_PATH.name


def test_a_changed_file_is_refused_and_says_how_to_train_it(tmp_path: Path) -> None:
    copy = _copy_of_the_model(tmp_path)
    name_net.NetModel(copy)  # the untouched copy loads
    vocab = name_net.vocab_path(copy)
    vocab.write_text(vocab.read_text(encoding="utf-8").replace("王", "汪", 1), encoding="utf-8")
    with pytest.raises(ModelFileError, match="vocab.json: content does not match.*xbench train names-net"):
        name_net.NetModel(copy)


def test_a_model_whose_cue_words_changed_is_refused(tmp_path: Path) -> None:
    copy = _copy_of_the_model(tmp_path)
    meta_file = name_net.meta_path(copy)
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    assert meta["cues_sha256"] == name_net.cues_digest(meta["cue_words"])
    meta["cue_words"]["O"].append("某某中心")
    meta_file.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ModelFileError, match="lexicon cues read.*changed.*xbench train names-net"):
        name_net.NetModel(copy)
    del meta["cue_words"]
    meta_file.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ModelFileError, match="cannot read the model or its metadata.*cue_words"):
        name_net.NetModel(copy)


def test_an_edited_word_list_leaves_the_network_reading_the_cues_it_learned(monkeypatch) -> None:
    from extractors import lexicon, name_features

    model = name_net.NetModel()
    text = "会议在某某中心召开。"
    before = [row[:5] for row in model.rows(text, ["O"] * len(text))]  # not LAC's states (arrays)
    words = lexicon.words
    monkeypatch.setattr(lexicon, "words", lambda n: (*words(n), "某某中心") if n == "org_words" else words(n))
    name_features.cue_words.cache_clear()
    try:
        assert "某某中心" in name_features.cue_words()["O"]  # the lists' own cues see the new word
        assert name_features.lexicon_cues(text) != name_features.lexicon_cues(text, model.cue_words)
        assert [row[:5] for row in model.rows(text, ["O"] * len(text))] == before  # the network's do not
    finally:
        name_features.cue_words.cache_clear()


def test_a_missing_model_says_how_to_train_it(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match=r"none\.onnx: cannot read .*xbench train names-net"):
        name_net.NetModel(tmp_path / "none.onnx")


def _tiny_training_set() -> list:
    from extractors.lac_states import lac_states

    text = "王小明在杭州市的浙江大学工作。"
    states = lac_states(text).astype(np.float16)  # as training holds them
    return [(text, [(0, 3, "PERSON"), (4, 7, "LOC"), (8, 12, "ORG")], ["O"] * len(text), states)] * 8


def _onnx_equals_torch(net, path: Path, atol: float = 1e-4) -> name_net.NetModel:  # noqa: ANN001 - a torch module
    import torch

    model = name_net.NetModel(path)
    assert model.with_states
    text = _tiny_training_set()[0][0]
    rows = model.rows(text, ["O"] * len(text))
    feed = {k: torch.from_numpy(v) for k, v in name_net.arrays([rows], len(model.vocab.cues)).items()}
    with torch.no_grad():
        expected = net(**feed)[0].numpy()
    assert np.allclose(model.emissions(rows), expected, atol=atol)
    tags = model.tag(rows)
    assert len(tags) == len(text) and 0 < model.confidence(tags, 0, 3) <= 1
    return model


def test_training_exports_a_network_that_onnxruntime_runs_as_torch_does(tmp_path: Path) -> None:
    torch = pytest.importorskip("torch")  # the `train` extra: not needed to run the model, nor by CI
    from extractors import name_net_train as nt

    sents = _tiny_training_set()
    params = nt.NetParams(char_dim=4, bigram_dim=4, lac_dim=2, cue_dim=2, hidden=4, epochs=3, batch=4, average=2)
    seen: list[dict] = []  # each epoch's weights, copied (the state dict shares the live parameters)
    net, vocab, history = nt.fit(sents, params, sents[:2], after_epoch=lambda n, _v, _e: seen.append(
        {k: t.clone() for k, t in n.state_dict().items()}))
    assert [h.get("epoch") for h in history] == [1, 2, 3, None] and history[-1]["averaged"] == [2, 3]
    assert all("dev" in h for h in history)
    for k, value in net.state_dict().items():  # the weights returned are the mean of the last two epochs'
        assert torch.allclose(value, (seen[1][k] + seen[2][k]) / 2)
    path = tmp_path / "names-net.onnx"
    nt.export(net, vocab, path, {"history": history})
    _onnx_equals_torch(net, path)


def test_two_nets_fitted_side_by_side_export_as_one_pooled_graph(tmp_path: Path) -> None:
    torch = pytest.importorskip("torch")
    from extractors import name_net_train as nt

    sents = _tiny_training_set()
    params = nt.NetParams(char_dim=4, bigram_dim=4, lac_dim=2, cue_dim=2, hidden=4, epochs=1, batch=4, nets=2)
    model, vocab, history = nt.fit_pooled(sents, params, sents[:2])
    assert [h.get("net") for h in history] == [1, 1, 2, 2, None, None]  # each net's epoch and mean, the pool's
    assert history[-2]["pooled"] == 2 and history[-1]["half_embeddings"] and "dev" in history[-1]
    first, second = model.nets
    assert not torch.equal(first.out.weight, second.out.weight)  # another seed, fitted in the other process
    assert first.bigrams.weight.dtype == torch.float16 and first.out.weight.dtype == torch.float32
    assert torch.allclose(model.transitions, (first.transitions + second.transitions) / 2)
    path = tmp_path / "names-net.onnx"
    nt.export(model, vocab, path, {"history": history})
    meta = json.loads(name_net.meta_path(path).read_text(encoding="utf-8"))
    assert np.allclose(meta["crf"]["start"], model.start.numpy(), atol=1e-6)
    _onnx_equals_torch(model, path)


def test_8_bit_tables_run_as_torch_does_within_their_rounding(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    onnx = pytest.importorskip("onnx")
    from extractors import name_net_train as nt

    sents = _tiny_training_set()
    params = nt.NetParams(char_dim=8, bigram_dim=8, lac_dim=4, cue_dim=2, hidden=4, epochs=1, batch=4, nets=1)
    model, vocab, _ = nt.fit_pooled(sents, params)
    half, small = tmp_path / "half" / "names-net.onnx", tmp_path / "uint8" / "names-net.onnx"
    nt.export(model, vocab, half, {})
    nt.export(model, vocab, small, {}, uint8=True)
    types = {t.name: t.data_type for t in onnx.load(str(small)).graph.initializer}
    assert types["chars.weight_quantized"] == types["bigrams.weight_quantized"] == onnx.TensorProto.UINT8
    assert onnx.TensorProto.FLOAT16 not in types.values()  # (the packaged model's size: its own test)
    # a table's weights move by at most half a step (its range / 255); the emissions, through the
    # small network, by less than a whole one
    step = max(float(t.max() - t.min()) for t in (model.chars.weight, model.bigrams.weight, model.lac.weight)) / 255
    rounded = _onnx_equals_torch(model, small, atol=step)
    rows = rounded.rows(sents[0][0], ["O"] * len(sents[0][0]))
    assert not np.allclose(rounded.emissions(rows), name_net.NetModel(half).emissions(rows), atol=1e-6)


def test_training_without_pytorch_is_a_usage_error_naming_the_extra(monkeypatch, capsys) -> None:
    import sys

    from xbench.cli import main

    import extractors

    monkeypatch.setitem(sys.modules, "torch", None)  # as where the `train` extra is not installed
    monkeypatch.delitem(sys.modules, "extractors.name_net_train", raising=False)
    monkeypatch.delattr(extractors, "name_net_train", raising=False)  # an earlier import left it on the package
    assert main(["train", "names-net"]) == 2
    assert "pip install 'xbench[train]'" in capsys.readouterr().err


def test_a_negative_hold_out_is_a_usage_error(capsys) -> None:
    from xbench.cli import main

    assert main(["train", "names-net", "--hold-out", "-5"]) == 2
    assert "--hold-out: must be at least 0, got -5" in capsys.readouterr().err


def test_holding_out_the_whole_split_is_refused_before_any_work() -> None:
    pytest.importorskip("torch")
    from extractors import name_net_train as nt

    sents = [(text, names) for text, names, _, _ in _tiny_training_set()]
    with pytest.raises(ValueError, match="cannot hold out 8 of 8 sentences"):
        nt.train(sents, "tiny", dev_size=8)
