# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 08d · Against overfitting: weight decay, early stopping, augmentation
#
# **In this lesson** you will
# - watch **overfitting** appear: the training loss keeps falling while the validation loss rises,
# - try three remedies, **one change at a time** from the same start: **weight decay** (an L2 penalty on
#   the weights), **early stopping** and **data augmentation** (digits shifted by a few pixels),
# - compare all of them in one chart, with the numbers, and try them in the training panel.
#
# ⏱ about 40 minutes, with the exercises

# %%
import numpy as np

import mnistlab as ml

LANG = "en"
rng = np.random.default_rng(0)

# %% [markdown]
# ## Where we are
#
# In lesson 08c, momentum and Adam trained the network much sooner. But a low *training* loss is not the
# goal: the network should read digits it has never seen. Lesson 07 measured the gap between
# training and test accuracy; here we watch that gap open, epoch by epoch, and try to close it.
#
# To make it show within seconds we train on only **500 images** and keep 500 more as validation images
# (the test set stays locked). Every run: 784-128-64-10, He start weights from the same seed, Adam with
# $\alpha = 0.003$ (a little larger than 08c's 0.001, so that the effect shows within 40 epochs), batches of
# 64, the same shuffling.

# %%
X_pool, y_pool = ml.load_mnist("train", n=1000, lang=LANG)
X_train, y_train, X_val, y_val = ml.train_val_split(X_pool, y_pool, 500, np.random.default_rng(1))
print("X_train:", X_train.shape, " X_val:", X_val.shape)


def run(n_epochs=40, **remedy):  # the same network, start and shuffling every time; only `remedy` changes
    params = ml.init_params([784, 128, 64, 10], rng=np.random.default_rng(1))
    history = ml.train(params, X_train, y_train, optimizer="adam", learning_rate=0.003, n_epochs=n_epochs,
                       batch_size=64, rng=np.random.default_rng(2), X_val=X_val, y_val=y_val, lang=LANG, **remedy)
    return params, history


# %% [markdown]
# ## Overfitting, watched
#
# First without any remedy. The chart shows the validation loss (solid) and, dotted, the training loss, on
# a logarithmic axis, so that both stay visible:

# %%
params_plain, plain = run()
best = int(np.argmin(plain.val_loss))
print(ml.t("lesson.overfit_best", LANG, epoch=best, loss=plain.val_loss[best], acc=plain.val_accuracy[best]))
print(ml.t("lesson.overfit_end", LANG, epoch=plain.epoch[-1], loss=plain.val_loss[-1], acc=plain.val_accuracy[-1],
           train=plain.loss[-1]))
runs = {ml.t("lesson.run_plain", LANG): plain}
ml.compare_chart.compare_runs(runs, lang=LANG, train=True, log_y=True, title=ml.t("lesson.overfit_title", LANG))

# %%
assert plain.loss[-1] < 0.01 and plain.val_loss[-1] > 1.05 * plain.val_loss[best] and best < 20

# %% [markdown]
# The training loss sinks almost to 0: the network has learned its 500 images by heart. The validation loss
# is lowest early on and then **rises** again — that is **overfitting**. The validation accuracy hardly
# moves meanwhile (the two lines above): the network does not get many more images wrong, it gets more
# *confident* about the ones it gets wrong, and the cross-entropy punishes confident mistakes hard
# (lesson 04).

# %% [markdown]
# ## Weight decay
#
# A network that fits every training image exactly usually needs large weights. **Weight decay** adds a
# penalty for them to the loss — the squares of all weights (not the biases), times $\lambda/2$:
#
# $$L_{\text{total}} = L + \frac{\lambda}{2} \sum_l \big\|W^{[l]}\big\|^2, \qquad
#   dW^{[l]} \leftarrow dW^{[l]} + \lambda\, W^{[l]}$$
#
# The extra gradient $\lambda W$ pulls every weight towards 0 in every step (with plain SGD: $W \leftarrow
# (1 - \alpha\lambda)\, W - \alpha\, dW$ — the weights *decay*). `ml.train(..., weight_decay=λ)` does this;
# `History.loss` stays the data loss (the cross-entropy, comparable with the other runs), and
# `History.penalty` holds the penalty after each epoch, apart.
#
# ### Exercise 1 · The penalty
#
# Write `l2_penalty(params, weight_decay)` that returns $\frac{\lambda}{2} \sum_l \|W^{[l]}\|^2$ for a
# parameter dict `{"W1": ..., "b1": ..., "W2": ..., ...}` of any depth. The check compares it with what
# `ml.train` reports as its penalty.

