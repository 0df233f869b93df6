"""The schema (extractors.schema): labels, TIMEX3 values, value well-formedness."""
from __future__ import annotations

from extractors.schema import LABELS, NAME_LABELS, NUMERIC_LABELS, TIMEX_RE, value_problem


def test_label_sets() -> None:
    assert len(LABELS) == 9 and NAME_LABELS | NUMERIC_LABELS | {"DATE"} == set(LABELS)


def test_timex_values() -> None:
    for ok in ("2016", "2016-H1", "XXXX-04-19", "2022-11-03T15:04", "XXXX-01/XXXX-10"):
        assert TIMEX_RE.fullmatch(ok), ok
    assert not TIMEX_RE.fullmatch("2016年")


def test_value_problems_name_the_reason() -> None:
    assert value_problem("MONEY", {"amount": 5, "unit": "CNY"}) is None
    assert "ISO" in value_problem("MONEY", {"amount": 5, "unit": "RMB"})
    assert value_problem("PERCENT", {"amount": 5, "unit": "%"}) is None
    assert value_problem("PERCENT", {"amount": 5, "unit": "CNY"}) is not None
