# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 03 · Forward pass and shapes
#
# **In this lesson** you will
# - stack neurons into layers and follow the shape of every matrix, from `X` (784 × m) to `A2` (10 × m),
# - write the whole forward pass of our network in a few lines and check it against `mnistlab`,
# - turn the network's scores into probabilities with softmax,
# - find the overflow bug in the original tutorial's softmax — and fix it with one subtraction.
#
# ⏱ about 50 minutes, with the exercises

# %%
import numpy as np

import mnistlab as ml

LANG = "en"
rng = np.random.default_rng(0)

# %% [markdown]
# ## From one neuron to a layer
#
# In lesson 02 one neuron had a weight vector $w$ (784 numbers) and a bias $b$. A layer of $n_h$ neurons
# stacks their weight vectors as the **rows** of a matrix $W^{[1]}$ ($n_h \times 784$) and their biases
# into a column $b^{[1]}$ ($n_h \times 1$). Then one matrix product computes every neuron for every image:
#
# $$Z^{[1]} = W^{[1]} X + b^{[1]}, \qquad A^{[1]} = \mathrm{ReLU}\bigl(Z^{[1]}\bigr)$$
#
# Row $j$ of $Z^{[1]}$ belongs to neuron $j$, column $i$ to image $i$. The bias $b^{[1]}$ has only one
# column: NumPy *broadcasts* it, i.e. adds it to each of the $m$ columns.
#
# The output layer has 10 neurons, one per digit. They read the $n_h$ outputs of the hidden layer:
#
# $$Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]}, \qquad A^{[2]} = \mathrm{softmax}\bigl(Z^{[2]}\bigr)$$
#
# That is the whole *forward pass*: from the pixels in, to ten numbers per image out.

# %% [markdown]
# ## The shapes explorer
#
# Move the sliders: the number of neurons in the hidden layer, a second hidden layer, the batch size $m$.
# Watch which matrices change their shape — and which don't. Every product follows one rule:
# $(a \times b)$ @ $(b \times c)$ → $(a \times c)$; the two inner numbers must match.

# %%
ml.shapes_explorer(lang=LANG)

# %% [markdown]
# ### Exercise 1 · The shape of W1
#
# One hidden layer with $n_h = 32$ neurons, a batch of $m = 100$ images. What is the shape of `W1`? Answer
# with a tuple such as `(3, 5)`.

# %%
answer = ...
ml.check("03.shape_W1", answer, lang=LANG)

# %% [markdown]
# ### Exercise 2 · The shape of Z1
#
# Same network, same batch ($n_h = 32$, $m = 100$): what is the shape of `Z1`?

# %%
answer = ...
ml.check("03.shape_Z1", answer, lang=LANG)

# %% [markdown]
# ## The forward pass, written out
#
# Now with real numbers: 200 training images and the network of the original tutorial, 784 → 10 → 10.
# `ml.init_params` creates the weights (small random numbers; lesson 08b explains how they are chosen) and
# zero biases, as a dictionary:

# %%
X, y = ml.load_mnist("train", n=200, lang=LANG)
params = ml.init_params([784, 10, 10], rng=rng)
for name, value in params.items():
    print(name, value.shape, value.dtype)
W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]

# %%
Z1 = W1 @ X + b1  # (10, 784) @ (784, 200) + (10, 1) -> (10, 200)
A1 = ml.relu(Z1)
Z2 = W2 @ A1 + b2  # (10, 10) @ (10, 200) + (10, 1) -> (10, 200)
print("Z1:", Z1.shape, "  A1:", A1.shape, "  Z2:", Z2.shape)
print("Z2[:, 0] =", Z2[:, 0].round(2))

# %% [markdown]
# Each column of `Z2` holds ten **scores** for one image, one per digit. The largest score is the network's
# answer. But scores can be negative and don't add up to anything in particular; we want **probabilities**:
# ten numbers between 0 and 1 that add up to 1.
#
# ## Softmax: from scores to probabilities
#
# $$\mathrm{softmax}(z)_k = \frac{e^{z_k}}{\sum_{c=0}^{9} e^{z_c}}$$
#
# $e^{z}$ makes every score positive (and a larger score a larger number); dividing by the sum makes the
# ten numbers add up to 1. Column by column, in NumPy:

# %%
def softmax_naive(Z):
    E = np.exp(Z)
    return E / E.sum(axis=0, keepdims=True)  # each column divided by its own sum


A2 = softmax_naive(Z2)
print("A2[:, 0] =", A2[:, 0].round(3))
print("A2.sum(axis=0)[:5] =", A2.sum(axis=0)[:5])

# %% [markdown]
# It works — for these scores. This is exactly what the original tutorial does:

# %%
ml.show_source(ml.origin.softmax)

