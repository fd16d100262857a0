# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 07 · Evaluation: how good is the network, really?
#
# **In this lesson** you will
# - measure accuracy on images the network has never seen, and compare it with the training accuracy,
# - recognise *overfitting* and see that more data reduces it,
# - build a *confusion matrix* and read which digits get mixed up,
# - look at the digits the network gets wrong,
# - look inside the network: the rows of `W1` as images — what each hidden unit looks for.
#
# ⏱ about 45 minutes, with the exercises

# %%
import numpy as np

import mnistlab as ml

LANG = "en"
rng = np.random.default_rng(0)

# %% [markdown]
# ## A network to evaluate
#
# We train the network of the original tutorial, 784 → 10 → 10, with what the earlier lessons built:
# `ml.init_params` and `ml.train`. To keep this fast we train on only 1,000 images, and set 500 more
# training images aside as validation images, as in lesson 06. The **test set** is a separate set of images
# that the network never sees during training and that no choice of ours has looked at: it tells us how
# well the network does on *new* handwriting — which is what we actually care about. This lesson opens it.

# %%
X_pool, y_pool = ml.load_mnist("train", n=1500, lang=LANG)
X_train, y_train, X_val, y_val = ml.train_val_split(X_pool, y_pool, 500, np.random.default_rng(1))
X_test, y_test = ml.load_mnist("test", lang=LANG)
print("X_train:", X_train.shape, " X_test:", X_test.shape)

params = ml.init_params([784, 10, 10], rng=rng)
W1_start = params["W1"].copy()  # kept to compare with the trained weights at the end
history = ml.train(params, X_train, y_train, learning_rate=0.1, n_epochs=30, batch_size=32, rng=rng,
                   X_val=X_val, y_val=y_val)
print(f"{history.epoch[-1] = }")

# %% [markdown]
# ## Accuracy
#
# The network's answer for an image is the digit with the highest probability (`ml.predict`). The
# **accuracy** is the fraction of images where that answer equals the true label:
#
# $$\text{accuracy} = \frac{1}{m} \sum_{i=1}^{m} [\hat y_i = y_i]$$
#
# where $[\hat y_i = y_i]$ is 1 for a right answer and 0 otherwise. In NumPy, comparing two label vectors
# gives an array of `True`/`False`, and the mean of it is exactly this fraction:

# %% [markdown]
# ### Your turn · accuracy
#
# Write `my_accuracy(y_true, y_pred)` yourself first: the share of images whose prediction is right.

# %%
def my_accuracy(y_true, y_pred):
    ...  # the share of right predictions, between 0 and 1


answer = ...  # when my_accuracy is written: answer = my_accuracy
ml.check("07.accuracy", answer, lang=LANG)

# %%
def accuracy(y_true, y_pred):
    # Fraction of labels predicted right (True counts as 1, False as 0).
    return float(np.mean(y_true == y_pred))


y_pred_train = ml.predict(params, X_train)
y_pred = ml.predict(params, X_test)
print(ml.t("lesson.train_test", LANG, train=accuracy(y_train, y_pred_train), test=accuracy(y_test, y_pred)))

# %%
assert accuracy(y_train, y_pred_train) == ml.accuracy(y_train, y_pred_train)
assert accuracy(y_test, y_pred) == ml.accuracy(y_test, y_pred)

# %% [markdown]
# ## Training vs test accuracy: overfitting
#
# Compare the two numbers above: the network is better on the images it trained on than on new ones.
# With only 1,000 training images and 30 passes over them, it has learned not only what makes a 4 a 4,
# but also the quirks of these particular 1,000 images — a bit like a student who memorises the answers
# of last year's exam. This is called **overfitting**. The chart shows how it happens: the training
# accuracy keeps climbing towards 100 %, while the accuracy on the 500 validation images levels off early.

# %%
ml.charts.accuracy_curve(history, lang=LANG)

# %% [markdown]
# The best cure is **more data**. Below, the same network gets four times as many different images and
# the same number of training steps (8 epochs of 4,000 images ≈ 30 epochs of 1,000). Compare the gap
# between training and test accuracy in both runs. (On the bundled sample, 4,000 is all there is.)

# %%
X_more, y_more = ml.load_mnist("train", n=4000, lang=LANG)
params_more = ml.init_params([784, 10, 10], rng=rng)
ml.train(params_more, X_more, y_more, learning_rate=0.1, n_epochs=8, batch_size=32, rng=rng)
for p, X, y in ((params, X_train, y_train), (params_more, X_more, y_more)):
    train_acc, test_acc = ml.accuracy(y, ml.predict(p, X)), ml.accuracy(y_test, ml.predict(p, X_test))
    print(f"n_train = {y.size:>5}  ", ml.t("lesson.train_test", LANG, train=train_acc, test=test_acc), "  ",
          ml.t("lesson.gap", LANG, gap=train_acc - test_acc))

# %% [markdown]
# One more lesson from this: **never measure a network on its training images**. Their accuracy is too
# optimistic. That is why MNIST comes with a separate test set, and why we only *look* at it — we never
# train on it. Choosing settings by looking at test accuracy again and again would leak information too, so
# we choose on **validation** images taken from the training data (`ml.train_val_split`, lessons 06 and 08)
# and measure finished networks on the test set, as here.

