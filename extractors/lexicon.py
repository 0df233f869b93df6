"""The language resources of the rules: word lists kept as data in `extractors/data/lexicon/`.

One format for every file (UTF-8, `NAME.txt`):
- the first line is a comment (`# ...`) saying what the file holds and where it came from;
- every other non-blank line that does not start with `#` is one entry: a word, or a word, a tab
  and its followers (the characters that, right after the word, make it part of a longer word);
- a character-set file (`chars`) holds runs of characters, one or more lines of them.
Entries keep the order of the file. The files are general language, never strings of the seeds or gold.
"""
from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

LEXICON_DIR = Path(__file__).parent / "data" / "lexicon"


class LexiconError(ValueError):
    """A lexicon file that does not follow the format: names the file and line."""


@cache
def entries(name: str) -> tuple[tuple[str, str], ...]:
    """(word, followers) of every entry of `name`.txt, in file order; followers "" when none."""
    path = LEXICON_DIR / f"{name}.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    if not lines[0].startswith("#"):
        raise LexiconError(f"{path}:1: the first line must be a comment saying what the file holds")
    out = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        word, _, followers = line.partition("\t")
        if not word or word != word.strip() or "\t" in followers:
            raise LexiconError(f"{path}:{number}: expected `word` or `word<TAB>followers`, got {line!r}")
        out.append((word, followers))
    return tuple(out)


def words(name: str) -> tuple[str, ...]:
    return tuple(word for word, _ in entries(name))


@cache
def word_set(name: str) -> frozenset[str]:
    """`name`.txt's words as a set, once a process: for membership tests on a hot path."""
    return frozenset(words(name))


def table(name: str) -> dict[str, str]:
    """word -> the characters that, following it, make a different word."""
    return dict(entries(name))


@cache
def chars(name: str) -> str:
    """A character-set file's characters, in file order."""
    return "".join(words(name))


def digest() -> str:
    """A hash of every lexicon file's entries: caches and models built from the word lists key on it,
    and a file's comments (what it holds, where it came from) change none of them."""
    h = hashlib.sha256()
    for path in sorted(LEXICON_DIR.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        kept = [line for line in lines if line.strip() and not line.startswith("#")]
        h.update(path.name.encode() + b"\0" + "\n".join(kept).encode() + b"\0")
    return h.hexdigest()
