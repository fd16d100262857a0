# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 05c · The gradient check: trust, but verify
#
# **In this lesson** you will
# - test backpropagation — also your own from 05b — independently: nudge one weight, watch the loss
#   (central differences),
# - write the **relative error** that compares two gradients, and learn to read it,
# - measure how the step $\varepsilon$ decides the accuracy — truncation error against round-off — and
#   predict the best step for `float32`,
# - see a ReLU kink make a correct gradient look wrong, and tell it from a real bug,
# - catch the original tutorial's bias bug with the check.
#
# ⏱ about 45 minutes, with the exercises

# %%
import numpy as np

import mnistlab as ml

LANG = "en"
rng = np.random.default_rng(0)

# %% [markdown]
# ## Why check at all?
#
# In [05b](05b_backprop.ipynb) our `backward` agreed with `ml.backward` — but both could share the same
# mistake in the derivation. Backpropagation fails *quietly*: a wrong gradient still has the right shape, the
# network still trains a little, and nothing crashes. We need a test that does not use the derivation at all,
# and the definition of the derivative gives one: nudge a single weight $w$ by a tiny $\varepsilon$ in both
# directions and watch the loss:
#
# $$\frac{\partial L}{\partial w} \approx \frac{L(w + \varepsilon) - L(w - \varepsilon)}{2\varepsilon}$$
#
# These are **central differences**. We set up the network of 05b — 100 images, $n_h = 16$ — this time
# entirely in `float64` (about 16 significant digits), so that the only errors we see are the ones this lesson
# is about:

# %%
X, y = ml.load_mnist("train", n=100, lang=LANG)
X = X.astype(np.float64)
Y = ml.one_hot(y)
params = ml.init_params([784, 16, 10], rng=rng, dtype=np.float64)
A2, cache = ml.forward(params, X)
grads = ml.backward(params, cache, Y)
L = ml.cross_entropy(A2, y)
print("L =", L, "  W1:", params["W1"].shape, "  W2:", params["W2"].shape, "  X.dtype =", X.dtype)

# %% [markdown]
# Two small functions: the loss with one entry of one parameter set to a value $w$ (on copies, so `params`
# stays unchanged), and the central difference for that entry. We take the weight of `W2` with the largest
# gradient:

# %%
def loss_at(name, index, w, dtype=np.float64):
    p = {key: value.astype(dtype) for key, value in params.items()}  # copies: params stays unchanged
    p[name][index] = w
    return ml.cross_entropy(ml.forward(p, X.astype(dtype))[0], y)


def central_difference(name, index, eps, dtype=np.float64):
    w = params[name][index]
    return (loss_at(name, index, w + eps, dtype) - loss_at(name, index, w - eps, dtype)) / (2 * eps)


index = tuple(int(i) for i in np.unravel_index(np.abs(grads["dW2"]).argmax(), grads["dW2"].shape))
g = grads["dW2"][index]
print("index =", index)
print("grads['dW2'][index]                     =", g)
print("central_difference('W2', index, 1e-5)   =", central_difference("W2", index, 1e-5))

# %% [markdown]
# They agree to about nine digits. The check: our central difference equals `ml.numerical_gradient`, which
# takes a list of indices:

# %%
np.testing.assert_allclose(central_difference("W2", index, 1e-5),
                           ml.numerical_gradient(params, X, y, "W2", indices=[index])[0], rtol=1e-9)

# %% [markdown]
# ## The relative error
#
# "Agree to about nine digits" needs a number. For two gradients $a$ (backpropagation) and $b$ (numerical) —
# single numbers or whole arrays — the **relative error** is
#
# $$\frac{\lVert a - b \rVert}{\lVert a \rVert + \lVert b \rVert}$$
#
# with $\lVert a \rVert$ the length of $a$ as one long vector, `np.linalg.norm(a)`. Relative, so that it means
# the same for large and small gradients.
#
# ### Your turn · the relative error
#
# Write `my_relative_error(a, b)` for two arrays of the same shape; it returns one number. Think of the case
# where both gradients are exactly 0 — a ReLU neuron that is off for every image has such gradients, and
# they agree perfectly. The check calls your function with its own arrays.

# %%
def my_relative_error(a, b):
    ...  # return one number


answer = ...  # when my_relative_error is written: answer = my_relative_error
ml.check("05.relative_error", answer, lang=LANG)

# %% [markdown]
# Ours, and the check against `ml.relative_error`:

# %%
def relative_error(a, b):
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    scale = np.linalg.norm(a) + np.linalg.norm(b)
    return np.linalg.norm(a - b) / scale if scale > 0 else 0.0  # both 0: they agree


for a, b in [(grads["dW1"], 2 * grads["dW1"]), (np.zeros(3), np.zeros(3)), (g, g + 1e-9)]:
    np.testing.assert_allclose(relative_error(a, b), ml.relative_error(a, b), rtol=1e-12)

# %% [markdown]
# What do its values mean? By the triangle inequality $\lVert a - b \rVert \le \lVert a \rVert + \lVert b
# \rVert$, so it lies between 0 and 1. Five pairs:

# %%
pairs = {"b = a": ([1.0, 2.0], [1.0, 2.0]), "b = 2a": ([1.0, 2.0], [2.0, 4.0]),
         "a ⟂ b, |a| = |b|": ([1.0, 0.0], [0.0, 1.0]), "b = 0": ([1.0, 2.0], [0.0, 0.0]),
         "b = -a": ([1.0, 2.0], [-1.0, -2.0])}
for name, (a, b) in pairs.items():
    print(f"{name:18} relative_error = {relative_error(a, b):.4f}")

# %% [markdown]
# A gradient twice as large as it should be gives $1/3$; two gradients at right angles of equal length give
# $\sqrt{2}/2 \approx 0.71$ — already *unrelated* directions stay well below 1. Near 1 means more: one of the
# two is (nearly) 0, or they point in opposite directions (a sign error). And near 0 means they agree — but
# how near is "near"? That depends on $\varepsilon$.
#
# ## Which ε? Truncation against round-off
#
# Why not take $\varepsilon$ as small as possible? Two errors pull in opposite directions.
#
# **Truncation error** (the formula is only an approximation). Taylor's formula gives $L(w \pm \varepsilon) =
# L \pm \varepsilon L' + \frac{\varepsilon^2}{2} L'' \pm \frac{\varepsilon^3}{6} L''' + \dots$; in the
# difference, $L$ and $L''$ cancel:
#
# $$\frac{L(w + \varepsilon) - L(w - \varepsilon)}{2\varepsilon} = L' + \frac{\varepsilon^2}{6} L''' + \dots$$
#
# So the error shrinks like $\varepsilon^2$: ten times smaller $\varepsilon$, a hundred times smaller error.
# (The one-sided $(L(w + \varepsilon) - L(w)) / \varepsilon$ has an error $\frac{\varepsilon}{2} L''$, only
# proportional to $\varepsilon$.)
#
# **Round-off error** (the computer rounds). A number type keeps a fixed number of digits: each stored number
# may be off by a fraction $u$ of itself, the **unit round-off** — $u = 2^{-53} \approx 1.1 \cdot 10^{-16}$
# for `float64`. So each loss carries an error of about $u \cdot |L|$, and dividing the difference by
# $2\varepsilon$ blows it up to about $u \cdot |L| / \varepsilon$: *larger* for smaller $\varepsilon$.
#
# Let us measure. For $\varepsilon$ from $10^{-1}$ down to $10^{-12}$ we compute the relative error of the
# central difference against backpropagation, and next to it both error terms (as relative errors, divided
# by $2|g|$). $L'''$ we estimate once, with a wider difference of four losses ($h = 0.01$):

# %%
epsilons = 10.0 ** -np.arange(1, 12.25, 0.5)  # 1e-1, 3e-2, 1e-2, ..., 1e-12
errors64 = [relative_error(central_difference("W2", index, eps), g) for eps in epsilons]

h, w = 1e-2, params["W2"][index]
L3 = (loss_at("W2", index, w + 2 * h) - 2 * loss_at("W2", index, w + h)
      + 2 * loss_at("W2", index, w - h) - loss_at("W2", index, w - 2 * h)) / (2 * h**3)  # ≈ L'''
u64 = np.finfo(np.float64).eps / 2  # unit round-off of float64: 2**-53
truncation = epsilons**2 * abs(L3) / 6 / (2 * abs(g))
roundoff64 = u64 * L / epsilons / (2 * abs(g))

best64 = epsilons[np.argmin(errors64)]
eps_star64 = (3 * u64 * L / abs(L3)) ** (1 / 3)  # where the sum of both terms is smallest
print(f"L3 = {L3:.4f}   u64 = {u64:.2e}")
print(f"best64 = {best64:.0e}   min(errors64) = {min(errors64):.1e}   eps_star64 = {eps_star64:.1e}")

