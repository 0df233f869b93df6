"""Drift checks against the reference profile, on corpora made for the purpose.

Function-level (no worker processes): seed copies pass; seeds with Chinese numerals in place of
Arabic digits fail the label mix and numeric density; plain news text is text drift; an extractor
that drops every PERSON fails the PERSON density. One CLI run checks the exit codes end to end.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import cn2an
import pytest
from xbench.cli import main
from xbench.expectations.drift import check_drift
from xbench.expectations.profile import DEFAULT_PROFILE, load_profile, profile_json
from xbench.expectations.profile_sources import profile_from_gold
from xbench.expectations.text_stats import TextStats, doc_stats

from extractors.registry import get_extractor

# plain news sentences, written for this test: Simplified script, no pinyin readings, another genre
NEWS = ("记者从市交通局获悉，本市将新开通三条公交线路，方便市民出行。\n"
        "昨天下午，一场大雨让城区气温明显下降，不少市民出门带上了雨伞。\n"
        "学校图书馆延长了开放时间，学生们可以在晚上继续自习。\n") * 40


def chinese_numerals(text: str) -> str:
    """Every run of Arabic digits written as a Chinese numeral (cn2an)."""
    return re.sub(r"\d+(?:\.\d+)?", lambda m: cn2an.an2cn(m.group(0)), text)


@pytest.fixture(scope="module")
def seeds(root: Path) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted((root / "seeds").glob("*.txt"))}


@pytest.fixture(scope="module")
def profile() -> dict:
    return load_profile()


def stats_of(texts: list[str], extract, profile: dict) -> TextStats:
    known = {k: frozenset(v) for k, v in profile["names"].items()}
    out = TextStats()
    for t in texts:
        out.add(doc_stats(t, extract(t), known))
    return out


def test_the_committed_profile_is_what_the_command_builds(root: Path) -> None:
    built = profile_json(profile_from_gold(root / "seeds", root / "goldens"))
    assert DEFAULT_PROFILE.read_text(encoding="utf-8") == built


def test_seed_copies_pass(seeds: dict[str, str], profile: dict) -> None:
    ex = get_extractor("regex")
    report = check_drift(stats_of(list(seeds.values()) * 3, ex.extract, profile), profile, list(ex.labels))
    assert report.verdict == "ok", [c.to_dict() for c in report.failed]
    assert any(c.name == "label mix KL divergence" for c in report.checks) and len(report.checks) > 20


def test_chinese_numerals_fail_the_label_mix_and_numeric_density(seeds: dict[str, str], profile: dict) -> None:
    ex = get_extractor("regex")
    texts = [chinese_numerals(t) for t in seeds.values()]
    assert not any(re.search(r"\d", t) for t in texts)
    report = check_drift(stats_of(texts, ex.extract, profile), profile, list(ex.labels))
    failed = {c.name for c in report.failed}
    assert report.verdict == "extractor drift"
    assert {"label mix KL divergence", "density QUANTITY"} <= failed, failed
    assert not {c.name for c in report.failed if c.kind == "text"}


def test_another_genre_is_text_drift(profile: dict) -> None:
    ex = get_extractor("regex")
    report = check_drift(stats_of([NEWS], ex.extract, profile), profile, list(ex.labels))
    assert report.verdict == "text drift"
    assert {"traditional share", "pinyin readings per 1k chars"} <= {c.name for c in report.failed}


class DropPerson:
    """Wraps an extractor and loses every PERSON: the failure the PERSON density must catch."""

    def __init__(self, inner) -> None:
        self.inner, self.labels = inner, inner.labels

    def extract(self, text: str) -> list:
        return [s for s in self.inner.extract(text) if s.label != "PERSON"]


def test_dropping_every_person_fails_the_person_density(seeds: dict[str, str], profile: dict) -> None:
    ex = get_extractor("lac")
    check = {c.name: c for c in check_drift(stats_of(list(seeds.values()), ex.extract, profile), profile,
                                            list(ex.labels)).checks}
    assert check["density PERSON"].passed, check["density PERSON"]
    dropped = check_drift(stats_of(list(seeds.values()), DropPerson(ex).extract, profile), profile, list(ex.labels))
    person = next(c for c in dropped.checks if c.name == "density PERSON")
    assert not person.passed and person.observed == 0 and person.low > 0


def test_too_little_text_is_not_judged(profile: dict) -> None:
    report = check_drift(stats_of(["2016年"], get_extractor("regex").extract, profile), profile)
    assert report.verdict == "too small to check" and not report.failed


def test_corpus_run_exit_codes(seeds: dict[str, str], tmp_path: Path) -> None:
    corpus = tmp_path / "numerals"
    corpus.mkdir()
    for d, t in seeds.items():
        (corpus / f"{d}.txt").write_text(chinese_numerals(t), encoding="utf-8")
    base = ["run", "--corpus", str(corpus), "-e", "regex", "--records", str(tmp_path / "records")]
    assert main([*base, "--out", str(tmp_path / "a")]) == 1
    drift = json.loads((tmp_path / "a" / "corpus.json").read_text(encoding="utf-8"))["runs"][0]["drift"]
    assert drift["verdict"] == "extractor drift" and drift["partitions"][0]["density"]
    failed = [c for c in drift["checks"] if not c["passed"]]
    assert failed and all(c["observed"] is not None and (c["low"], c["high"]) != (None, None) for c in failed)
    # the corpus report next to it: the density plot, each failed check with its band and the records behind it
    page = (tmp_path / "a" / "corpus.html").read_text(encoding="utf-8")
    assert page.count("<svg class='plot density'") == len(drift["partitions"][0]["density"])
    assert "regex: density DATE (extractor): observed" in page and "reference band" in page
    dates = next(c for c in failed if c["name"] == "density DATE")["examples"]
    assert dates and all(e["label"] == "DATE" and f"【{e['text']}】" in e["context"] for e in dates)
    assert dates[0]["context"] in page
    # accepted as the reference, the run is no drift against its own profile
    own = tmp_path / "own.json"
    assert main(["profile", "build", "--from", str(tmp_path / "a" / "corpus.json"), "-o", str(own)]) == 0
    regex = get_extractor("regex")
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    assert check_drift(stats_of(texts, regex.extract, load_profile(own)), load_profile(own)).verdict == "ok"
    assert main([*base, "--out", str(tmp_path / "b"), "--no-drift-checks"]) == 0
    assert json.loads((tmp_path / "b" / "corpus.json").read_text(encoding="utf-8"))["runs"][0]["drift"] is None


def test_mojibake_lines_are_counted_and_pinyin_is_not_mojibake() -> None:
    from xbench.expectations.text_stats import script_counts

    garbled = "国务院办公厅关于印发通知".encode().decode("cp1252", errors="replace")
    assert script_counts(f"{garbled}\n正常的一行\n")["mojibake"] == 1
    assert script_counts("中新網(wǎng)記者報道\n")["mojibake"] == 0


def test_regressions_are_checks_the_baseline_passed() -> None:
    from xbench.expectations.drift import regressions

    drift = {"checks": [{"name": "density DATE", "passed": False}, {"name": "density ORG", "passed": False},
                        {"name": "density GPE", "passed": True}]}
    assert [c["name"] for c in regressions(drift, ["density DATE", "density GPE"])] == ["density DATE"]
    assert regressions(drift, None) == [] and regressions(None, ["density DATE"]) == []


def test_seeds_run_checks_drift_and_a_regression_is_exit_1(root: Path, tmp_path: Path, monkeypatch,
                                                           capsys) -> None:
    """A seeds run checks each extractor against the profile; a check the baseline passed that fails now
    (here: a profile whose DATE band no real extractor meets) is exit 1, and --no-drift-checks skips it."""
    profile = load_profile()
    for c in profile["checks"]:
        if c["name"] == "density DATE":
            c["band"] = [100.0, 200.0]
    (tmp_path / "strict.json").write_text(profile_json(profile), encoding="utf-8")
    (tmp_path / "bench").mkdir()
    (tmp_path / "bench" / "baseline.json").write_text(json.dumps(
        {"extractors": {"regex": {"drift_passed": ["density DATE", "density ORG"]}}}), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    base = ["run", "-e", "regex", "--no-speed", "--seeds", str(root / "seeds"), "--goldens", str(root / "goldens")]
    assert main([*base, "--out", "a", "--profile", "strict.json"]) == 1
    captured = capsys.readouterr()
    assert "regex: drift check density DATE failed on the seeds" in captured.err
    header = next(line for line in captured.out.splitlines() if "strict F1" in line)
    row = next(line for line in captured.out.splitlines() if " regex " in line)
    assert header.split()[-1] == "drift"
    [regex] = json.loads((tmp_path / "a" / "latest.json").read_text(encoding="utf-8"))["extractors"]
    failed = [c["name"] for c in regex["drift"]["checks"] if not c["passed"]]
    assert failed == ["density DATE"] and regex["drift"]["verdict"] == "extractor drift"
    total = regex["drift"]["total"]
    assert row.split()[-1] == f"{regex['drift']['passed']}/{total}" == f"{total - 1}/{total}"
    assert "Drift checks failed on the seeds" in (tmp_path / "a" / "report.html").read_text(encoding="utf-8")
    assert main([*base, "--out", "b", "--profile", "strict.json", "--no-drift-checks"]) == 0
    assert "drift" not in json.loads((tmp_path / "b" / "latest.json").read_text(encoding="utf-8"))["extractors"][0]


def test_checks_are_gx_expectations_observing_the_profiles_figures(seeds: dict[str, str], profile: dict) -> None:
    """Each check is validated by a GX distribution expectation, and the value GX observes is the figure the
    profile's bands were bootstrapped from (numpy, `measures`): no check compares two different things."""
    import great_expectations as gx
    from xbench.expectations.distribution import _expectation, _groups, figure_expectations
    from xbench.expectations.drift import _plan
    from xbench.expectations.profile import measures, mix

    ex = get_extractor("lac")
    stats = stats_of(list(seeds.values()), ex.extract, profile)
    labels = sorted(set(profile["label_mix"]) & set(ex.labels))
    report = check_drift(stats, profile, list(ex.labels))
    figures = {m.name: v for m, v in measures(stats, labels, profile["amount_units"]).items()}
    for c in report.checks:
        if c.name != "label mix KL divergence":
            assert c.observed == pytest.approx(figures[c.name], abs=1e-9), c.name
    by_name = {m.name: m for m in measures(stats, labels, profile["amount_units"])}
    planned = [p for ref in profile["checks"] if ref["name"] in by_name and ref["band"]
               and (p := _plan(ref, by_name[ref["name"]], stats, "gold")) is not None]
    kinds = {type(_expectation(g, mix(profile["label_mix"], labels))).__name__ for g in _groups(planned)}
    assert kinds == {"ExpectColumnQuantileValuesToBeBetween", "ExpectColumnValuesToBeInSet"}
    assert {p.how for p in planned} - {"quantile", "rate", "unseen rate"} == {"value"}  # the figures: rows
    assert {type(e).__name__ for e in figure_expectations()} == {"ExpectColumnPairValuesAToBeGreaterThanB"}
    kl = next(c for c in report.checks if c.name == "label mix KL divergence")
    assert kl.observed is not None and kl.high == profile["label_mix_kl"]["threshold"] and kl.passed
    assert isinstance(_expectation([_plan_kl(kl)], mix(profile["label_mix"], labels)),
                      gx.expectations.ExpectColumnKLDivergenceToBeLessThan)


