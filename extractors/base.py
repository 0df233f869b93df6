"""What every built-in extractor shares: work on clean text, map spans back to raw offsets."""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from extractors.normalise import Normalised, normalise
from extractors.schema import MAX_SPAN_CHARS, NAME_LABELS, Span
from extractors.windows import NO_EVIDENCE, OVERLAP_CHARS, WINDOW_CHARS, Evidence, merge_evidence, pieces, streamed


@dataclass(slots=True, unsafe_hash=True)
class Hit:
    """A mention found in clean text; `value` None for a name means 'the clean text itself'.

    Treated as immutable (change one with `dataclasses.replace`) but not frozen: a frozen
    dataclass takes three times as long to create, and rules create hundreds of hits a page.
    """

    start: int
    end: int
    label: str
    value: Any = None
    score: float | None = None
    priority: int = 0  # higher wins an overlap before length does


def resolve_overlaps(hits: Iterable[Hit]) -> list[Hit]:
    """Keep a flat set: by priority, then the longer hit, then the leftmost (schema rule 1).

    Resolved one cluster of overlapping hits at a time: hits of different clusters never compete,
    and the greedy pass over one big list inserts into a list as long as what it kept, which on a
    whole long text grows with the square of its length."""
    out: list[Hit] = []
    cluster: list[Hit] = []
    reach = 0
    for h in sorted(hits, key=lambda h: h.start):
        if cluster and h.start >= reach:
            out.extend(_resolve_cluster(cluster))
            cluster = []
        cluster.append(h)
        reach = max(reach, h.end) if len(cluster) > 1 else h.end
    out.extend(_resolve_cluster(cluster))
    return out


def _resolve_cluster(hits: Iterable[Hit]) -> list[Hit]:
    """`resolve_overlaps` on any hits, in one greedy pass."""
    chosen: list[Hit] = []
    starts: list[int] = []  # kept spans never overlap, so sorted starts also sort their ends
    ends: list[int] = []
    for h in sorted(hits, key=lambda h: (-h.priority, -(h.end - h.start), h.start, h.label)):
        if h.end <= h.start:
            continue
        i = bisect_right(starts, h.start)
        # free when the kept span before ends by h.start and the one after starts at or after h.end
        if (i == 0 or ends[i - 1] <= h.start) and (i == len(starts) or starts[i] >= h.end):
            starts.insert(i, h.start)
            ends.insert(i, h.end)
            chosen.append(h)
    return sorted(chosen, key=lambda h: h.start)


def to_spans(norm: Normalised, hits: Iterable[Hit]) -> list[Span]:
    spans = []
    # a runaway match (a run of 100k annotations read as one title) is no mention: bounded here, at the source
    for h in resolve_overlaps(h for h in hits if h.end - h.start <= MAX_SPAN_CHARS):
        rs, re_ = norm.to_raw(h.start, h.end)
        value = h.value
        if value is None and h.label in NAME_LABELS:
            value = norm.clean[h.start:h.end]
        spans.append(Span(rs, re_, h.label, norm.raw[rs:re_], value, h.score))
    return spans


class CleanTextExtractor:
    """Base class: subclasses implement `find(clean) -> hits` on normalised text."""

    name: str = ""
    kind: str = ""
    labels: tuple[str, ...] = ()

    def find(self, clean: str) -> Iterable[Hit]:
        raise NotImplementedError

    def evidence(self, clean: str) -> Evidence:
        """What this piece of a document tells the rest of it, for document-wide rules; none by default."""
        return NO_EVIDENCE

    def find_in(self, clean: str, evidence: Evidence) -> Iterable[Hit]:
        """`find` on a window of a longer text, given the whole document's evidence (`evidence`
        merged over its windows); an extractor without document-wide rules ignores it."""
        return self.find(clean)

    window: int = WINDOW_CHARS  # longer text is searched in windows of this many characters
    overlap: int = OVERLAP_CHARS  # with this much context on either side

    def extract(self, raw: str) -> list[Span]:
        return list(self.stream(raw))

    def stream(self, raw: str) -> Iterator[Span]:
        """The spans of `raw` in order, one window at a time (`windows.streamed`): a text longer than
        a window is normalised and searched window by window, each with the whole document's evidence."""
        evidence = self.document_evidence(raw)
        return streamed(lambda piece, a, b: self.spans_in(piece, a, b, evidence), raw, self.window, self.overlap)

    def document_evidence(self, raw: str) -> Evidence:
        """The evidence of every window of a long text, merged (a text of one window reads its own):
        what `stream` gives each window's search, and a process pool searching windows too."""
        if (len(raw) <= self.window or type(self).evidence is CleanTextExtractor.evidence
                or not _defined_together(type(self), "find", "find_in")):
            return NO_EVIDENCE
        return merge_evidence(self.evidence(normalise(piece).clean)
                              for _, piece, _, _ in pieces(raw, self.window, self.overlap))

    def spans_in(self, piece: str, a: int, b: int, evidence: Evidence) -> list[Span]:
        """The spans of one window whose raw start lies in its core piece[a:b]: the search `stream` runs
        on each window, in this process or in a pool's (`xbench extract -j N`)."""
        norm = normalise(piece)
        if _defined_together(type(self), "find", "find_in"):
            hits = self.find_in(norm.clean, evidence)
        else:  # a subclass that changed `find` alone: its `find` runs, without the document's evidence
            hits = self.find(norm.clean)
        if a > 0 or b < len(piece):
            hits = [h for h in hits if a <= norm.raw_index(h.start) < b]
        return to_spans(norm, hits)


def _defined_together(cls: type, *names: str) -> bool:
    """True when the methods `names` of `cls` all come from one class of its MRO."""
    owners = {next(c for c in cls.__mro__ if name in c.__dict__) for name in names}
    return len(owners) == 1


# A space between two Han characters separates words (`联源科技 超联科技`): no name runs over it.
_HAN_GAP_RE = re.compile(r"[\u4e00-\u9fff]\s+[\u4e00-\u9fff]")


# Brackets and quotation marks, each with its partner (the clean text's: half-width round brackets)
_PAIRS = ("()", "《》", "“”", "‘’", "「」", "『』", "〈〉", "【】")
_PARTNERS = {**{a: b for a, b in _PAIRS}, **{b: a for a, b in _PAIRS}}


def trim_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A name's extent without the spaces and punctuation a tagger let it take on at either end
    (`马炳文)`, ` 章一聪`); a bracket or quotation mark stays when its partner is inside (《当代》杂志,
    “幸福工程”组委会). None when no letter is left: a run of digits (`40202001`) names nothing, nor a
    span across a space between Han characters."""
    def loose(i: int) -> bool:
        ch = text[i]
        if ch.isspace():
            return True
        if not unicodedata.category(ch).startswith("P"):
            return False
        partner = _PARTNERS.get(ch)
        return partner is None or partner not in text[start:end]

    while start < end and loose(start):
        start += 1
    while end > start and loose(end - 1):
        end -= 1
    if not any(ch.isalpha() for ch in text[start:end]) or _HAN_GAP_RE.search(text, start, end):
        return None
    return start, end
