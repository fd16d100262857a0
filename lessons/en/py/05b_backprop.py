# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 05b · Backpropagation: all gradients at once, as matrices
#
# **In this lesson** you will
# - turn the chain rule of lesson 05a into matrix form, step by step: `dZ2` → `dW2`, `db2` → `dZ1` →
#   `dW1`, `db1`, together with the shape of each,
# - correct the shape table of the original tutorial, which gets one of them wrong,
# - write backpropagation yourself in a few lines and check it against `mnistlab`.
#
# ⏱ about 45 minutes, with the exercises

# %%
import numpy as np

import mnistlab as ml

LANG = "en"
rng = np.random.default_rng(0)

# %% [markdown]
# ## From one neuron to the whole network
#
# In [05a · The chain rule, by hand](05a_chain_rule.ipynb) you walked backwards through a tiny graph with plain
# numbers:
# one local derivative at a time, multiplied along the way, and for softmax with cross-entropy the derivative
# came out as *prediction minus truth*. Backpropagation does exactly that for every weight of the network at
# once — the only new thing here is bookkeeping: which matrix multiplies which, and in what shape.
#
# We use a small batch of 100 images and a hidden layer of $n_h = 16$ neurons — deliberately *not* 10, so
# that no two different sizes look alike:

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
# Lesson 05a found, for one image and two classes, $\partial \ell / \partial z_k = a_k - Y_k$. With ten
# classes the softmax couples them all, $\partial a_c / \partial z_k = a_c (\delta_{ck} - a_k)$ ($\delta_{ck}$
# is 1 if $c = k$, else 0), and the chain rule sums over them:
# $\partial \ell / \partial z_k = -\sum_c \frac{Y_c}{a_c}\, a_c (\delta_{ck} - a_k) = a_k - Y_k$, because
# the one-hot $Y$ sums to 1 — *prediction minus truth* again. The loss $L$ of
# the batch is the *mean* of the $m$ images' losses, so each image's share carries a factor $\frac{1}{m}$.
# For the whole batch, one column per image (10 × m):
#
# $$dZ^{[2]} = \frac{\partial L}{\partial Z^{[2]}} = \frac{1}{m}\left(A^{[2]} - Y\right)$$
#
# The $\frac{1}{m}$ sits in $dZ^{[2]}$, once; every gradient after it inherits it, so $dW$ and $db$ below
# need no $\frac{1}{m}$ of their own. (The original tutorial keeps $A^{[2]} - Y$ without it and divides in
# every $dW$ and $db$ instead — the same numbers, but then its "dZ2" is not $\partial L / \partial Z^{[2]}$.)
# A fact lesson 05c will use: every column of $dZ^{[2]}$ sums to 0, since the probabilities of an image sum
# to 1, and so does its one-hot column:

# %%
E = A2 - Y  # prediction minus truth, before the 1/m: dZ2 = E / m
print("(E / m).shape =", (E / m).shape, "   np.abs(E.sum(axis=0)).max() =", np.abs(E.sum(axis=0)).max())
assert np.allclose(E.sum(axis=0), 0, atol=1e-6)

# %% [markdown]
# ## Step 2 · The output weights and biases
#
# For a single neuron $z = w x + b$ the chain rule gives $\partial L / \partial w = \partial L / \partial z
# \cdot x$: the gradient at the output times the input the weight multiplies. Here
# $Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]}$: weight $W^{[2]}_{kj}$ multiplies $A^{[1]}_{ji}$ in every image $i$, so
# its gradient adds up "error of output $k$ × input $j$" over the images — exactly a matrix product,
# $(10, m) \cdot (m, n_h) \to (10, n_h)$:
#
# $$dW^{[2]} = dZ^{[2]} A^{[1]T} \qquad db^{[2]}_k = \sum_{i=1}^{m} dZ^{[2]}_{ki}$$
#
# The bias $b^{[2]}_k$ is added to output $k$ of every image (its local derivative is 1), so its gradient is
# the sum of row $k$ of $dZ^{[2]}$ — a sum over the **images** only, one number per neuron:
# `dZ2.sum(axis=1, keepdims=True)`, shape $(10, 1)$. With the $\frac{1}{m}$ inside $dZ^{[2]}$, that sum is
# the mean over the images of $A^{[2]} - Y$. (The original tutorial writes `np.sum(dZ2)` here, without an
# axis — lesson 05c shows what that does, and how a gradient check catches it.)
#
# ## Step 3 · Back into the hidden layer
#
# Hidden neuron $j$ feeds all ten outputs, with weights $W^{[2]}_{kj}$; its share of the blame in image $i$
# is $\sum_k W^{[2]}_{kj}\, dZ^{[2]}_{ki}$ — the matrix $W^{[2]T} dZ^{[2]}$, $(n_h, 10) \cdot (10, m) \to
# (n_h, m)$: a value that feeds several paths collects the gradients of all of them — the chain rule adds
# them up. Then back through the activation, element by element ($\odot$), since $A^{[1]} = g(Z^{[1]})$:
#
# $$dZ^{[1]} = W^{[2]T} dZ^{[2]} \odot g'(Z^{[1]})$$
#
# For ReLU, $g'$ is 1 where $Z^{[1]} > 0$ and 0 elsewhere: a neuron that was off for an image passes no
# gradient back for it.
#
# ## Step 4 · The hidden weights and biases
#
# Exactly like step 2, with $X$ as the input of the layer: $(n_h, m) \cdot (m, 784) \to (n_h, 784)$ and
# $(n_h, 1)$:
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
# - The bias gradient sums over the images only: `dZ.sum(axis=1, keepdims=True)`, one number per neuron.
#
# **Next:** [05c · The gradient check](05c_gradient_check.ipynb) — trust, but verify: test these gradients
# independently, and catch the original tutorial's bias bug.

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
# **Your turn · backpropagation.** Our `backward` above: the four steps, with the $\frac{1}{m}$ once, in
# `dZ2`.

# %%
assert ml.check("05.backward", backward, lang=LANG, save=False)  # save=False: the lesson's solution is not kept as your own
