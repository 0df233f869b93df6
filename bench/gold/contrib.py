"""The contributor workflow: a new seed is drafted by an extractor, corrected by a person, then promoted.

`draft` copies the seed into seeds/, writes the extractor's records as goldens/<stem>.jsonl and
adds a manifest entry with status `draft`; `xbench.gold.load.load_gold` only takes `reviewed`
entries, so a draft is never scored as gold. `promote` flips the status after the file passes
`xbench.gold.validate`. `export_gold`/`import_gold` move gold to and from the annotation tools
(`xbench.gold.formats`); an import that changes reviewed gold puts it back to `draft`.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from xbench.gold.formats import LabelledDoc, export_docs, import_docs
from xbench.gold.load import MANIFEST, Manifest, ManifestEntry, doc_id_problem, load_manifest, sha256_text
from xbench.gold.validate import Problem, gold_files, validate
from xbench.io import InputError, atomic_write, read_text, replace_all, unwritable_char
from xbench.records import load_spans, spans_text, write_spans

from extractors.schema import SCHEMA_VERSION, Span

DRAFT_ANNOTATOR = "draft by {name}, to be corrected by a person"
_DRAFT_PREFIX = DRAFT_ANNOTATOR.split("{")[0]


def doc_id_of(seed: str | Path) -> str:
    """`seeds/005_x.txt`, `goldens/005_x.jsonl` or `005_x` -> `005_x`."""
    p = Path(seed)
    return p.stem if p.suffix in (".txt", ".jsonl") else p.name


def _copy_seed(seed: Path, seeds_dir: Path) -> tuple[Path, bool]:
    """The seed inside seeds_dir (copied byte for byte when it is not there yet), and whether it was copied."""
    target = seeds_dir / seed.name
    if target.exists():
        if target.read_bytes() != seed.read_bytes():
            raise InputError(f"{target} already exists and differs from {seed}; rename the new seed")
        return target, False
    tmp = target.with_name(f".{target.name}.tmp")
    seeds_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(seed, tmp)
    os.replace(tmp, target)  # atomic: seeds/ never holds half a file
    return target, True


def _write_manifest(goldens_dir: Path, manifest: Manifest) -> None:
    atomic_write(goldens_dir / MANIFEST, manifest.to_json())


@dataclass(frozen=True)
class Drafted:
    doc_id: str
    seed: Path
    gold: Path
    records: int
    copied: bool


def draft(seed: Path, extractor: str, seeds_dir: Path, goldens_dir: Path, force: bool = False) -> Drafted:
    """Pre-annotate `seed` with `extractor`: goldens/<stem>.jsonl plus a `draft` manifest entry."""
    from extractors.registry import UnknownExtractor, get_extractor

    if seed.suffix != ".txt":
        raise InputError(f"{seed}: a seed is a UTF-8 .txt file")
    raw = read_text(seed)  # InputError names the file when missing or not UTF-8
    doc_id = seed.stem
    problem = doc_id_problem(doc_id)
    if problem:
        raise InputError(f"{seed}: the name {doc_id!r} {problem}")
    manifest = load_manifest(goldens_dir)
    gold = goldens_dir / f"{doc_id}.jsonl"
    if gold.exists() and not force:
        # A person's corrections (or reviewed gold) are never lost to a re-run.
        entry = manifest.entries.get(doc_id)
        status = f"{entry.status} gold" if entry else "a gold file not in the manifest"
        raise InputError(f"{gold} already exists ({status}); pass --force to replace it with a new draft")
    try:
        ex = get_extractor(extractor)
        found = ex.extract(raw)
    except UnknownExtractor as exc:
        raise InputError(str(exc.args[0])) from None
    except Exception as exc:  # a broken (third-party) extractor is reported, not a traceback
        raise InputError(f"{seed}: extractor {extractor!r} failed: {type(exc).__name__}: {exc}") from None
    target, copied = _copy_seed(seed, seeds_dir)
    # Scores are the extractor's confidence, not part of a gold record.
    spans = [Span(s.start, s.end, s.label, s.text, s.value) for s in found]
    write_spans(gold, spans)
    manifest.entries[doc_id] = ManifestEntry(seed=target.name, sha256=sha256_text(raw), status="draft",
                                             guideline_version=SCHEMA_VERSION,
                                             annotator=DRAFT_ANNOTATOR.format(name=extractor),
                                             note=f"pre-annotated by the {extractor} extractor")
    _write_manifest(goldens_dir, manifest)
    return Drafted(doc_id, target, gold, len(spans), copied)


def withdraw(doc_id: str, seeds_dir: Path, goldens_dir: Path, keep_seed: bool = False) -> list[Path]:
    """Take back a draft: its manifest entry, its gold file and (unless `keep_seed`) its seed go.
    Reviewed gold is never withdrawn this way. Returns the files removed."""
    manifest = load_manifest(goldens_dir)
    entry = manifest.entries.get(doc_id)
    if entry is None:
        raise InputError(f"{goldens_dir / MANIFEST}: no entry for {doc_id}")
    if entry.status != "draft":
        raise InputError(f"{doc_id} is {entry.status} gold, not a draft; reviewed gold is removed by a pull request")
    del manifest.entries[doc_id]
    _write_manifest(goldens_dir, manifest)  # first: a file left behind is then no longer a draft anyone scores
    removed = [goldens_dir / f"{doc_id}.jsonl"] + ([] if keep_seed else [seeds_dir / entry.seed])
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


@dataclass(frozen=True)
class Promoted:
    doc_id: str
    problems: list[Problem]
    already: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


def promote(doc_id: str, seeds_dir: Path, goldens_dir: Path, annotator: str | None = None) -> Promoted:
    """Mark a corrected draft `reviewed` if it passes validation; the problems otherwise (nothing changes)."""
    manifest = load_manifest(goldens_dir)
    entry = manifest.entries.get(doc_id)
    if entry is None:
        raise InputError(f"{goldens_dir / MANIFEST}: no entry for {doc_id}; start with `xbench gold draft`")
    gold = goldens_dir / f"{doc_id}.jsonl"
    if not gold.exists():
        raise InputError(f"{gold}: no such gold file")
    who = annotator or entry.annotator
    if not who or who.startswith(_DRAFT_PREFIX):
        # Reviewed gold names the person who checked it, not the extractor that drafted it.
        raise InputError(f"{goldens_dir / MANIFEST}: {doc_id} still names its drafting extractor as annotator; "
                         "say who corrected it with --annotator NAME")
    problems = validate([gold], seeds_dir, goldens_dir)
    if problems:
        return Promoted(doc_id, problems)
    already = entry.status == "reviewed" and entry.annotator == who
    entry.status, entry.annotator = "reviewed", who
    if not already:
        _write_manifest(goldens_dir, manifest)
    return Promoted(doc_id, [], already)


# --- export / import ------------------------------------------------------------------------


def load_labelled(paths: list[Path], seeds_dir: Path) -> list[LabelledDoc]:
    """Gold (or `xbench extract` output) files and folders as documents with their seed text."""
    docs: dict[str, LabelledDoc] = {}
    for path in gold_files(paths):
        by_doc = load_spans(path) or {path.stem: []}  # an empty draft is still a document to label
        for doc_id, spans in by_doc.items():
            seed = seeds_dir / f"{doc_id}.txt"
            if not seed.exists():
                raise InputError(f"{path}: no seed {seed} for {doc_id}")
            if doc_id in docs:
                raise InputError(f"{path}: {doc_id} appears in more than one input")
            docs[doc_id] = LabelledDoc(doc_id, read_text(seed), list(spans))
    return list(docs.values())


def export_gold(paths: list[Path], seeds_dir: Path, fmt: str, out: Path) -> int:
    docs = load_labelled(paths, seeds_dir)
    atomic_write(out, export_docs(docs, fmt))
    return len(docs)


def _records(spans: list[Span]) -> list[dict]:
    return [s.to_dict() for s in sorted(spans)]


def import_gold(path: Path, fmt: str, out_dir: Path, seeds_dir: Path, offsets: str = "auto",
                note: Callable[[str], None] = print) -> list[Path]:
    """Write <out_dir>/<doc_id>.jsonl per imported document; returns the files written.

    All or nothing: every document is checked first (plain doc_id, seed text, writable text),
    then the files and the manifest are replaced as one unit. When out_dir holds a manifest,
    reviewed gold the import changes goes back to `draft`: it is scored again only after `promote`.
    """
    docs = import_docs(path, fmt, offsets, warn=note)
    _check_imported(path, docs, seeds_dir, note)
    manifest = load_manifest(out_dir) if (out_dir / MANIFEST).exists() else None
    files: list[tuple[Path, str]] = []
    demoted = False
    for doc in docs:
        target = out_dir / f"{doc.doc_id}.jsonl"
        entry = manifest.entries.get(doc.doc_id) if manifest else None
        if manifest is not None and entry is None:
            note(f"{out_dir / MANIFEST}: no entry for {doc.doc_id}; `xbench gold draft` adds one")
        if entry is not None and entry.status == "reviewed" and \
                (not target.exists() or _records(load_spans(target).get(doc.doc_id, [])) != _records(doc.spans)):
            entry.status, demoted = "draft", True
            note(f"{target}: reviewed gold changed by the import; status set back to draft (promote it again)")
        files.append((target, spans_text(doc.spans)))
    if manifest is not None and demoted:
        # the manifest goes first: should the writes stop half way, changed gold is already a draft
        files.insert(0, (out_dir / MANIFEST, manifest.to_json()))
    replace_all(files)
    return [p for p, _ in files if p.name != MANIFEST]


def _check_imported(path: Path, docs: list[LabelledDoc], seeds_dir: Path, note: Callable[[str], None]) -> None:
    """Refuse the whole import on any bad document, before anything is written."""
    seen: set[str] = set()
    for doc in docs:
        problem = doc_id_problem(doc.doc_id)
        if problem:
            raise InputError(f"{path}: doc_id {doc.doc_id!r} {problem}")
        if doc.doc_id in seen:
            raise InputError(f"{path}: {doc.doc_id} appears twice")
        seen.add(doc.doc_id)
        bad = unwritable_char(doc.text)
        if bad is not None:
            raise InputError(f"{path}: the text of {doc.doc_id} holds {bad}, which UTF-8 cannot store")
        seed = seeds_dir / f"{doc.doc_id}.txt"
        if seed.exists() and read_text(seed) != doc.text:
            raise InputError(f"{path}: the text of {doc.doc_id} differs from {seed} (was it edited in the tool?)")
        if not seed.exists():
            note(f"{path}: no seed {seed} for {doc.doc_id}; `xbench gold validate` will need it")
