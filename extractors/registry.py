"""The typed extractor registry: built-ins and third-party extractors through entry points.

Every extractor, built-in or not, is a zero-argument factory registered in the entry-point
group `xbench.extractors` (the built-ins are declared in this distribution's pyproject).
`register` adds one at run time, for tests and notebooks.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Protocol, runtime_checkable

from extractors.schema import Span

ENTRY_POINT_GROUP = "xbench.extractors"
KINDS = ("regex", "dictionary", "ml", "hybrid", "baseline", "llm", "service")


@runtime_checkable
class Extractor(Protocol):
    name: str
    kind: str
    labels: tuple[str, ...]

    def extract(self, raw: str) -> list[Span]:
        """Spans in raw offsets, sorted by start, never overlapping."""
        ...


Factory = Callable[[], Extractor]


@dataclass(frozen=True)
class Entry:
    name: str
    factory: Factory
    source: str  # "entry point <dist>" or "registered"


_registered: dict[str, Entry] = {}


def register(name: str) -> Callable[[Factory], Factory]:
    """Decorator: `@register("mine")` on a class or factory returning an Extractor."""
    def deco(factory: Factory) -> Factory:
        _registered[name] = Entry(name, factory, "registered")
        return factory
    return deco


def _entry_point_entries() -> dict[str, Entry]:
    out = {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        dist = ep.dist.name if ep.dist is not None else "?"

        def factory(ep=ep) -> Extractor:
            return ep.load()()
        out[ep.name] = Entry(ep.name, factory, f"entry point {dist}")
    return out


def _configured_entries() -> dict[str, Entry]:
    """Extractors declared in xbench.toml (`extractors.services`); a bad file raises ConfigError."""
    from extractors.services import build, configured

    return {name: Entry(name, lambda c=c: build(c), f"config {c.source}") for name, c in configured().items()}


def entries() -> dict[str, Entry]:
    return {**_entry_point_entries(), **_configured_entries(), **_registered}


def available_extractors() -> list[str]:
    return sorted(entries())


class UnknownExtractor(KeyError):
    pass


def get_extractor(name: str) -> Extractor:
    """A ready instance: the loading cost (models, automata) is paid here."""
    found = entries().get(name)
    if found is None:
        raise UnknownExtractor(f"unknown extractor {name!r}; available: {', '.join(available_extractors())}")
    ex = found.factory()
    if not isinstance(ex, Extractor):
        raise TypeError(f"extractor {name!r} ({found.source}) does not follow the Extractor protocol")
    return ex
