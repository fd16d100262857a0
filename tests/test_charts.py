"""Chart builders: expected traces, titles and axis labels in both languages; shapes equal the real ones."""

import math

import numpy as np
import plotly.graph_objects as go
import pytest

import mnistlab as ml
from mnistlab import charts, dashboard_chart, network_charts

LANGS = ["en", "de"]


def history(n_epochs=3, n_steps=12, layers=2, nan=False):
    h = ml.History()
    h.epoch = list(range(n_epochs + 1))
    h.loss = [2.3 / (e + 1) for e in h.epoch]
    h.accuracy = [0.1 + 0.2 * e for e in h.epoch]
    h.val_loss = [2.4 / (e + 1) for e in h.epoch]
    h.val_accuracy = [0.1 + 0.15 * e for e in h.epoch]
    h.steps = {"loss": [2.0 - 0.1 * i for i in range(n_steps)],
               "grad_norm": {f"W{l}": [1.0 / (i + 1) for i in range(n_steps)] for l in range(1, layers + 1)}}
    if nan:
        h.loss[-1], h.steps["loss"][-1] = float("nan"), float("inf")
    return h


def all_numbers(fig):
    """Every number in the figure's trace data (x, y, z), for NaN checks."""
    out = []
    for trace in fig.data:
        for key in ("x", "y", "z"):
            values = getattr(trace, key, None)
            if values is not None:
                out += [v for v in np.asarray(values, dtype=object).ravel() if isinstance(v, (int, float))]
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_loss_and_accuracy_curves_have_train_and_validation_traces_with_translated_labels(lang):
    for build, title, ylabel in ((charts.loss_curve, "chart.loss.title", "chart.loss.y"),
                                 (charts.accuracy_curve, "chart.accuracy.title", "chart.accuracy.y")):
        fig = build(history(), lang=lang)
        assert [tr.name for tr in fig.data] == [ml.t("chart.train", lang), ml.t("chart.validation", lang)]
        assert fig.layout.title.text == ml.t(title, lang)
        assert fig.layout.xaxis.title.text == ml.t("chart.epoch", lang)
        assert fig.layout.yaxis.title.text == ml.t(ylabel, lang)
        assert list(fig.data[0].x) == [0, 1, 2, 3]
    assert charts.accuracy_curve(history(), lang=lang).data[0].y[-1] == pytest.approx(70.0)


def test_curves_never_contain_nan_they_stop_at_the_last_finite_value():
    fig = charts.loss_curve(history(nan=True), lang="en")
    assert list(fig.data[0].x) == [0, 1, 2]
    assert all(math.isfinite(v) for v in all_numbers(fig))
    curves = dashboard_chart.dashboard_curves(history(nan=True), steps_per_epoch=4)
    assert all(math.isfinite(v) for c in curves.values() for v in c["y"])


def test_curves_accept_a_plain_dict_history():
    fig = charts.loss_curve({"epoch": [0, 1], "loss": [2.0, 1.0]}, lang="en")
    assert len(fig.data) == 1 and list(fig.data[0].y) == [2.0, 1.0]


@pytest.mark.parametrize("lang", LANGS)
def test_gradient_norms_draw_one_log_scaled_line_per_weight_matrix(lang):
    fig = charts.gradient_norms(history(layers=3), lang=lang)
    assert [tr.name for tr in fig.data] == ["‖dW1‖", "‖dW2‖", "‖dW3‖"]
    assert fig.layout.yaxis.type == "log"
    assert fig.layout.title.text == ml.t("chart.gradnorm.title", lang)
    assert fig.layout.xaxis.title.text == ml.t("chart.step", lang)


@pytest.mark.parametrize("lang", LANGS)
def test_descent_paths_draw_one_small_chart_per_learning_rate_in_a_fixed_frame_and_drop_overflow(lang):
    paths = {0.5: [1.0, 0.5, 0.25], 2.1: [1.0, -1.1, 1.21], 1e6: [1.0, -1e300, float("inf")], 1.0: [1.0, 0.0]}
    fig = charts.descent_paths(paths, lang=lang)
    names = [ml.fmt("α = {r:g}", lang, r=r) for r in paths]
    assert [tr.name for tr in fig.data] == names
    assert [a.text for a in fig.layout.annotations] == names  # each small chart is titled with its rate
    assert fig.data[1].name == ("α = 2,1" if lang == "de" else "α = 2.1")
    assert list(fig.data[0].y) == [1.0, 0.5, 0.25] and list(fig.data[2].x) == [0, 1]  # inf dropped
    assert {(tr.xaxis, tr.yaxis) for tr in fig.data} == {("x", "y"), ("x2", "y2"), ("x3", "y3"), ("x4", "y4")}
    assert all(tuple(fig.layout[f"yaxis{i or ''}"].range) == (-2.5, 2.5) for i in range(5) if i != 1)
    assert fig.layout.title.text == ml.t("chart.descent.title", lang)
    assert fig.layout.xaxis4.title.text == ml.t("chart.descent.x", lang)  # the bottom row: 4 rates, 3 a row


