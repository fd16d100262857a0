"""Activation functions, softmax, cross-entropy and one-hot labels: pure NumPy, no state.

Every function works column-wise on arrays of shape (n, m): one column per image. Each derivative sits
right under its function. Defined in the lessons on activation functions and on softmax/cross-entropy.
"""

import numpy as np

from .checks import check_labels, check_numbers, check_targets


def relu(Z):
    """max(0, z) element-wise. Lesson: activation functions."""
    return _relu(check_numbers(Z, "Z", where="ml.relu"))


def relu_prime(Z):
    """Derivative of relu: 1 where Z > 0, else 0 (we take 0 at the kink z = 0)."""
    Z = check_numbers(Z, "Z", where="ml.relu_prime")
    return _relu_prime(Z if Z.dtype.kind == "f" else Z.astype(np.float64))


def sigmoid(Z):
    """1 / (1 + exp(-z)) element-wise, computed without overflow for large |z|."""
    return _sigmoid(check_numbers(Z, "Z", where="ml.sigmoid"))


def sigmoid_prime(Z):
    """Derivative of sigmoid: s (1 - s) with s = sigmoid(Z)."""
    return _sigmoid_prime(check_numbers(Z, "Z", where="ml.sigmoid_prime"))


def softmax(Z):
    """Column-wise softmax: each column of the (n, m) scores Z becomes probabilities summing to 1.

    The column maximum is subtracted first: softmax(z) = softmax(z - c) for any constant c, and with
    c = max(z) every exponent is <= 0, so np.exp cannot overflow even for scores like 1e4. A vector (n,)
    is one column.
    """
    Z = check_numbers(Z, "Z", where="ml.softmax", finite=True)
    if Z.ndim not in (1, 2) or Z.shape[0] == 0:
        raise ValueError(f"ml.softmax: Z must be scores of shape (n, m), one column per image; got shape "
                         f"{Z.shape}")
    return _softmax(Z)


# softmax has no `softmax_prime` here: together with cross-entropy its gradient is simply A - Y
# (see network.backward), which is both cheaper and more accurate than the full Jacobian.


def cross_entropy(A, Y):
    """Mean cross-entropy -1/m sum_i log A[y_i, i] of predicted probabilities A (n, m).

    Y is either one-hot (n, m) or a label vector (m,). Probabilities are clipped to the smallest positive
    normal number of A's dtype before the logarithm, so a saturated output (a probability that underflowed
    to 0) gives a large but finite loss (at most about 87 per image in float32, 708 in float64).
    """
    A = check_probabilities(A, where="ml.cross_entropy")
    Y = check_targets(Y, A.shape[0], A.shape[1], where="ml.cross_entropy")
    # A[y_i, i]: the probability given to the right class (i: the image)
    picked = A[Y, np.arange(Y.size)] if Y.ndim == 1 else (A * Y).sum(axis=0)
    tiny = np.finfo(A.dtype).tiny
    return float(-np.log(np.maximum(picked, tiny)).mean())


def one_hot(y, n_classes=10):
    """Labels y (m,) -> one-hot matrix Y (n_classes, m) with Y[y_i, i] = 1 (i: the image).

    The width is n_classes, never taken from the data: a batch without any 9 still gives 10 rows.
    """
    y = check_labels(y, n_classes, where="ml.one_hot")
    Y = np.zeros((n_classes, y.size), dtype=np.float32)
    Y[y, np.arange(y.size)] = 1
    return Y


# ---- the same without argument checks, for the network's inner loop (the public functions check once) ----

def _relu(Z):
    return np.maximum(Z, 0)


def _relu_prime(Z):
    return (Z > 0).astype(Z.dtype)


def _sigmoid(Z):
    E = np.exp(-np.abs(Z))  # never overflows: the exponent is <= 0
    return np.where(Z >= 0, 1 / (1 + E), E / (1 + E))


def _sigmoid_prime(Z):
    S = _sigmoid(Z)
    return S * (1 - S)


def _softmax(Z):
    E = np.exp(Z - Z.max(axis=0, keepdims=True))  # every exponent <= 0: no overflow
    E /= E.sum(axis=0, keepdims=True)
    return E


def check_probabilities(A, *, where):
    """A as a float array (n, m) of probabilities - each column in [0, 1] and summing to 1 - or an error
    that says what A looks like instead (scores, a transposed matrix, NaN from an overflowing softmax)."""
    A = check_numbers(A, "A", where=where)
    if A.ndim != 2 or 0 in A.shape:
        raise ValueError(f"{where}: A must be probabilities of shape (n, m), one column per image; got shape "
                         f"{A.shape}")
    if A.dtype.kind != "f":
        A = A.astype(np.float64)
    if not np.isfinite(A).all():
        raise ValueError(f"{where}: A contains NaN or infinite values - from a softmax that overflowed? "
                         "ml.softmax subtracts each column's maximum first and never does")
    sums = A.sum(axis=0)
    if A.min() < 0 or A.max() > 1 + 1e-3 or not np.allclose(sums, 1, atol=1e-3):
        rows_sum = A.shape[1] > 1 and np.allclose(A.sum(axis=1), 1, atol=1e-3)
        hint = ("its rows sum to 1: one row per image? pass A.T" if rows_sum else
                "these look like scores: pass the softmax of the scores, ml.softmax(Z)")
        raise ValueError(f"{where}: A must hold probabilities (each column between 0 and 1, summing to 1); "
                         f"its column sums range from {sums.min():.3g} to {sums.max():.3g}: {hint}")
    return A
