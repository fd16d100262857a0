import numpy as np
import pytest

import mnistlab as ml


def images(m=300, seed=0):
    """Noisy copies of 10 random prototype 'images' (784, m) in [0, 1]; the label is the prototype."""
    rng = np.random.default_rng(seed)
    prototypes = rng.random((784, 10))
    y = rng.integers(0, 10, m)
    X = np.clip(prototypes[:, y] + 0.5 * rng.standard_normal((784, m)), 0, 1).astype(np.float32)
    return X, y


def test_init_only_stores_the_arguments():
    model = ml.MLP(hidden=(0,), learning_rate=-1, random_state=3)  # bad values are checked by fit
    assert model.get_params() == {"hidden": (0,), "learning_rate": -1, "n_epochs": 10, "batch_size": 64,
                                  "activation": "relu", "random_state": 3}
    assert not hasattr(model, "params_") and not hasattr(model, "history_")
    assert repr(model).startswith("MLP(hidden=(0,), learning_rate=-1")


def test_fit_returns_self_with_learned_state_ending_in_underscore():
    X, y = images()
    model = ml.MLP(hidden=(32,), learning_rate=0.1, n_epochs=3, batch_size=32, random_state=0)
    assert model.fit(X, y) is model
    assert ml.layer_sizes(model.params_) == [784, 32, 10]
    assert model.history_.epoch[-1] == 3
    np.testing.assert_array_equal(model.classes_, np.arange(10))
    assert model.score(X, y) > 0.9  # learned its training images (chance is 0.1)


def test_predict_proba_and_predict_take_one_column_per_image():
    X, y = images()
    model = ml.MLP(hidden=(16,), n_epochs=2, random_state=0).fit(X, y)
    P = model.predict_proba(X[:, :7])
    assert P.shape == (10, 7)
    np.testing.assert_allclose(P.sum(axis=0), 1.0, rtol=1e-5)
    np.testing.assert_array_equal(model.predict(X[:, :7]), P.argmax(axis=0))
    assert model.score(X, y) == ml.accuracy(y, model.predict(X))
    with pytest.raises(ValueError, match=r"pass X\.T"):
        model.predict(X.T)


def test_same_random_state_gives_the_same_weights():
    X, y = images()
    a = ml.MLP(hidden=(16,), n_epochs=2, random_state=5).fit(X, y)
    b = ml.MLP(hidden=(16,), n_epochs=2, random_state=5).fit(X, y)
    c = ml.MLP(hidden=(16,), n_epochs=2, random_state=6).fit(X, y)
    np.testing.assert_array_equal(a.params_["W1"], b.params_["W1"])
    assert not np.array_equal(a.params_["W1"], c.params_["W1"])


def test_bad_arguments_raise_value_errors_naming_the_fix():
    X, y = images(m=20)
    with pytest.raises(ValueError, match=r"hidden=\(128, 0\).*e\.g\. hidden=\(128, 64\)"):
        ml.MLP(hidden=(128, 0)).fit(X, y)
    with pytest.raises(ValueError, match="learning_rate must be a positive number"):
        ml.MLP(learning_rate=0).fit(X, y)
    with pytest.raises(ValueError, match=r"pass X\.T"):
        ml.MLP().fit(X.T, y)
    with pytest.raises(ValueError, match="not trained yet"):
        ml.MLP().predict(X)
    with pytest.raises(ValueError, match="no parameter 'hiden'"):
        ml.MLP().set_params(hiden=(3,))


def test_a_diverging_fit_warns_and_keeps_finite_weights():
    X, y = images(m=64)
    with pytest.warns(RuntimeWarning, match="too large"):
        model = ml.MLP(hidden=(16,), learning_rate=1000.0, n_epochs=3, random_state=0).fit(X, y)
    assert model.history_.diverged
    assert all(np.isfinite(v).all() for v in model.params_.values())