@pytest.mark.parametrize("lang", LANGS)
def test_layer_gradient_norms_draw_one_line_per_network_over_the_layer_numbers_on_a_log_axis(lang):
    norms = {"sigmoid": [1e-4, 1e-2, 1.0], "relu": [0.2, float("nan"), 0.3]}
    fig = charts.layer_gradient_norms(norms, lang=lang)
    assert [tr.name for tr in fig.data] == ["sigmoid", "relu"]
    assert list(fig.data[0].x) == [1, 2, 3] and list(fig.data[0].y) == [1e-4, 1e-2, 1.0]
    assert list(fig.data[1].x) == [1, 3]  # a non-finite norm is left out, never drawn as NaN
    assert fig.data[0].line.color != fig.data[1].line.color  # told apart by colour and by marker
    assert fig.data[0].marker.symbol != fig.data[1].marker.symbol
    assert fig.layout.yaxis.type == "log" and fig.layout.xaxis.dtick == 1
    assert fig.layout.title.text == ml.t("chart.gradlayer.title", lang)
    assert fig.layout.xaxis.title.text == ml.t("chart.layer", lang)


@pytest.mark.parametrize("lang", LANGS)
def test_gradient_histogram_has_one_histogram_per_weight_gradient_from_backward(lang):
    rng = np.random.default_rng(0)
    params = ml.init_params([784, 8, 6, 10], rng=rng)
    X, y = rng.random((784, 5), dtype=np.float32), np.arange(5)
    _, cache = ml.forward(params, X)
    fig = charts.gradient_histogram(ml.backward(params, cache, y), lang=lang)
    assert [tr.name for tr in fig.data] == ["dW1", "dW2", "dW3"]
    assert all(isinstance(tr, go.Histogram) for tr in fig.data)
    assert len(fig.data[0].x) == 8 * 784
    assert fig.layout.xaxis.title.text == ml.t("chart.gradhist.x", lang)
    assert fig.layout.title.text == ml.t("chart.gradhist.title", lang)


def full_title(fig):
    """The title as written in i18n: a long one's "(...)" part is shown as the subtitle."""
    sub = fig.layout.title.subtitle.text
    return fig.layout.title.text + (f" ({sub})" if sub else "")


def axis_of(fig, ref, letter):
    """The layout axis a trace or shape refers to: ("x2", "x") -> fig.layout.xaxis2."""
    return fig.layout[f"{letter}axis{ref[1:]}"]


def grid_captions(fig):
    """Captions of an image grid per heatmap row: the tick labels of the row's x-axis."""
    return [list(axis_of(fig, tr.xaxis, "x").ticktext or []) for tr in fig.data]


@pytest.mark.parametrize("lang", LANGS)
def test_digit_grid_frames_exactly_the_wrong_predictions(lang):
    rng = np.random.default_rng(1)
    X = rng.random((784, 12), dtype=np.float32)
    y_true, y_pred = np.arange(12) % 10, np.arange(12) % 10
    y_pred[[2, 7]] = [5, 1]
    fig = charts.digit_grid(X, y_true, y_pred, lang=lang, n_cols=6)
    assert len(fig.data) == 2 and all(isinstance(tr, go.Heatmap) for tr in fig.data)  # one per row
    assert [(shape.xref, shape.yref) for shape in fig.layout.shapes] == [("x", "y"), ("x2", "y2")]
    first, second = grid_captions(fig)
    assert first[0] == "0" and "2→5" in first[2] and "7→1" in second[1] and second[1] != "7→1"  # coloured
    assert full_title(fig) == ml.t("chart.digits.title_predicted", lang, n=12, wrong=2)
    np.testing.assert_allclose(np.asarray(fig.data[0].z)[:, :28], X[:, 0].reshape(28, 28), rtol=1e-6)
    np.testing.assert_allclose(np.asarray(fig.data[1].z)[:, 30:58], X[:, 7].reshape(28, 28), rtol=1e-6)


