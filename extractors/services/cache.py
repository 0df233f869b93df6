"""Answers of a model kept on disk, keyed by model, prompt version and text hash: a rerun costs nothing.

One JSON file per answer under `<xbench cache>/responses/`, written atomically. What is kept is
what the model said (content, finish reason, refusal), its token counts and the latency it
took; never the request's headers, so never an API key.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from extractors.data_cache import write_atomic
from extractors.package_data import cache_dir


@dataclass(frozen=True)
class Answer:
    content: str | None
    finish_reason: str | None
    refusal: str | None
    input_tokens: int
    output_tokens: int
    latency_s: float


def answer_key(model: str, prompt_version: str, text: str) -> str:
    text_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return hashlib.sha256(f"{model}\n{prompt_version}\n{text_hash}".encode()).hexdigest()


class AnswerCache:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or cache_dir() / "responses"

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> Answer | None:
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            return Answer(**data["answer"])
        except (OSError, ValueError, KeyError, TypeError):  # absent or damaged: ask again
            return None

    def put(self, key: str, answer: Answer, meta: dict[str, str]) -> None:
        text = json.dumps({**meta, "answer": asdict(answer)}, ensure_ascii=False)
        write_atomic(self._path(key), [text.encode("utf-8")])
