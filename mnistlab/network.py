"""A fully connected network of any depth: parameters, forward pass, backpropagation, predictions.

Shapes follow the notation table: X is (784, m), one column per image; layer l has W<l> of shape
(n_l, n_{l-1}) and b<l> of shape (n_l, 1); Z<l> = W<l> A<l-1> + b<l> and A<l> = g(Z<l>) are (n_l, m),
with A0 = X, g = relu or sigmoid on hidden layers and softmax on the last one. Parameters live in a plain
dict {"W1": ..., "b1": ..., "W2": ..., ...}; gradients in a dict {"dW1": ..., "db1": ..., ...}.
Defined in the lessons on the forward pass and on backpropagation.
"""

import numpy as np

from .data import check_X
from .functions import check_labels, relu, relu_prime, sigmoid, sigmoid_prime, softmax

ACTIVATIONS = {"relu": (relu, relu_prime), "sigmoid": (sigmoid, sigmoid_prime)}
INITS = ("he", "xavier", "uniform")


def init_params(layer_sizes, *, rng, init="he", dtype=np.float32):
    """Random weights and zero biases for layer sizes like [784, 128, 64, 10].

    init="he": W ~ N(0, 2 / n_in), made for relu; "xavier": W ~ N(0, 2 / (n_in + n_out)), made for
    sigmoid; "uniform": W and b ~ U(-0.5, 0.5), what the seed tutorial used. Numbers are drawn in float64
    and then cast, so the same rng seed gives the same network in float32 and float64.
    """
    sizes = _check_layer_sizes(layer_sizes)
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng must be a numpy Generator; got {type(rng).__name__}: pass "
                         "rng=np.random.default_rng(0) (any seed; the same seed gives the same weights)")
    if init not in INITS:
        raise ValueError(f"init must be one of {', '.join(map(repr, INITS))}; got {init!r}")
    if np.dtype(dtype).kind != "f":
        raise ValueError(f"dtype must be a float type such as np.float32 or np.float64; got {dtype!r}")
    params = {}
    for l, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:], strict=True), start=1):
        if init == "uniform":
            W, b = rng.random((n_out, n_in)) - 0.5, rng.random((n_out, 1)) - 0.5
        else:
            std = np.sqrt(2 / n_in) if init == "he" else np.sqrt(2 / (n_in + n_out))
            W, b = rng.standard_normal((n_out, n_in)) * std, np.zeros((n_out, 1))
        params[f"W{l}"], params[f"b{l}"] = W.astype(dtype), b.astype(dtype)
    return params


def layer_sizes(params):
    """[n_0, n_1, ..., n_L] read from the weight shapes, e.g. [784, 10, 10]."""
    L = n_layers(params)
    return [params["W1"].shape[1]] + [params[f"W{l}"].shape[0] for l in range(1, L + 1)]


def n_layers(params):
    """Number L of weight layers (W1 .. WL)."""
    L = 0
    while f"W{L + 1}" in params:
        L += 1
    if L == 0:
        raise ValueError(f"params has no 'W1' (keys: {sorted(params)}): create them with ml.init_params")
    return L


def forward(params, X, activation="relu"):
    """Forward pass: returns (A_L, cache), A_L the (n_L, m) output probabilities. Lesson: forward pass.

    cache holds "A0" (= X) and "Z1", "A1", ..., "ZL", "AL" - what backward needs.
    """
    g = _activation(activation)[0]
    return _forward(params, _check_X(X, params["W1"].shape[1]), g)


def backward(params, cache, Y, activation="relu"):
    """Gradients of the mean cross-entropy over the batch: {"dW1": ..., "db1": ..., ...}. Lesson: backprop.

    Y is one-hot (n_L, m) or labels (m,). dZ_L = (A_L - Y) / m is softmax and cross-entropy combined.
    Departure from the lesson's formulas: the 1/m is applied once to dZ_L instead of to every dW and db;
    all later products are linear in dZ, so the result is the same with fewer multiplications.
    """
    g_prime = _activation(activation)[1]
    A_L = cache[f"A{n_layers(params)}"]
    m = A_L.shape[1]
    if np.ndim(Y) == 1:
        dZ = A_L.copy()
        dZ[check_labels(Y, A_L.shape[0]), np.arange(m)] -= 1  # A - one_hot(y) without building one_hot
        dZ /= m
    else:
        if np.shape(Y) != A_L.shape:
            raise ValueError(f"Y has shape {np.shape(Y)} but the output is {A_L.shape}: pass one-hot labels "
                             f"ml.one_hot(y) or the labels y ({m},)")
        dZ = (A_L - Y) / m
    return _backward(params, cache, dZ, g_prime)


