"""The typed extractor registry: built-ins and third-party extractors through entry points.

Every extractor, built-in or not, is a zero-argument factory registered in the entry-point
group `xbench.extractors` (the built-ins are declared in this distribution's pyproject).
`register` adds one at run time, for tests and notebooks. A name given by two sources is an
error that names both.

Listing (`entries`, `available_extractors`, `Entry.describe`) loads no model: it reads the
factory class's `kind` and `labels` attributes, importing only the module that defines it.
`get_extractor` pays the whole loading cost: an extractor's first `extract` loads nothing more.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import EntryPoint, entry_points
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


@runtime_checkable
class Streaming(Protocol):
    """An extractor that gives a long text's spans window by window, as it makes them (every
    built-in: `CleanTextExtractor.stream`); `xbench extract` writes them as they come."""

    def stream(self, raw: str) -> Iterator[Span]:
        """The spans `extract` returns, in the same order, one window at a time."""
        ...


@runtime_checkable
class Trainable(Protocol):
    """A learned extractor: the benchmark fits it leave-one-document-out on the gold."""

    def fit(self, raws: list[str], gold: list[list[Span]]) -> Trainable:
        """Fit on these documents (raw text and their gold spans); returns the fitted extractor."""
        ...


class ParagraphLocal(Protocol):
    """An extractor whose records of a text made of whole lines are those lines' own records, moved
    (`paragraph_local = True`; jieba and LAC, which read one line or block at a time). `xbench run`
    then reads a document batch by batch, each batch timed: its scoring pass is its timing, the
    text read once (`xbench.run.process.read_timed`). An extractor without the attribute is read
    document by document and timed afterwards."""

    paragraph_local: bool


Factory = Callable[[], Extractor]


@dataclass(frozen=True)
class Description:
    """What listing shows of an extractor without loading it."""

    kind: str
    labels: tuple[str, ...]
    trainable: bool


@dataclass(frozen=True)
class Entry:
    name: str
    source: str  # "entry point <dist> (<module:attr>)" or "registered (<module.qualname>)"
    factory: Factory | None = None
    entry_point: EntryPoint | None = field(default=None, compare=False)
    description: Description | None = None  # known without the factory (configured extractors)

    def load_factory(self) -> Factory:
        """The factory itself (for an entry point: its module is imported, nothing is built)."""
        return self.entry_point.load() if self.entry_point is not None else self.factory

    def describe(self) -> Description:
        """kind, labels and trainability from the factory's class attributes; no instance is made."""
        if self.description is not None:
            return self.description
        factory = self.load_factory()
        kind = getattr(factory, "kind", None)
        labels = getattr(factory, "labels", None)
        if not isinstance(kind, str) or not isinstance(labels, (tuple, list)):
            raise TypeError(f"extractor {self.name!r} ({self.source}) has no class attributes `kind` and `labels`")
        return Description(kind, tuple(labels), callable(getattr(factory, "fit", None)))


class RegistryClash(ValueError):
    """One name given by two sources."""


class UnknownExtractor(KeyError):
    pass


_registered: dict[str, Entry] = {}


def _clash(name: str, first: str, second: str) -> RegistryClash:
    return RegistryClash(f"extractor name {name!r} is registered twice: by {first} and by {second}")


def _where(factory: Factory) -> str:
    return f"{getattr(factory, '__module__', '?')}.{getattr(factory, '__qualname__', repr(factory))}"


def register(name: str) -> Callable[[Factory], Factory]:
    """Decorator: `@register("mine")` on a class or factory returning an Extractor.

    Registering a name that another source already gives is an error naming both; registering
    the same definition again (a module imported twice) replaces it."""
    def deco(factory: Factory) -> Factory:
        source = f"registered ({_where(factory)})"
        old = _registered.get(name) or _entry_point_entries().get(name)
        if old is not None and old.source != source:
            raise _clash(name, old.source, source)
        _registered[name] = Entry(name, source, factory=factory)
        return factory
    return deco


def _entry_point_entries() -> dict[str, Entry]:
    out: dict[str, Entry] = {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        dist = ep.dist.name if ep.dist is not None else "?"
        entry = Entry(ep.name, f"entry point {dist} ({ep.value})", entry_point=ep)
        old = out.get(ep.name)
        if old is not None and old.source != entry.source:
            raise _clash(ep.name, old.source, entry.source)
        out[ep.name] = entry
    return out


def _configured_entries() -> dict[str, Entry]:
    """Extractors declared in xbench.toml (`extractors.services`); a bad file raises ConfigError."""
    from extractors.services import build, configured

    return {name: Entry(name, f"config {c.source}", factory=lambda c=c: build(c),
                        description=Description(c.board_kind, tuple(c.labels), False))
            for name, c in configured().items()}


def entries() -> dict[str, Entry]:
    """Every extractor by name; a name that two sources give is an error naming both."""
    out = _entry_point_entries()
    for more in (_configured_entries(), _registered):
        for name, entry in more.items():
            if name in out and out[name].source != entry.source:
                raise _clash(name, out[name].source, entry.source)
            out[name] = entry
    return out


def available_extractors() -> list[str]:
    return sorted(entries())


def get_extractor(name: str) -> Extractor:
    """A ready instance: the loading cost (models, automata, tokenizers) is paid here."""
    found = entries().get(name)
    if found is None:
        raise UnknownExtractor(f"unknown extractor {name!r}; available: {', '.join(available_extractors())}")
    ex = found.load_factory()()
    if not isinstance(ex, Extractor):
        raise TypeError(f"extractor {name!r} ({found.source}) does not follow the Extractor protocol")
    return ex
