"""The scalar computational graph of lesson 05a: forward values, backward gradients by the gate patterns,
and every gradient equal to central differences on random graphs."""

import math

import numpy as np
import pytest

from mnistlab.scalar_graph import Graph

STEPS = [("p", "mul", "w1", "x"), ("h", "relu", "p"), ("q", "mul", "w2", "x"), ("s", "add", "h", "q"),
         ("L", "square_error", "s", 1.0)]


def numerical(graph, leaf, eps=1e-6):
    plus = graph.with_leaf(leaf, graph.value(leaf) + eps).value(graph.output)
    minus = graph.with_leaf(leaf, graph.value(leaf) - eps).value(graph.output)
    return (plus - minus) / (2 * eps)


def test_forward_values_follow_the_steps():
    graph = Graph({"w1": 1.5, "x": 2.0, "w2": -0.25}, STEPS)
    assert [graph.value(n) for n in ("p", "h", "q", "s", "L")] == [3.0, 3.0, -0.5, 2.5, 2.25]


def test_the_gate_patterns_add_distributes_multiply_swaps_relu_routes_and_a_value_used_twice_adds():
    graph = Graph({"w1": 1.5, "x": 2.0, "w2": -0.25}, STEPS)
    assert graph.grad("L") == 1 and graph.grad("s") == 3.0  # 2(s - 1)
    assert graph.grad("h") == graph.grad("q") == graph.grad("s")  # add distributes
    assert graph.grad("p") == graph.grad("h")  # ReLU routes: p > 0
    assert graph.grad("w1") == 2.0 * graph.grad("p")  # multiply swaps: w1 gets x · ∂L/∂p
    carried = {(e.source, e.target): e.carried for e in graph.edges}
    assert carried[("x", "p")] == 1.5 * 3.0 and carried[("x", "q")] == -0.25 * 3.0
    assert graph.grad("x") == carried[("x", "p")] + carried[("x", "q")] == 3.75  # used twice: the paths add


def test_a_relu_with_a_negative_input_blocks_the_gradient():
    graph = Graph({"w1": 1.5, "x": -1.0, "w2": -0.25}, STEPS)
    assert graph.value("h") == 0 and graph.grad("p") == 0 and graph.grad("w1") == 0
    assert graph.grad("x") == pytest.approx(-0.25 * graph.grad("q"))


def test_a_value_multiplied_by_itself_gets_both_paths():
    graph = Graph({"x": 3.0}, [("y", "mul", "x", "x"), ("L", "square_error", "y", 0.0)])
    assert graph.grad("x") == pytest.approx(4 * 3.0 ** 3)  # L = x⁴


@pytest.mark.parametrize("seed", range(5))
def test_every_gradient_equals_central_differences_on_random_numbers(seed):
    rng = np.random.default_rng(seed)
    leaves = {"w1": rng.normal(), "x": rng.normal(), "w2": rng.normal(), "b": rng.normal()}
    steps = [("p", "mul", "w1", "x"), ("u", "add", "p", "b"), ("h", "relu", "u"), ("q", "mul", "w2", "x"),
             ("r", "mul", "h", "q"), ("s", "add", "r", "x"), ("L", "square_error", "s", 0.5)]
    graph = Graph(leaves, steps)
    for leaf in leaves:
        assert math.isclose(graph.grad(leaf), numerical(graph, leaf), rel_tol=1e-5, abs_tol=1e-7), leaf


def test_positions_put_each_gate_below_its_inputs_and_no_two_boxes_of_a_row_closer_than_one():
    where = Graph({"w1": 1.5, "x": 2.0, "w2": -0.25}, STEPS).positions()
    assert where["w1"] == (-1.0, 0) and where["x"] == (0.0, 0) and where["w2"] == (1.0, 0)
    assert where["p"] == (-0.5, 1) and where["h"] == (-0.5, 2) and where["L"] == (0.0, 4)
    for row in {r for _, r in where.values()}:
        cols = sorted(c for c, r in where.values() if r == row)
        assert all(b - a >= 1 for a, b in zip(cols, cols[1:], strict=False))


def test_a_bad_graph_is_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="unknown op 'div'"):
        Graph({"x": 1.0}, [("y", "div", "x", 2.0)])
    with pytest.raises(ValueError, match="not defined before it"):
        Graph({"x": 1.0}, [("y", "mul", "x", "z")])
    with pytest.raises(ValueError, match="used twice"):
        Graph({"x": 1.0}, [("x", "relu", "x")])
    with pytest.raises(KeyError, match="not a leaf"):
        Graph({"x": 1.0}, [("y", "relu", "x")]).with_leaf("y", 2.0)