def _plan_kl(check):
    from xbench.expectations.distribution import Planned

    return Planned(check.name, check.kind, None, check.high, "label", "kl")


def test_a_failed_text_check_shows_the_lines_behind_it(tmp_path: Path) -> None:
    from xbench.corpus.examples import Texts, check_examples

    (tmp_path / "doc.txt").write_text("简体的一行\n這是繁體的一行\n中新網(wǎng)報道\n", encoding="utf-8")
    records = tmp_path / "records"
    records.mkdir()
    (records / "part-00000.summary.json").write_text(json.dumps({"doc_ids": ["doc"]}), encoding="utf-8")
    run = {"records": str(records), "labels": {}}
    grew = {"name": "traditional share", "kind": "text", "observed": 0.6, "low": 0.03, "high": 0.34, "passed": False}
    lines = check_examples(run, grew, {}, Texts(tmp_path))
    assert [e["line"] for e in lines] == [2, 3] and lines[0]["text"] == "這是繁體的一行"
    fell = {**grew, "observed": 0.0}
    assert [e["line"] for e in check_examples(run, fell, {}, Texts(tmp_path))] == [1]
    pinyin = {**grew, "name": "pinyin readings per 1k chars", "observed": 90.0, "high": 70.0}
    assert [e["line"] for e in check_examples(run, pinyin, {}, Texts(tmp_path))] == [3]


