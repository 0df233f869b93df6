"""The expectation suite over records: what each failure reports, and its result read back from JSON."""
from __future__ import annotations

from xbench.expectations.suite import ExpectationResult, check_many, check_records, expectation_names

from extractors.schema import Span

RAW = "2016年北京市财政局拨款310万元。"


def test_clean_outputs_pass_every_expectation() -> None:
    spans = {"d": [Span(0, 5, "DATE", "2016年", "2016"), Span(5, 8, "GPE", "北京市"),
                   Span(13, 18, "MONEY", "310万元", {"amount": 3100000, "unit": "CNY"})]}
    result = check_records({"d": RAW}, spans, outputs=True)
    assert result.failed == [] and result.passed == result.total == len(expectation_names(outputs=True))


def test_a_failure_names_the_expectation_counts_rows_and_gives_examples() -> None:
    spans = {"d": [Span(0, 5, "DATE", "2017年", "2016"), Span(5, 8, "GPE", "北京省"), Span(8, 11, "ORG", "财政局")],
             "unknown": [Span(0, 1, "GPE", "x")]}
    result = check_records({"d": RAW}, spans, outputs=True)
    by_name = {f.expectation: f for f in result.failed}
    text = next(n for n in by_name if "text_matches" in n)
    assert by_name[text].count == 3  # two wrong texts and the record of an unknown document
    assert {r["text"] for r in by_name[text].rows} == {"2017年", "北京省", "x"}
    assert any("known_doc" in n for n in by_name) and result.passed == result.total - len(result.failed)
    assert result.failed_names == [f.expectation for f in result.failed]


def test_the_result_round_trips_through_its_json() -> None:
    result = check_records({"d": RAW}, {"d": [Span(0, 5, "DATE", "2017年", "2016")]}, outputs=True)
    back = ExpectationResult.from_dict(result.to_dict())
    assert back.to_dict() == result.to_dict() and back.failed_names == result.failed_names


def test_many_sets_in_one_validation_each_get_what_a_validation_of_their_own_gives() -> None:
    clean = {"d": [Span(0, 5, "DATE", "2016年", "2016"), Span(5, 8, "GPE", "北京市")]}
    wrong = {"d": [Span(0, 5, "DATE", "2017年", "2016"), Span(5, 8, "GPE", "北京省"), Span(8, 11, "ORG", "财政局")],
             "unknown": [Span(0, 1, "GPE", "x")]}
    twice = {"d": clean["d"] + clean["d"][:1]}  # a duplicate record, out of order
    sets = {"clean": clean, "wrong": wrong, "again": clean, "twice": twice, "none": {}}
    many = check_many({"d": RAW}, sets, outputs=True)
    for name, spans in sets.items():
        alone = check_records({"d": RAW}, spans, outputs=True)
        assert many[name].to_dict(examples=5) == alone.to_dict(examples=5), name
        assert many[name].unexpected_rows == alone.unexpected_rows, name
    # the same records in two sets are not duplicates of each other; a set's own duplicate is one
    assert many["again"].failed == [] and any("unique" in n for n in many["twice"].failed_names)
    assert many["wrong"].passed < many["wrong"].total and check_many({"d": RAW}, {}) == {}
