# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 08a · Training better: mini-batches
#
# **In this lesson** you will
# - train with **mini-batches** instead of the whole data set per step — and find the original's
#   **global-`m` bug**, which makes mini-batch steps hundreds of times too small,
# - add a **learning-rate schedule**: large steps first, small steps at the end — and compare it with
#   constant learning rates, changing one thing at a time,
# - write **one epoch of mini-batch training** yourself.
#
# Lesson 08b then makes the network deeper.
#
# ⏱ about 40 minutes, with the exercises

# %%
import math

import numpy as np

import mnistlab as ml

LANG = "en"
rng = np.random.default_rng(0)

# %% [markdown]
# We use 2,000 training images throughout, so every experiment takes a few seconds, and 500 more training
# images as validation images to compare and choose on (`ml.train_val_split`, as in lesson 06). The test set
# stays locked: every choice in this lesson is made on validation data.

# %%
X_pool, y_pool = ml.load_mnist("train", n=2500, lang=LANG)
X_train, y_train, X_val, y_val = ml.train_val_split(X_pool, y_pool, 500, np.random.default_rng(1))
n_train = y_train.size  # the training-set size; m stays the batch size
print("X_train:", X_train.shape, " X_val:", X_val.shape)

# %% [markdown]
# ## Mini-batches
#
# The original computes the gradient on **all** training images before it takes a single step (*full
# batch*). That gradient is exact, but one pass over the data (an **epoch**) gives only one step.
#
# With **mini-batches** we shuffle the images at the start of every epoch, cut them into small batches of
# `batch_size` images, and take one step per batch. Each step's gradient is only an estimate — a bit noisy —
# but we get many steps per epoch:
#
# $$\text{steps per epoch} = \left\lceil \frac{n_{\text{train}}}{\text{batch size}} \right\rceil$$
#
# for $n_{\text{train}}$ training images (the last batch may be smaller; $m$ stays the number of images in
# one batch). One epoch of mini-batch training, written out:

# %%
def train_one_epoch(params, X, y, learning_rate, batch_size, rng):
    perm = rng.permutation(y.size)  # a new random order in every epoch
    for first in range(0, y.size, batch_size):
        idx = perm[first:first + batch_size]  # the images of this batch (the last one may be smaller)
        _, cache = ml.forward(params, X[:, idx])
        grads = ml.backward(params, cache, y[idx])  # the mean over the batch: divides by len(idx)
        for name in params:
            params[name] -= learning_rate * grads["d" + name]


print("n_train =", n_train, "  math.ceil(n_train / 64) =", math.ceil(n_train / 64))

# %% [markdown]
# `ml.train(..., batch_size=64, rng=...)` does exactly this. Two generators with the same seed give the same
# random numbers — the same start weights and the same shuffling — so both must end with the same weights:

# %%
params_inline = ml.init_params([784, 10, 10], rng=np.random.default_rng(1))
params_ml = ml.init_params([784, 10, 10], rng=np.random.default_rng(1))
train_one_epoch(params_inline, X_train, y_train, 0.1, 64, np.random.default_rng(2))
ml.train(params_ml, X_train, y_train, learning_rate=0.1, n_epochs=1, batch_size=64,
         rng=np.random.default_rng(2))
for name in params_ml:
    np.testing.assert_allclose(params_inline[name], params_ml[name], rtol=1e-4, atol=1e-6)

# %% [markdown]
# ## The global-`m` bug
#
# The gradient is a **mean** over the images of a step: the $\frac{1}{m}$ sits in
# $dZ^{[2]} = (A^{[2]} - Y) / m$ (lesson 05), and $m$ must be the number of images in *this* batch. The
# original reads `m` from a global variable set when the CSV file was loaded — the number of rows of the
# *whole* file, 42,000. With full batches that is (nearly) right. With a mini-batch of 100 images, every
# gradient comes out 420 times too small.
#
# `ml.origin.backward_prop` takes that `m` as an argument, so we can pass what the original used:

# %%
B, M_ORIGINAL = 100, 42_000  # a mini-batch, and the global m of the original (rows of its CSV file)
W1, b1, W2, b2 = ml.origin.init_params(rng)
idx = rng.permutation(n_train)[:B]
X_batch, y_batch = X_train[:, idx], y_train[idx]
Z1, A1, Z2, A2 = ml.origin.forward_prop(W1, b1, W2, b2, X_batch)
right = ml.origin.backward_prop(Z1, A1, Z2, A2, W1, W2, X_batch, y_batch)  # m = B, the batch
buggy = ml.origin.backward_prop(Z1, A1, Z2, A2, W1, W2, X_batch, y_batch, m=M_ORIGINAL)  # the global m
for name, g_right, g_buggy in zip(("dW1", "db1", "dW2", "db2"), right, buggy, strict=True):
    if np.linalg.norm(g_right) > 0:  # the original's scalar db2 is 0: each column of A2 - Y sums to 0
        print(f"{name}:  {np.linalg.norm(g_buggy) / np.linalg.norm(g_right) = :.6f}")
print(f"B / M = {B / M_ORIGINAL:.6f}")

# %%
for g_right, g_buggy in zip(right, buggy, strict=True):
    np.testing.assert_allclose(g_buggy, g_right * B / M_ORIGINAL)

# %% [markdown]
# Every step shrinks to $B / M$ of its right size ($M / B = 420$ times too small) — exactly as if the learning
# rate were $0.1 \cdot B / M$ instead of $0.1$. Nothing crashes, nothing warns; the network just hardly
# learns. Watch the loss:

# %%
for learning_rate in (0.1, 0.1 * B / M_ORIGINAL):
    params = ml.init_params([784, 10, 10], rng=np.random.default_rng(1))
    history = ml.train(params, X_train, y_train, learning_rate=learning_rate, n_epochs=3, batch_size=B,
                       rng=np.random.default_rng(2))
    print(f"learning_rate = {learning_rate:.6f}  ", ml.t("lesson.loss_val", LANG, loss=np.round(history.loss, 3),
                                                         val=ml.accuracy(y_val, ml.predict(params, X_val))))

# %% [markdown]
# The fix: take $m$ from the batch itself. `ml.backward` divides by `A_L.shape[1]`, the number of columns
# of the batch it is given, so it is right for any batch size.

# %% [markdown]
# ## A learning-rate schedule
#
# Large steps help early, when the weights are far from good; later they make the network jump around the
# minimum instead of settling in it. A **learning-rate schedule** starts large and gets smaller. The
# simplest is *step decay*: multiply the learning rate by `factor` every `drop_every` epochs.

