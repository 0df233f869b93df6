"""What a model's fingerprint hashes (extractors/code_text.py, lexicon.digest): the code and the word
lists' entries, not the prose that explains them, so rewording a comment needs no model trained again."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from extractors import crf, lexicon
from extractors.code_text import without_prose

SOURCE = '''"""A module's docstring, 中文 too."""
import re  # why: a comment


class Rule:
    """A class's docstring."""

    def run(self, text: str) -> str:  # 中文注释
        """A function's
        docstring over lines."""
        return re.sub("#x", "", text)  # a '#' inside a string is code
'''


def _without_docstrings(tree: ast.AST) -> str:
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
            node.body = body[1:] or [ast.Expr(ast.Constant(...))]  # type: ignore[attr-defined]
    return ast.dump(tree)


def test_prose_is_cut_and_code_kept() -> None:
    code = without_prose(SOURCE)
    assert "docstring" not in code and "comment" not in code and "注释" not in code
    assert 'return re.sub("#x", "", text)' in code and "import re" in code
    assert _without_docstrings(ast.parse(code)) == _without_docstrings(ast.parse(SOURCE))


@pytest.mark.parametrize("edit, same", [
    (("# why: a comment", "# why: a comment reworded"), True),
    (("docstring over lines", "docstring reworded"), True),
    (('"#x"', '"#y"'), False),
    (("return re.sub", "return  re.sub"), False),  # spacing inside a line is the file's own text
])
def test_only_a_change_to_the_code_changes_what_is_hashed(edit: tuple[str, str], same: bool) -> None:
    assert (without_prose(SOURCE.replace(*edit)) == without_prose(SOURCE)) is same


def test_every_fingerprinted_source_keeps_its_program() -> None:
    folder = Path(crf.__file__).parent
    for name in (*crf._FEATURE_SOURCES, "name_features.py"):
        source = (folder / name).read_text(encoding="utf-8")
        assert _without_docstrings(ast.parse(without_prose(source))) == _without_docstrings(ast.parse(source)), name


def test_the_word_lists_digest_reads_entries_not_comments(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon, "LEXICON_DIR", tmp_path)
    words = tmp_path / "words.txt"
    words.write_text("# what it holds\n甲\n乙\n", encoding="utf-8")
    before = lexicon.digest()
    words.write_text("# what it holds, said better\n甲\n\n# a note\n乙\n", encoding="utf-8")
    assert lexicon.digest() == before
    words.write_text("# what it holds\n甲\n丙\n", encoding="utf-8")
    assert lexicon.digest() != before
