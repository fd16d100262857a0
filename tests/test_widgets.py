"""Widgets, headless: controls set from code, buttons clicked from code, training in its worker thread."""

import html
import itertools
import math
import re
import threading

import ipywidgets as ipw
import numpy as np
import plotly.graph_objects as go
import pytest

import mnistlab as ml
from mnistlab import dashboard_chart, network_charts, shapes, widgets
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


def label_of(field):
    """The text of a field's label (an HTML widget above the control)."""
    return html.unescape(re.sub(r"<[^>]+>", "", field.children[0].value))


def shape_labels(fig):
    return list(trace(fig, "shapes.labels").text)


EPOCH_CURVES = ("loss.train", "loss.val", "accuracy.train", "accuracy.val")


@pytest.mark.parametrize("lang", ["en", "de"])
def test_panel_controls_are_labelled_in_the_lesson_language_and_do_not_fire_while_dragging(data, lang):
    panel = widgets.training_panel(*data, lang=lang)
    c = panel.controls
    assert label_of(panel.fields["learning_rate"]) == ml.t("panel.learning_rate", lang)
    assert label_of(panel.fields["hidden1"]) == ml.t("panel.hidden1", lang)
    assert c["train"].description == ml.t("panel.train", lang)
    assert c["stop"].tooltip == ml.t("panel.stop.tip", lang)
    assert isinstance(c["learning_rate"], ipw.FloatLogSlider)
    assert (c["learning_rate"].min, c["learning_rate"].max) == (-4, 1)  # 1e-4 ... 10
    assert (c["hidden1"].min, c["hidden1"].max) == (1, 512)
    for name in ("learning_rate", "hidden1", "hidden2", "n_epochs"):
        assert c[name].continuous_update is False
    assert sum(isinstance(w, go.FigureWidget) for w in tree(panel.widget)) == 1
    assert c["settings"].value == "lr=0.1;h=64;ep=10;bs=64;act=relu;init=he;seed=0"
    assert c["hidden2"].disabled
    n_params = 784 * 64 + 64 + 64 * 10 + 10
    assert panel.message == ml.t("panel.ready", lang, sizes="784-64-10", n_params=n_params)


def test_setting_sliders_and_pressing_train_grows_the_history_and_changes_the_figure(data):
    panel = widgets.training_panel(*data, lang="en")
    panel.watch_seconds = 0  # not paced for a learner to watch
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
    panel.watch_seconds = 0
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
    assert label_of(explorer.fields["m"]) == ml.t("explorer.m", lang)


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
    for name in panel.controls:  # a setting's field (label, control, readout) or a button
        holder = panel.fields.get(name, panel.controls[name])
        assert f"mnistlab-{name.replace('_', '-')}" in css_classes(holder)
    assert "mnistlab-status" in css_classes(panel.status)
    assert "mnistlab-message" in css_classes(panel.message_box)
    explorer = widgets.shapes_explorer(lang="de")
    assert "mnistlab-shapes-explorer" in css_classes(explorer.widget)
    assert "mnistlab-hidden1" in css_classes(explorer.fields["hidden1"])
    assert "mnistlab-readout" in css_classes(explorer.readouts["hidden1"].text)
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


# ---- issue 10: panels that fit every screen ------------------------------------------------------------

def sliders_of(box):
    return [w for w in tree(box) if isinstance(w, ipw.IntSlider | ipw.FloatLogSlider)]


def px(length):
    assert length.endswith("px"), length
    return float(length[:-2])


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_slider_sits_under_its_label_and_keeps_a_track_of_at_least_150_px(data, lang):
    # A long description beside a slider squeezed its track to 0 px (hidden sizes, German) or 2 px (m).
    panel = widgets.training_panel(*data, lang=lang)
    explorer = widgets.shapes_explorer(lang=lang)
    for owner in (panel, explorer):
        sliders = sliders_of(owner.widget)
        assert len(sliders) == (4 if owner is panel else 3)
        for slider in sliders:
            assert slider.description == "" and slider.readout is False  # label above, readout beside
            assert px(slider.layout.min_width) >= 150
            assert slider.layout.flex.startswith("1 ")  # grows with its field
        for name, readout in owner.readouts.items():
            field = owner.fields[name]
            assert field.layout.flex.split()[0] != "0" and field.layout.min_width == "0"
            row = field.children[1]
            assert readout.slider in row.children and readout.text in row.children
    for box in (panel.widget, explorer.widget):  # rows of fields wrap where the notebook is narrow
        rows = [w for w in tree(box)
                if any("mnistlab-field" in css_classes(c) for c in getattr(w, "children", ()))]
        assert rows and all(row.layout.flex_flow == "row wrap" for row in rows)


