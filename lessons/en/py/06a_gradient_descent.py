# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 06a · Gradient descent: the network learns
#
# **In this lesson** you will
# - take one step downhill: the update rule,
# - write the training loop yourself — forward, backward, update, again and again — and watch the loss fall,
#   in a network built from *your* functions of lessons 02-05,
# - check that `ml.train` does exactly the same: same start, same loss curve, and a validation split to
#   judge it on.
#
# ⏱ about 40 minutes, with the exercises

# %%
import numpy as np

import mnistlab as ml

LANG = "en"
rng = np.random.default_rng(0)

# %% [markdown]
# ## One step downhill
#
# Lesson 05 gave us, for every weight and bias, its gradient: the direction in which the loss grows
# fastest. To make the loss *smaller*, we move every parameter a small step the other way:
#
# $$W^{[l]} \leftarrow W^{[l]} - \alpha \, dW^{[l]} \qquad b^{[l]} \leftarrow b^{[l]} - \alpha \, db^{[l]}$$
#
# $\alpha$ (`learning_rate`) sets the size of the step. Then we compute the loss and the gradients again at
# the new place, take the next step, and so on: **gradient descent**. Picture walking down a valley in thick
# fog: you can only feel the slope under your feet, so you take a step downhill, feel again, step again.

# %% [markdown]
# ### Exercise 1 · The update rule
#
# Write a function `update(W1, dW1, learning_rate)` that returns the new `W1` after one step of gradient
# descent. Then set `answer = update`.

# %%
answer = ...
ml.check("06.update_W1", answer, lang=LANG)

# %% [markdown]
# ## The training loop, written out
#
# We train on 500 training images — enough to learn from, small enough to train in seconds (also when the
# full MNIST is on your disk) — and set 500 more *training* images aside as **validation** images, which
# the network never trains on: `ml.train_val_split` picks them at random. We judge and tune our settings on
# them; the test set stays locked until lesson 07, as lesson 01 promised. Like the original tutorial we use
# **full batch** gradient descent: every step uses *all* training images. One pass over the data is called an
# **epoch**, so here one epoch is one step.
#
# All runs in this lesson start from the same random weights `start`, so that they can be compared.

# %%
X_all, y_all = ml.load_mnist("train", n=1000, lang=LANG)  # a modest subset keeps training fast, also with the full MNIST
X, y, X_val, y_val = ml.train_val_split(X_all, y_all, 500, np.random.default_rng(1))  # 500 to train, 500 to tune
n_hidden, learning_rate, n_iterations = 16, 0.5, 100
start = ml.init_params([784, n_hidden, 10], rng=rng)  # the same start for every run below

# %% [markdown]
# ## Your network
#
# In lessons 02-05 you wrote the network's functions yourself; every one that passed its check was saved in
# your *workbook*. The loop below is built from them: where you wrote a function, it uses yours, otherwise
# mnistlab's. The table says which is which (`ml.workbook.reset()` empties the workbook):

# %%
mine = ml.workbook.mine(lang=LANG)  # your forward, backward, ... where you wrote them; mnistlab's otherwise
mine

# %% [markdown]
# ### Your turn · the training loop
#
# Before you read ours: write `my_loop(params, X, y, learning_rate, n_steps)`. Each step does a forward pass,
# measures the loss, does a backward pass and moves every parameter (`W1`, `b1`, `W2`, `b2`) one step
# downhill; the function returns the `n_steps + 1` losses - before each step, and once more after the last.
# Use `mine.forward`, `mine.cross_entropy`, `mine.backward` and `mine.one_hot` from above: your own functions
# where you wrote them. The check runs your loop on a tiny task and compares its losses with `ml.train`'s.

# %%
def my_loop(params, X, y, learning_rate, n_steps):
    ...  # losses = []; for each step: forward, loss, backward, update; return losses


answer = ...  # when my_loop is written: answer = my_loop
ml.check("06.train_loop", answer, lang=LANG)

# %% [markdown]
# The loop: forward pass (lesson 03), loss (lesson 04), backward pass (lesson 05), update (above). Every 20
# iterations it prints the loss and the share of training images it gets right:

# %%
def gradient_descent(params, X, y, learning_rate, n_iterations, print_every=20):
    losses = []
    for i in range(n_iterations + 1):
        A2, cache = mine.forward(params, X)  # 1. forward: probabilities for all images
        losses.append(mine.cross_entropy(A2, y))  # how wrong is the network now?
        if i % print_every == 0:
            accuracy = (A2.argmax(axis=0) == y).mean()
            print(f"i = {i:3}   loss = {losses[-1]:.4f}   accuracy = {accuracy:.1%}")
        if i == n_iterations:
            break  # the last pass only measures
        grads = mine.backward(params, cache, mine.one_hot(y))  # 2. backward: all the gradients
        params["W1"] -= learning_rate * grads["dW1"]  # 3. update: one small step downhill
        params["b1"] -= learning_rate * grads["db1"]
        params["W2"] -= learning_rate * grads["dW2"]
        params["b2"] -= learning_rate * grads["db2"]
    return losses


params = {name: value.copy() for name, value in start.items()}
losses = gradient_descent(params, X, y, learning_rate, n_iterations)

# %% [markdown]
# The loss falls from about $\ln 10$ (lesson 04: an untrained network guesses) to a small fraction of it,
# and the accuracy climbs. That is learning — nothing more than this loop.
#
# ## The same with `ml.train`
#
# `ml.train(params, X, y, learning_rate=..., n_epochs=...)` runs this loop for us and returns a `History`:
# the loss and accuracy after every epoch (entry 0 is before training), on the validation images too when
# we pass them. Without `batch_size` it trains full batch, like our loop. Same start, same settings:

# %%
params_ml = {name: value.copy() for name, value in start.items()}
history = ml.train(params_ml, X, y, learning_rate=learning_rate, n_epochs=n_iterations,
                   X_val=X_val, y_val=y_val, record_steps=True, lang=LANG)
print(history.message)
print(f"history.loss[0] = {history.loss[0]:.4f}   history.loss[-1] = {history.loss[-1]:.4f}")

# %% [markdown]
# The check: the same loss after every step and, at the end, the same predictions - up to rounding, since
# your own functions may add numbers up in a different order than mnistlab's (over 100 steps such tiny
# differences grow a little, so we allow 1 %).

# %%
np.testing.assert_allclose(history.loss, losses, rtol=1e-2)  # rounding: your functions may sum in another order
assert (ml.predict(params_ml, X) == ml.predict(params, X)).mean() > 0.98  # the same network at the end
print("len(history.loss) =", len(history.loss))

# %% [markdown]
# As a chart — the training loss (solid) and the loss on the 500 validation images (dashed):

# %%
ml.charts.loss_curve(history, lang=LANG)

# %%
print(f"history.accuracy[-1] = {history.accuracy[-1]:.1%}   history.val_accuracy[-1] = {history.val_accuracy[-1]:.1%}")

# %% [markdown]
# The network does better on the images it trained on than on new ones — how much better, and what to do
# about it, is the topic of lesson 07.

# %% [markdown]
# ## Summary
#
# - Gradient descent repeats: forward pass, loss, backward pass, update $W \leftarrow W - \alpha\, dW$ (and
#   the same for $b$). Full batch: every step uses all training images, one step per epoch.
# - `ml.train` runs this loop and returns a `History` (loss and accuracy per epoch, gradient norms per step
#   with `record_steps=True`); from the same start it gives the same loss curve as our loop.
# - A loss that falls from about $\ln 10$ while the accuracy climbs: the network learns. Lesson 06b asks how
#   large the steps may be.
#
# **Next:** [06b · How big a step? The learning rate](06b_learning_rate.ipynb) — when gradient descent
# converges, oscillates or diverges, and the training panel.

# %% [markdown]
# ## Solutions
#
# **Exercise 1.** Subtract the gradient, scaled by the learning rate:

# %%
def update(W1, dW1, learning_rate):
    return W1 - learning_rate * dW1


assert ml.check("06.update_W1", update, lang=LANG)

# %% [markdown]
# **Your turn · the training loop.** Our `gradient_descent` above is such a loop (it only prints more often):

# %%
def quiet_loop(params, X, y, learning_rate, n_steps):
    return gradient_descent(params, X, y, learning_rate, n_steps, print_every=10**9)


assert ml.check("06.train_loop", quiet_loop, lang=LANG)
