"""Python source without its prose: what a model's fingerprint hashes of the code its features run.

A packaged model is stale when the code that computes its features changes (`crf.feature_fingerprint`),
and training it again takes minutes. Comments and docstrings change no feature, so they are cut
before hashing: a reworded comment leaves every model current. Each is cut by its place in the file
(tokenize's comments, ast's docstrings), and what remains is the file's own text, so the result is
the same under every Python version that reads the file, whatever its tokenizer makes of f-strings.
"""
from __future__ import annotations

import ast
import io
import tokenize

_DOCUMENTED = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
Place = tuple[int, int]  # (line from 1, column)


def _docstrings(source: str) -> list[tuple[Place, Place, str]]:
    """Where each docstring is, and what takes its place: nothing, or `...` when it is all its body holds."""
    lines = source.split("\n")

    def place(line: int, byte: int) -> Place:  # ast counts columns in UTF-8 bytes, tokenize in characters
        return line, len(lines[line - 1].encode("utf-8")[:byte].decode("utf-8"))

    out = []
    for node in ast.walk(ast.parse(source)):
        body = node.body if isinstance(node, _DOCUMENTED) else None
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            doc = body[0]
            out.append((place(doc.lineno, doc.col_offset),
                        place(doc.end_lineno or doc.lineno, doc.end_col_offset or 0), "" if body[1:] else "..."))
    return out


def _comments(source: str) -> list[tuple[Place, Place, str]]:
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return [(t.start, t.end, "") for t in tokens if t.type == tokenize.COMMENT]


def without_prose(source: str) -> str:
    """`source` without comments and docstrings, trailing spaces and blank lines: still a program."""
    lines = source.split("\n")
    # cut from the last place to the first, so earlier places stay where they were
    for (l1, c1), (l2, c2), instead in sorted(_comments(source) + _docstrings(source), reverse=True):
        lines[l1 - 1:l2] = [lines[l1 - 1][:c1] + instead + lines[l2 - 1][c2:]]
    return "\n".join(line.rstrip() for line in lines if line.strip())
