"""Lesson 08c (Momentum and Adam): the learner writes one step of each, checked against mnistlab.optimizers.

| exercise | called as | must agree with |
|---|---|---|
| 08.momentum_step | momentum_step(W, dW, v, learning_rate, beta) -> (W_new, v_new) | optimizers.Momentum |
| 08.adam_step | adam_step(W, dW, m, v, t, learning_rate, beta1, beta2, eps) -> (W_new, m_new, v_new) | optimizers.Adam |

Conventions (the lesson states them): the velocity v and the moments m, v start as zeros; t is the number of
this step, 1 for the first. With v = 0 at the start, v <- beta v + g gives v = g in the first step, which
is how PyTorch (and mnistlab) start the velocity. The check runs the learner's step several times on random
arrays, feeding back what it returned, and compares every step with the engine's optimizer.
"""

import numpy as np

from mnistlab.exercises import exercise
from mnistlab.exercises.function_exercises import _hints, judge
from mnistlab.optimizers import Adam, Momentum

# ---- the engine's step, as the exercises' functions are called ----

def _engine_momentum(W, dW, v, learning_rate, beta):
    optimizer = Momentum(beta)
    if np.any(v):  # a velocity from earlier steps; zeros mean "no step yet"
        optimizer.load_state({"velocity_W": v})
    params = {"W": np.array(W, dtype=float)}
    optimizer.step(params, {"dW": np.asarray(dW, dtype=float)}, learning_rate)
    return params["W"], optimizer.state()["velocity_W"]


def _engine_adam(W, dW, m, v, t, learning_rate, beta1, beta2, eps):
    optimizer = Adam((beta1, beta2), eps)
    optimizer.load_state({"t": t - 1, "m_W": np.asarray(m, dtype=float), "v_W": np.asarray(v, dtype=float)})
    params = {"W": np.array(W, dtype=float)}
    optimizer.step(params, {"dW": np.asarray(dW, dtype=float)}, learning_rate)
    state = optimizer.state()
    return params["W"], state["m_W"], state["v_W"]


# ---- the mistakes people make (each a whole step function, as a learner would write it) ----

def momentum_by_hand(W, dW, v, learning_rate, beta):
    v = beta * v + dW
    return W - learning_rate * v, v


def momentum_in_place(W, dW, v, learning_rate, beta):
    v *= beta
    v += dW
    W -= learning_rate * v
    return W, v


def momentum_dampened(W, dW, v, learning_rate, beta):  # the EMA form: v <- beta v + (1 - beta) g
    v = beta * v + (1 - beta) * dW
    return W - learning_rate * v, v


def momentum_uses_gradient(W, dW, v, learning_rate, beta):  # v is updated, but the step uses dW
    v = beta * v + dW
    return W - learning_rate * dW, v


def momentum_old_velocity(W, dW, v, learning_rate, beta):  # steps with last step's v, then updates it
    W_new = W - learning_rate * v
    return W_new, beta * v + dW


def momentum_uphill(W, dW, v, learning_rate, beta):
    v = beta * v + dW
    return W + learning_rate * v, v


def momentum_swapped(W, dW, v, learning_rate, beta):  # v <- (1 - beta) v + g: the old velocity fades fast
    v = (1 - beta) * v + dW
    return W - learning_rate * v, v


def adam_by_hand(W, dW, m, v, t, learning_rate, beta1, beta2, eps):
    m = beta1 * m + (1 - beta1) * dW
    v = beta2 * v + (1 - beta2) * dW**2
    m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
    return W - learning_rate * m_hat / (np.sqrt(v_hat) + eps), m, v


def adam_folded(W, dW, m, v, t, learning_rate, beta1, beta2, eps):  # the paper's faster form, eps adjusted
    m = beta1 * m + (1 - beta1) * dW
    v = beta2 * v + (1 - beta2) * np.square(dW)
    c2 = np.sqrt(1 - beta2**t)
    step = learning_rate * c2 / (1 - beta1**t)
    return W - step * m / (np.sqrt(v) + eps * c2), m, v


def adam_uncorrected(W, dW, m, v, t, learning_rate, beta1, beta2, eps):
    m = beta1 * m + (1 - beta1) * dW
    v = beta2 * v + (1 - beta2) * dW**2
    return W - learning_rate * m / (np.sqrt(v) + eps), m, v


