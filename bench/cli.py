"""`xbench`: a thin command line over bench/ and extractors/.

Exit codes (the contract): 0 success, 1 a finding (invalid gold, a regression), 2 bad usage or
unreadable input, always with a message naming the file and the reason, never a traceback.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from bench.corpus import InputError

EXIT_OK, EXIT_FINDING, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    pass


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--seeds", type=Path, default=Path("seeds"), help="seed folder (default: seeds/)")
    p.add_argument("--goldens", type=Path, default=Path("goldens"), help="gold folder (default: goldens/)")
    p.add_argument("--out", type=Path, default=Path("bench/results"), help="results folder (default: bench/results/)")


def cmd_extractors(args: argparse.Namespace) -> int:
    from tabulate import tabulate

    from extractors.registry import entries, get_extractor

    rows = []
    for name, entry in sorted(entries().items()):
        try:
            ex = get_extractor(name)
            rows.append([name, ex.kind, " ".join(ex.labels), entry.source])
        except Exception as exc:  # noqa: BLE001 - list it as broken, keep listing the others
            rows.append([name, "?", f"cannot load: {type(exc).__name__}: {exc}"[:80], entry.source])
    print(tabulate(rows, headers=["name", "kind", "labels", "source"]))
    return EXIT_OK


def cmd_extract(args: argparse.Namespace) -> int:
    from bench.corpus import load_document
    from extractors.registry import UnknownExtractor, get_extractor

    try:
        ex = get_extractor(args.extractor)
    except UnknownExtractor as exc:
        raise UsageError(str(exc.args[0])) from None
    lines = []
    for f in args.files:
        doc = load_document(Path(f))
        for s in ex.extract(doc.raw):
            lines.append(json.dumps({"doc_id": doc.doc_id, **s.to_dict()}, ensure_ascii=False) + "\n")
    if args.output:
        from bench.corpus import atomic_write

        atomic_write(Path(args.output), "".join(lines))
    else:
        sys.stdout.write("".join(lines))
    return EXIT_OK


def cmd_score(args: argparse.Namespace) -> int:
    from bench.corpus import load_records, load_seeds
    from bench.scoring import score
    from bench.tables import format_report

    gold = load_records(Path(args.gold))
    pred = load_records(Path(args.pred))
    docs = {d: doc.raw for d, doc in load_seeds(args.seeds).items()} if args.seeds.is_dir() else {}
    report = score(gold, pred, {d: docs[d] for d in {*gold, *pred} if d in docs} or None, seed=args.seed)
    print(json.dumps(report.to_dict(), ensure_ascii=False, indent=1) if args.json else format_report(report))
    return EXIT_OK


def cmd_gold_validate(args: argparse.Namespace) -> int:
    from bench.validate import validate

    paths = [Path(p) for p in args.paths] or [args.goldens]
    problems = validate(paths, args.seeds, args.goldens)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s)", file=sys.stderr)
        return EXIT_FINDING
    print("gold is valid")
    return EXIT_OK


def cmd_gold_stats(args: argparse.Namespace) -> int:
    from bench.gold_stats import stats_markdown

    text = stats_markdown(args.goldens)
    if args.write:
        from bench.corpus import atomic_write

        atomic_write(args.goldens / "README.md", text)
    print(text)
    return EXIT_OK


def cmd_gold_locate(args: argparse.Namespace) -> int:
    from bench import gold_authoring

    argv = [str(args.labels), "--seeds", str(args.seeds)]
    if args.output:
        argv += ["-o", str(args.output)]
    if args.render:
        argv += ["--render", str(args.render)]
    return gold_authoring.main(argv)


def cmd_run(args: argparse.Namespace) -> int:
    from extractors.registry import available_extractors

    names = args.extractors or available_extractors()
    unknown = sorted(set(names) - set(available_extractors()))
    if unknown:
        raise UsageError(f"unknown extractor(s): {', '.join(unknown)}; available: {', '.join(available_extractors())}")
    if args.corpus:
        return _run_corpus(args, names)
    from rich.progress import Progress

    from bench.benchmark import Paths, run_benchmark, write_results
    from bench.leaderboard import NOTES, render

    with Progress(transient=True) as bar:
        task = bar.add_task("xbench run", total=len(names))

        def progress(name: str, done: int) -> None:
            bar.update(task, description=f"{name}: extracting {args.seeds}/*.txt, timing", completed=done)

        result = run_benchmark(names, Paths(args.seeds, args.goldens, args.out), measure_speed=not args.no_speed,
                               repeats=args.repeats, seed=args.seed, progress=progress,
                               report_extractor=args.report_extractor)
    written = write_results(result, args.out)
    print(render(result["extractors"]))
    print(NOTES)
    for e in result["extractors"]:
        if e.get("error"):
            print(f"extractor {e['name']} failed: {e['error']}", file=sys.stderr)
    if args.update_readme:
        from bench.benchmark import update_readme

        written.append(update_readme(Path("README.md"), result))
    print("wrote " + ", ".join(str(p) for p in written))
    return EXIT_OK


def _run_corpus(args: argparse.Namespace, names: list[str]) -> int:
    from tabulate import tabulate

    from bench.corpus import atomic_write
    from bench.corpus_run import run_corpus

    if not args.corpus.is_dir():
        raise InputError(f"{args.corpus}: no such corpus folder")
    results = []
    for name in names:
        with _spinner(f"{name}: {args.corpus} with {args.jobs} process(es)"):
            results.append(run_corpus(name, args.corpus, jobs=args.jobs))
    rows = [[r["name"], r["documents"], f"{r['chars']:,}", r["jobs"], r["wall_s"], f"{r['chars_per_sec_wall']:,.0f}",
             f"{r['chars_per_sec_extract']:,.0f}",
             f"{r['expectations']['total'] - len(r['expectations']['failed'])}/{r['expectations']['total']}",
             len(r["errors"])] for r in results]
    print(tabulate(rows, headers=["extractor", "docs", "chars", "jobs", "wall s", "chars/s (wall)",
                                  "chars/s (extract)", "expectations", "failed docs"], disable_numparse=True))
    out = args.out / "corpus.json"
    atomic_write(out, json.dumps({"corpus": str(args.corpus), "runs": results}, ensure_ascii=False, indent=1) + "\n")
    print(f"wrote {out}")
    return EXIT_OK


def cmd_compare(args: argparse.Namespace) -> int:
    from bench.compare import compare, load_result

    found = compare(load_result(Path(args.old)), load_result(Path(args.new)), margin=args.margin)
    for r in found:
        print(r)
    print(f"{len(found)} regression(s) beyond a margin of {args.margin}" if found else "no regression")
    return EXIT_FINDING if found else EXIT_OK


def cmd_train(args: argparse.Namespace) -> int:
    from bench.corpus import load_gold, load_seeds
    from extractors.crf import CRFExtractor

    docs = load_seeds(args.seeds)
    gold = load_gold(args.goldens)
    with _spinner(f"training crf on {len(gold)} reviewed gold documents"):
        model = CRFExtractor(load=False).fit([docs[d].raw for d in gold], [gold[d] for d in gold])
    print(f"wrote {model.save()}")
    return EXIT_OK


def cmd_baseline_update(args: argparse.Namespace) -> int:
    from bench.compare import load_result
    from bench.expectations import expectation_names
    from bench.gates import baseline_from, load_baseline, ratchet, write_baseline

    result = {"extractors": list(load_result(args.result).values())}
    new = baseline_from(result, expectation_names(outputs=True))
    old = load_baseline(args.baseline) if args.baseline.exists() else {"extractors": {}}
    merged, refused = ratchet(old, new, allow_drop=args.allow_drop)
    write_baseline(args.baseline, merged)
    for r in refused:
        print(f"kept the higher baseline: {r}", file=sys.stderr)
    print(f"wrote {args.baseline} ({len(merged['extractors'])} extractors)")
    return EXIT_OK


def _spinner(text: str):
    from rich.console import Console

    return Console(stderr=True).status(text)


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="xbench", description="Benchmark and validate record extraction "
                                 "from Chinese government reports.")
    sub = ap.add_subparsers(dest="command", required=True)

    p = sub.add_parser("run", help="the main job: every extractor over seeds/, scored, timed, checked")
    _common(p)
    p.add_argument("-e", "--extractor", dest="extractors", action="append", help="only this extractor (repeatable)")
    p.add_argument("--repeats", type=int, default=3, help="timed passes over the batches (default 3)")
    p.add_argument("--no-speed", action="store_true", help="skip the speed measurement")
    p.add_argument("--seed", type=int, default=0, help="random seed of the bootstrap (default 0)")
    p.add_argument("--report-extractor", help="extractor whose documents the HTML report shows (default: the top row)")
    p.add_argument("--update-readme", action="store_true", help="rewrite the leaderboard section of README.md")
    p.add_argument("--corpus", type=Path, help="unlabelled folder of .txt files: throughput and expectations only")
    p.add_argument("-j", "--jobs", type=int, default=1, help="worker processes with --corpus (default 1)")
    p.set_defaults(fn=cmd_run)

    p = sub.add_parser("extractors", help="list extractors: name, kind, labels")
    p.set_defaults(fn=cmd_extractors)

    p = sub.add_parser("extract", help="write JSONL records of one extractor over files")
    p.add_argument("-e", "--extractor", required=True)
    p.add_argument("-o", "--output")
    p.add_argument("files", nargs="+")
    p.set_defaults(fn=cmd_extract)

    p = sub.add_parser("score", help="score predictions against gold in every mode")
    _common(p)
    p.add_argument("gold")
    p.add_argument("pred")
    p.add_argument("--json", action="store_true")
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(fn=cmd_score)

    p = sub.add_parser("compare", help="compare two result files; exit 1 on a regression")
    p.add_argument("old")
    p.add_argument("new")
    p.add_argument("--margin", type=float, default=0.02, help="allowed drop of strict micro F1 (default 0.02)")
    p.set_defaults(fn=cmd_compare)

    b = sub.add_parser("baseline", help="the quality-gate baseline").add_subparsers(dest="baseline_command",
                                                                                 required=True)
    p = b.add_parser("update", help="rewrite bench/baseline.json from a result (figures only ratchet up)")
    p.add_argument("--result", type=Path, default=Path("bench/results/latest.json"))
    p.add_argument("--baseline", type=Path, default=Path("bench/baseline.json"))
    p.add_argument("--allow-drop", action="store_true", help="accept figures below the current baseline")
    p.set_defaults(fn=cmd_baseline_update)

    p = sub.add_parser("train", help="train a learned extractor on all reviewed gold")
    _common(p)
    p.add_argument("what", choices=["crf"])
    p.set_defaults(fn=cmd_train)

    g = sub.add_parser("gold", help="gold files: validate, stats, locate").add_subparsers(dest="gold_command",
                                                                                        required=True)
    p = g.add_parser("validate", help="check gold against the schema, seed hashes and expectation suite")
    _common(p)
    p.add_argument("paths", nargs="*")
    p.set_defaults(fn=cmd_gold_validate)
    p = g.add_parser("stats", help="per-label counts per gold file (Markdown)")
    _common(p)
    p.add_argument("--write", action="store_true", help="also write goldens/README.md")
    p.set_defaults(fn=cmd_gold_stats)
    p = g.add_parser("locate", help="turn hand-chosen mention strings into gold records with offsets")
    _common(p)
    p.add_argument("labels", type=Path)
    p.add_argument("-o", "--output", type=Path)
    p.add_argument("--render", type=Path)
    p.set_defaults(fn=cmd_gold_locate)
    return ap


def main(argv: list[str] | None = None, stderr: Callable[[str], None] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed the usage message
        return EXIT_USAGE if exc.code else EXIT_OK
    try:
        return args.fn(args)
    except (InputError, UsageError) as exc:
        print(f"xbench: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("xbench: interrupted; earlier results are left as they were", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
