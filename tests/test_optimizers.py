"""Momentum, Adam, weight decay, early stopping and augmentation in ml.train, against a reference.

The reference below is written from the papers' formulas (Polyak momentum in PyTorch's form; Kingma & Ba's
Algorithm 1 with m_hat and v_hat spelled out), with its own forward and backward pass for a 784-h-10 ReLU
network: it shares no code with mnistlab.optimizers or mnistlab.network.
"""

import numpy as np
import pytest

import mnistlab as ml
from mnistlab.optimizers import Adam, Momentum, make_optimizer


def reference_gradients(P, X, y):
    """Mean cross-entropy gradients of a 784-h-10 ReLU/softmax network, written out from scratch."""
    m = X.shape[1]
    Z1 = P["W1"] @ X + P["b1"]
    A1 = np.where(Z1 > 0, Z1, 0.0)
    Z2 = P["W2"] @ A1 + P["b2"]
    E = np.exp(Z2 - Z2.max(axis=0))
    A2 = E / E.sum(axis=0)
    Y = np.eye(10)[:, y]
    dZ2 = (A2 - Y) / m
    dZ1 = (P["W2"].T @ dZ2) * (Z1 > 0)
    return {"W1": dZ1 @ X.T, "b1": dZ1.sum(axis=1, keepdims=True),
            "W2": dZ2 @ A1.T, "b2": dZ2.sum(axis=1, keepdims=True)}


def reference_run(P, X, y, steps, rule, lr, weight_decay=0.0, beta=0.9, betas=(0.9, 0.999), eps=1e-8):
    """`steps` full-batch steps of `rule` ("sgd", "momentum", "adam") from a copy of P."""
    P = {k: v.astype(np.float64).copy() for k, v in P.items()}
    state = {k: {"v": 0.0, "m": 0.0, "s": 0.0} for k in P}
    for t in range(1, steps + 1):
        G = reference_gradients(P, X, y)
        for k in P:
            g = G[k] + (weight_decay * P[k] if k.startswith("W") else 0.0)
            s = state[k]
            if rule == "sgd":
                P[k] = P[k] - lr * g
            elif rule == "momentum":
                s["v"] = g if t == 1 else beta * s["v"] + g
                P[k] = P[k] - lr * s["v"]
            else:
                s["m"] = betas[0] * s["m"] + (1 - betas[0]) * g
                s["s"] = betas[1] * s["s"] + (1 - betas[1]) * g ** 2
                m_hat = s["m"] / (1 - betas[0] ** t)
                v_hat = s["s"] / (1 - betas[1] ** t)
                P[k] = P[k] - lr * m_hat / (np.sqrt(v_hat) + eps)
    return P


@pytest.fixture(scope="module")
def problem():
    rng = np.random.default_rng(7)
    X = rng.random((784, 40))
    y = rng.integers(0, 10, 40)
    P = ml.init_params([784, 16, 10], rng=np.random.default_rng(3), dtype=np.float64)
    return P, X, y


@pytest.mark.parametrize("rule, lr", [("sgd", 0.1), ("momentum", 0.05), ("adam", 1e-3)])
@pytest.mark.parametrize("steps", [1, 7])
@pytest.mark.parametrize("weight_decay", [0.0, 0.01])
def test_each_optimizer_agrees_with_the_reference_step_by_step(problem, rule, lr, steps, weight_decay):
    P, X, y = problem
    mine = {k: v.copy() for k, v in P.items()}
    history = ml.train(mine, X, y, n_epochs=steps, learning_rate=lr, optimizer=rule,
                       weight_decay=weight_decay)
    expected = reference_run(P, X, y, steps, rule, lr, weight_decay)
    assert history.optimizer == rule and len(history.loss) == steps + 1
    for k in P:
        assert not np.allclose(mine[k], P[k]), f"{k} did not move"
        np.testing.assert_allclose(mine[k], expected[k], rtol=1e-9, atol=1e-12, err_msg=f"{rule} {k}")


