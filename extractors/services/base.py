"""What the configured kinds share: ask per chunk (concurrently), count failures, align, keep stats."""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from extractors.align import FUZZY_MIN_SCORE, Alignment, Mention, align
from extractors.schema import Span
from extractors.services.answers import AnswerError
from extractors.services.chunks import Chunk, chunk_text
from extractors.services.config import ServiceConfig
from extractors.services.stats import ServiceStats
from extractors.windows import WINDOW_CHARS


@dataclass
class Reply:
    mentions: list[Mention] = field(default_factory=list)
    latency_s: float = 0.0
    failure: str | None = None  # the reason no records came back
    input_tokens: int = 0
    output_tokens: int = 0
    cached: bool = False


class ServiceExtractor:
    """A configured extractor; subclasses implement `ask(text) -> Reply` (raising AnswerError is a
    counted failure). The text goes out in paragraph-bounded chunks of at most `max_chunk_chars`
    (default `chunk_chars`): a long line is never sent whole, as no built-in is handed more than a window."""

    chunk_chars = WINDOW_CHARS  # a seed document goes out whole

    def __init__(self, config: ServiceConfig) -> None:
        self.config = config
        self.name, self.kind, self.labels = config.name, config.board_kind, config.labels
        self.fuzzy_min = float(config.options.get("fuzzy_min", FUZZY_MIN_SCORE))
        self.stats = ServiceStats(config.concurrency, config.options.get("price_per_1k_input"),
                                  config.options.get("price_per_1k_output"))

    def chunks(self, raw: str) -> list[Chunk]:
        return chunk_text(raw, int(self.config.options.get("max_chunk_chars", self.chunk_chars)))

    def ask(self, text: str) -> Reply:
        raise NotImplementedError

    def _ask_counted(self, chunk: Chunk) -> Reply:
        t0 = time.perf_counter()
        try:
            return self.ask(chunk.text)
        except AnswerError as exc:
            return Reply(latency_s=time.perf_counter() - t0, failure=exc.reason)

    def extract(self, raw: str) -> list[Span]:
        chunks = self.chunks(raw)
        with ThreadPoolExecutor(max_workers=self.config.concurrency) as pool:
            replies = list(pool.map(self._ask_counted, chunks))
        doc = Alignment()
        for chunk, reply in zip(chunks, replies):
            self._count(reply)
            doc.merge(align(chunk.text, reply.mentions, self.fuzzy_min).shifted(chunk.start, raw))
        self.stats.alignment.merge(doc)
        self.stats.add_document(len(raw), [r.latency_s for r in replies])
        return doc.spans

    def _count(self, reply: Reply) -> None:
        s = self.stats
        s.requests += 1
        s.cached += reply.cached
        s.input_tokens += reply.input_tokens
        s.output_tokens += reply.output_tokens
        if reply.failure:
            s.failures[reply.failure] += 1

    def service_stats(self) -> dict:
        return self.stats.to_dict()
