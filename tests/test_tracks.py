"""The track mechanism: the registry of track modules, `--track` parsing, label maps, README sections."""
from __future__ import annotations

from pathlib import Path

import pytest
from xbench.cli import main
from xbench.result import BenchmarkResult, CorpusSummary, TrackResult
from xbench.run.benchmark import readme_markers, update_readme
from xbench.tracks import track_names, tracks

from extractors.schema import Span


def test_every_track_module_is_found_seeds_first() -> None:
    names = list(tracks())
    assert names[0] == "seeds" and "msra" in names
    assert track_names(None) == ["seeds"] and track_names(["msra"]) == ["msra"]
    assert track_names(["all"]) == names and track_names(["msra", "seeds", "msra"]) == ["seeds", "msra"]
    with pytest.raises(ValueError, match="unknown track.*nope"):
        track_names(["nope"])


def test_an_unknown_track_or_a_bad_sample_is_exit_2(capsys) -> None:
    assert main(["run", "--track", "nope", "-e", "regex"]) == 2
    assert "unknown track(s): nope" in capsys.readouterr().err
    assert main(["run", "--track", "msra", "--sample", "0", "-e", "regex"]) == 2


def test_msra_scores_gpe_as_loc_and_drops_what_it_does_not_annotate() -> None:
    msra = tracks()["msra"]
    spans = [Span(0, 2, "GPE", "北京"), Span(3, 5, "DATE", "今年"), Span(6, 9, "PERSON", "王小明"),
             Span(10, 13, "WORK", "《法》")]
    assert [(s.label, s.text) for s in msra.map_spans(spans)] == [("LOC", "北京"), ("PERSON", "王小明")]
    assert msra.labels == ("PERSON", "ORG", "LOC")
    assert msra.map_labels(("ORG", "GPE", "DATE")) == ("ORG", "LOC") and msra.map_labels(("DATE",)) == ()
    assert not msra.applies("lac-raw") and msra.applies("lac") and msra.learned == "packaged" and not msra.timed
    assert not msra.applies("duckling")  # values only: no label MSRA scores
    seeds = tracks()["seeds"]
    assert seeds.map_spans(spans) == spans and seeds.learned == "loo" and seeds.timed and seeds.result_extra() == {}


def test_update_readme_rewrites_only_the_sections_of_tracks_run(tmp_path: Path) -> None:
    start, end = readme_markers("msra")
    readme = tmp_path / "README.md"
    seeds_block = f"{readme_markers('seeds')[0]}\nold seeds board\n{readme_markers('seeds')[1]}\n"
    readme.write_text(f"# x\n{seeds_block}{start}\nold\n{end}\ntail\n", encoding="utf-8")
    msra = TrackResult("msra", CorpusSummary(2, 2, 40, 3, {"sentences": 200, "source": "MSRA"}), [],
                       notes="GPE is scored as LOC.", extra=tracks()["msra"].result_extra())
    update_readme(readme, BenchmarkResult("2026-01-01T00:00:00+00:00", 0, {"msra": msra}), names=["msra"])
    text = readme.read_text(encoding="utf-8")
    assert seeds_block in text and text.endswith(f"{end}\ntail\n") and "\nold\n" not in text
    section = text[text.index(start):text.index(end)]
    assert "`xbench run --track msra --update-readme`" in section and "200 sentences in 2 documents" in section
    assert "Lattice-LSTM" in section and "published, other split" in section and "GPE is scored as LOC" in section


def test_a_track_with_its_own_runner_gets_the_extractors_that_apply() -> None:
    from xbench.run.benchmark import Paths, run_track
    from xbench.tracks import Track

    seen = []

    def runner(names, paths, seed, sample):
        seen.append((names, seed, sample))
        return TrackResult("own", CorpusSummary(documents=1))

    track = Track("own", "its own scoring", load=lambda paths, limit: None, applies=lambda n: n != "skip",
                  runner=runner)
    assert run_track(track, ["regex", "skip"], Paths(), seed=3, sample=10).corpus.documents == 1
    assert seen == [(["regex"], 3, 10)]
