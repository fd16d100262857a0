import numpy as np
import pytest

import mnistlab as ml

SIZES = {1: [7, 4], 2: [7, 6, 4], 3: [7, 6, 5, 4]}


def small_problem(depth, m, seed=0):
    rng = np.random.default_rng(seed)
    params = ml.init_params(SIZES[depth], rng=rng, dtype=np.float64)
    for name in params:  # non-zero biases, so that their gradients are checked too
        params[name] += 0.1 * rng.standard_normal(params[name].shape)
    return params, rng.standard_normal((7, m)), rng.integers(0, 4, m)


@pytest.mark.parametrize("activation", ["relu", "sigmoid"])
@pytest.mark.parametrize("depth", [1, 2, 3])
@pytest.mark.parametrize("m", [1, 7, 13])
def test_backward_matches_the_numerical_gradient(activation, depth, m):
    params, X, y = small_problem(depth, m, seed=depth * 100 + m)
    report = ml.gradient_check(params, X, y, activation=activation, n_samples=1000)  # every entry
    assert set(report) == set(params)
    assert report.max_error < 1e-6, report
    assert report.passed(1e-6)


def test_numerical_gradient_of_a_whole_matrix_equals_backward():
    params, X, y = small_problem(2, 5)
    _, cache = ml.forward(params, X)
    grads = ml.backward(params, cache, y)
    for name in params:
        numerical = ml.numerical_gradient(params, X, y, name)
        assert numerical.shape == params[name].shape
        np.testing.assert_allclose(numerical, grads["d" + name], rtol=1e-6, atol=1e-9)


def test_numerical_gradient_accepts_index_tuples_and_leaves_params_unchanged():
    params, X, y = small_problem(2, 5)
    before = {name: value.copy() for name, value in params.items()}
    by_tuple = ml.numerical_gradient(params, X, ml.one_hot(y, 4), "W1", indices=[(0, 1), (3, 6)])
    by_flat = ml.numerical_gradient(params, X, y, "W1", indices=[1, 3 * 7 + 6])
    np.testing.assert_allclose(by_tuple, by_flat, rtol=1e-9)
    for name in params:
        np.testing.assert_array_equal(params[name], before[name])


def test_float32_parameters_are_checked_in_float64():
    params, X, y = small_problem(2, 9)
    report = ml.gradient_check({k: v.astype(np.float32) for k, v in params.items()}, X, y)
    assert report.passed(1e-6), report


def test_the_check_exposes_a_wrong_gradient_such_as_the_seeds_scalar_bias_gradient():
    params, X, y = small_problem(1, 9)
    A, _ = ml.forward(params, X)
    scalar_db1 = np.full((4, 1), np.sum(A - ml.one_hot(y, 4)) / 9)  # the seed's db = np.sum(dZ) / m
    numerical = ml.numerical_gradient(params, X, y, "b1")
    error = np.linalg.norm(scalar_db1 - numerical) / (np.linalg.norm(scalar_db1) + np.linalg.norm(numerical))
    assert error > 1e-2


def test_report_prints_a_table_with_one_row_per_parameter():
    params, X, y = small_problem(2, 5)
    report = ml.gradient_check(params, X, y, n_samples=3, rng=np.random.default_rng(0))
    text = repr(report)
    assert text.splitlines()[0].split() == ["parameter", "entries", "relative", "error"]
    assert [line.split()[0] for line in text.splitlines()[1:]] == ["W1", "b1", "W2", "b2"]
    assert all(len(report.indices[name]) == 3 for name in ("W1", "W2"))
    assert report.max_error == max(report.values())


def test_sampled_entries_are_evenly_spread_without_rng_and_random_with_it():
    params, X, y = small_problem(2, 5)
    spread = ml.gradient_check(params, X, y, n_samples=4)
    np.testing.assert_array_equal(spread.indices["W1"], [0, 14, 27, 41])
    a = ml.gradient_check(params, X, y, n_samples=4, rng=np.random.default_rng(1))
    b = ml.gradient_check(params, X, y, n_samples=4, rng=np.random.default_rng(1))
    np.testing.assert_array_equal(a.indices["W1"], b.indices["W1"])


def test_backward_after_a_sigmoid_forward_pass_computes_sigmoid_gradients():
    params, X, y = small_problem(2, 9)
    _, cache = ml.forward(params, X, activation="sigmoid")
    grads = ml.backward(params, cache, y)  # no activation given: the cache says sigmoid
    for name in params:
        numerical = ml.numerical_gradient(params, X, y, name, activation="sigmoid")
        np.testing.assert_allclose(grads["d" + name], numerical, rtol=1e-5, atol=1e-8)


def test_a_gradient_check_never_passes_on_nan_or_infinite_errors():
    from mnistlab.gradcheck import GradientCheck

    for errors in ({"W1": float("nan"), "b1": 1e-9}, {"W1": 1e-9, "b1": float("nan")}, {"W1": float("inf")}):
        report = GradientCheck(errors, {}, {}, {})
        assert not report.passed(), errors
        assert not report.max_error < 1e-6
    assert not GradientCheck({}, {}, {}, {}).passed()  # nothing checked is not a pass


def test_a_gradient_check_on_diverged_parameters_refuses_instead_of_passing():
    params, X, y = small_problem(1, 5)
    params["W1"][0, 0] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        ml.gradient_check(params, X, y)


def test_relative_error_is_zero_for_equal_gradients_and_at_most_one():
    rng = np.random.default_rng(11)
    a, b = rng.standard_normal((3, 4)), rng.standard_normal((3, 4))
    assert ml.relative_error(a, a) == 0.0
    assert ml.relative_error(np.zeros(5), np.zeros(5)) == 0.0  # a dead neuron's gradient: 0 = 0, not NaN
    assert 0 < ml.relative_error(a, b) <= 1
    assert ml.relative_error(a, b) == pytest.approx(ml.relative_error(b, a))
    assert ml.relative_error(a, 2 * a) == pytest.approx(1 / 3)


def test_relative_error_is_about_071_for_orthogonal_and_one_for_opposite_or_zero_gradients():
    assert ml.relative_error([1.0, 0.0], [0.0, 1.0]) == pytest.approx(np.sqrt(2) / 2)
    assert ml.relative_error([3.0, -1.0], [-3.0, 1.0]) == pytest.approx(1.0)
    assert ml.relative_error([3.0, -1.0], [0.0, 0.0]) == pytest.approx(1.0)
    assert np.isnan(ml.relative_error([np.nan, 1.0], [1.0, 1.0]))
