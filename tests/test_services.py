"""Configured extractors (xbench.toml): config errors, the command, http and openai kinds against
loopback servers, failures counted, the answer cache, and the API key kept out of every output."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from service_fakes import Canned, chat_answer, gold_answerer, loopback, records_answer, user_text
from xbench.cli import main
from xbench.result import read_result
from xbench.scoring.scores import score

from extractors.registry import get_extractor
from extractors.schema import Span
from extractors.services import build
from extractors.services.chunks import chunk_text
from extractors.services.config import CONFIG_ENV, ConfigError, read_config

ROOT = Path(__file__).resolve().parents[1]
SECRET = "sk-test-9f8e7d6c5b4a-do-not-leak"
RAW = "2016年,三明市科技局投入310萬元。\n青海大學與中新網(wǎng)合作。\n"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XBENCH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("FAKE_KEY", SECRET)
    monkeypatch.setenv(CONFIG_ENV, "")  # empty is unset; restored after main(["--config", ...]) sets it
    monkeypatch.chdir(tmp_path)


def _config(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "xbench.toml"
    path.write_text(body, encoding="utf-8")
    return path


def _one(tmp_path: Path, body: str):
    (config,) = read_config(_config(tmp_path, body)).values()
    return build(config)


def _llm(tmp_path: Path, url: str, extra: str = "", timeout_s: float = 2) -> object:
    return _one(tmp_path, f'[extractors.m]\nkind = "openai"\nbase_url = "{url}/v1"\nmodel = "fake"\n'
                          f'api_key_env = "FAKE_KEY"\ntimeout_s = {timeout_s}\nmax_retries = 0\n{extra}')


@pytest.mark.parametrize(("body", "where"), [
    ("[extractors.a\nkind=1", "not valid TOML"),
    ('[extractors.a]\nkind = "grpc"', "extractors.a.kind"),
    ('[extractors.a]\nkind = "http"', "extractors.a.url"),
    ('[extractors.a]\nkind = "http"\nurl = 5', "extractors.a.url"),
    ('[extractors.a]\nkind = "http"\nurl = "x"\nspeed = 1', "extractors.a.speed"),
    ('[extractors.a]\nkind = "http"\nurl = "x"\nlabels = ["CITY"]', "extractors.a.labels"),
    ('[extractors.a]\nkind = "openai"\nbase_url = "x"\nmodel = "m"\nconcurrency = 0', "extractors.a.concurrency"),
    ('[extractors.a]\nkind = "command"\nargv = []', "extractors.a.argv"),
    ('[other]\nx = 1', "'other'"),
])
def test_a_bad_config_names_the_file_and_the_key(tmp_path: Path, body: str, where: str) -> None:
    path = _config(tmp_path, body)
    with pytest.raises(ConfigError, match="xbench.toml") as exc:
        read_config(path)
    assert where in str(exc.value)


def test_bad_config_on_the_command_line_is_exit_2_naming_file_and_key(tmp_path: Path, capsys) -> None:
    path = _config(tmp_path, '[extractors.a]\nkind = "http"')
    assert main(["extractors", "--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "extractors.a.url" in err and "Traceback" not in err
    assert main(["extractors", "--config", str(tmp_path / "missing.toml")]) == 2


def test_extract_says_what_failed_on_stderr(tmp_path: Path, capsys) -> None:
    path = _config(tmp_path, '[extractors.down]\nkind = "http"\nurl = "http://127.0.0.1:9/x"\ntimeout_s = 2\n')
    doc = tmp_path / "doc.txt"
    doc.write_text(RAW, encoding="utf-8")
    assert main(["extract", "--config", str(path), "-e", "down", str(doc)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "down: 1 request(s) (0 from the cache), failed: connection: 1" in captured.err


def test_a_missing_key_variable_names_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FAKE_KEY")
    with pytest.raises(ConfigError, match="extractors.m.api_key_env: the environment variable FAKE_KEY"):
        _llm(tmp_path, "http://127.0.0.1:9")


def test_chunks_are_whole_paragraphs_under_the_limit_and_cover_the_text() -> None:
    raw = "第一段。\n" * 30 + "很长的一段" * 40 + "。\n尾。"
    chunks = chunk_text(raw, 50)
    assert "".join(c.text for c in chunks) == raw
    assert all(len(c.text) <= 50 for c in chunks)
    assert all(raw[c.start:c.start + len(c.text)] == c.text for c in chunks)
    long_para = range(150, 150 + 201)  # the one paragraph over the limit, cut inside
    assert all(c.text.endswith("\n") or c.start + len(c.text) in long_para for c in chunks[:-1])


SCRIPT = '''
import json, re, sys
text = sys.stdin.read()
if "FAIL" in text:
    sys.exit(3)
for m in re.finditer(r"\\d{4}年", text):
    print(json.dumps({"label": "DATE", "text": m.group(), "value": m.group()[:4]}))
print(json.dumps({"label": "ORG", "text": "三明市科技局", "start": 6, "end": 12}, ensure_ascii=False))
'''


def test_command_kind_reads_jsonl_from_a_script(tmp_path: Path) -> None:
    (tmp_path / "ext.py").write_text(SCRIPT, encoding="utf-8")
    _config(tmp_path, f'[extractors.cli]\nkind = "command"\nargv = [{json.dumps(sys.executable)}, "ext.py"]\n')
    ex = get_extractor("cli")  # through the registry, like a built-in
    assert ex.kind == "service"
    spans = ex.extract(RAW)
    assert [(s.start, s.end, s.label, s.text) for s in spans] == [(0, 5, "DATE", "2016年"),
                                                                   (6, 12, "ORG", "三明市科技局")]
    assert ex.extract("FAIL") == []
    stats = ex.service_stats()
    assert stats["failures"] == {"exit 3": 1} and stats["alignment"]["stages"] == {"exact": 1, "given": 1}
    assert stats["latency_s"]["documents"] == 2


def test_http_kind_with_and_without_offsets_and_a_server_error(tmp_path: Path) -> None:
    def answer(request):
        text = request.body["text"]
        if "500" in text:
            return Canned({"error": "boom"}, status=500)
        return Canned({"records": [{"label": "GPE", "text": "三明市", "start": 6, "end": 9},
                                   {"label": "ORG", "text": "青海大学"}]})
    with loopback(answer) as (url, seen):
        ex = _one(tmp_path, f'[extractors.h]\nkind = "http"\nurl = "{url}/extract"\n')
        spans = ex.extract(RAW)
        assert ex.extract("500") == []
    assert [(s.start, s.end, s.text, s.value) for s in spans] == [(6, 9, "三明市", "三明市"),
                                                                   (21, 25, "青海大學", "青海大学")]
    assert seen[0].path == "/extract" and seen[0].body == {"text": RAW}
    assert ex.service_stats()["failures"] == {"http 500": 1}


def test_a_long_line_goes_to_a_service_in_bounded_chunks_and_its_records_land_in_place(tmp_path: Path) -> None:
    """No service is sent a whole long line (as no built-in is handed more than a window): an http
    service gets sentence-bounded chunks of at most max_chunk_chars, and records found in any chunk
    come back at their offsets in the whole text."""
    from extractors.windows import WINDOW_CHARS

    line = "三明市科技局发布通知。" * 40  # one line, 440 characters
    with loopback(lambda request: Canned({"records": [{"label": "ORG", "text": "三明市科技局"}]})) as (url, seen):
        ex = _one(tmp_path, f'[extractors.h]\nkind = "http"\nurl = "{url}/extract"\nmax_chunk_chars = 100\n')
        spans = ex.extract(line)
    sent = [r.body["text"] for r in seen]
    assert len(sent) >= 5 and max(map(len, sent)) <= 100 and "".join(sent) == line
    assert all(s.text == line[s.start:s.end] == "三明市科技局" for s in spans)
    assert {s.start for s in spans} == {c.start for c in chunk_text(line, 100)}  # the first name of each chunk
    command = _one(tmp_path, f'[extractors.c]\nkind = "command"\nargv = [{json.dumps(sys.executable)}]\n')
    assert max(len(c.text) for c in command.chunks("x" * (2 * WINDOW_CHARS + 5))) <= WINDOW_CHARS  # default bound


@pytest.mark.parametrize(("canned", "reason"), [
    (chat_answer('{"records": [{"label": "DATE", "text": "2016年"'), "malformed json"),
    (chat_answer(None, refusal="I can't help with that."), "refusal"),
    (chat_answer('{"records": [{"label": "DATE", "te', finish_reason="length"), "truncated"),
    (chat_answer('{"items": []}'), "no records list"),
    (chat_answer('[]'), "no records list"),
    (Canned({"error": {"message": "nope"}}, status=400), "http 400"),
])
def test_openai_failures_are_counted_never_raised(tmp_path: Path, canned: Canned, reason: str) -> None:
    with loopback(lambda request: canned) as (url, _):
        ex = _llm(tmp_path, url)
        assert ex.extract(RAW) == []
    stats = ex.service_stats()
    assert stats["failures"] == {reason: 1} and stats["requests"] == 1


def test_openai_slow_answer_past_the_time_out_is_a_failure(tmp_path: Path) -> None:
    with loopback(lambda request: Canned(records_answer([]).body, delay_s=2)) as (url, _):
        ex = _llm(tmp_path, url, timeout_s=0.3)
        assert ex.extract(RAW) == []
    assert ex.service_stats()["failures"] == {"timeout": 1}


def test_a_bad_record_is_counted_unplaced_and_the_others_kept(tmp_path: Path) -> None:
    answer = records_answer([{"label": "GPE", "text": "三明市"}, {"label": "GPE"}, "三明市", {"label": "ORG",
                                                                                           "text": 5}])
    with loopback(lambda request: answer) as (url, _):
        ex = _llm(tmp_path, url)
        assert [s.text for s in ex.extract(RAW)] == ["三明市"]
    assert ex.service_stats()["alignment"]["unplaced"] == 3 and not ex.service_stats()["failures"]


def test_openai_retries_after_429_then_succeeds(tmp_path: Path) -> None:
    answers = iter([Canned({"error": {"message": "slow down"}}, status=429, headers={"retry-after-ms": "10"}),
                    records_answer([{"label": "GPE", "text": "三明市"}])])
    with loopback(lambda request: next(answers)) as (url, seen):
        ex = _one(tmp_path, f'[extractors.m]\nkind = "openai"\nbase_url = "{url}/v1"\nmodel = "fake"\n'
                            'max_retries = 2\ntimeout_s = 5\n')
        spans = ex.extract(RAW)
    assert len(seen) == 2 and [s.text for s in spans] == ["三明市"]
    assert not ex.service_stats()["failures"]


def test_openai_sends_schema_prompt_caches_answers_and_never_leaks_the_key(tmp_path: Path, capsys) -> None:
    answer = records_answer([{"label": "DATE", "text": "2016年", "value": "2016"},
                             {"label": "ORG", "text": "中新网", "value": None}])
    with loopback(lambda request: answer) as (url, seen):
        first = _llm(tmp_path, url, "price_per_1k_input = 0.5\nprice_per_1k_output = 2.0\n")
        spans = first.extract(RAW)
        again = _llm(tmp_path, url)  # a rerun: answered from the cache, the server is not asked
        assert again.extract(RAW) == spans and len(seen) == 1
    system = seen[0].body["messages"][0]["content"]
    assert all(label in system for label in ("PERSON", "QUANTITY", "TIMEX3")) and user_text(seen[0]) == RAW
    assert seen[0].headers["authorization"] == f"Bearer {SECRET}"  # sent to the server, and nowhere else
    assert [(s.text, s.value) for s in spans] == [("2016年", "2016"), ("中新網(wǎng)", "中新网")]
    stats = first.service_stats()
    assert stats["tokens"] == {"input": 100, "output": 20} and stats["cost"] == pytest.approx(0.05 + 0.04)
    assert again.service_stats()["cached"] == 1
    cached = [p.read_text(encoding="utf-8") for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert cached and not any(SECRET in text for text in cached)
    assert SECRET not in json.dumps(stats) + capsys.readouterr().out


def test_acceptance_gold_strings_from_a_loopback_model_score_strict_f1_098(tmp_path: Path) -> None:
    docs = {p.stem: p.read_bytes().decode("utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))}
    gold = {d: [json.loads(line) for line in (ROOT / "goldens" / f"{d}.jsonl").read_text("utf-8").splitlines()]
            for d in docs}
    with loopback(gold_answerer(docs, gold)) as (url, seen):
        ex = _llm(tmp_path, url, "max_chunk_chars = 1500\nconcurrency = 2\n")
        preds = {d: ex.extract(raw) for d, raw in docs.items()}
    assert len(seen) > len(docs)  # the long documents went out in several chunks
    gold_spans = {d: [Span(r["start"], r["end"], r["label"], r["text"], r["value"]) for r in recs]
                  for d, recs in gold.items()}
    report = score(gold_spans, preds, docs)
    assert report.modes["strict"].micro.f1 >= 0.98
    assert ex.service_stats()["alignment"]["failure_rate"] <= 0.02


def test_run_scores_a_configured_model_with_latency_and_cost_and_no_key_anywhere(tmp_path: Path, capsys) -> None:
    """End to end (one spawned extractor process, a few seconds): `xbench run --config` over the seeds."""
    docs = {p.stem: p.read_bytes().decode("utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))}
    gold = {d: [json.loads(line) for line in (ROOT / "goldens" / f"{d}.jsonl").read_text("utf-8").splitlines()]
            for d in docs}
    out = tmp_path / "out"
    with loopback(gold_answerer(docs, gold)) as (url, _):
        path = _config(tmp_path, f'[extractors.m]\nkind = "openai"\nbase_url = "{url}/v1"\nmodel = "fake"\n'
                                 'api_key_env = "FAKE_KEY"\nprice_per_1k_input = 0.001\n')
        code = main(["run", "-e", "m", "--config", str(path), "--rounds", "1", "--seeds", str(ROOT / "seeds"),
                     "--goldens", str(ROOT / "goldens"), "--out", str(out)])
    printed = capsys.readouterr()
    assert code == 0, printed.err
    (entry,) = json.loads((out / "latest.json").read_text(encoding="utf-8"))["extractors"]
    assert entry["kind"] == "llm" and entry["scores"]["strict"]["micro"]["f1"] >= 0.98
    service = entry["service"]
    assert service["latency_s"]["documents"] == len(docs) and service["tokens"]["input"] > 0
    assert service["cost"] > 0 and service["alignment"]["failure_rate"] <= 0.02
    assert entry["speed"]["chars_per_sec"]["median"] == 0  # never timed in-process: its speed is latency
    typed = read_result(out / "latest.json").seeds.extractors[0].service  # the typed result reads it back
    assert typed is not None and typed.to_json() == service
    assert "latency/doc median s" in printed.out and "latency/doc" in (out / "report.html").read_text("utf-8")
    written = "".join(p.read_text(encoding="utf-8") for p in [*out.rglob("*"), *(tmp_path / "cache").rglob("*")]
                      if p.is_file())
    assert SECRET not in written + printed.out + printed.err


def test_latency_is_the_makespan_at_the_concurrency_and_p95_the_nearest_rank() -> None:
    from extractors.services.stats import makespan, p95

    assert makespan([1.0, 1.0, 1.0, 1.0], 2) == 2.0 and makespan([3.0, 1.0, 1.0], 2) == 3.0
    assert makespan([1.0, 2.0], 1) == 3.0 and makespan([], 4) == 0.0
    assert p95([float(i) for i in range(1, 21)]) == 19.0 and p95([0.5]) == 0.5 and p95([]) == 0.0
