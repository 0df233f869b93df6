"""The `openai` kind: any OpenAI-compatible chat endpoint (OpenAI, vLLM, Ollama, llama.cpp's server).

The raw text goes out in paragraph-bounded chunks with a versioned prompt stating the schema
(`extractors/data/prompts/`). The official client retries with back-off (429, 5xx, time-outs;
`max_retries`) and enforces the time-out. Malformed JSON, refusals and truncated answers are
counted failures. Answers are cached by model, prompt version and text hash. The API key is
read from the environment variable `api_key_env` and handed to the client only.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from functools import cache
from pathlib import Path

from extractors.schema import LABELS
from extractors.services.answers import AnswerError, mentions_from_json
from extractors.services.base import Reply, ServiceExtractor
from extractors.services.cache import Answer, AnswerCache, answer_key
from extractors.services.config import ConfigError, ServiceConfig

PROMPT = "records-v1"
PROMPT_DIR = Path(__file__).resolve().parents[1] / "data" / "prompts"
NO_KEY = "not-needed"  # local servers take any key; the client insists on one


@cache
def prompt_text(version: str = PROMPT) -> str:
    return (PROMPT_DIR / f"{version}.md").read_text(encoding="utf-8")


def system_prompt(labels: tuple[str, ...]) -> str:
    text = prompt_text()
    if set(labels) != set(LABELS):
        text += f"\nOnly label these: {', '.join(labels)}.\n"
    return text


def api_key(config: ServiceConfig) -> str:
    env = config.options.get("api_key_env")
    if env is None:
        return NO_KEY
    key = os.environ.get(env)
    if not key:
        raise ConfigError(f"{config.where('api_key_env')}: the environment variable {env} is not set")
    return key


def failure_of(exc: Exception) -> str:
    """A fixed reason for a failed call: never the exception's text, which may quote the request."""
    import openai

    if isinstance(exc, openai.APITimeoutError):
        return "timeout"
    if isinstance(exc, openai.APIStatusError):
        return f"http {exc.status_code}"
    if isinstance(exc, openai.APIConnectionError):
        return "connection"
    return type(exc).__name__


class OpenAIExtractor(ServiceExtractor):
    chunk_chars = 2000  # a prompt's worth

    def __init__(self, config: ServiceConfig) -> None:
        import openai

        super().__init__(config)
        opts = config.options
        self.model = opts["model"]
        self.prompt = system_prompt(config.labels)
        # the cache key's version: the prompt's name and a hash of the exact text and settings sent
        settings = json.dumps({k: opts.get(k) for k in ("temperature", "max_tokens", "json_mode")}, sort_keys=True)
        self.prompt_version = f"{PROMPT}-{hashlib.sha256((self.prompt + settings).encode()).hexdigest()[:12]}"
        self.client = openai.OpenAI(base_url=opts["base_url"], api_key=api_key(config),
                                    timeout=config.timeout_s, max_retries=int(opts.get("max_retries", 2)))
        self.cache = AnswerCache()

    def ask(self, text: str) -> Reply:
        key = answer_key(self.model, self.prompt_version, text)
        answer = self.cache.get(key)
        cached = answer is not None
        if answer is None:
            answer = self._call(text)
            self.cache.put(key, answer, {"model": self.model, "prompt_version": self.prompt_version,
                                         "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()})
        reply = Reply(latency_s=answer.latency_s, input_tokens=answer.input_tokens,
                      output_tokens=answer.output_tokens, cached=cached)
        try:
            reply.mentions = mentions_from_answer(answer)
        except AnswerError as exc:
            reply.failure = exc.reason
        return reply

    def _call(self, text: str) -> Answer:
        opts = self.config.options
        extra = {"response_format": {"type": "json_object"}} if opts.get("json_mode", True) else {}
        if "max_tokens" in opts:
            extra["max_tokens"] = opts["max_tokens"]
        t0 = time.perf_counter()
        try:
            response = self.client.chat.completions.create(
                model=self.model, temperature=opts.get("temperature", 0),
                messages=[{"role": "system", "content": self.prompt}, {"role": "user", "content": text}], **extra)
        except Exception as exc:  # noqa: BLE001 - every failed call is a counted failure, the run goes on
            raise AnswerError(failure_of(exc)) from None
        latency = time.perf_counter() - t0
        if not response.choices:
            raise AnswerError("no choices")
        choice, usage = response.choices[0], response.usage
        return Answer(choice.message.content, choice.finish_reason, getattr(choice.message, "refusal", None),
                      usage.prompt_tokens if usage else 0, usage.completion_tokens if usage else 0, latency)


def mentions_from_answer(answer: Answer) -> list:
    if answer.refusal or answer.finish_reason == "content_filter":
        raise AnswerError("refusal")
    if answer.finish_reason == "length":
        raise AnswerError("truncated")
    if not answer.content:
        raise AnswerError("empty answer")
    return mentions_from_json(answer.content)
