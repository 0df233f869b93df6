"""Extractors that need no Python package: declared in xbench.toml as an OpenAI-compatible model,
an HTTP service or a command; their string answers are aligned to offsets (`extractors.align`)."""
from __future__ import annotations

from extractors.services.config import ConfigError, ServiceConfig, configured


def build(config: ServiceConfig):
    """A ready extractor of a configured kind (the openai client is imported only when one is used)."""
    if config.kind == "openai":
        from extractors.services.llm import OpenAIExtractor

        return OpenAIExtractor(config)
    from extractors.services.local import CommandExtractor, HttpExtractor

    return (HttpExtractor if config.kind == "http" else CommandExtractor)(config)


__all__ = ["ConfigError", "ServiceConfig", "build", "configured"]