# %%
def step_decay(initial, drop_every, factor=0.1):
    return lambda epoch: initial * factor ** ((epoch - 1) // drop_every)  # epochs count from 1


# %%
for epoch in range(1, 31):
    assert step_decay(0.2, 5, 0.1)(epoch) == ml.step_decay(0.2, 5, 0.1)(epoch)
print([round(step_decay(0.2, 5, 0.1)(epoch), 6) for epoch in range(1, 11)])

# %% [markdown]
# Four runs of our 784-10-10 network, 10 epochs of mini-batches of 64, all from the same start weights
# (`ml.init_params` chooses them; lesson 08b looks at how). The first three shuffle the batches the same way
# and differ in the learning rate only (`schedule=` replaces `learning_rate=`):
#
# - constant 0.2,
# - the schedule: 0.2 in epochs 1–5, then 0.02 in epochs 6–10,
# - constant 0.02,
# - and constant 0.2 once more, with another shuffling of the batches (seed 3 instead of 2).
#
# So the schedule differs from each constant run in **one** half of the training: from 0.2 only in epochs
# 6–10, from 0.02 only in epochs 1–5. The table shows the validation accuracy after each epoch, then the
# mean and the spread (largest minus smallest) over the last five epochs.

# %%
settings = [  # (label, learning rate or schedule, seed of the shuffling)
    (ml.fmt("{a}", LANG, a=0.2), {"learning_rate": 0.2}, 2),
    (ml.fmt("{a} -> {b}", LANG, a=0.2, b=0.02), {"schedule": ml.step_decay(0.2, 5, 0.1)}, 2),
    (ml.fmt("{a}", LANG, a=0.02), {"learning_rate": 0.02}, 2),
    (ml.t("lesson.seed_run", LANG, rate=0.2, seed=3), {"learning_rate": 0.2}, 3),
]
runs = []
for _, rate, seed in settings:
    params = ml.init_params([784, 10, 10], rng=np.random.default_rng(1))
    runs.append(ml.train(params, X_train, y_train, n_epochs=10, batch_size=64, rng=np.random.default_rng(seed),
                         X_val=X_val, y_val=y_val, **rate))
print(f"{'learning_rate':13}" + "".join(f"{epoch:>5}" for epoch in range(1, 11))
      + f"{ml.t('lesson.mean', LANG):>7}{ml.t('lesson.spread', LANG):>8}")
for (label, _, _), history in zip(settings, runs, strict=True):
    last5 = np.array(history.val_accuracy[6:])  # epochs 6-10
    print(f"{label:13}" + "".join(ml.fmt("{a:5.0%}", LANG, a=a) for a in history.val_accuracy[1:])
          + ml.fmt("{mean:7.1%}{spread:8.1%}", LANG, mean=last5.mean(), spread=np.ptp(last5)))
assert runs[1].val_accuracy[:6] == runs[0].val_accuracy[:6]  # epochs 0-5: the same run
print(ml.fmt("1 / {n} = {one:.1%}", LANG, n=y_val.size, one=1 / y_val.size))

# %% [markdown]
# How to read it:
#
# - **Schedule vs constant 0.2.** Epochs 1–5 are the very same run (the cell asserts it); only epochs 6–10
#   differ. There the schedule takes steps ten times smaller: compare the spread of the last five epochs —
#   the smaller it is, the less the network still jumps around.
# - **Schedule vs constant 0.02.** Epochs 6–10 use the same rate; only the start differs. Compare the first
#   columns: with 0.02 from the start, how far behind is it after one epoch, and has it caught up by epoch
#   10?
# - **How big is a difference?** The last run differs from the first in the order of the batches only —
#   the difference between those two rows is what chance alone does. A difference between other rows that
#   is not clearly larger tells you nothing. (One validation image is worth the percentage in the last
#   line.)

# %% [markdown]
# ## Exercises
#
# **Exercise 1 · The global-m bug as a learning rate.** A colleague trains with mini-batches of 32 images and
# learning rate 0.5. Her code, like the original, divides every gradient by the size of her whole training
# set, 2,000, instead of by the batch. Which learning rate would a correct `ml.train` need to take exactly
# the same steps as her code?

# %%
answer = ...
ml.check("08.global_m_rate", answer, lang=LANG)

# %% [markdown]
# **Exercise 2 · One epoch of mini-batches, yourself.** Write `my_epoch(params, X, y, learning_rate, batch_size, rng)`:
# shuffle with `order = rng.permutation(y.size)` (as `ml.train` does), then for each batch of `batch_size`
# columns of `order` — the last one may be smaller — one forward pass, one backward pass and one update of
# every parameter. Return `params`. The check compares your parameters after one epoch with
# `ml.train(..., n_epochs=1, batch_size=..., rng=...)` from the same seed, and knows the global-m bug.

# %%
def my_epoch(params, X, y, learning_rate, batch_size, rng):
    ...  # order = rng.permutation(y.size); for each batch: forward, backward, update; return params


answer = ...  # when my_epoch is written: answer = my_epoch
ml.check("08.minibatch_epoch", answer, lang=LANG)

# %% [markdown]
# ## Summary
#
# - **Mini-batches**: shuffle every epoch, one step per batch of `batch_size` images,
#   $\lceil n_{\text{train}} / B \rceil$ steps per epoch. The gradient is a mean over *the batch*: the
#   original's global `m` shrank every mini-batch step to $B / M$ of its size.
# - A **learning-rate schedule** takes large steps first and small ones at the end. Compare runs that differ
#   in one thing only, and judge a difference against what one validation image is worth.
#
# Next: deeper networks — how to choose the start weights, and why gradients vanish:
# [08b · Deeper networks](08b_deeper.ipynb)

# %% [markdown]
# ## Solutions
#
# Each cell checks a solution (and fails if it were wrong).

# %%
assert ml.check("08.global_m_rate", 0.5 * 32 / 2000, lang=LANG)  # her gradients are 32 / 2000 of the right ones

# %%
def minibatch_epoch(params, X, y, learning_rate, batch_size, rng):  # one epoch as ml.train does it
    order = rng.permutation(y.size)
    for first in range(0, y.size, batch_size):
        batch = order[first:first + batch_size]  # the last batch may be smaller
        _, cache = ml.forward(params, X[:, batch])
        for name, gradient in ml.backward(params, cache, y[batch]).items():  # the mean over *this* batch
            params[name[1:]] -= learning_rate * gradient
    return params


assert ml.check("08.minibatch_epoch", minibatch_epoch, lang=LANG)
