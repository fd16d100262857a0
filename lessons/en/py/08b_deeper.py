# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 08b · Deeper networks: start weights and vanishing gradients
#
# **In this lesson** you will
# - see why the size of the **start weights** must depend on the layer: **Xavier (Glorot)** and **He
#   initialisation**, what each assumes about the activation function, and why ReLU needs a factor 2,
# - **measure vanishing gradients**: the size of every layer's gradient $\|dW^{[l]}\|$ in an eight-layer
#   network with sigmoid and with ReLU,
# - go **deeper** (784-128-64-10) and walk from the original to the deep network **one change at a time**,
# - **save** a trained network to a file and **load** it again.
#
# ⏱ about 45 minutes, with the exercises

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
# The same data as in lesson 08a: 2,000 training images, and 500 more as validation images to compare on.
# The test set stays locked.

# %%
X_pool, y_pool = ml.load_mnist("train", n=2500, lang=LANG)
X_train, y_train, X_val, y_val = ml.train_val_split(X_pool, y_pool, 500, np.random.default_rng(1))
n_train = y_train.size  # the training-set size; m stays the batch size
print("X_train:", X_train.shape, " X_val:", X_val.shape)

# %% [markdown]
# ## How large should the start weights be?
#
# The original draws every weight uniformly from $[-0.5, 0.5)$, whatever the layer size. But a neuron adds
# up $n_{l-1}$ products $w_p a_p$, one per input: the more inputs, the larger $z$. If the weights have mean 0
# and are independent of the inputs,
#
# $$\operatorname{Var}\big(z^{[l]}\big) = n_{l-1} \cdot \operatorname{Var}(w) \cdot
# \mathbb{E}\big[(a^{[l-1]})^2\big].$$
#
# To keep $z$ the same size from layer to layer, choose $\operatorname{Var}(w)$ so that the right side
# equals the variance of the layer before. What $\mathbb{E}[a^2]$ is depends on the activation function:
#
# - **Xavier / Glorot** (Glorot and Bengio, 2010) assume an activation that is **symmetric around 0 with
#   slope $f'(0) = 1$**, like $\tanh$: near 0 it passes $z$ on unchanged, $a \approx z$, so
#   $\mathbb{E}[a^2] \approx \operatorname{Var}(z)$ and $\operatorname{Var}(w) = 1 / n_{l-1}$. The same
#   argument for the backward pass gives $1 / n_l$; Glorot's compromise between the two is
#   $\operatorname{Var}(w) = 2 / (n_{l-1} + n_l)$ — what `ml.init_params(..., init="xavier")` draws.
# - **He** (Kaiming He et al., 2015) for **ReLU**: ReLU sets the negative half of the $z$ to 0, so
#   $\mathbb{E}[a^2] = \operatorname{Var}(z) / 2$. To make up for that half, the variance doubles:
#   $\operatorname{Var}(w) = 2 / n_{l-1}$.
# - The **logistic sigmoid** fits neither assumption: $\sigma(0) = 1/2$, not 0, and its slope there is only
#   $1/4$. Xavier is often called "the initialisation for sigmoid", but its assumption describes $\tanh$:
#
# $$W^{[l]} \sim \mathcal{N}\left(0, \frac{2}{n_{l-1} + n_l}\right) \text{ (Xavier)}, \qquad
# W^{[l]} \sim \mathcal{N}\left(0, \frac{2}{n_{l-1}}\right) \text{ (He)}, \qquad b^{[l]} = 0$$

# %%
z = np.array([0.0])
print("sigmoid(0) =", ml.sigmoid(z), "  sigmoid'(0) =", ml.sigmoid_prime(z))
print("tanh(0) =", np.tanh(z), "  tanh'(0) =", 1 - np.tanh(z) ** 2)

# %% [markdown]
# He initialisation, written out — and checked against `ml.init_params`, which draws the same numbers from
# the same seed:

# %%
def init_he(layer_sizes, rng):
    params = {}
    for l in range(1, len(layer_sizes)):
        n_in, n_out = layer_sizes[l - 1], layer_sizes[l]
        std = np.sqrt(2 / n_in)  # He: variance 2 / (number of inputs)
        params[f"W{l}"] = (rng.standard_normal((n_out, n_in)) * std).astype(np.float32)
        params[f"b{l}"] = np.zeros((n_out, 1), dtype=np.float32)
    return params


