"""xbench extractors: the lower floor (schema, normaliser, values, registry, extractors)."""
from extractors.registry import Extractor, available_extractors, get_extractor, register
from extractors.schema import LABELS, Span

__all__ = ["Extractor", "LABELS", "Span", "available_extractors", "get_extractor", "register"]
