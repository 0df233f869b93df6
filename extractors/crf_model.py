"""CRF models on disk as crfsuite's own model file plus JSON metadata: no pickle, nothing that
can run code when loaded. The metadata holds the model file's sha256, checked at every load, so
a changed or planted file is refused rather than used.

Training writes straight to a path of ours (sklearn-crfsuite would leave `model*.crfsuite`
files in $TMPDIR), and the same data gives the same bytes: `xbench train crf` on unchanged gold
leaves the packaged model untouched.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractors.data_cache import file_sha256, write_atomic

ALGORITHM = "lbfgs"


class ModelFileError(Exception):
    """A model file that is missing, or whose content does not match its metadata."""


@dataclass
class CRFModel:
    tagger: Any  # pycrfsuite.Tagger (imported when a model is loaded: listing extractors loads none)
    path: Path
    meta: dict[str, Any]

    def predict(self, xs: list[list[list[bytes | str]]]) -> list[list[str]]:
        return [self.tagger.tag(x) for x in xs]


def meta_path(path: Path) -> Path:
    return path.with_suffix(".json")


def train(xs: list[list[list[bytes | str]]], ys: list[list[str]], params: dict[str, Any], path: Path,
          meta: dict[str, Any]) -> CRFModel:
    """Train and write `path` (crfsuite) and its `.json` metadata, each replaced atomically."""
    import pycrfsuite

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        trainer = pycrfsuite.Trainer(algorithm=ALGORITHM, verbose=False)
        trainer.set_params(params)
        for x, y in zip(xs, ys):
            trainer.append(x, y)
        trainer.train(str(tmp))
        tmp.replace(path)  # model first: a reader that finds new metadata with the old model refuses it
        write_metadata(path, {**meta, "params": params})
    finally:
        tmp.unlink(missing_ok=True)
    return load(path)


def load(path: Path) -> CRFModel:
    """The model at `path`, after checking its sha256 against the metadata."""
    try:
        meta = json.loads(meta_path(path).read_text(encoding="utf-8"))
        digest = file_sha256(path)
    except (OSError, ValueError) as exc:
        raise ModelFileError(f"{path}: cannot read the model or its metadata ({exc})") from None
    if not isinstance(meta, dict) or meta.get("sha256") != digest:
        raise ModelFileError(f"{path}: content does not match the sha256 in {meta_path(path).name}")
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return CRFModel(tagger, path, meta)


def declared_sha256(path: Path) -> str:
    """The sha256 a model's metadata declares for it (what `load` checks the file against), without
    reading the model; a missing or unreadable metadata file raises ModelFileError."""
    try:
        meta = json.loads(meta_path(path).read_text(encoding="utf-8"))
        return str(meta["sha256"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelFileError(f"{meta_path(path)}: no model metadata ({exc})") from None


def write_metadata(path: Path, meta: dict[str, Any], algorithm: str = ALGORITHM) -> None:
    """The metadata of a model file, with its sha256 (`train` here, and `extractors.names`, which streams its data)."""
    body = {**meta, "format": "crfsuite", "algorithm": algorithm, "sha256": file_sha256(path)}
    text = json.dumps(body, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    write_atomic(meta_path(path), [text.encode("utf-8")])
