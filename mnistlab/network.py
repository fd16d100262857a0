"""A fully connected network of any depth: parameters, forward pass, backpropagation, predictions.

Shapes follow the notation table: X is (784, m), one column per image; layer l has W<l> of shape
(n_l, n_{l-1}) and b<l> of shape (n_l, 1); Z<l> = W<l> A<l-1> + b<l> and A<l> = g(Z<l>) are (n_l, m),
with A0 = X, g = relu or sigmoid on hidden layers and softmax on the last one. Parameters live in a dict
{"W1": ..., "b1": ..., "W2": ..., ...}; gradients in a dict {"dW1": ..., "db1": ..., ...}.
Defined in the lessons on the forward pass and on backpropagation.

A network's activation function must be the same in every pass, so it travels with the network:
``Params`` (what ``init_params`` and ``load_model`` return) is a dict that also records
``.activation`` (``ml.train`` sets it to what it trained with), and the cache of ``forward`` records the
activation it used, which ``backward`` then uses. Passing a different ``activation=`` than the recorded one
is an error, never a silently different network. Plain dicts (and copies made with a dict comprehension)
work too; they record nothing and default to "relu".
"""

import numpy as np

from .checks import (
    check_choice,
    check_layer_sizes,
    check_numbers,
    check_params,
    check_rng,
    check_targets,
    check_X,
)
from .functions import _relu, _relu_prime, _sigmoid, _sigmoid_prime, _softmax

ACTIVATIONS = {"relu": (_relu, _relu_prime), "sigmoid": (_sigmoid, _sigmoid_prime)}  # g, g' unchecked
INITS = ("he", "xavier", "uniform")
INIT_FOR = {"relu": "he", "sigmoid": "xavier"}  # the default start for each activation (see init_params)
DEFAULT_ACTIVATION = "relu"


