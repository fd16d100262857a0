# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 08a · Training better
#
# **In this lesson** you will
# - train with **mini-batches** instead of the whole data set per step — and find the original's
#   **global-`m` bug**, which makes mini-batch steps hundreds of times too small,
# - start from **He initialisation** instead of uniform ±0.5, and see what it does to every layer,
# - go **deeper** (784-128-64-10), compare **ReLU and sigmoid**, and add a **learning-rate schedule**,
# - put **the original, the fixed and the deep network side by side** on the same data,
# - **save** a trained network to a file and **load** it again.
#
# ⏱ about 75 minutes, with the exercises

# %%
import math
import tempfile
import time
from pathlib import Path

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
# ## He initialisation
#
# The original draws every weight uniformly from $[-0.5, 0.5)$, whatever the layer size. But a neuron
# adds up $n_{\text{in}}$ products $w_p a_p$: the more inputs, the larger $z$. With 784 pixels and then 128
# hidden units feeding the next layer, the values grow from layer to layer, and the softmax at the end
# starts out *saturated*: the network is very sure — and wrong.
#
# **He initialisation** (Kaiming He et al., 2015) scales the weights to the number of inputs $n_{l-1}$ of
# the layer, so that the size of $z$ stays about the same in every layer. The factor 2 makes up for ReLU,
# which sets about half of the values to 0. Biases start at 0.
#
# $$W^{[l]} \sim \mathcal{N}\left(0, \frac{2}{n_{l-1}}\right), \qquad b^{[l]} = 0$$

# %%
def init_he(layer_sizes, rng):
    params = {}
    for l in range(1, len(layer_sizes)):
        n_in, n_out = layer_sizes[l - 1], layer_sizes[l]
        std = np.sqrt(2 / n_in)  # He: variance 2 / (number of inputs)
        params[f"W{l}"] = (rng.standard_normal((n_out, n_in)) * std).astype(np.float32)
        params[f"b{l}"] = np.zeros((n_out, 1), dtype=np.float32)
    return params


# %%
sizes = [784, 128, 64, 10]
he_inline = init_he(sizes, np.random.default_rng(1))
he_ml = ml.init_params(sizes, rng=np.random.default_rng(1), init="he")
for name in he_ml:
    np.testing.assert_array_equal(he_inline[name], he_ml[name])
print({name: value.shape for name, value in he_ml.items()})

# %% [markdown]
# Now the statistics per layer, for both kinds of start on the same images: the standard deviation of $Z$
# in each layer, the share of hidden units that ReLU lets through, the mean of the largest output
# probability (`max A3`) and the loss. A network that knows nothing should answer about 10 % for every digit,
# with a loss of $\ln 10 \approx 2.3$.

# %%
starts = {init: ml.init_params(sizes, rng=np.random.default_rng(1), init=init) for init in ("uniform", "he")}
print(f"{ml.t('lesson.init_header', LANG):8} {'Z1.std':>7} {'Z2.std':>7} {'Z3.std':>7} {'A1 > 0':>7} {'A2 > 0':>7} "
      f"{'max A3':>7} {ml.t('lesson.loss', LANG):>7}")
for init, params in starts.items():
    A3, cache = ml.forward(params, X_train)
    stds = [cache[f"Z{l}"].std() for l in (1, 2, 3)]
    alive = [(cache[f"Z{l}"] > 0).mean() for l in (1, 2)]
    print(ml.fmt("{init!r:8} {s1:7.2f} {s2:7.2f} {s3:7.2f} {a1:7.0%} {a2:7.0%} {top:7.0%} {loss:7.2f}", LANG,
                 init=init, s1=stds[0], s2=stds[1], s3=stds[2], a1=alive[0], a2=alive[1],
                 top=A3.max(axis=0).mean(), loss=ml.cross_entropy(A3, y_train)))

