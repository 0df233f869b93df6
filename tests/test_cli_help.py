"""Every argument of every command says what it does; `--version` prints the installed version."""
from __future__ import annotations

import argparse
from importlib.metadata import version

from xbench.cli import build_parser, main


def _parsers(parser: argparse.ArgumentParser, path: str = "xbench"):
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, f"{path} {name}")


def test_every_argument_has_help() -> None:
    missing = [f"{path}: {a.option_strings or a.dest}" for path, p in _parsers(build_parser()) for a in p._actions
               if not isinstance(a, argparse._SubParsersAction) and not a.help]
    assert missing == []


def test_version(capsys) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"xbench {version('xbench')}"