class Params(dict):
    """The parameters W1, b1, W2, b2, ... of one network: a dict of arrays that knows its activation.

    ``activation`` is "relu" or "sigmoid" once the network was trained or loaded, None for fresh weights
    (forward and predict then use "relu" unless told otherwise). ``copy()`` copies the arrays too.
    """

    def __init__(self, *args, activation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.activation = activation

    def copy(self):
        """A new Params holding copies of the arrays, with the same activation."""
        return Params({name: value.copy() for name, value in self.items()}, activation=self.activation)

    def __repr__(self):
        return f"Params({dict.__repr__(self)}, activation={self.activation!r})"


class Cache(dict):
    """What ``forward`` keeps for ``backward``: "A0" (= X), "Z1", "A1", ..., and ``.activation``."""

    def __init__(self, *args, activation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.activation = activation


def init_params(layer_sizes, *, rng, init="he", dtype=np.float32):
    """Random weights and zero biases for layer sizes like [784, 128, 64, 10]; returns ``Params``.

    init="he": W ~ N(0, 2 / n_in), derived for relu (the 2 makes up for the half relu sets to 0);
    "xavier" (Glorot): W ~ N(0, 2 / (n_in + n_out)), derived for an activation symmetric around 0 with slope
    1 there, like tanh - the logistic sigmoid (slope 1/4 at 0) only borrows it, as the usual default;
    "uniform": W and b ~ U(-0.5, 0.5), what the seed tutorial used. Numbers are drawn in float64
    and then cast, so the same rng seed gives the same network in float32 and float64.
    """
    where = "ml.init_params"
    sizes = check_layer_sizes(layer_sizes, where=where)
    check_rng(rng, why="drawing random weights", where=where)
    check_choice("init", init, INITS, where=where)
    try:
        dtype = np.dtype(dtype)
    except TypeError:
        dtype = np.dtype(object)
    if dtype.kind != "f":
        raise TypeError(f"{where}: dtype must be a float type such as np.float32 or np.float64; got "
                        f"{dtype!r}")
    params = Params()
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
    return check_params(params, where="ml.layer_sizes", finite=False)


def activation_of(params, activation=None, *, where):
    """The activation to use with `params`: `activation` if given, else the one the network recorded, else
    "relu". A given activation that differs from the recorded one is an error."""
    recorded = getattr(params, "activation", None)
    if activation is None:
        return recorded or DEFAULT_ACTIVATION
    check_choice("activation", activation, ACTIVATIONS, where=where)
    if recorded is not None and activation != recorded:
        raise ValueError(f"{where}: activation={activation!r}, but this network was trained with "
                         f"{recorded!r} (params.activation): leave activation= out, or train a new network "
                         f"with {activation!r}")
    return activation


def forward(params, X, *, activation=None):
    """Forward pass: returns (A_L, cache), A_L the (n_L, m) output probabilities. Lesson: forward pass.

    cache holds "A0" (= X) and "Z1", "A1", ..., "ZL", "AL" - what backward needs - and records the
    activation used (cache.activation), so that backward uses the same one.
    """
    sizes = check_params(params, where="ml.forward")
    name = activation_of(params, activation, where="ml.forward")
    X = check_X(X, sizes[0], where="ml.forward")
    A, cache = _forward(params, X, ACTIVATIONS[name][0], len(sizes) - 1)
    return A, Cache(cache, activation=name)


def backward(params, cache, Y, *, activation=None):
    """Gradients of the mean cross-entropy over the batch: {"dW1": ..., "db1": ..., ...}. Lesson: backprop.

    Y is one-hot (n_L, m) or labels (m,). The activation is the one the cache recorded (forward's).
    dZ_L = dL/dZ_L = (A_L - Y) / m is softmax and cross-entropy combined, with the mean's 1/m inside: every
    later dZ, dW and db is then already the gradient of the mean loss.
    """
    where = "ml.backward"
    sizes = check_params(params, where=where)
    L = len(sizes) - 1
    recorded = getattr(cache, "activation", None)
    name = activation_of(params, activation or recorded, where=where)
    if recorded is not None and name != recorded:
        raise ValueError(f"{where}: the cache comes from a forward pass with {recorded!r}, but "
                         f"activation={name!r}: backward must use the forward pass's activation")
    m = _check_cache(cache, sizes, where)
    Y = check_targets(Y, sizes[-1], m, where=where)
    A_L = cache[f"A{L}"]
    dZ = _output_delta(A_L.astype(np.result_type(A_L.dtype, np.float32)), Y)  # on a copy: the cache stays
    grads = _backward(params, cache, dZ, ACTIVATIONS[name][1], L)
    return {k: grads[k] for l in range(1, L + 1) for k in (f"dW{l}", f"db{l}")}  # in layer order


def output_delta(A_L, Y):
    """dZ_L = (A_L - Y) / m: the gradient of the mean cross-entropy with respect to the last layer's scores.

    Y is one-hot (n_L, m) or labels (m,); returns a new array shaped like A_L.
    """
    A_L = check_numbers(A_L, "A_L", where="ml.output_delta")
    if A_L.ndim != 2:
        raise ValueError(f"ml.output_delta: A_L must be the output probabilities (n_L, m); got shape "
                         f"{A_L.shape}")
    Y = check_targets(Y, *A_L.shape, where="ml.output_delta")
    return _output_delta(A_L.astype(np.result_type(A_L.dtype, np.float32)), Y)  # on a copy


def _output_delta(A, Y, columns=None):
    """dZ_L = (A - Y) / m computed in A itself (A_L is not needed afterwards); Y one-hot or labels, checked.
    columns: np.arange(m) if the caller keeps one (the training loop does)."""
    m = A.shape[1]
    if Y.ndim == 2:
        A -= Y
    else:
        A[Y, np.arange(m) if columns is None else columns[:m]] -= 1  # A - one_hot(y), no one_hot built
    A /= m
    return A


def predict_proba(params, X, *, activation=None):
    """Output probabilities (n_L, m); columns sum to 1."""
    return _checked_proba(params, X, activation, "ml.predict_proba")


def predict(params, X, *, activation=None):
    """Predicted labels (m,), int64: the most probable class of each column of X."""
    return _checked_proba(params, X, activation, "ml.predict").argmax(axis=0).astype(np.int64)


def _checked_proba(params, X, activation, where):
    sizes = check_params(params, where=where)
    name = activation_of(params, activation, where=where)
    X = check_X(X, sizes[0], where=where)
    return _predict_proba(params, X, ACTIVATIONS[name][0], len(sizes) - 1)


# ---- unchecked inner functions: the public ones above check once, the training loop calls these ------

def _forward(params, X, g, L):
    """Forward pass through L layers with hidden activation g; returns (A_L, cache as a plain dict)."""
    cache = {"A0": X}
    A = X
    for l in range(1, L + 1):
        Z = params[f"W{l}"] @ A  # (n_l, n_{l-1}) @ (n_{l-1}, m) -> (n_l, m)
        Z += params[f"b{l}"]  # b (n_l, 1) is broadcast over the m columns
        A = _softmax(Z) if l == L else g(Z)
        cache[f"Z{l}"], cache[f"A{l}"] = Z, A
    return A, cache


def _backward(params, cache, dZ, g_prime, L):
    """Backpropagate dZ_L = dL/dZ_L (the 1/m already inside) through all L layers, last layer first."""
    grads = {}
    for l in range(L, 0, -1):
        grads[f"dW{l}"] = dZ @ cache[f"A{l - 1}"].T  # (n_l, m) @ (m, n_{l-1}) -> like W<l>
        grads[f"db{l}"] = dZ.sum(axis=1, keepdims=True)  # one bias per neuron: sum over the batch only
        if l > 1:
            dZ = (params[f"W{l}"].T @ dZ) * g_prime(cache[f"Z{l - 1}"])
    return grads


def _predict_proba(params, X, g, L, chunk=4096):
    """Forward pass through X in chunks of columns (bounds memory on 60 000 images), no argument checks."""
    if X.shape[1] == 0:
        return np.zeros((params[f"W{L}"].shape[0], 0), dtype=params["W1"].dtype)
    return np.concatenate([_forward(params, X[:, i:i + chunk], g, L)[0] for i in range(0, X.shape[1], chunk)],
                          axis=1)


def _check_cache(cache, sizes, where):
    """The batch size m after checking that `cache` is a forward pass of this network."""
    if isinstance(cache, tuple) and len(cache) == 2:
        raise TypeError(f"{where}: cache is a pair - forward returns (A, cache): unpack it, "
                        "A, cache = ml.forward(params, X)")
    if not hasattr(cache, "keys"):
        raise TypeError(f"{where}: cache must be the dict that ml.forward returns; got "
                        f"{type(cache).__name__}")
    L = len(sizes) - 1
    needed = ["A0"] + [f"{k}{l}" for l in range(1, L + 1) for k in "ZA"]
    missing = [key for key in needed if key not in cache]
    if missing:
        raise ValueError(f"{where}: the cache lacks {', '.join(missing)}: pass the cache of a forward pass "
                         f"through the same network, A, cache = ml.forward(params, X)")
    m = np.shape(cache["A0"])[1] if np.ndim(cache["A0"]) == 2 else -1
    for key in needed:
        n = sizes[int(key[1:])]
        if np.shape(cache[key]) != (n, m):
            raise ValueError(f"{where}: cache[{key!r}] has shape {np.shape(cache[key])} but this network "
                             f"needs ({n}, {m}): the cache comes from another network or batch - run "
                             "ml.forward(params, X) again")
    return m
