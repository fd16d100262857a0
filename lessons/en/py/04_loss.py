# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 04 · Loss: how wrong is the network?
#
# **In this lesson** you will
# - turn labels into one-hot columns that can be compared with the network's output — and see why the
#   original tutorial's version breaks on a batch without a 9,
# - measure how wrong a prediction is with one number, the cross-entropy loss, and see why $\log 0$ needs
#   care,
# - measure why we use cross-entropy and not the squared error: it keeps pushing when the network is sure
#   and wrong,
# - read the ten probabilities the network gives for one image,
# - find out why an untrained network starts at a loss of about $\ln 10 \approx 2.30$.
#
# ⏱ about 45 minutes, with the exercises

# %%
import numpy as np

import mnistlab as ml

LANG = "en"
rng = np.random.default_rng(0)

# %% [markdown]
# ## Where we are
#
# In lesson 03 the network turned a batch of images `X` (784 × m) into probabilities `A2` (10 × m): one
# column per image, ten probabilities per column. To make the network better we first need to measure how
# wrong it is — with a single number, the **loss**. Lesson 05 then asks how that number changes when a
# weight changes, and lesson 06 turns the answer into learning.
#
# Here is an untrained network of the original tutorial's size, 784 → 10 → 10, on 1,000 training images:

# %%
X, y = ml.load_mnist("train", n=1000, lang=LANG)
params = ml.init_params([784, 10, 10], rng=rng)
A2, cache = ml.forward(params, X)
print("X:", X.shape, "  y:", y.shape, "  A2:", A2.shape)
print("y[:8] =", y[:8])

# %% [markdown]
# ## One-hot labels
#
# `y` holds one number per image, e.g. 3. `A2` holds ten probabilities per image. To compare the two, we
# write each label as a column of ten numbers too: a 1 in the row of the right digit, 0 everywhere else.
# The label 3 becomes the column (0, 0, 0, 1, 0, 0, 0, 0, 0, 0) — "100 % sure it is a 3". That is a
# **one-hot** column; for the whole batch they form a matrix `Y` of the same shape as `A2`:
#
# $$Y_{ki} = \begin{cases} 1 & k = y_i \\ 0 & k \neq y_i \end{cases}$$
#
# In NumPy: start with zeros and, in column $i$, set row `y[i]` to 1. Indexing with two arrays,
# `Y[y, np.arange(m)]`, picks exactly the pairs (row `y[i]`, column `i`).

# %% [markdown]
# ### Your turn · one-hot labels
#
# Write `my_one_hot(y)` for labels `y` of shape (m,): a (10, m) matrix with a 1 in row `y[i]` of column `i`.
# Then compare with ours below.

# %%
def my_one_hot(y):
    ...  # a (10, m) matrix with one 1 per column


answer = ...  # when my_one_hot is written: answer = my_one_hot
ml.check("04.one_hot", answer, lang=LANG)

# %%
def one_hot(y, n_classes=10):
    Y = np.zeros((n_classes, y.size), dtype=np.float32)  # always 10 rows, one column per image
    Y[y, np.arange(y.size)] = 1  # in column i, the row of its label
    return Y


Y = one_hot(y)
print("y[:5] =", y[:5])
print(Y[:, :5])

# %% [markdown]
# The check: our `one_hot` gives the same matrix as `ml.one_hot`, it has the shape of `A2`, and every
# column holds exactly one 1.

# %%
np.testing.assert_array_equal(one_hot(y), ml.one_hot(y))
assert Y.shape == A2.shape
assert np.all(Y.sum(axis=0) == 1)
print("Y:", Y.shape, Y.dtype)

# %% [markdown]
# ### Exercise 1 · One-hot by hand
#
# Write the one-hot matrix of the four labels `y_small = np.array([3, 0, 7, 3])` — with `np.zeros` and
# indexing, or by hand with `np.array`. (No `ml.one_hot`: that would be too easy.)

# %%
y_small = np.array([3, 0, 7, 3])
answer = ...
ml.check("04.one_hot_matrix", answer, lang=LANG)

# %% [markdown]
# ## The `Y.max() + 1` bug
#
# Here is the original tutorial's `one_hot`. Look at the size of the matrix it creates:

# %%
ml.show_source(ml.origin.one_hot)

# %% [markdown]
# The number of rows is `Y.max() + 1` — it is taken from the *data*. On the whole training set that is 10,
# because there is at least one 9 somewhere. But on a batch of images without a 9 it is 9 (or less). Here
# are eight images, none of them a 9:

# %%
batch = np.flatnonzero(y != 9)[:8]  # the first eight images that are not a 9
y_batch = y[batch]
print("y_batch =", y_batch)
print("ml.one_hot(y_batch).shape =", ml.one_hot(y_batch).shape)
print("ml.origin.one_hot(y_batch).shape =", ml.origin.one_hot(y_batch).shape)

# %% [markdown]
# How likely is such a batch? If about a tenth of the digits are nines, a random batch of $m$ images has no
# 9 with probability $0.9^{m}$. And an epoch — one pass over 60,000 images in batches of 64 — has 60,000 / 64
# batches:

# %%
for m in (8, 64):
    print(f"{m = :2}   {0.9 ** m = :.2%}")
print(f"{60_000 / 64 * 0.9 ** 64 = :.1f}")

# %% [markdown]
# So a batch of 8 lacks a 9 almost every other time, and even with batches of 64 about one batch per pass
# over the data has no 9. The original trains on the whole data set at once, so the bug never shows there.
# It bites as soon as you train on mini-batches (lesson 08a) or on a small subset. What breaks?
# The next step of training (lesson 05) computes `A2 - Y`, and that needs two matrices of the same shape:

# %%
A2_batch = A2[:, batch]  # the network's answers for these eight images: 10 rows
try:
    A2_batch - ml.origin.one_hot(y_batch)
except ValueError as error:
    print("ValueError:", error)

# %% [markdown]
# A crash is the *good* case: you notice it. Worse is a batch where the shapes happen to fit. If all images
# of a batch are zeros, `Y.max() + 1` is 1, so `Y` has a single row — and NumPy **broadcasts** that row to
# all ten rows of `A2` without complaining:

# %%
zeros = np.flatnonzero(y == 0)[:4]  # four images of the digit 0
Y_bad = ml.origin.one_hot(y[zeros])
wrong = A2[:, zeros] - Y_bad  # no error: (10, 4) - (1, 4) is broadcast
right = A2[:, zeros] - ml.one_hot(y[zeros])
print("Y_bad.shape =", Y_bad.shape, "  wrong.shape =", wrong.shape)
print("wrong[:, 0] =", wrong[:, 0].round(2))
print("right[:, 0] =", right[:, 0].round(2))

# %% [markdown]
# With the wrong `Y`, every digit counts as the right one. All ten numbers in the column are negative, so
# training would push *all ten* scores up (the unlikely digits hardest) instead of pushing the 0 up and the
# other nine down. The network learns something wrong from this batch, and no error message tells you.
#
# **The fix:** the number of rows is the number of classes, 10, fixed in advance — never read from the
# data. That is what our `one_hot` and `ml.one_hot` do. `ml.one_hot` also checks the labels: a label like
# 10 or −1 gets a clear error message instead of a silently wrong matrix.

# %% [markdown]
# ## Cross-entropy: how wrong, in one number
#
# For one image, look only at the probability $p$ the network gives the *right* digit. If $p = 1$, the
# network is perfect; the smaller $p$, the worse. The loss of one image is $-\log p$ (natural logarithm):

# %%
for p in (0.99, 0.9, 0.5, 0.1, 0.01, 1e-6):
    print(f"p = {p:<6g}  -np.log(p) = {-np.log(p):6.3f}")

# %% [markdown]
# $-\log p$ is 0 for a sure and right answer ($p = 1$), grows slowly while $p$ is large and very fast when $p$
# approaches 0: being confidently wrong costs the most. The **cross-entropy** of a batch is the mean over
# its $m$ images. With one-hot labels, the inner sum picks out exactly the right digit's probability:
#
# $$L = -\frac{1}{m} \sum_{i=1}^{m} \sum_{k=0}^{9} Y_{ki} \log A^{[2]}_{ki} = -\frac{1}{m} \sum_{i=1}^{m} \log A^{[2]}_{y_i i}$$
#
# We compute the right-hand form: pick the right digit's probability in every column, take $-\log$, average.

# %% [markdown]
# ### Your turn · the cross-entropy
#
# Write `my_cross_entropy(A, y)` for probabilities `A` (10, m) and labels `y` (m,): the *mean* over the images
# of −log of the right digit's probability. Mind a probability of exactly 0.

# %%
def my_cross_entropy(A, y):
    ...  # the mean of -log(A[y[i], i]) over the images i


answer = ...  # when my_cross_entropy is written: answer = my_cross_entropy
ml.check("04.cross_entropy", answer, lang=LANG)