@pytest.mark.parametrize("lang, value, shown", [
    ("en", 1.0, "1"), ("de", 1.0, "1"), ("en", 0.1, "0.1"), ("de", 0.1, "0,1"), ("de", 0.0001, "0,0001"),
    ("de", 10.0, "10"), ("en", 0.5011872336272722, "0.5012"), ("de", 0.5011872336272722, "0,5012"),
    ("de", 512, "512"), ("de", 1024, "1024"),
])
def test_readouts_show_numbers_in_the_lesson_format_never_a_german_1000_for_one(lang, value, shown):
    assert widgets.fields.format_number(value, lang) == shown


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("text, value", [("0,05", 0.05), ("0.05", 0.05), (" 1e-3 ", 0.001), ("10", 10.0),
                                         (",5", 0.5), ("abc", None), ("", None), ("1,2,3", None),
                                         ("nan", None)])
def test_a_readout_reads_either_decimal_mark(lang, text, value):
    assert widgets.fields.parse_number(text, lang) == (None if value is None else pytest.approx(value))


@pytest.mark.parametrize("lang", ["en", "de"])
def test_typing_into_a_readout_moves_the_slider_and_shows_the_value_in_the_lesson_format(data, lang):
    panel = widgets.training_panel(*data, lang=lang)
    lr, box = panel.controls["learning_rate"], panel.readouts["learning_rate"].text
    assert box.value == ("0,1" if lang == "de" else "0.1")  # the default α
    box.value = "0,05"
    assert lr.value == pytest.approx(0.05) and box.value == ("0,05" if lang == "de" else "0.05")
    assert "lr=0.05;" in panel.settings_string()
    box.value = "1.0"
    assert lr.value == 1.0 and box.value == "1"  # never "1.000"
    box.value = "banana"
    assert lr.value == 1.0 and box.value == "1"  # not a number: the value stays and is shown again
    box.value = "100"
    assert lr.value == 10.0  # clamped to the slider's range, as ipywidgets' own readout does
    panel.readouts["hidden1"].text.value = "2000"
    assert panel.controls["hidden1"].value == 512
    panel.controls["hidden1"].value = 100  # arrow keys and drags move the slider: the readout follows
    assert panel.readouts["hidden1"].text.value == "100"


@pytest.mark.parametrize("width, columns", [(400, 1), (600, 2), (700, 2), (1000, 3), (1600, 3)])
def test_the_dashboard_puts_its_charts_side_by_side_only_where_they_fit(width, columns):
    grid = dashboard_chart.dashboard_grid(width)
    assert grid["columns"] == columns
    margin = dashboard_chart.DASHBOARD_MARGIN
    plot_w = width - margin["l"] - margin["r"]
    plot_h = grid["height"] - margin["t"] - margin["b"]
    boxes = [(x0 * plot_w, x1 * plot_w, y0 * plot_h, y1 * plot_h) for (x0, x1), (y0, y1) in grid["domains"]]
    for x0, x1, y0, y1 in boxes:
        assert 0 <= x0 < x1 <= plot_w and 0 <= y0 < y1 <= plot_h
        assert x1 - x0 >= 180 and y1 - y0 >= 200  # every chart keeps a readable size
    for a, b in itertools.combinations(boxes, 2):  # and no two panels overlap
        assert a[1] <= b[0] or b[1] <= a[0] or a[3] <= b[2] or b[3] <= a[2]
    assert grid["shapes_px"] == (plot_w, pytest.approx(boxes[3][3] - boxes[3][2], abs=1))


def test_the_dashboard_and_the_shapes_diagram_are_as_wide_as_the_notebook_and_refit_to_its_width(data):
    panel = widgets.training_panel(*data, lang="de")
    explorer = widgets.shapes_explorer(lang="de")
    assert panel.figure.layout.width is None  # the browser sizes them
    assert explorer.figure.layout.width is None
    assert any(isinstance(w, widgets.WidthProbe) for w in tree(panel.widget))
    assert any(isinstance(w, widgets.WidthProbe) for w in tree(explorer.widget))
    narrow_height = panel.figure.layout.height
    panel.width_probe.width = 1300  # what the browser reports for a wide notebook
    assert panel.figure.layout.width == 1300 - widgets.width.WIDGET_MARGINS_PX
    assert panel.figure.layout.height < narrow_height  # three charts in one row: one row less
    assert panel.figure.layout.xaxis3.domain[1] == 1.0 and panel.figure.layout.yaxis3.domain[1] == 1.0
    explorer.controls["n_layers"].value = 2
    tall = explorer.figure.layout.height
    explorer.width_probe.width = 1300
    assert explorer.figure.layout.width == explorer.width == 1300 - widgets.width.WIDGET_MARGINS_PX
    assert explorer.figure.layout.height > tall  # equal scale: wider is taller
    assert "W3 · 10 × 32" in shape_labels(explorer.figure)