GRIDS = {  # the lessons' grids: 00's 16 labelled digits, 07's 40 misclassified ones, 09's Fashion-MNIST
    "00 digits": dict(n=16, wrong=()), "07 misclassified": dict(n=40, wrong=range(40)),
    "09 fashion": dict(n=20, wrong=(1, 4, 5, 11, 18)), "09 no labels": dict(n=3, wrong=None)}


def lesson_grid(case, lang):
    rng = np.random.default_rng(0)
    n, wrong = GRIDS[case]["n"], GRIDS[case]["wrong"]
    y_true = rng.integers(0, 10, n)
    y_pred = y_true.copy()
    y_pred[list(wrong or [])] = (y_true[list(wrong or [])] + 1) % 10
    if wrong is None:
        return charts.digit_grid(rng.random((784, n)), lang=lang), n
    return charts.digit_grid(rng.random((784, n)), y_true, None if not wrong else y_pred, lang=lang), n


def plot_height_px(fig):
    return fig.layout.height - fig.layout.margin.t - fig.layout.margin.b


@pytest.mark.parametrize("case", GRIDS)
@pytest.mark.parametrize("lang", LANGS)
def test_image_grid_captions_sit_below_their_row_in_a_gap_that_holds_them_never_on_an_image(case, lang):
    """Captions drawn as annotations at data coordinates sat on the next row's images whenever the grid was
    narrow (their size is in px, the images' in data units). Now they are the tick labels of each row's
    x-axis, which plotly draws below the row's plot area: the gap to the next row (or the bottom margin)
    must hold one caption line at any figure width."""
    fig, n = lesson_grid(case, lang)
    image_axes = {ref for tr in fig.data for ref in (tr.xaxis, tr.yaxis)}
    on_images = [a.text for a in fig.layout.annotations if {a.xref, a.yref} & image_axes]
    assert on_images == [], f"{case}: captions placed on the images' axes: {on_images[:5]}"
    captions = [c for row in grid_captions(fig) for c in row if c]
    assert len(captions) == (0 if GRIDS[case]["wrong"] is None else n)
    line_px = 1.25 * (charts.FONT_SIZE - 2) + 6  # one line of tick labels and plotly's gap above it
    domains = sorted((tuple(axis_of(fig, tr.yaxis, "y").domain) for tr in fig.data), reverse=True)
    pairs = zip(domains, domains[1:], strict=False)
    gaps = [(upper[0] - lower[1]) * plot_height_px(fig) for upper, lower in pairs]
    if captions:
        assert all(gap >= line_px for gap in gaps), f"{case}: gaps {gaps} px between rows, need {line_px}"
        assert fig.layout.margin.b >= line_px, f"{case}: the last row's captions need {line_px} px below"
    for tr in fig.data:  # square pixels: each row's y-axis scales with its own x-axis
        y_axis = axis_of(fig, tr.yaxis, "y")
        assert y_axis.scaleanchor == tr.xaxis and y_axis.scaleratio in (None, 1)


def all_lesson_figures(lang):
    """One figure of every builder the lessons show, with realistic data."""
    rng = np.random.default_rng(0)
    params = ml.init_params([784, 10, 10], rng=rng)
    X, y = rng.random((784, 20)), np.arange(20) % 10
    _, cache = ml.forward(params, X)
    cm = np.eye(10, dtype=int) * 90 + 1
    return {"digit_grid": charts.digit_grid(X, y, (y + 1) % 10, lang=lang),
            "weights_as_images": charts.weights_as_images(params["W1"], lang=lang),
            "activation_plot": charts.activation_plot(lang=lang),
            "probabilities": charts.probabilities(np.full(10, 0.1), lang=lang, true_label=3),
            "prediction_view": charts.prediction_view(X[:, 0], np.full(10, 0.1), lang=lang),
            "confusion_matrix": charts.confusion_matrix(cm, lang=lang),
            "loss_curve": charts.loss_curve(history(), lang=lang, log_y=True),
            "accuracy_curve": charts.accuracy_curve(history(), lang=lang),
            "gradient_norms": charts.gradient_norms(history(), lang=lang),
            "gradient_histogram": charts.gradient_histogram(ml.backward(params, cache, y), lang=lang)}


