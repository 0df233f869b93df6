"""Examples for the failed checks of a corpus run: the records (or lines of text) that made them fail.

Drawn in the driver after the run, only for failed checks, from the records files partition by
partition until a few are found, so the cost stays small however large the corpus is.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from xbench.expectations.text_stats import HAN, PINYIN, amount_key, is_mojibake_line, name_key, to_simplified
from xbench.io import InputError, read_text
from xbench.records import load_spans

from extractors.schema import Span

EXAMPLES = 5
CONTEXT = 20  # characters either side of a record


def context(raw: str, start: int, end: int) -> str:
    """The record in its line of text, marked with 【】, up to CONTEXT characters either side."""
    left = raw[max(0, start - CONTEXT):start].rsplit("\n", 1)[-1]
    right = raw[end:end + CONTEXT].split("\n", 1)[0]
    return f"{left}【{raw[start:end]}】{right}"


class Texts:
    """Corpus documents read on demand, the last few kept."""

    def __init__(self, root: Path) -> None:
        self.root, self._cache = root, {}

    def get(self, doc_id: str) -> str | None:
        if doc_id not in self._cache:
            if len(self._cache) > 8:
                self._cache.clear()
            try:
                self._cache[doc_id] = read_text(self.root / f"{doc_id}.txt")
            except InputError:
                self._cache[doc_id] = None
        return self._cache[doc_id]


def record(texts: Texts, doc_id: str, s: Span) -> dict[str, Any]:
    raw = texts.get(doc_id)
    return {"doc_id": doc_id, "start": s.start, "end": s.end, "label": s.label, "text": s.text,
            "value": s.value, "context": context(raw, s.start, s.end) if raw is not None else s.text}


def _records(records: str) -> Iterator[tuple[str, Span]]:
    for part in sorted(Path(records).glob("part-*.jsonl")):
        for d, spans in load_spans(part).items():
            for s in spans:
                yield d, s


def _outside(v: float, check: dict[str, Any]) -> bool:
    return (check["low"] is not None and v < check["low"]) or (check["high"] is not None and v > check["high"])


def _span_test(check: dict[str, Any], profile: dict[str, Any], label_counts: dict[str, int]) \
        -> Callable[[Span], bool] | None:
    """Which records show a failed record check, or None for a check about the text."""
    words = check["name"].split()
    if words[0] == "label":  # the label mix: the label that grew most against the reference
        total = sum(label_counts.values()) or 1
        mix = profile["label_mix"]
        lab = max(mix, key=lambda k: label_counts.get(k, 0) / total / max(mix[k], 1e-9))
        return lambda s: s.label == lab
    lab = words[-1]
    if words[0] == "density":
        return lambda s: s.label == lab
    if words[0] == "length":
        return lambda s: s.label == lab and _outside(s.end - s.start, check)
    if words[0] == "value":
        return lambda s: s.label == lab and s.value is None
    if words[0] == "novelty":
        known = set(profile.get("names", {}).get(lab, ()))
        return lambda s: s.label == lab and name_key(s) not in known
    if words[0] == "amount":
        unit = " ".join(words[2:])
        return lambda s: (k := amount_key(s)) is not None and k[0] == unit and _outside(k[1], check)
    return None


def _line_test(check: dict[str, Any]) -> Callable[[str], bool]:
    """Lines that show a failed text check: the feature that grew, or lines without it when it fell."""
    high = check["high"] is not None and check["observed"] is not None and check["observed"] > check["high"]
    if check["name"].startswith("mojibake"):
        return is_mojibake_line
    if check["name"].startswith("pinyin"):
        return (lambda ln: bool(PINYIN.search(ln))) if high else (lambda ln: bool(HAN.search(ln)))

    def changed(ln: str) -> bool:
        return to_simplified(ln) != ln

    return changed if high else (lambda ln: bool(HAN.search(ln)) and not changed(ln))


def _line_examples(test: Callable[[str], bool], doc_ids: Iterator[str], texts: Texts) -> list[dict[str, Any]]:
    out = []
    for d in doc_ids:
        raw = texts.get(d) or ""
        for i, ln in enumerate(raw.split("\n"), 1):
            if ln.strip() and test(ln):
                out.append({"doc_id": d, "line": i, "text": ln[:120]})
                if len(out) >= EXAMPLES:
                    return out
    return out


def check_examples(run: dict[str, Any], check: dict[str, Any], profile: dict[str, Any],
                   texts: Texts) -> list[dict[str, Any]]:
    test = _span_test(check, profile, run["labels"])
    if test is None:
        ids = (json_id for part in sorted(Path(run["records"]).glob("part-*.summary.json"))
               for json_id in _summary_ids(part))
        return _line_examples(_line_test(check), ids, texts)
    out = []
    for d, s in _records(run["records"]):
        if test(s):
            out.append(record(texts, d, s))
            if len(out) >= EXAMPLES:
                break
    return out


def _summary_ids(path: Path) -> list[str]:
    import json

    try:
        return list(json.loads(path.read_text(encoding="utf-8")).get("doc_ids", []))
    except (OSError, ValueError):
        return []


def disagreements(a: dict[str, Any], b: dict[str, Any], labels: frozenset[str], mode: str,
                  texts: Texts) -> list[dict[str, Any]]:
    """Records of `labels` on which the pair disagrees in `mode`: A's record and B's (None: it has none there)."""
    from xbench.scoring.matching import Outcome, align

    pa = {p.name: p for p in sorted(Path(a["records"]).glob("part-*.jsonl"))}
    out: list[dict[str, Any]] = []
    for name, part in pa.items():
        other = Path(b["records"]) / name
        if not other.is_file():
            continue
        ra = {d: [s for s in ss if s.label in labels] for d, ss in load_spans(part).items()}
        rb = {d: [s for s in ss if s.label in labels] for d, ss in load_spans(other).items()}
        al = align(ra, rb)
        for i, g in enumerate(al.gold):
            if al.gold_outcome[mode][i] != Outcome.CORRECT:
                j = int(al.gold_partner[mode][i])
                d = al.doc_ids[al.gold_doc[i]]
                out.append({**record(texts, d, g), "a": g.text, "b": al.pred[j].text if j >= 0 else None})
            if len(out) >= EXAMPLES:
                return out
        for j, p in enumerate(al.pred):
            if al.pred_partner[mode][j] < 0:
                out.append({**record(texts, al.doc_ids[al.pred_doc[j]], p), "a": None, "b": p.text})
                if len(out) >= EXAMPLES:
                    return out
    return out


def add_examples(results: list[dict[str, Any]], pairs: list[dict[str, Any]], root: Path,
                 profile: dict[str, Any] | None) -> None:
    """In place: every failed drift check gets `examples`, every failed agreement check its disagreements,
    and the structure suite's examples their context."""
    texts = Texts(root)
    for run in results:
        for fail in run["expectations"]["failed"]:
            for ex in fail["examples"]:
                raw = texts.get(str(ex.get("doc_id")))
                if raw is not None and isinstance(ex.get("start"), int) and isinstance(ex.get("end"), int):
                    ex["context"] = context(raw, ex["start"], ex["end"])
        for check in (run.get("drift") or {}).get("checks", []):
            if not check["passed"] and profile is not None:
                check["examples"] = check_examples(run, check, profile, texts)
    by_name = {r["name"]: r for r in results}
    for pair in pairs:
        for check in pair["checks"]:
            if not check["passed"]:
                _, mode, *words = check["name"].split()
                label = " ".join(words)
                labels = frozenset([label] if label in pair["labels"] else pair["labels"])
                check["examples"] = disagreements(by_name[pair["a"]], by_name[pair["b"]], labels, mode, texts)
