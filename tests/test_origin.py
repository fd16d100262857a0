import numpy as np
import pytest

import mnistlab as ml
from mnistlab import origin


def digits_like(m=60, seed=0):
    """Random 'images' (784, m) in [0, 1] with labels that depend on them (learnable)."""
    rng = np.random.default_rng(seed)
    X = rng.random((784, m))
    y = (X[:10] * np.arange(1, 11)[:, None]).argmax(axis=0)
    return X, y


def one_step(X, y, seed=0, alpha=0.1):
    W1, b1, W2, b2 = origin.init_params(np.random.default_rng(seed))
    Z1, A1, Z2, A2 = origin.forward_prop(W1, b1, W2, b2, X)
    grads = origin.backward_prop(Z1, A1, Z2, A2, W1, W2, X, y)
    return (W1, b1, W2, b2), grads, origin.update_params(W1, b1, W2, b2, *grads, alpha)


def test_origin_init_draws_weights_and_biases_uniformly_in_plus_minus_one_half():
    W1, b1, W2, b2 = origin.init_params(np.random.default_rng(0))
    assert (W1.shape, b1.shape, W2.shape, b2.shape) == ((10, 784), (10, 1), (10, 10), (10, 1))
    assert -0.5 <= W1.min() < -0.49 and 0.49 < W1.max() < 0.5
    assert b1.std() > 0.1  # random biases, not zeros


def test_origin_moves_all_biases_of_a_layer_by_the_same_amount():
    X, y = digits_like()
    (W1, b1, W2, b2), (dW1, db1, dW2, db2), (W1n, b1n, W2n, b2n) = one_step(X, y)
    assert np.ndim(db1) == 0 and np.ndim(db2) == 0  # one number per layer
    for before, after in ((b1, b1n), (b2, b2n)):
        moves = after - before
        np.testing.assert_allclose(moves, moves[0, 0], rtol=1e-12)
    # our engine gives every neuron its own bias gradient on the same data and parameters
    params = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    _, cache = ml.forward(params, X)
    assert len(np.unique(ml.backward(params, cache, y)["db1"].round(12))) > 1


def test_origin_weight_gradients_equal_ours_when_m_is_the_number_of_images():
    X, y = digits_like()
    (W1, b1, W2, b2), (dW1, db1, dW2, db2), _ = one_step(X, y)
    params = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    _, cache = ml.forward(params, X)
    ours = ml.backward(params, cache, y)
    np.testing.assert_allclose(dW1, ours["dW1"], rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(dW2, ours["dW2"], rtol=1e-10, atol=1e-14)
    assert db2 == pytest.approx(ours["db2"].sum())  # the scalar is the sum of the per-neuron gradients


def test_origin_global_m_shrinks_the_gradient_when_it_is_the_csv_row_count():
    X, y = digits_like(m=41)
    W1, b1, W2, b2 = origin.init_params(np.random.default_rng(0))
    cache = origin.forward_prop(W1, b1, W2, b2, X)
    right = origin.backward_prop(*cache, W1, W2, X, y)
    global_m = origin.backward_prop(*cache, W1, W2, X, y, m=42)
    np.testing.assert_allclose(global_m[0], right[0] * 41 / 42)


def test_origin_one_hot_takes_its_width_from_the_data():
    assert origin.one_hot(np.array([0, 3, 8])).shape == (9, 3)  # no 9 in the batch: 9 rows, not 10
    assert ml.one_hot(np.array([0, 3, 8])).shape == (10, 3)
    X, y = digits_like()
    y = np.minimum(y, 8)
    W1, b1, W2, b2 = origin.init_params(np.random.default_rng(0))
    cache = origin.forward_prop(W1, b1, W2, b2, X)
    with pytest.raises(ValueError, match="broadcast"):
        origin.backward_prop(*cache, W1, W2, X, y)


def test_origin_softmax_overflows_to_nan_for_large_scores():
    Z = np.array([[1000.0, 1.0], [0.0, 2.0]])
    with np.errstate(over="ignore", invalid="ignore"):
        A = origin.softmax(Z)
    assert np.isnan(A[:, 0]).any()
    np.testing.assert_allclose(A[:, 1], ml.softmax(Z)[:, 1])
    assert np.isfinite(ml.softmax(Z)).all()


def test_origin_gradient_descent_learns_is_reproducible_and_reports_every_10_iterations():
    X, y = digits_like(m=200)
    reports = []
    W1, *_ = origin.gradient_descent(X, y, 0.1, 31, np.random.default_rng(1),
                                     callback=lambda i, acc: reports.append((i, acc)))
    assert [i for i, _ in reports] == [0, 10, 20, 30]
    assert reports[-1][1] > reports[0][1]
    again, *_ = origin.gradient_descent(X, y, 0.1, 31, np.random.default_rng(1))
    np.testing.assert_array_equal(W1, again)
