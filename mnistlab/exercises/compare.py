"""Small comparisons the exercise checkers share (tolerant of lists, tuples and NumPy types)."""

import numpy as np


def same_shape(answer, expected):
    """True if `answer` is a shape (tuple/list of ints) equal to `expected`."""
    try:
        return tuple(int(n) for n in answer) == tuple(expected)
    except (TypeError, ValueError):
        return False


def close(answer, expected, rtol=1e-4, atol=1e-6):
    """True if `answer` is a number or array of the same shape as `expected` and numerically close."""
    try:
        answer = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return False
    return answer.shape == np.shape(expected) and bool(np.allclose(answer, expected, rtol=rtol, atol=atol))


def as_number(answer):
    """`answer` as a float if it is one number, else None - the one rule every numeric checker uses.

    One number is a Python int or float, a NumPy scalar, or a 0-d or 1-element NumPy array of numbers
    (what ``np.log(10)``, ``X.std()`` or ``A[:, :1].mean(axis=0)`` give). Not: bools, strings (also
    "0.5"), lists and tuples (``0,5`` typed with a German comma is the tuple (0, 5)), arrays of other
    sizes; the checker then answers with its "number" hint.
    """
    if isinstance(answer, bool | np.bool_ | str | bytes):
        return None
    if isinstance(answer, int | float | np.integer | np.floating):
        return float(answer)
    if isinstance(answer, np.ndarray) and answer.size == 1 and answer.dtype.kind in "iuf":
        return float(answer.reshape(()))
    return None


def is_number(answer):
    """True if `answer` is one number in the sense of as_number."""
    return as_number(answer) is not None


def pair(answer, kind=int):
    """(a, b) converted with `kind` if answer is a pair of numbers (each as as_number reads it), else None.

    With kind=int both numbers must be whole (2.0 counts, 2.5 does not).
    """
    if isinstance(answer, str | bytes):
        return None
    try:
        a, b = answer
    except (TypeError, ValueError):
        return None
    a, b = as_number(a), as_number(b)
    if a is None or b is None or (kind is int and not (a.is_integer() and b.is_integer())):
        return None
    return kind(a), kind(b)
