"""The CRF's leave-one-out fold models shipped in extractors/data/crf-folds/ (`xbench train folds`): none
ever saw the document it is used for, each is used only for the key it records, and one is
reproduced byte for byte from its recorded documents."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from xbench.run.benchmark import Paths
from xbench.tracks.seeds import load as load_seeds_track

from extractors import crf, crf_folds, crf_model
from extractors.schema import Span

ROOT = Path(__file__).resolve().parents[1]


def _seeds() -> tuple[dict[str, str], dict[str, list[Span]]]:
    corpus = load_seeds_track(Paths(ROOT / "seeds", ROOT / "goldens"))
    return corpus.docs, corpus.gold


def _shipped() -> list[tuple[Path, dict]]:
    return [(p, json.loads(crf_model.meta_path(p).read_text(encoding="utf-8")))
            for p in sorted(crf_folds.SHIPPED.glob("*.crfsuite"))]


def test_every_shipped_fold_held_out_one_seed_and_never_saw_it() -> None:
    docs, gold = _seeds()
    seeds = {crf_folds.document_sha256(raw): d for d, raw in docs.items()}
    for path, meta in _shipped():
        seen = meta["documents_sha256"]
        assert path.name == f"{meta['training_key'][:crf_folds.KEY_CHARS]}.crfsuite"
        assert meta["sha256"] == crf_model.load(path).meta["sha256"]  # the file is what its metadata says
        assert len(set(seen)) == len(seen) == meta["documents"]
        unseen = set(seeds) - set(seen)
        assert len(unseen) <= 1 or set(seen) - set(seeds), f"{path.name}: held out more than one seed"
    # the folds a run looks up for the current seeds: each trained without its held-out document
    for held_out, raws, spans in crf_folds.loo_sets(docs, gold):
        for stacked in (False, True):
            key = crf._training_key(raws, spans, stacked)
            found = crf_folds.shipped_or_cached(key)
            if found is None:
                continue
            meta = json.loads(crf_model.meta_path(found).read_text(encoding="utf-8"))
            assert meta["training_key"] == key
            assert crf_folds.document_sha256(docs[held_out]) not in meta["documents_sha256"]
            assert meta["documents_sha256"] == [crf_folds.document_sha256(r) for r in raws]


def test_a_fold_is_used_only_for_the_key_it_records(tmp_path: Path, monkeypatch) -> None:
    crf._helpers()  # the gazetteer from the usual cache, before the cache folder moves
    monkeypatch.setenv("XBENCH_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(crf_folds, "SHIPPED", tmp_path / "shipped")
    raws = ["王小明在北京大学读书。", "李大伟在北京大学工作。", "张三在清华大学工作。"]
    gold = [[Span(0, 3, "PERSON", "王小明"), Span(4, 8, "ORG", "北京大学")],
            [Span(0, 3, "PERSON", "李大伟"), Span(4, 8, "ORG", "北京大学")],
            [Span(0, 2, "PERSON", "张三"), Span(3, 7, "ORG", "清华大学")]]
    paths = crf.train_folds(dict(enumerate(raws)), dict(enumerate(gold)), folder=crf_folds.SHIPPED)
    assert len(paths) == 2 * len(raws) and not (tmp_path / "crf-folds").exists()  # nothing trained into the cache
    key = crf._training_key(raws[1:], gold[1:])
    found = crf_folds.shipped_or_cached(key)
    assert found is not None and found.parent == crf_folds.SHIPPED
    other = crf_folds.fold_file(crf_folds.SHIPPED, crf._training_key(raws[:-1], gold[:-1]))
    shutil.copy(other, found)  # a fold planted under another fold's name: its sha256 no longer matches
    assert crf_folds.load(key) is None
    meta = json.loads(crf_model.meta_path(found).read_text(encoding="utf-8"))
    crf_model.meta_path(found).write_text(json.dumps({**meta, "training_key": "0" * 64}), encoding="utf-8")
    assert crf_folds.shipped_or_cached(key) is None  # a fold whose metadata names another key is not used
    assert crf.fold_missing(raws[1:], gold[1:])


def test_a_shipped_fold_is_reproduced_from_its_recorded_documents(tmp_path: Path) -> None:
    """The smallest current fold trained again from the seeds (about 5 s): the same bytes as the shipped file."""
    docs, gold = _seeds()
    current = [(sum(map(len, raws)), raws, spans,
                crf_folds.fold_file(crf_folds.SHIPPED, crf._training_key(raws, spans)))
               for _, raws, spans in crf_folds.loo_sets(docs, gold)]
    current = [c for c in current if c[3].exists()]
    if not current:
        pytest.skip("the shipped folds are not those of the current seeds and features: run `xbench train folds`")
    _, raws, spans, shipped = min(current, key=lambda c: c[0])
    again = crf._train(raws, spans, tmp_path / shipped.name, key=crf._training_key(raws, spans))
    assert again.path.read_bytes() == shipped.read_bytes()
    assert crf_model.meta_path(again.path).read_bytes() == crf_model.meta_path(shipped).read_bytes()
