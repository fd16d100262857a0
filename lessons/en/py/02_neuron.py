# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 02 · The neuron
#
# **In this lesson** you will
# - compute what a single artificial neuron does: weighted sum, bias, activation,
# - write the activation functions ReLU and sigmoid and their derivatives yourself,
# - move sliders to get a feel for what a weight and a bias do,
# - see why a network without a non-linearity is no better than a single layer.
#
# ⏱ about 45 minutes, with the exercises

# %%
import numpy as np

import mnistlab as ml

LANG = "en"
rng = np.random.default_rng(0)

# %% [markdown]
# ## Weighted sum + bias + activation
#
# A neuron takes $n$ input numbers $x_1, \dots, x_n$, multiplies each one, $x_p$, by its own **weight**
# $w_p$, adds up the products, adds a **bias** $b$, and passes the result $z$ through an **activation
# function** $g$:
#
# $$z = w_1 x_1 + w_2 x_2 + \dots + w_n x_n + b = w \cdot x + b, \qquad a = g(z)$$
#
# A weight says how much its input counts, and in which direction: a negative weight votes *against*. The
# bias shifts the result up or down, whatever the inputs are. Weights and biases are what the network will
# *learn*. In NumPy, the weighted sum $w \cdot x$ is `w @ x`:

# %%
x = np.array([0.0, 0.5, 1.0])  # three inputs, e.g. three pixels
w = np.array([0.8, -1.5, 2.0])  # one weight per input
b = -0.5
z = w @ x + b  # 0.8 * 0.0 + (-1.5) * 0.5 + 2.0 * 1.0 + (-0.5)
print("z =", z)

# %% [markdown]
# ### Exercise 1 · One neuron by hand
#
# A neuron with the weights $w = (1, -2, 0.5)$, the bias $b = 1$ and the activation function ReLU (you will
# meet it in a moment: $\mathrm{ReLU}(z) = \max(0, z)$) receives the inputs $x = (2, 3, 2)$. What is its
# weighted sum plus bias $z$, and what is its output $a$? Answer with a pair `(z, a)`.

# %%
answer = ...
ml.check("02.neuron_output", answer, lang=LANG)

# %% [markdown]
# ## A neuron that looks at a digit
#
# A neuron in our network's hidden layer has 784 inputs: the pixels of one image, one column of `X`. Here is
# one with random weights (it has not learned anything yet):

# %%
X, y = ml.load_mnist("train", n=100, lang=LANG)
w = rng.normal(0, 0.05, size=784)  # 784 weights, one per pixel
b = 0.0
z = w @ X[:, 0] + b  # one image: (784,) @ (784,) -> one number
print("z =", round(z, 3))
z_all = w @ X + b  # all 100 images at once: (784,) @ (784, 100) -> (100,)
print("z_all:", z_all.shape, z_all[:5].round(3))

# %% [markdown]
# The same neuron applied to every column of `X` in one product: that is why `X` holds one image per
# column. In lesson 03 we stack many such neurons as the rows of a matrix.
#
# ## Activation functions
#
# The two we use, ReLU (*rectified linear unit*) and the sigmoid $\sigma$:
#
# $$\mathrm{ReLU}(z) = \max(0, z), \qquad \sigma(z) = \frac{1}{1 + e^{-z}}$$
#
# ReLU lets positive values through unchanged and cuts negative ones to 0. The sigmoid squashes any number
# into the range between 0 and 1. For learning (lesson 05) we also need their **derivatives**, the slope of
# each curve:
#
# $$\mathrm{ReLU}'(z) = \begin{cases} 1 & z > 0 \\ 0 & z \le 0 \end{cases}, \qquad
# \sigma'(z) = \sigma(z)\,\bigl(1 - \sigma(z)\bigr)$$
#
# At the kink $z = 0$ ReLU has no single slope; we simply take 0 there. Written in NumPy, element by element,
# so they work on a number, a column or a whole matrix:

# %% [markdown]
# ### Your turn · ReLU, its derivative and the sigmoid
#
# Before you read our version below, write the three yourself. Each check calls *your* function with its own
# test data (float32 and float64, the kink at 0, huge values) and answers at once; if something is off, the
# hint says what. Replace the `...` in the function, then set `answer = my_relu` (the function itself, without
# parentheses).

# %%
def my_relu(Z):
    ...  # ReLU of every entry of Z


answer = ...  # when my_relu is written: answer = my_relu
ml.check("02.relu", answer, lang=LANG)

# %%
def my_relu_prime(Z):
    ...  # 1 where Z > 0, else 0


answer = ...  # when my_relu_prime is written: answer = my_relu_prime
ml.check("02.relu_prime", answer, lang=LANG)

# %%
def my_sigmoid(Z):
    ...  # 1 / (1 + e^(-z)) for every entry, also for z = ±1000


