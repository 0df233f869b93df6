"""Benchmark (not a test): time `score` on a synthetic corpus of about 100,000 gold spans.

    python -m xbench.scoring.speed [--spans 100000] [--docs 100] [--n-boot 1000] [--repeat 3]

Predictions are the gold with a tenth of the spans each dropped, shifted, relabelled, and
joined by a tenth of spurious ones; documents have a newline every ~200 characters so the
bootstrap runs over paragraphs, as it does on real seeds.
"""
from __future__ import annotations

import argparse
import random
import time

from xbench.scoring.scores import score

from extractors.schema import LABELS, Span


def synthetic(n_spans: int, n_docs: int, seed: int = 0):
    rng = random.Random(seed)
    gold: dict[str, list[Span]] = {}
    pred: dict[str, list[Span]] = {}
    docs: dict[str, str] = {}
    per_doc = n_spans // n_docs
    for d in range(n_docs):
        doc_id = f"doc{d:04d}"
        g, p, pos = [], [], 0
        for _ in range(per_doc):
            pos += rng.randint(1, 8)
            length = rng.randint(2, 8)
            span = Span(pos, pos + length, rng.choice(LABELS), "x" * length)
            g.append(span)
            r = rng.random()
            if r < 0.1:
                pass  # missed
            elif r < 0.2:
                p.append(Span(pos + 1, pos + length, span.label, "x" * (length - 1)))
            elif r < 0.3:
                p.append(Span(pos, pos + length, rng.choice(LABELS), span.text))
            else:
                p.append(span)
            if rng.random() < 0.1:  # a spurious span in the gap before the next mention
                p.append(Span(pos + length + 1, pos + length + 2, rng.choice(LABELS), "x"))
                pos += 2
            pos += length
        gold[doc_id], pred[doc_id] = g, p
        docs[doc_id] = "".join("\n" if i % 200 == 199 else "x" for i in range(pos + 10))
    return gold, pred, docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--spans", type=int, default=100_000)
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--n-boot", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    gold, pred, docs = synthetic(args.spans, args.docs)
    n_gold = sum(map(len, gold.values()))
    n_pred = sum(map(len, pred.values()))
    times = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        report = score(gold, pred, docs, n_boot=args.n_boot)
        times.append(time.perf_counter() - t0)
    print(f"{n_gold} gold + {n_pred} predicted spans in {args.docs} documents, n_boot={args.n_boot}: "
          f"best {min(times):.3f} s, median {sorted(times)[len(times) // 2]:.3f} s over {args.repeat} runs "
          f"(strict F1 {report['strict'].micro.f1:.3f}, ci95 {report['strict'].micro.ci95}, unit {report.ci_unit})")


if __name__ == "__main__":
    main()
