# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 06b · How big a step? The learning rate
#
# **In this lesson** you will
# - see on the simplest valley, $L(w) = \lambda w^2/2$, when gradient descent converges, oscillates or
#   diverges — and that the curvature $\lambda$, not the slope, sets the largest safe step,
# - drag a learning-rate slider over a valley in two directions, and look at a slice of the real network's
#   loss with the path its training took,
# - train our network with a learning rate that is too small, about right, and too large,
# - take a diverged run apart: what `ml.train` reports, why the loss explodes, and what it leaves behind,
# - train in the training panel and watch the loss and the gradients of each layer live.
#
# ⏱ about 45 minutes, with the exercises

# %% [markdown]
# The same setting as in lesson 06a: 500 training images, 500 validation images, a 784 → 16 → 10 network
# from the same random start, and `ml.train`'s run with $\alpha = 0.5$ for 100 epochs (this lesson runs on
# its own, so it loads and trains them again):

# %%
import numpy as np

import mnistlab as ml

LANG = "en"
rng = np.random.default_rng(0)

X_all, y_all = ml.load_mnist("train", n=1000, lang=LANG)  # as in 06a: a modest subset keeps training fast
X, y, X_val, y_val = ml.train_val_split(X_all, y_all, 500, np.random.default_rng(1))  # 500 to train, 500 to tune
n_hidden, learning_rate, n_iterations = 16, 0.5, 100
start = ml.init_params([784, n_hidden, 10], rng=rng)  # the same start for every run below
history = ml.train({name: value.copy() for name, value in start.items()}, X, y, learning_rate=learning_rate,
                   n_epochs=n_iterations, X_val=X_val, y_val=y_val, record_steps=True, lang=LANG)
print(f"history.loss[0] = {history.loss[0]:.4f}   history.loss[-1] = {history.loss[-1]:.4f}")

# %% [markdown]
# ## The simplest valley
#
# Why not simply take huge steps and be done sooner? Look at the simplest valley there is, the parabola
# $L(w) = w^2/2$. Its gradient is $w$, so one step gives $w \leftarrow w - \alpha w = (1 - \alpha)\, w$:
# every step multiplies the distance from the bottom (at $w = 0$) by the same factor $1 - \alpha$. Six
# learning rates, each starting at $w = 1$:

# %%
alphas = (0.1, 1.0, 1.5, 1.9, 2.0, 2.1)
paths = {}
for alpha in alphas:
    w, path = 1.0, [1.0]
    for _ in range(20):
        w = w - alpha * w  # one gradient descent step on L(w) = w**2 / 2, whose gradient is w
        path.append(w)
    paths[alpha] = path
    print(f"{alpha = :<4}  path[1:4] = {np.round(path[1:4], 2)}   abs(path[20]) = {abs(path[20]):.2g}")
assert abs(paths[1.9][20]) < 0.2 and abs(paths[2.0][20]) == 1 and abs(paths[2.1][20]) > 6  # as the text says

# %%
ml.charts.descent_paths(paths, lang=LANG)

# %% [markdown]
# (`path[1:4]` is $w$ after the first three steps — `path[1]` is the factor $1 - \alpha$ itself, since every
# run starts at $w = 1$ — and `abs(path[20])` the distance from the bottom after 20 steps.)
#
# - $\alpha = 0.1$: every step removes 10 % of the distance — safe, but slow: after 20 steps 12 % is left.
# - $\alpha = 1$: the factor is 0, one step lands exactly on the bottom.
# - $\alpha = 1.5$ and $1.9$: each step jumps *over* the bottom to the other side, but lands closer — a
#   zigzag that still **converges**; at 1.9 only slowly (the factor is −0.9).
# - $\alpha = 2$: the factor is −1. Gradient descent jumps between $w = 1$ and $w = -1$ for ever: it
#   **oscillates** and never gets closer.
# - $\alpha = 2.1$: each step lands *farther* away, $|1 - \alpha| = 1.1 > 1$; after 20 steps the distance
#   has grown more than sixfold. The steps **diverge**.
#
# So on this valley gradient descent converges exactly when $|1 - \alpha| < 1$, that is for
# $0 < \alpha < 2$.
#
# ## Curvature, not slope, sets the limit
#
# A valley can be narrower: $L(w) = \lambda w^2/2$ with a **curvature** $\lambda$ (the second derivative,
# $L''(w) = \lambda$: how fast the slope changes). Its gradient is $\lambda w$, one step multiplies $w$ by
# $1 - \alpha\lambda$, and gradient descent converges exactly when
#
# $$0 < \alpha < \frac{2}{\lambda}$$
#
# Where the valley is twice as strongly curved, the largest safe step is half as long. The *slope* does not
# enter this rule: a steep slope makes a long step, but the step shrinks with the slope as $w$ nears the
# bottom. Two runs of 50 steps show it — a huge slope on a gently curved valley, and a tiny slope on a
# sharply curved one:

# %%
def descend(w, curvature, alpha, n_steps=50):
    """n_steps of gradient descent on L(w) = curvature * w**2 / 2, whose gradient is curvature * w."""
    for _ in range(n_steps):
        w = w - alpha * curvature * w
    return w


for w0, curvature, alpha in ((1000.0, 1.0, 1.5), (0.001, 4.0, 0.6)):
    slope = curvature * w0  # the gradient at the start
    print(f"{slope = :<6g} {curvature = }   {alpha = }   abs(w) = {abs(descend(w0, curvature, alpha)):.2g}")

# %% [markdown]
# The first starts at $w = 1000$, on a slope of 1000, and still converges — after 50 steps it is about
# $10^{-12}$ from the bottom — because $\alpha = 1.5 < 2/1$. The second starts at $w = 0.001$, on a slope of
# only 0.004, and diverges — after 50 steps it is 20,000 away — because $\alpha = 0.6 > 2/4 = 0.5$.
#
# ## A valley in two directions
#
# A network's loss is curved differently in different directions. The simplest such valley has two
# weights, $L(w_1, w_2) = (\lambda_1 w_1^2 + \lambda_2 w_2^2)/2$; ours is ten times more strongly curved
# across ($\lambda_2 = 10$) than along its floor ($\lambda_1 = 1$). Each direction has its own limit,
# $2/1$ and $2/10$, and every step moves in both at once, so it must respect the smaller one:
# $\alpha < 0.2$. Four learning rates, 25 steps each, from the same point $(-2.5,\ 1.2)$:

# %%
curvatures = (1.0, 10.0)  # along the valley floor (w1) and across it (w2)
ends = {}
for alpha in (0.05, 0.15, 0.19, 0.21):
    ends[alpha] = ml.landscape.quadratic_path(curvatures, alpha, (-2.5, 1.2), 25)[-1]  # where 25 steps end
    print(f"{alpha = :<5}  w1 = {ends[alpha][0]:8.3f}   w2 = {ends[alpha][1]:8.3f}")
assert ends[0.05][0] < -0.6 and 0.05 < abs(ends[0.19][1]) < 0.1 < 10 < abs(ends[0.21][1])  # as the text says
ml.landscape_chart.valley_paths(curvatures, [0.05, 0.15, 0.19, 0.21], lang=LANG)

# %% [markdown]
# At 0.05 the path drops straight to the valley floor and then creeps along it: after 25 steps $w_1$ is
# still at −0.69. At 0.15 it zigzags across the valley and reaches the bottom. At 0.19, just under $2/10$, the
# zigzag across hardly shrinks ($w_2$ is still −0.09 after 25 steps), and at 0.21 it leaves the valley
# ($w_2 \approx -13$) — although along the floor a step ten times longer would still be safe. The most
# strongly curved direction sets the limit for all of them, and the gentle direction is then walked slowly:
# the problem momentum and Adam solve (lesson 08c). Drag the slider: the path is redrawn at once.

# %%
ml.landscape_chart.valley_explorer(curvatures, lang=LANG)

# %% [markdown]
# A network's loss is a valley in thousands of dimensions. It is curved differently in different directions,
# and its curvature changes from place to place; near any point, the most strongly curved direction sets
# the limit, $\alpha < 2/\lambda_{\max}$. We will not compute $\lambda_{\max}$ for our network — we find the
# limit the practical way, by trying learning rates. On the parabola, a step *raises* the loss only above
# the limit: at 1.5 and 1.9 the zigzag still brings $w$ closer in every step, at 2.1 it moves away. So an
# epoch in which our network's loss goes *up* says: that step was too long for the curvature where the
# network stood. Five learning rates, 100 epochs each, from the same start:

# %%
rises, final = {}, {}
for rate in (0.1, 0.2, 0.3, 0.5, 1.0):
    run = ml.train({name: value.copy() for name, value in start.items()}, X, y, learning_rate=rate,
                   n_epochs=n_iterations, lang=LANG)
    rises[rate], final[rate] = int((np.diff(run.loss) > 0).sum()), run.loss[-1]  # rises: epochs the loss went UP
    print(f"{rate = :<4}  rises = {rises[rate]:2}   {run.loss[-1] = :.3f}")
assert rises[0.1] == rises[0.2] == 0 < rises[0.3] and rises[1.0] > rises[0.5]  # as the text says
assert min(final, key=final.get) == 0.5

# %% [markdown]
# With 0.1 and 0.2 the loss falls in every epoch. From 0.3 on it rises now and then: those steps were too
# long for the curvature at that place, and the loss fell again afterwards. And yet 0.5 ends with the lowest
# loss of the five: a few steps over the limit are the price of long steps. At 1 the loss rises in many
# epochs, and it ends higher than with 0.5.

# %% [markdown]
# ## The network's valley, seen from above
#
# Our network has $784 \cdot 16 + 16 + 16 \cdot 10 + 10 = 12{,}730$ weights and biases: its loss is a
# valley in 12,730 dimensions and cannot be drawn. A slice through it can (Li et al., 2018): choose two
# directions in parameter space and draw the loss on the plane they span through the trained network. Which
# two? Random directions miss the way training went — in 12,730 dimensions two random directions hold
# hardly any of it. So we keep the network every 5 epochs while it trains with $\alpha = 0.5$, take the two
# directions in which it moved most (the principal directions of its path) and project the path onto that
# plane:

# %%
params_path = {name: value.copy() for name, value in start.items()}
snapshots = []


def keep(epoch, history):
    """ml.train calls this before the first epoch (epoch 0) and after each one: keep every 5th network."""
    if epoch % 5 == 0:
        snapshots.append({name: value.copy() for name, value in params_path.items()})


ml.train(params_path, X, y, learning_rate=learning_rate, n_epochs=n_iterations, callback=keep, lang=LANG)
surface = ml.landscape.loss_slice(params_path, X, y, directions="path", path=snapshots)
random_plane = ml.landscape.loss_slice(params_path, X, y, rng=np.random.default_rng(2), n=3, path=snapshots)
print(f"{len(snapshots) = }   surface['path_share'] = {surface['path_share']:.2f}   "
      f"random_plane['path_share'] = {random_plane['path_share']:.3f}")
print(f"surface['path_loss'][0] = {surface['path_loss'][0]:.3f}   surface['center'] = {surface['center']:.3f}")
assert surface["path_share"] > 0.9 and random_plane["path_share"] < 0.05  # as the text says
ml.landscape_chart.loss_slice_figure(surface, lang=LANG, epochs=range(0, n_iterations + 1, 5))

# %% [markdown]
# `path_share` is the share of the path's movement that lies in the plane: the random plane holds less than
# 2 % of it, the path's own plane 99 %. The path starts far out at epoch 0, where the loss is 2.34, and ends
# at the trained network (the star, loss 0.055); hover over a point to see its epoch. The contour lines
# show the valley it walked down — seen from above, the same downhill steps as on the parabola.

# %% [markdown]
# ### Exercise 1 · Predict first
#
# In lesson 06a our network learned well with `learning_rate = 0.5`. What will happen with
# `learning_rate = 10`, all else equal? Answer with one word: `"faster"`, `"slower"` or `"diverges"` — then
# read on.

# %%
answer = ...
ml.check("06.lr_10", answer, lang=LANG)

# %% [markdown]
# ## Three learning rates, same start
#
# We train the same network from the same `start` with a learning rate that is too small (0.01), our 0.5,
# and a too-large one (10). The run with 0.5 is the one from the top of the lesson.

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
    print(f"{rate = :<5g} {run.loss[-1] = :.3f}   run.epoch[-1] = {run.epoch[-1]:3}   run.stopped = {run.stopped}")

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
# - **About right** ($\alpha = 0.5$): the loss falls fast — with the few bumps counted above — and then
#   levels off as the network approaches the bottom of the valley.
# - **Too large** ($\alpha = 10$): the curve ends almost at once. `ml.train` noticed that the loss ran away
#   and stopped.
#
# ## What `ml.train` reports when training diverges

