"""The features of the MSRA name model (`extractors.names`): the seed CRF's character features
(`crf.features`) plus what a name model needs beyond them.

- A wider window: characters three away, the skip pair around a character and its trigram.
- Lexicon cues from the project's word lists and JioNLP's surname lists (never from gold or
  MSRA): a surname character; a character inside an organisation, area or place word; and how
  far ahead the nearest such word ends. An organisation is told by the word that closes it,
  often several characters after the character being tagged (北京大学附属 ... 医院).
- Optionally, Baidu LAC's word tags (its position in LAC's word, BMES, with LAC's POS or name
  tag: `B-ORG`, `E-nr`): `names-lac` learns MSRA's conventions from LAC's evidence.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache

from extractors import lexicon
from extractors.base import Hit
from extractors.package_lexicons import surnames

# The word lists each cue reads, by cue letter: O organisation, G administrative area, L place.
CUE_LISTS = {"O": ("org_suffixes", "strong_org_words", "org_words"), "G": ("gpe_suffixes", "admin_suffixes"),
             "L": ("loc_words", "landform_words")}
CUE_REACH = 10  # characters ahead within which the end of a cue word is a feature


@lru_cache(maxsize=1)
def cue_words() -> dict[str, tuple[str, ...]]:
    """The words of each cue, from the word lists as they are now (longest first)."""
    return {k: tuple(sorted({w for name in names for w in lexicon.words(name)}, key=lambda w: (-len(w), w)))
            for k, names in CUE_LISTS.items()}


def _occurrences(text: str, word: str) -> Iterator[int]:
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


def lexicon_cues(clean: str, words: Mapping[str, Sequence[str]] | None = None) -> list[list[str]]:
    """Per character: surname marks, inside-a-cue-word marks and the distance to the next cue word's end
    (`words`: each cue's words, when not the word lists' own: those a trained network kept)."""
    single, double = surnames()
    out: list[list[str]] = [[] for _ in clean]
    for i, ch in enumerate(clean):
        if ch in single:
            out[i].append("sn1")
        if clean[i:i + 2] in double:
            out[i].append("sn2")
    for kind, kind_words in (cue_words() if words is None else words).items():
        ends = [False] * len(clean)
        inside = set()
        for w in kind_words:
            for at in _occurrences(clean, w):
                ends[at + len(w) - 1] = True
                inside.update(range(at, at + len(w)))
        for i in inside:
            out[i].append("in" + kind)
        nearest = None
        for i in range(len(clean) - 1, -1, -1):
            nearest = i if ends[i] else nearest
            if nearest is not None and nearest - i <= CUE_REACH:
                out[i].append(f"end{kind}:{nearest - i}")
    return out


def wide_window(clean: str) -> list[list[str]]:
    cs = ["<s>"] * 3 + list(clean) + ["</s>"] * 3
    return [["c-3:" + cs[i], "c+3:" + cs[i + 6], "c-1c+1:" + cs[i + 2] + cs[i + 4],
             "c-1cc+1:" + cs[i + 2] + cs[i + 3] + cs[i + 4]] for i in range(len(clean))]


def lac_word_tags(clean: str, tokens: Iterable[tuple[int, int, str]] | None = None) -> list[str]:
    """LAC's tag of each character's word with the character's place in it (`B-ORG`, `S-v`); `O`
    outside words (`tokens`: LAC's words, `baselines.lac_tokens`, when already known)."""
    from extractors.baselines import lac_tokens

    tags = ["O"] * len(clean)
    for s, e, tag in lac_tokens(clean) if tokens is None else tokens:
        for i in range(s, e):
            place = "S" if e - s == 1 else "B" if i == s else "E" if i == e - 1 else "M"
            tags[i] = f"{place}-{tag}"
    return tags


def lac_word_tags_in_workers(cleans: list[str], workers: int = 2) -> Iterator[list[str]]:
    """`lac_word_tags` of each text, in order, computed by `workers` processes (`lifeline.in_workers`)."""
    from extractors.lifeline import in_workers

    return in_workers(lac_word_tags, cleans, workers)


def lac_features(clean: str, tags: list[str]) -> list[list[str]]:
    p = ["^", *tags, "$"]
    return [["L:" + t, "Lc:" + t + clean[i], "L-1:" + p[i], "L+1:" + p[i + 2], "L-1L:" + p[i] + "|" + t,
             "LL+1:" + t + "|" + p[i + 2]] for i, t in enumerate(tags)]


def name_features(clean: str, regex_hits: Iterable[Hit] | None = None, dictionary_hits: Iterable[Hit] | None = None,
                  feature_groups: Iterable[str] = (), lac_tags: list[str] | None = None
                  ) -> list[list[bytes | str]]:
    """Every feature of every clean character, as crfsuite attribute strings: `crf.features` (UTF-8
    bytes) and the named groups (str) (`window`, `lexicon`, `lac`; LAC's tags computed here unless given)."""
    from extractors.crf import features

    out = features(clean, regex_hits, dictionary_hits)
    makers = {"window": wide_window, "lexicon": lexicon_cues,
              "lac": lambda text: lac_features(text, lac_word_tags(text) if lac_tags is None else lac_tags)}
    for group in feature_groups:
        for feats, more in zip(out, makers[group](clean)):
            feats += more
    return out
