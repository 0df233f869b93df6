"""The name model's features beyond crf.features: a wider window, lexicon cues and LAC's word
tags, on sentences written for these tests."""
from __future__ import annotations

from extractors import name_features
from extractors.crf import features


def test_the_named_groups_extend_the_crf_features_of_every_character() -> None:
    text = "张伟在红星机械厂工作。"
    base = features(text)
    full = name_features.name_features(text, feature_groups=("window", "lexicon"))
    assert len(full) == len(text)
    assert all(f[:len(b)] == b and len(f) > len(b) for f, b in zip(full, base))
    assert name_features.name_features(text, feature_groups=()) == base


def test_the_window_reaches_three_characters_and_the_trigram() -> None:
    first = name_features.wide_window("甲乙丙丁戊")[0]
    assert "c+3:丁" in first and "c-3:<s>" in first and "c-1cc+1:<s>甲乙" in first


def test_lexicon_cues_mark_surnames_and_how_far_an_organisation_word_ends() -> None:
    text = "欧阳明昨天上午进入红星机械公司"
    cues = name_features.lexicon_cues(text)
    assert "sn2" in cues[0]  # 欧阳, a two-character surname in JioNLP's list
    end, red = text.index("公司") + 1, text.index("红")
    assert f"endO:{end - red}" in cues[red] and "inO" in cues[end] and "endO:0" in cues[end]
    assert not any(c.startswith("endO") for c in cues[0])  # beyond CUE_REACH


def test_lac_word_tags_give_each_character_its_place_in_lacs_word() -> None:
    text = "李明在北京大学读书。\n王芳去了上海。"
    tags = name_features.lac_word_tags(text)
    assert len(tags) == len(text)
    assert tags[0] == "B-PER" and tags[1] == "E-PER"
    assert all(t == "O" or t[0] in "BMES" and t[1] == "-" for t in tags)
    feats = name_features.lac_features(text, tags)
    assert "L:B-PER" in feats[0] and "L-1:^" in feats[0] and "L+1:E-PER" in feats[0]


def test_lac_tags_from_worker_processes_are_the_same_and_in_order() -> None:
    texts = ["李明在北京大学读书。", "", "王芳去了上海。", "红星公司成立于深圳。"]
    assert list(name_features.lac_word_tags_in_workers(texts)) == [name_features.lac_word_tags(t) for t in texts]