def epoch_ticks(axis):
    """The tick values an epoch axis (a dict from dashboard_axes) shows."""
    start, end = axis["range"]
    return [axis["tick0"] + i * axis["dtick"] for i in range(int((end - start) / axis["dtick"]) + 1)]


@pytest.mark.parametrize("epochs, steps, steps_per_epoch, end", [
    ([], 0, 1, 1), ([0], 0, 1, 1), ([0], 3, 8, 1),  # empty, one point, diverged in its first epoch
    ([0, 1], 2, 1, 1), ([0, 1, 2, 3], 30, 10, 3), (list(range(501)), 0, 1, 500), (list(range(11)), 0, 1, 10),
])
def test_epoch_axes_start_at_0_and_show_whole_epochs_only(epochs, steps, steps_per_epoch, end):
    # After an immediate divergence the accuracy axis ran from epoch -1 to 1 and the loss axis showed 0.125.
    history = {"epoch": epochs, "loss": [2.3] * len(epochs), "accuracy": [0.1] * len(epochs),
               "steps": {"loss": [2.3] * steps, "grad_norm": {"W1": [0.5] * steps}}}
    axes = dashboard_chart.dashboard_axes(history, lang="en", steps_per_epoch=steps_per_epoch)
    for name in ("xaxis", "xaxis2", "xaxis3"):
        axis = axes[name]
        assert axis["range"] == [0, end] and axis["autorange"] is False
        ticks = epoch_ticks(axis)
        assert ticks[0] == 0 and all(float(tick).is_integer() for tick in ticks) and len(ticks) <= 7


def test_a_run_that_diverges_at_once_leaves_axes_from_epoch_0_to_1(data):
    panel = widgets.training_panel(*data, lang="de", preset="lr_too_high")
    panel.train(wait=True)
    assert panel.history.epoch == [0]
    for axis in (panel.figure.layout.xaxis, panel.figure.layout.xaxis2, panel.figure.layout.xaxis3):
        assert tuple(axis.range) == (0, 1) and axis.dtick == 1


@pytest.mark.parametrize("lang, labels", [("en", ["0.01", "0.1", "1", "10"]),
                                          ("de", ["0,01", "0,1", "1", "10"])])
def test_the_gradient_norm_axis_is_labelled_at_powers_of_ten_only(lang, labels):
    # It read "1, 5, 2, 0,1, 5": plotly's labels at 2 and 5 between the decades.
    history = {"epoch": [0, 1], "steps": {"loss": [1, 1], "grad_norm": {"W1": [0.05, 3.0], "W2": [0.2, 0.1]}}}
    axis = dashboard_chart.dashboard_axes(history, lang=lang)["yaxis3"]
    assert axis["tickmode"] == "array" and axis["ticktext"] == labels
    assert axis["tickvals"] == pytest.approx([0.01, 0.1, 1, 10]) and axis["range"] == [-2, 1]
    assert dashboard_chart.decade_label(3, lang) == ("1.000" if lang == "de" else "1,000")
    assert dashboard_chart.decade_label(-6, lang) == "10⁻⁶"


def test_settings_errors_are_in_the_lesson_language_with_its_numbers(data):
    with pytest.raises(ValueError) as error:
        widgets.Settings.from_string("lr=20;ep=0", lang="de")
    message = str(error.value)
    assert message.startswith("ungültige Einstellungen: lr=20 (erlaubt: 0,0001 bis 10)")
    assert "ep=0 (erlaubt: 1 bis 500)" in message
    assert not re.search(r"\b(use|invalid|separated)\b|0\.0001", message)
    assert widgets.Settings.from_string("lr=0,05").learning_rate == 0.05  # as a German class types it
    panel = widgets.training_panel(*data, lang="de")
    panel.controls["settings"].value = "lr=0,5;h=600"
    panel.controls["load"].click()
    assert panel.message.startswith("Diese Einstellungen lassen sich nicht laden: "
                                    "ungültige Einstellungen: h=600")
    assert "1 bis 512" in panel.message and " use " not in panel.message
    with pytest.raises(ValueError, match=r"unbekannte Einstellung „hidden“"):
        panel.load_settings("hidden=3")


