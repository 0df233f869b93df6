"""The plugin itself: a deliberately worsened extractor fails exactly the expected gates."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

CONFTEST = '''
from extractors import register
from extractors.rules import RegexExtractor


@register("regex-no-money")
class RegexNoMoney(RegexExtractor):
    """The regex extractor with its MONEY rule dropped."""
    name = "regex-no-money"

    def find(self, clean):
        return [h for h in super().find(clean) if h.label != "MONEY"]
'''

GATES = '''
from pathlib import Path
import pytest
from xbench.gates.baseline import check_expectation, check_figure, expectation_params, figure_params

BASELINE = Path(__file__).parent / "baseline.json"


@pytest.mark.parametrize("figure", figure_params(BASELINE))
def test_figure_holds(xbench_result, figure):
    check_figure(xbench_result(figure.extractor), figure)


@pytest.mark.parametrize("extractor, expectation", expectation_params(BASELINE))
def test_expectation_holds(xbench_result, extractor, expectation):
    check_expectation(xbench_result(extractor), extractor, expectation)


def test_three_line_use(xbench_result):
    assert xbench_result("regex-no-money").per_label["DATE"].recall > 0.9
    assert not xbench_result("regex-no-money").expectations.failed
'''


@pytest.fixture(scope="module")
def regex_baseline(root: Path) -> dict:
    """The real regex extractor's figures, as `xbench baseline update` would write them."""
    from xbench.expectations.suite import expectation_names
    from xbench.gates.baseline import baseline_from
    from xbench.gold.load import load_gold, load_seeds
    from xbench.run.benchmark import extractor_result
    from xbench.run.process import execute

    docs = {d: doc.raw for d, doc in load_seeds(root / "seeds").items()}
    gold = load_gold(root / "goldens")
    result = extractor_result(execute("regex", docs, gold), docs, gold)
    return baseline_from([result], expectation_names(outputs=True))["extractors"]["regex"]


def test_dropping_money_fails_exactly_the_money_gates(pytester: pytest.Pytester, root: Path,
                                                      regex_baseline: dict) -> None:
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_worsened_gates=GATES)
    (pytester.path / "baseline.json").write_text(json.dumps({"extractors": {"regex-no-money": regex_baseline}}))
    result = pytester.runpytest_inprocess("--xbench-root", str(root), "-p", "no:cacheprovider", "-rf")
    failed = {r.nodeid.split("::")[-1] for r in result.reprec.getfailures()}
    assert failed == {"test_figure_holds[regex-no-money-per_label.MONEY.f1]",
                      "test_figure_holds[regex-no-money-strict.f1]"}, failed
    out = result.stdout.str()
    assert "regex-no-money: per_label.MONEY.f1 fell from 1.0000 to 0.0000" in out
    assert "most telling errors now:" in out and "missed" in out and "MONEY" in out
    result.assert_outcomes(failed=2, passed=len(regex_baseline["figures"]) - 2 + 21 + 1)
