"""Garbled text: mojibake (bytes of one encoding read as another) is no mention (the spec's rule 4).

Read as GBK, UTF-8 turns 合肥市科技局 into 鍚堣偉甯傜鎶€灞€; a dropped byte turns the rest of a
line into characters just as rare (萍既瞬藕献鹘涣鞔髸). jieba's dictionary cuts such a run into
single characters, few of which it knows as frequent words, while text cut into single characters
(names, transliterations, classical phrases) is made of common ones. A run of at least MIN_RUN
Han characters that jieba, reading its dictionary alone, cuts into single characters whose mean
log10 frequency in its dictionary is below MAX_MEAN_LOG_FREQ is garbled. The seeds' garbled runs
have 1.93-2.29; the lowest of the runs of five or more single characters on MSRA's train split, real
text all, is 2.75 (委戒奢崇俭), its names' 2.94 (廖泽云颜延龄).
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

from extractors.package_lexicons import jieba_dict_text

MIN_RUN = 6
MAX_MEAN_LOG_FREQ = 2.6
_HAN_RUN_RE = re.compile(rf"[\u4e00-\u9fff]{{{MIN_RUN},}}")


@lru_cache(maxsize=1)
def _log_frequencies() -> dict[str, float]:
    """Each character's log10 frequency as a word of jieba's dict.txt (absent: 0)."""
    return {ch: math.log10(int(n)) for ch, n in re.findall(r"^(\S) (\d+)", jieba_dict_text(), re.M) if int(n) > 0}


def load() -> None:
    """Read jieba's frequencies now, not on the first document."""
    _log_frequencies()


def garbled_runs(clean: str) -> list[tuple[int, int]]:
    """(start, end) of each garbled run of `clean`."""
    from extractors.crf import segmenter

    out = []
    for m in _HAN_RUN_RE.finditer(clean):
        pos, run = m.start(), []
        for word in [*segmenter()(m.group(), False), ""]:  # "" closes the last run
            if len(word) == 1:
                run.append(word)
            else:
                if len(run) >= MIN_RUN and _rare(run):
                    out.append((pos - len(run), pos))
                run = []
            pos += len(word)
    return out


def _rare(chars: list[str]) -> bool:
    freq = _log_frequencies()
    return sum(freq.get(ch, 0.0) for ch in chars) / len(chars) < MAX_MEAN_LOG_FREQ