@pytest.mark.parametrize("lang, training, done", [
    ("en", "Training for 1 epoch …", "Done after 1 epoch in"),
    ("de", "Training läuft: 1 Epoche …", "Fertig nach 1 Epoche in"),
])
def test_one_epoch_is_announced_in_the_singular(data, lang, training, done):
    # "Training über 500 Epoche(n)" and "Done after 1 epochs".
    panel = widgets.training_panel(*data, lang=lang)
    panel.step()
    assert panel.message == training or panel.message.startswith(done)
    assert panel.wait(TIMEOUT) and panel.message.startswith(done)
    assert ml.t("panel.training", lang, n_epochs=500) == ("Training for 500 epochs …" if lang == "en"
                                                           else "Training läuft: 500 Epochen …")


def test_a_run_started_by_the_train_button_is_paced_so_the_learner_can_watch_it_learn(data):
    # The lesson's first run (100 full-batch epochs) was over in 0.5 s, before the eye caught it.
    panel = widgets.training_panel(*data, lang="en")
    panel.load_settings("lr=0.5;h=16;ep=20;bs=full;act=relu;init=he;seed=0")
    panel.watch_seconds = 1.0
    panel.controls["train"].click()
    assert panel.run.watch_seconds == 1.0
    assert panel.wait(TIMEOUT)
    assert panel.run.ended_at - panel.run.started_at >= 1.0  # a lower bound: the waits make sure of it
    assert panel.draw_count >= 5  # the curves grew while the learner watched
    panel.train(wait=True)  # from code, waiting for the end (lessons, nbval): as fast as possible
    assert panel.run.watch_seconds == 0
    assert widgets.panel.WATCH_SECONDS >= 3


def test_stop_ends_a_paced_run_at_once(data):
    panel = widgets.training_panel(*data, lang="en")
    panel.load_settings("lr=0.5;h=16;ep=100;bs=full;act=relu;init=he;seed=0")
    panel.watch_seconds = 600.0  # each epoch waits 6 s unless Stop ends the wait
    panel.train()
    until_epoch = threading.Event()
    assert panel.started.wait(TIMEOUT)
    until_epoch.wait(0.05)
    panel.stop()
    assert panel.wait(TIMEOUT)
    assert panel.history.stopped == "stop" and panel.history.epoch[-1] <= 2


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("layers, m", [([784, 10, 10], 64), ([784, 512, 512, 10], 1024)])
def test_the_shapes_diagram_fits_a_narrow_notebook_by_splitting_rows_not_by_cutting_them(lang, layers, m):
    # At 1024 x 768 beside the file browser the diagram (then 1100 px, later 700 px) ran off the notebook.
    for width in (560, 700, 1500):
        fig = go.Figure(network_charts.shapes_diagram(layers, m, lang=lang, width=width, backward=True))
        plot_w = network_charts.shapes_plot_width(width)
        geometry = network_charts.fitted_geometry(layers, m, backward=True, width_px=plot_w)
        assert geometry["font_px"] >= 12  # still readable on a projector
        measure = shapes.RowMeasure(shapes.shape_rows(layers, m, backward=True), "sqrt", geometry["font_px"])
        one_line = geometry["lines"] == len(measure.rows)
        assert one_line == (width >= 1500)  # split only where one line does not fit
        x0, x1 = fig.layout.xaxis.range
        ppu = plot_w / (x1 - x0)
        for x, text in zip(trace(fig, "shapes.labels").x, trace(fig, "shapes.labels").text, strict=True):
            half = (len(text) * shapes.CHAR_WIDTH * geometry["font_px"]) / 2 / ppu  # label's half width
            assert x0 <= x - half and x + half <= x1, f"{text!r} runs off a {width} px diagram"
        title = fig.layout.title
        assert title.font.size * network_charts.TITLE_CHAR_WIDTH * len(title.text) <= width - 30