answer = ...  # when my_sigmoid is written: answer = my_sigmoid
ml.check("02.sigmoid", answer, lang=LANG)

# %%
def relu(Z):
    return np.maximum(Z, 0)


def relu_prime(Z):
    return (Z > 0).astype(Z.dtype)  # True/False -> 1.0/0.0


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


def sigmoid_prime(Z):
    S = sigmoid(Z)
    return S * (1 - S)


# %% [markdown]
# Do they agree with `mnistlab`? We test all four on a grid of values from −10 to 10 (including the kink at
# 0), arranged as a 3 × 67 matrix:

# %%
Z = np.linspace(-10, 10, 201).reshape(3, 67)
np.testing.assert_allclose(relu(Z), ml.relu(Z))
np.testing.assert_allclose(relu_prime(Z), ml.relu_prime(Z))
np.testing.assert_allclose(sigmoid(Z), ml.sigmoid(Z))
np.testing.assert_allclose(sigmoid_prime(Z), ml.sigmoid_prime(Z))
print("relu, relu_prime, sigmoid, sigmoid_prime: OK")

# %% [markdown]
# From here on we use `ml.relu`, `ml.sigmoid` and so on. One difference: `mnistlab`'s sigmoid is written so
# that `np.exp` never overflows, even for $z = -1000$ — our version would compute `np.exp(1000)` there.
# Overflow is the story of lesson 03.

# %%
ml.show_source(ml.sigmoid)

# %% [markdown]
# Both functions and their derivatives in one chart (solid: the function, dashed: its derivative; hover to
# read values):

# %%
ml.charts.activation_plot(lang=LANG)

# %% [markdown]
# ### Exercise 2 · The derivative of ReLU
#
# What is $\mathrm{ReLU}'(z)$ for $z = -2$, $z = 0$ and $z = 3$? Answer with three numbers, e.g. `[5, 6, 7]`.

# %%
answer = ...
ml.check("02.relu_prime_values", answer, lang=LANG)

# %% [markdown]
# ### Exercise 3 · How steep is the sigmoid?
#
# What is the **largest** value the derivative $\sigma'(z)$ ever takes? Read it from the chart or compute it.

# %%
answer = ...
ml.check("02.sigmoid_prime_max", answer, lang=LANG)

# %% [markdown]
# ## Feel it: a neuron with one input
#
# With a single input $x$ the neuron computes $a = g(w x + b)$. Move the sliders and watch:
# - $w$ sets how steep the neuron reacts to $x$ — and with a negative $w$ it reacts the other way round,
# - $b$ shifts the curve left and right: the neuron "switches" where $w x + b = 0$, at $x = -b / w$,
# - ReLU and sigmoid switch in different ways: a sharp kink against a soft step.
#
# Dashed: $z = w x + b$ before the activation function; solid: the output $a$.

# %%
import ipywidgets as widgets
import plotly.graph_objects as go

x_axis = np.linspace(-5, 5, 201)
neuron_plot = go.FigureWidget(
    [go.Scatter(x=x_axis, name="z = w·x + b", line={"dash": "dash", "color": "#999999", "width": 2}),
     go.Scatter(x=x_axis, name="a = g(z)", line={"color": "#0072B2", "width": 4})],
    layout={"template": "plotly_white", "height": 380, "font": {"size": 16}, "xaxis_title": "x",
            "yaxis_range": [-2.5, 4.5], "margin": {"t": 20, "b": 50},
            "separators": ",." if LANG == "de" else ".,"},  # decimal and thousands mark of the axis numbers
)


def neuron(w=1.0, b=0.0, g="relu"):
    z = w * x_axis + b
    activation = {"relu": ml.relu, "sigmoid": ml.sigmoid}[g]
    with neuron_plot.batch_update():
        neuron_plot.data[0].y = z
        neuron_plot.data[1].y = activation(z)


w = widgets.FloatSlider(value=1.0, min=-3.0, max=3.0, step=0.1)
b = widgets.FloatSlider(value=0.0, min=-8.0, max=8.0, step=0.1)
g = widgets.ToggleButtons(options=[(ml.t("activation.relu", LANG), "relu"),
                                  (ml.t("activation.sigmoid", LANG), "sigmoid")])
widgets.interactive_output(neuron, {"w": w, "b": b, "g": g})  # neuron(w=..., b=..., g=...) on every change
fields = ml.widgets.fields  # label above each control, readouts in the lesson's number format
widgets.VBox([fields.fields_row([fields.slider_field("w", w, LANG)[0], fields.slider_field("b", b, LANG)[0],
                                 fields.field(ml.t("panel.activation", LANG), g)]),
              ml.widgets.fit_width(neuron_plot)])