# %% [markdown]
# ## The confusion matrix
#
# Accuracy is a single number. It does not say *which* digits go wrong. The **confusion matrix** $C$ does:
# $C_{kc}$ counts the test images with true digit $k$ that the network predicted as $c$. Rows are the
# truth, columns the prediction; the diagonal holds the right answers.
#
# To fill it, we add 1 at position `(y_true[i], y_pred[i])` for every image `i`. `np.add.at` does this
# for all images at once (a plain `C[y_true, y_pred] += 1` would count a repeated pair only once):

# %% [markdown]
# ### Your turn · the confusion matrix
#
# Write `my_confusion_matrix(y_true, y_pred)`: a 10 × 10 matrix of counts, row = the true digit, column = the
# predicted one.

# %%
def my_confusion_matrix(y_true, y_pred):
    ...  # a 10 x 10 matrix: row = true digit, column = predicted


answer = ...  # when my_confusion_matrix is written: answer = my_confusion_matrix
ml.check("07.confusion_matrix", answer, lang=LANG)

# %%
def confusion_matrix(y_true, y_pred, n_classes=10):
    # C (n_classes, n_classes): C[k, c] = number of images of class k predicted as c.
    C = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(C, (y_true, y_pred), 1)  # one +1 per image, at row y_true[i], column y_pred[i]
    return C


C = confusion_matrix(y_test, y_pred)
print(C)

# %%
np.testing.assert_array_equal(C, ml.confusion_matrix(y_test, y_pred))
assert C.sum() == y_test.size  # every test image is counted exactly once
assert np.trace(C) / C.sum() == ml.accuracy(y_test, y_pred)  # the diagonal / all = the accuracy

# %% [markdown]
# As a chart it is easier to read: dark cells off the diagonal are the frequent mistakes. Hover over a
# cell to see what it counts.

# %%
ml.charts.confusion_matrix(C, lang=LANG)

# %% [markdown]
# Which mistakes are the most frequent? Set the diagonal to 0 and look for the largest entries. Typical
# culprits are shapes that really do look alike: 4 and 9, 3 and 5, 7 and 9, 2 and 7 — see whether your
# network agrees. Each line below reads: *true digit → predicted digit: count*.

# %%
mistakes = C.copy()
np.fill_diagonal(mistakes, 0)
for flat in np.argsort(mistakes, axis=None)[::-1][:5]:
    k, c = divmod(int(flat), 10)  # row k: true digit, column c: predicted
    print(f"{k} → {c}: {mistakes[k, c]}")

# %% [markdown]
# Two more numbers per digit come straight out of the matrix:
#
# - **recall** of digit $k$ = $C_{kk}$ / (sum of row $k$): of all true $k$s, how many did the network find?
# - **precision** of digit $k$ = $C_{kk}$ / (sum of column $k$): of all images the network *called* $k$,
#   how many really were a $k$?
#
# A network that answers "1" for every image has a perfect recall for 1 and a terrible precision.

# %%
recall = np.diag(C) / C.sum(axis=1)
precision = np.diag(C) / np.maximum(C.sum(axis=0), 1)  # max(…, 1): a digit never predicted gives 0, not 0/0
print(f"{ml.t('lesson.digit', LANG):13}" + " ".join(f"{k:>5}" for k in range(10)))
print(f"{ml.t('lesson.recall', LANG):13}" + " ".join(ml.fmt("{v:5.0%}", LANG, v=v) for v in recall))
print(f"{ml.t('lesson.precision', LANG):13}" + " ".join(ml.fmt("{v:5.0%}", LANG, v=v) for v in precision))

# %% [markdown]
# ## The misclassified digits
#
# Numbers are one thing — looking at the mistakes is another. `ml.misclassified` gives the indices of all
# test images with a wrong prediction; it is the same as `np.flatnonzero(y_test != y_pred)`:

# %%
wrong = ml.misclassified(y_test, y_pred)
np.testing.assert_array_equal(wrong, np.flatnonzero(y_test != y_pred))
print("len(wrong) =", len(wrong), "  y_test.size =", y_test.size)

# %% [markdown]
# Here are the first of them, each labelled *true → predicted*. Many are honestly hard to read; some
# are mistakes a person would never make.

# %%
ml.charts.digit_grid(X_test[:, wrong], y_test[wrong], y_pred[wrong], lang=LANG)

# %% [markdown]
# A mistake made with 51 % probability is not as bad as one made with 99 %. Here is the network's most
# *confident* mistake — the wrong image on which it gave its (wrong) answer the highest probability:

# %%
P = ml.predict_proba(params, X_test)
worst = wrong[np.argmax(P[y_pred[wrong], wrong])]
print("worst =", worst, "  y_test:", y_test[worst], "  y_pred:", y_pred[worst],
      f"  p = {P[y_pred[worst], worst]:.1%}")
ml.charts.prediction_view(X_test[:, worst], P[:, worst], lang=LANG)