sizes = [784, 128, 64, 10]
he_inline = init_he(sizes, np.random.default_rng(1))
he_ml = ml.init_params(sizes, rng=np.random.default_rng(1), init="he")
for name in he_ml:
    np.testing.assert_array_equal(he_inline[name], he_ml[name])
print({name: value.shape for name, value in he_ml.items()})

# %% [markdown]
# Now the network 784-128-64-10 with ReLU, from three kinds of start, on the same images: the standard
# deviation of $Z$ in each layer, the share of hidden units ReLU lets through, the mean of the largest output
# probability (`max A3`) and the loss. A network that knows nothing should answer about 10 % for every digit,
# with a loss of $\ln 10 \approx 2.3$.

# %%
starts = {init: ml.init_params(sizes, rng=np.random.default_rng(1), init=init)
          for init in ("uniform", "xavier", "he")}
print(f"{ml.t('lesson.init_header', LANG):9} {'Z1.std':>7} {'Z2.std':>7} {'Z3.std':>7} {'A1 > 0':>7} {'A2 > 0':>7} "
      f"{'max A3':>7} {ml.t('lesson.loss', LANG):>7}")
for init, params in starts.items():
    A3, cache = ml.forward(params, X_train)
    stds = [cache[f"Z{l}"].std() for l in (1, 2, 3)]
    alive = [(cache[f"Z{l}"] > 0).mean() for l in (1, 2)]
    print(ml.fmt("{init!r:9} {s1:7.2f} {s2:7.2f} {s3:7.2f} {a1:7.0%} {a2:7.0%} {top:7.0%} {loss:7.2f}", LANG,
                 init=init, s1=stds[0], s2=stds[1], s3=stds[2], a1=alive[0], a2=alive[1],
                 top=A3.max(axis=0).mean(), loss=ml.cross_entropy(A3, y_train)))

# %% [markdown]
# With uniform start weights (±0.5) the spread of $Z$ grows from layer to layer, the output is nearly
# one-hot and the loss is far above 2.3: the network starts *confidently wrong*. He keeps `Z1.std`,
# `Z2.std` and `Z3.std` on one scale. Xavier's variance is smaller than He's in every layer
# ($2 / (n_{l-1} + n_l) < 2 / n_{l-1}$), so with ReLU its $Z$ values shrink from layer to layer (compare its
# `Z1.std` with its `Z3.std`). In a deeper network that adds up — the next section measures it.

# %% [markdown]
# ## Vanishing gradients, measured
#
# Backpropagation goes from the last layer to the first, and each layer multiplies the error signal by two
# factors (lesson 05):
#
# $$dZ^{[l-1]} = \big(W^{[l]\top} dZ^{[l]}\big) \odot f'\big(Z^{[l-1]}\big)$$
#
# If the two together make it smaller in every layer, the first layers get almost no gradient and hardly
# learn: the gradients **vanish**. Let's measure it instead of believing it. An eight-layer network
# 784-64-64-64-64-64-64-64-10, three versions that differ in one thing each: sigmoid with Xavier, ReLU with
# Xavier (only the activation changed), ReLU with He (only the start changed). One forward and one backward
# pass each on 500 training images, and the size (norm) of every layer's gradient $\|dW^{[l]}\|$:

# %%
deep_sizes = [784] + [64] * 7 + [10]
versions = {"sigmoid, xavier": ("sigmoid", "xavier"), "relu, xavier": ("relu", "xavier"),
            "relu, he": ("relu", "he")}
norms, slopes = {}, {}
for name, (activation, init) in versions.items():
    params = ml.init_params(deep_sizes, rng=np.random.default_rng(1), init=init)
    _, cache = ml.forward(params, X_train[:, :500], activation=activation)
    grads = ml.backward(params, cache, y_train[:500])
    norms[name] = [float(np.linalg.norm(grads[f"dW{l}"])) for l in range(1, 9)]
    g_prime = ml.sigmoid_prime if activation == "sigmoid" else ml.relu_prime
    slopes[name] = [float(g_prime(cache[f"Z{l}"]).mean()) for l in range(1, 8)]  # mean f'(Z) per layer

print(f"{'l':>2}" + "".join(f"{name:>17}" for name in norms))
for l in range(1, 9):
    print(f"{l:>2}" + "".join(ml.fmt("{v:17.1e}", LANG, v=values[l - 1]) for values in norms.values()))
