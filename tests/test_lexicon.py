"""The lexicon files (extractors/data/lexicon) and their one loader (extractors.lexicon)."""
from __future__ import annotations

import pytest

from extractors import lexicon


def test_every_file_opens_with_a_comment_saying_what_and_where_from() -> None:
    files = sorted(lexicon.LEXICON_DIR.glob("*.txt"))
    assert len(files) >= 30
    for path in files:
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first.startswith("# ") and "Source:" in first, path.name
        assert lexicon.entries(path.stem), f"{path.name} holds no entry"


def test_entries_keep_file_order_and_followers() -> None:
    units = lexicon.table("measure_words")
    assert list(units)[:2] == ["人次", "户次"]
    assert units["项"] == "目"  # 3项目 is not 3项 + 目
    assert lexicon.table("currencies")["美元"] == "USD"
    assert lexicon.chars("level_chars") == "省市县区州"
    assert set(lexicon.chars("level_chars")) < set(lexicon.chars("designation_chars"))


def test_a_malformed_file_is_named_with_its_line(tmp_path, monkeypatch) -> None:
    (tmp_path / "bad.txt").write_text("# a comment\nword\n\tno word\n", encoding="utf-8")
    (tmp_path / "nohead.txt").write_text("word\n", encoding="utf-8")
    monkeypatch.setattr(lexicon, "LEXICON_DIR", tmp_path)
    lexicon.entries.cache_clear()
    try:
        with pytest.raises(lexicon.LexiconError, match=r"bad\.txt:3"):
            lexicon.entries("bad")
        with pytest.raises(lexicon.LexiconError, match=r"nohead\.txt:1"):
            lexicon.entries("nohead")
    finally:
        lexicon.entries.cache_clear()


def test_digest_follows_the_files_contents(tmp_path, monkeypatch) -> None:
    (tmp_path / "a.txt").write_text("# a\nx\n", encoding="utf-8")
    monkeypatch.setattr(lexicon, "LEXICON_DIR", tmp_path)
    before = lexicon.digest()
    (tmp_path / "a.txt").write_text("# a\ny\n", encoding="utf-8")
    assert lexicon.digest() != before