# %%
run = runs[10.0]
print("run.stopped       =", run.stopped)
print("run.diverged_loss =", run.diverged_loss)
print(run.message)

# %% [markdown]
# `ml.train` stops as soon as the loss becomes `inf` or `nan`, or grows more than $10 \ln 10 \approx 23$
# above the loss before training. Where is that line for our start?

# %%
limit = run.loss[0] + 10 * np.log(10)  # ml.train's divergence line: loss before training + 10 ln 10
print(f"{run.loss[0] = :.2f}   {limit = :.2f}   {np.exp(-limit) = :.1e}")

# %% [markdown]
# What does a loss above about 25 say about the network? The loss is the *mean* of $-\log p_i$, where $p_i$
# is the probability it gives image $i$'s right digit. A mean of logarithms is the logarithm of the
# **geometric mean**:
#
# $$L = -\frac{1}{m}\sum_{i=1}^{m} \log p_i = -\log \Big(\prod_{i=1}^{m} p_i\Big)^{1/m}$$
#
# So a loss above the line means: the geometric mean of the right digit's probabilities is below
# $e^{-25} \approx 10^{-11}$. That is *not* the ordinary average — a few images with $p_i \approx 0$ drag
# the geometric mean down to almost nothing, while the ordinary average can still look harmless. We will
# see both in a moment. Then `ml.train` puts the weights back to where they were after the last good epoch
# (so they never contain `nan`), keeps the run-away loss in `diverged_loss`, and says what to do: a learning
# rate ten times smaller.
#
# ## Why the loss explodes
#
# What would have happened without that guard? Here is lesson 06a's training loop, without `ml.train`'s
# guard and without printing, and ten steps with $\alpha = 10$:

# %%
def unguarded(params, X, y, learning_rate, n_steps):
    """Gradient descent as in 06a, without a guard: the losses before each step and after the last."""
    losses = []
    for _ in range(n_steps):
        A2, cache = ml.forward(params, X)
        losses.append(ml.cross_entropy(A2, y))
        grads = ml.backward(params, cache, ml.one_hot(y))
        for name in params:  # W1, b1, W2, b2: one step downhill each
            params[name] -= learning_rate * grads["d" + name]
    losses.append(ml.cross_entropy(ml.forward(params, X)[0], y))
    return losses


params_big = {name: value.copy() for name, value in start.items()}
exploded = unguarded(params_big, X, y, 10.0, 10)
print("exploded =", np.round(exploded, 2))
A2_big, cache_big = ml.forward(params_big, X)
print("max |W1|, |b1|, |W2|, |b2|:", [round(float(np.abs(value).max()), 1) for value in params_big.values()])
alive = int((cache_big["A1"] > 0).any(axis=1).sum())  # hidden neurons that are positive for some image
print(f"alive = {alive} / {n_hidden}   accuracy = {(A2_big.argmax(axis=0) == y).mean():.3f}")

# %% [markdown]
# After two steps the loss is far above the line — that is where `ml.train` stopped. The network after two
# steps, image by image:

# %%
params_2 = {name: value.copy() for name, value in start.items()}
losses_2 = unguarded(params_2, X, y, 10.0, 2)
p = ml.forward(params_2, X)[0][y, np.arange(y.size)].astype(np.float64)  # the right digit's probability
geometric = np.exp(np.log(np.maximum(p, np.finfo(np.float32).tiny)).mean())  # clipped as ml.cross_entropy does
print(f"losses_2[-1] = {losses_2[-1]:.2f}   np.exp(-losses_2[-1]) = {np.exp(-losses_2[-1]):.1e}")
print(f"geometric = {geometric:.1e}   p.mean() = {p.mean():.3f}")
print(f"(p > 0.5).mean() = {(p > 0.5).mean():.3f}   (p < 1e-10).mean() = {(p < 1e-10).mean():.3f}")

