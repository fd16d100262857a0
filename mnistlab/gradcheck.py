"""Gradient check: compare backpropagation with central differences of the loss. Lessons 05b, 05c.

Everything is computed in float64 on copies of the parameters (float32 rounding would hide real bugs), and
only a sample of entries is perturbed, so a check takes well under a second even for 784-128-64-10.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from .checks import check_params, check_targets, check_X, is_whole
from .functions import cross_entropy
from .i18n import check_lang, fmt, t
from .network import activation_of, backward, forward, layer_sizes


def numerical_gradient(params, X, Y, name, *, activation=None, eps=1e-5, indices=None):
    """dL/d params[name] by central differences (L(w + eps) - L(w - eps)) / (2 eps), L the mean cross-entropy.

    Y is one-hot (n_L, m) or labels (m,). indices=None perturbs every entry and returns an array shaped like
    params[name] (slow for big matrices); otherwise give flat indices (or index tuples) and get a 1-D array
    with one value per index. params itself is not changed.
    """
    where = "ml.numerical_gradient"
    p, X, activation = _float64_copies(params, X, activation, where)
    Y = check_targets(Y, layer_sizes(p)[-1], X.shape[1], where=where)
    if name not in p:
        raise ValueError(f"{where}: no parameter {name!r}; the parameters are {', '.join(p)}")
    if not (isinstance(eps, float | int) and 0 < eps < 1):
        raise ValueError(f"{where}: eps must be a small positive step like 1e-5; got {eps!r}")
    return _central_differences(p, X, Y, name, activation, eps, indices)


def _central_differences(p, X, Y, name, activation, eps, indices):
    """numerical_gradient on checked float64 copies p and X (p[name] is changed and put back)."""
    flat = p[name].reshape(-1)  # a view: changing flat changes p[name]
    chosen = _flat_indices(indices, p[name].shape, "ml.numerical_gradient")
    result = np.empty(chosen.size)
    for j, i in enumerate(chosen):
        w = flat[i]
        flat[i] = w + eps
        plus = cross_entropy(forward(p, X, activation=activation)[0], Y)
        flat[i] = w - eps
        minus = cross_entropy(forward(p, X, activation=activation)[0], Y)
        flat[i] = w
        result[j] = (plus - minus) / (2 * eps)
    return result.reshape(p[name].shape) if indices is None else result


def relative_error(a, b):
    """|a - b| / (|a| + |b|) with Euclidean norms over all entries: 0 when a equals b (also when both are 0),
    at most 1 (triangle inequality); 1 when one of them is 0 or they point in opposite directions, about
    0.71 for orthogonal vectors of equal length. Lesson 05c."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    scale = np.linalg.norm(a) + np.linalg.norm(b)
    if not np.isfinite(scale):
        return math.nan
    return float(np.linalg.norm(a - b) / scale) if scale > 0 else 0.0


def _float64_copies(params, X, activation, where):
    """float64 copies of the (checked) parameters and images, and the activation to use with them."""
    sizes = check_params(params, where=where)
    activation = activation_of(params, activation, where=where)
    X = check_X(X, sizes[0], where=where)
    return {k: np.array(v, dtype=np.float64) for k, v in params.items()}, X.astype(np.float64), activation


def _flat_indices(indices, shape, where):
    """Flat int64 indices from None (all), flat indices or index tuples; an error for ones out of range."""
    size = int(np.prod(shape))
    if indices is None:
        return np.arange(size)
    try:
        chosen = np.array([i if np.ndim(i) == 0 else np.ravel_multi_index(tuple(i), shape) for i in indices],
                          dtype=np.int64)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{where}: indices must be flat positions or index tuples within {shape}: {error}") \
            from None
    if chosen.size and (chosen.min() < 0 or chosen.max() >= size):
        raise ValueError(f"{where}: indices must lie in 0..{size - 1} for a parameter of shape {shape}")
    return chosen


