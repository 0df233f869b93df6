"""xbench: benchmark and data validation for extractors of structured records from Chinese reports.

The public API, loaded lazily so that `import xbench` (and the pytest plugin) costs nothing:

    import xbench
    ex = xbench.get_extractor("regex")          # a ready instance; loading cost is paid here
    spans = ex.extract(raw_text)                 # list of Span in raw-text offsets
    report = xbench.score(gold, predictions)     # both: {doc_id: [Span, ...]}
    print(report.modes["strict"].micro.f1)
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = ["Span", "available_extractors", "get_extractor", "load_records", "score"]

_EXPORTS = {
    "Span": "extractors.schema",
    "available_extractors": "extractors.registry",
    "get_extractor": "extractors.registry",
    "load_records": "xbench.records",
    "score": "xbench.scoring.scores",
}


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'xbench' has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)
