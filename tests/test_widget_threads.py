"""The training panel under threads: what the worker hands over, what a failure leaves, what is refused.

Each test here was written against a bug of issue 9 and failed before its fix.
"""

import re
import threading
import time

import numpy as np
import pytest

import mnistlab as ml
from mnistlab import dashboard_chart, widgets

TIMEOUT = 30  # seconds: bounded waits only, never fixed sleeps


@pytest.fixture(scope="module")
def data():
    X, y = ml.load_mnist("train", n=600, offline=True, verbose=False)
    X_val, y_val = ml.load_mnist("test", n=200, offline=True, verbose=False)
    return X, y, X_val, y_val


def stroke():
    canvas = np.zeros((140, 140), dtype=np.uint8)
    canvas[20:110, 60:72] = 255
    return canvas


def until(condition, what):
    """Poll `condition` until it holds (bounded); fail naming `what`."""
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.01)


def trained_panel(data, **settings):
    panel = widgets.training_panel(*data, lang="en")
    panel.load_settings("lr=0.1;h=16;ep=2;bs=64;act=relu;init=he;seed=0")
    for name, value in settings.items():
        panel.controls[name].value = value
    panel.train(wait=True)
    return panel


def test_draw_digit_keeps_the_activation_the_network_was_trained_with_when_the_dropdown_changes(data):
    panel = trained_panel(data)
    trained = {name: value.copy() for name, value in panel.params.items()}
    app = widgets.draw_digit(panel, lang="en")
    panel.controls["activation"].value = "sigmoid"  # not retrained: the network is still a ReLU network
    app.canvas.set_image(stroke())
    expected = ml.predict_proba(trained, app.x, activation="relu")[:, 0]
    np.testing.assert_allclose(app.proba, expected, rtol=1e-5)


def test_draw_digit_reads_a_snapshot_not_the_parameters_training_changes_in_place(data):
    panel = trained_panel(data)
    trained = {name: value.copy() for name, value in panel.params.items()}
    app = widgets.draw_digit(panel, lang="en")
    for value in panel.params.values():  # what the worker does to the live dict during the next run
        value *= 0.5
    app.canvas.set_image(stroke())
    expected = ml.predict_proba(trained, app.x, activation="relu")[:, 0]
    np.testing.assert_allclose(app.proba, expected, rtol=1e-5)


def shown_speed(panel):
    """The images per second in the status line ("... · 12,345 images/s")."""
    found = re.search(r"([\d,]+) images/s", panel.status.value)
    return float(found.group(1).replace(",", "")) if found else None


def test_the_status_line_uses_the_batch_size_of_the_run_not_the_control_changed_mid_run(data):
    panel = widgets.training_panel(*data, lang="en")
    panel.load_settings("lr=0.05;h=128;ep=500;bs=16;act=relu;init=he;seed=0")
    panel.train()
    try:
        until(lambda: shown_speed(panel), "a first status line")
        before = shown_speed(panel)
        panel.controls["batch_size"].value = 1024  # 64 times the run's batch size
        count = panel.draw_count
        until(lambda: panel.draw_count >= count + 3, "three more dashboard updates")
        after = shown_speed(panel)
    finally:
        panel.stop().wait(TIMEOUT)
    assert after / before < 8, f"images/s went from {before:.0f} to {after:.0f} with the control's batch size"


def test_a_failure_while_drawing_ends_as_a_message_with_the_buttons_restored(data, monkeypatch):
    panel = widgets.training_panel(*data, lang="en")
    panel.controls["n_epochs"].value = 1
    panel.watch_seconds = 0  # not paced for a learner to watch
    uncaught = []
    monkeypatch.setattr(threading, "excepthook", uncaught.append)

    def broken(*args, **kwargs):
        raise RuntimeError("the dashboard broke")

    monkeypatch.setattr(dashboard_chart, "dashboard_curves", broken)
    panel.train()
    assert panel.wait(TIMEOUT)
    assert uncaught == []
    assert "the dashboard broke" in panel.message
    c = panel.controls
    assert not c["train"].disabled and not c["step"].disabled and c["stop"].disabled
    monkeypatch.undo()
    panel.train(wait=True)  # and the panel still trains afterwards
    assert panel.history.epoch == [0, 1]


def test_while_the_figure_lock_is_held_the_worker_does_not_touch_the_figure(data):
    panel = widgets.training_panel(*data, lang="en")
    panel.load_settings("lr=0.05;h=64;ep=500;bs=16;act=relu;init=he;seed=0")
    panel.train()
    try:
        until(lambda: panel.draw_count > 0, "a first dashboard update")
        with panel.figure_lock:
            seen = [(len(trace.x or ()), trace.visible) for trace in panel.figure.data]
            steps = panel.run.steps_done
            until(lambda: panel.run.steps_done > steps + 20, "20 more training steps")
            assert [(len(trace.x or ()), trace.visible) for trace in panel.figure.data] == seen
    finally:
        panel.stop().wait(TIMEOUT)


@pytest.mark.parametrize("make, message", [
    (lambda X, y, Xv, yv: (X[:, :0], y[:0], Xv, yv), "no images"),
    (lambda X, y, Xv, yv: (X, y, Xv.T, yv), "X_val"),
    (lambda X, y, Xv, yv: (X, y, Xv, yv[:10]), "labels"),
    (lambda X, y, Xv, yv: (X, y, Xv, None), "both"),
    (lambda X, y, Xv, yv: (X, y + 10, Xv, yv), "0..9"),
])
def test_training_panel_refuses_unusable_data_before_any_worker_starts(data, make, message):
    with pytest.raises((ValueError, TypeError), match=message):
        widgets.training_panel(*make(*data), lang="en")


def test_settings_from_string_refuses_none_with_a_type_error():
    with pytest.raises(TypeError, match="settings string"):
        widgets.Settings.from_string(None)


@pytest.mark.parametrize("seed", [-1, 2**31])
def test_a_seed_out_of_range_is_refused_like_every_other_setting(seed):
    with pytest.raises(ValueError, match="seed"):
        widgets.Settings.from_string(f"lr=0.1;h=8;seed={seed}")


def test_a_run_that_diverges_in_its_first_epoch_still_reports_its_speed(data):
    panel = widgets.training_panel(*data, lang="en", preset="lr_too_high")
    panel.train(wait=True)
    assert panel.history.stopped == "diverged" and panel.history.epoch == [0]
    assert shown_speed(panel) > 0
