"""`crf`: a character-level CRF (python-crfsuite) over normalised text, BIO tags for all nine labels.

Features of each character: itself and its neighbours, script and digit classes, its position
in jieba's dictionary segmentation (`segmenter`), and the labels the `regex` and `dictionary`
extractors give it. Values of numeric and date spans come from `extractors.values`, the same
normaliser the regex extractor uses; names take the clean text.

The packaged model (`extractors/data/crf.crfsuite`, crfsuite's own format, with its metadata and
sha256 in `crf.json`; see `extractors.crf_model`) is trained by `xbench train crf` on all reviewed
gold. The benchmark never scores that model on the gold: it calls `fit` leave-one-document-out.
`StackedCRF`, the hybrids' CRF, adds the MSRA name model's reading of each character
(`extractors.stacking`) and is packaged as `data/crf-names.crfsuite`.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from extractors import crf_folds, crf_model, lexicon
from extractors.base import CleanTextExtractor, Hit
from extractors.code_text import without_prose
from extractors.names import MODEL_PATH as NAME_MODEL_PATH
from extractors.names import name_model
from extractors.normalise import normalise
from extractors.schema import LABELS, Span
from extractors.values import span_value
from extractors.windows import NO_EVIDENCE, Evidence, merge_evidence

if TYPE_CHECKING:
    from extractors.proposals import Proposals

MODEL_PATH = Path(__file__).parent / "data" / "crf.crfsuite"
# names lose stray spaces and brackets (`base.trim_name`); a title keeps its quotation marks
TRIMMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC"})
MAX_SEQ = 160  # characters per CRF sequence: lines are cut after 。；! ? when longer
# crfsuite's parameter names (the algorithm is crf_model.ALGORITHM, L-BFGS)
TRAINING = {"c1": 0.05, "c2": 0.05, "max_iterations": 80, "feature.possible_transitions": True}


def _char_class(ch: str) -> str:
    if ch.isdigit():
        return "D"
    if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf":
        return "H"
    if ch.isascii() and ch.isalpha():
        return "L"
    if ch.isspace():
        return "S"
    return "P"


def sequences(clean: str) -> list[tuple[int, int]]:
    """(start, end) windows over the clean text: lines, cut after sentence punctuation when long."""
    out = []
    for m in re.finditer(r"[^\n]+", clean):
        start = m.start()
        for cut in re.finditer(r"[。；;！!？?]", m.group()):
            end = m.start() + cut.end()
            if end - start >= MAX_SEQ:
                out.append((start, end))
                start = end
        if start < m.end():
            out.append((start, m.end()))
    return out


@lru_cache(maxsize=1)
def _helpers():
    from extractors.dictionary import DictionaryExtractor
    from extractors.rules import RegexExtractor

    return RegexExtractor(), DictionaryExtractor()


def helper_evidence(clean: str) -> Evidence:
    """The document-wide evidence of the helper extractors whose labels are features (regex, dictionary)."""
    regex, dictionary = _helpers()
    return merge_evidence([regex.evidence(clean), dictionary.evidence(clean)])


def helper_hits(clean: str, evidence: Evidence) -> tuple[list[Hit], list[Hit]]:
    """The regex's and the dictionary's hits on `clean`, given the document's evidence."""
    regex, dictionary = _helpers()
    return list(regex.find_in(clean, evidence)), list(dictionary.find_in(clean, evidence))


class ReadsHelpers:
    """An extractor that reads the regex's and the dictionary's hits (as features or proposals):
    their document-wide evidence is its own."""

    def evidence(self, clean: str) -> Evidence:
        return helper_evidence(clean)


def _load_feature_sources() -> None:
    """Pay now what the features load lazily: the helper extractors and the word segmenter's
    dictionary, so that `get_extractor` pays the whole loading cost and the first document none."""
    _helpers()
    segmenter()


def _hit_tags(hits: Iterable[Hit], n: int) -> list[bytes]:
    tags = [b"O"] * n
    for h in hits:
        for i in range(h.start, min(h.end, n)):
            tags[i] = ("B-" if i == h.start else "I-").encode() + h.label.encode()
    return tags


