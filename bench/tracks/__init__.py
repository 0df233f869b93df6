"""Tracks: the named corpora `xbench run --track NAME` scores extractors on.

A track is one small module in this package that defines `TRACK = Track(...)`: where its
documents and gold come from, how extractor labels map onto its gold's labels, which
extractors apply, how learned extractors are evaluated, whether speed is measured on it, and
the published figures shown next to its board. The main job runs every track the same way
(`xbench.run.benchmark.run_track`) into the typed result, one `TrackResult` per track, unless
the track brings its own `runner`; adding a track is adding a module here.
"""
from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from extractors.schema import LABELS, Span

if TYPE_CHECKING:
    from xbench.result import TrackResult
    from xbench.run.benchmark import Paths

Learned = Literal["loo", "packaged"]


@dataclass(frozen=True)
class TrackCorpus:
    """A track's scored documents and their gold, by doc_id; `info` goes into the result's corpus."""

    docs: dict[str, str]
    gold: dict[str, list[Span]]
    info: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Anchor:
    """A published figure shown next to a board, never ranked in it."""

    system: str
    f1: float
    source: str
    note: str = "published, other split"


def every_extractor(name: str) -> bool:
    return True


@dataclass(frozen=True)
class Table:
    """A track's own table, shown after its board in latest.md, the README and the HTML report."""

    title: str
    headers: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Track:
    name: str
    title: str
    load: Callable[[Paths, int | None], TrackCorpus]  # (paths, sentence limit for a sample)
    label_map: Mapping[str, str] | None = None  # extractor label -> scored label; others dropped; None: as they are
    corpus_labels: Mapping[str, str] = field(default_factory=dict)  # the corpus's own tags -> our labels
    applies: Callable[[str], bool] = every_extractor  # by registered name, so nothing is loaded to decide
    learned: Learned = "loo"  # leave-one-document-out on the track's gold, or the packaged model as it is
    timed: bool = False  # speed is measured on one track only (the seeds)
    unit: str = "paragraph"  # what the bootstrap resamples: the text between two newlines
    notes: str = ""
    anchors: tuple[Anchor, ...] = ()
    # a track whose scoring is its own (the values track: normalisation, value parsers) gives the
    # whole TrackResult: runner(extractor names that apply, paths, bootstrap seed, sample)
    runner: Callable[[list[str], Paths, int, int | None], TrackResult] | None = None
    # a track's own tables after its board (the values track: normalisation, case counts, parsers)
    tables: Callable[[TrackResult], list[Table]] | None = None

    def result_extra(self) -> dict[str, Any]:
        """What the track's result carries beyond the common shape (nothing for a track like the seeds)."""
        if self.label_map is None and self.timed:
            return {}
        return {"title": self.title, "labels": list(self.labels), "prediction_label_map": dict(self.label_map or {}),
                "bootstrap_unit": self.unit, "learned_extractors": self.learned,
                "speed": "measured on the seeds track only",
                "anchors": [vars(a) for a in self.anchors]}

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels scored on this track, in schema order."""
        return LABELS if self.label_map is None else tuple(lab for lab in LABELS if lab in self.label_map.values())

    def map_spans(self, spans: list[Span]) -> list[Span]:
        """An extractor's spans in the track's labels: relabelled, or dropped when the track has no such label."""
        if self.label_map is None:
            return spans
        return [Span(s.start, s.end, self.label_map[s.label], s.text, s.value, s.score)
                for s in spans if s.label in self.label_map]

    def map_labels(self, labels: tuple[str, ...]) -> tuple[str, ...]:
        if self.label_map is None:
            return labels
        return tuple(lab for lab in self.labels if any(self.label_map.get(x) == lab for x in labels))


@cache
def tracks() -> dict[str, Track]:
    """Every track module's TRACK by name, `seeds` first."""
    found: dict[str, Track] = {}
    for info in pkgutil.iter_modules(__path__):
        track = getattr(importlib.import_module(f"{__name__}.{info.name}"), "TRACK", None)
        if isinstance(track, Track):
            found[track.name] = track
    return dict(sorted(found.items(), key=lambda kv: (kv[0] != "seeds", kv[0])))


def own_tables(result: TrackResult) -> list[Table]:
    """The tables a track adds to its board (none for most tracks)."""
    track = tracks().get(result.name)
    return track.tables(result) if track is not None and track.tables is not None else []


def track_names(chosen: list[str] | None) -> list[str]:
    """`--track` values (repeatable, `all` for every track) in registry order; default the seeds."""
    known = tracks()
    wanted = set(chosen or ["seeds"])
    unknown = sorted(wanted - set(known) - {"all"})
    if unknown:
        raise ValueError(f"unknown track(s): {', '.join(unknown)}; available: {', '.join(known)}, all")
    return [name for name in known if "all" in wanted or name in wanted]
