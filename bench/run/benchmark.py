"""The main job behind `xbench run`: every extractor over each track (the seeds by default), scored, timed
(on the seeds), checked, ranked."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from xbench.expectations.suite import check_many, check_records
from xbench.io import atomic_write
from xbench.report.leaderboard import TIE_THRESHOLD, rank, track_markdown
from xbench.result import (
    SEEDS,
    BenchmarkResult,
    CorpusSummary,
    ExtractorResult,
    ServiceResult,
    SpeedResult,
    TrackResult,
)
from xbench.run.caches import cache_steps
from xbench.run.process import RUN_TIMEOUT_S, ExtractorRun, time_runs
from xbench.run.timing import ROUNDS, Speed
from xbench.tracks import Track, TrackCorpus, tracks

from extractors.schema import Span


@dataclass
class Paths:
    seeds: Path = Path("seeds")
    goldens: Path = Path("goldens")
    out: Path = Path("bench/results")


def extractor_result(run: ExtractorRun, docs: dict[str, str], gold: dict[str, list[Span]],
                     seed: int = 0) -> ExtractorResult:
    """One extractor's run scored against gold (paired once: the report keeps the alignment), with its speed."""
    return with_speed(scored_result(run, docs, gold, seed), run)


def scored_result(run: ExtractorRun, docs: dict[str, str], gold: dict[str, list[Span]],
                  seed: int = 0, checked: bool = True) -> ExtractorResult:
    """One extractor's run scored against gold and (`checked`) through the expectation suite, without
    its speed (timed later)."""
    from xbench.scoring.scores import score

    res = ExtractorResult(run.name, run.kind, tuple(run.labels), run.evaluation, error=run.error)
    if run.error:
        return res
    preds = {d: run.predictions.get(d, []) for d in gold}
    res.report = score(gold, preds, {d: docs[d] for d in gold}, seed=seed)
    if checked:
        res.expectations = check_records(docs, run.predictions, outputs=True)
    if run.service is not None:
        res.service = ServiceResult.from_json(run.service)
    return res


def with_speed(res: ExtractorResult, run: ExtractorRun) -> ExtractorResult:
    """`res` with the run's speed, load time and peak memory (after the timing rounds)."""
    if not res.error:
        res.speed = SpeedResult(Speed.from_dict(run.speed) if run.speed else None, run.cold_start_s,
                                run.peak_mem_mb, run.speed_error)
    return res


def add_checks(extractors: list[ExtractorResult], runs: dict[str, ExtractorRun], docs: dict[str, str]) -> None:
    """Each scored extractor's records through the expectation suite, every extractor in one GX
    validation (each validation costs ~0.2 s however few its rows: 17 cost 4 s of CPU, one 0.4 s)."""
    ok = [e for e in extractors if e.ok]
    checked = check_many(docs, {e.name: runs[e.name].predictions for e in ok}, outputs=True)
    for e in ok:
        e.expectations = checked[e.name]


def add_drift(extractors: list[ExtractorResult], runs: dict[str, ExtractorRun], docs: dict[str, str],
              profile_path: Path) -> None:
    """Each scored extractor's records on the seeds against the reference profile, as a corpus run checks
    them (one validation per extractor: a validation of many extractors' figures costs more than theirs)."""
    from xbench.expectations.drift import records_drift
    from xbench.expectations.profile import load_profile

    profile = load_profile(profile_path)
    for e in extractors:
        if e.ok:
            e.drift = records_drift(docs, runs[e.name].predictions, list(e.labels) or None, profile).to_dict()


def mark_ties(extractors: list[ExtractorResult], docs: dict[str, str], seed: int = 0) -> None:
    """Flip probability of each ranked row against the next, from the alignments already made."""
    from xbench.scoring.bootstrap import paired_flip

    ranked = [e for e in rank(extractors) if e.ok]
    for a, b in zip(ranked, ranked[1:]):
        assert a.report is not None and b.report is not None and a.report.alignment and b.report.alignment
        p = paired_flip(a.report.alignment, b.report.alignment, docs, seed=seed)
        a.flip_probability_vs_next = round(p, 4)
        a.tied_with_next = p > TIE_THRESHOLD


