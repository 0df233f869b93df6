"""Readers of the word lists that ship in installed packages: JioNLP's location tree, world list,
surnames and general dictionary, and jieba's dict.txt. One reader per file, shared by the
dictionary's gazetteer, the regex's area rule and the baselines' place rule; no package is imported
to read its data.
"""
from __future__ import annotations

import ast
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path


@dataclass
class AdminUnit:
    """A province, city or county of JioNLP's tree."""

    name: str
    code: str
    aliases: tuple[str, ...]
    level: int  # 0 province, 1 city, 2 county
    parent: str | None


@dataclass
class ChinaLocations:
    units: list[AdminUnit] = field(default_factory=list)
    towns: dict[str, set[str]] = field(default_factory=dict)     # town name -> county codes
    villages: dict[str, set[str]] = field(default_factory=dict)  # village name -> county codes


def read_china_locations(path: Path, towns: bool = True) -> ChinaLocations:
    """JioNLP's tree: one unit a line, depth by leading tabs (province, city, county: name, code, alias);
    without `towns`, the towns and villages (most of its 700,000 lines) are skipped unread."""
    out = ChinaLocations()
    parents: list[str | None] = [None, None, None]
    county = ""
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not towns and line.startswith("\t\t\t"):
                continue
            depth = len(line) - len(line.lstrip("\t"))
            parts = line.strip().split("\t")
            if not parts[0]:
                continue
            if depth <= 2:
                if len(parts) != 3:
                    continue
                name, code, alias = parts
                unit = AdminUnit(name, code, tuple(a for a in alias.split("/") if a), depth,
                                 parents[depth - 1] if depth else None)
                out.units.append(unit)
                parents[depth] = code
                county = code
            elif depth == 3:
                out.towns.setdefault(parts[0], set()).add(county)
            else:
                out.villages.setdefault(parts[0], set()).add(county)
    return out


@lru_cache(maxsize=1)
def china_units() -> tuple[AdminUnit, ...]:
    """JioNLP's provinces, cities and counties (its towns and villages unread), once a process: from
    the cache folder as plain data (reading the 700,000-line tree takes 0.3 s, the cache milliseconds),
    keyed by JioNLP's version and this reader, as the gazetteer's cache is."""
    from importlib.metadata import version

    from extractors import data_cache
    from extractors.package_data import cache_dir, jionlp_file

    key = data_cache.cache_key(version("jionlp"), Path(__file__))
    return data_cache.cached(
        cache_dir() / f"china-units-{key}.data",
        lambda meta, _: tuple(AdminUnit(**{**u, "aliases": tuple(u["aliases"])}) for u in meta["units"]),
        lambda: tuple(read_china_locations(jionlp_file("dictionary/china_location.txt"), towns=False).units),
        lambda units: ({"units": [asdict(u) for u in units]}, []), others="china-units-*")


@lru_cache(maxsize=1)
def admin_unit_names() -> frozenset[str]:
    """The full names of China's provinces, cities and counties in JioNLP's tree (茂名市, 和平区, 房山区)."""
    return frozenset(u.name for u in china_units())


@dataclass
class WorldLocations:
    countries: set[str] = field(default_factory=set)
    cities: set[str] = field(default_factory=set)
    continents: set[str] = field(default_factory=set)


def read_world_locations(path: Path) -> WorldLocations:
    """JioNLP's world list: `亚洲:` headers, then `short name, full name, capital[, main/cities]`."""
    out = WorldLocations()
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = [p.strip() for p in line.split("\t") if p.strip()]
        if not parts:
            continue
        if len(parts) == 1 and parts[0].endswith(":"):
            out.continents.add(parts[0].rstrip(":"))
            continue
        out.countries.update(parts[:2])
        for p in parts[2:]:
            out.cities.update(c for c in p.split("/") if c)
    return out


def read_jieba_dict(path: Path) -> dict[str, tuple[int, str]]:
    words: dict[str, tuple[int, str]] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3:
                words[parts[0]] = (int(parts[1]), parts[2])
    return words


def jieba_dict_text() -> str:
    """jieba's bundled dict.txt whole (a word, its frequency and its tag a line), '' where it cannot be read:
    for readers that pick a few lists out of it with one pattern each (the regex's function words and listed
    names, the garbled-text test's character frequencies). Not kept: the lists read from it are."""
    from extractors.package_data import package_dir

    try:
        return (package_dir("jieba") / "dict.txt").read_text(encoding="utf-8")
    except OSError:
        return ""


def read_surnames(path: Path, ambiguous: bool = False) -> tuple[frozenset[str], frozenset[str]]:
    """JioNLP's surname lists (the one-character list after it removed ambiguous surnames, or with
    them: 周, 钱, 党, which are common words too; and the two-character list), read from its source
    without importing the package."""
    found: dict[str, list[str]] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name in ("SINGLE_CHINESE_FAMILY_NAME", "TWO_CHAR_CHINESE_FAMILY_NAME"):
                found.setdefault(name, []).append(ast.literal_eval(node.value))
    singles = found["SINGLE_CHINESE_FAMILY_NAME"]  # the later assignment (what an import keeps) prunes the first
    return (frozenset(singles[0] if ambiguous else singles[-1]),
            frozenset(found["TWO_CHAR_CHINESE_FAMILY_NAME"][-1].split("|")))


@lru_cache(maxsize=2)
def surnames(ambiguous: bool = False) -> tuple[frozenset[str], frozenset[str]]:
    """JioNLP's one- and two-character surnames (`read_surnames`), read once a process."""
    from extractors.package_data import jionlp_file

    return read_surnames(jionlp_file("rule/rule_pattern.py"), ambiguous)


def read_province_alias(path: Path) -> str:
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "CHINA_PROVINCE_ALIAS":
            return ast.literal_eval(node.value)
    return ""


def read_common_words(path: Path) -> frozenset[str]:
    """JioNLP's general dictionary (Xinhua, pruned to words in use): common words, not names."""
    with path.open(encoding="utf-8") as f:
        return frozenset(line.split("\t", 1)[0] for line in f)
