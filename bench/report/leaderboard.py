"""The leaderboard: rows from scored runs, ranked by strict micro F1, ties from a paired bootstrap."""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tabulate import tabulate

from extractors.schema import LABELS

if TYPE_CHECKING:
    from xbench.result import ExtractorResult, TrackResult

TIE_THRESHOLD = 0.05  # a flip probability above this means the two rows are not separable


def rank(extractors: list[ExtractorResult]) -> list[ExtractorResult]:
    """Best strict micro F1 first (stable among equals), failed extractors last."""
    ok = sorted((e for e in extractors if e.ok), key=lambda e: -e.strict.f1)
    return ok + [e for e in extractors if not e.ok]


def _ci(ci: Sequence[float] | None, fmt: str = "{:.3f}") -> str:
    return "" if not ci or ci[0] is None else f"[{fmt.format(ci[0])}, {fmt.format(ci[1])}]"


def _speed(cps: Any) -> list[str]:
    """chars/s and its interval; `–` when the run did not time the extractor (never a 0 that reads as slow)."""
    if cps is None:
        return ["–", "–"]
    return [f"{cps.median:,.0f}", _ci(cps.ci95, "{:,.0f}")]


def _row(i: int, e: ExtractorResult) -> list[Any]:
    s, sp = e.report, e.speed
    assert s is not None
    cps = sp.throughput
    tie = " =" if e.tied_with_next else ""
    exp = e.expectations
    return [
        i, e.name + ("*" if e.evaluation == "loo" else ""), e.kind,
        f"{e.strict.f1:.3f}{tie}", _ci(e.strict.micro.ci95),
        f"{e.exact.f1:.3f}", f"{e.partial.f1:.3f}", f"{e.type.f1:.3f}",
        "–" if not s.value.n else f"{s.value.accuracy:.3f}",  # no strict match with a value
        *(["remote", "(latency below)"] if e.service else _speed(cps)),  # a service is never timed in-process
        f"{sp.cold_start_s or 0:.2f}", f"{sp.peak_mem_mb or 0:.0f}",
        f"{exp.passed if exp else 0}/{exp.total if exp else 0}",
        _drift(e.drift),
    ]


def _drift(drift: dict[str, Any] | None) -> str:
    """Drift checks passed against the reference profile (seeds track), `–` where none were run."""
    if not drift or not drift.get("total"):
        return "–"
    return f"{drift['passed']}/{drift['total']}"


def rows(extractors: list[ExtractorResult]) -> list[list[Any]]:
    out = []
    for i, e in enumerate(rank(extractors), 1):
        if not e.ok:
            out.append([i, e.name, e.kind, "FAILED: " + (e.error or "not scored")[:60]] + [""] * (len(HEADERS) - 4))
        else:
            out.append(_row(i, e))
    return out


HEADERS = ["#", "extractor", "kind", "strict F1", "95% CI", "exact F1", "partial F1", "type F1", "value acc",
           "chars/s", "chars/s 95% CI", "load s", "peak MB", "expectations", "drift"]


def per_label_rows(extractors: list[ExtractorResult], labels: Sequence[str] = LABELS) -> list[list[Any]]:
    out = []
    for e in rank(extractors):
        if not e.ok:
            continue
        pl = e.per_label
        out.append([e.name] + [("–" if not e.covers(lab) else f"{pl[lab].f1:.3f}" if lab in pl else "")
                               for lab in labels])
    return out


SERVICE_HEADERS = ["extractor", "kind", "concurrency", "latency/doc median s", "p95 s", "throughput chars/s",
                   "requests", "cached", "failed", "tokens in", "tokens out", "cost", "unaligned"]


def service_rows(extractors: list[ExtractorResult]) -> list[list[Any]]:
    """Configured (remote) extractors: speed as latency and throughput at the configured concurrency."""
    out = []
    for e in rank(extractors):
        sv = e.service
        if sv is None:
            continue
        out.append([e.name, e.kind, sv.concurrency, f"{sv.latency_median_s:.2f}", f"{sv.latency_p95_s:.2f}",
                    f"{sv.throughput_chars_per_sec:,.0f}", sv.requests, sv.cached, sum(sv.failures.values()),
                    f"{sv.input_tokens:,}", f"{sv.output_tokens:,}", "–" if sv.cost is None else f"{sv.cost:.4f}",
                    f"{sv.alignment_failure_rate:.1%} of {sv.records}"])
    return out


SERVICE_NOTES = ("Configured extractors (xbench.toml) are timed as latency per document and throughput at their "
                 "configured concurrency, not in-process chars/s; answers from the cache count with the latency "
                 "recorded when they were asked. `unaligned`: records the alignment could not place in the text.")

