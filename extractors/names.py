"""`names` and `names-lac`: character CRFs for person, organisation and place names learned from
MSRA's train split.

The seeds' gold holds 713 spans; MSRA's train split (SIGHAN 2006, 50,289 sentences, 74k names)
shows what names look like beyond them. Each model is fitted once, on that split only (never its
test split, never our gold), on `extractors.name_features`: the seed CRF's character, word and
helper features (`crf.features`), a wider character window and lexicon cues (surnames, the words
that close organisations and places). `names-lac` adds Baidu LAC's word tags as features, so it
learns MSRA's conventions from LAC's evidence; `names` needs no LAC, so the seed CRF can stack it
without LAC. A model serves as a feature source for the seed-trained CRF (stacking: leave-one-
document-out on the seeds stays cheap and honest) and as a candidate source with per-span
confidences for the hybrids.

A model is crfsuite's own file (`data/names.crfsuite`, `data/names-lac.crfsuite`) with JSON
metadata beside it: no pickle. `xbench train names` and `xbench train names-lac` reproduce them
from the MSRA train split. MSRA's labels map PER -> PERSON, ORG -> ORG, LOC -> LOC or GPE
(`place_label`).
"""
from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from extractors import crf_model
from extractors.base import CleanTextExtractor, Hit, trim_name
from extractors.normalise import normalise
from extractors.windows import NO_EVIDENCE, Evidence

MODEL_PATH = Path(__file__).parent / "data" / "names.crfsuite"
META_PATH = MODEL_PATH.with_suffix(".json")
LAC_MODEL_PATH = MODEL_PATH.with_name("names-lac.crfsuite")


@dataclass(frozen=True)
class ModelSpec:
    """How one name model is trained: crfsuite's algorithm and parameters, and its feature groups."""

    path: Path
    algorithm: str
    params: dict[str, object]
    feature_groups: tuple[str, ...]


# names: L-BFGS with L1 (most character n-gram weights go to zero: an 8 MB file) on crf.features, 60
# iterations. The loss still falls 1% an iteration there, so a change of the rules moves the model by
# where the optimiser stops as much as by what it changes: on MSRA train's last 5,000 sentences, with
# a model fitted on the rest, `names` scored 0.826 before two rules (a list of companies, a prefecture's
# office) and 0.835 after, which change 41 of the rules' and the gazetteer's hits in the whole split.
# 150 iterations (loss down a further 30%, to 0.03% an iteration; 9 minutes) gave 0.840 there and 0.852
# on MSRA test against 0.846, but the seeds (leave-one-out) hybrid 0.939 against 0.955: the surer model
# reads descriptions in the seeds as organisations (嘉兴精英引领计划, 钟祥经验作法), which the spec leaves
# unlabelled.
# names-lac: the averaged perceptron (one Viterbi pass a sentence per epoch: the whole split in
# minutes where 60 L-BFGS passes took 45 min under load); rarer features dropped to keep it small.
SPECS = {
    "names": ModelSpec(MODEL_PATH, "lbfgs", {"c1": 0.2, "c2": 0.01, "max_iterations": 60,
                                             "feature.possible_transitions": True, "feature.minfreq": 2}, ()),
    "names-lac": ModelSpec(LAC_MODEL_PATH, "ap", {"max_iterations": 15, "feature.possible_transitions": True,
                                                  "feature.minfreq": 5}, ("lexicon", "lac")),
}
MSRA_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}
Sentence = tuple[str, Sequence[tuple[int, int, str]]]  # text and (start, end, MSRA label) names


@dataclass(frozen=True)
class NameModelInfo:
    """What a model's JSON metadata records about it."""

    data: str            # where the training sentences came from
    data_sha256: str     # of the normalised training text and its names
    sentences: int
    characters: int
    names: int
    training: dict[str, object]
    feature_sha256: str  # of the feature code the model was trained with
    seconds: float
    features: tuple[str, ...] = ()  # feature groups besides crf.features (`name_features.groups`)
    dev_sentences: int = 0  # the split's last sentences held out (`xbench train NAME --hold-out N`)...
    dev: dict[str, float] = field(default_factory=dict)  # ...and the model's strict F1 on them, per label and "all"


