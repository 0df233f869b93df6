"""A service's answer -> mentions (extractors.services.answers, and the openai kind's finish checks).

Each malformed shape fails under one fixed reason, so failures are counted by reason and no answer
text reaches a result file; one bad record never costs the others of its answer.
"""
from __future__ import annotations

import pytest

from extractors.align import Mention
from extractors.services.answers import AnswerError, mention_from, mentions_from_json, mentions_from_jsonl
from extractors.services.cache import Answer, AnswerCache, answer_key
from extractors.services.llm import mentions_from_answer


def test_a_fenced_json_answer_is_read_as_the_bare_one() -> None:
    bare = '{"records": [{"label": "GPE", "text": "湛江市", "start": 3, "end": 6}]}'
    fenced = f"```json\n{bare}\n```"
    assert mentions_from_json(bare) == mentions_from_json(fenced) == [Mention("GPE", "湛江市", None, 3, 6)]


@pytest.mark.parametrize(("text", "reason"), [
    ("not json at all", "malformed json"),
    ('{"records": "oops"}', "no records list"),
    ('["a", "list"]', "no records list"),
    ('{"items": []}', "no records list"),
])
def test_malformed_answers_fail_under_a_fixed_reason(text: str, reason: str) -> None:
    with pytest.raises(AnswerError) as caught:
        mentions_from_json(text)
    assert caught.value.reason == str(caught.value) == reason  # never the answer's own text


@pytest.mark.parametrize(("obj", "expected"), [
    ({"label": "ORG", "text": "科技局"}, Mention("ORG", "科技局")),
    ({"label": "ORG", "text": "科技局", "start": True, "end": 3}, Mention("ORG", "科技局")),  # bool is no offset
    ({"label": "ORG", "text": "科技局", "start": "0", "end": 3}, Mention("ORG", "科技局")),
    ({"label": 7, "text": "科技局"}, Mention("", "科技局")),
    ({"text": None}, Mention("", "")),
    ("a string", Mention("", "")),
])
def test_a_record_without_usable_fields_is_kept_as_one_alignment_cannot_place(obj, expected: Mention) -> None:
    assert mention_from(obj) == expected


def test_jsonl_skips_blank_lines_and_refuses_a_broken_one() -> None:
    good = '{"label": "DATE", "text": "2020年"}\n\n{"label": "PERCENT", "text": "5%"}\n'
    assert [m.label for m in mentions_from_jsonl(good)] == ["DATE", "PERCENT"]
    with pytest.raises(AnswerError, match="malformed json"):
        mentions_from_jsonl(good + "{oops\n")


def _answer(content: str | None, finish: str | None = "stop", refusal: str | None = None) -> Answer:
    return Answer(content, finish, refusal, input_tokens=10, output_tokens=5, latency_s=0.1)


@pytest.mark.parametrize(("answer", "reason"), [
    (_answer('{"records": []}', refusal="I cannot"), "refusal"),
    (_answer('{"records": []}', finish="content_filter"), "refusal"),
    (_answer('{"records": [', finish="length"), "truncated"),
    (_answer(None), "empty answer"),
    (_answer(""), "empty answer"),
])
def test_openai_finish_states_are_failures_by_reason(answer: Answer, reason: str) -> None:
    with pytest.raises(AnswerError) as caught:
        mentions_from_answer(answer)
    assert caught.value.reason == reason


def test_the_answer_cache_round_trips_and_treats_a_damaged_file_as_absent(tmp_path) -> None:
    cache = AnswerCache(tmp_path)
    key = answer_key("m", "records-v1-abc", "一段文字")
    assert key != answer_key("m", "records-v1-abd", "一段文字") != answer_key("m", "records-v1-abc", "另一段")
    assert cache.get(key) is None
    cache.put(key, _answer('{"records": []}'), {"model": "m"})
    assert cache.get(key) == _answer('{"records": []}')
    (path,) = tmp_path.rglob(f"{key}.json")
    path.write_text("{not json", encoding="utf-8")
    assert cache.get(key) is None
