"""Activation functions, softmax, cross-entropy and one-hot labels: pure NumPy, no state.

Every function works column-wise on arrays of shape (n, m): one column per image. Each derivative sits
right under its function. Defined in the lessons on activation functions and on softmax/cross-entropy.
"""

import numpy as np


def relu(Z):
    """max(0, z) element-wise. Lesson: activation functions."""
    return np.maximum(Z, 0)


def relu_prime(Z):
    """Derivative of relu: 1 where Z > 0, else 0 (we take 0 at the kink z = 0)."""
    return (Z > 0).astype(Z.dtype)


def sigmoid(Z):
    """1 / (1 + exp(-z)) element-wise, computed without overflow for large |z|."""
    E = np.exp(-np.abs(Z))  # never overflows: the exponent is <= 0
    return np.where(Z >= 0, 1 / (1 + E), E / (1 + E))


def sigmoid_prime(Z):
    """Derivative of sigmoid: s (1 - s) with s = sigmoid(Z)."""
    S = sigmoid(Z)
    return S * (1 - S)


def softmax(Z):
    """Column-wise softmax: each column of the (n, m) scores Z becomes probabilities summing to 1.

    The column maximum is subtracted first: softmax(z) = softmax(z - c) for any constant c, and with
    c = max(z) every exponent is <= 0, so np.exp cannot overflow even for scores like 1e4.
    """
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


# softmax has no `softmax_prime` here: together with cross-entropy its gradient is simply A - Y
# (see network.backward), which is both cheaper and more accurate than the full Jacobian.


def cross_entropy(A, Y):
    """Mean cross-entropy -1/m sum_j log A[y_j, j] of predicted probabilities A (n, m).

    Y is either one-hot (n, m) or a label vector (m,). Probabilities are clipped to the smallest positive
    normal number of A's dtype before the logarithm, so a saturated output (a probability that underflowed
    to 0) gives a large but finite loss (at most about 87 per image in float32, 708 in float64).
    """
    A = np.asarray(A)
    m = A.shape[1]
    if np.ndim(Y) == 1:
        y = check_labels(Y, A.shape[0])
        picked = A[y, np.arange(m)]  # A[y_j, j]: the probability given to the right class
    else:
        Y = np.asarray(Y)
        if Y.shape != A.shape:
            raise ValueError(f"A has shape {A.shape} but Y has shape {Y.shape}: give Y as one-hot "
                             f"{A.shape} (ml.one_hot(y)) or as labels of shape ({m},)")
        picked = (A * Y).sum(axis=0)
    tiny = np.finfo(A.dtype).tiny if np.issubdtype(A.dtype, np.floating) else np.finfo(float).tiny
    return float(-np.log(np.maximum(picked, tiny)).mean())


def one_hot(y, n_classes=10):
    """Labels y (m,) -> one-hot matrix Y (n_classes, m) with Y[y_j, j] = 1.

    The width is n_classes, never taken from the data: a batch without any 9 still gives 10 rows.
    """
    y = check_labels(y, n_classes)
    Y = np.zeros((n_classes, y.size), dtype=np.float32)
    Y[y, np.arange(y.size)] = 1
    return Y


def check_labels(y, n_classes=10):
    """Return y as an int64 vector (m,) after checking it holds class labels 0 .. n_classes - 1.

    Raises ValueError saying what is wrong and what to pass instead. Whole-number floats (labels read
    from a CSV as floats) are accepted.
    """
    if not (isinstance(n_classes, (int, np.integer)) and n_classes >= 1):
        raise ValueError(f"n_classes must be a positive whole number like 10; got {n_classes!r}")
    y = np.asarray(y)
    if y.ndim != 1:
        hint = ("it looks one-hot already: pass the labels y (m,) instead, e.g. Y.argmax(axis=0)"
                if y.ndim == 2 and y.shape[0] == n_classes else "pass a flat vector, e.g. y.ravel()")
        raise ValueError(f"labels must be a vector of shape (m,); got shape {y.shape}: {hint}")
    if y.dtype == bool or not (np.issubdtype(y.dtype, np.integer) or np.issubdtype(y.dtype, np.floating)):
        raise ValueError(f"labels must be whole numbers 0..{n_classes - 1}; got dtype {y.dtype}: "
                         "pass integer class labels, e.g. y.astype(np.int64)")
    if np.issubdtype(y.dtype, np.floating):
        bad = np.flatnonzero(~np.isfinite(y) | (y != np.round(y)))
        if bad.size:
            raise ValueError(f"labels must be whole numbers 0..{n_classes - 1}; got {y[bad[0]].item()!r} at "
                             f"index {bad[0]}: pass integer class labels, e.g. y.astype(np.int64)")
    if y.size:
        bad = np.flatnonzero((y < 0) | (y >= n_classes))
        if bad.size:
            fix = (f"fix the labels, or pass n_classes={int(y.max()) + 1} if there really are that many"
                   if y.min() >= 0 else "fix the labels (classes are numbered from 0)")
            raise ValueError(f"labels must lie in 0..{n_classes - 1}; got {y[bad[0]].item()!r} at index "
                             f"{bad[0]} ({bad.size} out of range): {fix}")
    return y.astype(np.int64, copy=False)
