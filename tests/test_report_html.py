"""The HTML report's marks come from the scorer's alignment: counting them gives the scorer's counts."""
from __future__ import annotations

import html
import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from xbench.gold.load import load_gold, load_seeds
from xbench.report.html import documents, render
from xbench.report.marks import OUTCOMES, document_marks, highlight
from xbench.result import SEEDS, BenchmarkResult, CorpusSummary, ExtractorResult, TrackResult
from xbench.run.benchmark import extractor_result
from xbench.run.process import ExtractorRun, execute
from xbench.scoring.matching import align

from extractors.schema import Span

MARK = re.compile(r"<mark ([^>]*)>")


def counted_marks(page: str) -> Counter[tuple[str, str]]:
    """(extractor, outcome) of every mark, pieces of a crossed mark counted once."""
    out: Counter[tuple[str, str]] = Counter()
    for m in MARK.finditer(page):
        attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', m.group(1)))
        if "data-outcome" in attrs and "data-cont" not in m.group(1):
            out[(html.unescape(attrs["data-extractor"]), attrs["data-outcome"])] += 1
    return out


class _Nesting(HTMLParser):
    """Checks that elements close in the order they opened and collects the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack.pop() == tag, f"</{tag}> closes out of order"

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _checked(fragment: str) -> str:
    p = _Nesting()
    p.feed(fragment)
    p.close()
    assert not p.stack
    return "".join(p.text)


def test_boundary_case_agrees_with_the_scorer() -> None:
    raw = "国务院办公厅发布"
    gold = {"d": [Span(0, 3, "ORG", raw[0:3]), Span(3, 6, "ORG", raw[3:6])]}
    pred = {"d": [Span(1, 5, "ORG", raw[1:5])]}
    a = align(gold, pred)
    marks = document_marks(a, "d", "x")
    assert [(k.outcome, k.start, k.end) for k in marks] == [("wrong-boundary", 0, 5), ("missed", 3, 6)]
    c = a.counts("strict")
    assert (c.correct, c.incorrect, c.missed, c.spurious) == (0, 1, 1, 0)
    page = highlight(raw, marks)
    assert _checked(page) == raw
    assert counted_marks(page) == Counter({("x", "wrong-boundary"): 1, ("x", "missed"): 1})
    # both extents of the wrong-boundary pair are drawn: gold [0,3) and predicted [1,5)
    assert re.search(r'class="gold-extent">国(<[^>]+>)*务院', page)
    assert re.search(r'class="pred-extent">务院', page)
    assert 'data-label="ORG"' in page and "data-cont" in page  # the missed mark crosses the pair


def test_wrong_type_and_spurious_marks() -> None:
    raw = "北京市人民政府"
    gold = {"d": [Span(0, 3, "GPE", "北京市")]}
    pred = {"d": [Span(0, 3, "ORG", "北京市"), Span(3, 7, "ORG", "人民政府")]}
    marks = document_marks(align(gold, pred), "d", "x")
    assert [(k.outcome, k.label) for k in marks] == [("wrong-type", "ORG"), ("spurious", "ORG")]
    page = highlight(raw, marks)
    assert _checked(page) == raw and 'data-gold-label="GPE"' in page


@pytest.fixture(scope="module")
def track(root: Path) -> TrackResult:
    """The regex extractor on the seeds, and a fake whose predictions are the gold shifted,
    relabelled, dropped and padded so that every outcome occurs."""
    docs = {d: doc.raw for d, doc in load_seeds(root / "seeds").items()}
    gold = {d: s for d, s in load_gold(root / "goldens").items() if d in docs}
    fake: dict[str, list[Span]] = {}
    for d, spans in gold.items():
        out = []
        for i, s in enumerate(spans):
            if i % 5 == 1:
                continue  # missed
            if i % 5 == 2 and s.end - s.start > 1:
                s = Span(s.start, s.end - 1, s.label, docs[d][s.start:s.end - 1])  # wrong boundary
            elif i % 5 == 3:
                s = Span(s.start, s.end, "WORK" if s.label != "WORK" else "ORG", s.text)  # wrong type
            out.append(s)
        fake[d] = out
    runs = [execute("regex", docs, gold), ExtractorRun("fake", "regex", (), predictions=fake)]
    extractors = [extractor_result(r, docs, gold) for r in runs]
    return TrackResult(SEEDS, CorpusSummary(len(docs), len(gold)), extractors, docs={d: docs[d] for d in gold})


def test_marks_count_as_the_scorer_counts_for_every_extractor(track: TrackResult) -> None:
    for e in track.extractors:
        page = documents(track, e)
        got = counted_marks(page)
        c = e.strict.micro.counts
        assert c is not None
        assert got[(e.name, "correct")] == c.correct
        assert got[(e.name, "missed")] == c.missed
        assert got[(e.name, "spurious")] == c.spurious
        assert got[(e.name, "wrong-type")] + got[(e.name, "wrong-boundary")] == c.incorrect
        assert set(o for _, o in got) <= set(OUTCOMES)
        assert {n for n, _ in got} == {e.name}
    fake = counted_marks(documents(track, track.extractors[1]))
    assert all(fake[("fake", o)] for o in ("correct", "missed", "wrong-type", "wrong-boundary"))


def test_documents_keep_their_text(track: TrackResult) -> None:
    regex = track.extractors[0]
    doc_id = sorted(track.docs)[0]
    assert regex.report is not None and regex.report.alignment is not None
    page = highlight(track.docs[doc_id], document_marks(regex.report.alignment, doc_id, regex.name))
    assert _checked(page) == track.docs[doc_id]


def _embedded(page: str) -> list[dict]:
    return [json.loads(m) for m in re.findall(r"<script type='application/json' class='track-data'>(.*?)</script>",
                                               page, re.S)]


def test_the_page_embeds_every_extractor_and_shows_the_chosen_first(track: TrackResult) -> None:
    result = BenchmarkResult("2026-01-01T00:00:00+00:00", 0, {SEEDS: track})
    page = render(result, report_extractor="fake")
    (data,) = _embedded(page)
    assert data["first"] == "fake" and [e["name"] for e in data["extractors"]] == ["regex", "fake"]
    assert "<script src" not in page and "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    for e, entry in zip(track.extractors, data["extractors"], strict=True):
        drawn = "".join(line for d in entry["docs"].values() for line in d["lines"])
        got = counted_marks(drawn)
        c = e.strict.micro.counts
        assert c is not None
        assert (got[(e.name, "correct")], got[(e.name, "missed")], got[(e.name, "spurious")]) == \
            (c.correct, c.missed, c.spurious)
        assert sum(len(d["marks"]) for d in entry["docs"].values()) == c.correct + c.missed + c.spurious + c.incorrect
        for doc_id, d in entry["docs"].items():  # the lines put back together are the document, marks drawn
            assert _checked("".join(d["lines"])) == track.docs[doc_id]
    assert _embedded(render(result, report_extractor="nope"))[0]["first"] == "regex"
    failed = TrackResult(SEEDS, CorpusSummary(), [ExtractorResult("broken", error="boom")])
    assert "boom" in documents(failed, failed.extractors[0])
    assert "<code>–</code>" in page and "`" not in page.split("<script")[0]  # notes' Markdown backticks rendered


def test_a_track_too_long_to_embed_is_named_not_embedded(track: TrackResult, monkeypatch) -> None:
    import xbench.report.html as page_module

    monkeypatch.setattr(page_module, "BROWSE_MAX_CHARS", 10)
    page = render(BenchmarkResult("2026-01-01T00:00:00+00:00", 0, {SEEDS: track}))
    assert _embedded(page) == [] and "are not embedded" in page and "<script>" not in page