@lru_cache(maxsize=1)
def segmenter() -> Callable[[str, bool], list[str]]:
    """jieba's segmentation (its dictionary, its algorithm) as rjieba computes it: jieba-rs, a port
    of jieba that ships jieba's dictionary, gives the same words ~14x faster (the same words on the
    seeds and all of MSRA, 2.4M characters; `tests/test_segmenter.py` guards it). Its
    `cut(text, hmm)` returns the list of words."""
    import rjieba

    return rjieba.cut


def _word_tags(clean: str) -> list[bytes]:
    tags = []
    for w in segmenter()(clean, False):  # boundaries from the dictionary; the HMM for unknown words costs 2x
        tags += [b"S"] if len(w) == 1 else [b"B"] + [b"M"] * (len(w) - 2) + [b"E"]
    return tags


# A crfsuite attribute string: `features` gives UTF-8 bytes; the name models' further groups give str
# (pycrfsuite takes both; for str it encodes to the same bytes)
Attribute = bytes | str

# The names of `features`' templates, in the order each character's attribute strings come in
TEMPLATES = ("b", "c", "c-1", "c+1", "c-2", "c+2", "c-1c", "cc+1", "c-2c-1", "c+1c+2", "k", "k-1", "k+1",
             "w", "wc", "rx", "dc", "rxdc", "dc-1", "dc+1")


def features(clean: str, regex_hits: Iterable[Hit] | None = None,
             dictionary_hits: Iterable[Hit] | None = None) -> list[list[bytes]]:
    """The features of each clean character as crfsuite attribute strings (`name:value`, what
    crfsuite makes of a dict anyway, built directly: twice as fast to tag), in UTF-8: pycrfsuite
    encodes each str it is given, which took a third of a tagger's time, and bytes also join faster
    than CJK str. Pass the helpers' hits when they are already known."""
    regex, dictionary = _helpers()
    n = len(clean)
    rx = _hit_tags(regex.find(clean) if regex_hits is None else regex_hits, n)
    dc = _hit_tags(dictionary.find(clean) if dictionary_hits is None else dictionary_hits, n)
    wd = _word_tags(clean)
    # padded copies, so neighbours need no bounds checks (this is the CRF's hot path); each distinct
    # character encoded and classed once, each pair of neighbours joined once
    coded = {ch: ch.encode() for ch in set(clean)}
    classes = {ch: _char_class(ch).encode() for ch in coded}
    cs = [b"<s>", b"<s>", *map(coded.__getitem__, clean), b"</s>", b"</s>"]
    pairs = [a + b for a, b in zip(cs, cs[1:])]  # pairs[j] = cs[j] + cs[j + 1]
    cls = [b"^", *map(classes.__getitem__, clean), b"$"]
    dcp = [b"^", *dc, b"$"]
    return [[b"b", b"c:" + c, b"c-1:" + p1, b"c+1:" + n1, b"c-2:" + p2, b"c+2:" + n2,
             b"c-1c:" + p1c, b"cc+1:" + cn1, b"c-2c-1:" + p2p1, b"c+1c+2:" + n1n2,
             b"k:" + k, b"k-1:" + k1, b"k+1:" + k2,
             b"w:" + w, b"wc:" + w + c, b"rx:" + r, b"dc:" + d, b"rxdc:" + r + b"|" + d,
             b"dc-1:" + d1, b"dc+1:" + d2]
            for p2, p1, c, n1, n2, p2p1, p1c, cn1, n1n2, k1, k, k2, w, r, d, d1, d2
            in zip(cs, cs[1:], cs[2:], cs[3:], cs[4:], pairs, pairs[1:], pairs[2:], pairs[3:],
                   cls, cls[1:], cls[2:], wd, rx, dc, dcp, dcp[2:])]


def bio(n: int, spans: Iterable[tuple[int, int, str]]) -> list[str]:
    tags = ["O"] * n
    for s, e, label in spans:
        for i in range(s, e):
            tags[i] = ("B-" if i == s else "I-") + label
    return tags


def decode(tags: list[str], offset: int = 0) -> list[tuple[int, int, str]]:
    """BIO tags -> (start, end, label); an I- after a different label starts a new span."""
    out, start, label = [], None, None
    for i, t in enumerate(tags + ["O"]):
        if t == "O" and start is None:  # most characters: outside a name, none open (the rest would do nothing)
            continue
        kind, _, lab = t.partition("-")
        if start is not None and (kind != "I" or lab != label):
            out.append((offset + start, offset + i, label))
            start = label = None
        if kind == "B" or (kind == "I" and start is None):
            start, label = i, lab
    return out