@dataclass(eq=False)
class GradientCheck(Mapping):
    """Result of gradient_check: a read-only dict parameter name -> relative error.

    relative error = |g_backprop - g_numerical| / (|g_backprop| + |g_numerical|) over the sampled entries
    (``relative_error``). Around 1e-9 means backprop is right; above 1e-6 needs a look: a bug, or a
    ReLU input within eps of its kink at 0 (lesson 05c: that error shrinks with a smaller eps, a bug's
    does not).
    `indices`, `analytic` and `numerical` hold the sampled flat indices and both gradients for each name.
    """

    errors: dict
    indices: dict
    analytic: dict
    numerical: dict
    lang: str = "en"  # the table's language

    def __getitem__(self, name):
        return self.errors[name]

    def __iter__(self):
        return iter(self.errors)

    def __len__(self):
        return len(self.errors)

    @property
    def max_error(self):
        """The largest relative error; NaN if any error is NaN (a check on NaN never looks fine)."""
        values = list(self.errors.values())
        if any(not math.isfinite(v) for v in values):
            return math.nan if any(math.isnan(v) for v in values) else math.inf
        return max(values, default=0.0)

    def passed(self, tol=1e-6):
        """True if every parameter's relative error is a number below tol (never for NaN or inf)."""
        return bool(self.errors) and all(error < tol for error in self.errors.values())

    def table(self, lang=None):
        """The check as a table: one row per parameter, its entries, relative error and verdict."""
        lang = lang or self.lang
        name_head, entries_head, error_head = t("gradcheck.header", lang).split("  ")
        widths = (max(8, len(name_head)), max(7, len(entries_head)), max(14, len(error_head)))
        lines = [f"{name_head:<{widths[0]}}  {entries_head:>{widths[1]}}  {error_head:>{widths[2]}}"]
        for name, error in self.errors.items():
            verdict = t("gradcheck.ok" if error < 1e-6 else "gradcheck.wrong", lang)  # NaN < 1e-6 is False
            number = fmt("{e:.2e}", lang, e=error)
            entries = len(self.indices[name])
            lines.append(f"{name:<{widths[0]}}  {entries:>{widths[1]}}  {number:>{widths[2]}}  {verdict}")
        return "\n".join(lines)

    def __repr__(self):
        return self.table()


def gradient_check(params, X, Y, *, activation=None, n_samples=20, rng=None, lang="en"):
    """Compare backward() with numerical_gradient() on n_samples entries of every parameter.

    rng (a numpy Generator) picks the entries at random; without it they are spread evenly over each
    parameter. Returns a GradientCheck: print it for a table (in `lang`, "en" or "de"), or use .max_error
    and .passed(tol).
    """
    where = "ml.gradient_check"
    check_lang(lang)
    if not is_whole(n_samples, 1):
        raise ValueError(f"{where}: n_samples must be a whole number >= 1; got {n_samples!r}")
    if rng is not None and not isinstance(rng, np.random.Generator):
        raise TypeError(f"{where}: rng must be a numpy Generator (np.random.default_rng(0)) or None; got "
                        f"{type(rng).__name__}")
    p, X, activation = _float64_copies(params, X, activation, where)
    Y = check_targets(Y, layer_sizes(p)[-1], X.shape[1], where=where)
    A, cache = forward(p, X, activation=activation)
    grads = backward(p, cache, Y, activation=activation)
    errors, indices, analytic, numerical = {}, {}, {}, {}
    for name, value in p.items():
        k = min(n_samples, value.size)
        if rng is None:
            chosen = np.unique(np.linspace(0, value.size - 1, k).round().astype(np.int64))
        else:
            chosen = np.sort(rng.choice(value.size, size=k, replace=False))
        a = grads["d" + name].reshape(-1)[chosen]
        n = _central_differences(p, X, Y, name, activation, 1e-5, chosen)  # p, X, Y checked above
        errors[name] = relative_error(a, n)
        indices[name], analytic[name], numerical[name] = chosen, a, n
    return GradientCheck(errors, indices, analytic, numerical, lang)