ml.charts.eps_sweep(epsilons, {"float64": errors64}, lang=LANG,
                    terms={ml.t("lesson.truncation", LANG): truncation,
                           ml.t("lesson.roundoff", LANG, dtype="float64"): roundoff64})

# %% [markdown]
# Read the plot from right to left. At large $\varepsilon$ the measured error lies on the dashed line
# $\varepsilon^2 |L'''| / 6$: two steps of $\sqrt{10}$ to the left, a hundred times smaller. At small
# $\varepsilon$ it follows the dotted round-off line $u|L|/\varepsilon$ upwards, jagged because rounding is
# jagged. The best step lies where the two lines cross: minimising $\frac{\varepsilon^2}{6}|L'''| +
# \frac{u|L|}{\varepsilon}$ gives $\varepsilon^* = (3u|L| / |L'''|)^{1/3}$ — and the measured minimum (the
# ring) sits right there. `ml.gradient_check` uses $\varepsilon = 10^{-5}$, close to it. The checks:

# %%
errors64 = np.array(errors64)
assert 1e-6 <= best64 <= 1e-4 and min(errors64) < 1e-9  # the best step is near eps_star64
assert 50 < errors64[0] / errors64[2] < 200  # right side: 10x smaller eps, about 100x smaller error
assert errors64[-1] > 1e4 * min(errors64)  # left side: round-off takes over

# %% [markdown]
# ### Exercise 1 · The best step for float32
#
# `float32` keeps about 7 digits: its unit round-off is $u = 2^{-24} \approx 6 \cdot 10^{-8}$, about
# $5 \cdot 10^{8}$ times that of `float64`. Where will the relative error of a `float32` central difference be
# smallest? Predict it before the next cell measures it: answer with a step such as `1e-3` (you may compute
# it from `L`, `L3` and the formula for $\varepsilon^*$).

# %%
answer = ...
ml.check("05.eps_float32", answer, lang=LANG)

# %% [markdown]
# The measurement, both number types in one plot:

# %%
errors32 = [relative_error(central_difference("W2", index, eps, dtype=np.float32), g) for eps in epsilons]
u32 = np.finfo(np.float32).eps / 2  # 2**-24
roundoff32 = u32 * L / epsilons / (2 * abs(g))
best32 = epsilons[np.argmin(errors32)]
eps_star32 = (3 * u32 * L / abs(L3)) ** (1 / 3)
print(f"best32 = {best32:.0e}   min(errors32) = {min(errors32):.1e}   eps_star32 = {eps_star32:.1e}")
print(f"errors32[8] = {errors32[8]:.1e}   errors32[-1] = {errors32[-1]}")  # at eps = 1e-5 and eps = 1e-12
assert 3e-3 <= best32 <= 0.3 and 1e-2 < errors32[8] < 0.2
assert (np.array(errors32)[epsilons < 3e-7] == 1.0).all()  # the difference is 0

ml.charts.eps_sweep(epsilons, {"float64": errors64, "float32": errors32}, lang=LANG,
                    terms={ml.t("lesson.truncation", LANG): truncation,
                           ml.t("lesson.roundoff", LANG, dtype="float64"): roundoff64,
                           ml.t("lesson.roundoff", LANG, dtype="float32"): roundoff32})

# %% [markdown]
# Both number types share the truncation line — it is the same function — but `float32`'s round-off line lies
# $5 \cdot 10^{8}$ times higher, so it meets the truncation line much further right (how deep the ring dips
# there is partly luck: rounding errors sometimes cancel). At
# $\varepsilon = 10^{-5}$ a `float32` check is off by about 5 percent; from $\varepsilon = 10^{-6}$ down the two
# losses round to the *same* `float32` number, the difference is 0, and the relative error is exactly 1 —
# "one of the two is 0". A gradient check therefore runs in `float64`: `ml.gradient_check` converts to
# `float64` first, whatever the network uses.
#
# ## The whole check — and the bias bug of the original
#
# One entry proves little. `ml.gradient_check` compares backpropagation with central differences on 20
# entries of every parameter and reports the relative error of each:

# %%
check = ml.gradient_check(params, X, y, rng=rng, lang=LANG)
print(check)
assert check.passed() and check.max_error < 1e-8

# %% [markdown]
# All around $10^{-9}$ or below: right. That was `ml.backward`. If you wrote `my_backward` in 05b and it passed
# its check, it is in your workbook, and `mine.backward` below is yours; otherwise `mine` falls back to
# mnistlab's. Here it faces the loss itself, at the same entries: no other implementation to agree with, only
# the definition of the derivative.

