"""How a step changes the parameters once the gradients are known. Lessons: gradient descent, optimizers.

An optimizer has one method, ``step(params, grads, learning_rate)``, which updates the parameter arrays in
place from the gradients ``grads`` ({"dW1": ..., "db1": ..., ...}, as ``ml.backward`` returns them).
``ml.train`` calls it once per batch. Momentum and Adam keep a state per parameter (a velocity, moment
estimates): ``state()`` returns it as {name: array} and ``load_state(state)`` puts it back, so a run can be
continued where it stopped. The updates follow PyTorch's conventions, so that the two agree step by step:

- SGD:       W <- W - alpha g
- momentum:  v <- beta v + g;  W <- W - alpha v                       (PyTorch's SGD(momentum=beta))
- Adam:      m <- b1 m + (1 - b1) g;  v <- b2 v + (1 - b2) g^2          (Kingma & Ba, bias-corrected,
             W <- W - alpha m_hat / (sqrt(v_hat) + eps),  m_hat = m / (1 - b1^t), v_hat = v / (1 - b2^t))

Weight decay is not an optimizer's business here: ``ml.train`` adds lambda W to dW before the step.
"""

import math

import numpy as np

from .checks import is_positive

OPTIMIZERS = ("sgd", "momentum", "adam")


class SGD:
    """Plain gradient descent: every parameter takes a step against its gradient, W <- W - alpha * dW."""

    name = "sgd"

    def step(self, params, grads, learning_rate):
        for name, value in params.items():
            value -= learning_rate * grads["d" + name]

    def state(self):
        return {}

    def arrays(self):
        """The arrays the optimizer keeps and changes in place (none for plain SGD)."""
        return []

    def load_state(self, state):
        if state:
            raise ValueError(f"plain SGD keeps no state; got {sorted(state)}")


class Momentum:
    """Gradient descent with momentum: a velocity v that sums the past gradients, each older one weighed
    beta times less (v <- beta v + g, W <- W - alpha v). beta = 0 is plain SGD."""

    name = "momentum"

    def __init__(self, momentum=0.9):
        if not (0 <= momentum < 1):
            raise ValueError(f"momentum must be a number in [0, 1), like 0.9; got {momentum!r}")
        self.beta = float(momentum)
        self.velocity = {}

    def step(self, params, grads, learning_rate):
        for name, value in params.items():
            g = grads["d" + name]
            v = self.velocity.get(name)
            if v is None:  # PyTorch starts the velocity at the first gradient
                v = self.velocity[name] = g.astype(value.dtype, copy=True)
            else:
                v *= self.beta
                v += g
            value -= learning_rate * v

    def state(self):
        return {f"velocity_{name}": v for name, v in self.velocity.items()}

    def arrays(self):
        return list(self.velocity.values())

    def load_state(self, state):
        self.velocity = _read_state(state, "velocity_")


class Adam:
    """Adam (Kingma & Ba 2015): a step of about alpha in each parameter's own direction, scaled by the
    running mean (m) and uncentred variance (v) of its gradients, both corrected for starting at zero.

    Inside, it keeps M = m / (1 - b1) and V = v / (1 - b2), which update with fewer passes over the arrays
    (M <- b1 M + g, V <- b2 V + g^2); ``state()`` gives m and v as the paper (and PyTorch) define them.
    """

    name = "adam"

    def __init__(self, betas=(0.9, 0.999), eps=1e-8):
        try:
            beta1, beta2 = betas
        except (TypeError, ValueError):
            raise ValueError(f"betas must be two numbers (beta1, beta2), like (0.9, 0.999); got {betas!r}") \
                from None
        if not (0 <= beta1 < 1 and 0 <= beta2 < 1):
            raise ValueError(f"betas must both lie in [0, 1), like (0.9, 0.999); got {betas!r}")
        if not is_positive(eps):
            raise ValueError(f"eps must be a small positive number, like 1e-8; got {eps!r}")
        self.beta1, self.beta2, self.eps = float(beta1), float(beta2), float(eps)
        self.t, self.M, self.V, self._work = 0, {}, {}, {}

    def step(self, params, grads, learning_rate):
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        # alpha m_hat / (sqrt(v_hat) + eps) with m_hat = (1 - b1) M / c1, v_hat = (1 - b2) V / c2
        #   = size * M / (sqrt(V) + eps'),  size = alpha (1 - b1) / c1 / r,  eps' = eps / r,
        #   r = sqrt((1 - b2) / c2)
        r = math.sqrt((1 - b2) / (1 - b2 ** self.t))  # Python floats: they keep float32 arrays float32
        size, eps = float(learning_rate) * (1 - b1) / (1 - b1 ** self.t) / r, self.eps / r
        for name, value in params.items():
            g = grads["d" + name]
            if name not in self.M:
                self.M[name], self.V[name] = np.zeros_like(value), np.zeros_like(value)
                self._work[name] = np.empty_like(value)
            M, V, work = self.M[name], self.V[name], self._work[name]
            M *= b1
            M += g
            V *= b2
            np.multiply(g, g, out=work)
            V += work
            np.sqrt(V, out=work)
            work += eps
            np.divide(M, work, out=work)
            work *= size
            value -= work

    def arrays(self):
        return [*self.M.values(), *self.V.values()]

    def state(self):
        """{"t": steps taken, "m_W1": m, "v_W1": v, ...} with m and v as Kingma & Ba define them."""
        return {"t": np.array(self.t), **{f"m_{name}": (1 - self.beta1) * M for name, M in self.M.items()},
                **{f"v_{name}": (1 - self.beta2) * V for name, V in self.V.items()}}

    def load_state(self, state):
        if "t" not in state:
            raise ValueError(f"an Adam state needs its step count 't'; got {sorted(state)}")
        self.t = int(state["t"])
        m, v = _read_state(state, "m_"), _read_state(state, "v_")
        self.M = {name: a / (1 - self.beta1) for name, a in m.items()}
        self.V = {name: a / (1 - self.beta2) for name, a in v.items()}
        self._work = {name: np.empty_like(a) for name, a in m.items()}


def _read_state(state, prefix):
    return {key[len(prefix):]: np.array(value, copy=True) for key, value in state.items()
            if key.startswith(prefix)}


def make_optimizer(name="sgd", *, momentum=None, betas=None, eps=None, where="ml.train"):
    """The optimizer called `name` ("sgd", "momentum" or "adam"), with its settings if given."""
    if name not in OPTIMIZERS:
        choices = ", ".join(map(repr, OPTIMIZERS))
        raise ValueError(f"{where}: optimizer must be one of {choices}; got {name!r}")
    given = {key: value for key, value in (("momentum", momentum), ("betas", betas), ("eps", eps))
             if value is not None}
    allowed = {"sgd": set(), "momentum": {"momentum"}, "adam": {"betas", "eps"}}[name]
    if set(given) - allowed:
        raise ValueError(f"{where}: optimizer={name!r} takes no {', '.join(sorted(set(given) - allowed))}=; "
                         f"momentum= belongs to 'momentum', betas= and eps= to 'adam'")
    try:
        return {"sgd": SGD, "momentum": Momentum, "adam": Adam}[name](**given)
    except ValueError as error:
        raise ValueError(f"{where}: {error}") from None
