"""Microsoft Recognizers-Text's Chinese specification cases, converted in code to xbench's schema.

The suite (`data/recognizers-text/`, MIT, copied unchanged; `SOURCE.md` there) writes each case as
an input, an optional reference date and the expected results with that project's resolutions.
`load_cases` maps every result onto the schema: DATE with a TIMEX3-style value, MONEY, PERCENT and
QUANTITY with the schema's value object. A case whose results the schema does not cover is kept
with the reason (`Case.excluded`), never silently dropped, so the counts per reason can be reported.

A fifth of every file (cases 4, 9, 14, ...) is set aside: rules are developed on the other
four fifths (`part="dev"`) and only the scorer reads the set-aside part (`part="setaside"`,
guarded by `tests/test_values_track.py`), so a gap between the two shows fitting to cases.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from extractors.normalise import normalise
from extractors.schema import Span
from extractors.value_peers import split_measure, suite_timex

DATA = Path(__file__).parent / "data"
SUITE = DATA / "recognizers-text"
SETASIDE_EVERY = 5  # every fifth case of each file is set aside
Part = Literal["dev", "setaside", "all"]

# The label a file's cases are about; results of other kinds are not annotated in that file, so
# an extractor's spans are scored only for this label on its inputs.
FILE_LABELS: dict[str, str | None] = {
    "PercentModel": "PERCENT", "CurrencyModel": "MONEY",
    "DimensionModel": "QUANTITY", "AgeModel": "QUANTITY", "TemperatureModel": "QUANTITY",
    "NumberModel": None, "NumberRangeModel": None, "NumberRangeModelExperimentalMode": None, "OrdinalModel": None,
}


@dataclass(frozen=True, slots=True)
class Expected:
    """One expected mention in xbench's terms: raw offsets into the case input, end exclusive."""

    start: int
    end: int
    label: str
    text: str
    value: Any  # schema value; None when the suite gives no resolution (span-only)

    def span(self) -> Span:
        return Span(self.start, self.end, self.label, self.text, self.value)


# Files that mark only some mentions of their label (DimensionModel marks measures, not counts
# such as 10万人, which the schema labels QUANTITY): a prediction there that meets no expected
# span is neither right nor wrong, so it is not scored.
PARTIAL_FILES = frozenset({"DimensionModel", "AgeModel", "TemperatureModel"})


@dataclass(frozen=True, slots=True)
class Case:
    case_id: str            # "<file stem>#<index in file>"
    file: str               # "DateTime/DateParser"
    index: int
    text: str
    label: str | None       # the label the file is about (None: no schema label)
    expected: tuple[Expected, ...]
    excluded: str | None    # reason category when the schema does not cover the case
    not_supported_python: bool
    part: Literal["dev", "setaside"]

    @property
    def in_schema(self) -> bool:
        return self.excluded is None

    @property
    def partial(self) -> bool:
        """Does the file mark only some mentions of its label (see PARTIAL_FILES)?"""
        return self.file.rsplit("/", 1)[1] in PARTIAL_FILES


@dataclass
class Conversion:
    """What converting the suite gave: the cases of one part and the counts of all of them."""

    cases: list[Case]
    total: int = 0
    excluded: Counter[str] = field(default_factory=Counter)

    def summary(self) -> dict[str, Any]:
        return {"total": self.total, "in_schema": self.total - sum(self.excluded.values()),
                "excluded": dict(sorted(self.excluded.items()))}


@lru_cache(maxsize=1)
def _words() -> dict[str, Any]:
    return json.loads((DATA / "conversion.json").read_text(encoding="utf-8"))


def suite_files(root: Path = SUITE) -> list[Path]:
    return sorted(root.glob("*/Chinese/*.json"))


def _read(path: Path) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8-sig"))  # some files begin with a BOM


def _raw_results(case: dict[str, Any]) -> Iterator[tuple[int, int, str, Any]]:
    """(start, end exclusive, type, resolution) in both of the suite's formats."""
    for r in case.get("Results") or []:
        if "End" in r:  # model format: End inclusive
            yield r["Start"], r["End"] + 1, r.get("TypeName", ""), r.get("Resolution")
        else:           # extractor / parser format: Length
            yield r["Start"], r["Start"] + r["Length"], r.get("Type", ""), r.get("Value")


