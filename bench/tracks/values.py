"""The values track: Microsoft Recognizers-Text's Chinese cases (see `xbench.values`).

It brings its own runner: besides span F1 it scores normalisation (each extractor's value parser
on the expected span text) and the value parsers alone, with the development and set-aside parts
apart; its own tables follow the board. Only extractors that find values apply.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from xbench.tracks import Track, TrackCorpus

if TYPE_CHECKING:
    from xbench.result import TrackResult
    from xbench.run.benchmark import Paths

NAMES = ("regex", "recognizers-text", "duckling", "jionlp")  # xbench.values.track.EXTRACTORS, without importing it


def load(paths: Paths, limit: int | None = None) -> TrackCorpus:
    """The in-schema cases as documents (each case one), their expected spans as gold."""
    from xbench.values.track import track_corpus
    docs, gold = track_corpus(limit)
    return TrackCorpus(docs, gold, {"source": "Microsoft Recognizers-Text, Specs/*/Chinese (MIT)"})


def run(names: list[str], paths: Paths, seed: int, sample: int | None) -> TrackResult:
    from xbench.values.track import values_track
    result = values_track(names, seed=seed, limit=sample)
    result.extra = {**TRACK.result_extra(), **result.extra}  # title, labels, bootstrap unit, as other tracks
    return result


def tables(result: TrackResult) -> list:
    from xbench.values.track import tables as own
    return own(result)


TRACK = Track(
    "values", "Recognizers-Text value cases (outside suite: dates, money, percentages, quantities)", load,
    label_map={label: label for label in ("DATE", "MONEY", "PERCENT", "QUANTITY")},
    applies=lambda name: name in NAMES, learned="packaged", unit="case", runner=run, tables=tables)
# Its notes are the result's own (xbench.values.track.NOTES), written by the runner.
