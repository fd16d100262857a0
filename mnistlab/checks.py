"""Checks shared by the whole package: images X, labels y, layer sizes, parameter dicts, plain numbers.

Each check returns the value in the form the caller works with, or raises a ValueError (``DataError`` for
images and labels) or a TypeError whose message names the problem, the function it reached (``where``,
e.g. "ml.predict") and the fix. The public functions check their arguments once with these; the training
loop's inner steps then run unchecked. Pure NumPy; imports only ``mnistlab.errors``.
"""

import math
from collections.abc import Mapping

import numpy as np

from .errors import DataError


def _shape(array):
    """A shape as Python writes it: (784,) or (784, 64)."""
    return "(" + ", ".join(map(str, array.shape)) + (",)" if array.ndim == 1 else ")")


def _prefix(where):
    return f"{where}: " if where else ""


def check_numbers(value, name, *, where=None, finite=False):
    """np.asarray(value) - a list works too - or a TypeError if it does not hold plain real numbers (with
    finite=True also a ValueError for NaN or infinite entries)."""
    try:
        array = np.asarray(value)
    except ValueError:  # ragged nested lists
        array = np.asarray(value, dtype=object)
    if array.dtype.kind not in "biuf":
        raise TypeError(f"{_prefix(where)}{name} must hold numbers; got {type(value).__name__} of dtype "
                        f"{array.dtype}")
    if finite and array.size and not np.isfinite(array).all():
        raise ValueError(f"{_prefix(where)}{name} contains NaN or infinite values; every entry must be a "
                         "number")
    return array


def check_X(X, n_inputs=784, *, where=None):
    """Return X as an array after checking it holds images in mnistlab's format - floats, shape
    (n_inputs, m), one column per image, finite; for 784 inputs (MNIST) also pixels in [0, 1] - else raise
    DataError saying how to convert it."""
    p = _prefix(where)
    X = check_numbers(X, "X", where=where)
    if X.ndim == 1 and X.size == n_inputs:
        raise DataError(f"{p}X has shape {_shape(X)}, a single image; mnistlab wants one column per image: "
                        f"pass X.reshape({n_inputs}, 1)")
    if n_inputs == 784 and X.ndim == 3 and X.shape[1:] == (28, 28):
        raise DataError(f"{p}X has shape {_shape(X)} (m images of 28 x 28); mnistlab uses one column per "
                        "image: pass X.reshape(len(X), 784).T / 255")
    if X.ndim == 2 and X.shape[1] == n_inputs and X.shape[0] != n_inputs:
        raise DataError(f"{p}X has shape {_shape(X)}, (m, {n_inputs}); mnistlab uses one column per image: "
                        "pass X.T")
    if X.ndim != 2 or X.shape[0] != n_inputs:
        raise DataError(f"{p}X has shape {_shape(X)}; expected ({n_inputs}, m), one column of {n_inputs} "
                        f"{'pixels' if n_inputs == 784 else 'values'} per image")
    if X.dtype.kind != "f":
        fix = "X / 255 (pixels 0..255)" if n_inputs == 784 else "X.astype(np.float32)"
        raise DataError(f"{p}X has dtype {X.dtype}; mnistlab wants floats: pass {fix}")
    if not X.size:
        return X
    low, high = X.min(), X.max()  # two passes over X, no copy; NaN anywhere makes both NaN
    if not (np.isfinite(low) and np.isfinite(high)):
        raise DataError(f"{p}X contains NaN or infinite values; every pixel must be a number: check how X "
                        "was made (e.g. a division by zero)")
    if n_inputs == 784 and (low < 0 or high > 1):
        raise DataError(f"{p}X has values from {low:g} to {high:g}; pixels must lie in [0, 1]: raw pixel "
                        "values 0..255 need X / 255")
    return X


