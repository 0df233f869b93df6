"""Where a reference profile comes from: the reviewed gold, or a corpus run a user has accepted."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from xbench.expectations.profile import build_profile, reference
from xbench.io import InputError, read_text

from extractors.schema import Span


def profile_from_gold(seeds: Path, goldens: Path) -> dict[str, Any]:
    from xbench.gold.load import load_gold, load_seeds

    texts = {d: doc.raw for d, doc in load_seeds(seeds).items()}
    gold = {d: s for d, s in load_gold(goldens).items() if d in texts}
    if not gold:
        raise InputError(f"{goldens}: no reviewed gold for the seeds in {seeds}")
    return build_profile(reference(texts, gold), "gold")


def profile_from_run(corpus_json: Path, extractor: str | None) -> dict[str, Any]:
    """From a corpus run's `corpus.json`: the records of one of its extractors (the only one, or `extractor`)."""
    try:
        run = json.loads(corpus_json.read_text(encoding="utf-8"))
        runs = {r["name"]: r for r in run["runs"]}
        root = Path(run["corpus"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{corpus_json}: not a corpus run's corpus.json ({type(exc).__name__}: {exc})") from None
    if extractor is None and len(runs) != 1:
        raise InputError(f"{corpus_json}: the run has extractors {', '.join(runs)}; choose one with -e")
    name = extractor or next(iter(runs))
    if name not in runs:
        raise InputError(f"{corpus_json}: no run of extractor {name!r}")
    from xbench.records import load_spans

    spans: dict[str, list[Span]] = {}
    for part in sorted(Path(runs[name]["records"]).glob("part-*.jsonl")):
        for d, found in load_spans(part).items():
            spans.setdefault(d, []).extend(found)
    from xbench.corpus.run import corpus_files, doc_id

    texts = {doc_id(root, p): read_text(p) for p in corpus_files(root)}
    return build_profile(reference(texts, {d: spans.get(d, []) for d in texts}), f"run:{name}")