# %%
def l2_penalty(params, weight_decay):
    ...  # your code here


answer = ...  # when your function is ready: answer = l2_penalty
ml.check("08.l2_penalty", answer, lang=LANG)

# %% [markdown]
# Now the same run with $\lambda = 0.001$:

# %%
params_decay, decay = run(weight_decay=0.001)
runs[ml.t("lesson.run_decay", LANG, weight_decay=0.001)] = decay
for name, params, history in ((ml.t("lesson.run_plain", LANG), params_plain, plain),
                              (ml.t("lesson.run_decay", LANG, weight_decay=0.001), params_decay, decay)):
    squares = sum(float(np.sum(params[f"W{l}"] ** 2)) for l in (1, 2, 3))
    print(ml.fmt("{name:24} Σ‖W‖² = {squares:7.1f}", LANG, name=name, squares=squares),
          ml.t("lesson.decay_losses", LANG, loss=history.loss[-1], val=history.val_loss[-1]))
print(ml.fmt("decay.penalty[-1] = {p:.4f}", LANG, p=decay.penalty[-1]))

# %%
assert decay.val_loss[-1] < plain.val_loss[-1] and decay.loss[-1] > plain.loss[-1]

# %% [markdown]
# With the penalty the weights stay smaller (Σ‖W‖²), the training loss does not sink as far, and the
# validation loss at the end is lower: the network is less overconfident. In this run it does *not* turn
# into a better validation accuracy (see the table at the end) — weight decay tames the loss here more than
# it fixes the mistakes.

# %% [markdown]
# ## Early stopping
#
# The simplest remedy: stop when the validation loss stops improving, and keep the best weights.
# `ml.train(..., early_stopping=patience)` does this: after every epoch it compares the validation loss with
# the best so far; after `patience` epochs in a row without a new best it stops and restores the weights of
# the best epoch, `History.best_epoch`.
#
# ### Exercise 2 · Which weights does it keep?
#
# A run with `n_epochs=30, early_stopping=4` stops after epoch 17. From which epoch are the weights the
# network keeps? Answer with the epoch's number.

# %%
answer = ...
ml.check("08.early_stop_epoch", answer, lang=LANG)

# %% [markdown]
# Our run with a patience of 5 — check your reasoning against it:

# %%
params_early, early = run(early_stopping=5)
runs[ml.t("lesson.run_early", LANG, patience=5)] = early
print(f"{early.epoch[-1] = }   {early.best_epoch = }")
print(early.message)

# %%
assert early.best_epoch == early.epoch[-1] - 5 == best  # the best epoch of the run without remedy

# %% [markdown]
# It stopped after a fraction of the 40 epochs and kept the weights of the same best epoch as the run
# without remedy (its star in the chart below): same start, same shuffling, so the first epochs are
# identical. Early stopping saves time and never keeps a worse network than its best one — but it does not
# make the network learn more.

# %% [markdown]
# ## Data augmentation
#
# Lesson 09 will show a weakness of our network: it has learned *where* the strokes are. Move every
# validation digit by 2 pixels down and to the right, and the run without remedy fails on most of them:

# %%
def moved(X, pixels):  # every image shifted down and right by `pixels`, filled with black
    images = X.T.reshape(-1, 28, 28)
    out = np.zeros_like(images)
    out[:, pixels:, pixels:] = images[:, :28 - pixels, :28 - pixels]
    return out.reshape(-1, 784).T


X_val_moved = moved(X_val, 2)
print(ml.t("lesson.moved", LANG, plain=ml.accuracy(y_val, ml.predict(params_plain, X_val)),
           moved=ml.accuracy(y_val, ml.predict(params_plain, X_val_moved))))

# %% [markdown]
# A digit moved by 2 pixels is still the same digit. **Data augmentation** turns that knowledge into
# training data: every batch, every training image is shifted at random by up to 2 pixels in each direction
# (`ml.random_shift(2)`), so the network never sees exactly the same picture twice. The validation images
# stay as they are. Three shifted copies of one training image:

# %%
shift = ml.random_shift(2)
three = shift(np.repeat(X_train[:, :1], 3, axis=1), np.random.default_rng(3))
ml.charts.digit_grid(np.hstack([X_train[:, :1], three]), np.repeat(y_train[:1], 4), lang=LANG, n_cols=4)

