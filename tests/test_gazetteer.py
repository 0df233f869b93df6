"""The dictionary's gazetteer (extractors.gazetteer): built in named steps, cached by content."""
from __future__ import annotations

from extractors import gazetteer, lexicon
from extractors.gazetteer import Tag, load_gazetteer


def _tags(word: str) -> int:
    gaz = load_gazetteer()
    value = gaz.automaton.get(_units(word), None)
    return 0 if value is None else gaz.tags[value >> gazetteer.LEN_BITS]


def _units(word: str) -> str:
    from extractors import automaton

    return automaton.units(word)


def test_composition_words_come_from_the_lexicon() -> None:
    gaz = load_gazetteer()
    assert gaz.automaton.exists(_units("有限公司")) and gaz.automaton.exists(_units("科技局"))
    assert _tags("有限公司") & Tag.STRONG and _tags("科技局") & Tag.BODY
    assert _tags("市") & Tag.LEVEL and _tags("市") & Tag.GPE == 0
    assert set(gazetteer.LEVEL_CHARS) == set("省市县区州")


def test_cache_key_follows_the_lexicon_files(monkeypatch) -> None:
    before = gazetteer._cache_path()
    monkeypatch.setattr(lexicon, "digest", lambda: "another lexicon")
    assert gazetteer._cache_path() != before


def test_helper_steps_build_the_builder() -> None:
    b = gazetteer._Builder()
    gazetteer._add_composition_words(b)
    assert b.tags["科技局"] & Tag.BODY and b.tags["科技部"] & Tag.ORG
    assert "宣传部" not in b.tags or not b.tags["宣传部"] & Tag.ORG  # a party department needs a level
    automaton, tags, codes = gazetteer._compile(b)
    assert len(tags) == len(codes) == len(automaton)
