"""Gold <-> Label Studio / doccano / CoNLL: lossless round trips on the real gold, values, UTF-16 offsets."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from xbench.cli import main
from xbench.gold.contrib import load_labelled
from xbench.gold.formats import (
    FORMATS,
    LabelledDoc,
    conll_token,
    export_docs,
    from_conll,
    from_doccano,
    from_labelstudio,
    import_docs,
    labelstudio_config,
    recompute_value,
    to_labelstudio,
    utf16_offsets,
)
from xbench.gold.load import load_manifest
from xbench.io import InputError

from extractors.normalise import normalise
from extractors.schema import LABELS, Span


@pytest.fixture(scope="module")
def gold_docs(root: Path) -> list[LabelledDoc]:
    docs = load_labelled([root / "goldens"], root / "seeds")
    reviewed = load_manifest(root / "goldens").reviewed()
    assert len(docs) >= len(reviewed) > 0 and all(d.spans for d in docs)  # no corpus size written in
    return docs


def _keys(doc: LabelledDoc) -> list[tuple[int, int, str, str]]:
    return [(s.start, s.end, s.label, s.text) for s in doc.spans]


def _round_trip(docs: list[LabelledDoc], fmt: str, tmp_path: Path) -> list[LabelledDoc]:
    path = tmp_path / f"export.{fmt}"
    path.write_text(export_docs(docs, fmt), encoding="utf-8")
    return import_docs(path, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_is_lossless_on_the_real_gold(gold_docs: list[LabelledDoc], fmt: str, tmp_path: Path) -> None:
    back = _round_trip(gold_docs, fmt, tmp_path)
    assert [d.doc_id for d in back] == [d.doc_id for d in gold_docs]
    for old, new in zip(gold_docs, back):
        assert new.text == old.text, old.doc_id
        assert _keys(new) == _keys(old), old.doc_id
        assert all(s.text == new.text[s.start:s.end] for s in new.spans)


@pytest.mark.parametrize("fmt", ["labelstudio", "doccano"])
def test_formats_with_room_for_values_carry_them(gold_docs: list[LabelledDoc], fmt: str, tmp_path: Path) -> None:
    back = _round_trip(gold_docs, fmt, tmp_path)
    for old, new in zip(gold_docs, back):
        assert [s.value for s in new.spans] == [s.value for s in old.spans], old.doc_id


def _value_differences(old: list[LabelledDoc], new: list[LabelledDoc]) -> list[str]:
    return [f"{o.doc_id}:{a.start} {a.label} {a.text!r}: gold {a.value!r}, recomputed {b.value!r}"
            for o, n in zip(old, new) for a, b in zip(o.spans, n.spans) if a.value != b.value]


def test_conll_values_are_recomputed_like_the_gold(gold_docs: list[LabelledDoc], tmp_path: Path) -> None:
    back = _round_trip(gold_docs, "conll", tmp_path)
    total = sum(len(d.spans) for d in gold_docs)
    differ = _value_differences(gold_docs, back)
    print(f"conll: {len(differ)} of {total} gold values differ from the recomputed ones")
    # The gold's values were written by hand to the schema; the normaliser should agree on
    # nearly all of them. The count is reported; a few principled differences are allowed.
    assert len(differ) <= total // 50, differ[:20]
    # Every recomputed value is exactly what recompute_value gives on the document.
    for doc in back:
        norm = normalise(doc.text)
        assert [s.value for s in doc.spans] == [recompute_value(norm, s.start, s.end, s.label) for s in doc.spans]


def test_carried_values_are_kept_for_unchanged_spans_only(gold_docs: list[LabelledDoc]) -> None:
    doc = next(d for d in gold_docs if any(s.label == "MONEY" for s in d.spans))
    tasks = json.loads(to_labelstudio([doc]))
    data, result = tasks[0]["data"], tasks[0]["annotations"][0]["result"]
    money = next(i for i, s in enumerate(doc.spans) if s.label == "MONEY")
    for i in (0, money):
        data["gold_values"][i][3] = "carried"
    moved = result[money]["value"]
    moved["start"] -= 1  # the annotator widened the MONEY span by one character to the left
    moved["text"] = doc.text[moved["start"]:moved["end"]]
    back = from_labelstudio(json.dumps(tasks, ensure_ascii=False))[0]
    assert back.spans[0].value == "carried"  # unchanged: the carried value, even a made-up one
    widened = next(s for s in back.spans if s.start == moved["start"])
    assert widened.value != "carried"
    assert widened.value == recompute_value(normalise(doc.text), widened.start, widened.end, "MONEY")


# --- UTF-16 ---------------------------------------------------------------------------------

ASTRAL_TEXT = "😀𠀀 2023年5月12日，李𠀀在杭州市科技局调研，投资3.5亿元。"


def _astral_doc() -> LabelledDoc:
    spans = []
    for text, label in [("2023年5月12日", "DATE"), ("李𠀀", "PERSON"), ("杭州市科技局", "ORG"), ("3.5亿元", "MONEY")]:
        i = ASTRAL_TEXT.index(text)
        spans.append(Span(i, i + len(text), label, text))
    return LabelledDoc("astral", ASTRAL_TEXT, spans)


def _js(text: str, i: int) -> int:
    """The offset JavaScript gives code-point offset i: UTF-16 code units."""
    return len(text[:i].encode("utf-16-le")) // 2


def _ls_task(doc: LabelledDoc, offset) -> str:
    result = [{"from_name": "label", "to_name": "text", "type": "labels",
               "value": {"start": offset(s.start), "end": offset(s.end), "text": s.text, "labels": [s.label]}}
              for s in doc.spans]
    return json.dumps([{"data": {"text": doc.text, "doc_id": doc.doc_id}, "annotations": [{"result": result}]}],
                      ensure_ascii=False)


@pytest.mark.parametrize("unit", ["utf16", "codepoints"])
def test_label_studio_utf16_offsets_are_detected_and_converted(unit: str) -> None:
    doc = _astral_doc()
    offset = (lambda i: _js(doc.text, i)) if unit == "utf16" else (lambda i: i)
    if unit == "utf16":  # the two counts really differ here: two astral characters before the first span
        assert offset(doc.spans[0].start) == doc.spans[0].start + 2
    back = from_labelstudio(_ls_task(doc, offset))[0]
    assert _keys(back) == _keys(doc)
    assert [s.value for s in back.spans] == ["2023-05-12", "李𠀀", "杭州市科技局",
                                             {"amount": 350000000, "unit": "CNY"}]


def test_utf16_offsets_without_span_text_need_to_be_named() -> None:
    doc = _astral_doc()
    line = json.dumps({"doc_id": "astral", "text": doc.text,
                       "label": [[_js(doc.text, s.start), _js(doc.text, s.end), s.label] for s in doc.spans]},
                      ensure_ascii=False)
    with pytest.raises(InputError, match="--offsets"):
        from_doccano(line, "x.jsonl")
    assert _keys(from_doccano(line, "x.jsonl", offsets="utf16")[0]) == _keys(doc)


def test_an_offset_inside_a_surrogate_pair_is_refused() -> None:
    line = json.dumps({"doc_id": "a", "text": "😀杭州", "label": [[1, 4, "GPE"]]}, ensure_ascii=False)
    with pytest.raises(InputError, match=r"x.jsonl:1: offsets \(1, 4\)"):
        from_doccano(line, "x.jsonl", offsets="utf16")


_TEXT = st.text(alphabet=st.sampled_from("杭州市a 1\n😀𠀀🇨"), max_size=40)


@settings(max_examples=100, deadline=None)
@given(_TEXT)
def test_utf16_offsets_agree_with_javascript(text: str) -> None:
    offs = utf16_offsets(text)
    assert offs == [_js(text, i) for i in range(len(text) + 1)]


@settings(max_examples=100, deadline=None)  # values are recomputed: OpenCC and cn2an load once
@given(_TEXT, st.data())
def test_any_flat_span_set_survives_a_utf16_label_studio_round_trip(text: str, data) -> None:
    cuts = sorted(set(data.draw(st.lists(st.integers(0, len(text)), max_size=8))))
    spans = [Span(a, b, data.draw(st.sampled_from(LABELS)), text[a:b]) for a, b in zip(cuts[::2], cuts[1::2])]
    doc = LabelledDoc("d", text, spans)
    task = _ls_task(doc, lambda i: _js(text, i))
    try:  # auto-detection is right or refuses (both readings fit: `1🇨11`), never wrong
        assert _keys(from_labelstudio(task)[0]) == _keys(doc)
    except InputError as exc:
        assert "--offsets" in str(exc)
    assert _keys(from_labelstudio(task, offsets="utf16")[0]) == _keys(doc)


def test_offsets_that_fit_both_readings_are_not_guessed() -> None:
    doc = LabelledDoc("d", "1😀11", [Span(2, 3, "QUANTITY", "1")])
    task = _ls_task(doc, lambda i: _js(doc.text, i))  # UTF-16 (3, 4): also "1" read as code points
    with pytest.raises(InputError, match="fits both"):
        from_labelstudio(task, "ls.json")
    assert _keys(from_labelstudio(task, offsets="utf16")[0]) == [(2, 3, "QUANTITY", "1")]
    assert _keys(from_labelstudio(task, offsets="codepoints")[0]) == [(3, 4, "QUANTITY", "1")]


# --- CoNLL ----------------------------------------------------------------------------------


def test_conll_writes_one_visible_token_per_character() -> None:
    doc = LabelledDoc("d1", "#1 杭州\n\u3000😀", [Span(3, 5, "GPE", "杭州")])
    out = export_docs([doc, LabelledDoc("d2", "", [])], "conll")
    assert out.splitlines() == ["# doc_id = d1", "U+0023\tO", "1\tO", "U+0020\tO", "杭\tB-GPE", "州\tI-GPE",
                                "U+000A\tO", "U+3000\tO", "😀\tO", "", "# doc_id = d2"]
    assert [(d.doc_id, d.text, _keys(d)) for d in from_conll(out)] == [("d1", doc.text, _keys(doc)), ("d2", "", [])]
    assert conll_token("\xa0") == "U+00A0" and conll_token("\ufeff") == "U+FEFF"


def test_conll_cannot_hold_overlaps() -> None:
    doc = LabelledDoc("d", "杭州市科技局", [Span(0, 3, "GPE", "杭州市"), Span(0, 6, "ORG", "杭州市科技局")])
    with pytest.raises(InputError, match="overlap"):
        export_docs([doc], "conll")


@pytest.mark.parametrize("body, line, reason", [
    ("# doc_id = d\n杭\tI-GPE\n", 2, "does not continue"),
    ("# doc_id = d\n杭\tB-GPE\n州\tI-ORG\n", 3, "does not continue"),
    ("# doc_id = d\n杭州\tO\n", 2, "neither one character"),
    ("# doc_id = d\n杭\tB-CITY\n", 2, "is not O, B-LABEL"),
    ("杭\tO\n", 1, "doc_id"),
])
def test_bad_conll_is_named_with_its_line(tmp_path: Path, capsys, body: str, line: int, reason: str) -> None:
    path = tmp_path / "bad.conll"
    path.write_text(body, encoding="utf-8")
    code = main(["gold", "import", "--format", "conll", str(path), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{path}:{line}: " in err and reason in err, err
    assert "Traceback" not in err


@pytest.mark.parametrize("fmt, body, where", [
    ("labelstudio", "[{\"data\": {\"text\": \"杭州\"", ":1: not valid JSON"),
    ("labelstudio", '[{"data": {"text": "杭州"}}]', "task 1: needs data.doc_id"),
    ("labelstudio", '[{"data": {"text": "杭州", "doc_id": "d"}, "annotations": [{"result": [{"type": "labels", '
                    '"value": {"start": 0, "end": 2, "text": "杭州", "labels": ["CITY"]}}]}]}]',
     "task 1 (d) region 1: unknown label 'CITY'"),
    ("labelstudio", '[{"data": {"text": "杭州", "doc_id": "d"}, "annotations": [{"result": [{"type": "labels", '
                    '"value": {"start": 0, "end": 2, "text": "广州", "labels": ["GPE"]}}]}]}]',
     "task 1 (d) region 1: text '广州' != document[0:2]"),
    ("doccano", '{"doc_id": "d", "text": "杭州"}\n{"doc_id": "e", "text": "杭州", "label": [[0, 9, "GPE"]]}\n',
     ":2: offsets (0, 9) are not a span"),
])
def test_bad_tool_exports_are_named(tmp_path: Path, capsys, fmt: str, body: str, where: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(body, encoding="utf-8")
    code = main(["gold", "import", "--format", fmt, str(path), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{path}" in err and where in err, err
    assert "Traceback" not in err


def test_label_studio_takes_the_last_submitted_annotation_and_skips_unlabelled_tasks() -> None:
    def ann(label: str, cancelled: bool = False) -> dict:
        return {"was_cancelled": cancelled, "result": [{"type": "labels", "value": {
            "start": 0, "end": 2, "text": "杭州", "labels": [label]}}]}
    tasks = [{"data": {"text": "杭州", "doc_id": "a"}, "annotations": [ann("ORG"), ann("GPE"), ann("LOC", True)]},
             {"data": {"text": "杭州", "doc_id": "b"}, "annotations": [],
              "predictions": [ann("GPE")]}]
    warned: list[str] = []
    docs = from_labelstudio(json.dumps(tasks, ensure_ascii=False), "ls.json", warn=warned.append)
    assert [(d.doc_id, _keys(d)) for d in docs] == [("a", [(0, 2, "GPE", "杭州")])]
    assert warned == ["ls.json: task 2 (b): no submitted annotation, skipped"]


def test_doccano_entities_and_label_studio_config() -> None:
    line = json.dumps({"doc_id": "d", "text": "杭州市科技局", "entities": [
        {"id": 1, "start_offset": 0, "end_offset": 6, "label": "ORG"}]}, ensure_ascii=False)
    assert _keys(from_doccano(line)[0]) == [(0, 6, "ORG", "杭州市科技局")]
    config = labelstudio_config()
    assert all(f'<Label value="{lab}"/>' in config for lab in LABELS)
    assert '<Labels name="label" toName="text">' in config and '<Text name="text" value="$text"/>' in config


_JSON = st.recursive(st.none() | st.booleans() | st.integers(-3, 30) | st.sampled_from(["GPE", "杭州", "text", "😀"]),
                     lambda kids: st.lists(kids, max_size=4) | st.dictionaries(
                         st.sampled_from(["data", "text", "doc_id", "annotations", "result", "value", "start", "end",
                                          "labels", "label", "type", "entities", "gold_values", "start_offset"]),
                         kids, max_size=5), max_leaves=25)


@settings(max_examples=100, deadline=None)
@given(_JSON)
def test_any_malformed_tool_export_is_an_input_error_never_a_crash(obj) -> None:
    text = json.dumps(obj, ensure_ascii=False)
    for parse in (from_labelstudio, from_doccano):
        try:
            parse(text, "f")
        except InputError as exc:
            assert str(exc).startswith("f")


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="杭州😀 \n", max_size=6), _JSON, _JSON, _JSON, _JSON, _JSON)
def test_well_shaped_exports_with_odd_fields_are_input_errors_or_valid(text, start, end, span_text, labels,
                                                                       carried) -> None:
    value = {"start": start, "end": end, "text": span_text, "labels": labels}
    tasks = [{"data": {"text": text, "doc_id": "d", "gold_values": carried},
              "annotations": [{"result": [{"type": "labels", "value": value}]}]}]
    line = json.dumps({"doc_id": "d", "text": text, "label": [[start, end, labels]], "gold_values": carried},
                      ensure_ascii=False)
    for parse, body in ((from_labelstudio, json.dumps(tasks, ensure_ascii=False)), (from_doccano, line)):
        try:
            docs = parse(body, "f")
        except InputError:
            continue
        assert all(s.text == d.text[s.start:s.end] and 0 <= s.start < s.end for d in docs for s in d.spans)
