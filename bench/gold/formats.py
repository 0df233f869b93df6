"""Gold records to and from the annotation tools' formats: Label Studio, doccano, character-level CoNLL.

Every converter goes through `LabelledDoc` (a document's text and its spans in code-point
offsets), so a round trip keeps start, end, label and text exactly. Values travel where the
format has room for them and are recomputed where it has not (`recompute_value`):

- `labelstudio`: the JSON export, a list of tasks `{"data": {"text", "doc_id", "gold_values"},
  "annotations": [{"result": [{"value": {"start", "end", "text", "labels": [L]}, ...}]}]}`.
- `doccano`: JSONL, one document a line: `{"doc_id", "text", "label": [[start, end, L]], "gold_values"}`.
- `conll`: one character a line, `CHAR<TAB>TAG` with BIO tags; `# doc_id = X` opens a document
  and a blank line ends it. Whitespace, control and format characters and `#` are written as
  `U+XXXX` (so a line never holds a bare space, newline or a leading `#`); every other
  character, one outside the Basic Multilingual Plane included, is written as itself. CoNLL
  has no room for values: they are always recomputed.

`gold_values` is `[[start, end, label, value], ...]` as exported; on import a value is kept
only for a span with exactly that start, end and label, so a span the annotator moved or
relabelled gets a recomputed value rather than a stale one. The tools keep task data as
given, which is why the values ride there and not in the (regenerated) regions.

Offsets: JavaScript tools (Label Studio, doccano's front end) may count UTF-16 code units,
which differ from Python's code points after any character outside the BMP (`𠀀`, emoji).
`offsets="auto"` decides per document: the spans' own text (Label Studio's `value.text`)
must match one interpretation; where there is no span text, or both readings fit at
different places, a document with such characters needs `offsets="codepoints"` or `"utf16"`
said explicitly (an error says so; nothing is guessed).
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xbench.io import InputError, numbered_lines, read_text

from extractors.normalise import Normalised, normalise
from extractors.schema import LABELS, Span
from extractors.values import span_value

FORMATS = ("labelstudio", "doccano", "conll")
OFFSET_UNITS = ("auto", "codepoints", "utf16")
LS_FROM, LS_TO = "label", "text"  # the names in the Label Studio labelling config (`labelstudio_config`)
# Result types Label Studio writes that are not spans (skipped); any other type is malformed input.
LS_OTHER_TYPES = frozenset({"relation", "choices", "textarea", "rating", "number", "datetime", "taxonomy",
                            "pairwise", "ranker"})


@dataclass
class LabelledDoc:
    """One document and its spans, offsets in code points of `text`."""

    doc_id: str
    text: str
    spans: list[Span] = field(default_factory=list)


# --- values ---------------------------------------------------------------------------------


def recompute_value(norm: Normalised, start: int, end: int, label: str) -> Any:
    """The schema value of raw span [start, end) as the shared normaliser gives it.

    Names: the clean (annotation-free, Simplified, half-width) text, as every extractor gives
    it; numbers and dates: `extractors.values` on the clean text, with the clean neighbours
    read for qualifiers.
    """
    return span_value(label, norm.clean, *norm.to_clean(start, end))


def _spans_with_values(text: str, triples: Iterable[tuple[int, int, str]],
                       carried: dict[tuple[int, int, str], Any]) -> list[Span]:
    norm: Normalised | None = None
    out = []
    for start, end, label in triples:
        key = (start, end, label)
        if key in carried:
            value = carried[key]
        else:
            norm = norm or normalise(text)  # once per document, only when needed
            value = recompute_value(norm, start, end, label)
        out.append(Span(start, end, label, text[start:end], value))
    return sorted(out)


def _carried(obj: Any, where: str) -> dict[tuple[int, int, str], Any]:
    if obj is None:
        return {}
    if not isinstance(obj, list) or not all(isinstance(x, list) and len(x) == 4 and _is_int(x[0]) and _is_int(x[1])
                                            and isinstance(x[2], str) for x in obj):
        raise InputError(f"{where}: gold_values must be a list of [start, end, label, value]")
    return {(x[0], x[1], x[2]): x[3] for x in obj}


def _gold_values(doc: LabelledDoc) -> list[list[Any]]:
    return [[s.start, s.end, s.label, s.value] for s in doc.spans]


# --- offsets --------------------------------------------------------------------------------


def utf16_offsets(text: str) -> list[int]:
    """UTF-16 offset of every code-point offset 0..len(text)."""
    out, u = [0], 0
    for ch in text:
        u += 2 if ord(ch) > 0xFFFF else 1
        out.append(u)
    return out


def _utf16_to_cp(text: str) -> dict[int, int]:
    """Code-point offset of every UTF-16 offset that is not inside a surrogate pair."""
    return {u: i for i, u in enumerate(utf16_offsets(text))}


def _is_int(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _in_bounds(text: str, start: Any, end: Any) -> bool:
    return _is_int(start) and _is_int(end) and 0 <= start < end <= len(text)


@dataclass
class _RawSpan:
    start: Any
    end: Any
    label: Any
    text: str | None  # the span's text as the tool recorded it, when it did
    where: str


def _resolve_offsets(text: str, spans: list[_RawSpan], offsets: str, where: str) -> list[tuple[int, int, str]]:
    """Spans in code points: the tool's offsets read as code points or UTF-16 (module docstring)."""
    for s in spans:
        if not isinstance(s.label, str) or s.label not in LABELS:
            raise InputError(f"{s.where}: unknown label {s.label!r} (labels: {', '.join(LABELS)})")
        if not (_is_int(s.start) and _is_int(s.end)):
            raise InputError(f"{s.where}: start and end must be integers, got {s.start!r}, {s.end!r}")
    bmp_only = all(ord(ch) <= 0xFFFF for ch in text)
    unit = "codepoints" if bmp_only else offsets
    if unit == "auto":
        unit = _detect_unit(text, spans, where)
    conv = _utf16_to_cp(text) if unit == "utf16" else None
    out = []
    for s in spans:
        start, end = s.start, s.end
        if conv is not None:
            start, end = conv.get(start, -1), conv.get(end, -1)  # -1: inside a surrogate pair
        if not _in_bounds(text, start, end):
            raise InputError(f"{s.where}: offsets ({s.start}, {s.end}) are not a span of the document "
                             f"({unit}, {len(text)} characters)")
        if s.text is not None and text[start:end] != s.text:
            raise InputError(f"{s.where}: text {s.text!r} != document[{s.start}:{s.end}] "
                             f"{text[start:end]!r} ({unit})")
        out.append((start, end, s.label))
    return out


