"""What gradient descent walks on: quadratic valleys and 2-D slices of a network's loss. Lesson: step size.

- ``quadratic_path(curvatures, learning_rate, start, n_steps)``: gradient descent on the valley
  L(w) = sum_i curvature_i * w_i^2 / 2. Each step multiplies w_i by (1 - alpha * curvature_i), so it converges
  exactly when alpha < 2 / curvature_i for every i: the largest curvature sets the limit.
- ``loss_slice(params, X, y, rng=...)``: the loss on the plane through the trained parameters spanned by two
  random directions, each scaled row by row to the norm of the weights it moves ("filter normalisation",
  Li et al. 2018, Visualizing the Loss Landscape of Neural Nets), and optionally the training path (the
  parameters after each epoch) projected onto that plane.
"""

import numpy as np

from .checks import check_labels, check_params, check_rng, check_X, is_positive, is_whole
from .network import ACTIVATIONS, activation_of


def quadratic_loss(curvatures, w):
    """L(w) = sum_i curvature_i w_i^2 / 2 for points w (..., d)."""
    return 0.5 * (np.asarray(w, dtype=float) ** 2 @ np.asarray(curvatures, dtype=float))


def quadratic_path(curvatures, learning_rate, start, n_steps):
    """The n_steps + 1 points (n_steps + 1, d) of gradient descent from `start` on quadratic_loss."""
    curvatures, start = np.asarray(curvatures, dtype=float), np.asarray(start, dtype=float)
    if curvatures.ndim != 1 or curvatures.shape != start.shape or not np.all(curvatures > 0):
        raise ValueError(f"quadratic_path needs positive curvatures and a start of the same length; got "
                         f"curvatures {curvatures.tolist()} and start {start.tolist()}")
    if not is_positive(learning_rate) or not is_whole(n_steps, 0):
        raise ValueError(f"quadratic_path needs learning_rate > 0 and n_steps >= 0 (whole); got "
                         f"{learning_rate!r} and {n_steps!r}")
    factors = (1 - learning_rate * curvatures) ** np.arange(n_steps + 1)[:, None]  # (1 - alpha lambda)^t
    with np.errstate(over="ignore", invalid="ignore"):
        return factors * start


def stable_limit(curvatures):
    """The largest learning rate for which gradient descent on quadratic_loss converges: 2 / max curvature
    (at exactly this rate it oscillates forever)."""
    return 2.0 / float(np.max(curvatures))


def random_directions(params, rng):
    """Two directions in parameter space {name: array}, each weight row scaled to the norm of that row of
    the trained weights (filter normalisation); the biases do not move."""
    check_rng(rng, why="loss_slice draws two random directions, which", where="ml.landscape")
    directions = []
    for _ in range(2):
        d = {}
        for name, value in params.items():
            if name.startswith("W"):
                r = rng.standard_normal(value.shape)
                r *= np.linalg.norm(value, axis=1, keepdims=True) / (np.linalg.norm(r, axis=1, keepdims=True)
                                                                     + 1e-12)
                d[name] = r
            else:
                d[name] = np.zeros(value.shape)
        directions.append(d)
    return directions


def path_directions(params, path):
    """The two directions (unit length, orthogonal) along which the path {parameters after each epoch}
    moved most around params: the first two principal components of (path point - params)."""
    return _principal_directions(_path_offsets(params, path), params)


def _path_offsets(params, path):
    """(n_params, len(path)): each path point minus params, flattened."""
    if path is None or len(path) < 3:
        raise ValueError("loss_slice(..., directions='path') needs a path of at least 3 parameter dicts "
                         "(e.g. the parameters after each epoch, collected with a callback)")
    center = _flat(params, params)
    return np.stack([_flat(p, params) - center for p in path], axis=1)


def _principal_directions(offsets, params):
    U = np.linalg.svd(offsets, full_matrices=False)[0][:, :2]
    return [_unflat(U[:, k], params) for k in range(2)]


def _flat(p, like):
    return np.concatenate([np.ravel(p[name]).astype(np.float64) for name in like])


def _unflat(vector, like):
    out, first = {}, 0
    for name, value in like.items():
        out[name] = vector[first:first + value.size].reshape(value.shape)
        first += value.size
    return out


