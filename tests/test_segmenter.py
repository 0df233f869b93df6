"""The CRF's word features read jieba's dictionary segmentation as rjieba (jieba-rs) computes it
(`crf.segmenter`): its words must be jieba's own, or the features, the shipped models' inputs and
every record would change."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractors.crf import _word_tags, segmenter
from extractors.normalise import normalise
from extractors.package_data import jieba_in_cache

ROOT = Path(__file__).resolve().parents[1]
# what jieba treats apart: spaces and line ends, Latin words, digits with their marks, full-width
# letters, characters outside its Han range (Extension A, U+9FD6 on, astral ones) beside Han words
EDGES = ["a  b\t\tc\r\nd 㐀中国鿕鿖人 😀北京 C++ 3.5% a-b_c 丨丿 ＡＢ ﹏ 人民\n\n银行",
         "2016年，福建省三明市科技局投入研发资金500万元，增长12.5%。", "", " ", "\n", "中华人民共和国国务院总理"]


@pytest.fixture(scope="module")
def jieba_cut():
    tokenizer = jieba_in_cache()
    tokenizer.initialize()
    return lambda text: list(tokenizer.cut(text, HMM=False))


@pytest.mark.parametrize("text", EDGES)
def test_the_segmenter_gives_jiebas_words(jieba_cut, text: str) -> None:
    assert segmenter()(text, False) == jieba_cut(text)


def test_the_segmenter_gives_jiebas_words_on_a_seed(jieba_cut) -> None:
    clean = normalise(sorted((ROOT / "seeds").glob("*.txt"))[1].read_text(encoding="utf-8")).clean
    words = segmenter()(clean, False)
    assert words == jieba_cut(clean)
    assert len(_word_tags(clean)) == len(clean) and sum(len(w) > 1 for w in words) > 100