def load_cases(part: Part = "dev", root: Path = SUITE) -> Conversion:
    """Convert every file; return the cases of `part` with the counts over that part.

    Only the values-track scorer asks for `setaside` or `all` (a test guards this)."""
    out = Conversion([])
    for path in suite_files(root):
        stem = path.stem
        for i, raw_case in enumerate(_read(path)):
            case_part = "setaside" if i % SETASIDE_EVERY == SETASIDE_EVERY - 1 else "dev"
            if part != "all" and case_part != part:
                continue
            case = convert_case(f"{path.parent.parent.name}/{stem}", i, raw_case, case_part)
            out.cases.append(case)
            out.total += 1
            if case.excluded:
                out.excluded[case.excluded] += 1
    return out


def convert_case(file: str, index: int, raw_case: dict[str, Any], part: Literal["dev", "setaside"]) -> Case:
    stem = file.rsplit("/", 1)[1]
    text: str = raw_case["Input"]
    label = FILE_LABELS.get(stem, "DATE" if file.startswith("DateTime") else None)
    not_py = "python" in (raw_case.get("NotSupported") or "").lower()
    expected: list[Expected] = []
    reason: str | None = None
    if label is None:
        reason = _number_reason(stem)
    elif stem.endswith("Extractor"):
        reason = "no resolution (extractor-only spec)"
    elif stem.startswith("Holiday"):
        reason = "holiday name"
    else:
        for start, end, kind, resolution in _raw_results(raw_case):
            got = convert_result(label, text, start, end, kind, resolution)
            if isinstance(got, str):
                reason = got
                break
            expected.append(got)
    return Case(f"{stem}#{index}", file, index, text, label, tuple(expected) if reason is None else (),
                reason, not_py, part)


def _number_reason(stem: str) -> str:
    if stem == "OrdinalModel":
        return "ordinal"
    if stem.startswith("NumberRange"):
        return "number range without unit"
    return "bare number without unit"


def convert_result(label: str, text: str, start: int, end: int, kind: str, resolution: Any) -> Expected | str:
    """The expected mention, or the reason the schema does not cover it."""
    if label == "DATE":
        return _date(text, start, end, kind, resolution)
    span = text[start:end]
    if re.search(r"\d\s*[-~～—至到]\s*$", text[:start]):
        return "range the suite reads as its upper end (schema: one span)"
    if label == "PERCENT":
        return _percent(span, start, end, resolution)
    return _numeric(label, span, start, end, resolution)


# --- numbers with units --------------------------------------------------------------------

_CN_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千万亿点壹贰叁肆伍陆柒捌玖拾佰仟兆半对]")


def _value_number(resolution: Any) -> float | None:
    v = (resolution or {}).get("value")
    try:
        return float(v) if v is not None else None
    except (TypeError, ValueError):
        return None


def _number_of(n: float) -> int | float:
    return int(n) if n == int(n) else n


def _numeric(label: str, span: str, start: int, end: int, resolution: Any) -> Expected | str:
    amount = _value_number(resolution)
    clean = normalise(span).clean
    if amount is None:
        return "unit without a number"
    if label == "MONEY":
        iso = (resolution or {}).get("isoCurrency")
        if not iso:
            return "currency without ISO code"
        if any(w in clean[1:] for w in _words()["currency_subunits"]) and amount != int(amount):
            return "amount with currency subunits"
        if not re.match(r"[\d零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾]", clean):
            return "currency written before the number"
        return Expected(start, end, label, span, {"amount": _number_of(amount), "unit": iso})
    split = split_measure(clean)
    if split is None:
        return "unit written before the number" if not _CN_NUMERAL.match(clean) else "bare number without unit"
    if not re.search(r"\d", split[0]):
        return "Chinese-numeral quantity (schema: Arabic digits only)"
    if amount < 0:
        return "negative quantity"
    unit = split[1]
    if not re.fullmatch(r"[^\d\s]+", unit) or _CN_NUMERAL.search(unit[-1]):
        return "unit outside schema (number inside or after the unit)"
    for word in _words()["age_suffixes_outside"]:
        if unit.endswith(word) and len(unit) > len(word):  # 90天大: "90 days old", 大 is outside
            unit = unit[:-len(word)]
            end -= len(word)
            span = span[:-len(word)]
    return Expected(start, end, label, span, {"amount": _number_of(amount), "unit": unit})


