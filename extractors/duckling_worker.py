"""Duckling in a process of its own (`value_peers.DucklingParser` starts and replaces it): one JSON
string a line on stdin, its mentions as one JSON list a line on stdout (or {"error": why}, for the
parent to report), until stdin ends or the process that started it does."""
from __future__ import annotations

import json
import sys

from extractors.lifeline import lifeline
from extractors.value_peers import duckling_mentions


def main() -> None:
    lifeline()
    for line in sys.stdin:
        try:
            out: object = list(duckling_mentions(json.loads(line)))
        except Exception as exc:  # the parent raises it as the extractor's failure, with no traceback here
            out = {"error": f"{type(exc).__name__}: {exc}"}
        print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