def _detect_unit(text: str, spans: list[_RawSpan], where: str) -> str:
    if not spans:
        return "codepoints"
    with_text = [s for s in spans if s.text is not None]
    if len(with_text) < len(spans):
        raise InputError(f"{where}: the document has characters outside the Basic Multilingual Plane and its "
                         "spans do not all carry their text, so code points and UTF-16 offsets cannot be told "
                         "apart: pass --offsets codepoints or --offsets utf16")
    conv = _utf16_to_cp(text)
    cp_ok = all(_in_bounds(text, s.start, s.end) and text[s.start:s.end] == s.text for s in with_text)
    u16_ok = all(_in_bounds(text, conv.get(s.start), conv.get(s.end))
                 and text[conv[s.start]:conv[s.end]] == s.text for s in with_text)
    if cp_ok and u16_ok and any((conv[s.start], conv[s.end]) != (s.start, s.end) for s in with_text):
        # Both readings fit every span's text yet point at different places (`1😀11`): only the user knows.
        raise InputError(f"{where}: the spans' text fits both code-point and UTF-16 offsets at different "
                         "places: pass --offsets codepoints or --offsets utf16")
    if cp_ok:
        return "codepoints"
    if u16_ok:
        return "utf16"
    bad = next(s for s in with_text if not (_in_bounds(text, s.start, s.end) and text[s.start:s.end] == s.text))
    raise InputError(f"{bad.where}: text {bad.text!r} matches neither code-point nor UTF-16 offsets "
                     f"({bad.start}, {bad.end})")


# --- Label Studio ---------------------------------------------------------------------------


def labelstudio_config() -> str:
    """The labelling config a Label Studio project needs for these exports (names match LS_FROM/LS_TO)."""
    labels = "\n".join(f'    <Label value="{lab}"/>' for lab in LABELS)
    return (f'<View>\n  <Labels name="{LS_FROM}" toName="{LS_TO}">\n{labels}\n  </Labels>\n'
            f'  <Text name="{LS_TO}" value="$text"/>\n</View>\n')


def to_labelstudio(docs: list[LabelledDoc]) -> str:
    tasks = []
    for doc in docs:
        result = [{"id": f"{doc.doc_id}-{i}", "from_name": LS_FROM, "to_name": LS_TO, "type": "labels",
                   "value": {"start": s.start, "end": s.end, "text": s.text, "labels": [s.label]}}
                  for i, s in enumerate(doc.spans)]
        tasks.append({"data": {"text": doc.text, "doc_id": doc.doc_id, "gold_values": _gold_values(doc)},
                      "annotations": [{"result": result}]})
    return json.dumps(tasks, ensure_ascii=False, indent=1) + "\n"


