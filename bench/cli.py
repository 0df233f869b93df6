"""`xbench`: a thin command line over bench/ and extractors/.

Exit codes (the contract): 0 success, 1 a finding (invalid gold, a regression), 2 bad usage or
unreadable input, always with a message naming the file and the reason, never a traceback.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Callable

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
    report = score(gold, pred, {d: docs[d] for d in gold if d in docs} or None, seed=args.seed)
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
    from rich.console import Console
    from rich.progress import Progress

    from bench.benchmark import Paths, run_benchmark, write_results
    from bench.leaderboard import NOTES, render
    from extractors.registry import available_extractors

    names = args.extractors or available_extractors()
    unknown = sorted(set(names) - set(available_extractors()))
    if unknown:
        raise UsageError(f"unknown extractor(s): {', '.join(unknown)}; available: {', '.join(available_extractors())}")
    console = Console(stderr=True)
    with Progress(console=console, transient=True) as bar:
        task = bar.add_task("extractors", total=len(names))

        def progress(name: str) -> None:
            bar.update(task, description=f"running {name} over {args.seeds}/", advance=0 if bar.tasks[0].completed == 0 and name == names[0] else 1)

        result = run_benchmark(names, Paths(args.seeds, args.goldens, args.out), measure_speed=not args.no_speed,
                               repeats=args.repeats, seed=args.seed, progress=progress)
        bar.update(task, completed=len(names))
    written = write_results(result, args.out)
    print(render(result["extractors"]))
    print(NOTES)
    for e in result["extractors"]:
        if e.get("error"):
            print(f"extractor {e['name']} failed: {e['error']}", file=sys.stderr)
    print("wrote " + ", ".join(str(p) for p in written))
    return EXIT_OK


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
