import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

import mnistlab as ml


def blobs(m=120, n_inputs=6, n_classes=3, seed=0):
    """A tiny learnable problem: n_classes clouds of points around random centres, one column each."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((n_inputs, n_classes)) * 2
    y = rng.integers(0, n_classes, m)
    X = (centres[:, y] + rng.standard_normal((n_inputs, m))).astype(np.float32)
    return X, y


def fresh(sizes=(6, 8, 3), seed=0):
    return ml.init_params(list(sizes), rng=np.random.default_rng(seed))


def test_training_lowers_the_loss_on_a_tiny_problem():
    X, y = blobs()
    params = fresh()
    history = ml.train(params, X, y, learning_rate=0.1, n_epochs=30)
    assert history.stopped is None
    assert history.loss[-1] < 0.5 * history.loss[0]
    assert history.accuracy[-1] > 0.9
    assert ml.accuracy(y, ml.predict(params, X)) == pytest.approx(history.accuracy[-1])


def test_full_batch_history_has_an_entry_before_training_and_one_exact_entry_per_epoch():
    X, y = blobs()
    params = fresh()
    before = ml.cross_entropy(ml.predict_proba(params, X), y)
    history = ml.train(params, X, y, learning_rate=0.1, n_epochs=4)
    assert history.epoch == [0, 1, 2, 3, 4]
    assert history.loss[0] == pytest.approx(before, rel=1e-5)
    assert history.loss[-1] == pytest.approx(ml.cross_entropy(ml.predict_proba(params, X), y), rel=1e-5)
    assert len(set(history.loss)) == 5
    assert history.samples == [0, 120, 120, 120, 120] and history.seconds[0] == 0.0
    assert history.val_loss == [] and history.val_accuracy == []


def test_one_full_batch_epoch_is_one_gradient_step():
    X, y = blobs()
    params = fresh()
    expected = {name: value.copy() for name, value in params.items()}
    _, cache = ml.forward(expected, X)
    for name, grad in ml.backward(expected, cache, y).items():
        expected[name[1:]] -= 0.5 * grad
    ml.train(params, X, y, learning_rate=0.5, n_epochs=1)
    for name in params:
        np.testing.assert_allclose(params[name], expected[name], rtol=1e-5, atol=1e-7)


def test_train_updates_the_given_params_dict_in_place():
    X, y = blobs()
    params = fresh()
    arrays = dict(params)
    W1 = params["W1"].copy()
    ml.train(params, X, y, learning_rate=0.1, n_epochs=1)
    assert all(params[name] is arrays[name] for name in params)
    assert not np.array_equal(params["W1"], W1)


def test_mini_batches_visit_every_image_once_per_epoch_with_an_odd_batch_size():
    X, y = blobs(m=50)
    seen = []
    history = ml.train(fresh(), X, y, learning_rate=0.1, n_epochs=2, batch_size=7,
                       rng=np.random.default_rng(0), on_step=lambda step, h: seen.append(step))
    assert history.samples == [0, 50, 50]
    assert seen == list(range(1, 2 * 8 + 1))  # 7 full batches and one of 1 per epoch


def test_mini_batches_come_in_a_new_random_order_drawn_from_rng():
    X, y = blobs()
    start = fresh()
    results = []
    for seed in (1, 1, 2):
        params = {name: value.copy() for name, value in start.items()}
        ml.train(params, X, y, learning_rate=0.1, n_epochs=2, batch_size=16, rng=np.random.default_rng(seed))
        results.append(params["W1"])
    np.testing.assert_array_equal(results[0], results[1])
    assert not np.allclose(results[0], results[2])  # another order of the batches, other weights


def test_one_batch_of_all_images_is_the_same_step_as_full_batch():
    X, y = blobs()
    full, batch = fresh(), fresh()
    ml.train(full, X, y, learning_rate=0.3, n_epochs=2)
    ml.train(batch, X, y, learning_rate=0.3, n_epochs=2, batch_size=len(y), rng=np.random.default_rng(0))
    for name in full:
        np.testing.assert_allclose(batch[name], full[name], rtol=1e-4, atol=1e-6)


def test_same_rng_seed_gives_identical_weights_and_history():
    X, y = blobs()
    runs = []
    for _ in range(2):
        rng = np.random.default_rng(42)
        params = ml.init_params([6, 8, 3], rng=rng)
        history = ml.train(params, X, y, learning_rate=0.1, n_epochs=3, batch_size=16, rng=rng)
        runs.append((params, history))
    (p1, h1), (p2, h2) = runs
    for name in p1:
        np.testing.assert_array_equal(p1[name], p2[name])
    assert h1.loss == h2.loss and h1.accuracy == h2.accuracy
    other = ml.init_params([6, 8, 3], rng=np.random.default_rng(43))
    ml.train(other, X, y, learning_rate=0.1, n_epochs=3, batch_size=16, rng=np.random.default_rng(43))
    assert not np.array_equal(other["W1"], p1["W1"])


@pytest.mark.parametrize("batch_size", [None, 16])
def test_learning_rate_100_is_reported_as_divergence_without_nan_parameters(batch_size):
    X, y = blobs()
    params = fresh()
    initial = {name: value.copy() for name, value in params.items()}
    history = ml.train(params, X, y, learning_rate=100.0, n_epochs=5, batch_size=batch_size,
                       rng=np.random.default_rng(0), X_val=X, y_val=y)
    assert history.stopped == "diverged" and history.diverged
    assert history.message.startswith("learning rate 100 is too large: the loss ")
    assert "try 10" in history.message
    assert history.diverged_loss > history.loss[0] + 20 or not np.isfinite(history.diverged_loss)
    assert all(np.isfinite(value).all() for value in params.values())
    for name in params:  # restored to the end of the last good epoch: here, before training
        np.testing.assert_array_equal(params[name], initial[name])
    for key in ("loss", "accuracy", "val_loss", "val_accuracy", "learning_rate", "seconds"):
        assert np.isfinite(getattr(history, key)).all()
    assert history.epoch == [0]


def test_a_stop_event_set_from_another_thread_stops_within_one_step():
    X, y = blobs(m=200)
    stop = threading.Event()
    steps = []

    def on_step(step, history):
        steps.append(step)
        if step == 3:  # a "Stop button" pressed in another thread during step 3
            button = threading.Thread(target=stop.set)
            button.start()
            button.join()

    params = fresh()
    history = ml.train(params, X, y, learning_rate=0.1, n_epochs=50, batch_size=10,
                       rng=np.random.default_rng(0), stop=stop, on_step=on_step)
    assert steps == [1, 2, 3]
    assert history.stopped == "stop"
    assert history.epoch == [0, 1] and history.samples == [0, 30]  # the partial epoch is recorded
    assert all(np.isfinite(value).all() for value in params.values())


def test_a_stop_event_stops_a_run_in_a_background_thread():
    X, y = blobs(m=200)
    stop, started = threading.Event(), threading.Event()
    result = {}
    worker = threading.Thread(target=lambda: result.update(history=ml.train(
        fresh(), X, y, learning_rate=0.1, n_epochs=100_000, batch_size=10, rng=np.random.default_rng(0),
        stop=stop, on_step=lambda step, h: started.set())))
    worker.start()
    assert started.wait(10)
    stop.set()
    worker.join(10)
    assert not worker.is_alive()
    assert result["history"].stopped == "stop"


def test_a_callback_runs_before_training_and_after_each_epoch_and_can_stop_it():
    X, y = blobs()
    calls = []

    def callback(epoch, history):
        calls.append((epoch, len(history.loss)))
        return epoch == 2

    history = ml.train(fresh(), X, y, learning_rate=0.1, n_epochs=10, callback=callback)
    assert calls == [(0, 1), (1, 2), (2, 3)]
    assert history.stopped == "callback" and history.epoch == [0, 1, 2]
    assert "after epoch 2" in history.message


def test_validation_metrics_are_measured_each_epoch():
    X, y = blobs()
    X_val, y_val = blobs(m=30, seed=1)
    params = fresh()
    history = ml.train(params, X, y, learning_rate=0.1, n_epochs=3, X_val=X_val, y_val=y_val)
    assert len(history.val_loss) == len(history.val_accuracy) == 4
    assert history.val_accuracy[-1] == pytest.approx(ml.accuracy(y_val, ml.predict(params, X_val)))


def test_record_steps_records_the_loss_and_gradient_norm_per_layer():
    X, y = blobs()
    params = fresh()
    _, cache = ml.forward(params, X)
    first = ml.backward(params, cache, y)
    history = ml.train(params, X, y, learning_rate=0.1, n_epochs=3, record_steps=True)
    assert history.steps["step"] == [1, 2, 3]
    assert list(history.steps["grad_norm"]) == ["W1", "W2"]
    assert history.steps["grad_norm"]["W1"][0] == pytest.approx(np.linalg.norm(first["dW1"]), rel=1e-5)
    # a step's loss is that of its batch before its update: with full batches, the loss after the steps before
    assert history.steps["loss"] == pytest.approx(history.loss[:-1], rel=1e-6)


def test_step_decay_gives_the_seed_students_rates_and_train_follows_it():
    schedule = ml.step_decay(0.1, 10, 0.1)
    rates = [schedule(epoch) for epoch in (1, 10, 11, 20, 21, 30)]
    assert rates == pytest.approx([0.1, 0.1, 0.01, 0.01, 0.001, 0.001])
    X, y = blobs()
    history = ml.train(fresh(), X, y, schedule=ml.step_decay(0.2, 2, 0.5), n_epochs=5)
    assert history.learning_rate == pytest.approx([0.2, 0.2, 0.2, 0.1, 0.1, 0.05])


def test_history_gives_throughput_and_a_json_serializable_dict():
    X, y = blobs()
    history = ml.train(fresh(), X, y, learning_rate=0.1, n_epochs=2)
    assert history.samples_per_second > 0
    data = json.loads(json.dumps(history.as_dict()))
    assert data["loss"] == history.loss and data["stopped"] is None and data["diverged"] is False


@pytest.mark.parametrize(("kwargs", "match"), [
    (dict(learning_rate=0), r"learning_rate must be a positive number like 0\.1; got 0"),
    (dict(learning_rate=-0.1), "positive number"),
    (dict(learning_rate=float("nan")), "positive number"),
    (dict(), "positive number"),
    (dict(learning_rate=0.1, schedule=lambda e: 0.1), "either learning_rate"),
    (dict(learning_rate=0.1, n_epochs=-1), "n_epochs"),
    (dict(learning_rate=0.1, batch_size=0), "batch_size must be a whole number >= 1"),

    (dict(learning_rate=0.1, X_val=np.zeros((6, 2), np.float32)), "both X_val and y_val"),
])
def test_bad_arguments_raise_value_errors_naming_the_fix(kwargs, match):
    X, y = blobs()
    kwargs = {"n_epochs": 1, **kwargs}
    with pytest.raises(ValueError, match=match):
        ml.train(fresh(), X, y, **kwargs)


def test_mini_batches_without_a_random_generator_raise_a_type_error_naming_the_fix():
    X, y = blobs()
    with pytest.raises(TypeError, match=r"rng=np\.random\.default_rng\(0\)"):
        ml.train(fresh(), X, y, learning_rate=0.1, n_epochs=1, batch_size=8, rng=None)


def test_bad_data_raises_value_errors_naming_the_fix():
    X, y = blobs()
    with pytest.raises(ValueError, match=r"pass X\.T"):
        ml.train(fresh(), X.T, y, learning_rate=0.1, n_epochs=1)
    with pytest.raises(ValueError, match=r"0\.\.2; got 3"):
        ml.train(fresh(), X, np.where(y == 0, 3, y), learning_rate=0.1, n_epochs=1)
    with pytest.raises(ValueError, match="one label per column"):
        ml.train(fresh(), X, y[:-1], learning_rate=0.1, n_epochs=1)


def test_ml_train_is_the_function_even_after_the_training_module_was_imported():
    # the module is mnistlab.training, so importing it (as ml.step_decay, ml.MLP and the widgets do) cannot
    # shadow the function ml.train; checked in a fresh interpreter, where nothing has touched ml.train yet
    code = ("import mnistlab as ml; ml.step_decay; ml.MLP; import mnistlab.widgets; "
            "import mnistlab.training; print(callable(ml.train))")
    root = str(Path(ml.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": root + os.pathsep + os.environ.get("PYTHONPATH", "")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.stdout.strip() == "True", result.stderr


def test_concat_joins_two_runs_of_the_same_network_with_epochs_renumbered():
    X, y = blobs()
    params = fresh()
    first = ml.train(params, X, y, learning_rate=0.1, n_epochs=2, record_steps=True)
    second = ml.train(params, X, y, learning_rate=0.1, n_epochs=3, record_steps=True)
    joined = first.concat(second)
    assert joined.epoch == [0, 1, 2, 3, 4, 5]
    assert joined.loss == first.loss + second.loss[1:]
    assert second.loss[0] == pytest.approx(first.loss[-1], rel=1e-6)  # the later run starts where it ended
    assert joined.steps["step"] == [1, 2, 3, 4, 5]
    assert joined.steps["grad_norm"]["W1"] == first.steps["grad_norm"]["W1"] + second.steps["grad_norm"]["W1"]
    assert joined.stopped is None and first.epoch == [0, 1, 2]  # the inputs are unchanged


def blas_threads():
    from threadpoolctl import threadpool_info

    return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]


def test_training_leaves_the_blas_thread_count_alone_unless_asked():
    from threadpoolctl import threadpool_limits

    X, y = blobs()
    with threadpool_limits(3, user_api="blas"):  # a known count, whatever the environment set
        seen = []
        ml.train(fresh(), X, y, learning_rate=0.1, n_epochs=1, batch_size=16, rng=np.random.default_rng(0),
                 on_step=lambda step, history: seen.append(blas_threads()))
        assert seen and all(count == [3] for count in seen)
        ml.train(fresh(), X, y, learning_rate=0.1, n_epochs=1, batch_size=16, rng=np.random.default_rng(0),
                 blas_threads=1, on_step=lambda step, history: seen.append(blas_threads()))
        assert seen[-1] == [1] and blas_threads() == [3]


def test_a_network_remembers_the_activation_it_was_trained_with():
    X, y = blobs()
    params = fresh()
    assert params.activation is None
    ml.train(params, X, y, learning_rate=0.1, n_epochs=2, activation="sigmoid")
    assert params.activation == "sigmoid"
    np.testing.assert_array_equal(ml.predict_proba(params, X), ml.predict_proba(dict(params), X,
                                                                                 activation="sigmoid"))
    with pytest.raises(ValueError, match="trained with 'sigmoid'"):
        ml.train(params, X, y, learning_rate=0.1, n_epochs=1, activation="relu")
    assert params.copy().activation == "sigmoid" and params.copy()["W1"] is not params["W1"]