def loss_slice(params, X, y, *, rng=None, directions="random", span=None, n=21, path=None, activation=None):
    """The loss on the plane params + a d1 + b d2, on an n x n grid.

    directions="random": two random filter-normalised directions (needs rng; span defaults to 1, the
    size of the weights themselves). directions="path": the two directions in which `path` moved most
    (its principal components; the grid then spans the path with a margin). With a `path` (a list of
    parameter dicts, e.g. after each epoch), its points are projected onto the plane (least squares).

    Returns a dict: "a", "b" (grid coordinates), "loss" (n x n, loss[j, i] at a[i], b[j]), "center" (the loss
    at params), "directions" (d1, d2), and with a path: "path" ((a, b) per point), "path_loss" (the real
    loss at each point) and "path_share" (the share of the path's movement that lies in the plane: near 0
    means the plane misses the path, which is what random directions do in a high-dimensional space).
    """
    where = "ml.landscape.loss_slice"
    sizes = check_params(params, where=where)
    X, y = check_X(X, sizes[0], where=where), check_labels(y, sizes[-1], where=where)
    if directions not in ("random", "path"):
        raise ValueError(f"{where}: directions must be 'random' or 'path'; got {directions!r}")
    if span is not None and not is_positive(span):
        raise ValueError(f"{where}: span must be a number > 0; got {span!r}")
    if not is_whole(n, 3):
        raise ValueError(f"{where}: n must be a whole number >= 3; got {n!r}")
    g = ACTIVATIONS[activation_of(params, activation, where=where)][0]
    offsets = None if path is None else _path_offsets(params, path)
    d1, d2 = (random_directions(params, rng) if directions == "random"
              else _principal_directions(offsets, params))
    loss = _SliceLoss(params, X, y, g, d1, d2)
    result = {"center": loss(0.0, 0.0), "directions": (d1, d2)}
    if path is not None:
        D = np.stack([_flat(d1, params), _flat(d2, params)], axis=1)
        coords, *_ = np.linalg.lstsq(D, offsets, rcond=None)
        inside = np.linalg.norm(D @ coords)
        result["path"] = coords.T
        result["path_share"] = float(inside / max(np.linalg.norm(offsets), 1e-300))
        result["path_loss"] = np.array([loss.at(point) for point in path])
    if span is None and directions == "path":
        a_range, b_range = (1.25 * max(np.abs(result["path"][:, k]).max(), 1e-12) for k in range(2))
    else:
        a_range = b_range = 1.0 if span is None else float(span)
    result["a"], result["b"] = np.linspace(-a_range, a_range, n), np.linspace(-b_range, b_range, n)
    result["loss"] = np.array([[loss(a, b) for a in result["a"]] for b in result["b"]])
    return result


class _SliceLoss:
    """loss(a, b) at params + a d1 + b d2, in float64. The first layer's products W1 X, d1W1 X, d2W1 X are
    computed once, so a grid point costs the small layers only (a 21 x 21 slice of 784-128-10 on 1,000
    images in well under a second); at(point) is the loss of any other parameters on the same images."""

    def __init__(self, params, X, y, g, d1, d2):
        self.params, self.d1, self.d2, self.g, self.y = params, d1, d2, g, y
        self.L = len(params) // 2
        self.X = X.astype(np.float64)
        self.first = [np.asarray(w, dtype=np.float64) @ self.X for w in (params["W1"], d1["W1"], d2["W1"])]
        self.columns = np.arange(y.size)

    def __call__(self, a, b):
        p, d1, d2 = self.params, self.d1, self.d2
        Z = self.first[0] + a * self.first[1] + b * self.first[2] + (p["b1"] + a * d1["b1"] + b * d2["b1"])
        return self._from_first_layer(Z, {name: p[name] + a * d1[name] + b * d2[name] for name in p
                                          if name[1:] != "1"})

    def at(self, point):
        return self._from_first_layer(np.asarray(point["W1"], dtype=np.float64) @ self.X + point["b1"], point)

    def _from_first_layer(self, Z, rest):
        """The mean cross-entropy, given the first layer's Z and the parameters of the layers after it."""
        for l in range(2, self.L + 1):
            Z = rest[f"W{l}"] @ self.g(Z) + rest[f"b{l}"]
        Z = Z - Z.max(axis=0)
        log_p = Z[self.y, self.columns] - np.log(np.exp(Z).sum(axis=0))
        return float(-log_p.mean())
