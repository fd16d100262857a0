# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 00 · Start: a neural network for handwritten digits, from scratch
#
# **In this lesson** you will
# - see what we are going to build over the next lessons,
# - learn how to run a notebook and how the notation works,
# - check that your environment is ready (widgets, charts, data),
# - find out which data this notebook is using,
# - look at your first real handwritten digits.
#
# ⏱ about 20 minutes, with the exercises

# %% [markdown]
# ## What we will build
#
# A computer sees an image of a handwritten digit as a grid of 28 × 28 = 784 numbers, one brightness
# value per pixel. Our network reads those 784 numbers and answers with ten probabilities, one for each
# digit 0–9. In between sits a *hidden layer* of neurons that learns, on its own, which strokes matter.
#
# ```
#   784 pixels  ──►  hidden layer (e.g. 10 neurons, ReLU)  ──►  10 outputs (softmax)  ──►  "it's a 7"
# ```
#
# We write every part ourselves in NumPy — the forward pass, the loss, backpropagation, gradient
# descent — and check each part against the small helper package `mnistlab`. Once a lesson has taught
# something, later lessons simply import it from `mnistlab`. By the end, your network recognises more than
# nine out of ten digits it has never seen, and you will understand every line of it.
#
# This course starts from a popular tutorial network (784 → 10 → 10). Its widely copied code contains
# real bugs — we will find them, show what they do, and fix them.

# %% [markdown]
# ## How to use a notebook
#
# - A notebook is made of *cells*. Click into a code cell and press **Shift + Enter** to run it; the result
#   appears below the cell.
# - Run the cells from top to bottom. If something looks odd, use **Kernel → Restart Kernel and Run All
#   Cells** — every lesson runs on its own from a fresh start.
# - Sliders and buttons appear in later lessons: move them and watch the charts change.
#
# The first code cell of every lesson loads NumPy and `mnistlab`, and sets the language of charts and
# messages (`LANG`) and a random number generator with a fixed seed, so you see the same numbers as
# everyone else.

# %%
import numpy as np

import mnistlab as ml

LANG = "en"
rng = np.random.default_rng(0)

# %% [markdown]
# ## Is everything ready?
#
# The next cell checks your environment: Python, the packages for sliders and live charts, and where the
# digits will come from. Every row should show ✓; if one shows ✗, its last column says how to fix it.

# %%
report = ml.environment_check(lang=LANG)
report

# %% [markdown]
# Python cannot see your browser, so one thing only you can check: move the slider below. If the bar
# follows, sliders and live charts work. If you see "Error displaying widget" instead, reload the page
# (in Binder: wait until the kernel reads *Idle*, then **Kernel → Restart Kernel and Run All Cells**).

# %%
ml.widget_check(lang=LANG)

# %% [markdown]
# ## Notation
#
# One notation for the whole course — in the formulas, in our code and in `mnistlab`:
#
# | formula | code | shape |
# |---|---|---|
# | $X$ | `X` | (784, m), pixels in [0, 1], one column per image |
# | $y$ / $Y$ | `y` / `Y` | (m,) labels / (10, m) one-hot |
# | $W^{[1]}, b^{[1]}$ | `W1`, `b1` | (n_h, 784), (n_h, 1) |
# | $Z^{[1]} = W^{[1]}X + b^{[1]}$ | `Z1 = W1 @ X + b1` | (n_h, m) |
# | $A^{[2]} = \mathrm{softmax}(Z^{[2]})$ | `A2 = softmax(Z2)` | (10, m), columns sum to 1 |
# | $\partial L / \partial W^{[1]}$ | `dW1` | like `W1` |
# | $\partial L / \partial Z^{[2]} = (A^{[2]} - Y) / m$ | `dZ2` | (10, m), the 1/m inside |
# | $\alpha$ | `learning_rate` | scalar |
#
#
# Each index letter has one role:
#
# | index | counts | runs over | example |
# |---|---|---|---|
# | $i$ | images: column $i$ | $1 \dots m$ | $y_i$, $A^{[2]}_{ki}$ |
# | $k$ (and $c$) | classes = digits = output neurons: row $k$ of $Z^{[2]}$, $A^{[2]}$, $Y$ | $0 \dots 9$ | $Y_{ki}$, $C_{kc}$ |
# | $j$ | hidden neurons: row $j$ of $Z^{[1]}$, $A^{[1]}$, $W^{[1]}$ | $1 \dots n_h$ | $W^{[2]}_{kj}$ |
# | $p$ | inputs of a neuron (pixels in the first layer) | $1 \dots 784$ | $w_p x_p$ |
# | $[l]$ | layers, as a superscript | $1 \dots L$ | $W^{[l]}$ |
#
# $m$ is the number of images in a batch (the columns of $X$), $n_{\text{train}}$ the number of training
# images (lesson 08a), $n_h$ the number of hidden neurons. Every `d<name>` is $\partial L / \partial$ name.
#
# The most important line:
#
# $$Z^{[1]} = W^{[1]} X + b^{[1]}$$
#
# Each image is one **column** of $X$, so a whole batch of images goes through the network in one matrix
# product. The [glossary](../glossary.md) lists every term of the course in English and German.