def test_scopes_validated_together_are_each_checked_as_alone(seeds: dict[str, str], profile: dict) -> None:
    """The corpus and its partitions share one GX validation: every scope still gets every check it would get
    alone, with the same observed values and verdicts (a band check of one scope never leaks into another)."""
    from xbench.expectations.drift import check_scopes

    ex = get_extractor("regex")
    texts = list(seeds.values())
    parts = [stats_of(texts[:2], ex.extract, profile), stats_of([texts[2]] * 3, ex.extract, profile),
             stats_of([chinese_numerals(t) for t in texts], ex.extract, profile), stats_of([NEWS], ex.extract, profile),
             stats_of(["2016年"], ex.extract, profile)]
    whole = TextStats()
    for st in parts:
        whole.add(st)
    items = [(whole, "corpus"), *((st, "partition") for st in parts)]
    together = check_scopes(items, profile, list(ex.labels))
    assert together == [check_drift(st, profile, list(ex.labels), scope) for st, scope in items]
    # the partitions get the bands of as many documents: the one news document alone is not told from a
    # Simplified seed by its script, but five documents of numerals are still extractor drift
    assert [r.verdict for r in together[3:]] == ["extractor drift", "extractor drift", "too small to check"]
    assert all(len(r.checks) < len(together[0].checks) for r in together[1:])  # partitions: figures and mix


def test_a_figure_on_its_band_edge_passes_and_just_outside_fails(profile: dict) -> None:
    """Figures are checked against their bands as rows (observed >= low, high >= observed): the same inclusive
    comparison as ExpectColumnValuesToBeBetween, a missing limit not checked, a missing figure not judged."""
    from xbench.expectations.distribution import Planned, Scope, validate

    figures = {"on low": 1.0, "on high": 2.0, "below": 0.999999, "above": 2.000001, "open above": 99.0,
               "none": None}
    planned = [Planned(n, "extractor", 1.0, None if n == "open above" else 2.0, n, "value") for n in figures]
    [checked] = validate([Scope(TextStats(), [], planned, figures)])
    assert {p.name: (v, ok) for p, v, ok in checked} == {
        "on low": (1.0, True), "on high": (2.0, True), "below": (0.999999, False), "above": (2.000001, False),
        "open above": (99.0, True), "none": (None, True)}
