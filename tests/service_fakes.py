"""A loopback HTTP server replaying recorded answers: an OpenAI-compatible chat endpoint or an
http extractor service. No test needs a network or a real model."""
from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Canned:
    """One recorded answer: a status, a body (object -> JSON, str -> as is), headers, a delay."""

    body: Any
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0


def chat_answer(content: str | None, finish_reason: str = "stop", refusal: str | None = None,
                usage: tuple[int, int] = (100, 20)) -> Canned:
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if refusal is not None:
        message["refusal"] = refusal
    return Canned({"id": "chatcmpl-1", "object": "chat.completion", "created": 0, "model": "fake",
                   "choices": [{"index": 0, "message": message, "finish_reason": finish_reason}],
                   "usage": {"prompt_tokens": usage[0], "completion_tokens": usage[1],
                             "total_tokens": sum(usage)}})


def records_answer(records: list[dict[str, Any]]) -> Canned:
    return chat_answer(json.dumps({"records": records}, ensure_ascii=False))


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    body: Any


@contextmanager
def loopback(answer: Callable[[Seen], Canned]) -> Iterator[tuple[str, list[Seen]]]:
    """(base URL, requests seen) of a server on 127.0.0.1 that answers each POST with `answer(request)`."""
    seen: list[Seen] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the http.server name
            raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            request = Seen(self.path, {k.lower(): v for k, v in self.headers.items()}, json.loads(raw or b"null"))
            seen.append(request)
            canned = answer(request)
            time.sleep(canned.delay_s)
            body = canned.body if isinstance(canned.body, str) else json.dumps(canned.body, ensure_ascii=False)
            data = body.encode("utf-8")
            try:
                self.send_response(canned.status)
                for k, v in {"Content-Type": "application/json", **canned.headers}.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (a time-out test)
                pass

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


def user_text(request: Seen) -> str:
    """The document chunk an extractor sent in a chat request."""
    return next(m["content"] for m in request.body["messages"] if m["role"] == "user")


def gold_answerer(docs: dict[str, str], gold: dict[str, list[dict[str, Any]]]) -> Callable[[Seen], Canned]:
    """Answers a chunk with the gold mentions inside it as strings: label, text, value, no offsets."""
    def answer(request: Seen) -> Canned:
        text = user_text(request)
        for doc_id, raw in docs.items():
            at = raw.find(text)
            if at != -1:
                return records_answer([{"label": r["label"], "text": r["text"], "value": r["value"]}
                                       for r in gold[doc_id] if at <= r["start"] and r["end"] <= at + len(text)])
        return records_answer([])
    return answer