# %% [markdown]
# ## What each hidden unit looks for
#
# Hidden unit $j$ computes $z_j = w_j \cdot x + b_j$: it multiplies every pixel of the image with its own
# weight and adds up. Its weights $w_j$ — row $j$ of `W1`, 784 numbers — can therefore be shown as a
# 28 × 28 image, a kind of *template*: where the weight is positive (blue), ink **raises** $z_j$; where it is
# negative (red), ink **lowers** it. A unit fires strongly for images whose ink falls on its blue parts and
# avoids its red parts.

# %%
ml.charts.weights_as_images(params["W1"], lang=LANG)

# %% [markdown]
# You may recognise strokes and round shapes, rarely a whole digit: each unit detects a *feature*, and only
# the output layer combines the ten features into ten digits. Two things look like noise:
#
# - **The border.** Pixels near the edge are 0 in (almost) every image. The gradient of a weight is
#   $dW^{[1]} = dZ^{[1]} X^T$ (lesson 05, the $\frac{1}{m}$ inside $dZ^{[1]}$): a pixel that is always 0
#   gives a zero column, so its weights never change and keep their random start values. The next cell
#   checks this exactly.
# - **A unit that is noise everywhere** (if you have one): it is a *dead* unit. Its $z_j$ was negative
#   for every training image, so ReLU passed no gradient and it never learned. The second print shows,
#   for each unit, on what fraction of the training images it is active.

# %%
never_inked = X_train.max(axis=1) == 0  # pixels that are 0 in every training image
np.testing.assert_array_equal(params["W1"][:, never_inked], W1_start[:, never_inked])
print("never_inked.sum() =", never_inked.sum())

_, cache = ml.forward(params, X_train)
active = (cache["Z1"] > 0).mean(axis=1)
print(f"{'j':7}" + " ".join(f"{j:>5}" for j in range(active.size)))  # j: the hidden unit
print(f"{ml.t('lesson.active', LANG):7}" + " ".join(ml.fmt("{a:5.0%}", LANG, a=a) for a in active))

# %% [markdown]
# ## Exercises
#
# **Exercise 1.** Write a function `accuracy_from_cm(C)` that returns the accuracy (a number between 0
# and 1) computed from a confusion matrix `C` alone.

# %%
def accuracy_from_cm(C):
    ...  # your code here


answer = ...  # when your function is ready: answer = accuracy_from_cm
ml.check("07.accuracy_from_cm", answer, lang=LANG)

# %% [markdown]
# **Exercise 2.** Write a function `most_confused(C)` that returns the pair `(true digit, predicted digit)`
# the network mixes up most often, i.e. the position of the largest count *off* the diagonal.

# %%
def most_confused(C):
    ...  # your code here


answer = ...  # when your function is ready: answer = most_confused
ml.check("07.most_confused", answer, lang=LANG)

# %% [markdown]
# **Exercise 3.** A network for the three digits 0, 1, 2 has this confusion matrix (rows: true digit,
# columns: predicted digit):
#
# | | predicted 0 | predicted 1 | predicted 2 |
# |---|---|---|---|
# | **true 0** | 50 | 2 | 3 |
# | **true 1** | 4 | 40 | 6 |
# | **true 2** | 1 | 9 | 35 |
#
# What is the **precision** of digit 1 (a number between 0 and 1)?

# %%
answer = ...
ml.check("07.precision", answer, lang=LANG)

# %% [markdown]
# ## Summary
#
# - Measure a network on the **test set**, images it never trained on. Training accuracy is too
#   optimistic; a large gap between the two is **overfitting**, and more data shrinks it.
# - The **confusion matrix** $C_{kc}$ counts true $k$ predicted as $c$; its diagonal over its sum is the
#   accuracy. Rows give the recall, columns the precision of each digit.
# - Look at the **misclassified** images — numbers alone hide what goes wrong.
# - Each row of `W1` is a 28 × 28 template: what that hidden unit looks for. Pixels that are always 0 never
#   move their weights; a dead ReLU unit never learns.
#
# Next: our network still trains slowly and stays small. Let's train it better:
# [08a · Training better: mini-batches](08a_minibatches.ipynb)

# %% [markdown]
# ## Solutions
#
# Each cell checks a solution (and fails if it were wrong).

# %%
def accuracy_from_cm_solution(C):
    return np.trace(C) / C.sum()  # right answers (diagonal) / all images


assert ml.check("07.accuracy_from_cm", accuracy_from_cm_solution, lang=LANG)

# %%
def most_confused_solution(C):
    off = C.copy()
    np.fill_diagonal(off, 0)  # the right answers are not confusions
    return divmod(int(np.argmax(off)), off.shape[1])  # flat index -> (row, column) = (true, predicted)


assert ml.check("07.most_confused", most_confused_solution, lang=LANG)

# %%
assert ml.check("07.precision", 40 / (2 + 40 + 9), lang=LANG)  # C[1, 1] / sum of column 1

# %%
assert ml.check("07.accuracy", accuracy, lang=LANG, save=False)  # save=False: the lesson's solution is not kept as your own

# %%
assert ml.check("07.confusion_matrix", confusion_matrix, lang=LANG, save=False)  # save=False: the lesson's solution is not kept as your own
