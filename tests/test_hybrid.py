"""The `hybrid` and `hybrid-lac` extractors (extractors.hybrid): each label from its strongest source."""
from __future__ import annotations

import pytest

from extractors.hybrid import SOURCES, HybridExtractor, HybridLACExtractor
from extractors.registry import Extractor, Trainable
from extractors.schema import LABELS

RAW = "2016年，福建省三明市科技局投入研发资金500万元，增长12.5%，出版《三明科技年鉴》。"


@pytest.fixture(scope="module")
def hybrid() -> HybridExtractor:
    ex = HybridExtractor()
    if ex.crf.model is None:
        pytest.skip("no packaged CRF model (run `xbench train crf`)")
    return ex


def test_every_label_has_a_source() -> None:
    assert set(SOURCES) == set(LABELS)
    assert all(prio > 0 for sources in SOURCES.values() for _, prio in sources)
    assert issubclass(HybridExtractor, Trainable) and HybridExtractor.labels == LABELS


def test_numbers_dates_and_titles_come_from_the_regex(hybrid: HybridExtractor) -> None:
    assert isinstance(hybrid, Extractor)
    regex = {(s.start, s.end, s.label, repr(s.value)) for s in hybrid.regex.extract(RAW)
             if s.label in ("DATE", "MONEY", "PERCENT", "WORK")}
    got = {(s.start, s.end, s.label, repr(s.value)) for s in hybrid.extract(RAW)
           if s.label in ("DATE", "MONEY", "PERCENT", "WORK")}
    assert regex and got == regex


def test_a_source_not_listed_for_a_label_is_ignored(hybrid: HybridExtractor, monkeypatch) -> None:
    monkeypatch.setattr(hybrid, "sources", {"DATE": [("regex", 3)]})
    spans = hybrid.extract(RAW)
    assert spans and {s.label for s in spans} == {"DATE"}


def test_output_is_flat_and_sorted(hybrid: HybridExtractor) -> None:
    spans = hybrid.extract(RAW)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
    assert all(s.text == RAW[s.start:s.end] for s in spans)


def test_hybrid_lac_puts_lac_persons_ahead_of_the_crf() -> None:
    assert HybridLACExtractor.sources["PERSON"][0] == ("lac", 3)
    assert HybridLACExtractor.sources["PERSON"][1] == SOURCES["PERSON"][0]
    assert {k: v for k, v in HybridLACExtractor.sources.items() if k != "PERSON"} == {
        k: v for k, v in SOURCES.items() if k != "PERSON"}
