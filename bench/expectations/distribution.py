"""The drift checks as Great Expectations distribution expectations, validated in one pass.

A run's statistics are counts (`TextStats`, additive over partitions), so the frame GX validates
is built from them. Several scopes (the whole corpus and each partition) are validated together:
GX has a fixed cost per expectation, so a check stated once for every scope costs what one costs.

- Figures (densities, script shares): one row per scope and figure, with its band in `low` and
  `high` (null: no limit on that side), checked by two `ExpectColumnPairValuesAToBeGreaterThanB`
  (observed >= low, high >= observed; a null figure or limit is skipped, as
  `ExpectColumnValuesToBeBetween` skips nulls).
- Per scope `#i`, a column per figure that needs the records, each holding its own values with
  nulls below them, which GX's expectations skip: `length L #i` (every record's length),
  `parsed L #i` (True when a numeric record's value parsed), `known L #i` (True when a name is in
  the profile), `amount LABEL unit #i`, and `label #i` for the label mix. The columns are marginals
  of the counts, which is all a per-figure check reads.

Expectations: the label mix by `ExpectColumnKLDivergenceToBeLessThan` (a categorical partition with
the profile's weights and a tail weight), span-length quartiles and amount medians by
`ExpectColumnQuantileValuesToBeBetween` (pandas' "lower" quantile, as the profile computed them),
parse and novelty rates as proportions (`ExpectColumnValuesToBeInSet` with `mostly`), figures
against their bands as above. Limits come from the profile (bootstrapped from the reference
documents); each check is reported with the observed value GX computed.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from xbench.expectations.profile import KL_TAIL
from xbench.expectations.text_stats import TextStats

How = Literal["value", "quantile", "rate", "unseen rate", "kl"]
# scopes per GX validation: a wide frame of a thousand partitions' records would only cost memory
SCOPES_PER_VALIDATION = 64
FIGURE_CHECKS = (("observed", "low"), ("high", "observed"))  # (A, B): A >= B


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


@dataclass
class Scope:
    """One body of text to check (the whole corpus, or a partition): its counts, its labels and its checks."""

    stats: TextStats
    labels: list[str]
    planned: list[Planned]
    figures: dict[str, float | None]  # the observed value of each "value" check, by name
    kl_weights: dict[str, float] | None = None


def _expand(counts: dict[Any, int]) -> list[Any]:
    return [k for k in sorted(counts) for _ in range(counts[k])]


def _flags(yes: int, total: int) -> list[bool]:
    return [True] * yes + [False] * (total - yes)


def _values(scope: Scope, column: str) -> list[Any]:
    """The values of one record column (`length L`, `parsed L`, `known L`, `amount U`, `label`) of a scope."""
    st, (kind, _, rest) = scope.stats, column.partition(" ")
    if column == "label":
        return _expand({k: st.labels.get(k, 0) for k in scope.labels})
    if kind == "length":
        return _expand(st.lengths.get(rest, {}))
    if kind == "amount":
        return _expand(st.amounts.get(rest, {}))
    n = st.labels.get(rest, 0)
    return _flags(st.parsed.get(rest, 0), n) if kind == "parsed" else _flags(n - st.novel.get(rest, 0), n)


def _col(p: Planned, i: int) -> str:
    return f"{p.column} #{i}"


def frame(scopes: list[Scope]):
    """The rows and columns described in the module docstring, padded with nulls to one length."""
    import pandas as pd

    cols: dict[str, list[Any]] = {"observed": [], "low": [], "high": []}
    for i, s in enumerate(scopes):
        for p in s.planned:
            if p.how == "value":
                cols["observed"].append(s.figures.get(p.name))
                cols["low"].append(p.low)
                cols["high"].append(p.high)
            elif _col(p, i) not in cols:
                cols[_col(p, i)] = _values(s, p.column)
    rows = max(1, *(len(v) for v in cols.values()))
    return pd.DataFrame({k: pd.Series(v + [None] * (rows - len(v)), dtype=_dtype(k)) for k, v in cols.items()})


def _dtype(column: str) -> str:
    if column.startswith(("parsed ", "known ")):
        return "object"  # True/False and None: GX's value sets compare Python values
    return "object" if column.startswith("label #") else "float64"


def _expectation(group: list[Planned], kl_weights: dict[str, float] | None, i: int = 0) -> Any:
    """The GX expectation of one scope's group of checks on a record column (not a figure)."""
    import great_expectations as gx

    E, p = gx.expectations, group[0]
    if p.how == "quantile":  # every quantile of a column in one expectation
        return E.ExpectColumnQuantileValuesToBeBetween(
            column=_col(p, i), quantile_ranges={"quantiles": [g.quantile for g in group],
                                                "value_ranges": [[g.low, g.high] for g in group]},
            allow_relative_error="lower")  # pandas' interpolation="lower": the quantile the profile's bands use
    if p.how == "kl":
        assert kl_weights is not None
        return E.ExpectColumnKLDivergenceToBeLessThan(
            column=_col(p, i), partition_object={"values": list(kl_weights), "weights": list(kl_weights.values())},
            threshold=p.high, tail_weight_holdout=KL_TAIL)
    if p.how == "rate":  # the share of True at least `low`
        return E.ExpectColumnValuesToBeInSet(column=_col(p, i), value_set=[True], mostly=p.low or 0.0)
    if p.how == "unseen rate":  # the share of False at most `high`
        return E.ExpectColumnValuesToBeInSet(column=_col(p, i), value_set=[True],
                                             mostly=max(0.0, 1 - (p.high or 1.0)))
    raise ValueError(f"{p.name}: a figure is checked against its band, not by an expectation of its own")


