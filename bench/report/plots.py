"""The report's plots as inline SVG: per-label strict F1 per extractor (a heat map) and strict F1
against chars/s (the quality-speed frontier)."""
from __future__ import annotations

import html
import math
from collections.abc import Sequence

from xbench.report.leaderboard import rank
from xbench.result import ExtractorResult

CELL_W, CELL_H, NAME_W, HEAD_H = 62, 22, 170, 24


def _shade(f1: float) -> str:
    """White (0) to a saturated blue-green (1), with the value printed too."""
    r, g, b = (int(255 - f1 * (255 - c)) for c in (30, 140, 120))
    return f"rgb({r},{g},{b})"


def heat_map(extractors: list[ExtractorResult], labels: Sequence[str]) -> str:
    rows = [e for e in rank(extractors) if e.ok]
    w, h = NAME_W + CELL_W * len(labels), HEAD_H + CELL_H * len(rows)
    out = [f"<svg class='plot heat' xmlns='http://www.w3.org/2000/svg' width='{w}' height='{h}' "
           f"role='img' aria-label='strict F1 per label and extractor'><g font-size='11'>"]
    out += [f"<text x='{NAME_W + CELL_W * j + CELL_W / 2}' y='16' text-anchor='middle'>{lab}</text>"
            for j, lab in enumerate(labels)]
    for i, e in enumerate(rows):
        y = HEAD_H + CELL_H * i
        out.append(f"<text x='{NAME_W - 6}' y='{y + 15}' text-anchor='end'>{html.escape(e.name)}</text>")
        for j, lab in enumerate(labels):
            x = NAME_W + CELL_W * j
            s = e.per_label.get(lab)
            if not e.covers(lab) or s is None:
                out.append(f"<rect x='{x}' y='{y}' width='{CELL_W}' height='{CELL_H}' fill='#f4f4f4' stroke='#fff'/>"
                           f"<text x='{x + CELL_W / 2}' y='{y + 15}' text-anchor='middle' fill='#999'>–</text>")
                continue
            ink = "#fff" if s.f1 > 0.6 else "#111"
            out.append(f"<rect x='{x}' y='{y}' width='{CELL_W}' height='{CELL_H}' fill='{_shade(s.f1)}' "
                       f"stroke='#fff'><title>{html.escape(e.name)} {lab}: {s.f1:.3f}</title></rect>"
                       f"<text x='{x + CELL_W / 2}' y='{y + 15}' text-anchor='middle' fill='{ink}'>{s.f1:.2f}</text>")
    out.append("</g></svg>")
    return "".join(out)


def _pareto(points: list[tuple[float, float, str]]) -> list[tuple[float, float, str]]:
    """The points no other point beats on both speed and F1, fastest first."""
    best, out = -1.0, []
    for p in sorted(points, key=lambda q: (-q[0], -q[1])):
        if p[1] > best:
            out.append(p)
            best = p[1]
    return out


def frontier(extractors: list[ExtractorResult]) -> str:
    """Strict F1 against chars/s (log scale) of every timed extractor, the Pareto frontier joined."""
    pts = [(e.speed.throughput.median, e.strict.f1, e.name) for e in extractors
           if e.ok and e.speed.throughput and e.speed.throughput.median > 0]
    if not pts:
        return "<p><small>no extractor was timed: no quality-speed plot</small></p>"
    w, h, pad = 640, 360, 50
    lo, hi = math.log10(min(p[0] for p in pts)), math.log10(max(p[0] for p in pts))
    lo, hi = math.floor(lo), max(math.ceil(hi), math.floor(lo) + 1)

    def xy(cps: float, f1: float) -> tuple[float, float]:
        return (pad + (math.log10(cps) - lo) / (hi - lo) * (w - 2 * pad), h - pad - f1 * (h - 2 * pad))

    out = [f"<svg class='plot frontier' xmlns='http://www.w3.org/2000/svg' width='{w}' height='{h}' role='img' "
           "aria-label='strict F1 against chars per second'><g font-size='11'>",
           f"<line x1='{pad}' y1='{h - pad}' x2='{w - pad}' y2='{h - pad}' stroke='#333'/>"
           f"<line x1='{pad}' y1='{pad}' x2='{pad}' y2='{h - pad}' stroke='#333'/>",
           f"<text x='{w / 2}' y='{h - 12}' text-anchor='middle'>chars/s (log scale)</text>",
           f"<text x='14' y='{h / 2}' transform='rotate(-90 14 {h / 2})' text-anchor='middle'>strict F1</text>"]
    for k in range(lo, hi + 1):
        x, _ = xy(10 ** k, 0)
        out.append(f"<text x='{x}' y='{h - pad + 14}' text-anchor='middle'>1e{k}</text>")
    for f in (0, 0.25, 0.5, 0.75, 1):
        _, y = xy(10 ** lo, f)
        out.append(f"<text x='{pad - 6}' y='{y + 4}' text-anchor='end'>{f:.2f}</text>")
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(c, f) for c, f, _ in _pareto(pts)))
    out.append(f"<polyline points='{line}' fill='none' stroke='#1f5fbf' stroke-dasharray='4 3'/>")
    for cps, f1, name in pts:
        x, y = xy(cps, f1)
        out.append(f"<circle cx='{x:.1f}' cy='{y:.1f}' r='4' fill='#1e8c78'><title>{html.escape(name)}: F1 "
                   f"{f1:.3f}, {cps:,.0f} chars/s</title></circle>"
                   f"<text x='{x + 6:.1f}' y='{y - 5:.1f}'>{html.escape(name)}</text>")
    out.append("</g></svg>")
    return "".join(out)


