r"""mnistlab - build a neural network for handwritten digits from scratch in NumPy.

Notation (the same table is in the README and in lesson 00):

| formula | code | shape |
|---|---|---|
| $X$ | `X` | (784, m), pixels in [0, 1], one column per image |
| $y$ / $Y$ | `y` / `Y` | (m,) labels / (10, m) one-hot |
| $W^{[1]}, b^{[1]}$ | `W1`, `b1` | (n_h, 784), (n_h, 1) |
| $Z^{[1]} = W^{[1]}X + b^{[1]}$ | `Z1 = W1 @ X + b1` | (n_h, m) |
| $A^{[2]} = \mathrm{softmax}(Z^{[2]})$ | `A2 = softmax(Z2)` | (10, m), columns sum to 1 |
| $\partial L / \partial W^{[1]}$ | `dW1` | like `W1` |
| $\partial L / \partial Z^{[2]} = (A^{[2]} - Y) / m$ | `dZ2` | (10, m), the 1/m inside |
| $\alpha$ | `learning_rate` | scalar |

Language: every text a learner reads comes from ``mnistlab.i18n`` in English or German, and the caller
says which - there is no global language. Each lesson sets ``LANG = "en"`` or ``"de"`` once in its first
cell and passes it where output is made: ``ml.load_mnist("train", lang=LANG)`` (the data notice),
``ml.train(..., lang=LANG)`` (``History.message``), ``ml.gradient_check(..., lang=LANG)`` (its table), the
charts, panels and exercise checks (``lang=LANG``), and its own printed labels through
``ml.t("lesson.<what>", LANG, ...)`` and numbers through ``ml.fmt(template, LANG, ...)`` (German: decimal
comma, thousands dot). Other prints show code as Python prints it (``history.loss[-1] = 0.047``). Why
explicit rather than set once: a cell run on its own, or out of order, still speaks its lesson's language;
English and German can share one kernel (the tests do); and nothing is hidden state. The default is
English. tests/test_language.py runs every lesson and fails on the other language's words or number format.

Use it as ``import mnistlab as ml``. Importing does no I/O and does not import plotly or
ipywidgets: names are loaded from their modules on first use.

Dependency direction, in one sentence (tests/test_package.py checks it): lessons -> widgets -> charts and
training -> network -> functions -> checks -> errors, with NumPy under all of them; the data modules (data,
idx, fetch) and model_file sit beside the math core, which never imports them, and only charts,
network_charts, dashboard_chart, graph_chart, compare_chart, landscape_chart and widgets import plotly or
ipywidgets.
"""

from importlib import import_module

__version__ = "0.1.0"

# public name -> module that defines it (one concept per module)
_EXPORTS = {
    "errors": ["DataError", "ModelFileError", "DownloadError"],
    "checks": ["check_X"],
    "idx": ["read_idx", "read_csv"],
    "data": ["load_mnist", "data_source", "cache_dir", "download"],
    "split": ["train_val_split"],
    "functions": ["relu", "relu_prime", "sigmoid", "sigmoid_prime", "softmax", "cross_entropy", "one_hot"],
    "network": ["Params", "init_params", "forward", "backward", "output_delta", "predict", "predict_proba",
                "layer_sizes"],
    "gradcheck": ["numerical_gradient", "gradient_check", "GradientCheck", "relative_error"],
    "training": ["train", "step_decay"],
    "augment": ["random_shift"],
    "history": ["History"],
    "evaluate": ["accuracy", "confusion_matrix", "misclassified"],
    "model_file": ["save_model", "load_model"],
    "mlp": ["MLP"],
    "i18n": ["t", "fmt"],
    "drawing": ["preprocess_digit"],
    "widgets": ["training_panel", "shapes_explorer", "draw_digit"],
    "exercises": ["check"],
    "notebook": ["show_source", "environment_check", "widget_check"],
}
# modules reachable as ml.<name> (charts and widgets import plotly/ipywidgets, so only on use)
_SUBMODULES = {"errors", "checks", "idx", "fetch", "data", "split", "functions", "network", "optimizers",
               "augment", "landscape", "blas", "gradcheck", "history", "training", "evaluate", "origin",
               "model_file", "mlp", "i18n", "charts", "compare_chart", "landscape_chart", "network_charts",
               "dashboard_chart", "graph_chart", "scalar_graph", "shapes", "widgets", "drawing",
               "exercises", "notebook", "workbook"}

_WHERE = {name: module for module, names in _EXPORTS.items() for name in names}


def __getattr__(name):
    if name in _WHERE:
        value = getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
    elif name in _SUBMODULES:
        value = import_module(f"{__name__}.{name}")
    else:
        raise AttributeError(f"module 'mnistlab' has no attribute {name!r}")
    globals()[name] = value  # cache: the next access is a plain attribute
    return value


def __dir__():
    return sorted([*globals(), *_WHERE, *_SUBMODULES])


__all__ = sorted(_WHERE)
