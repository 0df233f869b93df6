"""Aho-Corasick matching (pyahocorasick) over the bytes of UTF-16, for Chinese word lists.

pyahocorasick finds a node's child by a linear scan, and the root of a Chinese word list has one
child per first character: thousands in a gazetteer. Keys and texts are therefore matched as
their UTF-16 bytes, one character per byte, so no node has more than 256 children; encoding is a
single C call. A key's bytes may also match across two characters of the text; `matches` drops
those, so every match it gives starts and ends on character boundaries.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import ahocorasick

_OUTSIDE_BMP = re.compile("[\U00010000-\U0010FFFF]")


def units(text: str) -> str:
    """`text` as the bytes of its UTF-16 (one character per byte): two per character.

    A character outside the Basic Multilingual Plane (four bytes) is read as U+FFFD, which no key
    holds, so character i is always bytes 2i and 2i + 1; a lone surrogate passes as itself.
    """
    data = text.encode("utf-16-be", "surrogatepass")
    if len(data) != 2 * len(text):
        data = _OUTSIDE_BMP.sub("\ufffd", text).encode("utf-16-be", "surrogatepass")
    return data.decode("latin-1")


def build(entries: Iterable[tuple[str, Any]], store: int = ahocorasick.STORE_ANY) -> ahocorasick.Automaton:
    """An automaton over `(key, value)` entries; keys are plain text (BMP characters)."""
    automaton = ahocorasick.Automaton(store)
    for key, value in entries:
        automaton.add_word(units(key), value)
    automaton.make_automaton()
    return automaton


def matches(automaton: ahocorasick.Automaton, text: str) -> Iterator[tuple[int, Any]]:
    """(end, value) of every key found in `text`, overlapping ones included; `end` is the index
    in `text` after the key's last character."""
    for end, value in automaton.iter(units(text)):
        if end & 1:  # a key that ends on a character's second byte; else it matched across characters
            yield (end + 1) >> 1, value