# %% [markdown]
# With uniform start weights (±0.5), the spread of $Z$ grows from layer to layer, the output is nearly
# one-hot and the loss is far above 2.3: the network starts *confidently wrong*, and its first steps go into
# undoing that. He keeps every layer on the same scale. Three epochs of training from both starts:

# %%
for init, params in starts.items():
    history = ml.train(params, X_train, y_train, learning_rate=0.1, n_epochs=3, batch_size=64,
                       rng=np.random.default_rng(2))
    print(f"{init!r:8}", ml.t("lesson.loss_val", LANG, loss=np.round(history.loss, 2),
                              val=ml.accuracy(y_val, ml.predict(params, X_val))))

# %% [markdown]
# ## Deeper, and ReLU vs sigmoid
#
# Our network so far has one hidden layer of 10 units. A **wider and deeper** network, 784-128-64-10,
# has two hidden layers with many more units, so it can combine simple strokes into more complex shapes.
#
# Which activation function should the hidden layers use? Sigmoid was the classic choice. Its derivative
# is at most 0.25, and backpropagation multiplies one such factor per layer — so in a deeper network the
# gradients of the first layers shrink (*vanishing gradients*) and they learn slowly. ReLU's derivative is
# 1 wherever the unit is active. Same network, same data, same seed, same learning rate; sigmoid gets the
# Xavier initialisation made for it:

# %%
deep = {}
for activation, init in (("relu", "he"), ("sigmoid", "xavier")):
    params = ml.init_params(sizes, rng=np.random.default_rng(1), init=init)
    history = ml.train(params, X_train, y_train, learning_rate=0.1, n_epochs=10, batch_size=64,
                       rng=np.random.default_rng(2), X_val=X_val, y_val=y_val, activation=activation)
    deep[activation] = params, history
    print(f"{activation!r:10}", ml.t("lesson.train_val", LANG, train=history.accuracy[-1],
                                     val=history.val_accuracy[-1]))

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
# The deep ReLU network again, now with learning rate 0.2 for epochs 1–5 and 0.02 for epochs 6–10
# (`schedule=` replaces `learning_rate=`). Compare the validation accuracy after each epoch with the constant
# learning rate from above: the schedule's curve should end up higher and steadier.

# %%
params_deep = ml.init_params(sizes, rng=np.random.default_rng(1))
history_deep = ml.train(params_deep, X_train, y_train, schedule=ml.step_decay(0.2, 5, 0.1), n_epochs=10,
                        batch_size=64, rng=np.random.default_rng(2), X_val=X_val, y_val=y_val)
print(f"{'learning_rate':16}", np.round(history_deep.learning_rate[1:], 3))
print(f"{ml.t('lesson.constant', LANG):16}", " ".join(f"{a:.0%}" for a in deep["relu"][1].val_accuracy[1:]))
print(f"{ml.t('lesson.schedule', LANG):16}", " ".join(f"{a:.0%}" for a in history_deep.val_accuracy[1:]))

# %% [markdown]
# ## The original vs the fixed vs the deep network
#
# Time for the showdown, on the same 2,000 images and with the same seed:
#
# - **the original** (`ml.origin.gradient_descent`): 784-10-10, uniform ±0.5, biases that move together,
#   full batch, $\alpha = 0.1$, 100 iterations — that is 100 passes over the data;
# - **the fixed network** (`ml.train`): 784-10-10, He initialisation, mini-batches of 64, $\alpha = 0.1$,
#   10 epochs;
# - **the deep network**: 784-128-64-10 with everything from this lesson — the run from just above.
#
# (The original works in float64, as its CSV file was read; we pass it the images as float64 too.)

# %%
accuracy_origin = []  # the original reports its training accuracy every 10 iterations
start = time.perf_counter()
W1, b1, W2, b2 = ml.origin.gradient_descent(X_train.astype(np.float64), y_train, 0.1, 100,
                                            np.random.default_rng(1),
                                            callback=lambda i, acc: accuracy_origin.append(acc))
seconds_origin = time.perf_counter() - start