def feature_fingerprint() -> str:
    """What the name models' features are computed from: the CRF's (whose rules' and gazetteer's hits
    they read too, `crf.feature_fingerprint`) and the name models' own groups. A model trained under
    another is stale: a test holds the packaged models to it, so `xbench train NAME` reproduces them."""
    from extractors.crf import feature_fingerprint as crf_fingerprint

    return crf_fingerprint("name_features.py")


class _Trainer:
    """pycrfsuite's Trainer, reporting each iteration through `progress` and nothing else."""

    def __new__(cls, spec: ModelSpec, progress: Callable[[str], None] | None):
        import pycrfsuite

        class Trainer(pycrfsuite.Trainer):
            def on_iteration(self, log, info):  # noqa: ANN001 - pycrfsuite's callback
                if progress:
                    active = f", {info['active_features']:,} active features" if "active_features" in info else ""
                    progress(f"iteration {info['num']}/{spec.params['max_iterations']}: "
                             f"loss {info.get('loss', 0):,.0f}{active}")

            def on_start(self, log): ...
            def on_featgen_progress(self, log, percent): ...
            def on_featgen_end(self, log): ...
            def on_prepared(self, log): ...
            def on_optimization_end(self, log): ...
            def on_end(self, log): ...

        trainer = Trainer(algorithm=spec.algorithm, verbose=True)  # verbose: crfsuite's log reaches the hooks
        trainer.set_params(spec.params)
        return trainer


def normalised(sentences: Iterable[Sentence]) -> tuple[list[tuple[str, list[tuple[int, int, str]]]], str]:
    """Each sentence as the extractors see text (half-width punctuation, Simplified), its names in
    clean offsets; and the sha256 of them all (the metadata's `data_sha256`)."""
    digest, prepared = hashlib.sha256(), []
    for text, names in sentences:
        norm = normalise(text)
        prepared.append((norm.clean, [(*norm.to_clean(s, e), lab) for s, e, lab in names]))
        digest.update(repr(prepared[-1]).encode("utf-8"))
    return prepared, digest.hexdigest()


def train(sentences: Iterable[Sentence], data: str, spec: ModelSpec = SPECS["names"],
          progress: Callable[[str], None] | None = None, dev_size: int = 0) -> NameModelInfo:
    """Fit a name model on MSRA-style sentences (train split only) and write model + metadata; the
    last `dev_size` sentences are held out of the fit and scored after it."""
    from extractors.crf import bio
    from extractors.name_features import lac_word_tags_in_workers, name_features

    started = time.perf_counter()
    trainer, feature_groups, lac = _Trainer(spec, progress), spec.feature_groups, "lac" in spec.feature_groups
    n_sent, n_chars, n_names = 0, 0, 0
    prepared, digest = normalised(sentences)
    prepared, held = split_held_out(prepared, dev_size)
    # LAC, the slowest feature, runs in worker processes while this one computes the others
    lac_tags = lac_word_tags_in_workers([clean for clean, _ in prepared + held]) if lac else None

    def features_of(clean: str) -> list[list[bytes | str]]:
        return name_features(clean, feature_groups=feature_groups, lac_tags=next(lac_tags) if lac_tags else None)

    for clean, spans in prepared:
        trainer.append(features_of(clean), bio(len(clean), spans))
        n_sent, n_chars, n_names = n_sent + 1, n_chars + len(clean), n_names + len(spans)
        if progress and n_sent % 5000 == 0:
            progress(f"features: {n_sent:,} sentences")
    if progress:
        progress(f"fitting on {n_sent:,} sentences ({n_chars:,} characters)")
    model_path = spec.path
    model_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = model_path.with_name(f".{model_path.name}.{os.getpid()}.tmp")
    try:
        trainer.train(str(tmp))
        dev = _held_out_f1(tmp, held, features_of)
        tmp.replace(model_path)  # model first: a reader that finds new metadata with the old model refuses it
    finally:
        tmp.unlink(missing_ok=True)
    info = NameModelInfo(data, digest, n_sent, n_chars, n_names, dict(spec.params), feature_fingerprint(),
                         round(time.perf_counter() - started, 1), feature_groups, len(held), dev)
    body = asdict(info)
    if not feature_groups:  # as the models before feature groups recorded it: crf.features only
        del body["features"]
    crf_model.write_metadata(model_path, {**body, "params": dict(spec.params)}, spec.algorithm)
    return info