def _ls_list(obj: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
    """obj[key] as a list of objects (missing or null: empty); anything else is malformed input."""
    items = obj.get(key)
    if items is None:
        return []
    if not isinstance(items, list) or not all(isinstance(x, dict) for x in items):
        raise InputError(f"{where}: field {key!r} must be a list of objects, got {type(items).__name__}")
    return items


def from_labelstudio(text: str, source: str = "<labelstudio>", offsets: str = "auto",
                     warn: Any = None) -> list[LabelledDoc]:
    """Tasks of a Label Studio JSON export; each task's last submitted (not cancelled) annotation.

    Predictions (a model's suggestions) are ignored: only a person's annotation is imported.
    A task without one is skipped with a warning.
    """
    try:
        tasks = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{source}:{exc.lineno}: not valid JSON ({exc.msg})") from None
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list):
        raise InputError(f"{source}: a Label Studio export is a JSON list of tasks")
    docs = []
    for n, task in enumerate(tasks, 1):
        where = f"{source}: task {n}"
        data = task.get("data") if isinstance(task, dict) else None
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            raise InputError(f"{where}: needs data.text")
        doc_id = data.get("doc_id")
        if not isinstance(doc_id, str) or not doc_id:
            raise InputError(f"{where}: needs data.doc_id, the seed stem (`xbench gold export` writes it)")
        where = f"{source}: task {n} ({doc_id})"
        done = [a for a in _ls_list(task, "annotations", where) if not a.get("was_cancelled")]
        if not done:
            if warn:
                warn(f"{where}: no submitted annotation, skipped")
            continue
        raw_spans = []
        for r, item in enumerate(_ls_list(done[-1], "result", f"{where} annotation {len(done)}"), 1):
            kind = item.get("type")
            if isinstance(kind, str) and kind in LS_OTHER_TYPES:
                continue  # relations, choices, text areas: not spans
            if kind != "labels":
                raise InputError(f"{where} region {r}: type {kind!r} is not a Label Studio result type "
                                 f"(labels, {', '.join(sorted(LS_OTHER_TYPES))})")
            v = item.get("value")
            labels = v.get("labels") if isinstance(v, dict) else None
            if not isinstance(labels, list) or len(labels) != 1:
                raise InputError(f"{where} region {r}: needs value.labels with exactly one label")
            raw_spans.append(_RawSpan(v.get("start"), v.get("end"), labels[0],
                                      v["text"] if isinstance(v.get("text"), str) else None, f"{where} region {r}"))
        triples = _resolve_offsets(data["text"], raw_spans, offsets, where)
        spans = _spans_with_values(data["text"], triples, _carried(data.get("gold_values"), where))
        docs.append(LabelledDoc(doc_id, data["text"], spans))
    return docs


# --- doccano --------------------------------------------------------------------------------


def to_doccano(docs: list[LabelledDoc]) -> str:
    lines = []
    for d in docs:
        obj = {"doc_id": d.doc_id, "text": d.text, "label": [[s.start, s.end, s.label] for s in d.spans],
               "gold_values": _gold_values(d)}
        lines.append(json.dumps(obj, ensure_ascii=False) + "\n")
    return "".join(lines)


def _doccano_spans(obj: dict[str, Any], where: str) -> list[_RawSpan]:
    # doccano writes `label` (sequence labelling) or `entities` (with relations); `labels` in some versions.
    if "entities" in obj:
        ents = obj["entities"]
        if not isinstance(ents, list) or not all(isinstance(e, dict) for e in ents):
            raise InputError(f"{where}: entities must be a list of objects")
        return [_RawSpan(e.get("start_offset"), e.get("end_offset"), e.get("label"), None, where) for e in ents]
    triples = obj.get("label", obj.get("labels", []))
    if not isinstance(triples, list) or not all(isinstance(t, list) and len(t) == 3 for t in triples):
        raise InputError(f"{where}: label must be a list of [start, end, LABEL]")
    return [_RawSpan(t[0], t[1], t[2], None, where) for t in triples]