print(ml.fmt("‖dW1‖ / ‖dW8‖:  sigmoid, xavier {s:.1e}   relu, he {r:.1f}", LANG,
             s=norms["sigmoid, xavier"][0] / norms["sigmoid, xavier"][7],
             r=norms["relu, he"][0] / norms["relu, he"][7]))

# %%
ml.charts.layer_gradient_norms(norms, lang=LANG)

# %%
assert norms["sigmoid, xavier"][0] < 0.01 * norms["sigmoid, xavier"][7]  # vanished: layer 1 gets < 1 %
assert norms["relu, he"][0] > 0.5 * norms["relu, he"][7]  # ReLU with He: layer 1 gets as much as layer 8

# %% [markdown]
# Read the chart from right (the output) to left (the input):
#
# - **sigmoid**: every layer towards the input gets a smaller gradient, by a similar factor each time; the
#   first layer gets a tiny fraction of the last one's (printed above). Why? The mean slope
#   $\sigma'(Z)$ in each hidden layer is below $1/4$, never more (printed below), and Xavier's $W^\top$ does
#   not make up for it — Xavier's formula assumed a slope of 1.
# - **relu, xavier**: the slope is 1 for about half of the units and 0 for the rest — the missing half
#   again. With Xavier's smaller weights the signal shrinks in both directions and all gradients are small.
# - **relu, he**: the 2 in He's formula makes up for the half ReLU sets to 0, and the gradient keeps its
#   size through all eight layers (layer 1 differs because its weight matrix has 784 columns, not 64).

# %%
print(f"{'l':>2}" + "".join(f"{name:>17}" for name in slopes) + "   " + ml.t("lesson.mean_slope", LANG))
for l in range(1, 8):
    print(f"{l:>2}" + "".join(ml.fmt("{v:17.3f}", LANG, v=values[l - 1]) for values in slopes.values()))
assert max(slopes["sigmoid, xavier"]) <= 0.25 and slopes["relu, xavier"] == slopes["relu, he"]

# %% [markdown]
# The two ReLU columns are identical: scaling all weights by the same factor does not change which units
# are active, only how large the numbers are. So the difference between them in the chart is the weights'
# scale alone.
#
# Does it matter for learning? Three epochs of training for the sigmoid and the He-ReLU network, with the
# gradient norms recorded at every step (`record_steps=True`): the first layer's gradient at the first and
# at the last step, and the validation accuracy at the end.

# %%
after = {}
for name in ("sigmoid, xavier", "relu, he"):
    activation, init = versions[name]
    params = ml.init_params(deep_sizes, rng=np.random.default_rng(1), init=init)
    history = ml.train(params, X_train, y_train, learning_rate=0.1, n_epochs=3, batch_size=64,
                       rng=np.random.default_rng(2), X_val=X_val, y_val=y_val, activation=activation,
                       record_steps=True)
    norm_1, norm_8 = history.steps["grad_norm"]["W1"], history.steps["grad_norm"]["W8"]
    after[name] = norm_1[-1] / norm_8[-1], history.val_accuracy[-1]
    print(ml.fmt("{name:16} ‖dW1‖: {first:.1e} -> {last:.1e}   ‖dW8‖: {last8:.1e}   ", LANG, name=name,
                 first=norm_1[0], last=norm_1[-1], last8=norm_8[-1]),
          ml.t("lesson.train_val", LANG, train=history.accuracy[-1], val=history.val_accuracy[-1]))
assert after["sigmoid, xavier"][0] < 0.01  # after three epochs: layer 1 still gets < 1 % of layer 8's
assert after["sigmoid, xavier"][1] < 0.3 < after["relu, he"][1]  # guessing gives about 10 %

# %% [markdown]
# Three epochs later the sigmoid network's first layer still gets a gradient less than 1 % the size of its
# last layer's, and its validation accuracy is still near what guessing gives (10 %); the ReLU network with
# He's start learns (the cell checks all three). Eight layers of sigmoid are an extreme case on purpose —
# with two hidden layers, as below, sigmoid does learn, just less well.