def check_labels(y, n_classes=10, *, name="labels", where=None):
    """Return y as an int64 vector (m,) after checking it holds class labels 0 .. n_classes - 1.

    Whole-number floats (labels read from a CSV as floats) are accepted.
    """
    p = _prefix(where)
    if not is_whole(n_classes, 1):
        raise ValueError(f"{p}n_classes must be a positive whole number like 10; got {n_classes!r}")
    y = np.asarray(y)
    if y.ndim != 1:
        hint = ("it looks one-hot already: pass the labels y (m,) instead, e.g. Y.argmax(axis=0)"
                if y.ndim == 2 and y.shape[0] == n_classes else "pass a flat vector, e.g. y.ravel()")
        got = _shape(y) if y.ndim else "()"
        raise DataError(f"{p}{name} must be a vector of shape (m,); got shape {got}: {hint}")
    if y.dtype == bool or y.dtype.kind not in "iuf":
        raise DataError(f"{p}{name} must be whole numbers 0..{n_classes - 1}; got dtype {y.dtype}: pass "
                        "integer class labels, e.g. y.astype(np.int64)")
    if y.dtype.kind == "f":
        bad = np.flatnonzero(~np.isfinite(y) | (y != np.round(y)))
        if bad.size:
            raise DataError(f"{p}{name} must be whole numbers 0..{n_classes - 1}; got {y[bad[0]].item()!r} "
                            f"at index {bad[0]}: pass integer class labels, e.g. y.astype(np.int64)")
    if y.size:
        bad = np.flatnonzero((y < 0) | (y >= n_classes))
        if bad.size:
            fix = (f"fix the labels, or pass n_classes={int(y.max()) + 1} if there really are that many"
                   if y.min() >= 0 else "fix the labels (classes are numbered from 0)")
            raise DataError(f"{p}{name} must lie in 0..{n_classes - 1}; got {y[bad[0]].item()!r} at index "
                            f"{bad[0]} ({bad.size} out of range): {fix}")
    return y.astype(np.int64, copy=False)


def check_count(m, y, *, what="X has", where=None):
    """Raise DataError unless there is exactly one label in y for each of the m images."""
    if y.size != m:
        raise DataError(f"{_prefix(where)}{what} {m} columns (images) but there are {y.size} labels: pass "
                        "one label per column, for the same images")


def check_targets(Y, n_classes, m, *, where=None):
    """Return the right answers for m images as labels (m,) int64 or one-hot (n_classes, m) floats, checked:
    the right count, labels in range, one-hot columns holding a single 1."""
    if np.ndim(Y) == 1:
        y = check_labels(Y, n_classes, where=where)
        check_count(m, y, what="the output has", where=where)
        return y
    Y = check_numbers(Y, "Y", where=where)
    if Y.shape != (n_classes, m):
        raise DataError(f"{_prefix(where)}Y has shape {_shape(Y)} but the output is ({n_classes}, {m}): pass "
                        f"one-hot labels ml.one_hot(y) of shape ({n_classes}, {m}) or the labels y ({m},)")
    if Y.size and not (np.isin(Y, (0, 1)).all() and (Y.sum(axis=0) == 1).all()):
        raise DataError(f"{_prefix(where)}Y must be one-hot (a single 1 in each column, zeros elsewhere): "
                        "build it with ml.one_hot(y), or pass the labels y")
    return Y


def check_layer_sizes(sizes, *, where=None):
    """Return layer sizes like [784, 128, 10] as a list of ints (at least an input and an output size)."""
    p = _prefix(where)
    if isinstance(sizes, str | bytes | Mapping):
        raise TypeError(f"{p}layer_sizes must be a list like [784, 128, 10]; got {sizes!r}")
    try:
        sizes = list(sizes)
    except TypeError:
        raise TypeError(f"{p}layer_sizes must be a list like [784, 128, 10]; got {sizes!r}") from None
    if len(sizes) < 2:
        raise ValueError(f"{p}layer_sizes needs at least an input and an output size, like [784, 10]; got "
                         f"{sizes}")
    for i, n in enumerate(sizes):
        if not is_whole(n, 1):
            raise ValueError(f"{p}layer sizes must be whole numbers >= 1 (every layer needs a neuron); got "
                             f"{n!r} at position {i} of {sizes}: use e.g. [784, 128, 64, 10]")
    return [int(n) for n in sizes]


def n_layers(params):
    """Number L of weight layers W1 .. WL in a parameter dict (0 if there is no W1)."""
    L = 0
    while f"W{L + 1}" in params:
        L += 1
    return L