def run_track(track: Track, names: list[str], paths: Paths, measure_speed: bool = True, rounds: int = ROUNDS,
              seed: int = 0, sample: int | None = None, progress: Callable[[str, int], None] | None = None,
              timeout: float | None = None, profile: Path | None = None) -> TrackResult:
    """The extractors that apply to `track` over its documents, scored against its gold in its labels, ranked.

    Learned extractors are fitted leave-one-document-out on the track's gold, or used as packaged;
    speed is measured only on a timed track; `sample` keeps the first documents holding that many
    sentences (a track that has sentences); on the seeds, each extractor's records are checked against the
    drift `profile` (None: not checked)."""
    names = [n for n in names if track.applies(n)]
    if track.runner is not None:
        return track.runner(names, paths, seed, sample)
    corpus = track.load(paths, sample)
    fit_on = corpus.gold if track.learned == "loo" else None
    drift = profile if track.name == SEEDS else None  # the profile describes the seeds' text: no other track
    results = score_while_passing(track, names, corpus, fit_on, seed, measure_speed and track.timed, progress,
                                  timeout or RUN_TIMEOUT_S, rounds, drift)
    extractors = [results[name] for name in names]
    scored = {d: corpus.docs[d] for d in corpus.gold}
    mark_ties(extractors, scored, seed=seed)
    summary = CorpusSummary(documents=len(corpus.docs), gold_documents=len(corpus.gold),
                            chars=sum(map(len, corpus.docs.values())), gold_spans=sum(map(len, corpus.gold.values())),
                            extra=dict(corpus.info))
    return TrackResult(track.name, summary, rank(extractors), label_map=dict(track.corpus_labels), notes=track.notes,
                       extra=track.result_extra(), docs=scored)


def score_while_passing(track: Track, names: list[str], corpus: TrackCorpus, fit_on: dict[str, list[Span]] | None,
                        seed: int, timed: bool, progress: Callable[[str, int], None] | None,
                        timeout: float, rounds: int, profile: Path | None = None) -> dict[str, ExtractorResult]:
    """The scoring passes (two at a time, after the cache builds they need), each run scored (and
    checked against the drift `profile`) in a thread of this process as soon as its pass ends; then
    every run's records through the expectation suite at once; all of that before the timing rounds
    start, which then run alone."""
    from concurrent.futures import ThreadPoolExecutor

    from xbench.run.load_gate import make_gate, scoring_turn
    from xbench.run.passes import expected_costs, run_passes

    steps = cache_steps(names, corpus.docs, fit_on or {})
    chars = sum(map(len, corpus.docs.values()))
    scorer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="xbench-score")
    pending = {}
    gate = make_gate()

    def score(run: ExtractorRun) -> ExtractorResult:
        # never while an extractor's load is timed, and after any load waiting (`scoring_turn`)
        with scoring_turn(gate):
            res = scored_result(run, corpus.docs, corpus.gold, seed, checked=False)
        if profile is not None:
            with scoring_turn(gate):  # a second turn: a load that comes meanwhile goes first
                add_drift([res], {run.name: run}, corpus.docs, profile)
        return res

    def warm() -> None:
        with scoring_turn(gate):
            check_records({}, {}, outputs=True)  # imports GX, builds its context and suite, validates once

    def passed(run: ExtractorRun) -> None:
        run.predictions = {d: track.map_spans(spans) for d, spans in run.predictions.items()}
        run.labels = track.map_labels(tuple(run.labels))
        if not pending:  # GX grows this process by ~150 MB: only once every worker has started, as a
            scorer.submit(warm)  # worker starts at its parent's peak (`ExtractorProcess.start`)
        pending[run.name] = scorer.submit(score, run)

    try:
        runs, held = run_passes(names, corpus.docs, fit_on, steps, measure_speed=timed, timeout=timeout,
                                progress=progress, on_pass=passed, gate=gate,
                                costs=lambda: expected_costs(names, chars, PUBLISHED / "latest.json"))
        scored = {name: fut.result() for name, fut in pending.items()}
    except BaseException:
        scorer.shutdown(wait=False, cancel_futures=True)
        raise
    scorer.shutdown()
    if progress:
        progress("checking every extractor's records", len(runs))
    add_checks(list(scored.values()), runs, corpus.docs)
    time_runs(held, runs, corpus.docs, rounds, progress)
    return {name: with_speed(scored[name], runs[name]) for name in names}


