"""Wrong (and other right) ways to write the core functions: what the function exercises recognise.

Each ``<function>_<mistake>`` is a mistake a learner - or the original tutorial - makes; the check compares
a wrong answer with these to name the mistake in its hint, and tests/test_exercises.py feeds them in as
wrong answers. The few that are *right*, written differently from mnistlab (``relu_where``,
``backward_by_hand``, ...), are right answers that must pass.
"""

import numpy as np

from mnistlab import functions


def identity(Z, *rest):
    return Z


# ---- activations ----

def relu_where(Z):
    return np.where(Z > 0, Z, 0.0).astype(np.asarray(Z).dtype)


def relu_mutating(Z):
    Z[Z < 0] = 0  # right values, but the caller's array is changed
    return Z


def relu_prime_bool(Z):
    return Z > 0


def relu_prime_kink(Z):
    return (Z >= 0).astype(float)


def sigmoid_two_sided(Z):
    E = np.exp(-np.abs(Z))
    return np.where(Z >= 0, 1 / (1 + E), E / (1 + E))


def sigmoid_overflowing(Z):
    return np.exp(Z) / (1 + np.exp(Z))  # np.exp(1000) = inf: inf / inf = NaN


def sigmoid_warning(Z):
    return 1 / (1 + np.exp(-Z))  # right values, but np.exp(1000) overflows on the way (a RuntimeWarning)


# ---- softmax ----

def softmax_shifted_by_mean_max(Z):
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


def softmax_original(Z):
    return np.exp(Z) / sum(np.exp(Z))  # the tutorial's: no max subtracted, NaN for scores above ~710


def softmax_rows(Z):
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def softmax_all(Z):
    E = np.exp(Z - Z.max())
    return E / E.sum()


# ---- forward pass (two layers, ReLU) ----

