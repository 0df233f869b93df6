"""One colour scheme and one legend for the HTML report and the gold review page.

Outcomes (report only) colour a span's background and give it a border style, so they read
without colour too; labels are printed next to each span (displaCy style) as a chip in the
label's colour, on both pages. The two palettes never share a meaning: outcome colours sit on
the span, label colours only on the chip.
"""
from __future__ import annotations

import html

from extractors.schema import LABELS

# outcome -> (background, border); the border style is the cue that does not need colour
OUTCOME_STYLE: dict[str, tuple[str, str]] = {
    "correct": ("#d5f5d5", "1px solid #2a7a2a"),
    "missed": ("#ffd6d6", "2px dotted #b00"),
    "spurious": ("#ffe8c2", "2px dashed #b86e00"),
    "wrong-type": ("#eadcff", "3px double #6a3fb5"),
    "wrong-boundary": ("#d6e9ff", "2px solid #1f5fbf"),
}
OUTCOME_ICON = {"correct": "✓", "missed": "✗", "spurious": "+", "wrong-type": "≠", "wrong-boundary": "↔"}
LABEL_COLOURS: dict[str, str] = {
    "PERSON": "#f4a261", "ORG": "#7aa6e8", "GPE": "#9ad0c2", "LOC": "#7fd3e6", "DATE": "#e9d66b",
    "MONEY": "#e59ee5", "PERCENT": "#f08a8a", "QUANTITY": "#b6a6ee", "WORK": "#cdb690",
}
UNKNOWN_LABEL_COLOUR = "#bbbbbb"

CSS = """
body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;margin:1.5em;color:#222;max-width:1300px}
table{border-collapse:collapse;margin:1em 0;font-size:13px}td,th{border:1px solid #ccc;padding:3px 7px;
text-align:right}th{background:#f3f3f3}td:nth-child(2),td:first-child{text-align:left}
.scroll{overflow-x:auto;max-width:100%}
.doc{white-space:pre-wrap;line-height:2.3;border:1px solid #ddd;padding:1em;font-size:15px}
mark{padding:1px 2px;border-radius:3px;background:#eee;border:1px solid #888}
mark[data-label]::after{content:attr(data-label);font-size:9px;font-weight:bold;vertical-align:middle;
margin-left:3px;padding:0 3px;border-radius:3px;background:var(--lab,#bbb);color:#111}
mark[data-cont]::after{content:none}
.gold-extent{border-bottom:2px solid #2a7a2a}.pred-extent{border-top:2px dashed #1f5fbf}
.legend mark,.legend span{margin-right:1em}small{color:#666}code{background:#f3f3f3;padding:0 3px}
nav.toc{font-size:14px}nav.toc a{margin-right:1em}
@media (max-width:900px){body{margin:.6em}table{font-size:11px}td,th{padding:2px 3px}}
"""


def _outcome_css() -> str:
    return "".join(f"mark.{o}{{background:{bg};border:{border}}}mark.{o}::before{{content:'{OUTCOME_ICON[o]}';"
                   "font-size:10px;margin-right:1px}" for o, (bg, border) in OUTCOME_STYLE.items())


def _label_css() -> str:
    return "".join(f"[data-label=\"{lab}\"]{{--lab:{c}}}" for lab, c in LABEL_COLOURS.items())


def page_css() -> str:
    """The style sheet both pages inline."""
    return CSS + _outcome_css() + _label_css()


def label_legend(counts: dict[str, int] | None = None) -> str:
    chips = (f"<mark data-label='{lab}'>{'(' + str(counts[lab]) + ')' if counts else ''}</mark>" for lab in LABELS)
    return "<span class='legend-labels'>labels: " + " ".join(chips) + "</span>"  # spaces: the line may wrap


def legend(counts: dict[str, int] | None = None, outcomes: bool = True) -> str:
    """The one legend: outcomes (colour, border and icon) and labels (chip printed after the span)."""
    parts = ["<p class='legend'>"]
    if outcomes:
        parts.append(" ".join(f"<mark class='{o}'>{html.escape(o.replace('-', ' '))}</mark>" for o in OUTCOME_STYLE))
        parts.append("<span class='gold-extent'>gold extent</span><span class='pred-extent'>predicted extent</span>"
                     "<br>")
    parts += [label_legend(counts), "</p>"]
    return "".join(parts)