def test_optimizers_differ_from_each_other(problem):
    """The comparison above could pass if the rules were mixed up; here each rule gives its own result."""
    P, X, y = problem
    results = {}
    for rule in ("sgd", "momentum", "adam"):
        mine = {k: v.copy() for k, v in P.items()}
        ml.train(mine, X, y, n_epochs=3, learning_rate=0.01, optimizer=rule)
        results[rule] = mine["W2"]
    assert not np.allclose(results["sgd"], results["momentum"])
    assert not np.allclose(results["momentum"], results["adam"])


def test_non_default_settings_reach_the_rules(problem):
    P, X, y = problem
    for rule, settings, reference in (("momentum", {"momentum": 0.5}, {"beta": 0.5}),
                                      ("adam", {"betas": (0.8, 0.99), "eps": 1e-6},
                                       {"betas": (0.8, 0.99), "eps": 1e-6})):
        mine = {k: v.copy() for k, v in P.items()}
        ml.train(mine, X, y, n_epochs=4, learning_rate=0.01, optimizer=rule, **settings)
        expected = reference_run(P, X, y, 4, rule, 0.01, **reference)
        np.testing.assert_allclose(mine["W1"], expected["W1"], rtol=1e-9, atol=1e-12)


def test_a_run_continued_from_the_optimizer_state_equals_one_long_run(problem):
    P, X, y = problem
    whole = {k: v.copy() for k, v in P.items()}
    ml.train(whole, X, y, n_epochs=6, learning_rate=1e-3, optimizer="adam")
    halves = {k: v.copy() for k, v in P.items()}
    first = ml.train(halves, X, y, n_epochs=3, learning_rate=1e-3, optimizer="adam")
    assert int(first.optimizer_state["t"]) == 3
    ml.train(halves, X, y, n_epochs=3, learning_rate=1e-3, optimizer="adam",
             optimizer_state=first.optimizer_state)
    for k in P:
        np.testing.assert_allclose(halves[k], whole[k], rtol=1e-12)
    restarted = {k: v.copy() for k, v in P.items()}
    ml.train(restarted, X, y, n_epochs=3, learning_rate=1e-3, optimizer="adam")
    ml.train(restarted, X, y, n_epochs=3, learning_rate=1e-3, optimizer="adam")  # fresh moments: differs
    assert not np.allclose(restarted["W1"], whole["W1"])


def test_weight_decay_is_reported_apart_from_the_data_loss(problem):
    P, X, y = problem
    plain, decayed = ({k: v.copy() for k, v in P.items()} for _ in range(2))
    h0 = ml.train(plain, X, y, n_epochs=2, learning_rate=0.1)
    h1 = ml.train(decayed, X, y, n_epochs=2, learning_rate=0.1, weight_decay=0.5)
    assert h0.penalty == [] and len(h1.penalty) == 3
    assert h1.loss[0] == pytest.approx(h0.loss[0])  # the same start: loss is cross-entropy only
    expected = 0.5 / 2 * sum(float((decayed[f"W{l}"] ** 2).sum()) for l in (1, 2))
    assert h1.penalty[-1] == pytest.approx(expected)
    assert np.linalg.norm(decayed["W1"]) < np.linalg.norm(plain["W1"])  # decay shrinks the weights
    np.testing.assert_allclose(decayed["b1"], reference_run(P, X, y, 2, "sgd", 0.1, 0.5)["b1"])


def test_early_stopping_keeps_the_best_epoch_and_says_so():
    rng = np.random.default_rng(1)
    X, y = rng.random((784, 30)), rng.integers(0, 10, 30)  # random labels: validation loss must rise
    Xv, yv = rng.random((784, 30)), rng.integers(0, 10, 30)
    P = ml.init_params([784, 32, 10], rng=np.random.default_rng(2), dtype=np.float64)
    history = ml.train(P, X, y, n_epochs=200, learning_rate=0.5, X_val=Xv, y_val=yv, early_stopping=3,
                       lang="de")
    best = history.best_epoch
    assert history.stopped == "early_stopping" and history.epoch[-1] == best + 3
    assert history.val_loss[best] == min(history.val_loss)
    assert f"Epoche {best}" in history.message and "frühes Stoppen" in history.message
    A = ml.predict_proba(P, Xv)
    assert ml.cross_entropy(A, yv) == pytest.approx(history.val_loss[best])  # the best parameters are back


