"""Data augmentation: change every training batch a little, so the network cannot learn the pixels by heart.

``ml.train(..., augment=f)`` calls ``f(X_batch, rng)`` for every training batch; X_batch is (784, m), one
image per column, and f returns an array of the same shape. Validation and test images are never changed.
"""

import numpy as np

from .checks import is_whole

SIDE = 28  # MNIST and Fashion-MNIST images are 28 x 28


def random_shift(max_pixels):
    """A function (X_batch, rng) -> X_batch that shifts each image on its own by a random whole number of
    pixels, from -max_pixels to +max_pixels, horizontally and vertically (zero fill at the edges).

    ``ml.train(..., augment=ml.random_shift(2), rng=rng)``: a digit moved by 2 pixels is still the same digit,
    and a network that has seen it moved copes better with handwriting that is not centred exactly.
    """
    if not is_whole(max_pixels, 0) or max_pixels >= SIDE:
        raise ValueError(f"ml.random_shift needs a whole number of pixels from 0 to {SIDE - 1}, like 2; got "
                         f"{max_pixels!r}")
    k = int(max_pixels)

    def shift(X, rng):
        if not isinstance(X, np.ndarray) or X.ndim != 2 or X.shape[0] != SIDE * SIDE:
            raise ValueError(f"random_shift needs a batch X of shape (784, m), one 28 x 28 image per column; "
                             f"got {getattr(X, 'shape', type(X).__name__)}")
        m = X.shape[1]
        images = np.ascontiguousarray(X.T).reshape(m, SIDE, SIDE)
        shifted = np.zeros_like(images)
        dy, dx = rng.integers(-k, k + 1, size=(2, m))
        code = (dy + k) * (2 * k + 1) + (dx + k)  # one group per (dy, dx): a few slices instead of m loops
        order = np.argsort(code, kind="stable")
        starts = np.flatnonzero(np.r_[True, np.diff(code[order]) != 0])
        for first, last in zip(starts, np.r_[starts[1:], m], strict=True):
            idx = order[first:last]
            sy, sx = int(dy[idx[0]]), int(dx[idx[0]])
            shifted[idx, max(sy, 0):SIDE + min(sy, 0), max(sx, 0):SIDE + min(sx, 0)] = \
                images[idx, max(-sy, 0):SIDE + min(-sy, 0), max(-sx, 0):SIDE + min(-sx, 0)]
        return shifted.reshape(m, SIDE * SIDE).T

    return shift
