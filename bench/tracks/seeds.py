"""The seeds track: the five reviewed reports, every label, learned extractors leave-one-document-out."""
from __future__ import annotations

from typing import TYPE_CHECKING

from xbench.gold.load import load_gold, load_seeds
from xbench.tracks import Track, TrackCorpus

if TYPE_CHECKING:
    from xbench.run.benchmark import Paths


def load(paths: Paths, limit: int | None = None) -> TrackCorpus:
    docs = {d: doc.raw for d, doc in load_seeds(paths.seeds).items()}
    gold = {d: s for d, s in load_gold(paths.goldens).items() if d in docs}
    return TrackCorpus(docs, gold)


TRACK = Track("seeds", "Chinese government reports (the seeds)", load, learned="loo", timed=True)