def test_draw_digit_puts_its_figure_beside_the_canvas_only_where_it_fits():
    params = ml.init_params([784, 16, 10], rng=np.random.default_rng(0))
    app = widgets.draw_digit(params, lang="de")
    assert any(isinstance(w, widgets.WidthProbe) for w in tree(app.widget))
    app.width_probe.width = 600  # a notebook beside the file browser on a projector: figure below, full width
    assert app.figure.layout.width == 600 - widgets.width.WIDGET_MARGINS_PX
    app.width_probe.width = 1300  # wide: beside the canvas, in the room left of it
    assert app.figure.layout.width + widgets.draw.CANVAS_PX <= 1300


def shapes_panel_px(fig):
    """Height in pixels of the dashboard's shapes panel."""
    margin = dashboard_chart.DASHBOARD_MARGIN
    low, high = fig.layout.yaxis4.domain
    return (high - low) * (fig.layout.height - margin["t"] - margin["b"])


def test_the_dashboards_shapes_panel_grows_with_its_lines_of_matrices_instead_of_shrinking_them(data):
    # Beside the file browser a 784-128-64-10 network wraps into 6 lines; in 300 px they were specks.
    panel = widgets.training_panel(*data, lang="de", preset="deep_128_64")
    panel.width_probe.width = 600
    lines = dashboard_chart.shapes_lines([784, 128, 64, 10], 64, width=panel.dashboard.width)
    assert lines == 6
    assert shapes_panel_px(panel.figure) == pytest.approx(lines * dashboard_chart.SHAPES_PX[1], abs=1)
    panel.width_probe.width = 1500  # wide: one line per layer, the usual 300 px
    assert dashboard_chart.shapes_lines([784, 128, 64, 10], 64, width=panel.dashboard.width) == 3
    assert shapes_panel_px(panel.figure) == pytest.approx(dashboard_chart.SHAPES_PX[0], abs=1)


def test_while_a_run_trains_its_epoch_axes_reach_to_its_last_epoch_and_stand_still(data):
    # The curves grow into a still axis; after the run the axes fit what was trained.
    history = {"epoch": [0, 1, 2], "steps": {"loss": [2.0] * 3}}
    axes = dashboard_chart.dashboard_axes(history, lang="en", planned_epochs=100)
    assert axes["xaxis"]["range"] == [0, 100] and axes["xaxis"]["dtick"] == 20
    panel = widgets.training_panel(*data, lang="en")
    panel.load_settings("lr=0.5;h=16;ep=40;bs=full;act=relu;init=he;seed=0")
    ranges = []
    panel.figure.layout.xaxis.on_change(lambda axis, value: ranges.append(tuple(value)), "range")
    panel.watch_seconds = 1.0
    panel.train()
    assert panel.wait(TIMEOUT)
    assert ranges and set(ranges) == {(0, 40)}


def test_the_optimizer_controls_appear_only_when_asked_and_reach_the_training(data):
    plain = widgets.training_panel(*data, lang="en")
    shown = set(map(id, tree(plain.widget)))
    assert all(id(plain.controls[name]) not in shown for name in ("optimizer", "weight_decay", "shift"))
    panel = widgets.training_panel(*data, lang="de", hide=(), preset="adam_regularised")
    shown = set(map(id, tree(panel.widget)))
    assert all(id(panel.controls[name]) in shown for name in ("optimizer", "weight_decay", "shift"))
    assert panel.controls["weight_decay"].label == "0,0005"
    assert panel.settings_string().endswith(";opt=adam;wd=0.0005;aug=2")
    panel.controls["n_epochs"].value = 2
    panel.train(wait=True)
    assert panel.run.live.optimizer == "adam" and panel.run.live.weight_decay == 5e-4
    assert len(panel.run.live.penalty) == 3 and int(panel.run.live.optimizer_state["t"]) > 0
    steps = int(panel.run.live.optimizer_state["t"])
    panel.step(wait=True)  # one more epoch continues Adam's moments instead of starting them afresh
    assert int(panel.run.live.optimizer_state["t"]) == steps + steps // 2
    panel.controls["optimizer"].value = "momentum"
    panel.step(wait=True)
    assert panel.run.live.optimizer == "momentum"


@pytest.mark.parametrize("text, problem", [("opt=rmsprop", "opt"), ("wd=0.3", "wd"), ("aug=7", "aug")])
def test_settings_strings_with_bad_optimizer_settings_say_what_is_wrong(text, problem):
    with pytest.raises(ValueError, match=problem):
        widgets.Settings.from_string(text)
    assert widgets.Settings.from_string("opt=momentum;wd=0,001;aug=1").weight_decay == 0.001