def forward_by_hand(params, X):
    Z1 = np.dot(params["W1"], X) + params["b1"]
    A1 = np.maximum(Z1, 0)
    Z2 = np.dot(params["W2"], A1) + params["b2"]
    A2 = functions.softmax(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def forward_without_bias(params, X):
    Z1 = params["W1"] @ X
    A1 = np.maximum(Z1, 0)
    Z2 = params["W2"] @ A1
    A2 = functions.softmax(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def forward_transposed(params, X):
    Z1 = X.T @ params["W1"].T + params["b1"].T
    A1 = np.maximum(Z1, 0)
    Z2 = A1 @ params["W2"].T + params["b2"].T
    A2 = functions.softmax(Z2.T).T
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def forward_no_cache(params, X):
    return forward_by_hand(params, X)[0]


# ---- labels and loss ----

def one_hot_eye(y):
    return np.eye(10)[y].T


def one_hot_max_plus_one(y):
    Y = np.zeros((y.max() + 1, y.size))  # the original's bug
    Y[y, np.arange(y.size)] = 1
    return Y


def one_hot_transposed(y):
    return np.eye(10)[y]


def cross_entropy_clipped(A, y):
    p = np.clip(A[y, np.arange(y.size)], 1e-300, 1)
    return float(-np.mean(np.log(p.astype(np.float64))))


def cross_entropy_sum(A, y):
    return float(-np.sum(np.log(np.maximum(A[y, np.arange(y.size)], np.finfo(A.dtype).tiny))))


def cross_entropy_unclipped(A, y):
    return float(-np.mean(np.log(A[y, np.arange(y.size)])))


def cross_entropy_all_classes(A, y):
    return float(-np.mean(np.log(np.maximum(A, np.finfo(A.dtype).tiny))))


# ---- backward pass (two layers, ReLU) ----

def _backward(params, cache, Y, *, m=None, bias=lambda dZ: dZ.sum(axis=1, keepdims=True), relu_of="Z1"):
    m = Y.shape[1] if m is None else m
    X = cache["A0"]
    dZ2 = (cache["A2"] - Y) / m
    grads = {"dW2": dZ2 @ cache["A1"].T, "db2": bias(dZ2)}
    dZ1 = (params["W2"].T @ dZ2) * (cache[relu_of] > 0)
    grads.update({"dW1": dZ1 @ X.T, "db1": bias(dZ1)})
    return grads


def backward_by_hand(params, cache, Y):
    return _backward(params, cache, Y)


def backward_bias_sum(params, cache, Y):
    return _backward(params, cache, Y, bias=np.sum)  # the original's bug: one number for all biases


def backward_without_m(params, cache, Y):
    return _backward(params, cache, Y, m=1)


def backward_relu_prime_of_Z2(params, cache, Y):
    if cache["Z2"].shape != cache["Z1"].shape:  # only the 10-hidden-neuron network lets this through
        raise ValueError("operands could not be broadcast together")
    return _backward(params, cache, Y, relu_of="Z2")


# ---- relative error of a gradient check ----

def relative_error_guarded(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    top, bottom = np.sqrt(np.sum((a - b) ** 2)), np.sqrt(np.sum(a ** 2)) + np.sqrt(np.sum(b ** 2))
    return top / bottom if bottom > 0 else 0.0


def relative_error_unguarded(a, b):
    return np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b))  # 0 / 0 = NaN when both are 0


def relative_error_signed(a, b):
    return float(np.sum(a - b) / (np.sum(a) + np.sum(b))) if np.sum(a) + np.sum(b) else 0.0  # signs cancel


def relative_error_one_norm(a, b):
    return float(np.linalg.norm(a - b) / np.linalg.norm(a)) if np.linalg.norm(a) else 0.0  # only |a| below


def relative_error_entrywise(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    with np.errstate(all="ignore"):
        per_entry = np.abs(a - b) / (np.abs(a) + np.abs(b))
    return float(np.nanmean(per_entry)) if np.any(a) or np.any(b) else 0.0  # a mean of per-entry errors


def relative_error_max(a, b):
    bottom = max(np.linalg.norm(a), np.linalg.norm(b))  # CS231n's max(|a|, |b|) - another definition
    return float(np.linalg.norm(a - b) / bottom) if bottom else 0.0


# ---- evaluation ----

def accuracy_by_count(y_true, y_pred):
    return np.count_nonzero(np.asarray(y_true) == np.asarray(y_pred)) / len(y_true)


def accuracy_count(y_true, y_pred):
    return int(np.sum(np.asarray(y_true) == np.asarray(y_pred)))


def accuracy_percent(y_true, y_pred):
    return 100 * float(np.mean(np.asarray(y_true) == np.asarray(y_pred)))


def accuracy_errors(y_true, y_pred):
    return float(np.mean(np.asarray(y_true) != np.asarray(y_pred)))


def confusion_matrix_add_at(y_true, y_pred):
    C = np.zeros((10, 10), dtype=np.int64)
    np.add.at(C, (y_true, y_pred), 1)
    return C


def confusion_matrix_swapped(y_true, y_pred):
    return confusion_matrix_add_at(y_pred, y_true)


def confusion_matrix_small(y_true, y_pred):
    n = int(max(np.max(y_true), np.max(y_pred))) + 1
    return confusion_matrix_add_at(y_true, y_pred)[:n, :n]


# ---- the training loop (full batch) ----

def _loop(params, X, y, learning_rate, n_steps, *, sign=-1, biases=True, last=True, rate=None):
    rate = learning_rate if rate is None else rate
    Y = functions.one_hot(y).astype(X.dtype)
    losses = []
    for step in range(n_steps + 1):
        A2, cache = forward_by_hand(params, X)
        losses.append(float(-np.mean(np.log(np.maximum(A2[y, np.arange(y.size)], 1e-300)))))
        if step == n_steps:
            break
        grads = _backward(params, {**cache, "A0": X}, Y)
        for name in ("W1", "b1", "W2", "b2") if biases else ("W1", "W2"):
            params[name] += sign * rate * grads["d" + name]
    return losses if last else losses[:-1]


def loop_by_hand(params, X, y, learning_rate, n_steps):
    return _loop(params, X, y, learning_rate, n_steps)


def loop_with_mnistlab_functions(params, X, y, learning_rate, n_steps):
    from mnistlab import network

    losses = []
    for step in range(n_steps + 1):
        A2, cache = network.forward(params, X)
        losses.append(functions.cross_entropy(A2, y))
        if step < n_steps:
            for name, gradient in network.backward(params, cache, y).items():
                params[name[1:]] -= learning_rate * gradient
    return losses


def loop_uphill(params, X, y, learning_rate, n_steps):
    return _loop(params, X, y, learning_rate, n_steps, sign=+1)


def loop_without_biases(params, X, y, learning_rate, n_steps):
    return _loop(params, X, y, learning_rate, n_steps, biases=False)


def loop_last_loss_missing(params, X, y, learning_rate, n_steps):
    return _loop(params, X, y, learning_rate, n_steps, last=False)


def loop_fixed_rate(params, X, y, learning_rate, n_steps):
    return _loop(params, X, y, learning_rate, n_steps, rate=0.1)


# ---- one epoch of mini-batch gradient descent ----

def _epoch(params, X, y, learning_rate, batch_size, rng, *, shuffle=True, keep_last=True, scale_to_all=False):
    from mnistlab import network

    m = y.size
    order = rng.permutation(m) if shuffle else np.arange(m)
    firsts = range(0, m, batch_size) if keep_last else range(0, m - batch_size + 1, batch_size)
    for first in firsts:
        batch = order[first:first + batch_size]
        _, cache = network.forward(params, X[:, batch])
        for name, gradient in network.backward(params, cache, y[batch]).items():
            factor = batch.size / m if scale_to_all else 1.0  # the global m: divides by all m images
            params[name[1:]] -= learning_rate * factor * gradient
    return params


def epoch_by_hand(params, X, y, learning_rate, batch_size, rng):
    return _epoch(params, X, y, learning_rate, batch_size, rng)


def epoch_global_m(params, X, y, learning_rate, batch_size, rng):
    return _epoch(params, X, y, learning_rate, batch_size, rng, scale_to_all=True)


def epoch_unshuffled(params, X, y, learning_rate, batch_size, rng):
    return _epoch(params, X, y, learning_rate, batch_size, rng, shuffle=False)


def epoch_without_last_batch(params, X, y, learning_rate, batch_size, rng):
    return _epoch(params, X, y, learning_rate, batch_size, rng, keep_last=False)


def epoch_full_batch(params, X, y, learning_rate, batch_size, rng):
    return _epoch(params, X, y, learning_rate, y.size, rng)
