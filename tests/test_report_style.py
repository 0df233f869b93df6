"""bench/report/style.py: one colour scheme and legend for the report and the review page; every
outcome reads without colour (border style and icon), and label colours never mean an outcome."""
from __future__ import annotations

import re

from xbench.report.style import LABEL_COLOURS, OUTCOME_ICON, OUTCOME_STYLE, label_legend, legend, page_css

from extractors.schema import LABELS


def test_every_outcome_has_colour_border_and_icon_in_the_css() -> None:
    css = page_css()
    assert set(OUTCOME_STYLE) == set(OUTCOME_ICON)
    for outcome, (background, border) in OUTCOME_STYLE.items():
        assert f"mark.{outcome}{{background:{background};border:{border}}}" in css
        assert f"mark.{outcome}::before{{content:'{OUTCOME_ICON[outcome]}'" in css
    styles = [border.split()[1] for _, border in OUTCOME_STYLE.values()]
    assert len(set(zip(styles, OUTCOME_ICON.values()))) == len(OUTCOME_STYLE)  # told apart without colour


def test_every_label_has_its_own_colour_unshared_with_outcomes() -> None:
    assert set(LABEL_COLOURS) == set(LABELS)
    assert len(set(LABEL_COLOURS.values())) == len(LABELS)
    assert not set(LABEL_COLOURS.values()) & {c for pair in OUTCOME_STYLE.values() for c in pair}
    css = page_css()
    for label, colour in LABEL_COLOURS.items():
        assert f'[data-label="{label}"]{{--lab:{colour}}}' in css


def test_legend_lists_outcomes_and_labels_and_counts() -> None:
    full = legend({lab: i for i, lab in enumerate(LABELS)})
    assert re.findall(r"<mark class='([a-z-]+)'>", full) == list(OUTCOME_STYLE)
    assert "wrong type" in full and "gold extent" in full and "predicted extent" in full
    assert re.findall(r"<mark data-label='(\w+)'>\((\d+)\)</mark>", full) == [(lab, str(i)) for i, lab in
                                                                               enumerate(LABELS)]
    labels_only = legend(outcomes=False)
    assert "<mark class=" not in labels_only and "gold extent" not in labels_only
    assert re.findall(r"<mark data-label='(\w+)'></mark>", label_legend()) == list(LABELS)