def figure_expectations() -> list[Any]:
    """Every scope's figures against their bands: observed >= low and high >= observed, nulls skipped."""
    import great_expectations as gx

    return [gx.expectations.ExpectColumnPairValuesAToBeGreaterThanB(
        column_A=a, column_B=b, or_equal=True, ignore_row_if="either_value_is_missing") for a, b in FIGURE_CHECKS]


def _groups(planned: list[Planned]) -> list[list[Planned]]:
    """A scope's record-column checks, grouped one per expectation (a column's quantiles together)."""
    groups: dict[tuple[str, str], list[Planned]] = {}
    for p in planned:
        if p.how != "value":
            key = (p.column, p.how) if p.how == "quantile" else (p.name, p.how)
            groups.setdefault(key, []).append(p)
    return list(groups.values())


def _observed(group: list[Planned], result: Any) -> list[tuple[float | None, bool]]:
    r, p = result.result, group[0]
    if p.how == "quantile":
        values = (r.get("observed_value") or {}).get("values") or [None] * len(group)
        return [(None if v is None else float(v), v is None or ((g.low is None or v >= g.low)
                                                                and (g.high is None or v <= g.high)))
                for g, v in zip(group, values, strict=True)]
    if p.how == "kl":
        v = r.get("observed_value")
        return [(None if v is None else round(float(v), 6), bool(result.success))]
    seen = r.get("element_count", 0) - r.get("missing_count", 0)
    unexpected = r.get("unexpected_count", 0) / seen if seen else None
    v = None if unexpected is None else (1 - unexpected if p.how == "rate" else unexpected)
    return [(v, bool(result.success))]


def _rows(result: Any) -> set[int]:
    idx = result.result.get("unexpected_index_list") or []
    return {i if isinstance(i, int) else i.get("index", i) for i in idx}


Checked = list[tuple[Planned, float | None, bool]]


def validate(scopes: list[Scope]) -> list[Checked]:
    """Every scope's planned checks validated by GX, in one pass per SCOPES_PER_VALIDATION scopes:
    per scope, (check, observed value, passed) in its planned order."""
    out: list[Checked] = []
    for at in range(0, len(scopes), SCOPES_PER_VALIDATION):
        out += _validate(scopes[at:at + SCOPES_PER_VALIDATION])
    return out


def _validate(scopes: list[Scope]) -> list[Checked]:
    import great_expectations as gx
    from xbench.expectations.suite import _context

    batch_definition = _context()  # GX binds a suite to the active context: ours (ephemeral) first
    df = frame(scopes)
    suite = gx.ExpectationSuite(name="drift")
    for e in figure_expectations():
        suite.add_expectation(e)
    groups = [(i, g) for i, s in enumerate(scopes) for g in _groups(s.planned)]
    for i, g in groups:
        suite.add_expectation(_expectation(g, scopes[i].kl_weights, i))
    res = batch_definition.get_batch(batch_parameters={"dataframe": df}).validate(
        suite, result_format={"result_format": "COMPLETE"})  # COMPLETE: every figure row outside its band
    outside = _rows(res.results[0]) | _rows(res.results[1])
    verdicts: dict[tuple[int, Planned], tuple[float | None, bool]] = {}
    row = 0
    for i, s in enumerate(scopes):
        for p in s.planned:
            if p.how == "value":
                v = df["observed"].iloc[row]
                verdicts[i, p] = (None if v != v else float(v), row not in outside)  # NaN: nothing to compare
                row += 1
    for (i, g), r in zip(groups, res.results[len(FIGURE_CHECKS):], strict=True):
        verdicts |= {(i, p): o for p, o in zip(g, _observed(g, r), strict=True)}
    return [[(p, *verdicts[i, p]) for p in s.planned] for i, s in enumerate(scopes)]