# %%
params_shift, shifted = run(augment=ml.random_shift(2))
runs[ml.t("lesson.run_shift", LANG, pixels=2)] = shifted

# %% [markdown]
# ## All of them side by side
#
# The runs in one chart (dotted: the training loss), and a table of the networks each run ended with — for
# early stopping that is the restored best epoch:

# %%
print(ml.t("lesson.remedy_header", LANG))
networks = {name: params for name, params in zip(runs, (params_plain, params_decay, params_early, params_shift),
                                                   strict=True)}
results = {}
for (name, history), params in zip(runs.items(), networks.values(), strict=True):
    results[name] = (ml.accuracy(y_val, ml.predict(params, X_val)), ml.accuracy(y_val, ml.predict(params, X_val_moved)))
    kept = history.best_epoch or history.epoch[-1]
    print(ml.fmt("{name:24} {n:4} {kept:4} {train:8.4f} {val:7.3f} {acc:7.1%} {moved:7.1%}", LANG, name=name,
                 n=history.epoch[-1], kept=kept, train=history.loss[kept], val=history.val_loss[kept],
                 acc=results[name][0], moved=results[name][1]))
ml.compare_chart.compare_runs(runs, lang=LANG, train=True, log_y=True, title=ml.t("lesson.remedies_title", LANG))

# %%
accuracy, accuracy_moved = zip(*results.values(), strict=True)
assert accuracy[3] == max(accuracy) and accuracy_moved[3] > accuracy_moved[0] + 0.3
assert shifted.loss[-1] > 10 * plain.loss[-1] and shifted.val_loss[-1] < min(plain.val_loss)  # less by heart, and below the best epoch without remedy

# %% [markdown]
# What the numbers say, for this data and this seed:
#
# - **Augmentation** is the clear winner: the highest validation accuracy, a validation loss at the end
#   below the *best* epoch of the run without remedy, and on the moved digits it is right several times as
#   often. Its training loss stays well above 0 — shifted images are harder to learn by heart.
# - **Weight decay** lowers the validation loss but not the error rate here.
# - **Early stopping** keeps the best epoch at a fraction of the cost; it cannot do better than that epoch.
#
# They combine: the panel's preset below uses Adam, weight decay and shifts together.

# %% [markdown]
# ## Try it yourself
#
# The training panel now shows the optimizer, the weight decay and the augmentation (`hide=()` shows every
# control). The presets *momentum*, *Adam* and *Adam + weight decay + shifts* reproduce this chapter's
# settings; change one thing at a time and compare. We train the last preset once from code:

# %%
panel = ml.training_panel(X_train, y_train, X_val, y_val, lang=LANG, preset="adam_regularised", hide=())
panel.train(wait=True)  # the Train button does the same
panel

# %%
assert not panel.history.diverged and panel.history.penalty
print(panel.settings_string())

# %% [markdown]
# ## Summary
#
# - **Overfitting**: the training loss falls towards 0 while the validation loss rises after its best
#   epoch — the network grows confident about what it learned by heart. It shows fastest with little data.
# - **Weight decay** $\lambda$: the penalty $\frac{\lambda}{2}\sum_l \|W^{[l]}\|^2$, i.e. $dW \mathrel{+}=
#   \lambda W$; keeps the weights small. `History.penalty` reports it apart from the data loss.
# - **Early stopping** `early_stopping=patience`: stops after `patience` epochs without a new best validation
#   loss and restores the best epoch (`History.best_epoch`, the star in the chart).
# - **Data augmentation** `augment=ml.random_shift(2)`: new, shifted versions of the training images in
#   every batch — here the strongest remedy, also for digits that are not centred.
# - Compare with `ml.compare_chart.compare_runs`: same seed, one change at a time, numbers next to the curves.
#
# Next: draw your own digits and let the network read them:
# [09 · Your own handwriting](09_handwriting.ipynb)

# %% [markdown]
# ## Solutions
#
# Each cell checks a solution (and fails if it were wrong).

# %%
def l2_penalty_solution(params, weight_decay):  # exercise 1: the weight matrices only, not the biases
    return weight_decay / 2 * sum(float(np.sum(value**2)) for name, value in params.items() if name.startswith("W"))


assert np.isclose(l2_penalty_solution(params_decay, 0.001), decay.penalty[-1])
assert ml.check("08.l2_penalty", l2_penalty_solution, lang=LANG, save=False)

# %%
assert ml.check("08.early_stop_epoch", 17 - 4, lang=LANG)  # exercise 2: the stop came 4 epochs after the best
