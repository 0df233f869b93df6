"""The gold files are exactly what the locator makes of the annotators' chosen strings."""
import json
from pathlib import Path

import pytest
from xbench.gold.authoring import LocateError, locate, read_entries, render, uncovered_digits

ROOT = Path(__file__).resolve().parents[1]
AUTHORED = sorted((ROOT / "goldens" / "authoring").glob("*.labels.jsonl"))


def test_every_authoring_file_has_its_seed() -> None:
    """Authoring files are optional (CONTRIBUTING: gold may come from Label Studio instead); each one
    there names a seed."""
    assert {p.name.split(".")[0] for p in AUTHORED} <= {p.stem for p in (ROOT / "seeds").glob("*.txt")}


@pytest.mark.parametrize("labels", AUTHORED, ids=lambda p: p.name.split(".")[0])
def test_gold_is_the_located_authoring_file(labels: Path) -> None:
    stem = labels.name.split(".")[0]
    raw = (ROOT / "seeds" / f"{stem}.txt").read_bytes().decode("utf-8")
    located = sorted(locate(raw, read_entries(labels), str(labels)), key=lambda r: r["start"])
    gold = [json.loads(line) for line in (ROOT / "goldens" / f"{stem}.jsonl").read_text(encoding="utf-8").splitlines()]
    assert located == gold


def test_locator_skips_annotations_and_takes_the_trailing_one() -> None:
    raw = "西寧大通:堅(jiān)持,中新網(wǎng)青海新聞4月19日電"
    recs = locate(raw, [(1, {"t": "中新網", "l": "ORG"}), (2, {"t": "4月19日", "l": "DATE", "v": "XXXX-04-19"})])
    assert recs[0]["text"] == "中新網(wǎng)" and recs[0]["value"] == "中新网"
    assert render(raw, recs).endswith("⟦中新網|ORG⟧青海新聞⟦4月19日|DATE⟧電")
    assert uncovered_digits(raw, recs) == []


def test_locator_refuses_missing_text_and_values() -> None:
    with pytest.raises(LocateError, match="not found"):
        locate("abc", [(3, {"t": "xyz", "l": "ORG"})], "f")
    with pytest.raises(LocateError, match="needs a value"):
        locate("14項", [(1, {"t": "14項", "l": "QUANTITY"})], "f")