def predict_origin(X):
    return ml.origin.get_predictions(ml.origin.forward_prop(W1, b1, W2, b2, X)[3])


params_fixed = ml.init_params([784, 10, 10], rng=np.random.default_rng(1))
history_fixed = ml.train(params_fixed, X_train, y_train, learning_rate=0.1, n_epochs=10, batch_size=64,
                         rng=np.random.default_rng(2))

# %%
rows = [("ml.origin 784-10-10", 10 * 784 + 10 + 10 * 10 + 10, 100, 100, seconds_origin,
         predict_origin(X_train), predict_origin(X_val))]
for name, params, history in (("ml.train 784-10-10", params_fixed, history_fixed),
                              ("ml.train 784-128-64-10", params_deep, history_deep)):
    steps = 10 * math.ceil(n_train / 64)  # 10 epochs of batches of 64
    rows.append((name, sum(p.size for p in params.values()), history.epoch[-1], steps, sum(history.seconds),
                 ml.predict(params, X_train), ml.predict(params, X_val)))
header = ml.t("lesson.compare_header", LANG).split()
print(f"{'':24} {header[0]:>9} {header[1]:>8} {header[2]:>9} {header[3]:>6} {header[4]:>8} {header[5]:>7}")
for name, n_params, epochs, steps, seconds, pred_train, pred_val in rows:
    print(ml.fmt("{name:24} {n:9,} {epochs:8} {steps:9} {s:6.2f} {train:8.1%} {val:7.1%}", LANG, name=name,
                 n=n_params, epochs=epochs, steps=steps, s=seconds, train=ml.accuracy(y_train, pred_train),
                 val=ml.accuracy(y_val, pred_val)))

# %% [markdown]
# In the table, `params` is the number of parameters, `epochs` the passes over the data, `steps` the
# gradient steps and `s` the seconds. The chart shows the training accuracy of all three per pass over the
# data (for the mini-batch runs it is the mean over each epoch's batches):

# %%
figure = ml.charts.accuracy_curve({"epoch": list(range(0, 100, 10)), "accuracy": accuracy_origin}, lang=LANG)
figure.data[0].name = rows[0][0]
for (name, *_), history, colour in ((rows[1], history_fixed, "orange"), (rows[2], history_deep, "green")):
    trace = ml.charts.accuracy_curve(history, lang=LANG).data[0]
    figure.add_trace(trace.update(name=name, line_color=ml.charts.OKABE_ITO[colour]))
figure

# %% [markdown]
# Read the table and the chart together:
#
# - The fixed 784-10-10 network has exactly as many parameters as the original, yet after 10 passes it is
#   usually far ahead of the original after 100: many small steps per pass beat one exact step, and a sane
#   start saves the first epochs. (The original tutorial trains for 500 iterations to get its result.)
# - The deep network has more than ten times as many parameters and puts them to use. With only 2,000
#   training images it can also overfit more: compare the gap between its training and validation accuracy
#   with the small network's.
# - The seconds depend on your machine and on what else it is doing at the moment.

# %% [markdown]
# ## Saving and loading a model
#
# Training takes time; a trained network is just its arrays `W1, b1, W2, …`. `ml.save_model` writes them
# (and a little information about the network) into one `.npz` file; `ml.load_model` reads it back. We
# write into a temporary folder that is deleted afterwards — in your own work, pick a real path.

# %%
with tempfile.TemporaryDirectory() as folder:
    path = ml.save_model(Path(folder) / "deep.npz", params_deep, meta={"epochs": history_deep.epoch[-1]})
    print(ml.t("lesson.file_size", LANG, name=path.name, size=path.stat().st_size))
    params_loaded, meta = ml.load_model(path)
print(meta)

# %%
for name in params_deep:
    np.testing.assert_array_equal(params_loaded[name], params_deep[name])
np.testing.assert_array_equal(ml.predict(params_loaded, X_val), ml.predict(params_deep, X_val))

