"""Widgets, headless: controls set from code, buttons clicked from code, training in its worker thread."""

import math

import ipywidgets as ipw
import numpy as np
import plotly.graph_objects as go
import pytest

import mnistlab as ml
from mnistlab import widgets
from mnistlab.drawing import preprocess_digit

TIMEOUT = 20  # seconds: bounded waits only, never fixed sleeps


@pytest.fixture(scope="module")
def data():
    X, y = ml.load_mnist("train", n=600, offline=True, verbose=False)
    X_val, y_val = ml.load_mnist("test", n=200, offline=True, verbose=False)
    return X, y, X_val, y_val


def values(trace, key="y"):
    v = getattr(trace, key)
    return [] if v is None else list(v)


def figure_numbers(fig):
    """Every number in the figure's x and y data (the NaN check looks at these)."""
    return [float(v) for trace in fig.data for key in ("x", "y") for v in values(trace, key)
            if isinstance(v, (int, float, np.number))]


def tree(widget):
    """All widgets inside a box, recursively."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from tree(child)


def trace(fig, key):
    """The trace whose key (its meta, see mnistlab.charts) is `key`."""
    found = [tr for tr in fig.data if tr.meta == key]
    assert len(found) == 1, f"expected one trace {key!r}, found {len(found)}"
    return found[0]


def shape_labels(fig):
    return list(trace(fig, "shapes.labels").text)


EPOCH_CURVES = ("loss.train", "loss.val", "accuracy.train", "accuracy.val")


@pytest.mark.parametrize("lang", ["en", "de"])
def test_panel_controls_are_labelled_in_the_lesson_language_and_do_not_fire_while_dragging(data, lang):
    panel = widgets.training_panel(*data, lang=lang)
    c = panel.controls
    assert c["learning_rate"].description == ml.t("panel.learning_rate", lang)
    assert c["train"].description == ml.t("panel.train", lang)
    assert c["stop"].tooltip == ml.t("panel.stop.tip", lang)
    assert isinstance(c["learning_rate"], ipw.FloatLogSlider)
    assert (c["learning_rate"].min, c["learning_rate"].max) == (-4, 1)  # 1e-4 ... 10
    assert (c["hidden1"].min, c["hidden1"].max) == (1, 512)
    for name in ("learning_rate", "hidden1", "hidden2", "n_epochs"):
        assert c[name].continuous_update is False
        assert c[name].style.description_width == "initial"
    assert sum(isinstance(w, go.FigureWidget) for w in tree(panel.widget)) == 1
    assert c["settings"].value == "lr=0.1;h=64;ep=10;bs=64;act=relu;init=he;seed=0"
    assert c["hidden2"].disabled
    n_params = 784 * 64 + 64 + 64 * 10 + 10
    assert panel.message == ml.t("panel.ready", lang, sizes="784-64-10", n_params=n_params)


def test_setting_sliders_and_pressing_train_grows_the_history_and_changes_the_figure(data):
    panel = widgets.training_panel(*data, lang="en")
    c = panel.controls
    c["hidden1"].value, c["n_epochs"].value, c["batch_size"].value = 16, 3, 64
    c["learning_rate"].value = 0.05
    curves = ("loss.steps", *EPOCH_CURVES)
    before = [values(trace(panel.figure, key)) for key in curves]
    c["train"].click()
    assert panel.wait(TIMEOUT)
    assert panel.history.epoch == [0, 1, 2, 3]
    assert panel.params["W1"].shape == (16, 784)
    after = [values(trace(panel.figure, key)) for key in curves]
    assert all(len(a) > len(b) for a, b in zip(after, before, strict=True))
    assert list(trace(panel.figure, "loss.train").y) == pytest.approx(panel.history.loss)
    assert "W1 · 16 × 784" in shape_labels(panel.figure)
    assert panel.history.loss[-1] < panel.history.loss[0]
    assert panel.message.startswith("Done after 3 epochs")
    assert not c["train"].disabled and c["stop"].disabled


def test_moving_the_hidden_size_slider_redraws_the_shapes_without_training(data):
    panel = widgets.training_panel(*data, lang="de")
    panel.controls["hidden1"].value = 32
    assert "W1 · 32 × 784" in shape_labels(panel.figure)
    assert "Z1 · 32 × 64" in shape_labels(panel.figure)
    panel.controls["n_layers"].value = 2
    assert "W3 · 10 × 64" in shape_labels(panel.figure)
    assert panel.history is None and not panel.running


def test_stop_during_training_stops_within_one_step(data):
    panel = widgets.training_panel(*data, lang="en")
    c = panel.controls
    c["n_epochs"].value, c["batch_size"].value, c["hidden1"].value = 500, 16, 128
    c["train"].click()
    assert panel.started.wait(TIMEOUT)
    assert panel.running and c["train"].disabled and not c["stop"].disabled
    c["stop"].click()
    assert panel.wait(TIMEOUT)
    assert panel.history.stopped == "stop"
    assert panel.run.steps_done - panel.run.steps_at_stop <= 1
    assert panel.history.epoch[-1] < 500
    assert panel.message.startswith("Stopped after epoch")
    assert not c["train"].disabled and c["stop"].disabled


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_divergence_preset_shows_a_message_in_the_lesson_language_and_no_nan(data, lang):
    panel = widgets.training_panel(*data, lang=lang, preset="lr_too_high")
    assert panel.settings.learning_rate == 10
    panel.train(wait=True)
    assert panel.history.stopped == "diverged"
    first_words = ml.t("panel.diverged", lang, learning_rate=10, loss_before=1, loss_after=2).split(":")[0]
    assert panel.message.startswith(first_words) and panel.message in panel.message_box.value
    assert "10" in panel.message
    numbers = figure_numbers(panel.figure)
    assert numbers and all(math.isfinite(v) for v in numbers)
    assert all(np.isfinite(p).all() for p in panel.params.values())


def test_step_trains_one_more_epoch_on_the_same_network(data):
    panel = widgets.training_panel(*data, lang="en")
    panel.controls["n_epochs"].value = 2
    panel.train(wait=True)
    W1 = panel.params["W1"].copy()
    panel.controls["step"].click()
    assert panel.wait(TIMEOUT)
    assert panel.history.epoch == [0, 1, 2, 3]
    assert len(panel.history.loss) == 4 and not np.array_equal(W1, panel.params["W1"])
    assert list(trace(panel.figure, "loss.train").x) == [0, 1, 2, 3]


def test_reset_clears_the_history_and_the_curves(data):
    panel = widgets.training_panel(*data, lang="en")
    panel.controls["n_epochs"].value = 1
    panel.train(wait=True)
    panel.controls["reset"].click()
    assert panel.history is None
    assert all(len(values(trace(panel.figure, key))) == 0 for key in ("loss.steps", *EPOCH_CURVES))


def test_the_same_seed_and_settings_train_the_same_network(data):
    text = "lr=0.1;h=8;ep=1;bs=32;act=relu;init=he;seed=3"
    a = widgets.training_panel(*data, lang="en").load_settings(text)
    b = widgets.training_panel(*data, lang="en").load_settings(a.settings_string())
    a.train(wait=True), b.train(wait=True)
    np.testing.assert_array_equal(a.params["W1"], b.params["W1"])


def test_presets_and_settings_strings_round_trip(data):
    panel = widgets.training_panel(*data, lang="en", preset="deep_128_64")
    text = panel.settings_string()
    assert text == "lr=0.1;h=128,64;ep=10;bs=64;act=relu;init=he;seed=0"
    assert panel.controls["settings"].value == text
    other = widgets.training_panel(*data, lang="de")
    other.controls["settings"].value = text
    other.controls["load"].click()
    assert other.settings == panel.settings
    other.controls["settings"].value = "lr=banana"
    other.controls["load"].click()
    assert other.message.startswith("Diese Einstellungen lassen sich nicht laden")
    with pytest.raises(ValueError, match="expected e.g."):
        widgets.Settings.from_string("lr=0.1;hidden=3")
    with pytest.raises(ValueError, match="one of"):
        widgets.training_panel(*data, lang="en", preset="no_such_preset")


def test_changing_a_control_after_a_preset_shows_custom_settings(data):
    panel = widgets.training_panel(*data, lang="en", preset="tiny_hidden")
    assert panel.controls["preset"].value == "tiny_hidden"
    panel.controls["hidden1"].value = 5
    assert panel.controls["preset"].value == ""
    assert panel.controls["preset"].label == ml.t("preset.custom", "en")


def test_hide_removes_controls_from_the_panel(data):
    panel = widgets.training_panel(*data, lang="en", hide=("init", "seed", "settings"))
    shown = set(map(id, tree(panel.widget)))
    for name in ("init", "seed", "settings", "load"):
        assert id(panel.controls[name]) not in shown
    assert id(panel.controls["learning_rate"]) in shown
    with pytest.raises(ValueError, match="choose from"):
        widgets.training_panel(*data, lang="en", hide=("colour",))


def test_auto_retrain_trains_when_a_slider_is_released(data):
    panel = widgets.training_panel(*data, lang="en")
    panel.controls["n_epochs"].value = 1
    assert panel.history is None
    panel.controls["auto_retrain"].value = True
    panel.controls["hidden1"].value = 12
    assert panel.wait(TIMEOUT)
    assert panel.history.epoch == [0, 1] and panel.params["W1"].shape == (12, 784)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_shapes_explorer_redraws_labels_for_new_sizes_at_once(lang):
    explorer = widgets.shapes_explorer(lang=lang)
    c = explorer.controls
    c["hidden1"].value = 40
    assert "W1 · 40 × 784" in shape_labels(explorer.figure)
    c["m"].value = 7
    assert "X · 784 × 7" in shape_labels(explorer.figure) and "A2 · 10 × 7" in shape_labels(explorer.figure)
    c["n_layers"].value = 2
    assert "W3 · 10 × 32" in shape_labels(explorer.figure)
    c["backward"].value = True
    assert "dW1 · 40 × 784" in shape_labels(explorer.figure)
    assert c["m"].description == ml.t("explorer.m", lang)


def digit_stroke():
    canvas = np.zeros((140, 140), dtype=np.uint8)
    canvas[20:110, 60:72] = 255  # a '1'
    return canvas


@pytest.mark.parametrize("lang", ["en", "de"])
def test_drawing_on_the_canvas_shows_the_networks_probabilities(lang):
    params = ml.init_params([784, 16, 10], rng=np.random.default_rng(0))
    app = widgets.draw_digit(params, lang=lang)
    assert app.figure.layout.title.text == ml.t("canvas.empty", lang)
    app.canvas.set_image(digit_stroke())
    x = preprocess_digit(digit_stroke())
    expected = ml.predict_proba(params, x)[:, 0]
    np.testing.assert_allclose(trace(app.figure, "drawing.proba").y, expected, rtol=1e-5)
    seen = np.asarray(trace(app.figure, "drawing.input").z, dtype=float)
    np.testing.assert_allclose(seen, x.reshape(28, 28), rtol=1e-6)
    assert app.figure.layout.title.text == ml.charts.probabilities(expected, lang=lang).layout.title.text


def test_an_uploaded_photo_of_dark_ink_is_inverted_like_mnist():
    params = ml.init_params([784, 16, 10], rng=np.random.default_rng(0))
    app = widgets.draw_digit(params, lang="en")
    app.canvas.set_image(255 - digit_stroke(), kind="photo")
    np.testing.assert_array_equal(app.x, preprocess_digit(digit_stroke()))
    app.canvas.set_image(np.zeros((140, 140), dtype=np.uint8))  # "Clear"
    assert app.figure.layout.title.text == ml.t("canvas.empty", "en")


def test_draw_digit_uses_a_training_panels_current_network(data):
    panel = widgets.training_panel(*data, lang="en")
    app = widgets.draw_digit(panel, lang="en")
    app.canvas.set_image(digit_stroke())
    np.testing.assert_allclose(app.proba, ml.predict_proba(panel.params, app.x)[:, 0], rtol=1e-5)
    with pytest.raises(TypeError, match="predict_proba"):
        widgets.draw_digit("model.npz", lang="en")


def test_draw_digit_predicts_a_sigmoid_network_with_sigmoid(data):
    params = ml.init_params([784, 16, 10], rng=np.random.default_rng(0), init="xavier")
    app = widgets.draw_digit(params, lang="en", activation="sigmoid")
    app.canvas.set_image(digit_stroke())
    expected = ml.predict_proba(params, app.x, activation="sigmoid")[:, 0]
    np.testing.assert_allclose(app.proba, expected, rtol=1e-5)
    assert not np.allclose(app.proba, ml.predict_proba(params, app.x, activation="relu")[:, 0])


def css_classes(widget):
    return set(widget._dom_classes)  # the synced trait behind add_class; ipywidgets has no public getter


def test_every_panel_and_control_carries_a_css_class_for_browser_tests(data):
    panel = widgets.training_panel(*data, lang="de")
    assert "mnistlab-training-panel" in css_classes(panel.widget)
    for name, control in panel.controls.items():
        assert f"mnistlab-{name.replace('_', '-')}" in css_classes(control)
    assert "mnistlab-status" in css_classes(panel.status)
    assert "mnistlab-message" in css_classes(panel.message_box)
    explorer = widgets.shapes_explorer(lang="de")
    assert "mnistlab-shapes-explorer" in css_classes(explorer.widget)
    assert "mnistlab-hidden1" in css_classes(explorer.controls["hidden1"])
    assert "mnistlab-draw-digit" in css_classes(widgets.draw_digit(panel, lang="de").widget)


def test_the_status_line_carries_state_run_number_and_epoch_for_the_browser(data):
    panel = widgets.training_panel(*data, lang="en")
    assert 'data-state="ready"' in panel.status.value
    panel.controls["n_epochs"].value = 2
    panel.train(wait=True)
    panel.step(wait=True)
    assert 'data-state="finished"' in panel.status.value
    assert 'data-run="2"' in panel.status.value and 'data-epoch="3"' in panel.status.value


def restyle_messages(fig):
    """The trace updates a FigureWidget sends to the browser, collected as they are sent."""
    sent = []
    fig.observe(lambda change: change["new"] and sent.append(change["new"]["style_data"]),
                names=["_py2js_restyle", "_py2js_update"])
    return sent


def test_shapes_updates_never_send_a_value_marked_undefined_which_a_hidden_figure_loses(data):
    # In one batch plotly marks values that did not change (the operators' texts) as undefined; a
    # FigureWidget not yet displayed then shows no operators and formulas (seen in lessons 06 and 08).
    from plotly.basedatatypes import Undefined

    panel = widgets.training_panel(*data, lang="en")
    sent = restyle_messages(panel.figure)
    panel.load_settings("lr=0.5;h=16;ep=1;bs=full;act=relu;init=he;seed=0")
    explorer = widgets.shapes_explorer(lang="en")
    sent += restyle_messages(explorer.figure)
    explorer.controls["hidden1"].value = 40
    assert sent
    assert not [key for message in sent for key, values in message.items()
                if any(value is Undefined for value in values)]
