# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 05b · Backpropagation: which way is downhill?
#
# **In this lesson** you will
# - derive how the loss changes with every weight and bias — the gradients `dZ2`, `dW2`, `db2`, `dZ1`,
#   `dW1`, `db1` — together with the shape of each,
# - correct the shape table of the original tutorial, which gets one of them wrong,
# - write backpropagation in a few lines and check it against `mnistlab`,
# - test gradients independently with a numerical gradient check,
# - catch the original tutorial's bias bug with that check.
#
# ⏱ about 90 minutes, with the exercises

# %%
import numpy as np

import mnistlab as ml

LANG = "en"
rng = np.random.default_rng(0)

# %% [markdown]
# ## What we want to know
#
# Lesson 04 measured how wrong the network is: the loss $L$, one number. To improve the network we change
# each weight a little — but in which direction, and how much? The answer is the **gradient**: for every
# parameter, how fast $L$ grows when that parameter grows. Lesson 06 then takes a small step against it.
#
# Our network has thousands of parameters, and we need all their gradients at once. **Backpropagation**
# gets them in one sweep backwards through the network, from the loss to the first layer, reusing what the
# forward pass computed. We use a small batch of 100 images and a hidden layer of $n_h = 16$ neurons —
# deliberately *not* 10, so that no two different sizes look alike:

# %%
X, y = ml.load_mnist("train", n=100, lang=LANG)
Y = ml.one_hot(y)
params = ml.init_params([784, 16, 10], rng=rng)
A2, cache = ml.forward(params, X)
m = X.shape[1]
print("m =", m, "  W1:", params["W1"].shape, "  W2:", params["W2"].shape, "  cache:", list(cache))

# %% [markdown]
# The forward pass, as a chain — every arrow is one step we will walk back:
#
# $$X \xrightarrow{\;W^{[1]},\, b^{[1]}\;} Z^{[1]} \xrightarrow{\;g\;} A^{[1]} \xrightarrow{\;W^{[2]},\, b^{[2]}\;} Z^{[2]} \xrightarrow{\;\mathrm{softmax}\;} A^{[2]} \longrightarrow L$$
#
# Notation: `dW1` means $\partial L / \partial W^{[1]}$, "how $L$ changes with $W^{[1]}$", and so on for
# every `d<name>`, `dZ2` and `dZ1` included; $g$ is the activation function of the hidden layer (ReLU here),
# $g'$ its derivative (lesson 02). Indices as in lesson 00: $i$ an image, $k$ a class (an output neuron),
# $j$ a hidden neuron.

# %% [markdown]
# ## Step 1 · The output layer: dZ2 = (A2 − Y) / m
#
# Take one image and drop its index: scores $z$, probabilities $a = \mathrm{softmax}(z)$, one-hot label $Y$,
# loss $\ell = -\sum_c Y_c \log a_c$. The derivative of softmax is $\partial a_c / \partial z_k = a_c
# (\delta_{ck} - a_k)$, where $\delta_{ck}$ is 1 if $c = k$ and 0 otherwise ($c$ and $k$ are both classes).
# With the chain rule:
#
# $$\frac{\partial \ell}{\partial z_k} = -\sum_{c} \frac{Y_c}{a_c}\, a_c \left(\delta_{ck} - a_k\right) = -Y_k + a_k \sum_c Y_c = a_k - Y_k$$
#
# because the one-hot $Y$ sums to 1. Softmax and cross-entropy together have the simplest derivative
# imaginable: **prediction minus truth**. The loss $L$ of the batch is the *mean* of the $m$ images' losses,
# so each image's share carries a factor $\frac{1}{m}$. For the whole batch, column by column:
#
# $$dZ^{[2]} = \frac{\partial L}{\partial Z^{[2]}} = \frac{1}{m}\left(A^{[2]} - Y\right)$$
#
# The $\frac{1}{m}$ sits in $dZ^{[2]}$, once; every gradient after it inherits it, so $dW$ and $db$ below
# need no $\frac{1}{m}$ of their own. (The original tutorial keeps $A^{[2]} - Y$ without it and divides in
# every $dW$ and $db$ instead — the same numbers, but then its "dZ2" is not $\partial L / \partial Z^{[2]}$.)