def adam_only_m_corrected(W, dW, m, v, t, learning_rate, beta1, beta2, eps):
    m = beta1 * m + (1 - beta1) * dW
    v = beta2 * v + (1 - beta2) * dW**2
    return W - learning_rate * m / (1 - beta1**t) / (np.sqrt(v) + eps), m, v


def adam_t_from_zero(W, dW, m, v, t, learning_rate, beta1, beta2, eps):  # corrects with t - 1: 1 - b^0 = 0
    return adam_by_hand(W, dW, m, v, t - 1, learning_rate, beta1, beta2, eps)


def adam_t_plus_one(W, dW, m, v, t, learning_rate, beta1, beta2, eps):  # counts the step once more
    return adam_by_hand(W, dW, m, v, t + 1, learning_rate, beta1, beta2, eps)


def adam_eps_inside(W, dW, m, v, t, learning_rate, beta1, beta2, eps):
    m = beta1 * m + (1 - beta1) * dW
    v = beta2 * v + (1 - beta2) * dW**2
    m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
    return W - learning_rate * m_hat / np.sqrt(v_hat + eps), m, v


def adam_uses_gradient(W, dW, m, v, t, learning_rate, beta1, beta2, eps):  # dW on top instead of m_hat
    m = beta1 * m + (1 - beta1) * dW
    v = beta2 * v + (1 - beta2) * dW**2
    v_hat = v / (1 - beta2**t)
    return W - learning_rate * dW / (np.sqrt(v_hat) + eps), m, v


def adam_unsquared(W, dW, m, v, t, learning_rate, beta1, beta2, eps):  # v of g, not of g^2
    m = beta1 * m + (1 - beta1) * dW
    v = beta2 * v + (1 - beta2) * dW
    m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
    return W - learning_rate * m_hat / (np.sqrt(v_hat) + eps), m, v


def adam_momentum_sums(W, dW, m, v, t, learning_rate, beta1, beta2, eps):  # m <- b1 m + g, like momentum
    m = beta1 * m + dW
    v = beta2 * v + dW**2
    m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
    return W - learning_rate * m_hat / (np.sqrt(v_hat) + eps), m, v


def adam_uphill(W, dW, m, v, t, learning_rate, beta1, beta2, eps):
    W_new, m, v = adam_by_hand(W, dW, m, v, t, learning_rate, beta1, beta2, eps)
    return 2 * W - W_new, m, v


# ---- several steps: the learner's function fed with its own results ----

def _gradients(seed, shape, n_steps, scale):
    rng = np.random.default_rng(seed)
    return [scale * rng.standard_normal(shape) for _ in range(n_steps)]


def _momentum_cases():
    rng = np.random.default_rng(81)
    W = rng.standard_normal((3, 4))
    return [("one step from v = 0 (W of shape (3, 4), learning_rate 0.1, beta 0.9)",
             (W, _gradients(1, (3, 4), 1, 1.0), 0.1, 0.9)),
            ("5 steps with learning_rate 0.1 and beta 0.9", (W, _gradients(2, (3, 4), 5, 1.0), 0.1, 0.9)),
            ("4 steps with learning_rate 0.05 and beta 0.5 (W of shape (2, 1))",
             (W[:2, :1], _gradients(3, (2, 1), 4, 1.0), 0.05, 0.5))]


def _momentum_run(step):
    """(W, v) after each step: the learner's step fed with its own W and v, starting from v = 0."""
    def run(W, gradients, learning_rate, beta):
        W, v, results = np.array(W, dtype=float), np.zeros_like(W, dtype=float), []
        for dW in gradients:
            W, v = step(W.copy(), dW.copy(), v.copy(), learning_rate, beta)
            W, v = np.asarray(W, dtype=float), np.asarray(v, dtype=float)
            results += [W, v]
        return results
    return run


def _adam_cases():
    rng = np.random.default_rng(82)
    W = rng.standard_normal((3, 4))
    return [("one step (W of shape (3, 4), learning_rate 0.01, betas 0.9 and 0.999, eps 1e-8)",
             (W, _gradients(4, (3, 4), 1, 1.0), 0.01, 0.9, 0.999, 1e-8)),
            ("6 steps with learning_rate 0.01, betas 0.9 and 0.999, eps 1e-8",
             (W, _gradients(5, (3, 4), 6, 1.0), 0.01, 0.9, 0.999, 1e-8)),
            ("5 steps with tiny gradients (about 1e-4) and eps 1e-8",
             (W, _gradients(6, (3, 4), 5, 1e-4), 0.01, 0.9, 0.999, 1e-8)),
            ("4 steps with betas 0.8 and 0.99, eps 0.1 (W of shape (2, 1))",
             (W[:2, :1], _gradients(7, (2, 1), 4, 1.0), 0.1, 0.8, 0.99, 0.1))]


