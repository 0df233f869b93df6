"""Models and caches are data that cannot run code (no pickle), carry a content hash checked at
load, are written deterministically, and leave nothing in $TMPDIR or $HOME."""
from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from extractors import crf, crf_model, data_cache
from extractors.package_data import cache_dir

ROOT = Path(__file__).resolve().parents[1]


class Planted:
    def __reduce__(self):
        return (os.system, ("echo planted",))


def test_data_cache_round_trip_and_refusals(tmp_path: Path) -> None:
    path = tmp_path / "c.data"
    data_cache.write(path, {"k": 1}, [b"abc", b"", b"\x00\xff"])
    assert data_cache.read(path) == ({"k": 1}, [b"abc", b"", b"\x00\xff"])
    raw = path.read_bytes()
    path.write_bytes(raw[:-1] + b"\x01")  # one byte changed
    with pytest.raises(data_cache.CacheError, match="sha256"):
        data_cache.read(path)
    path.write_bytes(raw[:-2])  # truncated
    with pytest.raises(data_cache.CacheError):
        data_cache.read(path)
    path.write_bytes(pickle.dumps(Planted()))  # a planted pickle is refused, never loaded
    with pytest.raises(data_cache.CacheError):
        data_cache.read(path)
    assert [p.name for p in tmp_path.iterdir()] == ["c.data"]  # no temporary file left


def test_gazetteer_cache_is_data_that_round_trips() -> None:
    from extractors import gazetteer as g

    gaz = g.load_gazetteer()
    assert g._cache_path().suffix == ".data" and data_cache.read(g._cache_path())
    again = g._from_data(*g._to_data(gaz))
    for f in ("tags", "codes", "parent", "verbs", "words", "bigrams", "modifiers", "versions"):
        assert getattr(again, f) == getattr(gaz, f), f
    assert again.motion.pattern == gaz.motion.pattern and len(again.automaton) == len(gaz.automaton)
    text = "青海省大通县科技局和北京市人民政府"
    from extractors.automaton import matches

    assert list(matches(again.automaton, text)) == list(matches(gaz.automaton, text))


XS = [[["c:a", "k:L"], ["c:b", "k:L"], ["c:1", "k:D"]], [["c:2", "k:D"], ["c:a", "k:L"]]] * 5
YS = [["B-ORG", "I-ORG", "O"], ["B-DATE", "O"]] * 5


def test_crf_model_files_are_deterministic_hashed_and_leave_no_temp_files(tmp_path: Path, monkeypatch) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.setenv("TMPDIR", str(scratch))
    a = crf_model.train(XS, YS, crf.TRAINING, tmp_path / "a.crfsuite", {"documents": 2})
    b = crf_model.train(XS, YS, crf.TRAINING, tmp_path / "b.crfsuite", {"documents": 2})
    assert (tmp_path / "a.crfsuite").read_bytes() == (tmp_path / "b.crfsuite").read_bytes()
    assert (tmp_path / "a.json").read_text() == (tmp_path / "b.json").read_text()
    assert a.predict([XS[0]]) == b.predict([XS[0]]) == [YS[0]]
    assert list(scratch.iterdir()) == [] and sorted(p.name for p in tmp_path.glob("*.tmp")) == []
    path = tmp_path / "a.crfsuite"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(crf_model.ModelFileError, match="sha256"):
        crf_model.load(path)


def test_packaged_model_is_crfsuite_with_matching_metadata() -> None:
    meta = json.loads(crf.MODEL_PATH.with_suffix(".json").read_text(encoding="utf-8"))
    assert meta["sha256"] == crf_model.file_sha256(crf.MODEL_PATH) and meta["params"] == crf.TRAINING
    assert crf.CRFExtractor().model is not None


def test_no_pickle_or_marshal_in_our_code_or_data() -> None:
    sources = [*ROOT.glob("extractors/**/*.py"), *ROOT.glob("bench/**/*.py")]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        assert "import pickle" not in text and "import marshal" not in text, path
    assert not list(ROOT.glob("extractors/data/**/*.pkl")) and not list(ROOT.glob("extractors/data/**/*.pickle"))


def test_jieba_and_onnxruntime_write_under_the_cache_folder(tmp_path: Path) -> None:
    """Their caches go under xbench's cache folder: nothing in $HOME or $TMPDIR."""
    home, tmp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    tmp.mkdir()
    env = {**os.environ, "HOME": str(home), "TMPDIR": str(tmp), "XBENCH_CACHE_DIR": str(cache_dir())}
    env.pop("XDG_CACHE_HOME", None)
    seed = sorted((ROOT / "seeds").glob("*.txt"))[0]
    for name in ("jieba", "lac", "crf"):
        done = subprocess.run([sys.executable, "-m", "xbench.cli", "extract", "-e", name, str(seed),
                               "-o", str(tmp_path / f"{name}.jsonl")], env=env, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, done.stderr
        assert "prefix dict" not in done.stderr  # jieba's loading messages are silenced
    assert list(home.rglob("*")) == [] and list(tmp.rglob("*")) == []
    assert (cache_dir() / "jieba" / "jieba.cache").exists()
