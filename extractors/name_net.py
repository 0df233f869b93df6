"""`names-net`: a neural name model (BiLSTM-CRF) learned from MSRA's train split, run with onnxruntime.

Character CRFs on hand-made features stop near 0.87 strict F1 on MSRA (`names-lac`); a BiLSTM
reads the whole sentence, so an organisation's closing word (医院, 委员会) informs its first
character. Each character is given to the network as:

- the character and its two bigrams (left and right), embeddings learned on MSRA's train split;
- Baidu LAC's tag of its word with its place in it (`B-ORG`, `E-nr`, as `names-lac` reads them);
- the lexicon cues of `name_features.lexicon_cues` (surnames, inside or near an organisation,
  area or place word), as a multi-hot vector;
- LAC's own reading of the character in its sentence (`lac_states`: the 256 numbers of the top
  layer of LAC's pretrained BiGRU), frozen: pretrained features that MSRA's two million characters
  cannot give (a model trained without them takes no `states` input and is run without them).

The network gives emission scores per character and tag; a linear-chain CRF layer on top scores
tag transitions. Only the emission part is exported to ONNX (`data/names-net.onnx`); the CRF's
transitions live in the JSON metadata, and Viterbi decoding and the per-character marginals
(forward-backward, for span confidences) are computed here with numpy. The vocabularies are a
JSON file beside the model, and the words its lexicon cues read are in the metadata (a word list
edited since training leaves the network as it learned). Every file's sha256 is in the metadata and
checked at load, and so is a digest of the cues' words and surnames (`cues_digest`): no pickle,
nothing that runs code when loaded, no input that changed since training. `xbench train names-net`
reproduces the model from the train split (it needs the `train` extra: PyTorch, CPU build); running
it needs onnxruntime only.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from extractors.base import Hit
from extractors.crf_model import ModelFileError, meta_path
from extractors.data_cache import file_sha256
from extractors.lac_states import STATE_DIM
from extractors.names import NameModel, NamesExtractor

NET_PATH = Path(__file__).parent / "data" / "names-net.onnx"
TAGS = ("O", "B-PERSON", "I-PERSON", "B-ORG", "I-ORG", "B-LOC", "I-LOC")
PAD, UNK = 0, 1  # ids every vocabulary reserves
# char, left bigram, right bigram, LAC tag, cue ids, LAC's states (None for a model without them)
Row = tuple[int, int, int, int, tuple[int, ...], "np.ndarray | None"]


def vocab_path(path: Path) -> Path:
    return path.with_suffix(".vocab.json")


@dataclass(frozen=True)
class Vocab:
    """Ids of the inputs the network was trained on (0 padding, 1 unknown)."""

    chars: dict[str, int]
    bigrams: dict[str, int]
    lac: dict[str, int]
    cues: dict[str, int]

    @staticmethod
    def build(counts: dict[str, dict[str, int]], min_counts: dict[str, int]) -> Vocab:
        """From counts of each input in the training text: kept when seen at least min_counts times."""
        def ids(kind: str) -> dict[str, int]:
            kept = sorted((k for k, n in counts[kind].items() if n >= min_counts.get(kind, 1)),
                          key=lambda k: (-counts[kind][k], k))
            return {k: i + 2 for i, k in enumerate(kept)}
        return Vocab(ids("chars"), ids("bigrams"), ids("lac"), {k: i for i, k in enumerate(sorted(counts["cues"]))})

    def to_json(self) -> dict[str, list[str]]:
        return {kind: sorted(ids, key=ids.get) for kind, ids in self.__dict__.items()}

    @staticmethod
    def from_json(body: dict[str, list[str]]) -> Vocab:
        return Vocab(*({k: i + 2 for i, k in enumerate(body[kind])} for kind in ("chars", "bigrams", "lac")),
                     {k: i for i, k in enumerate(body["cues"])})

    def rows(self, clean: str, lac_tags: Sequence[str], cues: Sequence[Iterable[str]],
             states: np.ndarray | None = None) -> list[Row]:
        """One input row per character of the clean text (`states`: LAC's, len(clean) x 256, or None)."""
        c, b, lac = self.chars.get, self.bigrams.get, self.lac.get
        pairs = bigrams(clean)
        return [(c(ch, UNK), b(pairs[i], UNK), b(pairs[i + 1], UNK), lac(lac_tags[i], UNK),
                 tuple(self.cues[k] for k in cue if k in self.cues), None if states is None else states[i])
                for i, (ch, cue) in enumerate(zip(clean, cues))]


def bigrams(clean: str) -> list[str]:
    """The n+1 character pairs around n characters; a sentence's edges (its ends, a line break)
    pair with an edge mark, as a sentence of the training split does."""
    marks = ["\x02"] + ["\x02" if ch == "\n" else ch for ch in clean]
    after = [ch if ch != "\n" else "\x03" for ch in clean] + ["\x03"]
    return [left + right for left, right in zip(marks, after)]


def arrays(rows: Sequence[Sequence[Row]], n_cues: int) -> dict[str, np.ndarray]:
    """The network's inputs for a batch of sequences, padded to the longest (LAC's states among
    them when the rows hold them)."""
    width = max(len(r) for r in rows)
    ids = np.zeros((len(rows), width, 4), dtype=np.int64)
    cues = np.zeros((len(rows), width, n_cues), dtype=np.float32)
    with_states = rows[0][0][5] is not None if rows[0] else False
    states = np.zeros((len(rows), width, STATE_DIM if with_states else 0), dtype=np.float32)
    for k, seq in enumerate(rows):  # a sequence at a time, not a character (training builds 2M a pass)
        if not seq:
            continue
        ids[k, :len(seq)] = [r[:4] for r in seq]
        marked = [(i, c) for i, r in enumerate(seq) for c in r[4]]
        if marked:
            at, cue = zip(*marked)
            cues[k, list(at), list(cue)] = 1.0
        if with_states:
            states[k, :len(seq)] = np.stack([r[5] for r in seq])
    feed = {"chars": ids[..., 0], "left": ids[..., 1], "right": ids[..., 2], "lac": ids[..., 3], "cues": cues}
    return {**feed, "states": states} if with_states else feed


def viterbi(emissions: np.ndarray, crf: dict[str, np.ndarray]) -> list[int]:
    """The best tag path under emissions (T x K) and the CRF's start, transition and end scores."""
    score, back = crf["start"] + emissions[0], []
    for em in emissions[1:]:
        total = score[:, None] + crf["transitions"]
        back.append(total.argmax(0))
        score = total.max(0) + em
    best = [int((score + crf["end"]).argmax())]
    for ptr in reversed(back):
        best.append(int(ptr[best[-1]]))
    return best[::-1]


def logsumexp(a: np.ndarray, axis: int) -> np.ndarray:
    """scipy.special.logsumexp's result on a 7 x 7 step, ~17x faster: scipy's checks and dispatch
    cost 300 us a call, paid twice per character here (measured: 18 vs 308 us under load 5)."""
    top = a.max(axis=axis, keepdims=True)
    return np.squeeze(top, axis) + np.log(np.exp(a - top).sum(axis=axis))


def marginals(emissions: np.ndarray, crf: dict[str, np.ndarray]) -> np.ndarray:
    """P(tag k at character t | sentence), T x K, by forward-backward in log space."""
    n = len(emissions)
    alpha, beta = np.empty_like(emissions), np.empty_like(emissions)
    alpha[0] = crf["start"] + emissions[0]
    for t in range(1, n):
        alpha[t] = logsumexp(alpha[t - 1][:, None] + crf["transitions"], 0) + emissions[t]
    beta[-1] = crf["end"]
    for t in range(n - 2, -1, -1):
        beta[t] = logsumexp(crf["transitions"] + (emissions[t + 1] + beta[t + 1])[None, :], 1)
    log_z = logsumexp(alpha[-1] + crf["end"], 0)
    return np.exp(alpha + beta - log_z)


def cues_digest(words: Mapping[str, Sequence[str]]) -> str:
    """What the lexicon cues read (`name_features.lexicon_cues`): each cue's words and JioNLP's
    surname file, hashed. The network keeps the words it learned from in its metadata (`cue_words`),
    so editing a word list leaves it as trained; the digest (`cues_sha256`) finds a surname file
    changed since, or words edited in the metadata."""
    from extractors.package_data import jionlp_file

    h = hashlib.sha256(file_sha256(jionlp_file("rule/rule_pattern.py")).encode())
    for kind in sorted(words):
        h.update(repr((kind, sorted(words[kind]))).encode("utf-8"))
    return h.hexdigest()


class NetModel:
    """The trained network: BIO tags of PERSON, ORG and LOC per character, with span confidences
    (the interface of `names.NameModel`: `features`, `tag`, `confidence`, `tagger.marginal`)."""

    def __init__(self, path: Path = NET_PATH) -> None:
        try:
            self.meta = json.loads(meta_path(path).read_text(encoding="utf-8"))
            for file, key in ((path, "sha256"), (vocab_path(path), "vocab_sha256")):
                if self.meta.get(key) != file_sha256(file):
                    raise ModelFileError(f"{file}: content does not match the {key} in {meta_path(path).name}; "
                                         "run `xbench train names-net`")
            self.cue_words = {kind: tuple(words) for kind, words in self.meta["cue_words"].items()}
            if self.meta.get("cues_sha256") != cues_digest(self.cue_words):
                raise ModelFileError("what its lexicon cues read (its cue words, JioNLP's surnames) changed since "
                                     f"it was trained (cues_sha256 in {meta_path(path).name}); "
                                     "run `xbench train names-net`")
            self.vocab = Vocab.from_json(json.loads(vocab_path(path).read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ModelFileError(f"{path}: cannot read the model or its metadata ({exc}); "
                                 "run `xbench train names-net`") from None
        from extractors.baselines import one_thread_session

        self.session = one_thread_session(str(path))  # runs sit beside other runs
        self.crf = {k: np.asarray(self.meta["crf"][k], dtype=np.float64) for k in ("start", "transitions", "end")}
        self.with_states = any(i.name == "states" for i in self.session.get_inputs())
        self.sha256, self.path, self.tagger = self.meta["sha256"], path, self
        self._marginals = np.zeros((0, len(TAGS)))
        self._emissions = np.zeros((0, len(TAGS)))

    def features(self, clean: str, regex_hits: Iterable[Hit] | None = None,
                 dictionary_hits: Iterable[Hit] | None = None) -> list[Row]:
        """The network's input rows for the clean text (the helpers' hits are not read)."""
        from extractors.name_features import lac_word_tags

        return self.rows(clean, lac_word_tags(clean))

    def rows(self, clean: str, lac_tags: Sequence[str]) -> list[Row]:
        """The input rows given LAC's word tags (LAC's states computed here if the model reads them)."""
        from extractors.lac_states import lac_states
        from extractors.name_features import lexicon_cues

        states = lac_states(clean) if self.with_states else None
        return self.vocab.rows(clean, lac_tags, lexicon_cues(clean, self.cue_words), states)

    def emissions(self, rows: Sequence[Row]) -> np.ndarray:
        feed = arrays([rows], len(self.vocab.cues))
        return self.session.run(None, feed)[0][0]

    def tag(self, rows: Sequence[Row]) -> list[str]:
        """BIO tags of one sequence; its marginals are kept for `confidence` and `marginal`."""
        if not rows:
            return []
        self._emissions = self.emissions(rows).astype(np.float64)  # marginals that sum to 1 within 1e-12
        self._marginals = None
        return [TAGS[k] for k in viterbi(self._emissions, self.crf)]

    def marginals(self) -> np.ndarray:
        """P(tag k at character t) under the last tagged sequence, T x K (computed once, when asked)."""
        if self._marginals is None:
            self._marginals = marginals(self._emissions, self.crf)
        return self._marginals

    def marginal(self, tag: str, i: int) -> float:
        """P(tag at character i) under the last tagged sequence."""
        return float(self.marginals()[i, TAGS.index(tag)])

    confidence = NameModel.confidence  # the lowest marginal of the span's tags (its `tagger` is itself)


@lru_cache(maxsize=1)
def net_model(path: Path = NET_PATH) -> NetModel:
    return NetModel(path)


class NamesNetExtractor(NamesExtractor):
    """`names-net`: the MSRA-trained BiLSTM-CRF alone (PERSON, ORG, LOC; a place the gazetteer
    knows as an administrative area is GPE)."""

    name = "names-net"
    model_path = NET_PATH
    load_model = staticmethod(net_model)
