"""The drift checks as Great Expectations distribution expectations, validated in one pass.

A run's statistics are counts (`TextStats`, additive over partitions), so the frame GX validates
is built from them: a column per figure, each holding its own values with nulls below them, which
GX's expectations skip. Per label: `length L` (every record's length), `parsed L` (True when a
numeric record's value parsed), `known L` (True when a name is in the profile); per amount unit
`amount LABEL unit`; `label` for the label mix; and one value each (first row) for the densities
and the script mix. The columns are marginals of the counts, which is all a per-figure check reads.

Expectations: the label mix by `ExpectColumnKLDivergenceToBeLessThan` (a categorical partition with
the profile's weights and a tail weight), span-length quartiles and amount medians by
`ExpectColumnQuantileValuesToBeBetween` (pandas' "lower" quantile, as the profile computed them),
parse and novelty rates as proportions (`ExpectColumnValuesToBeInSet` with `mostly`), densities
and script shares by `ExpectColumnValuesToBeBetween`. Limits come from the profile (bootstrapped
from the reference documents); each check is reported with the observed value GX computed.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from xbench.expectations.profile import KL_TAIL
from xbench.expectations.text_stats import TextStats

from extractors.schema import NAME_LABELS, NUMERIC_LABELS

How = Literal["value", "quantile", "rate", "unseen rate", "kl"]


@dataclass(frozen=True)
class Planned:
    """One drift check to validate: its name and limits, and the column and expectation that state it."""

    name: str
    kind: str
    low: float | None
    high: float | None
    column: str
    how: How
    quantile: float | None = None


def _expand(counts: dict[Any, int]) -> list[Any]:
    return [k for k in sorted(counts) for _ in range(counts[k])]


def _flags(yes: int, total: int) -> list[bool]:
    return [True] * yes + [False] * (total - yes)


def frame(stats: TextStats, labels: list[str], units: list[str], figures: dict[str, float | None]):
    """The columns described in the module docstring, padded with nulls to one length."""
    import pandas as pd

    cols: dict[str, list[Any]] = {"label": _expand({k: stats.labels.get(k, 0) for k in labels})}
    for lab in labels:
        n = stats.labels.get(lab, 0)
        cols[f"length {lab}"] = _expand(stats.lengths.get(lab, {}))
        if lab in NUMERIC_LABELS:
            cols[f"parsed {lab}"] = _flags(stats.parsed.get(lab, 0), n)
        if lab in NAME_LABELS:
            cols[f"known {lab}"] = _flags(n - stats.novel.get(lab, 0), n)
    for unit in units:
        cols[f"amount {unit}"] = _expand(stats.amounts.get(unit, {}))
    cols |= {name: [v] for name, v in figures.items()}
    rows = max(1, *(len(v) for v in cols.values()))
    return pd.DataFrame({k: pd.Series(v + [None] * (rows - len(v)), dtype=_dtype(k)) for k, v in cols.items()})


def _dtype(column: str) -> str:
    if column.startswith(("parsed ", "known ")):
        return "object"  # True/False and None: GX's value sets compare Python values
    return "object" if column == "label" else "float64"


def _expectation(group: list[Planned], kl_weights: dict[str, float] | None) -> Any:
    import great_expectations as gx

    E = gx.expectations
    p = group[0]
    if p.how == "quantile":  # every quantile of a column in one expectation
        return E.ExpectColumnQuantileValuesToBeBetween(
            column=p.column, quantile_ranges={"quantiles": [g.quantile for g in group],
                                              "value_ranges": [[g.low, g.high] for g in group]},
            allow_relative_error="lower")  # pandas' interpolation="lower": the quantile the profile's bands use
    if p.how == "kl":
        assert kl_weights is not None
        return E.ExpectColumnKLDivergenceToBeLessThan(
            column="label", partition_object={"values": list(kl_weights), "weights": list(kl_weights.values())},
            threshold=p.high, tail_weight_holdout=KL_TAIL)
    if p.how == "rate":  # the share of True at least `low`
        return E.ExpectColumnValuesToBeInSet(column=p.column, value_set=[True], mostly=p.low or 0.0)
    if p.how == "unseen rate":  # the share of False at most `high`
        return E.ExpectColumnValuesToBeInSet(column=p.column, value_set=[True], mostly=max(0.0, 1 - (p.high or 1.0)))
    return E.ExpectColumnValuesToBeBetween(column=p.column, min_value=p.low, max_value=p.high)


def _groups(planned: list[Planned]) -> list[list[Planned]]:
    groups: dict[tuple[str, str], list[Planned]] = {}
    for p in planned:
        key = (p.column, p.how) if p.how == "quantile" else (p.name, p.how)
        groups.setdefault(key, []).append(p)
    return list(groups.values())


def _observed(group: list[Planned], result: Any, df: Any) -> list[tuple[float | None, bool]]:
    r = result.result
    p = group[0]
    if p.how == "quantile":
        values = (r.get("observed_value") or {}).get("values") or [None] * len(group)
        return [(None if v is None else float(v), v is None or ((g.low is None or v >= g.low)
                                                                and (g.high is None or v <= g.high)))
                for g, v in zip(group, values, strict=True)]
    if p.how == "kl":
        v = r.get("observed_value")
        return [(None if v is None else round(float(v), 6), bool(result.success))]
    if p.how in ("rate", "unseen rate"):
        seen = r.get("element_count", 0) - r.get("missing_count", 0)
        unexpected = r.get("unexpected_count", 0) / seen if seen else None
        v = None if unexpected is None else (1 - unexpected if p.how == "rate" else unexpected)
        return [(v, bool(result.success))]
    v = df[p.column].iloc[0]
    return [(None if v != v else float(v), bool(result.success))]  # NaN: nothing to compare, passes


def validate(df: Any, planned: list[Planned],
             kl_weights: dict[str, float] | None) -> list[tuple[Planned, float | None, bool]]:
    """Every planned check validated by GX on `df` in one pass: (check, observed value, passed)."""
    import great_expectations as gx
    from xbench.expectations.suite import _context

    batch_definition = _context()  # GX binds a suite to the active context: ours (ephemeral) first
    groups = _groups(planned)
    suite = gx.ExpectationSuite(name="drift")
    for g in groups:
        suite.add_expectation(_expectation(g, kl_weights))
    res = batch_definition.get_batch(batch_parameters={"dataframe": df}).validate(suite, result_format="SUMMARY")
    out = []
    for g, r in zip(groups, res.results, strict=True):
        out += [(p, v, ok) for p, (v, ok) in zip(g, _observed(g, r, df), strict=True)]
    return out
