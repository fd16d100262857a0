# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 09 · Your own handwriting
#
# **In this lesson** you will
# - draw digits with your mouse, pen or finger and watch the network's probabilities change live,
# - find out why a drawing has to be **centred the MNIST way** before the network can read it,
# - see why a **photo** of a digit on paper has to be inverted,
# - run the very same code on **Fashion-MNIST**, pictures of clothes,
# - get pointers for where to go next.
#
# ⏱ about 35 minutes, with the exercises

# %%
import numpy as np

import mnistlab as ml

LANG = "en"
rng = np.random.default_rng(0)

# %% [markdown]
# ## A good network
#
# First we need a network worth talking to. We use the recipe of lessons 08a and 08b: 784-128-64-10,
# He initialisation, mini-batches and a learning-rate schedule — on 4,000 training images, so it takes only
# a few seconds.

# %%
X_train, y_train = ml.load_mnist("train", n=4000, lang=LANG)
X_test, y_test = ml.load_mnist("test", n=2000, lang=LANG)
params = ml.init_params([784, 128, 64, 10], rng=rng)
history = ml.train(params, X_train, y_train, schedule=ml.step_decay(0.2, 5, 0.1), n_epochs=8, batch_size=64,
                   rng=rng)
print(ml.t("lesson.test", LANG, test=ml.accuracy(y_test, ml.predict(params, X_test))))

# %% [markdown]
# ## Draw a digit
#
# Draw one digit **large** in the black box. While you draw, the right side shows *what the network sees*
# (your drawing turned into 28 × 28 pixels, the MNIST way) and its ten probabilities. **Clear** starts
# over. With **Upload a photo …** you can also send a picture of a digit written on paper — dark ink on
# light paper, one digit, nothing else in the picture.
#
# Try to fool it: a very thin 1, a 7 with a bar through the middle, a 4 that is open or closed at the top,
# a digit drawn tiny in a corner.

# %%
panel = ml.draw_digit(params, lang=LANG)
panel

# %% [markdown]
# ## Why the centring matters
#
# Each of the 784 inputs of our network is **one fixed pixel position**. The weights of `W1` have learned
# where the ink of a 0, a 1 or a 7 *usually is* in MNIST — and in MNIST every digit sits in the same place:
# scaled so that its longer side is 20 pixels, then moved so that its **centre of mass** lies in the
# middle of the 28 × 28 image.
#
# How much does position matter? Move all test images a few pixels down and to the right and measure
# again:

# %%
images = X_test.T.reshape(-1, 28, 28)
for shift in range(6):
    moved = np.zeros_like(images)
    moved[:, shift:, shift:] = images[:, :28 - shift, :28 - shift]  # shift down and right, fill with black
    accuracy = ml.accuracy(y_test, ml.predict(params, moved.reshape(-1, 784).T))
    print(f"{shift = } px  ", ml.t("lesson.test", LANG, test=accuracy))

# %% [markdown]
# A few pixels are enough to ruin it: our fully connected network has no idea that a 7 moved to the right
# is still a 7. So *your* drawing must be brought into the MNIST position before the network sees it.
#
# The **centre of mass** of an image is the brightness-weighted mean row and column:
#
# $$\bar r = \frac{\sum_{r,c} r \, x_{rc}}{\sum_{r,c} x_{rc}}, \qquad
# \bar c = \frac{\sum_{r,c} c \, x_{rc}}{\sum_{r,c} x_{rc}}$$
#
# Where is it for real MNIST digits? Let's measure:

# %%
def centre_of_mass(image):
    rows, cols = np.indices(image.shape)  # the row and the column number of every pixel
    return (rows * image).sum() / image.sum(), (cols * image).sum() / image.sum()


centres = np.array([centre_of_mass(image) for image in images])
print("centres.mean(axis=0):", centres.mean(axis=0).round(2))
print("centres.std(axis=0): ", centres.std(axis=0).round(2))