Item = TypeVar("Item")


class HoldOutTooLarge(ValueError):
    """A --hold-out that would leave no sentence to fit."""


def split_held_out(items: Sequence[Item], n: int) -> tuple[list[Item], list[Item]]:
    """`items` without their last `n`, and those `n`: the sentences fitted and the sentences held out
    of the fit to score it (`xbench train NAME --hold-out N`); HoldOutTooLarge when none would be left."""
    if not 0 <= n < len(items):
        raise HoldOutTooLarge(f"cannot hold out {n:,} of {len(items):,} sentences: none would be left to fit")
    return list(items[:len(items) - n]), list(items[len(items) - n:])


def _held_out_f1(model_file: Path, held: list[tuple[str, list[tuple[int, int, str]]]],
                 features_of: Callable[[str], list[list[bytes | str]]]) -> dict[str, float]:
    """The model just fitted, scored on the sentences held out of its fit (none held out: no figures)."""
    if not held:
        return {}
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_file))
    try:
        return strict_f1([spans for _, spans in held], [tagger.tag(features_of(clean)) for clean, _ in held])
    finally:
        tagger.close()


class NameModel:
    """A trained tagger: BIO tags of PERSON, ORG and LOC per character, with span confidences."""

    def __init__(self, path: Path | None = None) -> None:
        path = path or MODEL_PATH
        try:
            loaded = crf_model.load(path)  # refuses a file whose sha256 differs from its JSON
        except crf_model.ModelFileError as exc:
            train_what = "names-lac" if path.name.startswith("names-lac") else "names"
            raise crf_model.ModelFileError(f"{exc}; run `xbench train {train_what}`") from None
        self.tagger, self.sha256 = loaded.tagger, loaded.meta["sha256"]
        # a model records the feature groups it was trained on; one that records none knew crf.features only
        self.feature_groups = tuple(loaded.meta.get("features", ()))
        self.path = path

    def features(self, clean: str, regex_hits: Iterable[Hit] | None = None,
                 dictionary_hits: Iterable[Hit] | None = None) -> list[list[bytes | str]]:
        """The features this model was trained on, for the clean text (the helpers' hits when known)."""
        from extractors.name_features import name_features

        return name_features(clean, regex_hits, dictionary_hits, self.feature_groups)

    def tag(self, items) -> list[str]:
        """BIO tags of one sequence (a list of feature lists or a pycrfsuite.ItemSequence)."""
        return self.tagger.tag(items)

    def confidence(self, tags: list[str], start: int, end: int) -> float:
        """Marginal probability of the span's tags under the last tagged sequence (min over characters)."""
        return lowest_marginal(self.tagger, tags[start:end], start)


def lowest_marginal(tagger: Any, span_tags: Sequence[str], start: int) -> float:
    """A span's confidence under the sequence `tagger` tagged last (pycrfsuite's, or one with its
    `marginal`): the lowest marginal of `span_tags`, the tags of its characters from `start` on."""
    return min(map(tagger.marginal, span_tags, range(start, start + len(span_tags))))


def strict_f1(gold: Sequence[Sequence[tuple[int, int, str]]], tags: list[list[str]]) -> dict[str, float]:
    """Strict span F1 per label and over all of BIO-tagged sentences against their names (the
    figures of sentences held out of training: `train`, `name_net_train.train`)."""
    from extractors.crf import decode

    counts: dict[str, list[int]] = {}
    for names, t in zip(gold, tags):
        g, p = {tuple(n) for n in names}, set(decode(t))
        for label in {n[2] for n in g | p} | {"all"}:
            c = counts.setdefault(label, [0, 0, 0])
            gl = {n for n in g if label in ("all", n[2])}
            pl = {n for n in p if label in ("all", n[2])}
            c[0], c[1], c[2] = c[0] + len(gl & pl), c[1] + len(pl), c[2] + len(gl)
    return {k: round(2 * tp / (np_ + ng), 4) if np_ + ng else 0.0 for k, (tp, np_, ng) in counts.items()}


