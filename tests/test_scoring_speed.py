"""The scorer's benchmark corpus (`python -m xbench.scoring.speed`): valid, reproducible, and
with each kind of error it claims."""
from __future__ import annotations

from xbench.scoring.scores import score
from xbench.scoring.speed import main, synthetic


def test_the_synthetic_corpus_is_reproducible_and_valid() -> None:
    gold, pred, docs = synthetic(2000, 10, seed=1)
    assert (gold, pred, docs) == synthetic(2000, 10, seed=1) and synthetic(2000, 10, seed=2)[0] != gold
    assert sum(map(len, gold.values())) == 2000 and set(gold) == set(pred) == set(docs)
    for d, spans in {**{f"g{d}": s for d, s in gold.items()}, **{f"p{d}": s for d, s in pred.items()}}.items():
        raw = docs[d[1:]]
        assert all(0 <= s.start < s.end <= len(raw) for s in spans)
    assert any("\n" in t for t in docs.values())  # paragraphs, for the bootstrap


def test_it_mixes_misses_boundary_and_label_errors_and_spurious_spans() -> None:
    gold, pred, docs = synthetic(3000, 10)
    counts = score(gold, pred, docs, n_boot=10)["strict"].micro.to_dict()
    assert 0.5 < counts["f1"] < 0.9 and all(counts[k] > 0 for k in ("cor", "inc", "mis", "spu"))


def test_the_command_prints_its_figures(monkeypatch, capsys) -> None:
    monkeypatch.setattr("sys.argv", ["speed", "--spans", "500", "--docs", "5", "--n-boot", "5", "--repeat", "1"])
    main()
    out = capsys.readouterr().out
    assert "500 gold" in out and "n_boot=5" in out and "strict F1" in out