# %%
mine = ml.workbook.mine(lang=LANG)  # your functions where you wrote them, mnistlab's otherwise
grads_mine = mine.backward(params, cache, Y)
for name in params:
    sampled = np.asarray(grads_mine["d" + name], dtype=np.float64).reshape(-1)[check.indices[name]]
    print(f"{name:3} {relative_error(sampled, check.numerical[name]):10.2e}")
mine

# %% [markdown]
# Now the original tutorial's backpropagation. Compare its `db2` and `db1`
# lines with our formula `dZ.sum(axis=1, keepdims=True)`:

# %%
ml.show_source(ml.origin.backward_prop)

# %% [markdown]
# The formula says "sum over the images". `np.sum(dZ2)` without `axis` sums over **everything** — all
# neurons *and* all images — and returns one number:

# %%
result = ml.origin.backward_prop(cache["Z1"], cache["A1"], cache["Z2"], cache["A2"],
                                 params["W1"], params["W2"], X, y)  # dW1, db1, dW2, db2
grads_orig = {"dW1": result[0], "db1": result[1], "dW2": result[2], "db2": result[3]}
print("grads_orig['db1'] =", grads_orig["db1"], "   shape:", np.shape(grads_orig["db1"]))
print("grads_orig['db2'] =", grads_orig["db2"])
print("grads['db1'][:5].ravel() =", grads["db1"][:5].ravel())

# %% [markdown]
# In `b1 - alpha * db1` that one number is subtracted from every bias: **all biases of a layer get the same
# gradient** and move together, as if a layer had only one bias. And `db2` is practically 0 — always: every
# column of $A^{[2]}$ sums to 1 and every column of $Y$ too, so the sum of all entries of $A^{[2]} - Y$ is
# $m - m = 0$. The original's output biases *never move*. The network still learns through its weights,
# which is why the bug went unnoticed. Would the gradient check have caught it? We compare the original's
# gradients (the one number spread over all biases, exactly as the update does) with the numerical gradients
# `check` computed, at the same entries:

# %%
errors = {}
for name in params:
    gradient = np.broadcast_to(grads_orig["d" + name], params[name].shape)  # a scalar -> every entry
    sampled = gradient.reshape(-1)[check.indices[name]]  # the entries the check perturbed
    errors[name] = relative_error(sampled, check.numerical[name])
    print(f"{name:3} {errors[name]:10.2e}")
assert errors["W1"] < 1e-6 and errors["W2"] < 1e-6
assert errors["b1"] > 1e-2 and errors["b2"] > 0.99

# %% [markdown]
# The check points right at the bug: the weights are fine, both biases are wrong — and `b2`'s relative error
# is 1, "one of the two is 0". The fix is the one in our formula: sum over the images only, keep one number
# per neuron — `dZ.sum(axis=1, keepdims=True)`.
#
# ## When a right gradient looks wrong: ReLU kinks
#
# Where is the line between "right" and "bug"? A common rule of thumb (Stanford's course CS231n): below
# $10^{-7}$ you can be happy; below $10^{-4}$ is usually fine *if the function has kinks* (and too much if it
# has none); between $10^{-4}$ and $10^{-2}$ you should feel uneasy; above $10^{-2}$ the gradient is probably
# wrong. (CS231n divides by the larger of the two lengths instead of their sum: a factor of at most 2,
# nothing on these scales.) Kinks? ReLU has one at 0: slope 0 on the left, 1 on the right. If a hidden
# neuron's input $Z^{[1]}$ lies within $\varepsilon$ of 0 for some image, the nudge $w \pm \varepsilon$ moves
# it across the kink, and the central difference averages two different slopes.
#
# With our 1,600 entries of $Z^{[1]}$ none lies that close: the one nearest 0 is further away than
# $\varepsilon = 10^{-5}$. We move it there on purpose, by shifting that neuron's bias a tiny bit, so that its
# $Z^{[1]}$ becomes $\varepsilon / 2$:

# %%
j, i = np.unravel_index(np.abs(cache["Z1"]).argmin(), cache["Z1"].shape)
print("Z1[j, i] =", cache["Z1"][j, i], "  j =", j, "  i =", i)
assert abs(cache["Z1"][j, i]) > 1e-5  # no entry of Z1 lies within eps of the kink
kinked = {key: value.copy() for key, value in params.items()}
kinked["b1"][j] += 0.5e-5 - cache["Z1"][j, i]  # now Z1[j, i] = eps / 2
A2_kinked, cache_kinked = ml.forward(kinked, X)
print("cache_kinked['Z1'][j, i] =", cache_kinked["Z1"][j, i])
check_kinked = ml.gradient_check(kinked, X, y, rng=np.random.default_rng(1), lang=LANG)
print(check_kinked)