def test_early_stopping_restores_the_best_epoch_when_all_epochs_ran():
    rng = np.random.default_rng(4)
    X, y = rng.random((784, 30)), rng.integers(0, 10, 30)
    Xv, yv = rng.random((784, 30)), rng.integers(0, 10, 30)
    P = ml.init_params([784, 32, 10], rng=np.random.default_rng(2), dtype=np.float64)
    history = ml.train(P, X, y, n_epochs=6, learning_rate=0.5, X_val=Xv, y_val=yv, early_stopping=100)
    assert history.stopped is None and history.best_epoch == int(np.argmin(history.val_loss))
    assert ml.cross_entropy(ml.predict_proba(P, Xv), yv) == pytest.approx(min(history.val_loss))


@pytest.mark.parametrize("kwargs, match", [
    ({"optimizer": "rmsprop"}, "optimizer must be one of"),
    ({"optimizer": "sgd", "momentum": 0.9}, "takes no momentum"),
    ({"optimizer": "momentum", "momentum": 1.0}, r"\[0, 1\)"),
    ({"optimizer": "adam", "betas": 0.9}, "two numbers"),
    ({"optimizer": "adam", "eps": 0}, "eps"),
    ({"weight_decay": -1}, "weight_decay"),
    ({"early_stopping": 3}, "X_val"),
    ({"early_stopping": 0.5}, "whole epochs"),
    ({"augment": "shift"}, "augment must be a function"),
    ({"augment": lambda X, rng: X}, "random generator"),
    ({"optimizer": "adam", "optimizer_state": {"velocity_W1": np.zeros(1)}}, "does not fit"),
])
def test_bad_choices_get_clear_errors(problem, kwargs, match):
    P, X, y = problem
    with pytest.raises((ValueError, TypeError), match=match):
        ml.train({k: v.copy() for k, v in P.items()}, X, y, n_epochs=1, learning_rate=0.1, **kwargs)


def test_an_augment_that_changes_the_shape_is_refused(problem):
    P, X, y = problem
    with pytest.raises(ValueError, match="shape"):
        ml.train({k: v.copy() for k, v in P.items()}, X, y, n_epochs=1, learning_rate=0.1, batch_size=8,
                 rng=np.random.default_rng(0), augment=lambda Xb, rng: Xb[:, :2])


def test_augment_sees_every_training_batch_and_never_the_validation_data(problem):
    P, X, y = problem
    seen = []

    def spy(Xb, rng):
        seen.append(Xb.shape[1])
        return Xb

    ml.train({k: v.copy() for k, v in P.items()}, X, y, n_epochs=2, learning_rate=0.1, batch_size=16,
             rng=np.random.default_rng(0), augment=spy, X_val=X[:, :5], y_val=y[:5])
    assert seen == [16, 16, 8] * 2
    seen.clear()
    ml.train({k: v.copy() for k, v in P.items()}, X, y, n_epochs=3, learning_rate=0.1,
             rng=np.random.default_rng(0), augment=spy)
    assert seen == [40] * 3  # full batch: the whole (augmented) set, once per epoch


