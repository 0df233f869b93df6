"""`xbench extract` on a long line streams it (issue 16): each window is normalised, searched and
written before the next is read, so the driver never holds the line's normalised copy or all its
records; a document that fails half-way leaves none of its records behind."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from xbench.cli import main

import extractors.base as base
from extractors.rules import RegexExtractor
from extractors.windows import OVERLAP_CHARS, pieces

SEED = "seeds/000_a30258ca9ad81b5c.txt"
WINDOW = 3_000


@pytest.fixture()
def long_line(root: Path, tmp_path: Path) -> Path:
    """The first seed as one line, repeated to ten windows or more (its pinyin annotations kept)."""
    line = (root / SEED).read_text(encoding="utf-8").replace("\n", " ")
    path = tmp_path / "long.txt"
    path.write_text(line * (10 * WINDOW // len(line) + 1), encoding="utf-8")
    return path


@pytest.fixture()
def normalised(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of every text the extractors normalise; regex searched in small windows."""
    seen: list[int] = []
    real = base.normalise
    monkeypatch.setattr(base, "normalise", lambda raw: seen.append(len(raw)) or real(raw))
    monkeypatch.setattr(RegexExtractor, "window", WINDOW)
    return seen


def test_a_long_line_is_normalised_and_written_window_by_window(long_line: Path, normalised: list[int],
                                                                tmp_path: Path) -> None:
    raw = long_line.read_text(encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", "-e", "regex", str(long_line), "-o", str(out)]) == 0
    assert len(normalised) >= 20 and max(normalised) <= WINDOW + 2 * OVERLAP_CHARS  # never the whole line
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records and all(raw[r["start"]:r["end"]] == r["text"] for r in records)
    assert all(a["end"] <= b["start"] for a, b in zip(records, records[1:]))  # in order, never overlapping
    ex = RegexExtractor()
    assert [(r["start"], r["end"], r["label"]) for r in records] == \
           [(s.start, s.end, s.label) for s in ex.extract(raw)]


def test_spans_come_out_before_the_line_is_searched_to_its_end(long_line: Path, normalised: list[int]) -> None:
    raw = long_line.read_text(encoding="utf-8")
    windows = len(list(pieces(raw, WINDOW)))
    spans = RegexExtractor().stream(raw)
    next(spans)
    # every window read once for the document-wide evidence, then only the first one searched
    assert windows >= 10 and len(normalised) == windows + 1


def test_a_document_failing_half_way_leaves_none_of_its_records(long_line: Path, normalised: list[int],
                                                                 tmp_path: Path, monkeypatch, capsys) -> None:
    real, searched = RegexExtractor.find_in, []

    def fails_late(self, clean, evidence):
        searched.append(len(clean))
        if len(searched) > 5:  # the short document and four windows of the long line were written
            raise RuntimeError("broke half-way")
        return real(self, clean, evidence)

    monkeypatch.setattr(RegexExtractor, "find_in", fails_late)
    short = tmp_path / "short.txt"
    short.write_text("2016年3月", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", "-e", "regex", str(short), str(long_line), "-o", str(out)]) == 1
    assert [json.loads(line)["doc_id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["short"]
    err = capsys.readouterr().err
    assert str(long_line) in err and "RuntimeError: broke half-way" in err


def test_jobs_search_a_long_lines_windows_in_processes_with_the_same_records(root: Path, tmp_path: Path) -> None:
    """`extract --jobs 2`: the windows of a line three windows long are searched by two spawned
    processes (each loading the extractor by name), and the records are byte for byte one process's."""
    from extractors.windows import WINDOW_CHARS

    line = (root / SEED).read_text(encoding="utf-8").replace("\n", " ")
    path = tmp_path / "long.txt"
    path.write_text(line * (3 * WINDOW_CHARS // len(line) + 1), encoding="utf-8")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["extract", "-e", "regex", str(path), "-o", str(one)]) == 0
    assert main(["extract", "-e", "regex", "-j", "2", str(path), "-o", str(two)]) == 0
    assert len(list(pieces(path.read_text(encoding="utf-8")))) >= 3
    assert one.read_bytes() == two.read_bytes() and one.stat().st_size > 0


def test_jobs_must_be_a_whole_number_of_processes(long_line: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "-e", "regex", "-j", "0", str(long_line)]) == 2
    assert "at least 1" in capsys.readouterr().err
