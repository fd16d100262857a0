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
# - write the training loop yourself — forward, backward, update, again and again — and watch the loss fall,
# - check that `ml.train` does exactly the same: same start, same loss curve,
# - see what a learning rate that is too small, about right, or too large does — and why a too-large one
#   makes the loss explode,
# - train in the training panel and watch the loss and the gradients of each layer live.
#
# ⏱ about 60 minutes, with the exercises

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
# ## How big a step? The learning rate
#
# Why not simply take huge steps and be done sooner? Look at the simplest valley there is, $L(w) = w^2/2$,
# whose gradient is $w$. One step gives $w \leftarrow w - \alpha w = (1 - \alpha)\, w$:

# %%
for alpha in (0.1, 1.5, 2.5):
    w, path = 1.0, [1.0]
    for _ in range(6):
        w = w - alpha * w  # one gradient descent step on L(w) = w**2 / 2
        path.append(w)
    print(f"{alpha = }:", np.round(path, 2))

# %% [markdown]
# - $\alpha = 0.1$: every step removes 10 % of the distance — safe, but slow.
# - $\alpha = 1.5$: each step jumps *over* the bottom to the other side, but lands closer — zigzag, still
#   converging.
# - $\alpha = 2.5$: each step jumps over the bottom and lands *farther* away, $|1 - \alpha| > 1$: the
#   distance grows with every step. The steps **diverge**.
#
# A network's loss is a valley in thousands of dimensions, steeper in some directions than in others. The
# steepest direction sets the limit: where a valley is twice as steep, the safe step is half as long.

# %% [markdown]
# ### Exercise 2 · Predict first
#
# Our network learned well with `learning_rate = 0.5`. What will happen with `learning_rate = 10`, all else
# equal? Answer with one word: `"faster"`, `"slower"` or `"diverges"` — then read on.

# %%
answer = ...
ml.check("06.lr_10", answer, lang=LANG)

# %% [markdown]
# ### Three learning rates, same start
#
# We train the same network from the same `start` with a learning rate that is too small (0.01), our 0.5,
# and a too-large one (10). The run with 0.5 is the one above.

# %%
rates = (0.01, learning_rate, 10.0)
runs = {learning_rate: history}
for rate in rates:
    if rate not in runs:
        params_rate = {name: value.copy() for name, value in start.items()}
        runs[rate] = ml.train(params_rate, X, y, learning_rate=rate, n_epochs=n_iterations, record_steps=True,
                              lang=LANG)
for rate in rates:
    run = runs[rate]
    print(f"learning_rate = {rate:<5g} {run.loss[0] = :.3f}   {run.loss[-1] = :.3f}   "
          f"run.epoch[-1] = {run.epoch[-1]:3}   run.stopped = {run.stopped}")

# %%
figure = ml.charts.loss_curve({}, lang=LANG, log_y=True)  # empty chart with axes and title
for rate, colour in zip(rates, ml.charts.LAYER_COLOURS, strict=False):
    run = runs[rate]
    figure.add_scatter(x=run.epoch, y=run.loss, name=ml.fmt("α = {rate:g}", LANG, rate=rate), mode="lines+markers",
                       line={"color": colour, "width": 3})
figure

# %% [markdown]
# (The loss axis is logarithmic, so that all three fit.)
#
# - **Too small** ($\alpha = 0.01$): every step goes the right way, but the steps are tiny. After the same
#   100 epochs its loss is still far above the others; it would need many times more epochs — and time.
# - **About right** ($\alpha = 0.5$): the loss falls fast and then levels off as the network approaches the
#   bottom of the valley.
# - **Too large** ($\alpha = 10$): the curve ends almost at once. `ml.train` noticed that the loss ran away
#   and stopped.
#
# ### What `ml.train` reports when training diverges

# %%
run = runs[10.0]
print("run.stopped       =", run.stopped)
print("run.diverged_loss =", run.diverged_loss)
print(run.message)

# %% [markdown]
# `ml.train` stops as soon as the loss becomes `inf` or `nan`, or grows more than $10 \ln 10 \approx 23$
# above the loss before training — by then the network gives the right digit, on average, a probability
# of at most about $e^{-25}$: it is sure and wrong. It puts the weights back to where they were after the last
# good epoch (so they never contain `nan`), keeps the run-away loss in `diverged_loss`, and says what to do:
# a learning rate ten times smaller.
#
# ### Why the loss explodes
#
# What would have happened without that guard? Our own loop has none. Ten steps with $\alpha = 10$:

# %%
params_big = {name: value.copy() for name, value in start.items()}
exploded = gradient_descent(params_big, X, y, 10.0, 10, print_every=1)
A2_big, cache_big = ml.forward(params_big, X)
print("max |W1|, |b1|, |W2|, |b2|:", [round(float(np.abs(value).max()), 1) for value in params_big.values()])
alive = int((cache_big["A1"] > 0).any(axis=1).sum())  # hidden neurons that are positive for some image
print(f"alive = {alive} / {n_hidden}")

# %% [markdown]
# Step by step:
# 1. The first step is too long: it jumps over the valley floor to a place where the loss is higher and the
#    slope steeper.
# 2. A steeper slope means a larger gradient, so the next step is even longer — the overshoot feeds itself,
#    like $\alpha = 2.5$ above. The weights grow to many times their starting size.
# 3. Large weights make large scores in `Z2`. Softmax turns them into probabilities of almost exactly 0 and
#    1, so every wrong answer is *sure* and wrong: the loss jumps to tens (lesson 04: up to 87 per image).
# 4. The huge updates also push the scores `Z1` of most hidden neurons below zero for every image. A ReLU
#    that is never positive passes no gradient back (lesson 05) — the neuron is **dead** and can never
#    recover. `alive` above counts the hidden neurons that are still positive for at least one image.
#
# Afterwards the loss creeps back down towards $\ln 10 \approx 2.3$ — that looks like recovery, but it is
# not: with a (nearly) dead hidden layer the network gives almost the same answer for every image and can
# only adjust its output biases to guess well. The accuracy stays at about 10 %: the sanity check of
# lesson 04. That is why
# `ml.train` stops at the first sign of divergence and keeps the last good weights.

