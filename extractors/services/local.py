"""The `http` kind (POST {"text"} -> {"records": [...]}) and the `command` kind (stdin -> JSONL)."""
from __future__ import annotations

import json
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from extractors.services.answers import AnswerError, mentions_from_jsonl, mentions_from_object
from extractors.services.base import Reply, ServiceExtractor
from extractors.services.config import ConfigError, ServiceConfig


class HttpExtractor(ServiceExtractor):
    def ask(self, text: str) -> Reply:
        opts = self.config.options
        body = json.dumps({"text": text}, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(opts["url"], data=body, method="POST",
                                         headers={"Content-Type": "application/json", **opts.get("headers", {})})
        t0 = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=self.config.timeout_s) as response:
                payload = response.read()
        except urllib.error.HTTPError as exc:
            raise AnswerError(f"http {exc.code}") from None
        except TimeoutError:
            raise AnswerError("timeout") from None
        except urllib.error.URLError as exc:
            raise AnswerError("timeout" if isinstance(exc.reason, TimeoutError) else "connection") from None
        latency = time.perf_counter() - t0
        try:
            obj = json.loads(payload.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise AnswerError("malformed json") from None
        return Reply(mentions_from_object(obj), latency)


class CommandExtractor(ServiceExtractor):
    def __init__(self, config: ServiceConfig) -> None:
        super().__init__(config)
        program = config.options["argv"][0]
        if shutil.which(program) is None and not Path(program).is_file():
            raise ConfigError(f"{config.where('argv')}: program {program!r} not found")

    def ask(self, text: str) -> Reply:
        t0 = time.perf_counter()
        try:
            done = subprocess.run(self.config.options["argv"], input=text.encode("utf-8"), capture_output=True,
                                  timeout=self.config.timeout_s, check=False)
        except subprocess.TimeoutExpired:
            raise AnswerError("timeout") from None
        except OSError:
            raise AnswerError("cannot start") from None
        latency = time.perf_counter() - t0
        if done.returncode != 0:
            raise AnswerError(f"exit {done.returncode}")
        try:
            out = done.stdout.decode("utf-8")
        except UnicodeDecodeError:
            raise AnswerError("not utf-8") from None
        return Reply(mentions_from_jsonl(out), latency)
