"""A service's answer -> mentions: `{"records": [...]}` (openai, http) or JSONL lines (command).

A malformed answer is an AnswerError whose reason is one of a few fixed words, so failures are
counted by reason and no answer text (which might quote anything) reaches a result file.
"""
from __future__ import annotations

import json
import re
from typing import Any

from extractors.align import Mention

# Models often wrap JSON in a Markdown code fence although asked not to.
_FENCE = re.compile(r"^\s*```(?:json)?\s*\n?(.*?)\n?```\s*$", re.S)


class AnswerError(ValueError):
    """An answer that yields no records; `reason` is what the failure is counted under."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def mention_from(obj: Any) -> Mention:
    """One answered record; one without a string label or text still counts, as a record the
    alignment cannot place (so one bad record never costs the others of its answer)."""
    if not isinstance(obj, dict):
        return Mention("", "")
    label, text = obj.get("label"), obj.get("text")
    if not isinstance(label, str) or not isinstance(text, str):
        return Mention(label if isinstance(label, str) else "", text if isinstance(text, str) else "")
    start, end = obj.get("start"), obj.get("end")
    offsets = isinstance(start, int) and isinstance(end, int) and not isinstance(start, bool)
    return Mention(obj["label"], obj["text"], obj.get("value"), start if offsets else None, end if offsets else None)


def mentions_from_object(obj: Any) -> list[Mention]:
    if not isinstance(obj, dict) or not isinstance(obj.get("records"), list):
        raise AnswerError("no records list")
    return [mention_from(r) for r in obj["records"]]


def mentions_from_json(text: str) -> list[Mention]:
    fenced = _FENCE.match(text)
    try:
        obj = json.loads(fenced.group(1) if fenced else text)
    except json.JSONDecodeError:
        raise AnswerError("malformed json") from None
    return mentions_from_object(obj)


def mentions_from_jsonl(text: str) -> list[Mention]:
    out = []
    for line in text.split("\n"):
        if line.strip():
            try:
                out.append(mention_from(json.loads(line)))
            except json.JSONDecodeError:
                raise AnswerError("malformed json") from None
    return out