# %%
def cross_entropy(A, y):
    m = y.size
    p = A[y, np.arange(m)]  # the probability of the right digit, one per image
    p = np.maximum(p, np.finfo(A.dtype).tiny)  # never log(0) - see below
    return float(-np.log(p).mean())  # mean over the batch


loss = cross_entropy(A2, y)
print(f"loss = {loss:.4f}")

# %% [markdown]
# The check: the same as `ml.cross_entropy`, which accepts the labels `y` or the one-hot `Y`:

# %%
np.testing.assert_allclose(cross_entropy(A2, y), ml.cross_entropy(A2, y), rtol=1e-6)
np.testing.assert_allclose(cross_entropy(A2, y), ml.cross_entropy(A2, Y), rtol=1e-6)
print("ml.cross_entropy(A2, y) =", ml.cross_entropy(A2, y))

# %% [markdown]
# ### Why $\log 0$ needs care
#
# Can a probability be exactly 0? Mathematically no — $e^{z}$ is never 0. But computers store numbers with
# limited precision. Suppose the network is very sure that two images are a 1: its score for "1" is 120 and
# all other scores are 0. In `float32`, $e^{-120}$ is too small to store and becomes exactly 0. For the
# first image the answer is right (label 1), for the second wrong (label 7). The textbook formula
# $-\sum_k Y_{ki} \log A_{ki}$ per image, and ours:

# %%
import warnings

Z_sure = np.zeros((10, 2), dtype=np.float32)
Z_sure[1] = 120  # two images, both scored as a sure 1
A_sure = ml.softmax(Z_sure)
y_sure = np.array([1, 7])  # the first is a 1 (right), the second a 7 (wrong)
print("A_sure[:, 0] =", A_sure[:, 0])
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")  # show every warning
    textbook = -np.sum(ml.one_hot(y_sure) * np.log(A_sure), axis=0)  # one loss per image
for warning in caught:
    print(f"{warning.category.__name__}: {warning.message}")
print("textbook =", textbook, "  textbook.mean() =", textbook.mean())
print("cross_entropy(A_sure, y_sure) =", cross_entropy(A_sure, y_sure))

# %% [markdown]
# The textbook formula fails twice:
# - $\log 0 = -\infty$, and $0 \cdot (-\infty)$ is `nan` ("not a number"). So even the *right* answer gets
#   the loss `nan`, just because some *other* digit had probability 0 — and one `nan` turns the mean over
#   the whole batch into `nan`.
# - Without that `nan`, the wrong answer would cost $-\log 0 = +\infty$: also useless as an average.
#
# Ours picks only the right digit's probability (no $0 \cdot \log 0$ anywhere) and never takes the log of
# anything smaller than the smallest *normal* `float32` number, `np.finfo(np.float32).tiny`. So the right
# image costs 0 and the confidently wrong one $-\log(\text{tiny}) \approx 87$ — the mean of the two is what
# you see above: very large, but finite, so charts and averages stay usable. `ml.cross_entropy` does the
# same. (The gradient in lesson 05 doesn't use the logarithm at all, so this guard changes only the number
# we report, not the learning.)
#
# The smallest normal number is not the smallest positive one:

# %%
tiny = np.finfo(np.float32).tiny  # the smallest NORMAL float32 number
smallest_subnormal = np.finfo(np.float32).smallest_subnormal  # the smallest POSITIVE float32 number
print(f"{tiny = :.3e}   -np.log(tiny) = {-np.log(tiny):.2f}")
print(f"{smallest_subnormal = :.3e}   -np.log(smallest_subnormal) = {-np.log(np.float64(smallest_subnormal)):.2f}")
print(f"{smallest_subnormal / 2 = }")

# %% [markdown]
# Below `tiny` lie the *subnormal* numbers, down to about $1.4 \cdot 10^{-45}$: positive, but with fewer and
# fewer significant bits — the smallest has only one, and half of it is 0. Clipping at the smallest
# normal number caps the loss of one image at about 87.3 in `float32`.

# %% [markdown]
# ### Exercise 2 · Sure and wrong, or unsure?
#
# Two networks answer the same two images, both of them a 3. `P_A` and `P_B` hold the probability each
# network gives the right digit, image by image:
# - network A is unsure but right on both images: 0.3 for the 3, the largest of its ten probabilities;
# - network B is sure: 0.99 for the 3 on the first image (right), 0.01 on the second (it is sure it sees
#   an 8).
#
# Which network has the lower loss — the mean cross-entropy over its two images — and by how much? Answer
# with the number `loss_b - loss_a` (you may use NumPy).