# %% [markdown]
# ### The gradients of each layer
#
# While training, `ml.train(..., record_steps=True)` also records the size (norm) of `dW1` and `dW2` after
# every step. For our good run:

# %%
ml.charts.gradient_norms(runs[learning_rate], lang=LANG)

# %% [markdown]
# Both norms are largest in the first steps, where the valley is steep, and shrink as the network
# approaches the bottom — the steps get shorter by themselves, even with a fixed learning rate. The two
# layers have gradients of different sizes; one learning rate has to suit both. Jumps and spikes in these
# curves are an early warning that the learning rate is too large.

# %% [markdown]
# ## The training panel
#
# Now it's your turn. The panel trains a network on the same 500 images, with the validation images for the
# dashed curves. Its dashboard shows, live, the loss, the accuracy, the gradient norm of each layer and the
# shapes of the network. We load our settings (full batch, $n_h = 16$, $\alpha = 0.5$, 100 epochs) and train
# once from code, so that you see a finished run:

# %%
panel = ml.training_panel(X, y, X_val, y_val, lang=LANG)
panel.load_settings(f"lr={learning_rate};h={n_hidden};ep={n_iterations};bs=full;act=relu;init=he;seed=0")
panel.train(wait=True)  # the Train button does the same
panel

# %%
assert not panel.history.diverged and panel.history.loss[-1] < panel.history.loss[0]
print(panel.settings_string())
print(panel.message)

# %% [markdown]
# **Try it:** (A short run started with **Train** is spread over about four seconds, so that you can watch
# the curves grow; the slider's number box also takes typed values, and the arrow keys move it step by step.)
# 1. Move the learning rate slider to 0.01 and press **Train**: the loss crawls.
# 2. Set it to 10 and press **Train**: the panel stops almost at once, with a red message that says what
#    happened and what to do.
# 3. Try values between 0.5 and 10. Where does it start to go wrong? Around 2 you may see a run that does
#    not blow up but gets stuck near $\ln 10 \approx 2.3$ with about 10 % accuracy — dead neurons, as above.
# 4. The **preset** menu has ready-made settings, e.g. "learning rate too low" and "learning rate too high".
#    They train on *mini-batches* of 64 images instead of the full batch — lesson 08 explains why that is
#    much faster — but the learning rate behaves the same way.
#
# Everything the buttons do can also be done from code, e.g.
# `panel.controls["learning_rate"].value = 10` and then `panel.train(wait=True)`; `panel.message` holds
# the text of the message box and `panel.history` the run.

# %% [markdown]
# ### Exercise 3 · Updates per epoch
#
# The full MNIST training set has 60,000 images. How many weight updates happen in one epoch with full
# batch gradient descent — and how many with mini-batches of 64 images? 60,000 is not a multiple of 64:
# like `ml.train`, count the images left over as one last, smaller batch. Answer with a tuple
# `(full_batch, batch_64)`.

# %%
answer = ...
ml.check("06.updates_per_epoch", answer, lang=LANG)

# %% [markdown]
# ## Summary
#
# - Gradient descent repeats: forward pass, loss, backward pass, update $W \leftarrow W - \alpha\, dW$ (and
#   the same for $b$). Full batch: every step uses all training images, one step per epoch.
# - `ml.train` runs this loop and returns a `History` (loss and accuracy per epoch, gradient norms per step
#   with `record_steps=True`); from the same start it gives the same loss curve as our loop.
# - The learning rate $\alpha$: too small — slow; about right — fast, then levelling off; too large — the
#   steps overshoot, feed themselves and diverge: huge weights, sure-and-wrong answers, dead ReLU neurons.
#   `ml.train` stops, restores the last good weights and suggests a smaller rate.
# - A loss stuck near $\ln 10$ with 10 % accuracy means the network learned nothing — or was broken.
#
# **Next:** [07 · Evaluation](07_evaluation.ipynb) — how good is the network on images it has never seen?

# %% [markdown]
# ## Solutions
#
# **Exercise 1.** Subtract the gradient, scaled by the learning rate:

# %%
def update(W1, dW1, learning_rate):
    return W1 - learning_rate * dW1


assert ml.check("06.update_W1", update, lang=LANG)

# %% [markdown]
# **Exercise 2.** It diverges: `ml.train` reports `stopped = "diverged"` (see the runs above).

# %%
assert runs[10.0].diverged
assert ml.check("06.lr_10", "diverges", lang=LANG)

# %% [markdown]
# **Exercise 3.** Full batch: one update per epoch. Batches of 64: $60{,}000 / 64 = 937.5$ — 937 full batches
# and one smaller batch with the remaining 32 images, 938 updates.

# %%
assert ml.check("06.updates_per_epoch", (1, int(np.ceil(60_000 / 64))), lang=LANG)

# %% [markdown]
# **Your turn · the training loop.** Our `gradient_descent` above is such a loop (it only prints more often):

# %%
def quiet_loop(params, X, y, learning_rate, n_steps):
    return gradient_descent(params, X, y, learning_rate, n_steps, print_every=10**9)


assert ml.check("06.train_loop", quiet_loop, lang=LANG)