# %% [markdown]
# Rows and columns count from 0, so pixel 14 is just past the middle of the 28 pixels 0 … 27.
# `ml.preprocess_digit` does what MNIST did, in four steps. Here they are for a drawing on a black canvas,
# as the drawing widget sends it (grey values 0–255, light ink on black):

# %%
def round_half_up(value):
    return int(np.floor(value + 0.5))  # 2.5 -> 3 (Python's round(2.5) gives 2)


def preprocess_digit(canvas):
    ink = canvas / 255  # 0-255 -> [0, 1]
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    crop = ink[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]  # 1. cut out the ink
    height, width = crop.shape
    longer = max(height, width)
    shape = (max(1, round_half_up(height * 20 / longer)), max(1, round_half_up(width * 20 / longer)))
    box = ml.drawing.resize(crop, shape)  # 2. scale: the longer side becomes 20 px
    r, c = centre_of_mass(box)
    top, left = round_half_up(14 - r), round_half_up(14 - c)  # 3. centre of mass -> (14, 14)
    image = np.zeros((28, 28))
    image[top:top + box.shape[0], left:left + box.shape[1]] = box
    image /= image.max()  # 4. the brightest pixel becomes 1
    return image.reshape(784, 1).astype(np.float32)


# %% [markdown]
# A test drawing: a 7, drawn small into the top left corner of a 140 × 140 canvas, as someone in a hurry
# might draw it. "Before" is the whole canvas simply shrunk to 28 × 28; "after" is the preprocessed image.

# %%
canvas = np.zeros((140, 140), dtype=np.uint8)  # black, like the drawing canvas
canvas[10:20, 10:70] = 255  # the bar of the 7
for row in range(20, 85):  # its stem, slanting down to the left
    col = int(70 - 0.45 * (row - 20))
    canvas[row, col - 6:col + 4] = 255

before = ml.drawing.resize(canvas / 255, (28, 28)).reshape(784, 1).astype(np.float32)
after = preprocess_digit(canvas)
ml.charts.digit_grid(np.hstack([before, after]), lang=LANG)

# %%
np.testing.assert_allclose(after, ml.preprocess_digit(canvas, invert=False), atol=1e-6)
np.testing.assert_allclose(centre_of_mass(after.reshape(28, 28)), (14, 14), atol=0.5)

# %% [markdown]
# And what the network makes of the two:

# %%
P = ml.predict_proba(params, np.hstack([before, after]))
for key, p in zip(("lesson.before", "lesson.after"), P.T, strict=True):
    print(f"{ml.t(key, LANG):8}", ml.fmt("argmax = {k}   max = {top:.0%}   p[7] = {p7:.0%}", LANG, k=p.argmax(),
                                          top=p.max(), p7=p[7]))

# %% [markdown]
# The drawing widget above uses exactly this `ml.preprocess_digit`. You can hand it an image from Python,
# just as the browser does when you draw — scroll up afterwards: the right side now shows our 7. (The
# canvas itself stays as it was: it only sends.)

# %%
panel.canvas.set_image(canvas)
np.testing.assert_allclose(panel.x, after, atol=1e-6)
np.testing.assert_allclose(panel.proba, P[:, 1], rtol=1e-5)
print("panel.proba:", panel.proba.round(2))

# %% [markdown]
# ## Photos: dark ink on light paper
#
# A photo or scan of a digit is the *opposite* of MNIST: dark ink on light paper, and the paper is never
# perfectly white. Here is our 7 as such a photo — light grey paper with some noise, dark ink.
# `ml.preprocess_digit` inverts a picture when its border is mostly light (`invert="auto"`), subtracts the
# paper's grey and drops faint noise. Left to right: the photo shrunk to 28 × 28, preprocessed *without*
# inverting, and preprocessed as it should be:

# %%
photo = (215 - 0.7 * canvas + rng.normal(0, 8, canvas.shape)).clip(0, 255).astype(np.uint8)
shrunk = ml.drawing.resize(photo / 255, (28, 28)).reshape(784, 1)
not_inverted = ml.preprocess_digit(photo, invert=False)
inverted = ml.preprocess_digit(photo)  # invert="auto": the border is light, so it inverts
ml.charts.digit_grid(np.hstack([shrunk, not_inverted, inverted]), lang=LANG)