def run_benchmark(names: list[str], paths: Paths, measure_speed: bool = True, rounds: int = ROUNDS, seed: int = 0,
                  progress: Callable[[str, int], None] | None = None, timeout: float | None = None,
                  track_names: Sequence[str] = (SEEDS,), sample: int | None = None,
                  profile: Path | None = None) -> BenchmarkResult:
    """`progress(what, done)` is told what runs and how many extractors have finished their pass."""
    results = {}
    for name in track_names:
        def told(what: str, done: int, name: str = name) -> None:
            if progress:
                progress(f"{name}: {what}", done)
        results[name] = run_track(tracks()[name], names, paths, measure_speed=measure_speed, rounds=rounds,
                                  seed=seed, sample=sample, progress=told, timeout=timeout, profile=profile)
    return BenchmarkResult(dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), seed, results)


def carry_over(result: BenchmarkResult, out: Path) -> list[str]:
    """Tracks this run left out, kept from the results already in `out` (so `--track msra` alone
    never drops the seeds board); returns their names. An unreadable earlier file keeps nothing."""
    from xbench.io import InputError
    from xbench.result import read_result

    path = out / "latest.json"
    if not path.exists():
        return []
    try:
        earlier = read_result(path)
    except InputError:
        return []
    kept = [name for name in earlier.tracks if name not in result.tracks]
    result.tracks = {**{n: earlier.tracks[n] for n in kept}, **result.tracks}
    result.tracks = dict(sorted(result.tracks.items(), key=lambda kv: kv[0] != SEEDS))
    return kept


PUBLISHED = Path("bench/results")  # a full run's results: what README, gates and compare read
RUNS = Path("bench/runs")          # each partial run's results, in a folder of its own (not tracked)
RESULT_FILES = ("latest.json", "latest.md", "report.html")


def is_full_run(names: list[str], measure_speed: bool) -> bool:
    """Every registered extractor, speed measured: only such a run may replace the published results."""
    from extractors.registry import available_extractors

    return measure_speed and set(names) >= set(available_extractors())


def run_folder(names: list[str], runs: Path = RUNS) -> Path:
    """A new folder name for a partial run: UTC time and the extractors (`20261205T073000Z-regex`)."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    tag = "-".join(names[:3]) + (f"-and-{len(names) - 3}-more" if len(names) > 3 else "")
    path, n = runs / f"{stamp}-{tag}", 1
    while path.exists():
        n += 1
        path = runs / f"{stamp}-{tag}-{n}"
    return path


def write_results(result: BenchmarkResult, out: Path, report_extractor: str | None = None,
                  published: bool = False) -> list[Path]:
    """latest.json, latest.md and report.html, written as one unit: a fresh folder swapped in for
    `out` by one rename (`xbench.folder_swap`), so a reader or a crash finds the old set or the new
    one, never a mix. The published folder keeps its other files (review pages, corpus runs)."""
    from xbench.folder_swap import write_folder
    from xbench.report.html import render

    texts = [result.dumps(), "# xbench leaderboard\n\n" + "\n".join(track_markdown(t) for t in result.tracks.values()),
             render(result, report_extractor)]
    write_folder(out, dict(zip(RESULT_FILES, texts)), keep_others=published)
    return [out / name for name in RESULT_FILES]


README_START, README_END = "<!-- leaderboard:start -->", "<!-- leaderboard:end -->"


def readme_markers(track: str) -> tuple[str, str]:
    """The seeds board keeps its historical markers; every other track has `<!-- NAME:start -->`."""
    return (README_START, README_END) if track == SEEDS else (f"<!-- {track}:start -->", f"<!-- {track}:end -->")


def update_readme(readme: Path, result: BenchmarkResult, names: Sequence[str] | None = None) -> Path:
    """Replace the README's section of each track run (`names`, default all) with this run's tables,
    where the README has that track's markers (never typed by hand)."""
    from xbench.report.leaderboard import board, corpus_line

    text = readme.read_text(encoding="utf-8")
    for name in names if names is not None else list(result.tracks):
        start, end = readme_markers(name)
        if start not in text or end not in text:
            continue
        a, b = text.index(start) + len(start), text.index(end)
        track = result.tracks[name]
        command = "xbench run --update-readme" if name == SEEDS else f"xbench run --track {name}"
        block = f"\nGenerated by `{command}` on {result.generated}: {corpus_line(track)}.\n\n{board(track)}\n"
        text = text[:a] + block + text[b:]
    atomic_write(readme, text)
    return readme