@pytest.mark.parametrize("lang", LANGS)
def test_lesson_figures_take_the_notebooks_width_and_their_titles_fit_a_narrow_one(lang):
    """At 1024 x 768 with the file browser open a notebook output is ~600 px wide: no figure may fix a
    wider width (the confusion matrix had 680 px), and a title line must fit it (at 18 px, ~46 characters;
    the grid of misclassified digits had 58, in German 66)."""
    for name, fig in all_lesson_figures(lang).items():
        assert fig.layout.width is None, f"{name} has a fixed width of {fig.layout.width} px"
        assert fig.layout.autosize in (None, True), f"{name} turns plotly's autosize off"
        assert len(fig.layout.title.text) <= charts.TITLE_CHARS, f"{name}: title {fig.layout.title.text!r}"


def test_square_images_stay_square_at_any_width():
    figs = all_lesson_figures("en")
    for name in ("weights_as_images", "confusion_matrix"):
        assert figs[name].layout.yaxis.scaleanchor == "x", name
    assert figs["prediction_view"].layout.yaxis.scaleanchor == "x"


@pytest.mark.parametrize("lang", LANGS)
def test_log_axes_are_labelled_at_the_powers_of_ten_only(lang):
    """plotly's default log ticks also label 2 and 5 between the powers ("1, 5, 2, 0,1, 5")."""
    figs = all_lesson_figures(lang)
    for name in ("loss_curve", "gradient_norms", "gradient_histogram"):
        y_axis = figs[name].layout.yaxis
        assert (y_axis.type, y_axis.dtick, y_axis.exponentformat) == ("log", 1, "none"), name
    assert charts.loss_curve(history(), lang=lang).layout.yaxis.type in (None, "linear")


def test_digit_grid_explains_the_expected_shape():
    with pytest.raises(ValueError, match=r"one column per image.*X\.T"):
        charts.digit_grid(np.zeros((5, 784)), lang="en")


@pytest.mark.parametrize("lang", LANGS)
def test_weights_as_images_tiles_rows_of_w1_on_a_colour_scale_centred_at_zero(lang):
    W1 = ml.init_params([784, 12, 10], rng=np.random.default_rng(0))["W1"]
    fig = charts.weights_as_images(W1, lang=lang, n_cols=4)
    heat = fig.data[0]
    assert heat.zmid == 0 and heat.zmin == -heat.zmax
    z = np.asarray(heat.z, dtype=float)
    assert z.shape == (3 * 30 - 2, 4 * 30 - 2)  # 3 rows x 4 columns of 28 x 28 tiles with 2 px gaps
    np.testing.assert_allclose(z[30:58, 30:58], W1[5].reshape(28, 28), rtol=1e-6)
    assert full_title(fig) == ml.t("chart.weights.title", lang, n=12, n_h=12)


@pytest.mark.parametrize("lang", LANGS)
def test_activation_plot_shows_relu_sigmoid_and_their_derivatives(lang):
    fig = charts.activation_plot(lang=lang)
    assert len(fig.data) == 4
    assert fig.data[1].name == ml.t("chart.activation.derivative", lang, name="ReLU")
    z, relu_prime = np.asarray(fig.data[1].x), np.asarray(fig.data[1].y)
    assert relu_prime[z > 0.1].min() == 1 and relu_prime[z < -0.1].max() == 0
    assert np.asarray(fig.data[3].y).max() == pytest.approx(0.25, abs=1e-3)  # sigmoid' peaks at 1/4
    assert fig.layout.xaxis.title.text == ml.t("chart.activation.x", lang)


@pytest.mark.parametrize("lang", LANGS)
def test_probabilities_highlight_the_most_probable_digit(lang):
    p = np.full(10, 0.02)
    p[7] = 0.82
    fig = charts.probabilities(p, lang=lang, true_label=7)
    colours = list(fig.data[0].marker.color)
    assert colours[7] != colours[0] and len(set(colours)) == 2
    assert fig.layout.title.text.startswith(ml.t("chart.proba.title", lang, digit=7, p=82.0))
    assert fig.layout.xaxis.title.text == ml.t("chart.proba.x", lang)
    with pytest.raises(ValueError, match="10 probabilities"):
        charts.probabilities(np.ones(9) / 9, lang=lang)