# %% [markdown]
# ## The overflow bug
#
# What if a score is large, say 1000? Scores grow when training runs with too high a learning rate, or when
# someone forgets to normalise the pixels (lesson 01). Let's feed one column of three scores into the
# original's softmax. NumPy warns about what goes wrong; we catch its warnings and print them:

# %%
import warnings

Z_big = np.array([[1000.0], [10.0], [-5.0]])  # one column, three scores
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")  # show every warning, also repeated ones
    print("np.exp(Z_big).ravel() =", np.exp(Z_big).ravel())
    print("ml.origin.softmax(Z_big).ravel() =", ml.origin.softmax(Z_big).ravel())
for warning in caught:
    print(f"{warning.category.__name__}: {warning.message}")

# %% [markdown]
# $e^{1000}$ has 435 digits; the largest number a `float64` can hold is about $1.8 \cdot 10^{308}$. So
# `np.exp(1000)` *overflows* to `inf`, the sum becomes `inf`, and $\infty / \infty$ is `NaN` ("not a
# number"). The correct answer would have been almost exactly (1, 0, 0). Where does `np.exp` overflow?

# %%
print("np.log(np.finfo(np.float64).max) =", np.log(np.finfo(np.float64).max))
print("np.log(np.finfo(np.float32).max) =", np.log(np.finfo(np.float32).max))

# %% [markdown]
# In `float32` — the type `mnistlab` uses — a score above about 89 is already enough. And it is not an
# exotic case. Here is the original network (its own random weights from `ml.origin.init_params`) on our
# 200 images, with one common slip: the pixels were not divided by 255.

# %%
W1_orig, b1_orig, W2_orig, b2_orig = ml.origin.init_params(rng)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    _, _, Z2_orig, A2_orig = ml.origin.forward_prop(W1_orig, b1_orig, W2_orig, b2_orig, X * 255)
for warning in caught:
    print(f"{warning.category.__name__}: {warning.message}")
n_nan = int(np.isnan(A2_orig).any(axis=0).sum())
print(f"{np.abs(Z2_orig).max() = :.0f}   {n_nan = } / {X.shape[1]}")
assert n_nan > 0

# %% [markdown]
# `n_nan` images get `NaN` probabilities. `NaN` is contagious: the loss becomes `NaN`, then every gradient,
# then every weight — after one training step the whole network is `NaN`.
#
# ## The fix: subtract the column maximum
#
# For any number $s$, $e^{z_k - s} = e^{z_k} \cdot e^{-s}$: the factor $e^{-s}$ appears in every term of the
# numerator and of the sum, and cancels. So softmax does not change when we subtract the same number from
# all scores of a column. We choose $s = \max_c z_c$:
#
# $$\mathrm{softmax}(z)_k = \frac{e^{z_k - s}}{\sum_{c=0}^{9} e^{z_c - s}}, \qquad s = \max_c z_c$$
#
# Now the largest exponent is exactly 0 and all others are negative: every $e^{\dots}$ lies between 0 and 1,
# nothing can overflow. (Very negative exponents give 0, which is harmless: the largest score contributes
# $e^0 = 1$ to the sum, so we never divide by 0.)

# %% [markdown]
# ### Your turn · a softmax that never overflows
#
# Write it yourself before you read ours: `my_softmax(Z)` for `Z` of shape (10, m), each column a probability
# vector. The check tries huge scores too.

# %%
def my_softmax(Z):
    ...  # column by column, also for scores around 1000


answer = ...  # when my_softmax is written: answer = my_softmax
ml.check("03.softmax", answer, lang=LANG)

# %%
def softmax(Z):
    E = np.exp(Z - Z.max(axis=0, keepdims=True))  # largest exponent per column is 0: no overflow
    return E / E.sum(axis=0, keepdims=True)


print("softmax(Z_big).ravel() =", softmax(Z_big).ravel())

# %% [markdown]
# The checks: our `softmax` equals `ml.softmax`, equals the naive version where that one works, and its
# columns add up to 1 even for scores of ±10 000:

# %%
Z_huge = rng.normal(0, 1, size=(10, 50)) * 1e4  # scores around ±10 000
Z_huge[:, 0] = [1e4, -1e4, 0, 0, 0, 0, 0, 0, 0, 1e4]
with warnings.catch_warnings():
    warnings.simplefilter("error")  # any overflow warning would now fail this cell
    P = softmax(Z_huge)
np.testing.assert_allclose(P, ml.softmax(Z_huge))
np.testing.assert_allclose(P.sum(axis=0), 1)
np.testing.assert_allclose(softmax(Z2), softmax_naive(Z2), rtol=1e-5)
print("P[:, 0] =", P[:, 0])

