import json
from pathlib import Path

from xbench.cli import main
from xbench.gates.baseline import Figure, baseline_from, failure_message, figures, ratchet
from xbench.gates.compare import compare
from xbench.result import ExtractorResult
from xbench.scoring.error_analysis import ErrorExample


def _entry(name: str, f1: float, failed: list[str] | None = None) -> dict:
    """One extractor as latest.json holds it."""
    mode = {"micro": {"precision": f1, "recall": f1, "f1": f1, "ci95": [f1, f1]},
            "macro": {"precision": f1, "recall": f1, "f1": f1},
            "per_label": {"MONEY": {"precision": f1, "recall": f1, "f1": f1, "n_gold": 3, "n_pred": 3}},
            "per_doc": {}}
    return {"name": name, "kind": "regex", "scores": {m: mode for m in ("strict", "exact", "partial", "type")} |
            {"value": {"accuracy": 1.0, "n": 3}},
            "expectations": {"passed": 2 - len(failed or []), "total": 2,
                             "failed": [{"expectation": f} for f in failed or []]}}


def _result(name: str, f1: float, failed: list[str] | None = None) -> ExtractorResult:
    return ExtractorResult.from_json(_entry(name, f1, failed))


def test_drop_beyond_margin_and_new_failures_are_regressions() -> None:
    old = {"a": _result("a", 0.90), "b": _result("b", 0.80), "c": _result("c", 0.5)}
    new = {"a": _result("a", 0.89), "b": _result("b", 0.70), "c": _result("c", 0.5, ["x"])}
    found = {(r.extractor, r.figure) for r in compare(old, new, margin=0.02)}
    assert found == {("b", "strict micro F1"), ("c", "expectation x")}
    assert {(r.extractor, r.figure) for r in compare(old, {"a": old["a"]})} == {("b", "run"), ("c", "run")}


def test_cli_compare_exit_codes(tmp_path: Path, capsys) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps({"extractors": [_entry("a", 0.9)]}))
    new.write_text(json.dumps({"extractors": [_entry("a", 0.8)]}))
    assert main(["compare", str(old), str(old)]) == 0
    assert main(["compare", str(old), str(new)]) == 1
    assert "a: strict micro F1 0.9 -> 0.8" in capsys.readouterr().out
    (tmp_path / "bad.json").write_text("{")
    assert main(["compare", str(tmp_path / "bad.json"), str(new)]) == 2


def test_baseline_only_ratchets_up() -> None:
    old = baseline_from([_result("a", 0.9)], ["x"])
    lower = baseline_from([_result("a", 0.8)], ["x"])
    kept, refused = ratchet(old, lower)
    assert kept["extractors"]["a"]["figures"]["strict.f1"] == 0.9 and refused
    dropped, _ = ratchet(old, lower, allow_drop=True)
    assert dropped["extractors"]["a"]["figures"]["strict.f1"] == 0.8
    higher = baseline_from([_result("a", 0.95)], ["x"])
    assert ratchet(old, higher)[0]["extractors"]["a"]["figures"]["strict.f1"] == 0.95


def test_an_allowed_drop_can_name_the_extractors_it_accepts() -> None:
    old = baseline_from([_result("a", 0.9), _result("b", 0.9)], ["x"])
    lower = baseline_from([_result("a", 0.8), _result("b", 0.8)], ["x"])
    merged, refused = ratchet(old, lower, allow_drop={"a"})
    assert merged["extractors"]["a"]["figures"]["strict.f1"] == 0.8  # accepted
    assert merged["extractors"]["b"]["figures"]["strict.f1"] == 0.9  # still a floor
    assert refused and all(r.startswith("b ") for r in refused)


def test_an_allowed_drop_of_an_unknown_extractor_is_bad_usage(tmp_path: Path, capsys) -> None:
    result = tmp_path / "latest.json"
    assert main(["run", "-e", "regex", "--no-speed", "--out", str(tmp_path)]) == 0
    baseline = tmp_path / "baseline.json"
    args = ["baseline", "update", "--result", str(result), "--baseline", str(baseline)]
    assert main([*args, "--allow-drop", "nosuch"]) == 2
    assert "--allow-drop names no extractor" in capsys.readouterr().err and not baseline.exists()
    assert main([*args, "--allow-drop", "regex"]) == 0 and baseline.exists()


def test_failure_message_names_extractor_figure_values_and_errors() -> None:
    errors = [ErrorExample("missed", "d", 1, 6, "310萬元", "MONEY", None, "310萬元", "共⟦310萬元⟧"),
              ErrorExample("spurious", "d", 0, 1, "局", None, "ORG", None, "⟦局⟧")]
    msg = failure_message(Figure("regex", "per_label.MONEY.f1", 1.0), 0.5, errors)
    assert "regex: per_label.MONEY.f1 fell from 1.0000 to 0.5000" in msg and "310萬元" in msg and "⟦局⟧" not in msg
    assert figures(_result("a", 0.9)) == {"strict.f1": 0.9, "value.accuracy": 1.0, "per_label.MONEY.f1": 0.9}


def test_baseline_keeps_the_drift_checks_passed_as_a_floor() -> None:
    def with_drift(passed: list[str], failed: list[str]) -> ExtractorResult:
        e = _result("a", 0.9)
        e.drift = {"checks": [{"name": n, "passed": True} for n in passed]
                   + [{"name": n, "passed": False} for n in failed]}
        return e

    old = baseline_from([with_drift(["density DATE"], ["density ORG"])], ["x"])
    assert old["extractors"]["a"]["drift_passed"] == ["density DATE"]
    new = baseline_from([with_drift(["density ORG"], ["density DATE"])], ["x"])
    assert ratchet(old, new)[0]["extractors"]["a"]["drift_passed"] == ["density DATE", "density ORG"]
    assert "drift_passed" not in baseline_from([_result("a", 0.9)], ["x"])["extractors"]["a"]  # not checked
