# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 01 · Data: what a computer sees in a handwritten digit
#
# **In this lesson** you will
# - open a real MNIST file and see a digit as 28 × 28 whole numbers from 0 to 255,
# - scale these numbers to the range [0, 1] (*normalising*),
# - flatten every image into one column of `X`, so that `X` has the shape (784, m),
# - look at many digits at once and count how often each digit occurs,
# - learn why the test set stays locked away until the very end.
#
# ⏱ about 35 minutes, with the exercises

# %%
import numpy as np

import mnistlab as ml

LANG = "en"
rng = np.random.default_rng(0)

# %% [markdown]
# ## The raw file: 28 × 28 numbers from 0 to 255
#
# MNIST comes as four files in a simple binary format called *IDX*: a short header (how many images, how
# many rows, how many columns), then one byte per pixel. `mnistlab` ships a sample of these files, and
# `ml.read_idx` reads one of them exactly as it is stored. (We open the sample's file here even if you have
# downloaded all of MNIST: it is small, and it is always there.)

# %%
sample_dir = ml.data.SAMPLE_DIR / "mnist"
raw = ml.read_idx(sample_dir / "train-images-idx3-ubyte.gz")
raw_labels = ml.read_idx(sample_dir / "train-labels-idx1-ubyte.gz")
print(f"{raw.shape = }   {raw.dtype = }   {raw.min() = }   {raw.max() = }")
print(f"{raw_labels.shape = }   {raw_labels[:10] = }")

# %% [markdown]
# `raw` is a stack of images: `raw[0]` is the first one, a 28 × 28 grid of whole numbers of type `uint8`
# (0 … 255). 0 is the black background, 255 the brightest ink. Here is the middle part of the first image,
# number by number — can you see the digit?

# %%
print("raw_labels[0] =", raw_labels[0])
for row in raw[0, 3:25, 3:25]:  # rows and columns 3..24: the border is (nearly always) empty
    print(" ".join(f"{value:3d}" for value in row))

# %% [markdown]
# ## Normalising: from 0 … 255 to [0, 1]
#
# Our network will multiply pixels by weights and add up the products. With pixel values up to 255 these
# sums become huge — in lesson 03 you will see huge sums break the original tutorial's code — and the
# weights would have to be tiny to make up for it. So we divide every pixel by 255: the background stays 0,
# the brightest ink becomes 1, everything else lies in between. This is called *normalising*.

# %%
image = raw[0] / 255
print(f"{image.dtype = }   {image.min() = }   {image.max() = }")
ink = raw[0][raw[0] > 0][:8]  # the first eight pixels with some ink, read row by row
print(ink)
print((ink / 255).round(2))

# %% [markdown]
# ## One column per image
#
# A neuron (next lesson) does not care that the pixels form a square: it reads a list of 784 numbers. So we
# *flatten* each image, row by row: first row 0 (positions 0–27), then row 1 (positions 28–55), and so on.
# The pixel in row $r$ and column $c$ lands at position
#
# $$i = 28\,r + c$$
#
# Then we put the flattened images side by side as the **columns** of one matrix $X$: one column per
# image. For $m$ images, $X$ has the shape (784, m). Why columns? Because then a whole batch of images goes
# through a layer of the network in one single matrix product, $W X$ (lesson 03).
#
# In NumPy that is one line: `reshape` the stack (m, 28, 28) to (m, 784) — one row per image —, turn rows
# into columns with `.T` (transpose), and divide by 255.

# %%
m = len(raw)
X_inline = raw.reshape(m, 784).T / 255  # (m, 28, 28) -> (m, 784) -> (784, m)
print("X_inline:", X_inline.shape)

r, c = np.argwhere(raw[0] == raw[0].max())[0].tolist()  # row, column of the first brightest pixel
print(f"{r = }  {c = }  {28 * r + c = }   {raw[0, r, c] = }   {X_inline[28 * r + c, 0] = }")
assert X_inline[28 * r + c, 0] == raw[0, r, c] / 255  # pixel (r, c) of image 0 is entry 28r + c of column 0

# %% [markdown]
# `ml.load_mnist` does exactly this for you. It stores the numbers as `float32` (4 bytes each instead of
# the 8 bytes of NumPy's default `float64`), which halves the memory. Let it load the same sample file and
# compare — this `assert` is the proof that our one line and `mnistlab` agree:

# %%
X_sample, y_sample = ml.load_mnist(path=sample_dir, lang=LANG)
print("X_sample:", X_sample.shape, X_sample.dtype)
np.testing.assert_allclose(X_inline, X_sample, rtol=1e-6)
assert (y_sample == raw_labels).all()

# %% [markdown]
# The order of `reshape` and `.T` matters. `raw.reshape(784, m)` has the right shape too — but `reshape`
# fills the new matrix row by row, so every column ends up with pixels from many different images. The
# shapes cannot catch a bug like this; a picture can. Here are the first ten "images" of the wrong layout:

# %%
X_wrong = raw.reshape(784, m) / 255  # right shape, wrong layout!
print("X_wrong:", X_wrong.shape, "  np.allclose(X_wrong, X_inline):", np.allclose(X_wrong, X_inline))
ml.charts.digit_grid(X_wrong[:, :10], lang=LANG)