# %%
print("ml.predict:", ml.predict(params, np.hstack([not_inverted, inverted])))
np.testing.assert_allclose(inverted, ml.preprocess_digit(photo, invert=True))

# %% [markdown]
# Without inverting, the light paper counts as "ink", and the network sees a bright square of noise with
# a dark hole in it — nothing like MNIST. The upload button of the widget does the same as this cell:
# it sends your picture as a photo, and `invert="auto"` takes care of the rest.

# %% [markdown]
# ## The same code on Fashion-MNIST
#
# [Fashion-MNIST](https://github.com/zalandoresearch/fashion-mnist) (Zalando Research, 2017) was made
# as a harder drop-in for MNIST: 70,000 grey 28 × 28 pictures of clothes in ten classes — the same format,
# so **the same code** works unchanged. Only the meaning of the labels is different:
#
# | label | class | label | class |
# |---|---|---|---|
# | 0 | T-shirt/top | 5 | sandal |
# | 1 | trouser | 6 | shirt |
# | 2 | pullover | 7 | sneaker |
# | 3 | dress | 8 | bag |
# | 4 | coat | 9 | ankle boot |

# %%
X_fashion, y_fashion = ml.load_mnist("train", dataset="fashion", n=4000, lang=LANG)
X_fashion_test, y_fashion_test = ml.load_mnist("test", dataset="fashion", n=2000, lang=LANG)
params_fashion = ml.init_params([784, 128, 64, 10], rng=rng)
ml.train(params_fashion, X_fashion, y_fashion, schedule=ml.step_decay(0.2, 5, 0.1), n_epochs=8,
         batch_size=64, rng=rng)
y_fashion_pred = ml.predict(params_fashion, X_fashion_test)
print(ml.t("lesson.test", LANG, test=ml.accuracy(y_fashion_test, y_fashion_pred)))

C = ml.confusion_matrix(y_fashion_test, y_fashion_pred)
print(f"{ml.t('lesson.digit', LANG):13}" + " ".join(f"{k:>5}" for k in range(10)))
print(f"{ml.t('lesson.recall', LANG):13}" + " ".join(ml.fmt("{v:5.0%}", LANG, v=v) for v in np.diag(C) / C.sum(axis=1)))

# %%
ml.charts.digit_grid(X_fashion_test[:, :20], y_fashion_test[:20], y_fashion_pred[:20], lang=LANG)

# %% [markdown]
# The accuracy is lower than for digits: T-shirts, pullovers, coats and shirts look much alike at
# 28 × 28 pixels (check the recall of labels 0, 2, 4 and 6). (The chart title says "digits" — the chart
# was made for MNIST; the numbers are the labels from the table.)

# %% [markdown]
# ## Where to go next
#
# You have built, from scratch, everything a neural network needs: forward pass, loss, backpropagation,
# gradient descent, evaluation, and better training. Some directions from here:
#
# - **Convolutional networks (CNNs).** The shift experiment above shows the weakness of a fully
#   connected network: it learns pixel positions. A convolutional layer slides the *same* small filter
#   over the whole image, so a stroke is recognised wherever it is. CNNs reach over 99 % on MNIST.
# - **PyTorch** (or JAX, TensorFlow). The same 784-128-64-10 network is a few lines there, and *autograd*
#   computes every gradient for you — you now know exactly what it computes. Try rebuilding lesson 08 in
#   PyTorch and compare with `ml.train`.
# - **Further reading:** Michael Nielsen, *Neural Networks and Deep Learning* (free online book, same
#   column-per-image notation); 3Blue1Brown's video series *Neural networks*; *Dive into Deep Learning*
#   (d2l.ai, with code); Stanford's course notes *CS231n*; Yann LeCun's MNIST page for the history of the
#   data set.

# %% [markdown]
# ## Exercises
#
# **Exercise 1.** At which position (row, column) of the 28 × 28 image does MNIST put a digit's centre of
# mass? (Rows and columns count from 0.)