# %% [markdown]
# ## Deeper: from the original to 784-128-64-10, one change at a time
#
# Our network so far has one hidden layer of 10 units. A **wider and deeper** network, 784-128-64-10, has
# two hidden layers with many more units. How much does each of this chapter's changes bring? A fair
# comparison changes **one thing at a time** — otherwise we cannot tell which change made the difference.
# Each row of the table differs from the row above in exactly one thing:
#
# 1. **the original** (`ml.origin.gradient_descent`): 784-10-10, uniform ±0.5, the biases of a layer move
#    together (one scalar db, lesson 05), full batch, $\alpha = 0.1$, 100 steps = 100 passes over the data;
# 2. **biases fixed**: `ml.train` with the same start weights (the cell checks it), still full batch;
# 3. **He** start instead of uniform;
# 4. **mini-batches** of 64 instead of the full batch — still 100 passes, so the same computing, but 32
#    steps per pass instead of 1;
# 5. **10 passes** instead of 100;
# 6. **784-128-64-10** instead of 784-10-10;
# 7. **sigmoid** instead of ReLU in the hidden layers (the start stays He).
#
# All runs compute in float64, as the original does, so that not even the number format changes.

# %%
X64, X64_val = X_train.astype(np.float64), X_val.astype(np.float64)
start = time.perf_counter()
W1, b1, W2, b2 = ml.origin.gradient_descent(X64, y_train, 0.1, 100, np.random.default_rng(1))
seconds = time.perf_counter() - start
original = ml.origin.forward_prop(W1, b1, W2, b2, X64)[3], ml.origin.forward_prop(W1, b1, W2, b2, X64_val)[3]
rows = [(10 * 784 + 10 + 10 * 10 + 10, 100, 100, seconds,
         ml.accuracy(y_train, ml.origin.get_predictions(original[0])),
         ml.accuracy(y_val, ml.origin.get_predictions(original[1])))]
uniform_start = ml.init_params([784, 10, 10], rng=np.random.default_rng(1), init="uniform", dtype=np.float64)
for name, value in zip(("W1", "b1", "W2", "b2"), ml.origin.init_params(np.random.default_rng(1)), strict=True):
    np.testing.assert_array_equal(uniform_start[name], value)  # row 2 starts where the original starts

settings = [  # (layer sizes, init, batch_size, epochs, activation): rows 2-7
    ([784, 10, 10], "uniform", None, 100, "relu"),
    ([784, 10, 10], "he", None, 100, "relu"),
    ([784, 10, 10], "he", 64, 100, "relu"),
    ([784, 10, 10], "he", 64, 10, "relu"),
    ([784, 128, 64, 10], "he", 64, 10, "relu"),
    ([784, 128, 64, 10], "he", 64, 10, "sigmoid"),
]
for layer_sizes, init, batch_size, n_epochs, activation in settings:
    params = ml.init_params(layer_sizes, rng=np.random.default_rng(1), init=init, dtype=np.float64)
    history = ml.train(params, X64, y_train, learning_rate=0.1, n_epochs=n_epochs, batch_size=batch_size,
                       rng=np.random.default_rng(2), activation=activation)
    steps_per_epoch = 1 if batch_size is None else math.ceil(n_train / batch_size)
    rows.append((sum(p.size for p in params.values()), n_epochs, n_epochs * steps_per_epoch,
                 sum(history.seconds), ml.accuracy(y_train, ml.predict(params, X64)),
                 ml.accuracy(y_val, ml.predict(params, X64_val))))
    if layer_sizes == [784, 128, 64, 10] and activation == "relu":
        params_deep = params  # row 6: saved and loaded below

# %%
changes = ml.t("lesson.compare_rows", LANG).split("|")
header = ml.t("lesson.compare_header", LANG).split()
print(f"{'':27} {header[0]:>9} {header[1]:>7} {header[2]:>8} {header[3]:>5} {header[4]:>8} {header[5]:>7} "
      f"{'Δ':>6}")
gains = []
for number, (change, (n, epochs, steps, s, train, val)) in enumerate(zip(changes, rows, strict=True), start=1):
    gain = val - rows[number - 2][5] if number > 1 else 0.0
    gains.append(gain)
    print(ml.fmt("{number}. {change:24} {n:9,} {epochs:7} {steps:8} {s:5.2f} {train:8.1%} {val:7.1%} {gain:+6.1%}",
                 LANG, number=number, change=change, n=n, epochs=epochs, steps=steps, s=s, train=train, val=val,
                 gain=gain))
best = int(np.argmax(gains))
print(ml.t("lesson.largest_gain", LANG, row=best + 1, change=changes[best]))

