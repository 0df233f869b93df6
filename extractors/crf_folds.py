"""The CRF's leave-one-document-out fold models: shipped with the package, else cached, else trained.

A fold model is a deterministic function of its training documents, their gold, the feature code
and the training settings: `crf._training_key` hashes all of them. `xbench train folds` writes the
folds of the reviewed seeds (crf's and the hybrids' stacked CRF's, one per held-out document) into
`extractors/data/crf-folds/`, each named by its key, with metadata recording the full key and the
sha256 of every document it was trained on, so a cold `xbench run` trains none. A fold is used only
for the key it records (checked at load, with the model file's sha256), so a model is never used for
a document it saw. A key no shipped file has (new gold, changed features) is trained once into
the cache folder.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from extractors import crf_model
from extractors.package_data import cache_dir
from extractors.schema import Span

SHIPPED = Path(__file__).parent / "data" / "crf-folds"
KEY_CHARS = 24  # of the key in a fold's file name; the metadata holds all of it


def cached_dir() -> Path:
    return cache_dir() / "crf-folds"


def fold_file(folder: Path, key: str) -> Path:
    return folder / f"{key[:KEY_CHARS]}.crfsuite"


def document_sha256(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def loo_sets(docs: dict[str, str], gold: dict[str, list[Span]]) -> Iterator[tuple[str, list[str], list[list[Span]]]]:
    """(held-out document, training texts, their gold) of each leave-one-out fold, in document order:
    the gold documents other than the held-out one (a document without gold is held out from nothing)."""
    for held_out in docs:
        train = [d for d in gold if d != held_out]
        if train:
            yield held_out, [docs[d] for d in train], [gold[d] for d in train]


def shipped_or_cached(key: str) -> Path | None:
    """The file of the fold with this key, shipped first, then cached, when its metadata records the key."""
    import json

    for folder in (SHIPPED, cached_dir()):
        path = fold_file(folder, key)
        try:
            meta = json.loads(crf_model.meta_path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(meta, dict) and meta.get("training_key") == key and path.exists():
            return path
    return None


def load(key: str) -> crf_model.CRFModel | None:
    """The fold model with this key (its sha256 checked), or None when none is shipped or cached."""
    path = shipped_or_cached(key)
    if path is None:
        return None
    try:
        return crf_model.load(path)
    except crf_model.ModelFileError:  # changed on disk: trained again into the cache
        return None


def metadata(key: str, raws: list[str]) -> dict[str, object]:
    """What a fold records of its inputs: the key it answers to and every training document's sha256."""
    return {"training_key": key, "documents_sha256": [document_sha256(r) for r in raws]}