def from_doccano(text: str, source: str = "<doccano>", offsets: str = "auto") -> list[LabelledDoc]:
    docs = []
    for lineno, line in numbered_lines(text):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: not valid JSON ({exc.msg})") from None
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            raise InputError(f"{where}: needs an object with a text")
        doc_id = obj.get("doc_id")
        if not isinstance(doc_id, str) or not doc_id:
            raise InputError(f"{where}: needs doc_id, the seed stem (`xbench gold export` writes it)")
        triples = _resolve_offsets(obj["text"], _doccano_spans(obj, where), offsets, where)
        docs.append(LabelledDoc(doc_id, obj["text"], _spans_with_values(obj["text"], triples,
                                                                         _carried(obj.get("gold_values"), where))))
    return docs


# --- CoNLL (character-level BIO) ------------------------------------------------------------

_ESCAPE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"})
_ESCAPED_RE = re.compile(r"U\+([0-9A-F]{4,6})")


def conll_token(ch: str) -> str:
    """A character as written in the CoNLL file: itself, or `U+XXXX` when it would be invisible or ambiguous."""
    if ch == "#" or ch.isspace() or unicodedata.category(ch) in _ESCAPE_CATEGORIES:
        return f"U+{ord(ch):04X}"
    return ch


def to_conll(docs: list[LabelledDoc]) -> str:
    blocks = []
    for doc in docs:
        tags = ["O"] * len(doc.text)
        last_end = 0
        for s in doc.spans:
            if s.start < last_end:
                raise InputError(f"{doc.doc_id}: spans overlap at {s.start} ({s.text!r}); BIO cannot hold overlaps")
            tags[s.start] = f"B-{s.label}"
            for i in range(s.start + 1, s.end):
                tags[i] = f"I-{s.label}"
            last_end = s.end
        lines = [f"# doc_id = {doc.doc_id}"] + [f"{conll_token(ch)}\t{t}" for ch, t in zip(doc.text, tags)]
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def from_conll(text: str, source: str = "<conll>") -> list[LabelledDoc]:
    docs: list[LabelledDoc] = []
    doc_id: str | None = None
    chars: list[str] = []
    triples: list[tuple[int, int, str]] = []
    open_span: list[Any] | None = None  # [start, label] of the span being read

    def close() -> None:
        nonlocal open_span
        if open_span is not None:
            triples.append((open_span[0], len(chars), open_span[1]))
            open_span = None

    def finish() -> None:
        nonlocal doc_id, chars, triples
        close()
        if doc_id is not None:
            raw = "".join(chars)
            docs.append(LabelledDoc(doc_id, raw, _spans_with_values(raw, triples, {})))
        doc_id, chars, triples = None, [], []

    for lineno, line in numbered_lines(text):
        where = f"{source}:{lineno}"
        if not line.strip():
            finish()
            continue
        if line.startswith("#"):
            m = re.fullmatch(r"#\s*doc_id\s*=\s*(\S+)\s*", line)
            if m:
                finish()
                doc_id = m.group(1)
            continue  # other comments are allowed and ignored
        if doc_id is None:
            raise InputError(f"{where}: a document must start with a `# doc_id = ...` line")
        cols = line.split()
        if len(cols) != 2:
            raise InputError(f"{where}: expected `CHARACTER TAG`, got {line!r}")
        tok, tag = cols
        if len(tok) == 1:
            ch = tok
        elif m := _ESCAPED_RE.fullmatch(tok):
            ch = chr(int(m.group(1), 16))
        else:
            raise InputError(f"{where}: {tok!r} is neither one character nor U+XXXX")
        kind, _, label = tag.partition("-")
        if tag != "O" and (kind not in ("B", "I") or label not in LABELS):
            raise InputError(f"{where}: tag {tag!r} is not O, B-LABEL or I-LABEL with a label of {', '.join(LABELS)}")
        if kind == "I" and (open_span is None or open_span[1] != label):
            raise InputError(f"{where}: {tag} does not continue a {label} span (B-{label} expected)")
        if tag == "O" or kind == "B":
            close()
        if kind == "B":
            open_span = [len(chars), label]
        chars.append(ch)
    finish()
    return docs


# --- dispatch -------------------------------------------------------------------------------


def export_docs(docs: list[LabelledDoc], fmt: str) -> str:
    return {"labelstudio": to_labelstudio, "doccano": to_doccano, "conll": to_conll}[fmt](docs)


def import_docs(path: Path, fmt: str, offsets: str = "auto", warn: Any = None) -> list[LabelledDoc]:
    text = read_text(path)
    if fmt == "labelstudio":
        return from_labelstudio(text, str(path), offsets, warn)
    if fmt == "doccano":
        return from_doccano(text, str(path), offsets)
    return from_conll(text, str(path))