SERIES_COLOURS = ("#1f5fbf", "#b86e00", "#2a7a2a", "#6a3fb5", "#b00", "#1e8c78", "#666")
PANEL_W, PANEL_H, PANEL_PAD = 230, 130, 30


def _panel(label: str, series: dict[str, list[tuple[int, float]]], band: tuple[float, float] | None,
           n_parts: int) -> str:
    """One label's density per partition, a line per extractor, the reference band shaded."""
    top = max([v for pts in series.values() for _, v in pts] + [band[1] if band else 0, 1e-9]) * 1.1
    w, h, pad = PANEL_W, PANEL_H, PANEL_PAD

    def xy(i: int, v: float) -> tuple[float, float]:
        return pad + (i / max(1, n_parts - 1)) * (w - 2 * pad), h - pad - v / top * (h - 2 * pad)

    out = [f"<svg class='plot density' xmlns='http://www.w3.org/2000/svg' width='{w}' height='{h}' role='img' "
           f"aria-label='{label} per 1,000 characters per partition'><g font-size='10'>",
           f"<text x='{w / 2}' y='12' text-anchor='middle' font-weight='bold'>{label}</text>"]
    if band:
        (_, y_hi), (_, y_lo) = xy(0, band[1]), xy(0, band[0])
        out.append(f"<rect class='band' x='{pad}' y='{y_hi:.1f}' width='{w - 2 * pad}' height='{y_lo - y_hi:.1f}' "
                   f"fill='#e3e3e3'><title>reference band {band[0]:.3g}–{band[1]:.3g}</title></rect>")
    out += [f"<line x1='{pad}' y1='{h - pad}' x2='{w - pad}' y2='{h - pad}' stroke='#333'/>",
            f"<text x='{pad - 4}' y='{pad + 4}' text-anchor='end'>{top:.2g}</text>",
            f"<text x='{pad - 4}' y='{h - pad + 4}' text-anchor='end'>0</text>",
            f"<text x='{w / 2}' y='{h - 8}' text-anchor='middle'>partition 0–{n_parts - 1}</text>"]
    for k, (name, pts) in enumerate(series.items()):
        colour = SERIES_COLOURS[k % len(SERIES_COLOURS)]
        line = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(i, v) for i, v in pts))
        out.append(f"<polyline points='{line}' fill='none' stroke='{colour}'/>")
        out += [f"<circle cx='{x:.1f}' cy='{y:.1f}' r='2.5' fill='{colour}'><title>{html.escape(name)}, "
                f"partition {i}: {v:.3g}</title></circle>" for i, v in pts for x, y in [xy(i, v)]]
    out.append("</g></svg>")
    return "".join(out)


def density_over_partitions(series: dict[str, dict[str, list[tuple[int, float]]]],
                            bands: dict[str, tuple[float, float]], labels: Sequence[str], n_parts: int) -> str:
    """Small multiples: per label, each extractor's records per 1,000 characters in each partition
    (`series`: label -> extractor -> (partition, density)), over the reference's band."""
    names = list(dict.fromkeys(n for by in series.values() for n in by))
    key = " ".join(f"<span style='color:{SERIES_COLOURS[k % len(SERIES_COLOURS)]}'>━ {html.escape(n)}</span>"
                   for k, n in enumerate(names))
    panels = "".join(_panel(lab, {n: series[lab].get(n, []) for n in names}, bands.get(lab), n_parts)
                     for lab in labels if lab in series)
    return f"<p class='legend'>{key} <span style='background:#e3e3e3'>reference band</span></p>{panels}"
