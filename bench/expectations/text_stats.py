"""Additive statistics of documents and their records: what a drift profile and a drift check compare.

`TextStats` holds counts only (spans per label, span lengths, parsed values, script features), so
partitions add up to the corpus in any order and both engines reach the same figures.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from extractors.schema import NAME_LABELS, NUMERIC_LABELS, Span

HAN = re.compile(r"[\u4e00-\u9fff]")
NOT_HAN = re.compile(r"[^\u4e00-\u9fff]+")
# a pinyin reading in brackets after a word, as news sites annotate rare characters: 網(wǎng)
PINYIN = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]")
# Mojibake of Chinese shows Latin-1 letters and symbols (UTF-8 read as Latin-1: 中 -> ä¸\xad), box
# drawing or U+FFFD; only lines holding one (pinyin's vowels aside) are worth ftfy's slower judgement.
SUSPECT = re.compile("[" + "".join(chr(c) for c in range(0x80, 0x100) if chr(c) not in "àáèéìíòóùúü")
                      + "\ufffd\u2500-\u259f]")


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional characters as Simplified (OpenCC t2s): a character it changes is Traditional."""
    return _t2s().convert(text)


def is_mojibake_line(line: str) -> bool:
    import ftfy.badness

    return bool(SUSPECT.search(line)) and ftfy.badness.is_bad(line)


def changed(a: str, b: str) -> int:
    """Positions where two strings differ, up to the shorter one's end (as zip pairs them), compared as
    code-point arrays: a Python loop over every Han character was half of a document's statistics."""
    import numpy as np

    n = min(len(a), len(b))
    x, y = (np.frombuffer(t[:n].encode("utf-32-le"), dtype=np.uint32) for t in (a, b))
    return int(np.count_nonzero(x != y))


def script_counts(raw: str) -> dict[str, int]:
    """Han characters, those OpenCC changes from Traditional to Simplified, pinyin readings,
    and lines ftfy judges to be mojibake."""
    import ftfy.badness  # noqa: F401 - imported on the first document (a worker's warm-up), not on a suspect line

    han = NOT_HAN.sub("", raw)
    lines = [ln for ln in raw.splitlines() if ln.strip()]
    return {"han": len(han), "traditional": changed(han, to_simplified(han)),
            "pinyin": len(PINYIN.findall(raw)), "lines": len(lines),
            "mojibake": sum(1 for ln in lines if is_mojibake_line(ln))}


@dataclass
class TextStats:
    docs: int = 0
    chars: int = 0
    script: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    lengths: dict[str, Counter[int]] = field(default_factory=dict)  # label -> span length -> spans
    parsed: Counter[str] = field(default_factory=Counter)  # numeric label -> spans whose value parsed
    amounts: dict[str, Counter[float]] = field(default_factory=dict)  # "LABEL unit" -> amount -> spans
    novel: Counter[str] = field(default_factory=Counter)  # name label -> spans never seen in the reference

    @staticmethod
    def summed(parts: Iterable[TextStats]) -> TextStats:
        """One body's statistics from its parts' (documents or partitions): counts add."""
        out = TextStats()
        for part in parts:
            out.add(part)
        return out

    def add(self, other: TextStats) -> TextStats:
        self.docs += other.docs
        self.chars += other.chars
        for mine, theirs in ((self.script, other.script), (self.labels, other.labels),
                             (self.parsed, other.parsed), (self.novel, other.novel)):
            mine.update(theirs)
        for mine_d, theirs_d in ((self.lengths, other.lengths), (self.amounts, other.amounts)):
            for k, c in theirs_d.items():
                mine_d.setdefault(k, Counter()).update(c)
        return self

    def to_dict(self) -> dict[str, Any]:
        # not dataclasses.asdict: it rebuilds a Counter from its items, counting pairs
        d: dict[str, Any] = {"docs": self.docs, "chars": self.chars}
        for k in ("script", "labels", "parsed", "novel"):
            d[k] = dict(sorted(getattr(self, k).items()))
        d["lengths"] = {k: {str(n): c for n, c in sorted(v.items())} for k, v in sorted(self.lengths.items())}
        d["amounts"] = {k: {repr(a): c for a, c in sorted(v.items())} for k, v in sorted(self.amounts.items())}
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TextStats:
        return cls(d["docs"], d["chars"], Counter(d["script"]), Counter(d["labels"]),
                   {k: Counter({int(n): c for n, c in v.items()}) for k, v in d["lengths"].items()},
                   Counter(d["parsed"]),
                   {k: Counter({float(a): c for a, c in v.items()}) for k, v in d["amounts"].items()},
                   Counter(d["novel"]))


def amount_key(span: Span) -> tuple[str, float] | None:
    v = span.value
    if span.label not in NUMERIC_LABELS or not isinstance(v, dict):
        return None
    amount = v.get("amount")
    if not isinstance(amount, (int, float)) or isinstance(amount, bool):
        return None
    return f"{span.label} {v.get('unit', '')}".strip(), float(f"{amount:.3g}")  # 3 digits: counts stay small


def name_key(span: Span) -> str:
    """What novelty compares: the normalised name (its value) when there is one, else the text."""
    return span.value if isinstance(span.value, str) and span.value else span.text


def doc_stats(raw: str, spans: list[Span], known_names: dict[str, frozenset[str]] | None = None) -> TextStats:
    """One document's statistics; `known_names` (label -> names of the reference) counts novel names."""
    st = TextStats(docs=1, chars=len(raw), script=Counter(script_counts(raw)))
    for s in spans:
        st.labels[s.label] += 1
        st.lengths.setdefault(s.label, Counter())[s.end - s.start] += 1
        if s.label in NUMERIC_LABELS and s.value is not None:
            st.parsed[s.label] += 1
        if (key := amount_key(s)) is not None:
            st.amounts.setdefault(key[0], Counter())[key[1]] += 1
        if known_names is not None and s.label in NAME_LABELS and name_key(s) not in known_names.get(s.label, ()):
            st.novel[s.label] += 1
    return st
