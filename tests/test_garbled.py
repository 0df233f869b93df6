"""Garbled text (extractors.garbled): mojibake holds no mention (the spec's rule 4)."""
from __future__ import annotations

from extractors.garbled import MIN_RUN, garbled_runs

# UTF-8 read as GBK (cp936): 合肥市科技局 -> 鍚堣偉甯傜鎶€灞€ (the € is the byte 0x80)
UTF8_AS_GBK = "鍚堣偉甯傜鎶€灞€"
# a dropped byte garbles the rest of a run (as in the seeds' 上?萍既瞬藕献鹘涣鞔髸…)
SHIFTED = "首届上?萍既瞬藕献鹘涣鞔髸甙偌移髽活动"


def test_mojibake_runs_are_found() -> None:
    assert [UTF8_AS_GBK[s:e] for s, e in garbled_runs(UTF8_AS_GBK)] == ["鍚堣偉甯傜鎶"]
    assert [SHIFTED[s:e] for s, e in garbled_runs(SHIFTED)] == ["萍既瞬藕献鹘涣鞔髸甙偌移髽"]


def test_real_text_cut_into_single_characters_is_not_garbled() -> None:
    # names, transliterations and a classical phrase: single characters to jieba, common ones all
    for text in ("廖泽云颜延龄梁秀珍出席", "总统杜伊森贝赫在会上", "乃知境幽意邃，方能善作善成", "委戒奢崇俭"):
        assert garbled_runs(text) == [], text


def test_a_short_run_is_never_garbled() -> None:
    assert garbled_runs(UTF8_AS_GBK[:MIN_RUN - 1]) == []


def test_the_hybrid_reads_no_name_in_mojibake() -> None:
    from extractors.hybrid import HybridExtractor

    got = HybridExtractor().extract(UTF8_AS_GBK + " 2023-05-06 记者 孙立 报道")
    names = [(s.text, s.label) for s in got if s.label in ("PERSON", "ORG", "GPE", "LOC")]
    assert names == [("孙立", "PERSON")]
