"""Turn a drawn or photographed digit into an MNIST-style column (784, 1). Lesson 09 (your own handwriting).

MNIST's convention (LeCun et al.): the digit's bounding box is scaled, keeping its aspect ratio, so that the
longer side is 20 pixels (with anti-aliasing, hence grey edges); the result is put into a 28 x 28 field so
that its centre of mass sits at the centre, pixel (14, 14) counting rows and columns from 0, by a whole-pixel
shift. MNIST digits are light ink (1.0) on a black background (0.0).

Pure NumPy: the resizing is a small separable resampler written out below, so no Pillow is needed.
"""

import numpy as np

BOX = 20  # the longer side of the digit's bounding box in MNIST
SIZE = 28  # the image side in MNIST
CENTRE = 14.0  # row/column where MNIST puts the centre of mass (measured: 13.99 / 14.00 on the test set)


INK_FLOOR = 0.5 / 255  # less than half a grey level of an 8-bit image: paper, not ink
LUMINANCE = np.array([0.299, 0.587, 0.114])  # ITU-R BT.601, as PIL's convert("L")


def _to_grey(image):
    """(H, W) or (H, W, 3|4) image, or a flat MNIST column (784,) / (784, 1) -> (H, W) float64 in [0, 1].

    Integers are grey levels 0..255 (uint16 images with larger values: 0..65535); floats must lie in
    [0, 1]; booleans are ink (True) on black.
    """
    image = np.asarray(image)
    if image.dtype.kind not in "biuf":
        raise TypeError(f"ml.preprocess_digit: image must hold numbers, got dtype {image.dtype}.")
    if image.shape in ((784,), (784, 1), (1, 784)):
        image = image.reshape(28, 28)  # an MNIST column: 28 x 28 pixels, row by row
    if image.ndim not in (2, 3) or (image.ndim == 3 and image.shape[2] not in (3, 4)):
        raise ValueError(
            f"ml.preprocess_digit expects a 2-D grey image (H, W) or a colour image (H, W, 3|4), got shape "
            f"{image.shape}."
        )
    if image.size == 0:
        raise ValueError("ml.preprocess_digit got an empty image; pass at least a 1 x 1 image.")
    grey = image.astype(np.float64)
    if image.dtype.kind in "iu":
        low, high = (grey.min(), grey.max()) if grey.size else (0, 0)
        if low < 0 or high > 65535:
            raise ValueError(f"ml.preprocess_digit: integer pixel values must be grey levels 0..255; got "
                             f"{low:g}..{high:g}.")
        grey /= 65535 if (image.dtype == np.uint16 and high > 255) else 255
    elif not np.all(np.isfinite(grey)) or grey.min() < 0 or grey.max() > 1:
        raise ValueError(
            "ml.preprocess_digit: a float image must hold values in [0, 1]; for 0-255 values pass them as "
            "uint8 (image.astype(np.uint8)) or divide by 255."
        )
    if grey.ndim == 3:
        alpha = grey[..., 3] if grey.shape[2] == 4 else 1.0
        luminance = np.clip(grey[..., :3] @ LUMINANCE, 0, 1)  # the weights sum to 1 - 1e-16: white stays 1
        grey = luminance * alpha + (1.0 - alpha)  # transparent parts count as white paper
    return grey


def _resample_matrix(n_in, n_out):
    """(n_out, n_in) weights that resize a 1-D signal: area averaging to shrink, linear to enlarge.

    Each output pixel covers the interval [i, i + 1) * n_in / n_out of the input. Shrinking averages the
    input pixels by how much of them lies in that interval (the anti-aliasing MNIST used); enlarging
    interpolates linearly between the two nearest input pixel centres. n_in == n_out gives the identity.
    """
    R = np.zeros((n_out, n_in))
    scale = n_in / n_out
    if n_out <= n_in:
        for i in range(n_out):
            lo, hi = i * scale, (i + 1) * scale
            for j in range(int(np.floor(lo)), min(int(np.ceil(hi)), n_in)):
                R[i, j] = min(hi, j + 1) - max(lo, j)  # overlap of [lo, hi) with input pixel [j, j + 1)
        return R / R.sum(axis=1, keepdims=True)
    centres = np.clip((np.arange(n_out) + 0.5) * scale - 0.5, 0, n_in - 1)  # in input pixel coordinates
    left = np.floor(centres).astype(int)
    right = np.minimum(left + 1, n_in - 1)
    frac = centres - left
    R[np.arange(n_out), left] += 1 - frac
    R[np.arange(n_out), right] += frac
    return R


def resize(image, shape):
    """Resize a 2-D array to `shape` = (rows, cols): (rows, H) @ (H, W) @ (W, cols)."""
    rows, cols = shape
    return _resample_matrix(image.shape[0], rows) @ image @ _resample_matrix(image.shape[1], cols).T


def _round(value):
    return int(np.floor(value + 0.5))  # round half up (np.round rounds half to even)


def preprocess_digit(image, *, invert="auto"):
    """MNIST-style column (784, 1) float32 in [0, 1] from a picture of one digit.

    image: 2-D grey (H, W) or colour (H, W, 3|4) array, or an MNIST column (784, 1); integers are grey
        levels 0-255 (whatever their dtype), floats must lie in [0, 1]. Transparent pixels count as white
        paper.
    invert: True for dark ink on light paper (a photo or scan), False for light ink on black (a canvas,
        MNIST itself); "auto" inverts when the image border is mostly light.

    Steps: invert if needed; for a photo, subtract the paper's grey level and drop faint noise; crop to
    the ink; scale the longer side to 20 px keeping the aspect ratio; shift by whole pixels so that the
    centre of mass lands on (14, 14) of a 28 x 28 field; scale the brightest pixel to 1. A real MNIST digit
    comes out (nearly) unchanged. A blank image gives a column of zeros.
    """
    if not (invert is True or invert is False or invert == "auto"):
        raise ValueError(f"ml.preprocess_digit: invert must be True, False or 'auto', got {invert!r}.")
    grey = _to_grey(image)
    if invert == "auto":
        border = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
        invert = bool(np.median(border) > 0.5)
    ink = 1.0 - grey if invert else grey
    ink[ink < INK_FLOOR] = 0  # rounding noise of pure paper (e.g. 1 - 0.9999999999999999) is not ink

    background = np.median(ink)
    if background > 0.02:  # not a clean black canvas: remove the paper's grey and the noise on it
        ink = np.clip(ink - background, 0, None)
        ink[ink < 0.2 * ink.max()] = 0
    if ink.max() <= 0:
        return np.zeros((SIZE * SIZE, 1), dtype=np.float32)

    rows = np.flatnonzero(ink.any(axis=1))
    cols = np.flatnonzero(ink.any(axis=0))
    crop = ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    height, width = crop.shape
    longer = max(height, width)
    box = resize(crop, (max(1, _round(height * BOX / longer)), max(1, _round(width * BOX / longer))))

    mass = box.sum()
    cy = (box.sum(axis=1) @ np.arange(box.shape[0])) / mass  # centre of mass inside the box
    cx = (box.sum(axis=0) @ np.arange(box.shape[1])) / mass
    top = min(max(_round(CENTRE - cy), 0), SIZE - box.shape[0])  # whole-pixel shift, kept inside the field
    left = min(max(_round(CENTRE - cx), 0), SIZE - box.shape[1])
    out = np.zeros((SIZE, SIZE))
    out[top : top + box.shape[0], left : left + box.shape[1]] = box
    out /= out.max()
    return out.reshape(SIZE * SIZE, 1).astype(np.float32)
