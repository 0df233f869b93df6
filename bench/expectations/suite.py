"""The Great Expectations suite over extraction records: gold and extractor outputs alike.

Records become one pandas row each, with derived columns for the checks GX cannot state
directly (does `text` equal `raw[start:end]`? does an edge fall inside an annotation?);
the suite then runs on an ephemeral, in-memory context built once per process, so nothing
is written to the home directory or the repo.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from extractors.annotations import annotation_ranges
from extractors.schema import LABELS, MAX_SPAN_CHARS, NUMERIC_LABELS, TIMEX_RE, Span, value_problem


@dataclass
class Failure:
    expectation: str
    rows: list[dict[str, Any]] = field(default_factory=list)  # up to a few offending records
    count: int = 0  # how many records it rejected


@dataclass
class ExpectationResult:
    total: int
    passed: int
    failed: list[Failure]
    # per expectation name: the row indices it rejected (the validator maps them to lines)
    unexpected_rows: dict[str, list[int]] = field(default_factory=dict)

    @property
    def failed_names(self) -> list[str]:
        return [f.expectation for f in self.failed]

    def to_dict(self, examples: int = 3) -> dict[str, Any]:
        return {"passed": self.passed, "total": self.total,
                "failed": [{"expectation": f.expectation, "count": f.count, "examples": f.rows[:examples]}
                           for f in self.failed]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ExpectationResult:
        """Read back from a result file: the failures with their counts and examples (not every row)."""
        return cls(total=d.get("total", 0), passed=d.get("passed", 0),
                   failed=[Failure(f["expectation"], list(f.get("examples", [])), f.get("count", 0))
                           for f in d.get("failed", [])])


def records_frame(docs: dict[str, str], spans: dict[str, list[Span]], lines: dict[str, list[int]] | None = None):
    """One row per record with the derived columns the suite checks."""
    import pandas as pd

    rows = []
    for doc_id, doc_spans in spans.items():
        raw = docs.get(doc_id)
        ann = annotation_ranges(raw) if raw is not None else []
        inside = set()
        for a, b in ann:
            inside.update(range(a + 1, b))  # positions strictly within an annotation
        prev_end, prev_start = -math.inf, -math.inf  # a negative start is reported once, as negative
        doc_lines = (lines or {}).get(doc_id) or [None] * len(doc_spans)
        for i, s in enumerate(doc_spans):
            v = s.value
            nums = [v.get(k) for k in ("amount", "low", "high")] if isinstance(v, dict) else []
            nums = [n for n in nums if isinstance(n, (int, float)) and not isinstance(n, bool)]
            rows.append({
                "doc_id": doc_id,
                "line": doc_lines[i],
                "start": s.start, "end": s.end, "label": s.label, "text": s.text,
                "score": s.score,
                "known_doc": raw is not None,
                "doc_len": len(raw) if raw is not None else -1,
                "text_matches": raw is not None and raw[s.start:s.end] == s.text,
                "sorted": s.start >= prev_start,
                "overlaps_previous": s.start < prev_end,
                "edge_in_annotation": s.start in inside or s.end in inside,
                "value_problem": value_problem(s.label, v) if s.label in LABELS else None,
                "numeric_has_value": (v is not None) if s.label in NUMERIC_LABELS else None,
                "date_is_timex": (v is None or (isinstance(v, str) and bool(TIMEX_RE.fullmatch(v))))
                if s.label == "DATE" else None,
                "min_amount": min(nums) if nums else None,
                "length": s.end - s.start,
            })
            if 0 <= s.start < s.end and (raw is None or s.end <= len(raw)):
                # offsets out of bounds are reported once, not again as overlaps of the next records
                prev_end = max(prev_end, s.end)
                prev_start = s.start
    cols = ["doc_id", "line", "start", "end", "label", "text", "score", "known_doc", "doc_len", "text_matches",
            "sorted", "overlaps_previous", "edge_in_annotation", "value_problem", "numeric_has_value",
            "date_is_timex", "min_amount", "length"]
    return pd.DataFrame(rows, columns=cols)


def _suite(outputs: bool):
    import great_expectations as gx

    E = gx.expectations
    name = "extractor_outputs" if outputs else "records"
    suite = gx.ExpectationSuite(name=name)
    for col in ("doc_id", "start", "end", "label", "text"):
        suite.add_expectation(E.ExpectColumnToExist(column=col))
    checks = [
        E.ExpectColumnValuesToBeInSet(column="label", value_set=list(LABELS)),
        E.ExpectColumnValuesToBeBetween(column="start", min_value=0),
        E.ExpectColumnPairValuesAToBeGreaterThanB(column_A="end", column_B="start"),
        E.ExpectColumnPairValuesAToBeGreaterThanB(column_A="doc_len", column_B="end", or_equal=True),
        E.ExpectColumnValuesToBeInSet(column="text_matches", value_set=[True]),
        E.ExpectColumnValuesToBeInSet(column="sorted", value_set=[True]),
        E.ExpectColumnValuesToBeInSet(column="overlaps_previous", value_set=[False]),
        E.ExpectCompoundColumnsToBeUnique(column_list=["doc_id", "start", "end", "label"]),
        E.ExpectColumnValuesToBeInSet(column="edge_in_annotation", value_set=[False]),
        E.ExpectColumnValuesToBeNull(column="value_problem"),
        E.ExpectColumnValuesToBeInSet(column="date_is_timex", value_set=[True]),
        E.ExpectColumnValuesToBeBetween(column="min_amount", min_value=0),
        E.ExpectColumnValuesToBeBetween(column="length", min_value=1, max_value=MAX_SPAN_CHARS),
    ]
    if outputs:
        checks += [
            E.ExpectColumnValuesToBeInSet(column="known_doc", value_set=[True]),
            E.ExpectColumnValuesToBeBetween(column="score", min_value=0, max_value=1),
            E.ExpectColumnValuesToBeInSet(column="numeric_has_value", value_set=[True]),
        ]
    for c in checks:
        suite.add_expectation(c)
    return suite


@lru_cache(maxsize=1)
def _context():
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    # GX draws a tqdm bar per validation; the suite runs often and must stay quiet
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    asset = context.data_sources.add_pandas("xbench").add_dataframe_asset(name="records")
    return asset.add_batch_definition_whole_dataframe("all")


@lru_cache(maxsize=2)
def suite(outputs: bool = False):
    _context()  # GX binds suites to the active context: make sure ours (ephemeral) is the one
    return _suite(outputs)


def expectation_name(cfg: Any) -> str:
    kw = cfg.kwargs
    target = kw.get("column") or (f"{kw['column_A']}>{kw['column_B']}" if "column_A" in kw else None) \
        or ",".join(kw.get("column_list", []))
    return f"{cfg.type}({target})"


Verdict = tuple[str, bool, list[int]]  # an expectation's name, whether it passed, the rows it rejected


def _validated(frame, outputs: bool) -> list[Verdict]:
    """Each expectation of the suite on `frame`: (name, passed, rejected row indices)."""
    batch = _context().get_batch(batch_parameters={"dataframe": frame})
    res = batch.validate(suite(outputs), result_format={"result_format": "COMPLETE"})
    out = []
    for r in res.results:
        idx = list(r.result.get("unexpected_index_list") or [])
        out.append((expectation_name(r.expectation_config), bool(r.success),
                    [i if isinstance(i, int) else i.get("index", i) for i in idx]))
    return out


def _expectation_result(frame, verdicts: list[Verdict]) -> ExpectationResult:
    failed, unexpected = [], {}
    for name, ok, idx in verdicts:
        if ok:
            continue
        unexpected[name] = idx
        examples = frame.loc[idx[:5], ["doc_id", "start", "end", "label", "text"]].to_dict("records") if idx else []
        failed.append(Failure(name, examples, len(idx)))
    total = len(verdicts)
    return ExpectationResult(total=total, passed=total - len(failed), failed=failed, unexpected_rows=unexpected)


def run_suite(frame, outputs: bool = False) -> ExpectationResult:
    return _expectation_result(frame, _validated(frame, outputs))


def check_records(docs: dict[str, str], spans: dict[str, list[Span]], outputs: bool = False) -> ExpectationResult:
    return run_suite(records_frame(docs, spans), outputs=outputs)


def check_many(docs: dict[str, str], record_sets: dict[str, dict[str, list[Span]]],
               outputs: bool = False) -> dict[str, ExpectationResult]:
    """Each set of records (e.g. each extractor's) checked as `check_records` checks it, all sets in
    one GX validation: a validation's fixed cost (~0.2 s) is paid once, not once per set."""
    import pandas as pd

    frames = {name: records_frame(docs, spans) for name, spans in record_sets.items()}
    if not frames:
        return {}
    # each set's doc ids made its own, so the uniqueness check compares records of one set only
    tagged = [f.assign(doc_id=f"{k}\x1f" + f["doc_id"].astype(str)) for k, f in enumerate(frames.values())]
    verdicts = _validated(pd.concat(tagged, ignore_index=True), outputs)
    out, start = {}, 0
    for name, frame in frames.items():
        end = start + len(frame)
        mine = [[i - start for i in idx if start <= i < end] for _, _, idx in verdicts]
        # a rejection with no rows (a table-level expectation) is every set's
        out[name] = _expectation_result(frame, [(e, ok or (bool(idx) and not rows), rows)
                                                for (e, ok, idx), rows in zip(verdicts, mine, strict=True)])
        start = end
    return out


def expectation_names(outputs: bool = True) -> list[str]:
    """Names of the suite's expectations, as results and reports spell them."""
    return [expectation_name(e.configuration) for e in suite(outputs).expectations]