def _forward(params, X, g):
    """forward without argument checks (the training loop checks once, not at every step)."""
    L = n_layers(params)
    cache = {"A0": X}
    A = X
    for l in range(1, L + 1):
        Z = params[f"W{l}"] @ A  # (n_l, n_{l-1}) @ (n_{l-1}, m) -> (n_l, m)
        Z += params[f"b{l}"]  # b (n_l, 1) is broadcast over the m columns
        A = softmax(Z) if l == L else g(Z)
        cache[f"Z{l}"], cache[f"A{l}"] = Z, A
    return A, cache


def _backward(params, cache, dZ, g_prime):
    """Backpropagate dZ_L = dL/dZ_L (already divided by m) through all layers."""
    L = n_layers(params)
    grads = {}
    for l in range(L, 0, -1):
        grads[f"dW{l}"] = dZ @ cache[f"A{l - 1}"].T  # (n_l, m) @ (m, n_{l-1}) -> like W<l>
        grads[f"db{l}"] = dZ.sum(axis=1, keepdims=True)  # one bias per neuron: sum over the batch only
        if l > 1:
            dZ = (params[f"W{l}"].T @ dZ) * g_prime(cache[f"Z{l - 1}"])
    return {k: grads[k] for l in range(1, L + 1) for k in (f"dW{l}", f"db{l}")}  # in layer order


def predict_proba(params, X, activation="relu"):
    """Output probabilities (n_L, m); columns sum to 1."""
    return _predict_proba(params, _check_X(X, params["W1"].shape[1]), _activation(activation)[0])


def predict(params, X, activation="relu"):
    """Predicted labels (m,), int64: the most probable class of each column of X."""
    return predict_proba(params, X, activation).argmax(axis=0).astype(np.int64)


def _predict_proba(params, X, g, chunk=4096):
    """Forward pass through X in chunks of columns (bounds memory on 60 000 images), no argument checks."""
    if X.shape[1] == 0:
        return np.zeros((params[f"W{n_layers(params)}"].shape[0], 0), dtype=params["W1"].dtype)
    return np.concatenate([_forward(params, X[:, i:i + chunk], g)[0] for i in range(0, X.shape[1], chunk)],
                          axis=1)


def _check_X(X, n_inputs):
    """Return X as an array after checking it is (n_inputs, m): one column per image, float values.

    For 784 inputs this is ml.check_X (which also wants pixels in [0, 1]); other sizes (small networks in
    tests and exercises) get the same shape advice.
    """
    if n_inputs == 784:
        return check_X(X)
    X = np.asarray(X)
    shape = "(" + ", ".join(map(str, X.shape)) + (",)" if X.ndim == 1 else ")")
    if X.ndim == 2 and X.shape[1] == n_inputs and X.shape[0] != n_inputs:
        raise ValueError(f"X has shape {shape}; mnistlab uses one column per image: pass X.T")
    if X.ndim != 2 or X.shape[0] != n_inputs:
        raise ValueError(f"X has shape {shape} but the network expects ({n_inputs}, m): one column of "
                         f"{n_inputs} values per example")
    if X.dtype.kind != "f":
        raise ValueError(f"X has dtype {X.dtype}; the network expects floats: pass X.astype(np.float32)")
    return X


def _check_layer_sizes(sizes):
    try:
        sizes = list(sizes)
    except TypeError:
        raise ValueError(f"layer_sizes must be a list like [784, 128, 10]; got {sizes!r}") from None
    if len(sizes) < 2:
        raise ValueError(f"layer_sizes needs at least an input and an output size, like [784, 10]; "
                         f"got {sizes}")
    for i, n in enumerate(sizes):
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"layer sizes must be whole numbers >= 1 (every layer needs a neuron); got "
                             f"{n!r} at position {i} of {sizes}: use e.g. [784, 128, 64, 10]")
    return [int(n) for n in sizes]


def _activation(name):
    if name not in ACTIVATIONS:
        raise ValueError(f"activation must be one of {', '.join(map(repr, ACTIVATIONS))}; got {name!r}")
    return ACTIVATIONS[name]