# %% [markdown]
# `b1` is flagged — although `ml.backward` is exactly the function that passed above, and nothing else
# changed. Is it a bug? Two tests tell a kink from a bug:
# 1. Is some $|Z^{[1]}|$ smaller than $\varepsilon$? Here: yes, $\varepsilon / 2$.
# 2. Does the error go away with a smaller $\varepsilon$? A kink's error does (the nudge no longer crosses
#    the kink); a bug's does not.

# %%
db1_kinked = ml.backward(kinked, cache_kinked, Y)["db1"][j, 0]
kink_errors = {}
for eps in (1e-5, 1e-6, 1e-7):
    numerical = ml.numerical_gradient(kinked, X, y, "b1", indices=[(j, 0)], eps=eps)[0]
    kink_errors[eps] = relative_error(db1_kinked, numerical)
    print(f"eps = {eps:.0e}   kink_errors[eps] = {kink_errors[eps]:.1e}")
print("min |Z1| =", np.abs(cache_kinked["Z1"]).min())
assert 1e-5 < check_kinked["b1"] < 1e-2 and check_kinked["b1"] > 1e5 * check["b1"]
assert not check_kinked.passed()
assert kink_errors[1e-5] > 1e-4 and kink_errors[1e-6] < 1e-7 and kink_errors[1e-7] < 1e-7

# %% [markdown]
# One image next to a kink raised the relative error of `b1` about a million times, from about $10^{-10}$ to a
# few $10^{-4}$ — just above CS231n's "usually fine with kinks" $10^{-4}$, and far above the $10^{-6}$ at which
# `ml.gradient_check` writes "WRONG?". So thresholds are rules of thumb, not laws: a large error is a
# reason to look, and the two tests above say what you are looking at. The more entries $Z^{[1]}$ has (a
# bigger batch, a wider layer), the more chances for one of them to lie that close to 0.
#
# ## Summary
#
# - A **gradient check** compares backpropagation with central differences $(L(w+\varepsilon) -
#   L(w-\varepsilon)) / 2\varepsilon$, an independent test of the derivation, via the **relative error**
#   $\lVert a - b\rVert / (\lVert a\rVert + \lVert b\rVert)$ (0 when both are 0).
# - The relative error lies between 0 and 1: twice too large gives 1/3, orthogonal ≈ 0.71; near 1 means one
#   gradient is ≈ 0 or they point in opposite directions.
# - The step $\varepsilon$: the truncation error $\varepsilon^2 |L'''| / 6$ shrinks with $\varepsilon$, the
#   round-off error $u|L| / \varepsilon$ grows; the best step is $(3u|L|/|L'''|)^{1/3}$, about $10^{-5}$ in
#   `float64` and $10^{-2}$ in `float32`. Check in `float64`.
# - Rules of thumb (CS231n): below $10^{-7}$ right; below $10^{-4}$ usually fine with kinks; above $10^{-2}$
#   probably a bug. A ReLU input within $\varepsilon$ of 0 makes a right gradient look wrong — its error vanishes with a
#   smaller $\varepsilon$, a bug's does not.
# - The original's `np.sum(dZ)` gives all biases of a layer one shared gradient, and the output biases none:
#   the check flags `b1` and `b2` at once. The fix is `sum(axis=1, keepdims=True)`.
#
# **Next:** [06a · Gradient descent](06a_gradient_descent.ipynb) — take the step, again and again: the network
# learns.

# %% [markdown]
# ## Solutions
#
# **Exercise 1.** With $u = 2^{-24}$: $\varepsilon^* = (3u|L| / |L'''|)^{1/3}$ — about $800$ times
# `float64`'s best step, because $\varepsilon^*$ grows with the cube root of $u$: $(2^{29})^{1/3} \approx 812$.

# %%
eps_star32 = (3 * u32 * L / abs(L3)) ** (1 / 3)  # u32 = 2**-24
assert ml.check("05.eps_float32", eps_star32, lang=LANG)

# %% [markdown]
# **Your turn · the relative error.** Our `relative_error` above: lengths with `np.linalg.norm`, the sum of
# both lengths below, and 0 when both are 0.

# %%
assert ml.check("05.relative_error", relative_error, lang=LANG, save=False)  # save=False: the lesson's solution is not kept as your own
