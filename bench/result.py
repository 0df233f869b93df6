"""The typed result of a benchmark run, from scoring to every output.

`BenchmarkResult` holds the run's metadata and its tracks (`seeds`; other corpora such as MSRA
add theirs), a `TrackResult` one corpus and the extractors run on it, and an `ExtractorResult`
one extractor's scored `Report`, its speed, its expectations and how it was evaluated. The
report keeps the alignment that paired the extractor's predictions with gold, made once and
read by the scores, the confusion table, the error examples, the HTML report's marks, the tie
test between neighbouring rows and the gates.

JSON only at the edges: `to_json`/`from_json` write and read the shape of the interface
contract (`latest.json`): the seeds track's corpus and extractors at the top level, as before,
and every track under `tracks`. Read back, a report keeps its figures and error examples but
no alignment (the predictions are not in the file).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from xbench.expectations.suite import ExpectationResult
from xbench.io import InputError, read_text
from xbench.run.timing import Speed
from xbench.scoring.error_analysis import ErrorExample
from xbench.scoring.scores import LabelScores, ModeReport, Report, ValueAccuracy

from extractors.schema import LABELS

SEEDS = "seeds"  # the track of the reviewed seed documents: the leaderboard's own
Evaluation = Literal["full", "loo"]  # packaged model, or leave-one-document-out (learned extractors)
UNTIMED = {"median": 0, "ci95": [0, 0]}  # what the contract's chars_per_sec holds when speed was not measured


@dataclass
class SpeedResult:
    throughput: Speed | None = None  # chars/second over timed batches; None when not timed
    cold_start_s: float | None = None
    peak_mem_mb: float | None = None
    error: str | None = None  # the timing failed (a time-out, a crash) after a good scoring pass

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"chars_per_sec": self.throughput.to_dict() if self.throughput else dict(UNTIMED),
                               "cold_start_s": round(self.cold_start_s or 0, 3),
                               "peak_mem_mb": round(self.peak_mem_mb or 0, 1)}
        if self.error:
            out["error"] = self.error
        return out

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> SpeedResult:
        cps = d.get("chars_per_sec") or UNTIMED
        return cls(None if cps == UNTIMED else Speed.from_dict(cps), d.get("cold_start_s"), d.get("peak_mem_mb"),
                   d.get("error"))


@dataclass
class ServiceResult:
    """A configured (remote) extractor's cost next to its quality: latency per document at its
    concurrency, throughput, requests, tokens, money and how many of its records the alignment
    could not place (`extractors.services.stats` measures them; this is their JSON shape)."""

    concurrency: int
    latency_median_s: float
    latency_p95_s: float
    documents: int
    throughput_chars_per_sec: float
    requests: int = 0
    cached: int = 0
    failures: dict[str, int] = field(default_factory=dict)  # reason -> requests that gave no records
    input_tokens: int = 0
    output_tokens: int = 0
    cost: float | None = None  # when prices are configured
    records: int = 0  # records answered
    unaligned: int = 0  # of them, placed nowhere in the text
    alignment_stages: dict[str, int] = field(default_factory=dict)
    values_dropped: int = 0

    @property
    def alignment_failure_rate(self) -> float:
        return self.unaligned / self.records if self.records else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"concurrency": self.concurrency,
                "latency_s": {"median": self.latency_median_s, "p95": self.latency_p95_s, "documents": self.documents},
                "throughput_chars_per_sec": self.throughput_chars_per_sec, "requests": self.requests,
                "cached": self.cached, "failures": dict(self.failures), "failed_requests": sum(self.failures.values()),
                "tokens": {"input": self.input_tokens, "output": self.output_tokens}, "cost": self.cost,
                "alignment": {"records": self.records, "unplaced": self.unaligned,
                              "failure_rate": round(self.alignment_failure_rate, 4),
                              "stages": dict(self.alignment_stages), "values_dropped": self.values_dropped}}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ServiceResult:
        lat, tok, al = d["latency_s"], d.get("tokens", {}), d.get("alignment", {})
        return cls(d["concurrency"], lat["median"], lat["p95"], lat.get("documents", 0), d["throughput_chars_per_sec"],
                   d.get("requests", 0), d.get("cached", 0), dict(d.get("failures", {})), tok.get("input", 0),
                   tok.get("output", 0), d.get("cost"), al.get("records", 0), al.get("unplaced", 0),
                   dict(al.get("stages", {})), al.get("values_dropped", 0))


@dataclass
class ExtractorResult:
    name: str
    kind: str = "?"
    labels: tuple[str, ...] = ()
    evaluation: Evaluation = "full"
    report: Report | None = None  # None when the extractor failed
    speed: SpeedResult = field(default_factory=SpeedResult)
    expectations: ExpectationResult | None = None
    error: str | None = None  # why the extractor failed (it still gets a row)
    flip_probability_vs_next: float | None = None  # paired bootstrap against the next row; None for the last
    tied_with_next: bool | None = None
    service: ServiceResult | None = None  # a configured (remote) extractor: timed as latency, not chars/s
    extra: dict[str, Any] = field(default_factory=dict)  # track-specific figures, written as they are
    drift: dict[str, Any] | None = None  # seeds track: the records against the reference profile (DriftReport)

    @property
    def ok(self) -> bool:
        return self.error is None and self.report is not None

    def _report(self) -> Report:
        if self.report is None:
            raise ValueError(f"extractor {self.name} has no scores: {self.error or 'not scored'}")
        return self.report

    # Short names for the figures gates and users read most (`.strict.f1`, `.per_label["ORG"].recall`).
    @property
    def strict(self) -> ModeReport:
        return self._report()["strict"]

    @property
    def exact(self) -> ModeReport:
        return self._report()["exact"]

    @property
    def partial(self) -> ModeReport:
        return self._report()["partial"]

    @property
    def type(self) -> ModeReport:
        return self._report()["type"]

    @property
    def per_label(self) -> dict[str, LabelScores]:
        return self.strict.per_label

    @property
    def value(self) -> ValueAccuracy:
        return self._report().value

    @property
    def errors(self) -> list[ErrorExample]:
        return self.report.errors if self.report else []

    def covers(self, label: str) -> bool:
        """Whether the extractor produces `label` at all (an unknown label set counts as all)."""
        return label in (self.labels or LABELS)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "kind": self.kind, "labels": list(self.labels),
                               "evaluation": self.evaluation}
        if not self.ok:
            out["error"] = self.error or "not scored"
            return out | self.extra
        report = self._report()
        out["scores"] = report.to_dict()
        out["errors"] = [e.to_dict() for e in report.errors]
        out["speed"] = self.speed.to_json()
        if self.expectations is not None:
            out["expectations"] = self.expectations.to_dict()
        if self.flip_probability_vs_next is not None:
            out["flip_probability_vs_next"] = self.flip_probability_vs_next
        if self.tied_with_next is not None:
            out["tied_with_next"] = self.tied_with_next
        if self.service is not None:
            out["service"] = self.service.to_json()
        if self.drift is not None:
            out["drift"] = self.drift
        return out | self.extra

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ExtractorResult:
        known = {"name", "kind", "labels", "evaluation", "error", "scores", "errors", "speed", "expectations",
                 "flip_probability_vs_next", "tied_with_next", "service", "drift"}
        if "scores" not in d and not d.get("error"):  # compare or a baseline would read it as a silent pass
            raise ValueError(f"extractor {d['name']!r} has neither scores nor an error")
        return cls(
            name=d["name"], kind=d.get("kind", "?"), labels=tuple(d.get("labels") or ()),
            evaluation=d.get("evaluation", "full"),
            report=Report.from_dict(d["scores"], d.get("errors", [])) if "scores" in d else None,
            speed=SpeedResult.from_json(d.get("speed", {})),
            expectations=ExpectationResult.from_dict(d["expectations"]) if "expectations" in d else None,
            error=d.get("error"), flip_probability_vs_next=d.get("flip_probability_vs_next"),
            tied_with_next=d.get("tied_with_next"),
            service=ServiceResult.from_json(d["service"]) if d.get("service") else None, drift=d.get("drift"),
            extra={k: v for k, v in d.items() if k not in known})


@dataclass
class CorpusSummary:
    documents: int = 0
    gold_documents: int = 0
    chars: int = 0
    gold_spans: int = 0
    extra: dict[str, Any] = field(default_factory=dict)  # what a track adds (its source, its splits)

    def to_json(self) -> dict[str, Any]:
        return {"documents": self.documents, "gold_documents": self.gold_documents, "chars": self.chars,
                "gold_spans": self.gold_spans} | self.extra

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> CorpusSummary:
        keys = ("documents", "gold_documents", "chars", "gold_spans")
        return cls(*(d.get(k, 0) for k in keys), extra={k: v for k, v in d.items() if k not in keys})


@dataclass
class TrackResult:
    """One corpus and the extractors scored on it, ranked (best first, failures last)."""

    name: str
    corpus: CorpusSummary
    extractors: list[ExtractorResult] = field(default_factory=list)
    label_map: dict[str, str] = field(default_factory=dict)  # the corpus's own tags -> our labels, if it has any
    notes: str = ""  # how the track maps or limits the comparison, in a sentence or two
    extra: dict[str, Any] = field(default_factory=dict)  # track-specific sections, written as they are
    # the scored documents' raw texts, for the HTML report's highlighted documents; never written
    docs: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def get(self, name: str) -> ExtractorResult | None:
        return next((e for e in self.extractors if e.name == name), None)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"corpus": self.corpus.to_json(), "extractors": [e.to_json() for e in self.extractors]}
        if self.label_map:
            out["label_map"] = self.label_map
        if self.notes:
            out["notes"] = self.notes
        return out | self.extra

    @classmethod
    def from_json(cls, name: str, d: dict[str, Any]) -> TrackResult:
        known = {"corpus", "extractors", "label_map", "notes"}
        return cls(name, CorpusSummary.from_json(d.get("corpus", {})),
                   [ExtractorResult.from_json(e) for e in d.get("extractors", [])], dict(d.get("label_map", {})),
                   d.get("notes", ""), {k: v for k, v in d.items() if k not in known})


@dataclass
class BenchmarkResult:
    generated: str  # ISO 8601, UTC
    seed: int  # of the bootstraps
    tracks: dict[str, TrackResult] = field(default_factory=dict)

    @property
    def seeds(self) -> TrackResult:
        """The seeds track (the top-level `extractors` of latest.json); empty when it was not run."""
        return self.tracks.get(SEEDS) or TrackResult(SEEDS, CorpusSummary())

    def to_json(self) -> dict[str, Any]:
        seeds = self.seeds
        return {"generated": self.generated, "corpus": seeds.corpus.to_json(), "seed": self.seed,
                "extractors": [e.to_json() for e in seeds.extractors],
                "tracks": {name: t.to_json() for name, t in self.tracks.items()}}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> BenchmarkResult:
        """Also reads files written before tracks existed (the seeds track at the top level only)."""
        tracks = {name: TrackResult.from_json(name, t) for name, t in d.get("tracks", {}).items()}
        if SEEDS not in tracks and "extractors" in d:
            tracks = {SEEDS: TrackResult.from_json(SEEDS, {"corpus": d.get("corpus", {}),
                                                           "extractors": d["extractors"]}), **tracks}
        return cls(d.get("generated", ""), d.get("seed", 0), tracks)

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=1) + "\n"


def read_result(path: Path) -> BenchmarkResult:
    """A result file (latest.json or a copy); InputError naming the file when it is not one."""
    text = read_text(path)
    try:
        return BenchmarkResult.from_json(json.loads(text))
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        raise InputError(f"{path}: not an xbench result file ({type(exc).__name__}: {exc})") from None
