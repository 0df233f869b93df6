"""Value peers: Recognizers-Text's Python port and Duckling as extractors, plus value parsers for
them, JioNLP and cn2an, each tool's own output mapped faithfully onto the schema.

Like `extractors.baselines`, these are other people's tools used as they ship; the code only
translates their output. They get the same normalised text the built-in extractors get.

Mapping rules (each applied next to the code below)
---------------------------------------------------
* Recognizers-Text (`recognizers-text-suite`, culture zh-cn). datetimeV2 date, daterange,
  datetime and datetimerange -> DATE, its TIMEX turned into the schema's (`suite_timex`: ranges
  `(a,b,P..)` as `a/b` at the grain written, half years and quarters as H1/Q1, hours as HH:00,
  parts of the day dropped); durations, sets and times of day have no label. currency -> MONEY
  with its ISO code (no ISO code: no value); percentage -> PERCENT (`百分点` -> unit pp, as the
  schema writes percentage points); dimension, age, temperature -> QUANTITY with the tool's
  number and the measure word as written (the schema's unit), since its English unit names
  ("Mu", "Kilogram") have no schema form.
* Duckling (`pyduckling-native-phihos`, locale zh_CN). time -> DATE at the grain Duckling
  reports (year, month, day, hour/minute); Duckling always resolves a year from the reference
  time, so its dates carry one even where the text has none (a limit of the tool, kept).
  amount-of-money -> MONEY: ISO codes as given; its generic "$" is how its Chinese rules read
  元/块, the yuan under zh_CN -> CNY. quantity, distance, volume, temperature -> QUANTITY with
  Duckling's number and the measure word as written (Duckling converts 公斤 to grams, so its
  amounts differ there). A number read from 百分之N or N% -> PERCENT N.
* JioNLP: `parse_time` and `parse_money` through the mappings of `extractors.baselines`.
* cn2an reads numbers only: its value parser gives the amount of the number part (no unit),
  so it is scored on amounts alone.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import datetime
from functools import lru_cache
from typing import Any

from extractors.base import CleanTextExtractor, Hit
from extractors.grammar import MULTIPLIER_RUN
from extractors.normalise import normalise

ValueParser = Callable[[str, str], Any]  # (label, mention text) -> schema value or None

# --- shared: numbers and measure words as written -------------------------------------------

# The number at the start of a mention: digits (a multiplier run after them, except the 千 of
# 千克/千米 and the 百 of 百帕, which begin the unit) or Chinese numerals.
_NUMBER_PART = re.compile(
    rf"[-负]?\s*(?:[\d.,]+\s*{MULTIPLIER_RUN}"
    r"|[零〇一二两三四五六七八九十百千万亿点壹贰叁肆伍陆柒捌玖拾佰仟兆]+)")


def split_measure(clean: str) -> tuple[str, str] | None:
    """(number part, measure word) of a clean quantity mention such as 387万亩, or None."""
    m = _NUMBER_PART.match(clean)
    if not m:
        return None
    unit = clean[m.end():].strip()
    return (m.group().strip(), unit) if unit else None


def _clean(text: str) -> str:
    return normalise(text).clean.strip()


def _number(v: Any) -> int | float | None:
    try:
        n = float(v)
    except (TypeError, ValueError):
        return None
    if n != n or n in (float("inf"), float("-inf")):
        return None
    return int(n) if n == int(n) and abs(n) < 1e15 else n


def _quantity(text: str, amount: Any) -> dict[str, Any] | None:
    n, split = _number(amount), split_measure(_clean(text))
    return None if n is None or split is None else {"amount": n, "unit": split[1]}


def _percent(text: str, amount: Any) -> dict[str, Any] | None:
    n = _number(amount)
    if n is None:
        return None
    return {"amount": n, "unit": "pp" if "百分点" in _clean(text) else "%"}


# --- Recognizers-Text --------------------------------------------------------------------------

_RANGE = re.compile(r"\((?P<a>[^,]+),(?P<b>[^,]+),(?P<d>[^)]+)\)")
_PARTS_OF_DAY = ("TMO", "TAF", "TEV", "TNI", "TMI", "TDT")


def suite_timex(tx: str) -> str | None:
    """Recognizers-Text's TIMEX in the schema's form (see the module notes), or None."""
    from extractors.schema import TIMEX_RE

    m = _RANGE.fullmatch(tx)
    if m:
        a, b, d = m.group("a"), m.group("b"), m.group("d")
        out = _half_or_quarter(a, d) or f"{_point(_grain(a, d))}/{_point(_grain(b, d))}"
    else:
        out = _point(tx)
    return out if TIMEX_RE.fullmatch(out) else None


def _grain(point: str, duration: str) -> str:
    """(2016-01-01,2018-01-01,P2Y) is written 2016/2018: whole years or months at their grain."""
    if re.fullmatch(r"P\d+Y", duration) and point.endswith("-01-01"):
        return point[:4]
    if re.fullmatch(r"P\d+M", duration) and re.fullmatch(r"(?:\d{4}|XXXX)-\d{2}-01", point):
        return point[:7]
    return point


def _half_or_quarter(a: str, duration: str) -> str | None:
    m = re.fullmatch(r"(\d{4}|XXXX)-(\d{2})-01", a)
    if not m:
        return None
    month = int(m.group(2))
    if duration == "P6M" and month in (1, 7):
        return f"{m.group(1)}-H{1 if month == 1 else 2}"
    if duration == "P3M" and month % 3 == 1:
        return f"{m.group(1)}-Q{month // 3 + 1}"
    return None


def _point(tx: str) -> str:
    for pod in _PARTS_OF_DAY:
        tx = tx.removesuffix(pod)
    m = re.fullmatch(r"(.+T)(\d{2})", tx)
    return f"{m.group(1)}{m.group(2)}:00" if m else tx


@lru_cache(maxsize=1)
def _rt() -> Any:
    import recognizers_suite
    return recognizers_suite


_RT_DATE_TYPES = {"datetimeV2.date", "datetimeV2.daterange", "datetimeV2.datetime", "datetimeV2.datetimerange"}


def _rt_value(label: str, text: str, type_name: str, resolution: Any) -> Any:
    res = resolution or {}
    if label == "DATE":
        values = res.get("values") or []
        return suite_timex(values[0]["timex"]) if values and values[0].get("timex") else None
    if label == "MONEY":
        n = _number(res.get("value"))
        return None if n is None or not res.get("isoCurrency") else {"amount": n, "unit": res["isoCurrency"]}
    if label == "PERCENT":
        v = res.get("value")
        return _percent(text, v[:-1]) if isinstance(v, str) and v.endswith("%") else None
    return _quantity(text, res.get("value"))


def rt_mentions(clean: str) -> Iterator[tuple[int, int, str, Any]]:
    """(start, end, label, value) of every Recognizers-Text result on clean text."""
    rt = _rt()
    culture = rt.Culture.Chinese
    models = ((rt.recognize_datetime, None), (rt.recognize_currency, "MONEY"), (rt.recognize_percentage, "PERCENT"),
              (rt.recognize_dimension, "QUANTITY"), (rt.recognize_age, "QUANTITY"),
              (rt.recognize_temperature, "QUANTITY"))
    for recognize, label in models:
        try:
            results = recognize(clean, culture)
        except Exception:  # the port raises on some inputs; a peer that fails finds nothing there
            continue
        for r in results:
            lab = label or ("DATE" if r.type_name in _RT_DATE_TYPES else None)
            if lab is not None:
                text = clean[r.start:r.end + 1]
                yield r.start, r.end + 1, lab, _rt_value(lab, text, r.type_name, r.resolution)


class RecognizersTextExtractor(CleanTextExtractor):
    name = "recognizers-text"
    kind = "baseline"
    labels = ("DATE", "MONEY", "PERCENT", "QUANTITY")

    def __init__(self) -> None:
        _rt()

    def find(self, clean: str) -> Iterator[Hit]:
        for start, end, label, value in rt_mentions(clean):
            yield Hit(start, end, label, value)


# --- Duckling ------------------------------------------------------------------------------------

_DUCKLING_DIMS = ["time", "amount-of-money", "quantity", "distance", "volume", "temperature", "number"]
_DUCKLING_CURRENCY = {"$": "CNY", "¥": "CNY", "€": "EUR", "£": "GBP"}
_GRAIN_CHARS = {"year": 4, "quarter": 7, "month": 7, "week": 10, "day": 10, "hour": 16, "minute": 16, "second": 16}
_REFERENCE = datetime(2017, 3, 22)  # any fixed instant: Duckling resolves relative dates against it


@lru_cache(maxsize=1)
def _duckling() -> tuple[Any, Any, Any]:
    import duckling as dk

    dk.init()
    tz = dk.load_time_zones("/usr/share/zoneinfo")
    ref = dk.parse_ref_time(tz, "UTC", int(_REFERENCE.timestamp()))
    locale = dk.parse_locale("ZH_CN", dk.default_locale_lang(dk.parse_lang("ZH")))
    return dk, dk.Context(ref, locale), dk.parse_dimensions(_DUCKLING_DIMS)


def _duckling_time(v: dict[str, Any]) -> str | None:
    from extractors.schema import TIMEX_RE

    if v.get("type") == "interval":
        a, b = v.get("from") or {}, v.get("to") or {}
        if not a.get("value") or not b.get("value"):
            return None
        n = _GRAIN_CHARS.get(a.get("grain", ""), 10)
        out = f"{a['value'][:n]}/{b['value'][:n]}"
    elif v.get("value"):
        out = v["value"][:_GRAIN_CHARS.get(v.get("grain", ""), 10)]
    else:
        return None
    return out if TIMEX_RE.fullmatch(out) else None


def _duckling_mention(clean: str, ent: dict[str, Any]) -> tuple[str, Any] | None:
    dim, v, text = ent["dim"], ent["value"], clean[ent["start"]:ent["end"]]
    if dim == "time":
        return "DATE", _duckling_time(v)
    if dim == "amount-of-money":
        unit = v.get("unit")
        unit = _DUCKLING_CURRENCY.get(unit, unit if isinstance(unit, str) and len(unit) == 3 else None)
        n = _number(v.get("value"))
        return "MONEY", None if unit is None or n is None else {"amount": n, "unit": unit}
    if dim in ("quantity", "distance", "volume", "temperature"):
        return "QUANTITY", _quantity(text, v.get("value"))
    if dim == "number" and ("百分之" in text or text.endswith("%")):
        n = _number(v.get("value"))
        return "PERCENT", None if n is None else _percent(text, n * 100 if "百分之" in text else n)
    return None


def duckling_mentions(clean: str) -> Iterator[tuple[int, int, str, Any]]:
    dk, ctx, dims = _duckling()
    for ent in dk.parse(clean, ctx, dims, False):
        got = _duckling_mention(clean, ent)
        if got is not None:
            yield ent["start"], ent["end"], got[0], got[1]


# pyduckling-native keeps part of every parse: the same 2,000-character window parsed 600 times grew
# a process from 78 to 95 MB, and `duckling` on the 50 MiB line climbed from 155 to 313 MB, window after
# window. So the extractor parses in a worker process that is replaced after this many parses: its
# memory is bounded by them, not by the length of the text (about a megabyte of text a worker).
PARSES_PER_WORKER = 500


class DucklingParser:
    """Duckling's mentions of a text, from a worker process (`extractors.duckling_worker`) replaced
    every PARSES_PER_WORKER parses. A plain child process, not multiprocessing's: it loads its own
    Haskell runtime (a forked one breaks), needs no `__main__` guard in the script that builds the
    extractor, may be started from a daemonic process (a Dask worker), and dies with its parent."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen[str] | None = None
        self.parses = 0
        self.mentions("")  # the first worker loads Duckling now, not on the first document

    def mentions(self, clean: str) -> list[tuple[int, int, str, Any]]:
        if self.proc is None or self.parses >= PARSES_PER_WORKER:
            self._replace()
        assert self.proc is not None and self.proc.stdin is not None and self.proc.stdout is not None
        self.parses += 1
        self.proc.stdin.write(json.dumps(clean) + "\n")  # ASCII escapes: any str, lone surrogates too
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"Duckling's worker process ended (exit status {self.proc.wait()})")
        got = json.loads(line)
        if isinstance(got, dict):
            raise RuntimeError(f"Duckling: {got['error']}")
        return [(s, e, label, value) for s, e, label, value in got]

    def _replace(self) -> None:
        self.close()
        # the worker imports what this process imports, from where this process found it
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        self.proc = subprocess.Popen([sys.executable, "-m", "extractors.duckling_worker"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, encoding="utf-8", env=env)
        self.parses = 0

    def close(self) -> None:
        """End the worker: its stdin closes, its loop ends."""
        if self.proc is not None:
            self.proc.stdin.close()  # type: ignore[union-attr]
            self.proc.wait()
            self.proc = None


class DucklingExtractor(CleanTextExtractor):
    name = "duckling"
    kind = "baseline"
    labels = ("DATE", "MONEY", "PERCENT", "QUANTITY")
    # Duckling's parse time grows faster than its input: the 22,669-character seed took 7.5 s of
    # CPU in one piece and 2.6 s in windows of this size, with the same records on every seed.
    window = 2_000

    def __init__(self) -> None:
        self.parser = DucklingParser()

    def find(self, clean: str) -> Iterator[Hit]:
        for start, end, label, value in self.parser.mentions(clean):
            if label == "DATE" and not _has_calendar_number(clean[start:end]):
                continue  # the schema's DATE holds a year, month or day number (as for jionlp)
            yield Hit(start, end, label, value)


def _has_calendar_number(text: str) -> bool:
    from extractors.baselines import has_calendar_number
    return has_calendar_number(text)


# --- value parsers: given the mention text, the value each tool reads ------------------------------


def _whole(mentions: Iterator[tuple[int, int, str, Any]], label: str) -> Any:
    """The value of the tool's longest mention of `label` in the text (None if it finds none)."""
    best = None
    for start, end, lab, value in mentions:
        if lab == label and (best is None or end - start > best[1] - best[0]):
            best = (start, end, value)
    return None if best is None else best[2]


def rt_value(label: str, text: str) -> Any:
    clean = _clean(text)
    return _whole(rt_mentions(clean), label)


def duckling_value(label: str, text: str) -> Any:
    clean = _clean(text)
    return _whole(duckling_mentions(clean), label)


def jionlp_value(label: str, text: str) -> Any:
    from extractors.baselines import _BASE_A, _jionlp, _jionlp_quiet, jionlp_money_value, jionlp_timex

    clean = _clean(text)
    try:
        with _jionlp_quiet():
            if label == "DATE":
                return jionlp_timex(clean, _jionlp().parse_time(clean, time_base=_BASE_A))
            if label == "MONEY":
                return jionlp_money_value(_jionlp().parse_money(clean))
    except Exception:  # JioNLP signals "cannot parse" with bare exceptions
        return None
    return None  # JioNLP has no percent or quantity parser


def cn2an_amount(label: str, text: str) -> Any:
    """cn2an on the number part: {"amount": n} only (cn2an reads no units)."""
    import cn2an

    if label not in ("MONEY", "PERCENT", "QUANTITY"):
        return None
    clean = _clean(text)
    if label == "PERCENT":
        m = re.search(r"百分之(.+)", clean)
        part = m.group(1) if m else clean.rstrip("%").split("个百分点")[0]
    else:
        split = split_measure(clean)
        part = split[0] if split else clean
    try:
        return {"amount": _number(cn2an.cn2an(part.replace(" ", ""), "smart"))}
    except Exception:  # cn2an raises ValueError and others on text it cannot read
        return None
