import numpy as np
import pytest

import mnistlab as ml


def test_init_params_gives_the_documented_shapes_for_any_depth():
    for sizes in ([784, 10, 10], [784, 128, 64, 10], [5, 3]):
        params = ml.init_params(sizes, rng=np.random.default_rng(0))
        assert list(params) == [f"{w}{l}" for l in range(1, len(sizes)) for w in "Wb"]
        for l in range(1, len(sizes)):
            assert params[f"W{l}"].shape == (sizes[l], sizes[l - 1])
            assert params[f"b{l}"].shape == (sizes[l], 1)
            assert params[f"W{l}"].dtype == np.float32
        assert ml.layer_sizes(params) == sizes


def test_he_and_xavier_init_have_the_documented_spread_and_zero_biases():
    rng = np.random.default_rng(1)
    he = ml.init_params([784, 256, 10], rng=rng, init="he")
    xavier = ml.init_params([784, 256, 10], rng=rng, init="xavier")
    assert he["W1"].std() == pytest.approx(np.sqrt(2 / 784), rel=0.02)
    assert xavier["W1"].std() == pytest.approx(np.sqrt(2 / (784 + 256)), rel=0.02)
    assert not he["b1"].any() and not xavier["b2"].any()


def test_uniform_init_draws_weights_and_biases_in_plus_minus_one_half_like_the_seed():
    params = ml.init_params([784, 10, 10], rng=np.random.default_rng(2), init="uniform")
    for value in params.values():
        assert value.min() >= -0.5 and value.max() < 0.5
    assert params["W1"].min() < -0.49 and params["W1"].max() > 0.49 and params["b1"].std() > 0.1


def test_same_rng_seed_gives_the_same_weights_in_float32_and_float64():
    a = ml.init_params([784, 32, 10], rng=np.random.default_rng(7))
    b = ml.init_params([784, 32, 10], rng=np.random.default_rng(7), dtype=np.float64)
    c = ml.init_params([784, 32, 10], rng=np.random.default_rng(8))
    np.testing.assert_array_equal(a["W1"], b["W1"].astype(np.float32))
    assert b["W1"].dtype == np.float64
    assert not np.array_equal(a["W1"], c["W1"])


def test_forward_computes_the_formulas_and_caches_every_layer():
    rng = np.random.default_rng(3)
    params = ml.init_params([6, 5, 4], rng=rng, dtype=np.float64)
    X = rng.standard_normal((6, 7))
    A2, cache = ml.forward(params, X)
    Z1 = params["W1"] @ X + params["b1"]
    A1 = np.maximum(Z1, 0)
    Z2 = params["W2"] @ A1 + params["b2"]
    expected = np.exp(Z2) / np.exp(Z2).sum(axis=0)
    np.testing.assert_allclose(A2, expected, rtol=1e-12)
    assert set(cache) == {"A0", "Z1", "A1", "Z2", "A2"}
    assert cache["A0"] is X
    np.testing.assert_allclose(cache["Z1"], Z1)
    np.testing.assert_allclose(cache["A1"], A1)
    np.testing.assert_allclose(A2.sum(axis=0), 1.0)


def test_sigmoid_activation_is_used_on_hidden_layers():
    rng = np.random.default_rng(4)
    params = ml.init_params([3, 4, 2], rng=rng, dtype=np.float64)
    X = rng.standard_normal((3, 5))
    _, cache = ml.forward(params, X, activation="sigmoid")
    np.testing.assert_allclose(cache["A1"], 1 / (1 + np.exp(-cache["Z1"])))


def test_backward_gives_one_bias_gradient_per_neuron():
    rng = np.random.default_rng(5)
    params = ml.init_params([6, 5, 4], rng=rng, dtype=np.float64)
    X, y = rng.standard_normal((6, 9)), rng.integers(0, 4, 9)
    A2, cache = ml.forward(params, X)
    grads = ml.backward(params, cache, ml.one_hot(y, 4))
    assert list(grads) == ["dW1", "db1", "dW2", "db2"]
    np.testing.assert_allclose(grads["db2"], (A2 - ml.one_hot(y, 4)).mean(axis=1, keepdims=True), rtol=1e-12)
    assert len(np.unique(grads["db1"])) > 1  # not one number shared by the layer, as in the seed


def test_backward_accepts_labels_or_one_hot_with_the_same_result():
    rng = np.random.default_rng(6)
    params = ml.init_params([6, 5, 4], rng=rng, dtype=np.float64)
    X, y = rng.standard_normal((6, 9)), rng.integers(0, 4, 9)
    _, cache = ml.forward(params, X)
    by_labels = ml.backward(params, cache, y)
    by_one_hot = ml.backward(params, cache, ml.one_hot(y, 4))
    for name in by_labels:
        np.testing.assert_allclose(by_labels[name], by_one_hot[name], rtol=1e-12)
    assert cache["A2"].sum(axis=0) == pytest.approx(1.0)  # backward did not change the cache


def test_predict_returns_the_most_probable_class_as_int64():
    rng = np.random.default_rng(7)
    params = ml.init_params([8, 6, 3], rng=rng)
    X = rng.random((8, 5000)).astype(np.float32)  # more than one chunk of 4096 columns
    P = ml.predict_proba(params, X)
    assert P.shape == (3, 5000)
    np.testing.assert_allclose(P, ml.forward(params, X)[0], rtol=1e-5)
    labels = ml.predict(params, X)
    assert labels.dtype == np.int64
    np.testing.assert_array_equal(labels, P.argmax(axis=0))


def test_X_given_as_rows_raises_a_value_error_saying_pass_X_T():
    params = ml.init_params([784, 10, 10], rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match=r"X has shape \(5, 784\).*one column per image: pass X\.T"):
        ml.forward(params, np.zeros((5, 784), dtype=np.float32))
    small = ml.init_params([6, 3], rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match=r"pass X\.T"):
        ml.predict(small, np.zeros((4, 6)))


def test_a_hidden_size_of_0_raises_a_value_error_naming_the_fix():
    with pytest.raises(ValueError, match=r"got 0 at position 1.*e\.g\. \[784, 128, 64, 10\]"):
        ml.init_params([784, 0, 10], rng=np.random.default_rng(0))


def test_missing_rng_unknown_init_and_unknown_activation_raise_clear_errors():
    with pytest.raises(TypeError, match=r"default_rng\(0\)"):
        ml.init_params([784, 10], rng=None)
    with pytest.raises(ValueError, match="'he', 'xavier', 'uniform'"):
        ml.init_params([784, 10], rng=np.random.default_rng(0), init="zeros")
    params = ml.init_params([3, 2], rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="'relu', 'sigmoid'"):
        ml.forward(params, np.zeros((3, 1)), activation="tanh")
