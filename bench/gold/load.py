"""Seeds and gold loaded into typed records: the documents, the manifest and the gold spans."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from xbench.io import InputError, read_text
from xbench.records import load_spans

from extractors.schema import SCHEMA_VERSION, Span

MANIFEST = "manifest.json"
# A seed's stem and so a doc_id: letters, digits, `_`, `-`, `.` inside; never a path (`/`, `..`), a
# hidden name, a control character or a lone surrogate, so `<folder>/<doc_id>.jsonl` stays in its folder.
DOC_ID_RE = re.compile(r"[^\W_][\w.-]{0,199}")
STATUSES = ("reviewed", "draft")


@dataclass(frozen=True)
class Document:
    doc_id: str
    path: Path
    raw: str

    @property
    def sha256(self) -> str:
        return sha256_text(self.raw)


def doc_id_problem(doc_id: str) -> str | None:
    """Why `doc_id` is not a plain stem (the rule for seed file names), or None."""
    if DOC_ID_RE.fullmatch(doc_id) and not doc_id.endswith("."):
        return None
    return ("is not a plain file stem: a letter or digit, then letters, digits, `_`, `-` or `.` "
            "(no path separators, at most 200 characters)")


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


def load_gold(goldens_dir: Path, status: str = "reviewed") -> dict[str, list[Span]]:
    """Gold spans of every seed whose manifest status is `status` (drafts are never scored)."""
    manifest = load_manifest(goldens_dir)
    out = {}
    for doc_id, entry in sorted(manifest.entries.items()):
        path = goldens_dir / f"{doc_id}.jsonl"
        if entry.status == status and path.exists():
            out[doc_id] = load_spans(path).get(doc_id, [])
    return out