@lru_cache(maxsize=2)
def name_model(path: Path = MODEL_PATH) -> NameModel:
    return NameModel(path)


class NamesExtractor(CleanTextExtractor):
    """`names`: the MSRA-trained model alone (PERSON, ORG, LOC; a place the gazetteer knows as an
    administrative area is GPE)."""

    name = "names"
    kind = "ml"
    labels = ("PERSON", "ORG", "GPE", "LOC")

    model_path = MODEL_PATH
    # how a model is loaded from `model_path` (cached: extractors share one), for every names-* row
    load_model: Callable[[Path], Any] = staticmethod(name_model)

    def __init__(self) -> None:
        from extractors.crf import _helpers

        self.model = self.load_model(self.model_path)
        _helpers()  # load the regex and the gazetteer now, not on the first document

    def evidence(self, clean: str) -> Evidence:  # crf.ReadsHelpers' (crf imports this module: no base class from it)
        from extractors.crf import helper_evidence

        return helper_evidence(clean)

    def find(self, clean: str) -> list[Hit]:
        return self.find_in(clean, NO_EVIDENCE)

    def find_in(self, clean: str, evidence: Evidence) -> list[Hit]:
        from extractors.crf import helper_hits

        rx, dc = helper_hits(clean, evidence)
        return name_hits(self.model, clean, self.model.features(clean, rx, dc), dc)


class NamesLACExtractor(NamesExtractor):
    """`names-lac`: the MSRA-trained model that reads LAC's word tags too."""

    name = "names-lac"
    model_path = LAC_MODEL_PATH


def place_label(start: int, end: int, dictionary_hits: Iterable[Hit], text: str = "") -> str:
    """MSRA's LOC covers areas and other places: an administrative area where the gazetteer finds
    one covering the same characters or the name ends with an administrative suffix (乌兰察布市,
    内蒙古自治区) or is one character, an area's abbreviation (京, 沪), else LOC."""
    if end - start == 1 or text and text[start:end].endswith(_admin_suffixes()):
        return "GPE"
    for h in dictionary_hits:
        if h.label == "GPE" and h.start <= start and end <= h.end:
            return "GPE"
    return "LOC"


@lru_cache(maxsize=1)
def _admin_suffixes() -> tuple[str, ...]:
    from extractors import lexicon

    return lexicon.words("admin_suffixes")


def name_hits(model: NameModel, clean: str, feats: list[list[bytes | str]],
              dictionary_hits: Iterable[Hit]) -> list[Hit]:
    """The model's names over the clean text, each with its confidence as `score` (`model_hit`)."""
    from extractors.crf import decode, sequences

    gpe = [h for h in dictionary_hits if h.label == "GPE"]
    hits = []
    for a, b in sequences(clean):
        tags = model.tag(feats[a:b])
        for s, e, lab in decode(tags):
            if hit := model_hit(clean, a + s, a + e, lab, round(model.confidence(tags, s, e), 4), gpe):
                hits.append(hit)
    return hits


def model_hit(clean: str, start: int, end: int, label: str, confidence: float, gpe: Iterable[Hit]) -> Hit | None:
    """A name model's span as a hit: without stray spaces or punctuation at its ends (a name of
    nothing else is none: a tagged space is no person), MSRA's label as xbench's, a place as GPE
    or LOC by the gazetteer's areas `gpe` (`place_label`)."""
    if (got := trim_name(clean, start, end)) is None:
        return None
    label = MSRA_LABELS.get(label, label)
    if label == "LOC":
        label = place_label(*got, gpe, clean)
    return Hit(*got, label, None, confidence)
