"""Inline pinyin annotations such as `堅(jiān)`: the pattern lives here and nowhere else."""
from __future__ import annotations

import re

_VOWELS = "aeiouüvāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# One pinyin syllable: optional initial, a vowel cluster, optional nasal or r coda; or a
# syllabic nasal (ń, ňg, ḿ...). Requiring the syllable shape keeps `(gdp)` or `(ok)` out.
SYLLABLE = rf"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[{_VOWELS}]+(?:ng|n|r)?|[nńňǹḿm]g?)"
# An annotation follows the character it glosses; in the seeds that is a Han character, or a
# mojibake byte where the Han character was lost (`髽I(yè)`), so any non-space character counts.
# The lookbehind sits after the `(` so the pattern opens with a literal, which the regex engine
# scans for directly (twice as fast as trying the lookbehind at every position).
ANNOTATION_RE = re.compile(rf"\((?<=[^\s(]\(){SYLLABLE}\)")


def annotation_ranges(raw: str) -> list[tuple[int, int]]:
    """(start, end) of every inline annotation in `raw`, in order."""
    return [(m.start(), m.end()) for m in ANNOTATION_RE.finditer(raw)]


def strip_annotations(text: str) -> str:
    return ANNOTATION_RE.sub("", text)