# %% [markdown]
# ## Try it yourself
#
# The training panel from lesson 06 can do everything from this lesson: choose the experiment *deeper:
# 784-128-64-10* or *the original*, change the batch size, the initialisation, the activation function,
# and press **Train**. Same seed and same settings always give the same result.

# %%
ml.training_panel(X_train, y_train, X_val, y_val, lang=LANG, preset="deep_128_64")

# %% [markdown]
# ## Exercises
#
# **Exercise 1.** Write a function `n_params(layer_sizes)` that returns the number of parameters (all
# weights and biases) of a network with the given layer sizes, e.g. `n_params([784, 128, 64, 10])`.

# %%
def n_params(layer_sizes):
    ...  # your code here


answer = ...  # when your function is ready: answer = n_params
ml.check("08.n_params", answer, lang=LANG)

# %% [markdown]
# **Exercise 2 · One epoch of mini-batches, yourself.** Write `my_epoch(params, X, y, learning_rate,
# batch_size, rng)`: shuffle with `order = rng.permutation(m)` (as `ml.train` does), then for each batch of
# `batch_size` columns of `order` - the last one may be smaller - one forward pass, one backward pass and one
# update of every parameter. Return `params`. The check compares your parameters after one epoch with
# `ml.train(..., n_epochs=1, batch_size=..., rng=...)` from the same seed, and knows the global-m bug.

# %%
def my_epoch(params, X, y, learning_rate, batch_size, rng):
    ...  # order = rng.permutation(y.size); for each batch: forward, backward, update; return params


answer = ...  # when my_epoch is written: answer = my_epoch
ml.check("08.minibatch_epoch", answer, lang=LANG)

# %% [markdown]
# **Exercise 3.** With He initialisation, what is the standard deviation of the weights in `W2` of the
# network 784-128-64-10?

# %%
answer = ...
ml.check("08.he_std", answer, lang=LANG)

# %% [markdown]
# ## Summary
#
# - **Mini-batches**: shuffle every epoch, one step per batch of `batch_size` images,
#   $\lceil n_{\text{train}} / B \rceil$ steps per epoch. The gradient is a mean over *the batch*: the
#   original's global `m` shrank every mini-batch step to $B / M$ of its size.
# - **He initialisation** $\mathcal{N}(0, 2 / n_{l-1})$ keeps every layer on the same scale; uniform ±0.5
#   makes a deeper network start confidently wrong.
# - **Deeper** networks (784-128-64-10) learn more; **ReLU** keeps gradients alive where sigmoid lets them
#   vanish; a **learning-rate schedule** takes large steps first and small ones at the end.
# - `ml.save_model` / `ml.load_model` store a trained network in one `.npz` file.
#
# Next: draw your own digits and let the network read them:
# [09 · Your own handwriting](09_handwriting.ipynb)

# %% [markdown]
# ## Solutions
#
# Each cell checks a solution (and fails if it were wrong).

# %%
def n_params_solution(layer_sizes):
    pairs = zip(layer_sizes[:-1], layer_sizes[1:], strict=True)
    return sum(n_in * n_out + n_out for n_in, n_out in pairs)  # W: n_out x n_in, b: n_out


assert n_params_solution([784, 128, 64, 10]) == sum(p.size for p in params_deep.values())
assert ml.check("08.n_params", n_params_solution, lang=LANG)

# %%
def minibatch_epoch(params, X, y, learning_rate, batch_size, rng):  # exercise 2: one epoch as ml.train does it
    order = rng.permutation(y.size)
    for first in range(0, y.size, batch_size):
        batch = order[first:first + batch_size]  # the last batch may be smaller
        _, cache = ml.forward(params, X[:, batch])
        for name, gradient in ml.backward(params, cache, y[batch]).items():  # the mean over *this* batch
            params[name[1:]] -= learning_rate * gradient
    return params


assert ml.check("08.minibatch_epoch", minibatch_epoch, lang=LANG)

# %%
assert ml.check("08.he_std", np.sqrt(2 / 128), lang=LANG)  # fan_in of W2 = 128