# %% [markdown]
# Try: $w = 3, b = 0$ with the sigmoid — almost a step from 0 to 1. Then $b = -6$: the step moves to $x = 2$.
# Then $w = -3$: now the step goes the other way — the neuron fires for *small* $x$ (below $x = -2$).

# %% [markdown]
# ## Why we need the non-linearity
#
# Without $g$, a layer computes $W X + b$: a *linear* function of its input. What if we stack two such
# layers? Leave out the biases for a moment: first $W^{[1]}$, then $W^{[2]}$ —
#
# $$W^{[2]} \bigl(W^{[1]} X\bigr) = \bigl(W^{[2]} W^{[1]}\bigr) X$$
#
# — which is a single layer with the matrix $W^{[2]} W^{[1]}$. However many linear layers we stack, the
# result can do no more than one layer. Let's check it numerically on real images:

# %%
W1 = rng.normal(0, 0.05, size=(10, 784))
W2 = rng.normal(0, 0.3, size=(10, 10))
two_layers = W2 @ (W1 @ X)  # (10, 10) @ ((10, 784) @ (784, 100))
one_layer = (W2 @ W1) @ X  # one (10, 784) matrix does the same
print("two_layers:", two_layers.shape, "  one_layer:", one_layer.shape)
print("max |two_layers - one_layer|:", np.abs(two_layers - one_layer).max())
np.testing.assert_allclose(two_layers, one_layer, atol=1e-12)

# %% [markdown]
# Biases don't help either: $W^{[2]}(W^{[1]}X + b^{[1]}) + b^{[2]} = (W^{[2]}W^{[1]})X + (W^{[2]}b^{[1]} +
# b^{[2]})$ is again one layer. But put a ReLU between the layers, and the two no longer collapse into one:

# %%
b1 = rng.normal(0, 0.1, size=(10, 1))
b2 = rng.normal(0, 0.1, size=(10, 1))
linear = W2 @ (W1 @ X + b1) + b2
collapsed = (W2 @ W1) @ X + (W2 @ b1 + b2)
np.testing.assert_allclose(linear, collapsed, atol=1e-12)

with_relu = W2 @ ml.relu(W1 @ X + b1) + b2
print(f"{np.abs(with_relu - collapsed).max() = :.3f}")
assert not np.allclose(with_relu, collapsed)

# %% [markdown]
# The ReLU switches each hidden neuron on or off depending on the input, so the second layer combines
# different pieces for different images. With enough neurons, such pieces can be bent into almost any
# shape — that is where a network's power comes from.

# %% [markdown]
# ## Summary
#
# - A neuron computes $a = g(w \cdot x + b)$: weighted sum, plus bias, through an activation function.
# - ReLU $\max(0, z)$ has the derivative 0 or 1; the sigmoid $1/(1 + e^{-z})$ has the derivative
#   $\sigma(1 - \sigma)$. They are now `ml.relu`, `ml.relu_prime`, `ml.sigmoid`, `ml.sigmoid_prime`.
# - The weight sets steepness and direction, the bias the switching point.
# - Without a non-linearity between them, two layers are the same as one.
#
# **Next:** [03 · Forward pass and shapes](03_forward.ipynb) — many neurons at once, as matrices.

# %% [markdown]
# ## Solutions
#
# **Exercise 1.** $z = 1 \cdot 2 + (-2) \cdot 3 + 0.5 \cdot 2 + 1 = -2$, and $\mathrm{ReLU}(-2) = 0$: this
# neuron stays silent for this input.

# %%
z_solution = np.array([1, -2, 0.5]) @ np.array([2, 3, 2]) + 1
assert ml.check("02.neuron_output", (z_solution, ml.relu(z_solution)), lang=LANG)

# %% [markdown]
# **Exercise 2.** Flat left of 0, slope 1 right of 0, and 0 at the kink by our convention:

# %%
assert ml.check("02.relu_prime_values", ml.relu_prime(np.array([-2.0, 0.0, 3.0])), lang=LANG)

# %% [markdown]
# **Exercise 3.** The sigmoid is steepest at $z = 0$: $\sigma'(0) = 0.5 \cdot (1 - 0.5) = 0.25$. So a
# gradient that passes through a sigmoid shrinks to a quarter or less — layer after layer. This is one
# reason why ReLU (slope 1) usually learns faster (lesson 08b).

# %%
assert ml.check("02.sigmoid_prime_max", ml.sigmoid_prime(np.linspace(-10, 10, 2001)).max(), lang=LANG)

# %%
for name, solution in (("02.relu", relu), ("02.relu_prime", relu_prime), ("02.sigmoid", ml.sigmoid)):
    assert ml.check(name, solution, lang=LANG, save=False), name  # save=False: the lesson's solution is not kept as your own
