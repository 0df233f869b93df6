"""A paragraph-local extractor's pass read batch by batch and timed: the batches are the timing
rounds' batches, the records those of whole documents, and the timings stand in for the rounds only
when they are as many and as long as the rounds' would be (nothing here asserts a duration)."""
from __future__ import annotations

from pathlib import Path

import pytest
from xbench.run.process import read_timed
from xbench.run.timing import MIN_TIMINGS, Slice, make_batches, pack_pieces, stands_in, timed_reading

from extractors.registry import entries, get_extractor

TEXTS = ["一二三\n四五六\n" * 50, "七八九", "十\n" * 40]


def test_batches_hold_whole_lines_of_one_text_and_cover_every_text() -> None:
    pieces = pack_pieces(TEXTS, min_batches=30)
    assert len(pieces) >= 30
    for i, text in enumerate(TEXTS):
        mine = [(a, b) for j, a, b in pieces if j == i]
        assert "".join(text[a:b] for a, b in mine) == text  # in order, nothing left out, nothing twice
        assert all(b == len(text) or text[b - 1] == "\n" for _, b in mine)  # a batch ends with its line
    assert "七八九十\n" not in make_batches(TEXTS)  # the text without a line break is a batch of its own


def test_a_reading_times_each_batch_once_but_the_warm_up_indexed_as_the_rounds_batches() -> None:
    got, timings, spent = timed_reading(lambda text: text, TEXTS, warmup=5)
    batches = make_batches(TEXTS)
    assert [piece for piece, _ in got] == pack_pieces(TEXTS)
    assert all(TEXTS[i][a:b] == text for (i, a, b), text in got)
    assert len(timings) == len(batches) - 5 and len({k for k, _ in timings}) == len(timings)
    timed_texts = sorted(batches[k] for k, _ in timings)  # the index names the same text in the rounds' order
    assert timed_texts == sorted(text for _, text in got[5:]) and spent >= 0


def test_a_reading_stands_in_for_the_rounds_only_with_as_many_timings_and_seconds() -> None:
    enough = [(k, 1.0) for k in range(MIN_TIMINGS)]
    rounds_s = 6 * Slice().min_s
    assert stands_in(enough, rounds_s, rounds=6)
    assert not stands_in(enough[:-1], 100.0, rounds=6)  # too few batches, however long
    assert not stands_in(enough, rounds_s * 0.9, rounds=6)  # a fast extractor: the rounds time it longer
    assert stands_in(enough, rounds_s * 0.9, rounds=5)


def _paragraph_local() -> list[str]:
    return sorted(name for name, e in entries().items()
                  if getattr(e.load_factory(), "paragraph_local", False) is True)


def test_the_built_in_paragraph_local_extractors_are_jieba_and_lac() -> None:
    assert {"jieba", "jieba-raw", "lac", "lac-raw"} <= set(_paragraph_local())


@pytest.mark.parametrize("name", _paragraph_local())
def test_a_paragraph_local_extractors_reading_gives_the_records_of_whole_documents(name: str, root: Path) -> None:
    # each seed's first lines (about 300 characters: jieba-raw reads 1,800 a second)
    docs = {}
    for path in sorted((root / "seeds").glob("*.txt")):
        raw, head = path.read_bytes().decode("utf-8"), ""
        for line in raw.splitlines(keepends=True):
            if len(head) >= 300:
                break
            head += line
        docs[path.stem] = head
    ex = get_extractor(name)
    records, timings, _ = read_timed(ex, docs)
    assert records == {d: ex.extract(raw) for d, raw in docs.items()}
    assert sum(map(len, records.values())) > 0 and len(timings) == len(make_batches(list(docs.values()))) - 5