# %%
answer = ...
ml.check("09.centre", answer, lang=LANG)

# %% [markdown]
# **Exercise 2.** A photo has already been scaled to grey values in [0, 1]: white paper is 1, black ink
# is 0. Write a function `to_mnist_style(photo)` that turns it into MNIST's convention (ink bright, paper
# black).

# %%
def to_mnist_style(photo):
    ...  # your code here


answer = ...  # when your function is ready: answer = to_mnist_style
ml.check("09.invert", answer, lang=LANG)

# %% [markdown]
# **Exercise 3 · Which clothes does the network mix up?** In a confusion matrix `C` (rows: true class,
# columns: predicted class, as in lesson 07) a mix-up of two classes a and b shows up twice: as `C[a, b]`
# (an a taken for a b) and as `C[b, a]` (a b taken for an a). Write `mixed_up(C)` that returns the pair
# `(a, b)` of two different classes the network confuses most often **in both directions together**, for a
# matrix of any size, without changing `C`. Then think about what the two classes have in common — the
# solutions call it on the Fashion-MNIST matrix `C` from above.

# %%
def mixed_up(C):
    ...  # your code here


answer = ...  # when your function is ready: answer = mixed_up
ml.check("09.mixed_up", answer, lang=LANG)

# %% [markdown]
# ## Summary
#
# - `ml.draw_digit(model, lang=LANG)` lets you draw or upload a digit and shows what the network sees
#   and its probabilities.
# - A fully connected network has learned pixel **positions**: a digit shifted by a few pixels is often
#   misread. That is why every input is brought into the MNIST form: cut out, longer side 20 px, **centre
#   of mass at (14, 14)**, brightest pixel 1 (`ml.preprocess_digit`).
# - A **photo** is dark on light: invert it (and remove the paper's grey) before the network sees it.
# - The same code learns **Fashion-MNIST**; only the labels mean something else.
#
# That was the last lesson — congratulations! Go back to the start any time:
# [00 · Start](00_start.ipynb), or look up a term in the [glossary](../glossary.md).

# %% [markdown]
# ## Solutions
#
# Each cell checks a solution (and fails if it were wrong).

# %%
assert ml.check("09.centre", (14, 14), lang=LANG)  # measured above: about (14.0, 14.0)

# %%
def to_mnist_style_solution(photo):
    return 1 - photo  # paper 1 -> 0, ink 0 -> 1, grey stays grey


assert ml.check("09.invert", to_mnist_style_solution, lang=LANG)

# %%
def mixed_up_solution(C):
    both = C + C.T  # both[a, b] = C[a, b] + C[b, a]: a new matrix, C stays as it is
    both[np.tril_indices_from(both)] = 0  # each pair once (a < b); the diagonal holds the right answers
    return divmod(int(np.argmax(both)), both.shape[1])  # flat index -> (row, column)


assert ml.check("09.mixed_up", mixed_up_solution, lang=LANG)
a, b = mixed_up_solution(C)
names = ml.t("lesson.fashion_classes", LANG).split("|")
print(ml.t("lesson.mixed_up", LANG, a=a, name_a=names[a], b=b, name_b=names[b], n=C[a, b] + C[b, a],
           errors=C.sum() - np.trace(C)))
assert {a, b} <= {0, 2, 4, 6}  # T-shirt/top, pullover, coat, shirt

# %% [markdown]
# The pair mixed up most is two garments for the upper body (the cell above checks it: labels 0, 2, 4 or
# 6). At 28 × 28 grey pixels a T-shirt, a pullover, a coat and a shirt have nearly the same outline — a
# body with sleeves. What tells them apart — a collar, buttons, a zip, the length of the sleeves — is a few
# pixels of detail, and our network, which weighs each pixel position on its own, has no special eye for
# such details. A trouser (label 1), a sandal (5) or a bag (8) has an outline of its own: compare their
# recall in the table above with that of 0, 2, 4 and 6.