_FITTED: dict[str, crf_model.CRFModel] = {}
# What a fitted model depends on besides its training data: the feature code and its inputs.
_FEATURE_SOURCES = ("crf.py", "stacking.py", "names.py", "rules.py", "number_date_rules.py", "number_date_forms.py",
                    "name_rules.py", "grammar.py", "patterns.py", "lexicon.py", "dictionary.py", "gazetteer.py",
                    "package_lexicons.py", "values.py", "normalise.py", "annotations.py", "base.py",
                    "level_nouns.py")


def feature_fingerprint(*more_sources: str) -> str:
    """What features are computed from besides the text: the feature code with the rules and the
    gazetteer whose hits are features (`_FEATURE_SOURCES`, and `more_sources` of this folder), the
    word lists they read and the packages they call. A model trained under another fingerprint is stale."""
    from importlib.metadata import version

    h = hashlib.sha256(repr((version("rjieba"), version("jionlp"), version("python-crfsuite"))).encode())
    for name in (*_FEATURE_SOURCES, *more_sources):  # the code, not its comments and docstrings
        h.update(without_prose((Path(__file__).parent / name).read_text(encoding="utf-8")).encode())
    h.update(lexicon.digest().encode())  # the word lists the regex and dictionary features read
    return h.hexdigest()


def _training_key(raws: list[str], gold: list[list[Span]], with_names: bool = False) -> str:
    h = hashlib.sha256(repr(TRAINING).encode())
    h.update(feature_fingerprint().encode())
    if with_names:  # the name model whose reading is stacked in (stacking.py), by the sha256 its JSON
        # declares (checked when the model is loaded): the run's own process keys folds without loading it
        h.update(crf_model.declared_sha256(NAME_MODEL_PATH).encode())
    for raw, spans in zip(raws, gold):
        h.update(raw.encode("utf-8"))
        h.update(repr([(s.start, s.end, s.label) for s in spans]).encode())
    return h.hexdigest()


def fold_path(raws: list[str], gold: list[list[Span]], key: str | None = None, with_names: bool = False) -> Path:
    """Where the model fitted on these documents is cached when it is not shipped (`extractors.crf_folds`)."""
    return crf_folds.fold_file(crf_folds.cached_dir(), key or _training_key(raws, gold, with_names))


def fold_missing(raws: list[str], gold: list[list[Span]]) -> bool:
    """Whether crf's or the stacked CRF's model fitted on these documents is neither shipped nor cached."""
    return any(crf_folds.shipped_or_cached(_training_key(raws, gold, w)) is None for w in (False, True))


def train_folds(docs: dict[str, str], gold: dict[str, list[Span]], folder: Path = crf_folds.SHIPPED,
                progress: Callable[[str], None] | None = None) -> list[Path]:
    """Every leave-one-out fold of crf and of the stacked CRF into `folder` (`xbench train folds`), each
    trained unless the folder holds it already; files of other keys there are removed. Returns the folds."""
    kept: list[Path] = []
    for held_out, raws, spans in crf_folds.loo_sets(docs, gold):
        for model in (CRFExtractor, StackedCRF):
            key = _training_key(raws, spans, model.with_names)
            path = crf_folds.fold_file(folder, key)
            if crf_folds.shipped_or_cached(key) != path:
                if progress:
                    progress(f"training {model.model_path.stem} without {held_out}")
                _train(raws, spans, path, model.with_names, key)
            kept.append(path)
    for old in folder.glob("*.crfsuite"):
        if old not in kept:
            old.unlink()
            crf_model.meta_path(old).unlink(missing_ok=True)
    return kept


def _train(raws: list[str], gold: list[list[Span]], path: Path, with_names: bool = False,
           key: str | None = None) -> crf_model.CRFModel:
    from extractors.stacking import model_features, stacked  # stacking reads this module's TEMPLATES

    xs, ys = [], []
    for raw, spans in zip(raws, gold):
        norm = normalise(raw)
        rx, dc = helper_hits(norm.clean, NO_EVIDENCE)  # one pass of each helper, for both feature sets
        feats = features(norm.clean, rx, dc)
        tags = bio(len(norm.clean), ((*norm.to_clean(s.start, s.end), s.label) for s in spans))
        nfeats = model_features(name_model(), norm.clean, feats, rx, dc) if with_names else None
        for a, b in sequences(norm.clean):
            xs.append(stacked(name_model(), feats[a:b], nfeats[a:b])[0] if nfeats is not None else feats[a:b])
            ys.append(tags[a:b])
    # nothing run-dependent (no date, no training log) in the metadata: same gold, same files
    meta = {"documents": len(raws), "gold_spans": sum(map(len, gold))}
    if key is not None:  # a fold: the key it answers to and what it was trained on (`extractors.crf_folds`)
        meta |= crf_folds.metadata(key, raws)
    return crf_model.train(xs, ys, TRAINING, path, meta)