def _adam_run(step):
    """(W, m, v) after each step: the learner's step fed with its own results, t = 1, 2, ..."""
    def run(W, gradients, learning_rate, beta1, beta2, eps):
        W = np.array(W, dtype=float)
        m, v, results = np.zeros_like(W), np.zeros_like(W), []
        for t, dW in enumerate(gradients, start=1):
            W, m, v = step(W.copy(), dW.copy(), m.copy(), v.copy(), t, learning_rate, beta1, beta2, eps)
            W, m, v = (np.asarray(a, dtype=float) for a in (W, m, v))
            results += [W, m, v]
        return results
    return run


def _pieces(step, n):
    """A step function whose result the check can take apart: a tuple of n arrays, else a clear hint."""
    def checked(*args):
        result = step(*args)
        if not (isinstance(result, tuple | list) and len(result) == n):
            raise _WrongReturnError
        return result
    return checked


class _WrongReturnError(Exception):
    pass


MOMENTUM_HINTS = _hints(
    "momentum_step",
    returns={"en": "Return a pair: (W_new, v_new) - the new weights and the new velocity, which the next "
                   "step needs.",
             "de": "Gib ein Paar zurück: (W_new, v_new) – die neuen Gewichte und die neue Geschwindigkeit, "
                   "die der nächste Schritt braucht."},
    dampened={"en": "You wrote v = beta v + (1 - beta) dW: that is the dampened (average) form. Here, as in "
                    "PyTorch, the gradient is added whole: v = beta * v + dW.",
              "de": "Du hast v = beta v + (1 − beta) dW geschrieben: Das ist die gedämpfte Form (ein "
                    "Mittelwert). Hier wird, wie in PyTorch, der ganze Gradient addiert: v = beta * v + dW."},
    gradient={"en": "Your v is right, but the step still uses dW. Momentum steps along the velocity: "
                    "W_new = W - learning_rate * v_new.",
              "de": "Dein v stimmt, aber der Schritt verwendet noch dW. Mit Impuls geht der Schritt entlang "
                    "der Geschwindigkeit: W_new = W - learning_rate * v_new."},
    order={"en": "You step with the old velocity. First update v (v = beta * v + dW), then step with the "
                 "new one.",
           "de": "Du gehst mit der alten Geschwindigkeit. Aktualisiere zuerst v (v = beta * v + dW), dann "
                 "gehe mit der neuen."},
    uphill={"en": "The step goes uphill: subtract, W_new = W - learning_rate * v_new.",
            "de": "Der Schritt geht bergauf: Ziehe ab, W_new = W - learning_rate * v_new."},
    swapped={"en": "The old velocity is kept with the factor beta, not 1 - beta: v = beta * v + dW.",
             "de": "Die alte Geschwindigkeit bleibt mit dem Faktor beta erhalten, nicht mit 1 − beta: "
                   "v = beta * v + dW."},
)


@exercise("08.momentum_step", right=[momentum_by_hand, momentum_in_place, _engine_momentum],
          wrong=[momentum_dampened, momentum_uses_gradient, momentum_old_velocity, momentum_uphill,
                 momentum_swapped, lambda W, dW, v, learning_rate, beta: W - learning_rate * dW, 3],
          hints=MOMENTUM_HINTS)
def _momentum_step(answer):
    if not callable(answer):
        return "function"
    mistakes = [(hint, _momentum_run(wrong)) for hint, wrong in
                (("dampened", momentum_dampened), ("gradient", momentum_uses_gradient),
                 ("order", momentum_old_velocity), ("uphill", momentum_uphill), ("swapped", momentum_swapped))]
    try:
        return judge(_momentum_run(_pieces(answer, 2)), _momentum_cases(), _momentum_run(_engine_momentum),
                     mistakes, shape_of=lambda args: np.shape(args), may_change_input=True)
    except _WrongReturnError:
        return "returns"


