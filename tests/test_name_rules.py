"""The ORG and GPE suffix rules (extractors.name_rules): the fast stem scan against the plain one."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors import name_rules


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("科技研究中心大学工程材料技术与和的在()（）-·aB3 ,。、\n带领组建é①")), max_size=40),
       st.data())
def test_stem_start_reads_runs_as_the_scan_reads_characters(text: str, data) -> None:
    names = name_rules.name_rules()
    s = data.draw(st.integers(0, len(text)))
    stops = set(data.draw(st.lists(st.integers(0, len(text)), max_size=4)))
    assert (names._stem_start(text, text[::-1], s, stops, sorted(stops))
            == names._stem_scan(text, s, max(0, s - 24), stops))