# %% [markdown]
# ### Exercise 1 · Where does a pixel go?
#
# At which position of an image's column (0 … 783) does the pixel in **row 5, column 10** land? Rows and
# columns are counted from 0.

# %%
answer = ...
ml.check("01.pixel_index", answer, lang=LANG)

# %% [markdown]
# ### Exercise 2 · Images to columns
#
# Write a function `to_columns(images)` that takes raw images — a `uint8` array of shape (m, 28, 28) for
# any m — and returns `X` with shape (784, m) and values in [0, 1]. Try it on `raw[:5]` first. Then give the
# check the function itself, not its result: `answer = to_columns`.

# %%
def to_columns(images):
    ...  # your code: return X


answer = ...
ml.check("01.to_columns", answer, lang=LANG)

# %% [markdown]
# ## The training set
#
# From now on `ml.load_mnist` chooses the data: all of MNIST if you have downloaded it, otherwise the
# bundled sample. The line it prints tells you which.

# %%
X, y = ml.load_mnist("train", lang=LANG)
print("X:", X.shape, X.dtype, "  y:", y.shape, y.dtype)

# %% [markdown]
# ### Exercise 3 · How much memory does X need?
#
# The full MNIST training set has 60,000 images. How many **bytes** does `X` take for all of them, stored
# as `float32` (4 bytes per number)? Python is your calculator.

# %%
answer = ...
ml.check("01.memory", answer, lang=LANG)

# %% [markdown]
# Forty digits: row $k$ shows the $k$-th example of each digit 0, 1, …, 9 in the training set. Look how
# differently people write the same digit — that is what the network has to cope with. (Hover over a pixel
# to see its value.)

# %%
order = np.array([np.flatnonzero(y == digit)[k] for k in range(4) for digit in range(10)])
ml.charts.digit_grid(X[:, order], y[order], lang=LANG)

# %% [markdown]
# ## How often does each digit occur?
#
# If one digit were much more frequent than the others, a "network" could score well by always answering
# that digit. `np.bincount` counts the labels:

# %%
counts = np.bincount(y, minlength=10)
for digit, count in enumerate(counts):
    print(f"{digit}: {count:6d}  " + "█" * round(40 * count / counts.max()))
n_images = int(counts.sum())
baseline = counts.max() / n_images
print(f"{n_images = }   {baseline = :.3f}")

# %% [markdown]
# `baseline` is the share of the most frequent digit: always guessing that digit would be right this often.
# Any network we build has to beat it by far.

# %% [markdown]
# ## Training set and test set
#
# MNIST comes in two parts: a training set and a separate **test set** written by different people.

# %%
X_test, y_test = ml.load_mnist("test", lang=LANG)
print("X_test:", X_test.shape, "  y_test:", y_test.shape)
print("np.bincount(y_test):", np.bincount(y_test, minlength=10))

# %% [markdown]
# The network learns only from the training set. While we build it, we will make many choices: how many
# neurons, how fast to learn, how long to train. Each time we compare results and pick what works best —
# and each look at a result teaches *us* something about that data. If we tuned our choices on the test
# set, we would slowly fit the network to these particular test digits, and the final test accuracy would
# promise more than the network delivers on digits it has truly never seen.
#
# So the rule is: **the test set stays locked away while we tune**. We open it once, at the end
# (lesson 07), to get an honest estimate. For decisions along the way, a part of the *training* data is set
# aside instead (a *validation set*). It is like an exam: you practise with practice questions, not with the
# exam itself.
#
# (If you are using the bundled sample: its test digits are real MNIST digits that were held back from the
# official training file — not the official test set, but held back all the same.)

# %% [markdown]
# ## Summary
#
# - An MNIST image is 28 × 28 pixels with whole values 0 … 255 (`uint8`); dividing by 255 normalises them to
#   [0, 1].
# - Each image is flattened row by row (pixel $(r, c)$ → position $28r + c$) into one **column** of `X`:
#   `X = raw.reshape(m, 784).T / 255` has the shape (784, m). `ml.load_mnist` does exactly this.
# - A wrong layout can have the right shape: look at the pictures.
# - The test set is used once, at the end; choices are made without looking at it.
#
# **Next:** [02 · The neuron](02_neuron.ipynb) — what a single neuron does with these 784 numbers.

# %% [markdown]
# ## Solutions
#
# **Exercise 1.** Rows 0 to 4 come first, 5 rows of 28 pixels; then 10 more: $5 \cdot 28 + 10 = 150$.

# %%
assert ml.check("01.pixel_index", 5 * 28 + 10, lang=LANG)

# %% [markdown]
# **Exercise 2.** Reshape to one row per image, transpose, normalise:

# %%
def to_columns(images):
    return images.reshape(len(images), 784).T / 255


assert ml.check("01.to_columns", to_columns, lang=LANG)

# %% [markdown]
# **Exercise 3.** 784 numbers per image × 60,000 images × 4 bytes = 188,160,000 bytes, about 188 MB — in
# `float64` it would be twice as much. That is why `mnistlab` uses `float32`, and why some lessons load only
# part of the data with `n=`.

# %%
assert ml.check("01.memory", 784 * 60_000 * 4, lang=LANG)
