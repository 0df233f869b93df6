import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from xbench.gold.load import load_gold, load_manifest, load_seeds
from xbench.io import InputError
from xbench.records import load_records, write_spans

from extractors.schema import LABELS, Span

spans = st.builds(
    lambda start, length, label, text, value: Span(start, start + length, label, text, value),
    st.integers(0, 10_000), st.integers(1, 50), st.sampled_from(LABELS), st.text(min_size=1, max_size=20),
    st.one_of(st.none(), st.text(max_size=10), st.fixed_dictionaries({"amount": st.integers(0, 10**9),
                                                                        "unit": st.sampled_from(["CNY", "%", "项"])})),
)


@settings(max_examples=50, deadline=None)
@given(st.lists(spans, max_size=20))
def test_records_round_trip_through_jsonl(tmp_path_factory, records: list[Span]) -> None:
    path = tmp_path_factory.mktemp("rt") / "doc.jsonl"
    write_spans(path, records, doc_id="doc")
    loaded = load_records(path).get("doc", [])
    assert [(s.start, s.end, s.label, s.text, s.value) for s in loaded] == \
        [(s.start, s.end, s.label, s.text, s.value) for s in sorted(records)]


def test_seeds_and_gold_load(root: Path) -> None:
    seeds = load_seeds(root / "seeds")
    gold = load_gold(root / "goldens")
    assert set(gold) <= set(seeds) and gold  # gold for seeds only; drafts and seeds without gold are allowed
    manifest = load_manifest(root / "goldens")
    for doc_id, doc in seeds.items():
        assert manifest.entries[doc_id].sha256 == doc.sha256
        for s in gold[doc_id]:
            assert doc.raw[s.start:s.end] == s.text


def test_drafts_are_not_gold(workspace: Path) -> None:
    manifest = json.loads((workspace / "goldens/manifest.json").read_text())
    manifest["seeds"][0]["status"] = "draft"
    (workspace / "goldens/manifest.json").write_text(json.dumps(manifest))
    gold = load_gold(workspace / "goldens")
    assert manifest["seeds"][0]["seed"][:-4] not in gold and len(gold) == 4


def test_bad_json_line_is_named(tmp_path: Path) -> None:
    p = tmp_path / "x.jsonl"
    p.write_text('{"start": 0, "end": 1, "label": "ORG", "text": "a", "value": null}\n{oops\n')
    try:
        load_records(p)
    except InputError as exc:
        assert f"{p}:2:" in str(exc)
    else:
        raise AssertionError("no error")
