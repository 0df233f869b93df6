"""Data files of installed packages (JioNLP, jieba) and xbench's cache folder: one place for both.

Packages are located without importing them (importing JioNLP costs ~0.5 s and prints a banner).
JioNLP ships some dictionaries only zipped and unzips them into its own folder on first use;
`jionlp_file` reads the zip itself instead and keeps the text in xbench's cache, so the result
never depends on whether JioNLP happened to run before.
"""
from __future__ import annotations

import importlib.util
import os
import zipfile
from functools import cache
from importlib.metadata import version
from pathlib import Path

from extractors.data_cache import write_atomic


def cache_dir() -> Path:
    """Outside the repository: $XBENCH_CACHE_DIR, else $XDG_CACHE_HOME/xbench, else ~/.cache/xbench."""
    if os.environ.get("XBENCH_CACHE_DIR"):
        return Path(os.environ["XBENCH_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "xbench"


@cache
def package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"package {name!r} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


@cache
def jionlp_file(relative: str) -> Path:
    """A JioNLP data file such as `dictionary/china_location.txt`, unzipped into the cache if need be."""
    path = package_dir("jionlp") / relative
    if path.exists():
        return path
    archive = path.with_suffix(".zip")
    if not archive.exists():
        raise FileNotFoundError(f"{path}: not in the installed JioNLP (neither .txt nor .zip)")
    target = cache_dir() / f"jionlp-{version('jionlp')}" / relative
    if not target.exists():
        with zipfile.ZipFile(archive) as z:
            write_atomic(target, [z.read(path.name)])  # parallel workers never read half a file
    return target


def jieba_in_cache(tokenizer=None):
    """A jieba tokenizer (default: jieba's global one) that keeps its prefix-dictionary cache under
    xbench's cache folder instead of $TMPDIR/jieba.cache, and keeps quiet while it loads.
    jieba reads that cache with marshal: a folder of ours is no place others write to."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)  # "Building prefix dict..." would break into the progress display
    tokenizer = tokenizer if tokenizer is not None else jieba.dt
    folder = cache_dir() / "jieba"
    folder.mkdir(parents=True, exist_ok=True)
    tokenizer.tmp_dir = str(folder)
    return tokenizer


def onnxruntime_in_cache() -> dict[str, str]:
    """Environment for starting onnxruntime: its telemetry files (a device id under
    $XDG_CACHE_HOME/Microsoft/DeveloperTools, a session id in $TMPDIR/.ses) go under xbench's cache folder."""
    folder = cache_dir() / "onnxruntime"
    folder.mkdir(parents=True, exist_ok=True)
    return {"XDG_CACHE_HOME": str(folder), "TMPDIR": str(folder)}