# %% [markdown]
# `params` is the number of parameters, `epochs` the passes over the data, `steps` the gradient steps, `s`
# the seconds (they depend on your machine and on what else it is doing), `Δ` the change of the validation
# accuracy against the row above — what that row's one change did in this run. How to read it:
#
# - **Row 2 against row 1** is the bias bug alone: same start, same steps, same data.
# - **Row 3**: only the start differs. The cell under the table names the row with the largest gain.
# - **Row 4 against row 3**: the same 100 passes and the same computing; only the batch size differs. Many
#   noisy steps against a few exact ones.
# - **Row 5**: a tenth of the computing. Its Δ is what the 90 passes it leaves out were worth.
# - **Row 6**: more than ten times as many parameters. Compare the training and the validation accuracy of
#   rows 4–6: a large gap means the network has learned its 2,000 training images better than digits in
#   general (overfitting, lesson 07).
# - **Row 7**: sigmoid instead of ReLU, nothing else changed — two hidden layers, not eight, so it learns,
#   but compare its Δ.
#
# A difference of a few validation images (one is worth 0.2 %) can come from the order of the batches
# alone (lesson 08a measured it); trust the large ones.

# %% [markdown]
# ## Saving and loading a model
#
# Training takes time; a trained network is just its arrays `W1, b1, W2, …`. `ml.save_model` writes them
# (and a little information about the network) into one `.npz` file; `ml.load_model` reads it back. We
# write into a temporary folder that is deleted afterwards — in your own work, pick a real path.

# %%
with tempfile.TemporaryDirectory() as folder:
    path = ml.save_model(Path(folder) / "deep.npz", params_deep, meta={"epochs": 10})
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
# The training panel from lesson 06b can do everything from this chapter: choose the experiment *deeper:
# 784-128-64-10* or *the original*, change the batch size, the initialisation, the activation function,
# and press **Train**. Same seed and same settings always give the same result. Change one setting at a
# time. We train it once from code, so that you see a finished run of the deep network — its gradient norms
# per layer too:

# %%
panel = ml.training_panel(X_train, y_train, X_val, y_val, lang=LANG, preset="deep_128_64")
panel.train(wait=True)  # the Train button does the same
panel

# %%
assert not panel.history.diverged and panel.history.loss[-1] < panel.history.loss[0]
print(panel.settings_string())

# %% [markdown]
# ## Exercises
#
# **Exercise 1.** Write a function `n_params(layer_sizes)` that returns the number of parameters (all
# weights and biases) of a network with the given layer sizes, e.g. `n_params([784, 128, 64, 10])`. Check
# it against the `params` column of the table above.

# %%
def n_params(layer_sizes):
    ...  # your code here


answer = ...  # when your function is ready: answer = n_params
ml.check("08.n_params", answer, lang=LANG)

# %% [markdown]
# **Exercise 2.** With He initialisation, what is the standard deviation of the weights in `W2` of the
# network 784-128-64-10? (A measured `W2.std()` counts too.)

# %%
answer = ...
ml.check("08.he_std", answer, lang=LANG)

# %% [markdown]
# ## Summary
#
# - The start weights must shrink with the number of inputs $n_{l-1}$. **Xavier**
#   $\mathcal{N}(0, 2 / (n_{l-1} + n_l))$ assumes an activation like $\tanh$ (symmetric, slope 1 at 0);
#   **He** $\mathcal{N}(0, 2 / n_{l-1})$ doubles the variance because ReLU sets half of the values to 0.
#   Uniform ±0.5 makes a deeper network start confidently wrong.
# - **Vanishing gradients**, measured: in eight sigmoid layers the first layer's gradient is a tiny fraction
#   of the last one's — each layer multiplies by a slope below 1/4. ReLU with He keeps it the same size.
# - Compare **one change at a time**: the table says what each change did in this run, and no more.
# - `ml.save_model` / `ml.load_model` store a trained network in one `.npz` file.
#
# Next: steps that find their own way down a narrow valley:
# [08c · Momentum and Adam](08c_optimizers.ipynb)

# %% [markdown]
# ## Solutions
#
# Each cell checks a solution (and fails if it were wrong).

# %%
def n_params_solution(layer_sizes):
    pairs = zip(layer_sizes[:-1], layer_sizes[1:], strict=True)
    return sum(n_in * n_out + n_out for n_in, n_out in pairs)  # W: n_out x n_in, b: n_out


assert n_params_solution([784, 128, 64, 10]) == sum(p.size for p in params_deep.values()) == rows[5][0]
assert ml.check("08.n_params", n_params_solution, lang=LANG)

# %%
assert ml.check("08.he_std", np.sqrt(2 / 128), lang=LANG)  # fan_in of W2 = 128