def test_random_shift_moves_each_image_by_at_most_k_pixels_with_zero_fill():
    rng = np.random.default_rng(0)
    images = np.zeros((50, 28, 28))
    images[:, 10:18, 12:16] = rng.random((50, 8, 4)) + 0.5  # a blob away from the edges
    X = images.reshape(50, 784).T
    shifted = ml.random_shift(2)(X, np.random.default_rng(5))
    assert shifted.shape == X.shape
    moves = set()
    for i in range(50):
        after = shifted[:, i].reshape(28, 28)
        found = [(dy, dx) for dy in range(-2, 3) for dx in range(-2, 3)
                 if np.array_equal(np.roll(images[i], (dy, dx), axis=(0, 1)), after)]
        assert len(found) == 1, f"image {i} is not a shift of its original by at most 2 pixels"
        moves.add(found[0])
    assert len(moves) > 10  # independent shifts, not one for the whole batch
    edge = np.zeros((1, 28, 28))
    edge[0, :, 0] = 1.0  # the left column: shifted right it must not wrap around
    out = ml.random_shift(3)(edge.reshape(1, 784).T, np.random.default_rng(2)).T.reshape(28, 28)
    assert out.sum() <= 28 and out[:, -3:].sum() == 0


@pytest.mark.parametrize("bad", [-1, 1.5, 28, "2"])
def test_random_shift_rejects_bad_sizes(bad):
    with pytest.raises(ValueError, match="whole number of pixels"):
        ml.random_shift(bad)


def test_the_optimizer_classes_keep_and_restore_their_state():
    params = {"W1": np.ones((2, 2))}
    grads = {"dW1": np.full((2, 2), 0.5)}
    for make in (lambda: Momentum(0.9), lambda: Adam()):
        a = make()
        a.step(params, grads, 0.1)
        b = make()
        b.load_state(a.state())
        p1, p2 = {"W1": params["W1"].copy()}, {"W1": params["W1"].copy()}
        a.step(p1, grads, 0.1)
        b.step(p2, grads, 0.1)
        np.testing.assert_array_equal(p1["W1"], p2["W1"])
    assert make_optimizer("sgd").state() == {}


@pytest.mark.parametrize("rule", ["momentum", "adam"])
def test_divergence_stop_and_callbacks_keep_working_with_every_optimizer(problem, rule):
    import threading

    P, X, y = problem
    exploding = {k: v.copy() for k, v in P.items()}
    history = ml.train(exploding, X, y, n_epochs=50, learning_rate=1e4, optimizer=rule, lang="de")
    assert history.diverged and all(np.isfinite(v).all() for v in exploding.values())
    stop, steps = threading.Event(), []

    def on_step(step, history):
        steps.append(step)
        if step == 3:
            stop.set()

    history = ml.train({k: v.copy() for k, v in P.items()}, X, y, n_epochs=5, learning_rate=1e-3,
                       optimizer=rule, batch_size=8, rng=np.random.default_rng(0), stop=stop, on_step=on_step,
                       callback=lambda epoch, h: epoch == 99)
    assert history.stopped == "stop" and steps == [1, 2, 3]


def test_numbers_too_small_to_be_normal_are_flushed_to_zero_after_each_epoch():
    """Subnormal weights make every matrix product slow (Adam on Fashion-MNIST: epochs from 0.6 s to 2.2 s);
    train sets them to 0 after each epoch, in the parameters and in the optimizer's state, nothing else."""
    rng = np.random.default_rng(0)
    X, y = rng.random((784, 20)).astype(np.float32), rng.integers(0, 10, 20)
    P = ml.init_params([784, 8, 10], rng=rng)
    tiny = np.finfo(np.float32).tiny
    P["W1"][0, :5] = tiny / 8  # subnormal
    P["W1"][1, :5] = tiny * 8  # small but normal: must stay
    history = ml.train(P, X, y, n_epochs=1, learning_rate=1e-40, optimizer="adam")  # steps of about 1e-40
    assert not P["W1"][0, :5].any()
    np.testing.assert_allclose(P["W1"][1, :5], tiny * 8, rtol=1e-2)  # one step of 1e-40
    for name, array in history.optimizer_state.items():
        array = np.asarray(array, dtype=np.float32)
        assert not ((array != 0) & (np.abs(array) < tiny)).any(), name