# %% [markdown]
# ## Step 2 · The output weights and biases
#
# $Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]}$: weight $W^{[2]}_{kj}$ multiplies $A^{[1]}_{ji}$ in every image $i$.
# So its gradient adds up "error of output $k$ × input $j$" over the images — exactly a matrix product:
#
# $$dW^{[2]} = dZ^{[2]} A^{[1]T} \qquad db^{[2]}_k = \sum_{i=1}^{m} dZ^{[2]}_{ki}$$
#
# The bias $b^{[2]}_k$ is added to output $k$ of every image, so its gradient is the sum of row $k$ of
# $dZ^{[2]}$ — a sum over the **images** only, one number per neuron: `dZ2.sum(axis=1, keepdims=True)`.
# With the $\frac{1}{m}$ inside $dZ^{[2]}$, that sum is the mean over the images of $A^{[2]} - Y$.
#
# ## Step 3 · Back into the hidden layer
#
# Hidden neuron $j$ feeds all ten outputs, with weights $W^{[2]}_{kj}$; its share of the blame in image $i$
# is $\sum_k W^{[2]}_{kj}\, dZ^{[2]}_{ki}$ — the matrix $W^{[2]T} dZ^{[2]}$. Then back through the activation,
# element by element ($\odot$), since $A^{[1]} = g(Z^{[1]})$:
#
# $$dZ^{[1]} = W^{[2]T} dZ^{[2]} \odot g'(Z^{[1]})$$
#
# For ReLU, $g'$ is 1 where $Z^{[1]} > 0$ and 0 elsewhere: a neuron that was off for an image passes no
# gradient back for it.
#
# ## Step 4 · The hidden weights and biases
#
# Exactly like step 2, with $X$ as the input of the layer:
#
# $$dW^{[1]} = dZ^{[1]} X^{T} \qquad db^{[1]}_j = \sum_{i=1}^{m} dZ^{[1]}_{ji}$$

# %% [markdown]
# ## The shapes — and a correction
#
# Every gradient has the shape of the thing it belongs to: `W1 - learning_rate * dW1` must work. The
# original tutorial lists the shapes of its 784 → 10 → 10 network; its last column below. With $n_h = 10$
# hidden neurons *and* 10 outputs, many shapes there read "10 × 10" — and one of them is wrong:
#
# | gradient | formula | shape | our network ($n_h = 16$) | original's table ($n_h = 10$) |
# |---|---|---|---|---|
# | `dZ2` | `(A2 - Y) / m` | 10 × m | 10 × m | 10 × m ✓ |
# | `dW2` | `dZ2 @ A1.T` | 10 × $n_h$ (like `W2`) | 10 × 16 | 10 × 10 ✓ |
# | `db2` | `dZ2.sum(axis=1, keepdims=True)` | 10 × 1 | 10 × 1 | 10 × 1 ✓ |
# | `dZ1` | `(W2.T @ dZ2) * g'(Z1)` | $n_h$ × m (like `Z1`) | 16 × m | 10 × m ✓ |
# | `dW1` | `dZ1 @ X.T` | $n_h$ × 784 (like `W1`) | 16 × 784 | **10 × 10 ✗** — it is 10 × 784 |
# | `db1` | `dZ1.sum(axis=1, keepdims=True)` | $n_h$ × 1 | 16 × 1 | 10 × 1 ✓ |
#
# `dW1` has one entry per weight of `W1`: one row per hidden neuron, one column per **pixel** — 784
# columns. (The same table also labels $W^{[2]}$ as "$W^{[1]}$: 10 × 10", a typo.) A network whose sizes
# are all 10 hides such slips, because every wrong shape still fits; with $n_h = 16$ they show at once.

# %% [markdown]
# ### Exercise 1 · The shape of dW1
#
# A network 784 → 64 → 10. What is the shape of `dW1`? Answer with a tuple such as `(3, 5)`.

# %%
answer = ...
ml.check("05.shape_dW1", answer, lang=LANG)