# %% [markdown]
# ### Exercise 3 · Softmax of huge scores
#
# What is the softmax of the column $z = (1000, 1000, 1000, 1000)$? Answer with four numbers. (Try the
# original's `ml.origin.softmax` on it first — then think about what subtracting the maximum does.)

# %%
answer = ...
ml.check("03.softmax_column", answer, lang=LANG)

# %% [markdown]
# ### Your turn · the whole forward pass
#
# Put the pieces together: `my_forward(params, X)` computes `Z1`, `A1` (ReLU), `Z2` and `A2` (softmax) for a
# 784-n_h-10 network and returns `(A2, cache)`, where `cache` is a dict holding `"Z1"`, `"A1"`, `"Z2"` and
# `"A2"`. You may use `ml.relu` and `ml.softmax`.

# %%
def my_forward(params, X):
    ...  # return (A2, cache) with cache["Z1"], ["A1"], ["Z2"], ["A2"]


answer = ...  # when my_forward is written: answer = my_forward
ml.check("03.forward", answer, lang=LANG)

# %% [markdown]
# ## The whole forward pass, checked
#
# With the fixed softmax we finish the forward pass and compare every intermediate result with
# `ml.forward`. It returns the output `A2` and a `cache` with every intermediate result — `A0` (that is
# `X`), `Z1`, `A1`, `Z2`, `A2` —, which backpropagation will need in lesson 05:

# %%
A2 = softmax(Z2)
A2_ml, cache = ml.forward(params, X)
np.testing.assert_allclose(Z1, cache["Z1"], rtol=1e-6)
np.testing.assert_allclose(A1, cache["A1"], rtol=1e-6)
np.testing.assert_allclose(Z2, cache["Z2"], rtol=1e-6)
np.testing.assert_allclose(A2, A2_ml, rtol=1e-6)
print("A2:", A2.shape, A2.dtype, "  cache:", list(cache))

# %% [markdown]
# From now on the forward pass is `ml.forward(params, X)` and softmax is `ml.softmax`. What does the
# untrained network answer? The most probable digit of each column:

# %%
predictions = A2_ml.argmax(axis=0)
print("predictions[:12] =", predictions[:12])
print("y[:12]           =", y[:12])
print(f"{(predictions == y).mean() = :.2f}")

# %% [markdown]
# With random weights it is right about as often as blind guessing among ten digits would be. Making it
# better is the job of the next three lessons: measure how wrong it is (04 · loss), find out which way to
# change each weight (05 · backpropagation), and take the step (06 · gradient descent).

# %% [markdown]
# ## Summary
#
# - A layer is a matrix product: `Z1 = W1 @ X + b1` with `W1` ($n_h \times 784$), `X` ($784 \times m$),
#   `b1` ($n_h \times 1$, broadcast over the columns) gives `Z1` ($n_h \times m$). The weights do not depend
#   on $m$.
# - Forward pass: `A1 = relu(Z1)`, `Z2 = W2 @ A1 + b2`, `A2 = softmax(Z2)` — ten probabilities per column.
# - Softmax as in the original (`np.exp(Z) / sum`) overflows for scores above ~710 (`float64`) or ~89
#   (`float32`) and returns `NaN`. Subtracting the column maximum changes nothing in the result and makes
#   overflow impossible: that is `ml.softmax`.
#
# **Next:** [04 · Loss](04_loss.ipynb) — one number that says how wrong the network is.

# %% [markdown]
# ## Solutions
#
# **Exercise 1.** One row per hidden neuron, one column per pixel: (32, 784). The batch size does not
# appear — the same weights handle 1 or 10,000 images.

# %%
assert ml.check("03.shape_W1", ml.init_params([784, 32, 10], rng=rng)["W1"].shape, lang=LANG)

# %% [markdown]
# **Exercise 2.** (32, 784) @ (784, 100) → (32, 100): one row per neuron, one column per image.

# %%
assert ml.check("03.shape_Z1", (32, 100), lang=LANG)

# %% [markdown]
# **Exercise 3.** Subtract the maximum 1000: the column becomes (0, 0, 0, 0), and $e^0 = 1$ four times,
# divided by 4, gives 0.25 each. Four equal scores, four equal probabilities — however large they are.

# %%
assert ml.check("03.softmax_column", ml.softmax(np.full((4, 1), 1000.0)), lang=LANG)

# %%
assert ml.check("03.softmax", softmax, lang=LANG, save=False)  # save=False: the lesson's solution is not kept as your own

# %%
def forward(params, X):  # Exercise "03.forward": the cells above, as one function
    Z1 = params["W1"] @ X + params["b1"]
    A1 = ml.relu(Z1)
    Z2 = params["W2"] @ A1 + params["b2"]
    A2 = softmax(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


assert ml.check("03.forward", forward, lang=LANG, save=False)  # save=False: the lesson's solution is not kept as your own
