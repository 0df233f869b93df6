import sys
import tracemalloc

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from extractors.annotations import annotation_ranges, strip_annotations
from extractors.normalise import normalise, to_simplified

HAN = st.sampled_from(list("堅持黨建引領助力科技創新發展鐘祥市縣局會議學習中國青海大通"))
OTHER = st.sampled_from(list("0123456789，。、()（）ＡＢ１２ abc\n"))
SYLLABLES = st.sampled_from(["jiān", "lǐng", "dòng", "xué", "xí", "yè", "shù", "zhōng", "ér", "ng"])


@st.composite
def annotated(draw) -> str:
    out = []
    for _ in range(draw(st.integers(0, 40))):
        ch = draw(st.one_of(HAN, OTHER))
        out.append(ch)
        if ch.strip() and ch not in "()（）" and draw(st.booleans()):
            out.append(f"({draw(SYLLABLES)})")
    return "".join(out)


@settings(max_examples=200, deadline=None)
@given(annotated(), st.data())
def test_mapped_spans_are_well_formed_and_round_trip(raw: str, data) -> None:
    norm = normalise(raw)
    assert len(norm.clean) == len(norm.starts) == len(norm.ends)
    assume(norm.clean)
    s = data.draw(st.integers(0, len(norm.clean) - 1))
    e = data.draw(st.integers(s + 1, len(norm.clean)))
    rs, re_ = norm.to_raw(s, e)
    assert 0 <= rs < re_ <= len(raw)
    inside = {i for a, b in annotation_ranges(raw) for i in range(a + 1, b)}
    assert rs not in inside and re_ not in inside
    assert normalise(raw[rs:re_]).clean == norm.clean[s:e]
    assert norm.to_clean(rs, re_) == (s, e)


def _per_character_map(raw: str) -> tuple[list[int], list[int]]:
    """Raw index and raw end of each clean character, read off the raw text one character at a time:
    an annotation is skipped and charged to the character before it."""
    annotation_end = dict(annotation_ranges(raw))
    starts: list[int] = []
    ends: list[int] = []
    i = 0
    while i < len(raw):
        if i in annotation_end:
            if ends:
                ends[-1] = annotation_end[i]
            i = annotation_end[i]
            continue
        starts.append(i)
        ends.append(i + 1)
        i += 1
    return starts, ends


@settings(max_examples=300, deadline=None)
@given(annotated())
def test_the_run_map_equals_the_per_character_map(raw: str) -> None:
    norm = normalise(raw)
    assert (norm.starts, norm.ends) == _per_character_map(raw)
    assert len(norm.clean) == len(norm.starts)


def test_the_offset_map_holds_no_python_object_per_annotation() -> None:
    """A long line of annotated text (seeds: one annotation every 18 characters) keeps a map of a
    few machine integers per annotation, not a dict and tuples of Python ints (which made up half
    of a 50 MiB line's memory)."""
    raw = "堅(jiān)持發展，" * 20_000
    tracemalloc.start()
    try:
        before = tracemalloc.take_snapshot()
        norm = normalise(raw)
        grown = sum(d.size_diff for d in tracemalloc.take_snapshot().compare_to(before, "filename"))
    finally:
        tracemalloc.stop()
    assert norm.clean == "坚持发展," * 20_000
    tables = grown - sys.getsizeof(norm.clean)
    assert tables <= 20 * 20_000, tables  # two 8-byte integers per annotation, and some slack


def test_trailing_annotation_belongs_to_the_mention() -> None:
    raw = "中新網(wǎng)青海"
    norm = normalise(raw)
    assert norm.clean == "中新网青海"
    assert raw[slice(*norm.to_raw(0, 3))] == "中新網(wǎng)"
    assert raw[slice(*norm.to_raw(3, 5))] == "青海"


def test_real_parentheses_are_kept() -> None:
    raw = "中心(含山)和(通宣)及(gdp)"
    assert strip_annotations(raw) == raw
    assert normalise(raw).clean == raw


def test_full_width_and_script() -> None:
    assert normalise("ＧＤＰ１６．５％，鐘祥").clean == "GDP16.5%,钟祥"
    assert len(to_simplified("乾隆皇帝後來")) == len("乾隆皇帝後來")


@given(st.text(max_size=60))
def test_any_string_normalises_without_raising(text: str) -> None:
    norm = normalise(text)
    assert len(norm.clean) == len(norm.starts)
    assert normalise("a\ud800鐘").clean == "a\ud800钟"
