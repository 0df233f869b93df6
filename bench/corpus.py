"""Seeds and gold loaded into typed records: the documents, the manifest and the gold spans."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractors.schema import LABELS, SCHEMA_VERSION, Span

MANIFEST = "manifest.json"
STATUSES = ("reviewed", "draft")


class InputError(Exception):
    """Unreadable or malformed input; the message names the file (and line) and the reason."""


@dataclass(frozen=True)
class Document:
    doc_id: str
    path: Path
    raw: str

    @property
    def sha256(self) -> str:
        return sha256_text(self.raw)


def sha256_text(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@dataclass
class ManifestEntry:
    seed: str
    sha256: str
    status: str = "reviewed"
    guideline_version: str = SCHEMA_VERSION
    annotator: str = ""
    note: str = ""

    @property
    def doc_id(self) -> str:
        return Path(self.seed).stem


@dataclass
class Manifest:
    entries: dict[str, ManifestEntry] = field(default_factory=dict)
    schema_version: str = SCHEMA_VERSION

    def reviewed(self) -> list[str]:
        return sorted(d for d, e in self.entries.items() if e.status == "reviewed")

    def to_json(self) -> str:
        body = {"schema_version": self.schema_version,
                "seeds": [vars(e) for _, e in sorted(self.entries.items())]}
        return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def read_text(path: Path) -> str:
    """UTF-8 exactly as stored: no newline translation, so offsets index the bytes' code points."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"{path}:{line}: not UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r})") from None


def load_document(path: Path) -> Document:
    return Document(doc_id=path.stem, path=path, raw=read_text(path))


def load_seeds(seeds_dir: Path) -> dict[str, Document]:
    if not seeds_dir.is_dir():
        raise InputError(f"{seeds_dir}: no such seeds folder")
    return {p.stem: load_document(p) for p in sorted(seeds_dir.glob("*.txt"))}


def load_manifest(goldens_dir: Path) -> Manifest:
    path = goldens_dir / MANIFEST
    if not path.exists():
        return Manifest()
    try:
        body = json.loads(read_text(path))
        entries = {}
        for i, e in enumerate(body["seeds"]):
            entry = ManifestEntry(**e)
            if entry.status not in STATUSES:
                raise InputError(f"{path}: seed #{i + 1} has status {entry.status!r}, not one of {STATUSES}")
            entries[entry.doc_id] = entry
        return Manifest(entries=entries, schema_version=body.get("schema_version", SCHEMA_VERSION))
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise InputError(f"{path}: not a valid manifest ({exc})") from None


def numbered_lines(text: str) -> Iterator[tuple[int, str]]:
    """JSONL lines split on "\n" only: str.splitlines() would also split inside values holding U+0085 or U+2028."""
    for lineno, line in enumerate(text.split("\n"), 1):
        yield lineno, line.removesuffix("\r")


def iter_jsonl(path: Path) -> Iterator[tuple[int, Any]]:
    """(line number, parsed object) for each non-blank line; InputError names the bad line."""
    for lineno, line in numbered_lines(read_text(path)):
        if not line.strip():
            continue
        try:
            yield lineno, json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{lineno}: not valid JSON ({exc.msg})") from None


def record_problem(obj: Any, required: tuple[str, ...] = ("start", "end", "label", "text")) -> str | None:
    """Why a parsed JSONL line is not a record (fields and types), or None: the one such check."""
    if not isinstance(obj, dict):
        return "a record must be a JSON object"
    missing = [k for k in required if k not in obj]
    if missing:
        return f"missing field(s): {', '.join(missing)}"
    if any(not isinstance(obj[k], int) or isinstance(obj[k], bool) for k in ("start", "end")):
        return "start and end must be integers"
    if not isinstance(obj["text"], str) or not isinstance(obj["label"], str):
        return "label and text must be strings"
    if obj["label"] not in LABELS:
        return f"unknown label {obj['label']!r}"
    return None


def span_from_dict(obj: Any, where: str) -> Span:
    problem = record_problem(obj)
    if problem:
        raise InputError(f"{where}: {problem}")
    return Span(obj["start"], obj["end"], obj["label"], obj["text"], obj.get("value"), obj.get("score"))


def load_spans(path: Path) -> dict[str, list[Span]]:
    """Records of a JSONL file by doc_id (gold files take the doc_id from the file name)."""
    out: dict[str, list[Span]] = {}
    for lineno, obj in iter_jsonl(path):
        span = span_from_dict(obj, f"{path}:{lineno}")
        doc_id = obj.get("doc_id", path.stem) if isinstance(obj, dict) else path.stem
        out.setdefault(str(doc_id), []).append(span)
    for spans in out.values():
        spans.sort()
    return out


def load_records(path: Path) -> dict[str, list[Span]]:
    """A JSONL file, or a folder of `<doc_id>.jsonl` files, as spans by doc_id."""
    if path.is_dir():
        out: dict[str, list[Span]] = {}
        for p in sorted(path.glob("*.jsonl")):
            for doc_id, spans in load_spans(p).items():
                out.setdefault(doc_id, []).extend(spans)
        return out
    if not path.exists():
        raise InputError(f"{path}: no such file")
    return load_spans(path)


def load_gold(goldens_dir: Path, status: str = "reviewed") -> dict[str, list[Span]]:
    """Gold spans of every seed whose manifest status is `status` (drafts are never scored)."""
    manifest = load_manifest(goldens_dir)
    out = {}
    for doc_id, entry in sorted(manifest.entries.items()):
        path = goldens_dir / f"{doc_id}.jsonl"
        if entry.status == status and path.exists():
            out[doc_id] = load_spans(path).get(doc_id, [])
    return out


def write_spans(path: Path, spans: list[Span], doc_id: str | None = None) -> None:
    """Write records atomically: a reader never sees a half-written file."""
    lines = []
    for s in sorted(spans):
        d = s.to_dict()
        if doc_id is not None:
            d = {"doc_id": doc_id, **d}
        lines.append(json.dumps(d, ensure_ascii=False) + "\n")
    atomic_write(path, "".join(lines))


def atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