@pytest.mark.parametrize("lang", LANGS)
def test_confusion_matrix_shows_the_counts_and_the_accuracy(lang):
    y_true = np.array([0, 1, 2, 2, 3, 9])
    y_pred = np.array([0, 1, 2, 3, 3, 4])
    cm = np.zeros((10, 10), dtype=int)
    np.add.at(cm, (y_true, y_pred), 1)  # built here, independently of ml.confusion_matrix
    fig = charts.confusion_matrix(cm, lang=lang)
    np.testing.assert_array_equal(np.asarray(fig.data[0].z), cm)
    assert fig.layout.title.text == ml.t("chart.confusion.title", lang, accuracy=100 * 4 / 6)
    assert fig.layout.xaxis.title.text == ml.t("chart.confusion.x", lang)
    assert fig.layout.yaxis.title.text == ml.t("chart.confusion.y", lang)


def test_german_charts_use_a_decimal_comma():
    assert charts.loss_curve(history(), lang="de").layout.separators == ",."
    assert charts.loss_curve(history(), lang="en").layout.separators == ".,"


def by_key(fig, key):
    """The trace whose key (its meta) is `key`: figures a widget updates name their traces so."""
    found = [tr for tr in fig.data if tr.meta == key]
    assert len(found) == 1, f"expected one trace {key!r}, found {len(found)}"
    return found[0]


def labels_of(fig):
    return list(by_key(fig, "shapes.labels").text)


@pytest.mark.parametrize("sizes", [[784, 10, 10], [784, 128, 64, 10], [784, 1, 10], [784, 512, 3, 10]])
@pytest.mark.parametrize("m", [1, 64, 4000])
def test_shapes_diagram_labels_equal_the_real_shapes_of_init_params_and_forward(sizes, m):
    rng = np.random.default_rng(0)
    params = ml.init_params(sizes, rng=rng)
    _, cache = ml.forward(params, rng.random((784, m), dtype=np.float32))
    expected = []
    for l in range(1, len(sizes)):
        prev = "X" if l == 1 else f"A{l - 1}"
        for name, array in ((f"W{l}", params[f"W{l}"]), (prev, cache[f"A{l - 1}"]),
                            (f"b{l}", params[f"b{l}"]), (f"Z{l}", cache[f"Z{l}"]), (f"A{l}", cache[f"A{l}"])):
            expected.append(f"{name} · {array.shape[0]} × {array.shape[1]}")
    assert labels_of(network_charts.shapes_diagram(sizes, m, lang="en")) == expected
    assert labels_of(network_charts.shapes_diagram(params, m, lang="de")) == expected


def test_shapes_diagram_backward_gradients_have_the_shapes_backward_returns():
    rng = np.random.default_rng(0)
    params = ml.init_params([784, 32, 16, 10], rng=rng)
    _, cache = ml.forward(params, rng.random((784, 7), dtype=np.float32))
    grads = ml.backward(params, cache, np.arange(7))
    labels = labels_of(network_charts.shapes_diagram([784, 32, 16, 10], 7, lang="en", backward=True))
    for name, array in grads.items():
        assert f"{name} · {array.shape[0]} × {array.shape[1]}" in labels


@pytest.mark.parametrize("lang", LANGS)
def test_shapes_diagram_is_titled_with_its_scale_and_colours_parameters_and_activations(lang):
    fig = network_charts.shapes_diagram([784, 16, 10], 32, lang=lang)
    scale = ml.t("chart.shapes.scale_sqrt", lang)
    assert fig.layout.title.text == ml.t("chart.shapes.title", lang) + " · " + scale
    assert [by_key(fig, f"shapes.{kind}").name for kind in ("param", "activation", "gradient")] == [
        ml.t("chart.shapes.params", lang), ml.t("chart.shapes.activations", lang),
        ml.t("chart.shapes.gradients", lang)]
    formulas = list(by_key(fig, "shapes.formulas").text)
    assert formulas[0].startswith("Z1 = W1 @ X + b1") and "softmax" in formulas[1]
    log = network_charts.shapes_diagram([784, 16, 10], 32, lang=lang, scale="log")
    assert log.layout.title.text.endswith(ml.t("chart.shapes.scale_log", lang))


def test_shapes_diagram_rectangles_grow_with_the_square_root_of_the_size():
    fig = network_charts.shapes_diagram([784, 100, 10], 16, lang="en")
    params = by_key(fig, "shapes.param")  # W1, b1, W2, b2 as closed polygons
    xs, ys = params.x, params.y
    w1_width, w1_height = xs[1] - xs[0], ys[2] - ys[1]
    assert w1_width == pytest.approx(28.0) and w1_height == pytest.approx(10.0)