def check_params(params, *, where, finite=True):
    """Return the layer sizes [n_0, ..., n_L] of a parameter dict after checking it describes one network.

    params must map exactly W1, b1, ..., WL, bL to float arrays with W<l> (n_l, n_{l-1}) and b<l> (n_l, 1);
    with finite=True every entry must be a number (a diverged network holds NaN or inf).
    """
    p = _prefix(where)
    L = _check_param_names(params, p, where)
    sizes = None
    for l in range(1, L + 1):
        W, b = params[f"W{l}"], params[f"b{l}"]
        for name, value in ((f"W{l}", W), (f"b{l}", b)):
            if not isinstance(value, np.ndarray):
                raise TypeError(f"{p}params[{name!r}] is a {type(value).__name__}; parameters are NumPy "
                                f"arrays: params[{name!r}] = np.asarray(params[{name!r}], dtype=np.float32)")
            if value.dtype.kind != "f":
                raise TypeError(f"{p}params[{name!r}] has dtype {value.dtype}; weights and biases must be "
                                f"floats: params[{name!r}] = params[{name!r}].astype(np.float32)")
        if W.ndim != 2:
            raise ValueError(f"{p}W{l} has shape {_shape(W)}; a weight matrix is 2-D, (neurons, inputs)")
        if sizes is None:
            sizes = [W.shape[1]]
        elif W.shape[1] != sizes[-1]:
            before = _shape(params[f"W{l - 1}"])
            raise ValueError(f"{p}W{l} has shape {_shape(W)}, but layer {l - 1} has {sizes[-1]} neurons "
                             f"(W{l - 1} is {before}): W{l} must be (n_{l}, {sizes[-1]})")
        if b.shape != (W.shape[0], 1):
            fix = (f"make it a column: params['b{l}'] = params['b{l}'].reshape(-1, 1)"
                   if b.size == W.shape[0] else f"it needs one bias per neuron of layer {l}")
            raise ValueError(f"{p}b{l} has shape {_shape(b)} but must be ({W.shape[0]}, 1): {fix}")
        sizes.append(W.shape[0])
    if finite:
        for name, value in params.items():
            if not np.isfinite(value).all():
                raise ValueError(f"{p}{name} contains NaN or infinite values: this network has diverged (its "
                                 "learning rate was too large), so its answers would be meaningless. Start "
                                 "again from new weights (ml.init_params) or a saved model, with a smaller "
                                 "learning rate")
    return sizes


def _check_param_names(params, p, where):
    """The number of layers L after checking params is a mapping of exactly W1, b1, ..., WL, bL."""
    if isinstance(params, tuple) and len(params) == 2 and isinstance(params[0], Mapping):
        raise TypeError(f"{p}params is a pair (params, meta), as ml.load_model returns it: unpack it first, "
                        "params, meta = ml.load_model(path)")
    if isinstance(params, np.ndarray):
        raise TypeError(f"{p}the first argument must be the parameter dict (W1, b1, ...) but it is an "
                        f"array of shape {_shape(params)}: are the arguments swapped? Write "
                        f"{where or 'f'}(params, X)")
    if not isinstance(params, Mapping):
        raise TypeError(f"{p}params must be a dict of W1, b1, W2, b2, ... as ml.init_params makes it; got "
                        f"{type(params).__name__}")
    L = n_layers(params)
    if L == 0:
        raise ValueError(f"{p}params has no 'W1' (it holds {sorted(map(str, params))}): create the "
                         "parameters with ml.init_params([784, ..., 10], rng=rng)")
    expected = [f"{w}{l}" for l in range(1, L + 1) for w in "Wb"]
    missing = [name for name in expected if name not in params]
    if missing:
        weights = ", ".join(f"W{l}" for l in range(1, L + 1))
        raise ValueError(f"{p}params has {weights} but no {', '.join(map(repr, missing))}: every layer needs "
                         "its weights and its biases (see ml.init_params)")
    extra = sorted(map(str, set(params) - set(expected)))
    if extra:
        leftover = [name for name in extra if name[:1] in "Wb" and name[1:].isdigit()]
        why = (f"{', '.join(map(repr, leftover))} without the layers before it - a leftover of a deeper "
               "network? Remove it, or add the missing layers" if leftover else
               f"{', '.join(map(repr, extra))}, which is not a parameter: keep only W1, b1, ..., W{L}, b{L}")
        raise ValueError(f"{p}params holds {why}")
    return L


def check_choice(name, value, choices, *, where=None):
    """Return value if it is one of `choices`, else raise a ValueError listing them."""
    try:
        ok = value in choices
    except TypeError:  # an unhashable value such as a list
        ok = False
    if not ok:
        raise ValueError(f"{_prefix(where)}{name} must be one of {', '.join(map(repr, choices))}; "
                         f"got {value!r}")
    return value


def check_rng(rng, *, why, where=None):
    """Return rng if it is a NumPy Generator, else raise a TypeError saying why one is needed."""
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"{_prefix(where)}{why} needs a random generator, got {type(rng).__name__}: pass "
                        "rng=np.random.default_rng(0) (any seed; the same seed gives the same result)")
    return rng


def is_number(x):
    """True for a real number (Python or NumPy), False for bools, strings, arrays and None."""
    return isinstance(x, int | float | np.integer | np.floating) and not isinstance(x, bool | np.bool_)


def is_positive(x):
    """True for a finite number > 0."""
    return is_number(x) and 0 < x < math.inf


def is_whole(n, lowest):
    """True for a whole number (int, not bool) >= lowest."""
    return isinstance(n, int | np.integer) and not isinstance(n, bool) and n >= lowest
