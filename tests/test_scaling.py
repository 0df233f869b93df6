"""bench/corpus/scaling.py: corpora of N copies of the seeds, a records digest that says whether two
runs wrote the same records, and the table (run in this process: no workers spawned)."""
from __future__ import annotations

from pathlib import Path

import pytest
from test_faults_corpus import InlineEngine
from xbench.corpus import scaling


def test_a_corpus_of_copies_holds_every_seed_once_per_copy(root: Path, tmp_path: Path) -> None:
    seeds = sorted((root / "seeds").glob("*.txt"))
    corpus = scaling.build_corpus(root / "seeds", tmp_path / "c", 3)
    files = sorted(corpus.iterdir())
    assert len(files) == 3 * len(seeds)
    assert all(f.read_bytes() == (root / "seeds" / f.name[5:]).read_bytes() for f in files)


def test_the_digest_follows_the_records_only(tmp_path: Path) -> None:
    (tmp_path / "part-00000.jsonl").write_text('{"a": 1}\n')
    (tmp_path / "part-00000.summary.json").write_text("{}")
    before = scaling.records_digest(tmp_path)
    (tmp_path / "part-00000.summary.json").write_text('{"other": "summary"}')
    assert scaling.records_digest(tmp_path) == before
    (tmp_path / "part-00001.jsonl").write_text('{"b": 2}\n')
    assert scaling.records_digest(tmp_path) != before


def test_the_table_has_a_row_per_worker_count_with_equal_digests(root: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 capsys) -> None:
    monkeypatch.setattr(scaling, "make_engine", lambda *a: InlineEngine())
    assert scaling.main(["--workers", "1", "2", "--copies", "1", "--repeats", "1", "-e", "regex",
                         "--seeds", str(root / "seeds")]) == 0
    rows = [ln.split("|")[1:-1] for ln in capsys.readouterr().out.splitlines() if ln.startswith("| local")]
    assert [r[1].strip() for r in rows] == ["1", "2"]
    assert {r[3].strip() for r in rows} == {str(len(list((root / "seeds").glob("*.txt"))))}  # documents
    digests = {r[-1].strip() for r in rows}
    assert len(digests) == 1 and len(digests.pop()) == 12  # the same records whatever the worker count