# %% [markdown]
# The geometric mean of the right digit's probabilities is $e^{-L}$, astronomically small; the ordinary
# average `p.mean()` is about 0.2. The network is *sure* of every answer: about a fifth of the images get
# their right digit with a high probability, and almost all the others a probability below $10^{-10}$ — sure
# and wrong, at up to 87 per image (lesson 04).
#
# Step by step, what happened:
# 1. The first step is too long for the valley's curvature: it jumps over the valley floor.
# 2. Each step lands farther from the bottom, where the slope is steeper; the step is $\alpha$ times the
#    slope, so the next one is longer again — the overshoot feeds itself, like $\alpha = 2.1$ above. The
#    weights grow to many times their starting size.
# 3. Large weights make large scores in `Z2`. Softmax turns them into probabilities of almost exactly 0 and
#    1, so every wrong answer is *sure* and wrong: the loss jumps to tens.
# 4. The huge updates also push the scores `Z1` of most hidden neurons below zero for every image. A ReLU
#    that is never positive passes no gradient back (lesson 05) — the neuron is **dead** and can never
#    recover. `alive` above counts the hidden neurons that are still positive for at least one image.
#
# Afterwards the loss creeps back down towards $\ln 10 \approx 2.3$ — that looks like recovery, but it is
# not: with a (nearly) dead hidden layer the network gives almost the same answer for every image and can
# only adjust its output biases to guess well. The accuracy stays at about 10 %: the sanity check of
# lesson 04. That is why `ml.train` stops at the first sign of divergence and keeps the last good weights.

# %% [markdown]
# ## The gradients of each layer
#
# While training, `ml.train(..., record_steps=True)` also records the size (norm) of `dW1` and `dW2` after
# every step. For our good run:

# %%
ml.charts.gradient_norms(runs[learning_rate], lang=LANG)

# %% [markdown]
# Both norms are largest in the first steps, where the slope is steep, and shrink as the network approaches
# the bottom — the steps get shorter by themselves, even with a fixed learning rate. The two layers have
# gradients of different sizes; one learning rate has to suit both. Jumps and spikes in these curves are an
# early warning that the learning rate is too large.

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
# 4. The **Experiment** menu has ready-made settings, e.g. "learning rate too low" and "learning rate too
#    high". They train on *mini-batches* of 64 images instead of the full batch — lesson 08a explains why
#    that is much faster — but the learning rate behaves the same way.
#
# Everything the buttons do can also be done from code, e.g.
# `panel.controls["learning_rate"].value = 10` and then `panel.train(wait=True)`; `panel.message` holds
# the text of the message box and `panel.history` the run.

# %% [markdown]
# ### Exercise 2 · Updates per epoch
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
# - On a valley with curvature $\lambda$, $L(w) = \lambda w^2/2$, gradient descent multiplies the distance
#   from the bottom by $1 - \alpha\lambda$ in every step: it converges for $0 < \alpha < 2/\lambda$,
#   oscillates at $\alpha = 2/\lambda$ and diverges above. The curvature sets the limit, not the slope.
# - The learning rate $\alpha$ of a network: too small — slow; about right — fast, then levelling off; too
#   large — the steps overshoot, feed themselves and diverge: huge weights, sure-and-wrong answers, dead
#   ReLU neurons.
# - `ml.train` stops when the loss grows more than $10 \ln 10$ above its start — the geometric mean of the
#   right digit's probabilities is then below about $e^{-25}$ — restores the last good weights and suggests
#   a smaller rate.
# - A loss stuck near $\ln 10$ with 10 % accuracy means the network learned nothing — or was broken.
#
# **Next:** [07 · Evaluation](07_evaluation.ipynb) — how good is the network on images it has never seen?

# %% [markdown]
# ## Solutions
#
# **Exercise 1.** It diverges: `ml.train` reports `stopped = "diverged"` (see the runs above).

# %%
assert runs[10.0].diverged
assert ml.check("06.lr_10", "diverges", lang=LANG)

# %% [markdown]
# **Exercise 2.** Full batch: one update per epoch. Batches of 64: $60{,}000 / 64 = 937.5$ — 937 full batches
# and one smaller batch with the remaining 32 images, 938 updates.

# %%
assert ml.check("06.updates_per_epoch", (1, int(np.ceil(60_000 / 64))), lang=LANG)