# %% [markdown]
# ## Which data are we using?
#
# `ml.load_mnist()` finds the MNIST digits for you: from your local cache if you downloaded them before,
# otherwise it tries to download them (about 12 MB, checksummed), and without a network it uses a small
# sample of real MNIST digits that ships with `mnistlab`. It tells you which source it used — read the
# line it prints.

# %%
X, y = ml.load_mnist("train", lang=LANG)
source = ml.data_source()
print(f"{source.kind = }   {source.n_loaded = }")
print("X:", X.shape, X.dtype, " y:", y.shape, y.dtype)

# %% [markdown]
# Whatever the source, the format is always the same. The next cell *checks* this — in this course,
# a cell with `assert` is a test: if it runs without an error, the statement is true.

# %%
m = X.shape[1]
assert X.shape == (784, m) and X.dtype == np.float32
assert X.min() >= 0.0 and X.max() <= 1.0
assert y.shape == (m,) and set(np.unique(y)) == set(range(10))
print(f"{m = }   {X.min() = }   {X.max() = }   {np.unique(y) = }")

# %% [markdown]
# If you see *sample* above and want the full data set (60,000 training and 10,000 test images), run this
# once in a new cell while you are online (it downloads about 12 MB and checks every file):
#
# ```
# ml.download()
# ```
#
# Every lesson also works with the sample — just with fewer images.

# %% [markdown]
# ## Your first digits
#
# Here are the first images of the training set, each with its label. A column of $X$ holds 784 numbers;
# reshaped to 28 × 28 it becomes a picture again.

# %%
ml.charts.digit_grid(X[:, :16], y[:16], lang=LANG)

# %%
image = X[:, 0].reshape(28, 28)
print("y[0] =", y[0])
print("\n".join("".join("#" if v > 0.5 else ("+" if v > 0.1 else ".") for v in row) for row in image))

# %% [markdown]
# ## Check yourself
#
# Each lesson has a few short exercises. Replace `...` with your answer and run the cell: `ml.check` answers
# with ✓ or a hint. (Solutions are at the end of the lesson.)
#
# **Exercise 1.** How many numbers describe one MNIST image?

# %%
answer = ...
ml.check("00.n_pixels", answer, lang=LANG)

# %% [markdown]
# **Exercise 2.** You put 32 images into $X$. What is the shape of $X$? Answer with a pair like `(3, 5)`.

# %%
answer = ...
ml.check("00.shape_X", answer, lang=LANG)

# %% [markdown]
# ## Summary
#
# - We will build a network 784 → hidden layer → 10 in NumPy, and check every step.
# - `X` has one **column** per image: shape (784, m), values in [0, 1]; `y` holds the labels 0–9.
# - `ml.load_mnist()` always tells you where its data came from; offline, a real sample is used.
#
# **Next:** [01 · Data](01_data.ipynb) — a closer look at the images and how we prepare them.

# %% [markdown]
# ## Solutions
#
# 1. 28 × 28 = 784 pixels.
# 2. One column per image: (784, 32).

# %%
assert ml.check("00.n_pixels", 28 * 28, lang=LANG)
assert ml.check("00.shape_X", (784, 32), lang=LANG)