def _percent(span: str, start: int, end: int, resolution: Any) -> Expected | str:
    v = (resolution or {}).get("value")
    if not isinstance(v, str) or not v.endswith("%"):
        return "percentage without a value"
    try:
        amount = float(v[:-1])
    except ValueError:
        return "percentage without a value"
    clean = normalise(span).clean.replace(" ", "")
    if "k" in clean.lower():
        return "SI suffix (k) outside schema"
    if amount < 0 or clean.startswith(("-", "负")):
        return "negative percentage"
    # The schema writes percentage points with unit pp; the suite writes them as percent.
    unit = "pp" if "百分点" in clean else "%"
    amount = _schema_proportion(amount) if "分之" in clean else round(amount, 10)
    return Expected(start, end, "PERCENT", span, {"amount": _number_of(amount), "unit": unit})


def _schema_proportion(percent: float) -> float:
    """The schema rounds a fraction converted to percent to 2 decimals; below 0.01% two significant
    digits are kept (the GUIDELINES.md proposal). Written here apart from the parser's own rule,
    so the expected values never come from the code they score."""
    if percent == 0 or abs(percent) >= 0.01:
        return round(percent, 2)
    return float(f"{percent:.2g}")


# --- dates ---------------------------------------------------------------------------------

_YEAR_IN_TEXT = re.compile(r"(\d{1,4}|[〇零一二两三四五六七八九十千百]{1,5})\s*年")
_CN_DIGIT = str.maketrans("〇零一二三四五六七八九", "00123456789")


def _timex_of(resolution: Any) -> str | None:
    if not isinstance(resolution, dict):
        return None
    if "Timex" in resolution:
        return resolution["Timex"]
    values = resolution.get("values") or []
    return values[0].get("timex") if values else None


def _date(text: str, start: int, end: int, kind: str, resolution: Any) -> Expected | str:
    kind = kind.removeprefix("datetimeV2.")
    tx = _timex_of(resolution)
    span = text[start:end]
    if tx is None:
        return "date without a resolution"
    if kind == "set":
        return "set (recurring time)"
    if kind == "duration" or tx.startswith("P"):
        return "duration"
    if tx.startswith(("T", "(T")) or kind in ("time", "timerange"):
        return "time of day only"
    words = _words()
    if any(w in span for w in words["decade_markers"]):
        return "decade or century"
    if any(w in span for w in words["lunar_markers"]):
        return "lunar calendar"
    if any(w in span for w in words["open_range_markers"]) or re.search(r"[年月日号][前后](?!半)|^[=<>]", span):
        return "open-ended range (before/after)"
    if re.search(words["ordinal_period_pattern"], span) or "W" in tx:
        return "week, weekday or ordinal period"
    if re.search(r"-(?:SU|WI|SP|FA)\b", tx) or "PRESENT_REF" in tx:
        return "season or present reference"
    year_reason = _year_reason(span, tx)
    if year_reason:
        return year_reason
    value = suite_timex(tx)
    if value is None:
        return "TIMEX form outside schema"
    for prefix in sorted(words["outside_prefixes"], key=len, reverse=True):
        if span.startswith(prefix):  # 从2016年到2018年: the preposition is outside the span
            start += len(prefix)
            span = span[len(prefix):]
            break
    return Expected(start, end, "DATE", span, value)


def _year_reason(span: str, tx: str) -> str | None:
    """Relative dates (their year comes from the reference date) and era or lunar years."""
    years = re.findall(r"(?<![\dX])(\d{4})-", tx + "-") or re.findall(r"^(\d{4})", tx)
    if not years:
        if not re.search(r"\d|[一二三四五六七八九十]", span):
            return "holiday or named day (no calendar number)"
        return None
    written = _YEAR_IN_TEXT.findall(span) or re.findall(r"(?<!\d)(\d{4})(?!\d)", span) \
        or re.findall(r"\d{1,2}[-/.]\d{1,2}[-/.](\d{2,4})", span) or re.findall(r"^(\d{2})-", span)
    if not written:
        return "relative date (needs the reference date)"
    for w in written:
        n = _year_number(w)
        if n is None or not any(y == f"{n:04d}" or (n < 100 and y.endswith(f"{n:02d}")) for y in years):
            return "era year or other calendar"
    return None


def _year_number(s: str) -> int | None:
    s = s.strip()
    if s.isdigit():
        return int(s)
    digits = s.translate(_CN_DIGIT)
    if digits.isdigit():
        return int(digits)
    import cn2an  # lazily, as extractors.values does
    try:
        return int(cn2an.cn2an(s, "smart"))
    except Exception:  # cn2an raises several types on text it cannot read
        return None
