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


def is_number(answer):
    return isinstance(answer, int | float | np.integer | np.floating) and not isinstance(answer, bool)


def pair(answer, kind=int):
    """(a, b) converted with `kind` if answer is a pair of numbers (not a string), else None."""
    if isinstance(answer, str | bytes):
        return None
    try:
        a, b = answer
        return kind(a), kind(b)
    except (TypeError, ValueError):
        return None
