"""Clean-text extractors' shared steps (extractors.base): overlap resolution, mapping to raw offsets."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.base import CleanTextExtractor, Hit, _resolve_cluster, resolve_overlaps
from extractors.normalise import normalise


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 12), st.integers(0, 2)), max_size=40))
def test_resolve_overlaps_keeps_a_flat_set_by_priority_then_length(raw_hits) -> None:
    hits = [Hit(s, s + n, "ORG", priority=p) for s, n, p in raw_hits]
    kept = resolve_overlaps(hits)
    assert all(a.end <= b.start for a, b in zip(kept, kept[1:]))
    for h in hits:  # every dropped hit overlaps a kept one that ranks at least as high
        if h not in kept:
            assert any(k.start < h.end and h.start < k.end and
                       (k.priority, k.end - k.start) >= (h.priority, h.end - h.start) for k in kept)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 6), st.sampled_from(["GPE", "ORG", "BLOCK"]),
                          st.integers(0, 2)), max_size=25))
def test_resolving_cluster_by_cluster_equals_one_greedy_pass(raw_hits) -> None:
    """resolve_overlaps works on each cluster of overlapping hits (so a long text's many hits are not
    inserted into one ever longer list): it keeps exactly what one greedy pass over all of them keeps."""
    hits = {Hit(s, s + n, label, priority=p) for s, n, label, p in raw_hits}
    assert resolve_overlaps(hits) == _resolve_cluster(hits)


def test_resolution_never_works_on_more_than_one_cluster_at_a_time(monkeypatch) -> None:
    # the structure that keeps it linear: 3,000 separate mentions are 3,000 clusters of one
    import extractors.base as base

    sizes: list[int] = []
    real = base._resolve_cluster
    monkeypatch.setattr(base, "_resolve_cluster", lambda hits: sizes.append(len(hits)) or real(hits))
    hits = [Hit(10 * i + k, 10 * i + k + 3, "ORG") for i in range(3_000) for k in (0, 1)]  # overlapping pairs
    assert len(resolve_overlaps(hits)) == 3_000 and sizes == [2] * 3_000


def test_spans_map_back_to_raw_offsets_and_names_take_their_clean_text() -> None:
    class Fixed(CleanTextExtractor):
        name, kind, labels = "fixed", "regex", ("GPE",)

        def find(self, clean: str) -> list[Hit]:
            start = clean.index("钟祥市")
            return [Hit(start, start + 3, "GPE")]

    raw = "我們在鐘(zhōng)祥市"
    (span,) = Fixed().extract(raw)
    assert span.text == raw[span.start:span.end] == "鐘(zhōng)祥市"
    assert span.value == "钟祥市" and normalise(raw).clean.endswith(span.value)


def test_a_name_loses_the_spaces_and_stray_brackets_a_tagger_gave_it() -> None:
    from extractors.base import trim_name

    def trim(text: str) -> str | None:
        got = trim_name(text, 0, len(text))
        return None if got is None else text[got[0]:got[1]]

    assert trim(" 李四)") == "李四" and trim("(王五") == "王五"
    assert trim("(集团)有限公司") == "(集团)有限公司"  # a bracket whose partner is inside stays
    assert trim("《当代》杂志") == "《当代》杂志" and trim("“幸福工程”组委会") == "“幸福工程”组委会"
    assert trim("《当代") == "当代" and trim("郑乃〈王光〉") == "郑乃〈王光〉"
    assert trim("12345678") is None and trim("、") is None  # no letter: no name
    assert trim("甲乙 丙丁") is None  # two words a space apart are not one name
    assert trim("Bill Gates") == "Bill Gates"