NOTES = ("`–` the extractor does not produce that label (value accuracy: no strict match carries a value). "
         "`*` learned extractor, scored leave-one-document-out (each document predicted by a model "
         "that never saw it). `=` not separable from the next row (paired paragraph bootstrap: the "
         f"ranking flips in more than {TIE_THRESHOLD:.0%} of resamples). Intervals are 95% bootstrap "
         "intervals over paragraphs (F1) and over timed batches (chars/s). `drift`: checks passed of the "
         "records' statistics against the reference profile (built from the seeds' gold, so a weak extractor "
         "drifts by design; a check its baseline passed that fails now is a finding).")


UNTIMED_COLUMNS = ("value acc", "chars/s", "chars/s 95% CI", "load s", "peak MB")  # left out where nothing is timed
# The columns of the narrow table, for terminals of NARROW_COLUMNS or fewer; Markdown and HTML keep all.
NARROW = ("#", "extractor", "strict F1", "95% CI", "value acc", "chars/s")
NARROW_COLUMNS = 100


def render(extractors: list[ExtractorResult], fmt: str = "simple", labels: Sequence[str] = LABELS,
           timed: bool = True, width: int | None = None) -> str:
    """The leaderboard and per-label tables; at `width` <= NARROW_COLUMNS only the NARROW columns."""
    narrow = width is not None and width <= NARROW_COLUMNS
    keep = [i for i, h in enumerate(HEADERS) if (timed or h not in UNTIMED_COLUMNS) and (not narrow or h in NARROW)]
    body = [[r[i] for i in keep] if len(r) == len(HEADERS) else r for r in rows(extractors)]
    main = tabulate(body, headers=[HEADERS[i] for i in keep], tablefmt=fmt, disable_numparse=True)
    if narrow:
        return main + "\n"
    per_label = tabulate(per_label_rows(extractors, labels), headers=["extractor (strict F1)", *labels], tablefmt=fmt,
                         disable_numparse=True)
    services = service_rows(extractors)
    if not services:
        return f"{main}\n\n{per_label}\n"
    remote = tabulate(services, headers=SERVICE_HEADERS, tablefmt=fmt, disable_numparse=True)
    return f"{main}\n\n{per_label}\n\n{remote}\n\n{SERVICE_NOTES}\n"


def markdown(extractors: list[ExtractorResult]) -> str:
    return f"{render(extractors, 'github')}\n{NOTES}\n"


# --- boards of tracks other than the seeds (xbench.tracks): their labels, no speed, their notes and anchors ---

def track_labels(track: TrackResult) -> tuple[str, ...]:
    return tuple(track.extra.get("labels") or LABELS)


def track_notes(track: TrackResult) -> str:
    unit = track.extra.get("bootstrap_unit", "paragraph")
    return ("`–` the extractor does not produce that label. `=` not separable from the next row (paired "
            f"{unit} bootstrap: the ranking flips in more than {TIE_THRESHOLD:.0%} of resamples). {track.notes}")


def anchors_table(track: TrackResult, fmt: str = "github") -> str:
    rows_ = [[a["system"], f"{a['f1']:.3f}", a["source"], a["note"]] for a in track.extra.get("anchors", [])]
    if not rows_:
        return ""
    return tabulate(rows_, headers=["published system", "strict F1", "source", "note"], tablefmt=fmt,
                    disable_numparse=True) + "\n"


def board(track: TrackResult, fmt: str = "github", width: int | None = None) -> str:
    """A track's leaderboard, per-label table, notes and published anchors (the seeds: `markdown`);
    `width`: the terminal's, for the narrow table."""
    if track.name == "seeds":
        return (markdown(track.extractors) if fmt == "github"
                else render(track.extractors, fmt, width=width) + f"\n{NOTES}\n")
    tables = render(track.extractors, fmt, track_labels(track), timed=False, width=width)
    anchors = anchors_table(track, fmt)
    return f"{tables}\n{track_notes(track)}\n" + (f"\n{anchors}" if anchors else "") + own_tables_text(track, fmt)


def own_tables_text(track: TrackResult, fmt: str = "github") -> str:
    from xbench.tracks import own_tables  # at call time, as the result types: no import cycle with the tracks

    return "".join(f"\n{t.title}\n\n{tabulate(t.rows, headers=t.headers, tablefmt=fmt, disable_numparse=True)}\n"
                   for t in own_tables(track))


def corpus_line(track: TrackResult) -> str:
    c = track.corpus
    if "sentences" in c.extra:  # an outside corpus cut into sentences (a track's own source)
        return (f"{c.extra['sentences']:,} sentences in {c.documents} documents, {c.chars:,} characters, "
                f"{c.gold_spans:,} gold spans; {c.extra.get('source', '')}")
    return (f"{c.documents} documents ({c.gold_documents} with reviewed gold), "
            f"{c.chars:,} characters, {c.gold_spans} gold spans")


def track_markdown(track: TrackResult) -> str:
    """A track's section of latest.md: the seeds board as it always was, other tracks under a heading."""
    if track.name == "seeds":
        return board(track)
    return f"## Track {track.name}: {track.extra.get('title', '')}\n\n{corpus_line(track)}.\n\n{board(track)}"
