"""The record schema and label set (annotation schema 1.0): the one place both floors import."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

SCHEMA_VERSION = "1.0"

LABELS: tuple[str, ...] = ("PERSON", "ORG", "GPE", "LOC", "DATE", "MONEY", "PERCENT", "QUANTITY", "WORK")
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "WORK"})
NUMERIC_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY"})
VALUE_KEYS = ("amount", "low", "high", "unit", "mod")
MODS = frozenset({"approx", "more", "less"})

# TIMEX3-style dates as the schema writes them: 2016, 2016-04, 2022-04-21, XXXX-04-19,
# 2022-11-03T15:04, 2016-H1, and ranges joined by "/".
_TIMEX_POINT = (
    r"(?:\d{4}|XXXX)"
    r"(?:-(?:H[12]|Q[1-4]|\d{2}|XX)(?:-(?:\d{2}|XX)(?:T\d{2}(?::\d{2}){1,2})?)?)?"
    r"|XXXX-(?:\d{2})(?:-\d{2})?"
)
TIMEX_RE = re.compile(rf"(?:{_TIMEX_POINT})(?:/(?:{_TIMEX_POINT}))?")


@dataclass(order=True, slots=True, unsafe_hash=True)
class Span:
    """One labelled mention: offsets are code points into the raw text, end exclusive.

    A record to treat as immutable (change one with `dataclasses.replace`); not frozen because a
    frozen dataclass takes five times as long to create, and extractors create hundreds a page.
    Equality, order and hash are over (start, end, label), as before.
    """

    start: int
    end: int
    label: str
    text: str = field(compare=False)
    value: Any = field(default=None, compare=False)
    score: float | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"start": self.start, "end": self.end, "label": self.label,
                             "text": self.text, "value": self.value}
        if self.score is not None:
            d["score"] = self.score
        return d


# Raw characters: long WORK titles with annotations reach ~75; far longer is a runaway match.
# Extractors drop longer hits (extractors.base) and the expectation suite checks records against it.
MAX_SPAN_CHARS = 160


@cache
def iso_currencies() -> frozenset[str]:
    """The ISO 4217 codes (the iso4217 package's table): `RMB` has three capitals but is no code."""
    import iso4217

    return frozenset(c.code for c in iso4217.Currency)


def value_problem(label: str, value: Any) -> str | None:
    """Why `value` is not well-formed for `label`, or None when it is."""
    if label in NAME_LABELS:
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            return f"{label} value must be a non-empty string or null"
        if "(" in value and re.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", value):
            return f"{label} value still holds a pinyin annotation"
        return None
    if label == "DATE":
        if value is None:
            return None
        if not isinstance(value, str) or not TIMEX_RE.fullmatch(value):
            return f"DATE value {value!r} is not a TIMEX3-style string"
        return None
    if label in NUMERIC_LABELS:
        if value is None:
            return None
        if not isinstance(value, dict):
            return f"{label} value must be an object"
        extra = set(value) - set(VALUE_KEYS)
        if extra:
            return f"{label} value has unknown keys {sorted(extra)}"
        unit = value.get("unit")
        if not isinstance(unit, str) or not unit:
            return f"{label} value needs a unit"
        if label == "MONEY" and unit not in iso_currencies():
            return f"MONEY unit {unit!r} is not an ISO 4217 currency code"
        if label == "PERCENT" and unit not in ("%", "pp"):
            return f"PERCENT unit {unit!r} is not % or pp"
        nums = {k: value.get(k) for k in ("amount", "low", "high")}
        for k, v in nums.items():
            if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v)):
                return f"{label} value {k} is not a finite number"
            if v is not None and v < 0:
                return f"{label} value {k} is negative"
        if nums["amount"] is None and (nums["low"] is None and nums["high"] is None):
            return f"{label} value has neither amount nor low/high"
        if nums["low"] is not None and nums["high"] is not None and nums["low"] > nums["high"]:
            return f"{label} value low > high"
        mod = value.get("mod")
        if mod is not None and mod not in MODS:
            return f"{label} value mod {mod!r} is not one of {sorted(MODS)}"
        return None
    return f"unknown label {label!r}"
