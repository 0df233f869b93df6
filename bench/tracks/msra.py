"""The MSRA track: names only (PERSON, ORG, LOC) on the MSRA NER test split, outside text.

MSRA's LOC covers xbench's GPE and LOC, so an extractor's GPE is scored as LOC and labels MSRA
does not annotate (dates, numbers, titles) are dropped. Learned extractors are scored as they
are packaged: the name model was fitted on MSRA's train split, the CRF on the seeds' gold; none
saw the test split. The `-raw`
baselines are skipped: MSRA's text is clean Simplified Chinese, so they would duplicate their
normalised twins.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from xbench.datasets import msra
from xbench.tracks import Anchor, Track, TrackCorpus

if TYPE_CHECKING:
    from xbench.run.benchmark import Paths

LABEL_MAP = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}


def load(paths: Paths, limit: int | None = None) -> TrackCorpus:
    split = msra.load_test(limit)
    info = {"source": f"MSRA NER test split (SIGHAN 2006) from {msra.REQUIREMENT}, sha256 {msra.SHA256[:12]}",
            "sentences": split.sentences}
    return TrackCorpus(split.docs, split.gold, info)


def applies(name: str) -> bool:
    """Not a `-raw` variant (registered as NAME-raw), and producing some label MSRA scores: the
    registry reads the labels from the class, so nothing is loaded to decide."""
    from extractors.registry import entries

    if name.endswith("-raw"):
        return False
    entry = entries().get(name)
    try:
        labels = entry.describe().labels if entry else ()
    except TypeError:  # no class attributes to read: let the run find out
        return True
    return any(lab in LABEL_MAP for lab in labels)


TRACK = Track(
    "msra", "MSRA NER test split (names, outside text)", load, label_map=LABEL_MAP,
    corpus_labels=msra.LABEL_MAP, applies=applies,
    learned="packaged", unit="sentence",
    notes=("Labels: PER -> PERSON, ORG -> ORG, LOC -> LOC; an extractor's GPE is scored as LOC, its other "
           "labels are dropped. Learned extractors (`names`, `names-lac`, `names-net`, `names-mix`, `crf`, the "
           "hybrids) are scored as packaged: the name models were trained on MSRA's train split only, the CRF on "
           "the seeds' gold; none saw the test split. "
           "`-raw` baselines are skipped (MSRA text is clean Simplified). "
           "Intervals are 95% bootstrap intervals over sentences; speed is measured on the seeds only."),
    anchors=(Anchor("Lattice-LSTM", 0.9318, "Zhang & Yang 2018, ACL"),
             Anchor("FLAT", 0.9412, "Li et al. 2020, ACL"),
             Anchor("FLAT + BERT", 0.9609, "Li et al. 2020, ACL")),
)