# %% [markdown]
# ## Backpropagation, written out
#
# The four steps in code. `cache` holds what the forward pass computed (`A0` is `X`), and `ml.relu_prime`
# is $g'$ for ReLU from lesson 02:

# %% [markdown]
# ### Your turn · backpropagation
#
# Write the four steps yourself before you read ours: `my_backward(params, cache, Y)` with `Y` one-hot (10, m)
# and `cache` from the forward pass (`"A0"` is `X`). The check knows the classic mistakes - the original's
# bias sum, a missing 1/m, `relu_prime` of the wrong matrix - and names them.

# %%
def my_backward(params, cache, Y):
    ...  # the four steps above; return {"dW1": ..., "db1": ..., "dW2": ..., "db2": ...}


answer = ...  # when my_backward is written: answer = my_backward
ml.check("05.backward", answer, lang=LANG)

# %%
def backward(params, cache, Y):
    m = Y.shape[1]
    dZ2 = (cache["A2"] - Y) / m  # (10, m): prediction minus truth, the 1/m of the mean inside
    dW2 = dZ2 @ cache["A1"].T  # (10, m) @ (m, n_h) -> (10, n_h)
    db2 = dZ2.sum(axis=1, keepdims=True)  # (10, 1): sum over the images only
    dZ1 = (params["W2"].T @ dZ2) * ml.relu_prime(cache["Z1"])  # (n_h, 10) @ (10, m) -> (n_h, m)
    dW1 = dZ1 @ cache["A0"].T  # (n_h, m) @ (m, 784) -> (n_h, 784)
    db1 = dZ1.sum(axis=1, keepdims=True)  # (n_h, 1)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


grads = backward(params, cache, Y)
for name, gradient in grads.items():
    print(f"{name}: {gradient.shape}    {name[1:]}: {params[name[1:]].shape}")

# %% [markdown]
# The checks: every gradient has the shape of its parameter, and all four equal `ml.backward`:

# %%
expected = ml.backward(params, cache, Y)
for name, gradient in grads.items():
    assert gradient.shape == params[name[1:]].shape
    np.testing.assert_allclose(gradient, expected[name], rtol=1e-4, atol=1e-7)
print(sorted(expected))

# %% [markdown]
# ### Exercise 2 · db2 as a function
#
# Write a function `db2(E)` that gets the error `E = A2 - Y` (10 × m) — prediction minus truth, *before*
# the $\frac{1}{m}$ — and returns the gradient of the output biases $\partial L / \partial b^{[2]}$, shape
# (10, 1). Then set `answer = db2` — the check calls your function with its own test data.

# %%
answer = ...
ml.check("05.db2", answer, lang=LANG)

# %% [markdown]
# ## The gradient check: trust, but verify
#
# Both versions agree — but both could share the same mistake in the derivation. Backpropagation fails
# *quietly*: a wrong gradient still has the right shape, the network still trains a little, and nothing
# crashes. We need an independent test, and the definition of the derivative gives one: nudge a single
# weight $w$ by a tiny $\varepsilon$ in both directions and watch the loss:
#
# $$\frac{\partial L}{\partial w} \approx \frac{L(w + \varepsilon) - L(w - \varepsilon)}{2\varepsilon}$$
#
# These are **central differences**. The one-sided version $(L(w + \varepsilon) - L(w)) / \varepsilon$
# has an error proportional to $\varepsilon$; the central one, proportional to $\varepsilon^2$ — with
# $\varepsilon = 10^{-5}$ that is about $10^{-10}$ instead of $10^{-5}$.
#
# We pick the weight with the largest gradient in `dW1` and compute its numerical gradient:

# %%
def numerical_gradient(params, X, y, name, index, eps=1e-5, dtype=np.float64):
    p = {key: value.astype(dtype) for key, value in params.items()}  # copies: params stays unchanged
    X_ = X.astype(dtype)
    p[name][index] += eps
    plus = ml.cross_entropy(ml.forward(p, X_)[0], y)  # L(w + eps)
    p[name][index] -= 2 * eps
    minus = ml.cross_entropy(ml.forward(p, X_)[0], y)  # L(w - eps)
    return (plus - minus) / (2 * eps)