class CRFExtractor(ReadsHelpers, CleanTextExtractor):
    name = "crf"
    kind = "ml"
    labels = LABELS
    with_names = False  # StackedCRF: the name model's reading among the features
    model_path = MODEL_PATH

    def __init__(self, model: crf_model.CRFModel | None = None, load: bool = True) -> None:
        self.model = model if model is not None or not load else self._load()
        _load_feature_sources()  # crf_model.load opens crfsuite's tagger at once, not on the first document
        if self.with_names:
            name_model()  # and the name model it stacks on

    def _load(self) -> crf_model.CRFModel | None:
        if not self.model_path.exists():
            return None
        return crf_model.load(self.model_path)  # refuses a file whose sha256 differs from its .json

    def fit(self, raws: list[str], gold: list[list[Span]]) -> CRFExtractor:
        """Fit on these documents. crf, hybrid and hybrid-lac fit the same leave-one-out folds, keyed
        by the training data, the training settings and the source of everything the features read:
        a fold is shipped (`xbench train folds`) or cached, else trained once into the cache folder,
        and kept in memory."""
        key = _training_key(raws, gold, self.with_names)
        if key not in _FITTED:
            model = crf_folds.load(key)  # None: not shipped nor cached, or not what its metadata says
            _FITTED[key] = model or _train(raws, gold, fold_path(raws, gold, key), self.with_names, key)
        self.model = _FITTED[key]
        return self

    @classmethod
    def train_packaged(cls, raws: list[str], gold: list[list[Span]], path: Path | None = None) -> Path:
        """The packaged model, trained on all given gold; the same gold gives the same files."""
        path = path or cls.model_path
        _train(raws, gold, path, cls.with_names)
        return path

    def find_in(self, clean: str, evidence: Evidence) -> Iterable[Hit]:
        return self.find(clean, *helper_hits(clean, evidence))

    def find(self, clean: str, regex_hits: Iterable[Hit] | None = None,
             dictionary_hits: Iterable[Hit] | None = None) -> Iterable[Hit]:
        if self.model is None:
            raise RuntimeError(f"no trained CRF model at {self.model_path}; run `xbench train crf`")
        if not clean:
            return []
        feats = features(clean, regex_hits, dictionary_hits)
        windows = sequences(clean)
        tagged = self.model.predict([feats[a:b] for a, b in windows])
        hits = []
        for (a, _), tags in zip(windows, tagged):
            for s, e, label in decode(list(tags), a):
                hits.append(Hit(s, e, label, span_value(label, clean, s, e)))
        return hits


class StackedCRF(CRFExtractor):
    """The seed CRF with the MSRA name model's reading of each character among its features
    (`extractors.stacking`), for the hybrids: it lifts their persons (0.33 -> 0.90 strict F1 on the
    seeds, leave-one-out) but costs the `crf` row its few places and titles (8 LOC, 31 WORK spans),
    so `crf` itself stays unstacked. Packaged as `data/crf-names.crfsuite` (`xbench train crf`)."""

    with_names = True
    model_path = MODEL_PATH.with_name("crf-names.crfsuite")

    def find(self, clean: str, regex_hits: Iterable[Hit] | None = None,
             dictionary_hits: Iterable[Hit] | None = None) -> Iterable[Hit]:
        return self.find_with_names(clean, regex_hits, dictionary_hits).crf

    def find_with_names(self, clean: str, regex_hits: Iterable[Hit] | None = None,
                        dictionary_hits: Iterable[Hit] | None = None, outside: Iterable[Hit] = ()) -> Proposals:
        """This CRF's and the name model's proposals (`extractors.proposals`, kept apart from the
        code the folds' training key hashes: reading the taggers changes no trained model)."""
        from extractors.proposals import propose

        return propose(self, clean, regex_hits, dictionary_hits, outside)