def test_shapes_diagram_rejects_impossible_sizes_clearly():
    with pytest.raises(ValueError, match="whole numbers >= 1"):
        network_charts.shapes_diagram([784, 0, 10], 4, lang="en")
    with pytest.raises(ValueError, match="batch size m"):
        network_charts.shapes_diagram([784, 10, 10], 0, lang="en")


@pytest.mark.parametrize("lang", LANGS)
def test_dashboard_has_four_panels_and_fills_curves_in_trace_order(lang):
    fig = dashboard_chart.dashboard([784, 20, 10], 64, lang=lang)
    titles = [a.text for a in fig.layout.annotations]
    assert titles == [ml.t("chart.loss.title", lang), ml.t("chart.accuracy.title", lang),
                      ml.t("chart.gradnorm.title", lang), network_charts.shapes_title(lang)]
    curves = dashboard_chart.dashboard_curves(history(n_steps=2000, layers=2), steps_per_epoch=500)
    assert set(curves) == set(dashboard_chart.CURVE_KEYS)
    assert [tr.meta for tr in fig.data] == [*dashboard_chart.CURVE_KEYS, *network_charts.SHAPES_KEYS]
    assert len(curves["loss.steps"]["x"]) <= 400
    assert curves["loss.steps"]["x"][-1] == pytest.approx(4.0, abs=0.01)  # 2000 steps / 500 steps per epoch
    assert curves["gradnorm.W1"]["visible"] and curves["gradnorm.W2"]["visible"]
    assert not curves["gradnorm.W3"]["visible"]
    assert "W1 · 20 × 784" in labels_of(fig)


@pytest.mark.parametrize("width", [None, 600, 1200])
def test_the_dashboards_shapes_panel_size_follows_from_the_figure_size_and_its_rows(width):
    fig = dashboard_chart.dashboard([784, 20, 10], 64, lang="en", width=width)
    grid = dashboard_chart.dashboard_grid(width, dashboard_chart.shapes_lines([784, 20, 10], 64, width=width))
    margin, domain = fig.layout.margin, fig.layout.yaxis4.domain
    assert fig.layout.height == grid["height"]
    shapes_px = (grid["width"] - margin.l - margin.r,
                 round((domain[1] - domain[0]) * (fig.layout.height - margin.t - margin.b)))
    assert shapes_px == grid["shapes_px"]


def test_dashboard_shapes_update_fills_the_shapes_traces_and_their_axes():
    update = dashboard_chart.dashboard_shapes_update([784, 33, 10], 8)
    assert set(update["traces"]) == set(network_charts.SHAPES_KEYS)
    assert "W1 · 33 × 784" in update["traces"]["shapes.labels"]["text"]
    fig = go.Figure(dashboard_chart.dashboard([784, 20, 10], 64, lang="en"))
    charts.update_figure(fig, update)
    assert "W1 · 33 × 784" in labels_of(fig)
    assert list(fig.layout.xaxis4.range) == update["layout"]["xaxis4"]["range"]


def test_chart_builders_reject_an_unknown_language():
    with pytest.raises(ValueError, match="unknown language"):
        charts.loss_curve(history(), lang="fr")


@pytest.mark.parametrize("lang", LANGS)
def test_eps_sweep_draws_each_number_type_with_its_minimum_ringed_and_the_error_terms_dashed(lang):
    eps = 10.0 ** -np.arange(1, 13)
    errors = {"float64": list(1e-3 * eps**2 + 1e-16 / eps), "float32": [0.0] + [1e-2] * 11}  # a 0 is left out
    terms = {"truncation": list(1e-3 * eps**2), "round-off": list(1e-16 / eps)}
    fig = charts.eps_sweep(eps, errors, lang=lang, terms=terms)
    lines = {trace.name: trace for trace in fig.data if trace.name}
    assert set(lines) == set(errors) | set(terms)
    assert lines["truncation"].line.dash == "dash" and lines["round-off"].line.dash == "dot"
    assert len(lines["float32"].x) == 11
    rings = [trace for trace in fig.data if not trace.showlegend and trace.mode == "markers"]
    assert [ring.x[0] for ring in rings] == pytest.approx([1e-5, 1e-2])  # float64's smallest: at 1e-5
    assert fig.layout.xaxis.type == fig.layout.yaxis.type == "log"
    assert fig.layout.xaxis.title.text == ml.t("chart.eps.x", lang)
    assert len(fig.layout.title.text) <= charts.TITLE_CHARS and fig.layout.width is None