index = tuple(int(i) for i in np.unravel_index(np.abs(grads["dW1"]).argmax(), grads["dW1"].shape))
print("index =", index)
print("grads['dW1'][index]             =", grads["dW1"][index])
print("numerical_gradient(...)         =", numerical_gradient(params, X, y, "W1", index))
print("numerical_gradient(..., float32) =", numerical_gradient(params, X, y, "W1", index, dtype=np.float32))

# %% [markdown]
# In `float64` the two agree to many digits. In `float32` the numerical gradient is visibly off: a `float32`
# number keeps only about 7 significant digits, so the loss (about 2.3) is stored with an error of about
# $10^{-7}$. The difference $L(w + \varepsilon) - L(w - \varepsilon)$ is only about $2 \cdot 10^{-5}$ times
# the gradient — and the rounding error, divided by $2\varepsilon$, becomes a few percent of the result.
# That is why a gradient check always runs in `float64` (about 16 digits).
#
# The check: our `numerical_gradient` equals `ml.numerical_gradient`, which takes a list of indices:

# %%
np.testing.assert_allclose(numerical_gradient(params, X, y, "W1", index),
                           ml.numerical_gradient(params, X, y, "W1", indices=[index])[0], rtol=1e-6)

# %% [markdown]
# One entry proves little. `ml.gradient_check` compares backpropagation with central differences on 20
# entries of every parameter (both in `float64`) and reports, for each parameter, the **relative error**
#
# $$\frac{\lVert g_{\mathrm{backprop}} - g_{\mathrm{numerical}} \rVert}{\lVert g_{\mathrm{backprop}} \rVert + \lVert g_{\mathrm{numerical}} \rVert}$$
#
# Relative, so that it means the same for large and small gradients: around $10^{-9}$ is rounding noise —
# the gradient is right; above $10^{-6}$ is a bug; near 1 means the two have nothing to do with each other.

# %%
check = ml.gradient_check(params, X, y, rng=rng, lang=LANG)
print(check)
assert check.passed()

# %% [markdown]
# ### Exercise 3 · Read a gradient check
#
# Someone ran `ml.gradient_check` on their own backpropagation and got this table. Which parameter's
# gradient is wrong? Answer with its name as a string, e.g. `"W2"`.
#
# ```
# parameter  entries  relative error
# W1              20        3.10e-10
# b1              16        2.40e-01
# W2              20        8.70e-11
# b2              10        5.00e-10
# ```

# %%
answer = ...
ml.check("05.gradcheck_bug", answer, lang=LANG)

# %% [markdown]
# ## The bias bug of the original
#
# Now the original tutorial's backpropagation. Compare its `db2` and `db1` lines with our formulas:

# %%
ml.show_source(ml.origin.backward_prop)

# %% [markdown]
# The formula says "sum over the images". `np.sum(dZ2)` without `axis` sums over **everything** — all
# neurons *and* all images — and returns one number. Let's run it on our network and batch:

# %%
result = ml.origin.backward_prop(cache["Z1"], cache["A1"], cache["Z2"], cache["A2"],
                                 params["W1"], params["W2"], X, y)  # dW1, db1, dW2, db2
grads_orig = {"dW1": result[0], "db1": result[1], "dW2": result[2], "db2": result[3]}
print("grads_orig['db1'] =", grads_orig["db1"], "   shape:", np.shape(grads_orig["db1"]))
print("grads_orig['db2'] =", grads_orig["db2"])
print("grads['db1'][:5].ravel() =", grads["db1"][:5].ravel())

# %% [markdown]
# In `b1 - alpha * db1` that one number is subtracted from every bias: **all biases of a layer get the same
# gradient** and move together, as if a layer had only one bias. And `db2` is practically 0 — always:
# every column of $A^{[2]}$ sums to 1 and every column of $Y$ too, so the sum of all entries of
# $A^{[2]} - Y$ is $m - m = 0$. The original's output biases *never move*; they keep their random
# starting values for the whole training.
#
# The network still learns through its weights, which is why the bug went unnoticed. Would our gradient
# check have caught it? We compare the original's gradients (the scalar spread over all biases, exactly as
# the update does) with the numerical gradients `check` computed above, at the same entries:

# %%
def relative_error(a, b):
    return np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b))


errors = {}
for name in params:
    gradient = np.broadcast_to(grads_orig["d" + name], params[name].shape)  # a scalar -> every entry
    sampled = gradient.reshape(-1)[check.indices[name]]  # the entries the check perturbed
    errors[name] = relative_error(sampled, check.numerical[name])
    print(f"{name:3} {errors[name]:10.2e}")
assert errors["W1"] < 1e-6 and errors["W2"] < 1e-6
assert errors["b1"] > 1e-2 and errors["b2"] > 1e-2

# %% [markdown]
# The gradient check points right at the bug: the weights are fine, both biases are wrong — `b2` with a
# relative error near 1, because its gradient is 0 where it should not be. The fix is the one in our
# formula: sum over the images only, keep one number per neuron — `dZ2.sum(axis=1, keepdims=True)`.
#
# ## mnistlab's version
#
# From now on backpropagation is `ml.backward(params, cache, Y)`. It accepts the labels `y` instead of the
# one-hot `Y` too, and works for any number of layers. Its public function checks the arguments and
# computes $dZ$ of the last layer, $(A - Y) / m$, with the $\frac{1}{m}$ inside, as in our step 1:

# %%
ml.show_source(ml.backward)

# %% [markdown]
# The loop that walks back through the layers is our four steps, once per layer:

# %%
ml.show_source(ml.network._backward)

# %% [markdown]
# ## Summary
#
# - Backpropagation walks the forward pass backwards. Every `d<name>` is $\partial L / \partial$ name, and
#   the $\frac{1}{m}$ of the mean loss sits in $dZ^{[2]} = (A^{[2]} - Y) / m$ (softmax + cross-entropy);
#   then $dW^{[2]} = dZ^{[2]} A^{[1]T}$, $db^{[2]}$ = sum of $dZ^{[2]}$ over the images (`axis=1`),
#   $dZ^{[1]} = W^{[2]T} dZ^{[2]} \odot g'(Z^{[1]})$, $dW^{[1]} = dZ^{[1]} X^T$, $db^{[1]}$ likewise.
# - Every gradient has the shape of its parameter: `dW1` is $n_h$ × 784, not 10 × 10 as the original's
#   table says. Use sizes that differ (e.g. $n_h = 16$) so shape slips show.
# - A **gradient check** compares backprop with central differences $(L(w+\varepsilon) -
#   L(w-\varepsilon)) / 2\varepsilon$ in `float64`: relative error ≈ $10^{-9}$ is right, above $10^{-6}$ a bug.
# - The original's `np.sum(dZ)` gives all biases of a layer one shared gradient — and the output biases
#   none at all. The gradient check catches it at once; the fix is `sum(axis=1, keepdims=True)`.
#
# **Next:** [06a · Gradient descent](06a_gradient_descent.ipynb) — take the step, again and again: the network
# learns.

# %% [markdown]
# ## Solutions
#
# **Exercise 1.** `dW1` has the shape of `W1`: one row per hidden neuron, one column per pixel — (64, 784).

# %%
assert ml.check("05.shape_dW1", ml.init_params([784, 64, 10], rng=rng)["W1"].shape, lang=LANG)

# %% [markdown]
# **Exercise 2.** Divide by $m$ to get $dZ^{[2]}$, then sum each row over the images (`axis=1`) and keep
# the column shape — together the mean of each row of `E` over the images:

# %%
def db2(E):
    dZ2 = E / E.shape[1]
    return dZ2.sum(axis=1, keepdims=True)


assert ml.check("05.db2", db2, lang=LANG)

# %% [markdown]
# **Exercise 3.** `b1`: its relative error of 0.24 is far above $10^{-6}$; the others are rounding noise.
# (A bias gradient summed over the wrong axis looks exactly like this.)

# %%
assert ml.check("05.gradcheck_bug", "b1", lang=LANG)

# %%
assert ml.check("05.backward", backward, lang=LANG, save=False)  # save=False: the lesson's solution is not kept as your own
