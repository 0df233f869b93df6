"""The values track: conversion of the Recognizers-Text cases, the set-aside guard, the scorer."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
from xbench.values import cases as cases_mod
from xbench.values.cases import SETASIDE_EVERY, SUITE, convert_case, load_cases
from xbench.values.score import Parser, normalisation, span_scores

from extractors.schema import Span, value_problem
from extractors.value_peers import split_measure, suite_timex

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path("/work/shared/external/recognizers-text")


def test_suite_copied_unchanged_with_licence():
    assert (SUITE / "LICENSE").is_file() and (SUITE / "SOURCE.md").is_file()
    if SHARED.is_dir():  # the copy is the shared suite byte for byte
        for f in SHARED.rglob("*.json"):
            assert (SUITE / f.relative_to(SHARED)).read_bytes() == f.read_bytes(), f


def test_counts_add_up_and_parts_partition_the_suite():
    whole, dev, aside = load_cases("all"), load_cases("dev"), load_cases("setaside")
    assert whole.total == dev.total + aside.total > 1000
    s = whole.summary()
    assert s["in_schema"] + sum(s["excluded"].values()) == s["total"]
    assert s["in_schema"] > 250
    assert {"duration", "relative date (needs the reference date)", "time of day only",
            "set (recurring time)", "Chinese-numeral quantity (schema: Arabic digits only)"} <= set(s["excluded"])
    assert all(c.index % SETASIDE_EVERY == SETASIDE_EVERY - 1 for c in aside.cases)
    assert not {c.case_id for c in dev.cases} & {c.case_id for c in aside.cases}


def test_expected_spans_are_schema_records():
    for c in load_cases("all").cases:
        for e in c.expected:
            assert c.text[e.start:e.end] == e.text
            if e.value is not None:
                assert value_problem(e.label, e.value) is None, (c.case_id, e)


@pytest.mark.parametrize("result, expected", [
    ({"Text": "36.57亿元", "TypeName": "currency", "Start": 7, "End": 13,
      "Resolution": {"isoCurrency": "CNY", "value": "3657000000"}},
     ("MONEY", "36.57亿元", {"amount": 3657000000, "unit": "CNY"})),
    ({"Text": "9成", "TypeName": "percentage", "Start": 0, "End": 1, "Resolution": {"value": "90%"}},
     ("PERCENT", "９成", {"amount": 90, "unit": "%"})),
    ({"Text": "6个百分点", "TypeName": "percentage", "Start": 0, "End": 4, "Resolution": {"value": "6%"}},
     ("PERCENT", "6个百分点", {"amount": 6, "unit": "pp"})),
])
def test_numeric_conversion(result, expected):
    files = {"MONEY": "NumberWithUnit/CurrencyModel", "PERCENT": "Number/PercentModel"}
    text = {"MONEY": "本期开奖结束后36.57亿元。", "PERCENT": "９成"}[expected[0]]
    if expected[1] == "6个百分点":
        text = "6个百分点"
    case = convert_case(files[expected[0]], 0, {"Input": text, "Results": [result]}, "dev")
    assert case.in_schema
    (e,) = case.expected
    assert (e.label, e.text, e.value) == expected


def test_date_conversion_and_exclusions():
    def one(text, tx, kind="datetimeV2.daterange"):
        res = {"Text": text, "TypeName": kind, "Start": 0, "End": len(text) - 1,
               "Resolution": {"values": [{"timex": tx}]}}
        return convert_case("DateTime/DateTimeModel", 0, {"Input": text, "Results": [res]}, "dev")

    c = one("从2016年6月1日-6月30日", "(2016-06-01,2016-06-30,P29D)")
    assert c.expected[0].text == "2016年6月1日-6月30日" and c.expected[0].value == "2016-06-01/2016-06-30"
    assert one("2017年上半年", "(2017-01-01,2017-07-01,P6M)").expected[0].value == "2017-H1"
    assert one("明天下午5:00", "2016-11-08T17:00", "datetimeV2.datetime").excluded.startswith("relative")
    assert one("两年", "P2Y", "datetimeV2.duration").excluded == "duration"
    assert one("下午5:00", "T17:00", "datetimeV2.time").excluded == "time of day only"
    assert one("每天", "P1D", "datetimeV2.set").excluded == "set (recurring time)"
    assert one("康熙三年五月", "1664-05").excluded == "era year or other calendar"


def test_suite_timex_and_measure_split():
    assert suite_timex("(2016-01-01,2018-01-01,P2Y)") == "2016/2018"
    assert suite_timex("2010-01-29T18") == "2010-01-29T18:00"
    assert suite_timex("XXXX-07-05TEV") == "XXXX-07-05"
    assert suite_timex("XXXX-WXX-1") is None
    assert split_measure("12千米") == ("12", "千米")
    assert split_measure("387万亩") == ("387万", "亩")


def test_span_and_normalisation_scores():
    case = convert_case("Number/PercentModel", 0, {"Input": "增长百分之十", "Results": [
        {"Text": "百分之十", "TypeName": "percentage", "Start": 2, "End": 5, "Resolution": {"value": "10%"}}]}, "dev")
    right = {case.case_id: [Span(2, 6, "PERCENT", "百分之十", None)]}
    wrong = {case.case_id: [Span(3, 6, "PERCENT", "分之十", None), Span(0, 2, "DATE", "增长", None)]}
    assert span_scores([case], right)["strict"]["f1"] == 1.0
    got = span_scores([case], wrong)  # the DATE is not this file's label: not scored
    assert got["strict"]["f1"] == 0.0 and got["partial"]["f1"] == 0.5 and got["strict"]["actual"] == 1
    good = Parser("good", lambda label, text: {"amount": 10, "unit": "%"})
    bad = Parser("bad", lambda label, text: {"amount": 10, "unit": "pp"})
    assert normalisation([case], good)["accuracy"] == 1.0
    assert normalisation([case], bad)["accuracy"] == 0.0
    assert normalisation([case], Parser("amounts", bad.parse, amounts_only=True))["accuracy"] == 1.0


def _reads_setaside(path: Path) -> bool:
    """Does this module mention the set-aside part (a "setaside"/"all" part argument or the name)?"""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and node.value in ("setaside", "all") and "load_cases" in path.read_text():
            return True
    return False


def test_only_the_scorer_reads_the_setaside_part():
    """No development or training code reads the set-aside cases: only the track runner (the
    scorer), the CLI that calls it and the converter that defines the split name them."""
    allowed = {ROOT / "bench/values/cases.py", ROOT / "bench/values/track.py", ROOT / "bench/cli.py"}
    offenders = [p for folder in ("bench", "extractors") for p in (ROOT / folder).rglob("*.py")
                 if p not in allowed and _reads_setaside(p)]
    assert offenders == []
    assert not any("recognizers-text" in p.read_text(encoding="utf-8") and "load_cases" in p.read_text()
                   for p in (ROOT / "extractors").rglob("*.py"))
    assert cases_mod.load_cases.__defaults__[0] == "dev"  # the default is the development part


def test_partial_files_and_split_ranges():
    text = "产值180亿元，就业10万人，养殖387万亩"
    res = {"Start": 17, "End": 21, "TypeName": "dimension", "Resolution": {"value": "3870000", "unit": "Mu"}}
    case = convert_case("NumberWithUnit/DimensionModel", 0, {"Input": text, "Results": [res]}, "dev")
    assert case.partial and case.expected[0].text == "387万亩"
    preds = {case.case_id: [Span(10, 14, "QUANTITY", "10万人", None), Span(17, 22, "QUANTITY", "387万亩", None)]}
    assert span_scores([case], preds)["strict"]["f1"] == 1.0  # 10万人 is not marked by that file
    text = "酒精量在5-20%之间"
    res = {"Start": 6, "End": 8, "TypeName": "percentage", "Resolution": {"value": "20%"}}
    case = convert_case("Number/PercentModel", 0, {"Input": text, "Results": [res]}, "dev")
    assert case.excluded.startswith("range the suite reads as its upper end")


def test_track_result_has_the_contract_shape():
    """`tracks.values`: cases with reasons, per extractor scores and normalisation, parts apart."""
    from xbench.values.track import values_track

    track = values_track(["regex"], ["xbench", "cn2an"]).to_json()
    assert track["cases"]["total"] == track["cases"]["in_schema"] + sum(track["cases"]["excluded"].values())
    (entry,) = track["extractors"]
    assert {"scores", "normalisation", "parts"} <= set(entry)
    assert 0 < entry["scores"]["strict"]["micro"]["f1"] <= 1 and entry["normalisation"]["n"] > 250
    assert set(entry["parts"]) == {"dev", "setaside", "python_supported"}
    assert track["parsers"]["cn2an"]["all"]["amounts_only"] is True
    assert track["corpus"]["documents"] == track["cases"]["in_schema"]


def test_values_is_a_track_with_its_own_tables():
    """`xbench run --track values`: the track is registered, takes the value extractors only, and its
    board (latest.md, README, HTML) carries the normalisation and case tables."""
    from xbench.report.html import track_section
    from xbench.report.leaderboard import board
    from xbench.tracks import tracks
    from xbench.values.track import values_track

    track = tracks()["values"]
    assert track.applies("regex") and track.applies("recognizers-text") and not track.applies("crf")
    result = values_track(["regex"], ["xbench"], limit=3)
    text = board(result)
    assert "normalisation" in text and "set-aside" in text and "excluded" in text
    assert "per file of the suite" in text and "DateTime/DateParser" in text
    assert "normalisation" in track_section(result)


def test_duckling_in_windows_finds_what_one_pass_finds(root: Path) -> None:
    """Duckling reads long text in windows of its own (its parse time grows faster than the text):
    on a seed longer than a window, the same records as one call on the whole text."""
    from extractors.base import to_spans
    from extractors.normalise import normalise
    from extractors.value_peers import DucklingExtractor

    ex = DucklingExtractor()
    raw = (root / "seeds" / "003_1e212454244ca2c4.txt").read_text(encoding="utf-8")
    norm = normalise(raw)
    assert len(norm.clean) > ex.window
    assert ex.extract(raw) == to_spans(norm, list(ex.find(norm.clean)))


def test_duckling_parses_in_a_worker_replaced_before_its_leak_grows(monkeypatch: pytest.MonkeyPatch) -> None:
    """pyduckling-native keeps part of every parse, so the extractor's worker process is replaced every
    PARSES_PER_WORKER parses: the same mentions as a parse in this process, from a new worker each time."""
    from extractors import value_peers

    monkeypatch.setattr(value_peers, "PARSES_PER_WORKER", 2)
    parser = value_peers.DucklingParser()  # its first worker has parsed once (the warm-up)
    text = "2016年4月19日投入500万元，增长12.5%。"
    try:
        first = parser.proc.pid
        assert parser.mentions(text) == list(value_peers.duckling_mentions(text))
        assert parser.proc.pid == first
        assert parser.mentions(text) == list(value_peers.duckling_mentions(text))  # a third parse: a new worker
        second = parser.proc
        assert second.pid != first
    finally:
        parser.close()
    assert parser.proc is None and second.returncode == 0  # stdin closed: the worker's loop ended


def test_a_failure_in_ducklings_worker_is_reported_not_printed(monkeypatch: pytest.MonkeyPatch,
                                                               capfd: pytest.CaptureFixture[str]) -> None:
    """Text Duckling's binding cannot take (here: a lone surrogate, which it cannot encode) comes back
    as the parser's error, without a traceback on stderr, and the next worker parses on."""
    from extractors import value_peers

    parser = value_peers.DucklingParser()
    try:
        with pytest.raises(RuntimeError, match="^Duckling: "):
            parser.mentions("2016年\ud800")
        assert "Traceback" not in capfd.readouterr().err
        assert parser.mentions("2016年4月19日") == list(value_peers.duckling_mentions("2016年4月19日"))
    finally:
        parser.close()
