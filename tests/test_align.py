"""Alignment of string-only records to raw offsets: stages, order, numbers, counted failures."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.align import Mention, align
from extractors.annotations import strip_annotations

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def _placed(result) -> list[tuple[int, int, str, str]]:
    return [(s.start, s.end, s.label, s.text) for s in result.spans]


def test_exact_in_order_and_a_repeat_takes_the_next_unused_occurrence() -> None:
    raw = "三明市科技局与三明市政府,三明市"
    got = align(raw, [Mention("ORG", "三明市科技局"), Mention("GPE", "三明市"), Mention("GPE", "三明市")])
    assert _placed(got) == [(0, 6, "ORG", "三明市科技局"), (7, 10, "GPE", "三明市"), (13, 16, "GPE", "三明市")]
    assert got.stages == {"exact": 3} and not got.unplaced


def test_a_record_out_of_order_takes_the_first_unused_occurrence_before_the_cursor() -> None:
    raw = "青海大学在西宁,青海"
    got = align(raw, [Mention("GPE", "西宁"), Mention("ORG", "青海大学"), Mention("GPE", "青海")])
    assert [(s.start, s.end) for s in got.spans] == [(0, 4), (5, 7), (8, 10)]


def test_normalised_text_maps_back_with_the_trailing_annotation() -> None:
    raw = "西寧大通:堅(jiān)持,中新網(wǎng)青海新聞"
    got = align(raw, [Mention("ORG", "中新网"), Mention("GPE", "西宁")])
    assert _placed(got) == [(0, 2, "GPE", "西寧"), (14, 23, "ORG", "中新網(wǎng)")]
    assert got.stages == {"normalised": 2}
    assert [s.value for s in got.spans] == ["西宁", "中新网"]  # name values from the shared normaliser


def test_an_exact_match_takes_the_annotation_after_its_last_character() -> None:
    raw = "由中新網(wǎng)報道"
    got = align(raw, [Mention("ORG", "中新網")])
    assert _placed(got) == [(1, 10, "ORG", "中新網(wǎng)")]


def test_full_width_digits_and_brackets_outside() -> None:
    raw = "投入３１０万元,印发《科技进步法》"
    got = align(raw, [Mention("MONEY", "310万元", {"amount": 3100000, "unit": "CNY"}),
                      Mention("WORK", "《科技进步法》")])
    assert _placed(got) == [(2, 7, "MONEY", "３１０万元"), (11, 16, "WORK", "科技进步法")]
    assert got.spans[0].value == {"amount": 3100000, "unit": "CNY"}


def test_fuzzy_within_the_bound_but_numbers_only_exactly() -> None:
    raw = "合肥工业大学机械工程学院与安徽工业大学签约,投入3100万元"
    near = align(raw, [Mention("ORG", "合肥工业大学机械工学院")])  # one character missing
    assert _placed(near) == [(0, 12, "ORG", "合肥工业大学机械工程学院")] and near.stages == {"fuzzy": 1}
    wrong_number = align(raw, [Mention("MONEY", "3200万元", {"amount": 32000000, "unit": "CNY"})])
    assert wrong_number.spans == [] and [r for _, r in wrong_number.unplaced] == ["not found"]
    far = align(raw, [Mention("ORG", "北京师范大学")])
    assert far.spans == [] and far.failure_rate == 1.0


def test_unplaceable_records_are_counted_with_the_reason() -> None:
    got = align("福建省三明市", [Mention("GPE", "福建省"), Mention("GPE", "广东省"), Mention("CITY", "三明"),
                                Mention("GPE", "  ")])
    assert len(got.spans) == 1 and got.total == 4
    assert sorted(r for _, r in got.unplaced) == ["empty text", "not found", "unknown label"]
    assert got.failure_rate == pytest.approx(0.75)


def test_a_place_is_never_given_twice() -> None:
    got = align("三明市", [Mention("GPE", "三明市"), Mention("GPE", "三明市")])
    assert len(got.spans) == 1 and len(got.unplaced) == 1


def test_given_offsets_are_kept_when_they_hold_the_text_else_the_text_is_aligned() -> None:
    raw = "三明市与三明市"
    got = align(raw, [Mention("GPE", "三明市", start=4, end=7), Mention("GPE", "三明市", start=1, end=4)])
    assert [(s.start, s.end) for s in got.spans] == [(0, 3), (4, 7)]
    assert got.stages == {"given": 1, "exact": 1}


def test_an_ill_formed_value_is_dropped_and_counted() -> None:
    got = align("增长31%", [Mention("PERCENT", "31%", 31)])
    assert got.spans[0].value is None and got.values_dropped == 1


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="三明市科技局青海大學(jiān)1０2", min_size=1, max_size=40), st.data())
def test_placed_spans_hold_their_text_never_overlap_and_every_record_is_counted(raw: str, data) -> None:
    cuts = sorted(data.draw(st.lists(st.integers(0, len(raw)), max_size=8)))
    mentions = [Mention("ORG", raw[a:b]) for a, b in zip(cuts, cuts[1:])]
    got = align(raw, mentions)
    assert len(got.spans) + len(got.unplaced) == len(mentions)
    assert all(raw[s.start:s.end] == s.text and s.start < s.end for s in got.spans)
    assert all(a.end <= b.start for a, b in zip(got.spans, got.spans[1:]))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_gold_mentions_as_strings_land_on_the_gold_offsets(seed: Path) -> None:
    raw = seed.read_bytes().decode("utf-8")
    gold = [json.loads(line) for line in (ROOT / "goldens" / f"{seed.stem}.jsonl").read_text("utf-8").splitlines()]
    for strip in (False, True):  # as written, and with the pinyin annotations left out
        mentions = [Mention(r["label"], strip_annotations(r["text"]) if strip else r["text"], r["value"]) for r in gold]
        got = align(raw, mentions)
        assert [(s.start, s.end, s.label, s.value) for s in got.spans] == \
            [(r["start"], r["end"], r["label"], r["value"]) for r in gold]


def test_score_accepts_predictions_without_offsets(tmp_path: Path, capsys) -> None:
    from xbench.cli import main

    seed = SEEDS[0]
    gold = [json.loads(line) for line in (ROOT / "goldens" / f"{seed.stem}.jsonl").read_text("utf-8").splitlines()]
    lines = [{"doc_id": seed.stem, "label": r["label"], "text": strip_annotations(r["text"]), "value": r["value"]}
             for r in gold] + [{"doc_id": seed.stem, "label": "ORG", "text": "不存在的公司"}]
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8")
    code = main(["score", str(ROOT / "goldens" / f"{seed.stem}.jsonl"), str(pred), "--seeds", str(ROOT / "seeds"),
                 "--json"])
    out, err = capsys.readouterr()
    body = json.loads(out)
    assert code == 0 and body["strict"]["micro"]["f1"] == 1.0
    assert body["alignment"]["records"] == len(gold) + 1 and body["alignment"]["unplaced"] == 1
    assert "1 could not be placed" in err
