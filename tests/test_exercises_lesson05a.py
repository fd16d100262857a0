"""Lesson 05a's exercises name the mistake: a gradient passed through a blocking ReLU, one path of a value
used twice, the sign of p − Y, the softmax's forgotten coupling - each gets its own hint."""

import numpy as np
import pytest

from mnistlab.exercises import diagnose
from mnistlab.exercises import lesson05a as ex


def hint(name, answer):
    verdict = diagnose(name, answer)
    return None if verdict is None else verdict[0]


@pytest.mark.parametrize("answer, expected", [
    (ex._neuron_dw, None),
    (ex._dw_through_negative_z, "relu"),  # passes the gradient where z < 0
    (ex._dw_with_z_for_a, "relu"),
    (ex._dw_without_x, "no_x"),
    (ex._dw_with_w, "with_w"),
    (ex._dw_sign, "sign"),
    (ex._dw_without_two, "two"),
    (lambda x, w, b, y: 2 * (max(w * x + b, 0) - y) * (w * x + b >= 0) * x, None),  # z = 0 never asked
])
def test_chain_dw_names_the_missing_link(answer, expected):
    assert hint("05.chain_dw", answer) == expected


def test_the_neuron_cases_include_a_blocking_relu_and_one_that_passes():
    z = [w * x + b for _, (x, w, b, _) in ex.NEURON_CASES]
    assert min(z) < 0 < max(z) and 0 not in z


@pytest.mark.parametrize("answer, expected", [
    (4.5, None), (6.0, "one_path"), (-1.5, "one_path"), (-4.5, "sign"), (3.0, "upstream"),
    (1.5, "local_only"), (10.0, "other"), ("4.5", "number"),
])
def test_graph_grad_names_a_forgotten_path(answer, expected):
    assert hint("05.graph_grad", answer) == expected


def test_graph_grad_question_is_the_sum_of_two_different_nonzero_paths():
    via_p, via_q = ex.graph_paths(**ex.GRAPH_QUESTION)
    assert via_p + via_q == 4.5 and via_p != via_q and via_p * via_q != 0


@pytest.mark.parametrize("answer, expected", [
    (ex._grad_z, None), (ex._grad_sign, "sign"), (ex._grad_diagonal, "coupling"), (ex._grad_dL_dp, "dL_dp"),
    (ex._grad_without_softmax, "no_softmax"), (ex._grad_p_only, "p_only"), (ex._grad_overflowing, "overflow"),
    (lambda z, Y: np.exp(z - z.max()) / np.exp(z - z.max()).sum() - Y, None),
])
def test_softmax2_grad_names_the_sign_the_coupling_and_the_overflow(answer, expected):
    assert hint("05.softmax2_grad", answer) == expected


def test_softmax2_grad_agrees_with_central_differences_of_minus_log_p_y():
    rng = np.random.default_rng(3)
    for _ in range(5):
        z, y = rng.normal(size=2) * 3, int(rng.integers(0, 2))
        Y = np.eye(2)[y]

        def loss(z, y=y):
            return -np.log(np.exp(z[y]) / np.exp(z).sum())

        numerical = [(loss(z + e) - loss(z - e)) / 2e-6 for e in np.eye(2) * 1e-6]
        np.testing.assert_allclose(ex._grad_z(z, Y), numerical, atol=1e-7)