ADAM_HINTS = _hints(
    "adam_step",
    returns={"en": "Return three arrays: (W_new, m_new, v_new) - the next step needs m and v.",
             "de": "Gib drei Arrays zurück: (W_new, m_new, v_new) – der nächste Schritt braucht m und v."},
    uncorrected={"en": "The bias correction is missing: m and v start at 0, so early on they are too small. "
                       "Divide: m_hat = m / (1 - beta1**t), v_hat = v / (1 - beta2**t), and step with those.",
                 "de": "Die Bias-Korrektur fehlt: m und v beginnen bei 0 und sind deshalb anfangs zu klein. "
                       "Teile: m_hat = m / (1 - beta1**t), v_hat = v / (1 - beta2**t), und gehe mit diesen."},
    only_m={"en": "You corrected m but not v: v_hat = v / (1 - beta2**t) belongs under the square root.",
            "de": "Du hast m korrigiert, aber nicht v: v_hat = v / (1 - beta2**t) gehört unter die Wurzel."},
    t_from_zero={"en": "Your first step divides by 1 - beta1**0 = 0. t is the number of this step: the first "
                       "step has t = 1, so use beta1**t and beta2**t as they come.",
                 "de": "Dein erster Schritt teilt durch 1 − beta1**0 = 0. t ist die Nummer dieses Schritts: "
                       "Der erste Schritt hat t = 1, also nimm beta1**t und beta2**t, wie sie kommen."},
    t_plus_one={"en": "You count one step too many: t is already the number of this step (1 for the first). "
                      "Don't add 1.",
                "de": "Du zählst einen Schritt zu viel: t ist schon die Nummer dieses Schritts (1 beim ersten). "
                      "Zähle nicht 1 dazu."},
    eps_inside={"en": "eps belongs outside the square root: np.sqrt(v_hat) + eps. Inside, it adds sqrt(eps) = "
                      "1e-4 for eps = 1e-8, which swamps small gradients.",
                "de": "eps gehört außerhalb der Wurzel: np.sqrt(v_hat) + eps. Darunter addiert es sqrt(eps) = "
                      "1e-4 für eps = 1e-8, was kleine Gradienten erdrückt."},
    gradient={"en": "On top of the fraction goes the (corrected) mean of the gradients, m_hat, not dW itself.",
              "de": "In den Zähler gehört der (korrigierte) Mittelwert der Gradienten, m_hat, nicht dW selbst."},
    unsquared={"en": "v averages the *squared* gradients: v = beta2 * v + (1 - beta2) * dW**2.",
               "de": "v mittelt die *quadrierten* Gradienten: v = beta2 * v + (1 - beta2) * dW**2."},
    sums={"en": "m and v are averages: m = beta1 * m + (1 - beta1) * dW (and the same with beta2 and dW**2 "
                "for v). Without the (1 - beta), they are sums, as the velocity of momentum.",
          "de": "m und v sind Mittelwerte: m = beta1 * m + (1 - beta1) * dW (und genauso mit beta2 und dW**2 "
                "für v). Ohne das (1 − beta) sind es Summen wie die Geschwindigkeit beim Impuls."},
    uphill={"en": "The step goes uphill: subtract, W_new = W - learning_rate * m_hat / (np.sqrt(v_hat) + eps).",
            "de": "Der Schritt geht bergauf: Ziehe ab, W_new = W - learning_rate * m_hat / "
                  "(np.sqrt(v_hat) + eps)."},
)


@exercise("08.adam_step", right=[adam_by_hand, adam_folded, _engine_adam],
          wrong=[adam_uncorrected, adam_only_m_corrected, adam_t_from_zero, adam_t_plus_one, adam_eps_inside,
                 adam_uses_gradient, adam_unsquared, adam_momentum_sums, adam_uphill,
                 lambda W, dW, m, v, t, learning_rate, beta1, beta2, eps: W - learning_rate * dW, "adam"],
          hints=ADAM_HINTS)
def _adam_step(answer):
    if not callable(answer):
        return "function"
    mistakes = [(hint, _adam_run(wrong)) for hint, wrong in
                (("uncorrected", adam_uncorrected), ("only_m", adam_only_m_corrected),
                 ("t_from_zero", adam_t_from_zero), ("t_plus_one", adam_t_plus_one),
                 ("eps_inside", adam_eps_inside), ("gradient", adam_uses_gradient),
                 ("unsquared", adam_unsquared), ("sums", adam_momentum_sums), ("uphill", adam_uphill))]
    try:
        return judge(_adam_run(_pieces(answer, 3)), _adam_cases(), _adam_run(_engine_adam), mistakes,
                     shape_of=lambda args: np.shape(args), may_change_input=True)
    except _WrongReturnError:
        return "returns"