# %%
P_A = np.array([0.3, 0.3])  # network A: the right digit's probability for image 0 and image 1
P_B = np.array([0.99, 0.01])  # network B
answer = ...
ml.check("04.sure_and_wrong", answer, lang=LANG)

# %% [markdown]
# ## Why cross-entropy and not squared error?
#
# Another measure would be the squared distance between a column of `A2` and its one-hot column,
# $\frac{1}{2}\sum_k (A^{[2]}_{ki} - Y_{ki})^2$, averaged over the images: the **squared error**. It is 0
# for a perfect answer too. But it learns slowly exactly when the network is most wrong (Nielsen,
# *Neural Networks and Deep Learning*, ch. 3). Training (lessons 05 and 06) follows the *slope* of the loss:
# how much the loss changes when a score in `Z2` changes. We measure that slope for the right digit's score
# — nudge it up and down by a tiny $\varepsilon$ and see how the loss changes — for an image of a 3 that the
# network scores as an 8, from unsure (score 0) to sure and wrong (score 10):

# %%
def squared_error(A, Y):
    return float(((A - Y) ** 2).sum(axis=0).mean() / 2)  # half the squared distance, mean over the images


Y_3 = ml.one_hot(np.array([3])).astype(np.float64)  # one image, a 3
eps = 1e-5
nudge = np.zeros((10, 1))
nudge[3] = eps  # a tiny change of the right digit's score
for score_8 in (0.0, 2.0, 5.0, 10.0):
    Z = np.zeros((10, 1))
    Z[8] = score_8  # the score for "8"; every other score is 0
    p_3 = ml.softmax(Z)[3, 0]  # the probability of the right digit
    ce_slope, se_slope = [(loss(ml.softmax(Z + nudge), Y_3) - loss(ml.softmax(Z - nudge), Y_3)) / (2 * eps)
                          for loss in (ml.cross_entropy, squared_error)]
    print(f"{score_8 = :4}   {p_3 = :.1e}   {ce_slope = :+.3f}   {se_slope = :+.5f}")
    assert abs(ce_slope - (p_3 - 1)) < 1e-6  # cross-entropy's slope is p_3 - 1 (lesson 05: A - Y)

# %% [markdown]
# Both slopes are negative: raising the right digit's score lowers both losses. But cross-entropy's slope is
# exactly $p_3 - 1$ and stays near −1 however sure and wrong the network is, while the squared error's
# slope shrinks a thousandfold, from −0.09 to about −0.0001: the more confidently wrong the network, the
# weaker the push to correct it. The reason: when one score dominates, softmax hardly changes its outputs
# when a score moves (it is *saturated*), and the squared error's slope carries that small factor along (as
# it carries $\sigma'(z)$ for a sigmoid output). The $-\log$ of cross-entropy cancels it exactly — lesson 05
# shows how. That is why softmax goes together with cross-entropy.

# %% [markdown]
# ## Reading a prediction vector
#
# One column of `A2` is the network's whole answer for one image: ten probabilities that add up to 1. The
# **prediction** is the digit with the largest probability (`argmax`), the **confidence** is that
# probability, and the loss of this image is $-\log$ of the probability of the *true* digit — whatever the
# network predicted.

# %%
i = 0
p = A2[:, i]
print("p =", p.round(3))
print(f"p.sum() = {p.sum():.4f}   p.argmax() = {p.argmax()}   p.max() = {p.max():.3f}   y[i] = {y[i]}")
print(f"p[y[i]] = {p[y[i]]:.3f}   -np.log(p[y[i]]) = {-np.log(p[y[i]]):.3f}")

# %% [markdown]
# `p.argmax()` is the prediction, `p.max()` the confidence, `-np.log(p[y[i]])` the loss of this image. As a
# chart (the prediction in orange; hover over a bar for its value):

# %%
ml.charts.probabilities(p, lang=LANG, true_label=y[i])

# %% [markdown]
# ## Why an untrained network starts at $\ln 10$
#
# The bars are almost flat: the untrained network answers "roughly 10 % for every digit". That is no
# accident. Its weights are small random numbers (lesson 08b explains how they are chosen), so the ten scores
# in `Z2` are small and close to each other, and the softmax of nearly equal scores is nearly uniform. If
# every probability were exactly $\frac{1}{10}$, every image — and so their mean — would cost
#
# $$-\log \tfrac{1}{10} = \ln 10$$
#
# which is about 2.303. Our network is close:

# %%
print(f"ml.cross_entropy(A2, y) = {ml.cross_entropy(A2, y):.3f}   np.log(10) = {np.log(10):.3f}")
print(f"Z2: mean = {cache['Z2'].mean():+.3f}, std = {cache['Z2'].std():.3f}")
print(f"A2.min() = {A2.min():.3f}   A2.max() = {A2.max():.3f}")
assert abs(ml.cross_entropy(A2, y) - np.log(10)) < 0.1

# %% [markdown]
# This makes $\ln 10 \approx 2.30$ a handy **sanity check** for every new network with ten classes:
# - A fresh network far *above* 2.3 is confidently wrong before it has learned anything — its initial
#   weights are too large.
# - A training run that never gets *below* 2.3 has learned nothing: it is still guessing.
#
# The original tutorial's random weights (uniform in ±0.5, not scaled to the layer size) fail the first
# test:

# %%
W1_orig, b1_orig, W2_orig, b2_orig = ml.origin.init_params(rng)
A2_orig = ml.origin.forward_prop(W1_orig, b1_orig, W2_orig, b2_orig, X)[3]
print(f"ml.cross_entropy(A2_orig, y) = {ml.cross_entropy(A2_orig, y):.3f}   np.log(10) = {np.log(10):.3f}")
print(f"A2_orig.max() = {A2_orig.max():.3f}")

# %% [markdown]
# ### Exercise 3 · The uniform guess
#
# A network answers $\frac{1}{10}$ for every digit, for every image. What is its cross-entropy loss? Answer
# with a number (you may use NumPy).

# %%
answer = ...
ml.check("04.uniform_loss", answer, lang=LANG)

# %% [markdown]
# ## Summary
#
# - **One-hot:** label $y_i$ becomes column $i$ of `Y` (10 × m) with a single 1 in row $y_i$. Always 10
#   rows: the original's `Y.max() + 1` gives fewer on a batch without a 9 — a shape error, or, worse,
#   silently wrong gradients when the shapes broadcast.
# - **Cross-entropy:** $L = -\frac{1}{m}\sum_i \log A^{[2]}_{y_i i}$, the mean over the batch of $-\log$(the
#   right digit's probability). 0 is perfect; confidently wrong is expensive. Guard against $\log 0$: pick
#   the right probability and clip it to the smallest normal floating-point number (`ml.cross_entropy`);
#   the subnormal numbers below it are smaller still.
# - Cross-entropy, not squared error: its slope in the right digit's score is $p - 1$, a strong push even
#   when the network is sure and wrong, where the squared error's slope almost vanishes.
# - A prediction vector: `argmax` is the prediction, the largest probability the confidence.
# - An untrained network answers almost uniformly, so its loss is about $\ln 10 \approx 2.30$.
#
# **Next:** [05a · The chain rule, by hand](05a_chain_rule.ipynb) — which way to change each weight, first
# with single numbers.

# %% [markdown]
# ## Solutions
#
# **Exercise 1.** Ten rows (one per digit, even though there is no 9), four columns (one per image):

# %%
Y_small = np.zeros((10, 4))
Y_small[y_small, np.arange(4)] = 1
print(Y_small)
assert ml.check("04.one_hot_matrix", Y_small, lang=LANG)

# %% [markdown]
# **Exercise 2.** A costs $-\log 0.3 \approx 1.204$ per image; B costs $-\log 0.99 \approx 0.010$ and
# $-\log 0.01 \approx 4.605$, a mean of 2.308. So B's loss is higher by about 1.10, although B is right on one
# image with near certainty: one sure-and-wrong answer costs far more than a sure right answer saves.

# %%
loss_a, loss_b = -np.log(P_A).mean(), -np.log(P_B).mean()
print(f"{loss_a = :.4f}   {loss_b = :.4f}   {loss_b - loss_a = :.4f}")
assert ml.check("04.sure_and_wrong", loss_b - loss_a, lang=LANG)

# %% [markdown]
# **Exercise 3.** Every image costs $-\log 0.1 = \ln 10 \approx 2.303$, and so does their mean. Check it with
# a uniform prediction for 5 images:

# %%
A_uniform = np.full((10, 5), 0.1)
print(ml.cross_entropy(A_uniform, np.array([0, 3, 5, 7, 9])))
assert ml.check("04.uniform_loss", ml.cross_entropy(A_uniform, np.array([0, 3, 5, 7, 9])), lang=LANG)

# %%
assert ml.check("04.one_hot", one_hot, lang=LANG, save=False)  # save=False: the lesson's solution is not kept as your own

# %%
assert ml.check("04.cross_entropy", cross_entropy, lang=LANG, save=False)  # save=False: the lesson's solution is not kept as your own
