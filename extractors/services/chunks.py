"""Raw text cut at paragraph boundaries into chunks under a size limit, with their offsets."""
from __future__ import annotations

import re
from dataclasses import dataclass

# Where an over-long paragraph may be cut: after a sentence end, else anywhere.
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])")


@dataclass(frozen=True)
class Chunk:
    start: int  # raw offset of the chunk's first character
    text: str


def _pieces(raw: str, limit: int) -> list[str]:
    """Paragraphs (newline kept), an over-long one cut at sentence ends, a sentence over the limit cut hard."""
    out: list[str] = []
    for para in raw.splitlines(keepends=True):
        if len(para) <= limit:
            out.append(para)
            continue
        for sentence in _SENTENCE_END.split(para):
            out.extend(sentence[i:i + limit] for i in range(0, len(sentence), limit))
    return [p for p in out if p]


def chunk_text(raw: str, limit: int) -> list[Chunk]:
    """Whole paragraphs packed greedily into chunks of at most `limit` characters; together they are `raw`."""
    chunks: list[Chunk] = []
    start, buf = 0, ""
    for piece in _pieces(raw, limit):
        if buf and len(buf) + len(piece) > limit:
            chunks.append(Chunk(start, buf))
            start, buf = start + len(buf), ""
        buf += piece
    if buf:
        chunks.append(Chunk(start, buf))
    return chunks
