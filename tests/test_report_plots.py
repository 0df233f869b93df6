"""The report's SVG plots: the heat map holds every scored extractor's per-label F1, the frontier
joins exactly the extractors no other beats on both speed and F1."""
from __future__ import annotations

import re
from xml.etree import ElementTree

from xbench.report.plots import _pareto, frontier, heat_map
from xbench.result import ExtractorResult, SpeedResult
from xbench.run.timing import Speed
from xbench.scoring.scores import score

from extractors.schema import Span


def _scored(name: str, keep: int, cps: float) -> ExtractorResult:
    gold = {"d": [Span(0, 3, "GPE", "北京市"), Span(8, 10, "GPE", "上海")]}
    report = score(gold, {"d": gold["d"][:keep]}, n_boot=0)
    return ExtractorResult(name, labels=("GPE",), report=report,
                           speed=SpeedResult(Speed(cps, (cps * .9, cps * 1.1), 6, 6)))


def test_pareto_keeps_the_points_nobody_beats() -> None:
    pts = [(1000.0, 0.9, "slow-good"), (5000.0, 0.5, "fast-poor"), (900.0, 0.4, "dominated"), (3000.0, 0.7, "mid")]
    assert [n for _, _, n in _pareto(pts)] == ["fast-poor", "mid", "slow-good"]


def test_plots_are_well_formed_svg() -> None:
    extractors = [_scored("all", 2, 1000.0), _scored("half", 1, 20000.0)]
    heat = heat_map(extractors, ["GPE", "ORG"])
    ElementTree.fromstring(heat)
    assert heat.count("<rect") == 4 and heat.count(">–</text>") == 2  # ORG: not produced, shown as –
    assert ">all</text>" in heat and ">half</text>" in heat
    plot = frontier(extractors)
    ElementTree.fromstring(plot)
    assert plot.count("<circle") == 2 and len(re.findall(r"<polyline points='([^']*)'", plot)[0].split()) == 2
