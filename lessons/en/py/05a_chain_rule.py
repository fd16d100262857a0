# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 05a · The chain rule, by hand
#
# **In this lesson** you will
# - follow one neuron forward with plain numbers, then backwards, one local derivative at a time,
# - send gradients back through a small computational graph and meet the gate patterns: an addition
#   passes the gradient on, a product swaps its inputs, a ReLU routes or blocks, and a value used twice
#   adds up what comes back to it,
# - check every gradient you computed by hand with central differences,
# - derive the gradient of softmax + cross-entropy for two classes by hand — prediction minus truth — and
#   arrive at the formula lesson 05b starts from.
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
# Lesson 04 measured how wrong the network is with one number, the loss $L$. To make it better, we change
# every weight a little — but in which direction, and by how much? The answer is the **gradient**: for each
# parameter $w$, the derivative $\partial L / \partial w$, how fast $L$ grows when $w$ grows. Lesson 05b
# computes all of them at once, with matrices. Here we do it first with single numbers, slowly, to see the
# one idea all of backpropagation is made of: the **chain rule**.
#
# ## 1 · One neuron, forward
#
# One input $x$, one weight $w$, one bias $b$, a ReLU (lesson 02), and a loss that compares the output $a$
# with a target $y$. For a single number the simplest loss is the squared error; the network's
# cross-entropy comes in section 5.
#
# $$z = w x + b, \qquad a = \mathrm{ReLU}(z), \qquad L = (a - y)^2$$

# %%
x, w, b, y = 2.0, 0.75, 0.5, 0.5
z = w * x + b
a = max(z, 0.0)  # ReLU
L = (a - y) ** 2
print(f"z = {z}   a = {a}   L = {L}")

# %% [markdown]
# ## 2 · Backwards, one local derivative at a time
#
# $L$ depends on $w$ only through a chain: $w$ changes $z$, $z$ changes $a$, $a$ changes $L$. The **chain
# rule** says: the rates of change along the chain multiply,
#
# $$\frac{\partial L}{\partial w} = \frac{\partial L}{\partial a} \cdot \frac{\partial a}{\partial z} \cdot \frac{\partial z}{\partial w}$$
#
# Each factor is a **local derivative**: it looks at one step only, at its own input and output, and
# knows nothing of the rest. Each is easy:
#
# - $\partial L / \partial a = 2(a - y)$ — the derivative of a square,
# - $\partial a / \partial z = \mathrm{ReLU}'(z)$ — 1 if $z > 0$, else 0 (lesson 02),
# - $\partial z / \partial w = x$, $\partial z / \partial b = 1$ — in $w x + b$, $w$ is multiplied by $x$,
#   and $b$ is simply added.
#
# Each product is computed here from the numbers of our neuron:

# %%
dL_da = 2 * (a - y)
da_dz = 1.0 if z > 0 else 0.0  # ReLU'(z)
dz_dw, dz_db = x, 1.0
print(ml.fmt("∂L/∂a = 2·(a − y) = 2·({a:g} − {y:g}) = {v:g}", LANG, a=a, y=y, v=dL_da))
print(ml.fmt("∂a/∂z = ReLU'({z:g}) = {v:g}", LANG, z=z, v=da_dz))
print(ml.fmt("∂z/∂w = x = {v:g}", LANG, v=dz_dw))

dL_dz = dL_da * da_dz
dL_dw = dL_dz * dz_dw
dL_db = dL_dz * dz_db
print(ml.fmt("∂L/∂z = ∂L/∂a · ∂a/∂z = {p:g} · {q:g} = {v:g}", LANG, p=dL_da, q=da_dz, v=dL_dz))
print(ml.fmt("∂L/∂w = ∂L/∂z · ∂z/∂w = {p:g} · {q:g} = {v:g}", LANG, p=dL_dz, q=dz_dw, v=dL_dw))
print(ml.fmt("∂L/∂b = ∂L/∂z · ∂z/∂b = {p:g} · {q:g} = {v:g}", LANG, p=dL_dz, q=dz_db, v=dL_db))

# %% [markdown]
# Two things to notice. We walked **backwards**, from $L$ to $w$: that way $\partial L / \partial z$ is
# computed once and serves both $w$ and $b$ (in a real network, thousands of weights). That is all
# "backpropagation" means. And the number means something: $\partial L / \partial w = 6$ says that a small
# step $\Delta w$ changes $L$ by about $6\, \Delta w$. Nudge $w$ by 0.01 and look:

# %%
L_nudged = (max((w + 0.01) * x + b, 0.0) - y) ** 2
print(ml.t("lesson.nudge_w", LANG, change=L_nudged - L, predicted=dL_dw * 0.01))

# %% [markdown]
# Almost exactly $6 \cdot 0.01$; the small rest comes from the curve of the square, which a derivative —
# a slope — ignores.
#
# ### Your turn · ∂L/∂w for any numbers
#
# Write `dL_dw(x, w, b, y)`: the gradient $\partial L / \partial w$ of this neuron for any four numbers.
# The check calls it with numbers of its own — including some where $z$ is negative. What does the ReLU do
# to the gradient there?

# %%
def dL_dw(x, w, b, y):
    ...  # forward (z, a), then the three local derivatives, multiplied


answer = ...  # when dL_dw is written: answer = dL_dw
ml.check("05.chain_dw", answer, lang=LANG)

# %% [markdown]
# ## 3 · A small graph: how gradients flow
#
# A real network is a long chain of such steps, and it branches. We draw the steps as a **computational
# graph**: each box is one number, each arrow says "is used to compute". Here is a small one, a tiny network
# with one input $x$ and two paths — one through a ReLU, one without — that meet in a sum:
#
# $$p = w_1 x, \qquad h = \mathrm{ReLU}(p), \qquad q = w_2 x, \qquad s = h + q, \qquad L = (s - y)^2$$
#
# Forward first, in plain Python:

# %%
x, w1, w2, y = 2.0, 1.5, -0.25, 1.0
p = w1 * x
h = max(p, 0.0)
q = w2 * x
s = h + q
L = (s - y) ** 2
print(f"p = {p}   h = {h}   q = {q}   s = {s}   L = {L}")

# %% [markdown]
# `ml.scalar_graph.Graph` builds the same graph from its leaves and its steps, one `(name, operation,
# inputs)` per box, and `ml.graph_chart` draws it. The values agree with ours:

# %%
graph = ml.scalar_graph.Graph(
    {"w1": w1, "x": x, "w2": w2},  # the leaves: inputs and weights
    [("p", "mul", "w1", "x"),  # one (name, operation, inputs) per box
     ("h", "relu", "p"),
     ("q", "mul", "w2", "x"),
     ("s", "add", "h", "q"),
     ("L", "square_error", "s", y)])
values = [graph.value(name) for name in ("p", "h", "q", "s", "L")]
assert values == [p, h, q, s, L]
ml.graph_chart.computational_graph(graph, lang=LANG, gradients=False)

# %% [markdown]
# Now backwards, from $L$ up, one box at a time. Every gate passes the gradient that arrives from below to
# its inputs, multiplied by its local derivative — and each kind of gate has its own pattern:
#
# - **square** $L = (s - y)^2$: the start, $\partial L / \partial s = 2(s - y)$.
# - **add** $s = h + q$: both local derivatives are 1, so the gate **distributes** the gradient unchanged
#   to both inputs: $\partial L / \partial h = \partial L / \partial q = \partial L / \partial s$.
# - **ReLU** $h = \mathrm{ReLU}(p)$: it **routes** the gradient through if $p > 0$ and **blocks** it
#   (sends 0) if $p \le 0$.
# - **multiply** $p = w_1 x$: the local derivative for $w_1$ is $x$, for $x$ it is $w_1$ — the gate
#   **swaps** its inputs: $\partial L / \partial w_1 = x \cdot \partial L / \partial p$.
# - **a value used twice**: $x$ goes into $p$ *and* into $q$. A small change of $x$ changes $L$ along both
#   paths, so the two contributions **add**:
#
# $$\frac{\partial L}{\partial x} = \frac{\partial L}{\partial p}\,\frac{\partial p}{\partial x} + \frac{\partial L}{\partial q}\,\frac{\partial q}{\partial x} = w_1 \frac{\partial L}{\partial p} + w_2 \frac{\partial L}{\partial q}$$

# %%
dL_ds = 2 * (s - y)
dL_dh = dL_ds  # add: distributes
dL_dq = dL_ds
dL_dp = dL_dh * (1.0 if p > 0 else 0.0)  # ReLU: routes (p > 0) or blocks
dL_dw1 = x * dL_dp  # multiply: swaps
dL_dw2 = x * dL_dq
dL_dx = w1 * dL_dp + w2 * dL_dq  # x is used twice: the two paths add
print(ml.fmt("∂L/∂s  = 2·(s − y) = {v:g}", LANG, v=dL_ds))
print(ml.fmt("∂L/∂h  = ∂L/∂q = ∂L/∂s = {v:g}", LANG, v=dL_dh))
print(ml.fmt("∂L/∂p  = ∂L/∂h · ReLU'({p:g}) = {v:g}", LANG, p=p, v=dL_dp))
print(ml.fmt("∂L/∂w1 = x · ∂L/∂p = {x:g} · {d:g} = {v:g}", LANG, x=x, d=dL_dp, v=dL_dw1))
print(ml.fmt("∂L/∂w2 = x · ∂L/∂q = {x:g} · {d:g} = {v:g}", LANG, x=x, d=dL_dq, v=dL_dw2))
print(ml.fmt("∂L/∂x  = w1 · ∂L/∂p + w2 · ∂L/∂q = {a:g} + ({b:g}) = {v:g}", LANG, a=w1 * dL_dp,
             b=w2 * dL_dq, v=dL_dx))

# %% [markdown]
# The graph's backward pass gives the same numbers. In the figure, each box shows its value and, in
# vermillion, its gradient; each arrow is labelled with what the backward pass carries along it, against
# the arrow's direction. Find $x$: its two arrows carry 4.5 and −0.75 back, and its box holds their sum.

# %%
hand = {"s": dL_ds, "h": dL_dh, "q": dL_dq, "p": dL_dp, "w1": dL_dw1, "w2": dL_dw2, "x": dL_dx}
for name, value in hand.items():
    assert np.isclose(graph.grad(name), value), name
ml.graph_chart.computational_graph(graph, lang=LANG)

# %% [markdown]
# ### The ReLU blocks
#
# Now the same graph with $x = -1$: $p = w_1 x$ is negative, the ReLU outputs 0 — and passes no gradient
# back. Nothing on the left path learns from this input: $\partial L / \partial w_1 = 0$, and $x$ gets its
# gradient from the right path alone.

# %%
blocked = graph.with_leaf("x", -1.0)
print(f"p = {blocked.value('p')}   ∂L/∂w1 = {blocked.grad('w1')}   ∂L/∂x = {blocked.grad('x')}")
assert blocked.grad("w1") == 0 and blocked.grad("p") == 0
ml.graph_chart.computational_graph(blocked, lang=LANG)

# %% [markdown]
# This is what happens to a hidden ReLU neuron in lesson 05b for every image where its $z$ is negative.
#
# ### Exercise 1 · A value used twice
#
# The same graph with other numbers: $x = 1$, $w_1 = 2$, $w_2 = -0.5$, target $y = 0$. What is
# $\partial L / \partial x$? Work it out step by step as above (in code or on paper — but not with
# `ml.scalar_graph`, that would be too easy). Answer with a number.

# %%
answer = ...
ml.check("05.graph_grad", answer, lang=LANG)

# %% [markdown]
# ## 4 · Check it: central differences
#
# A gradient computed by hand can be wrong. An independent check needs nothing but the forward pass:
# change one input by a tiny $\varepsilon$ in both directions and measure how $L$ changes,
#
# $$\frac{\partial L}{\partial x} \approx \frac{L(x + \varepsilon) - L(x - \varepsilon)}{2\varepsilon}$$
#
# These are **central differences** (lesson 05b uses them on the whole network). Here, for the three leaves
# of our graph:

# %%
def loss(x, w1, w2, y=1.0):
    return (max(w1 * x, 0.0) + w2 * x - y) ** 2


eps = 1e-6
numerical = {"x": (loss(x + eps, w1, w2) - loss(x - eps, w1, w2)) / (2 * eps),
             "w1": (loss(x, w1 + eps, w2) - loss(x, w1 - eps, w2)) / (2 * eps),
             "w2": (loss(x, w1, w2 + eps) - loss(x, w1, w2 - eps)) / (2 * eps)}
for name in numerical:
    print(ml.t("lesson.hand_numerical", LANG, name=name, hand=hand[name], num=numerical[name]))
    assert np.isclose(hand[name], numerical[name], atol=1e-6)

# %% [markdown]
# They agree in every printed decimal: the derivatives we multiplied by hand are right.
#
# ## 5 · Softmax + cross-entropy for two classes, by hand
#
# The network's last step is not a square. It turns scores into probabilities with softmax (lesson 03) and
# takes the cross-entropy $L = -\log p_y$ of the right class (lesson 04). With only two classes, the
# scores $z_1, z_2$ give
#
# $$p_1 = \frac{e^{z_1}}{e^{z_1} + e^{z_2}}, \qquad p_2 = \frac{e^{z_2}}{e^{z_1} + e^{z_2}}$$
#
# Say class 1 is right, so $Y = (1, 0)$ (one-hot) and $L = -\log p_1$. The chain runs
# $z_1, z_2 \to p_1 \to L$, with two links:
#
# **First link.** $\partial L / \partial p_1 = -1 / p_1$.
#
# **Second link: the softmax.** Both probabilities share the denominator $S = e^{z_1} + e^{z_2}$, so
# *each* score changes *each* probability. The quotient rule gives four local derivatives (the
# **Jacobian** of softmax), two of which we need:
#
# $$\frac{\partial p_1}{\partial z_1} = \frac{e^{z_1} S - e^{z_1} e^{z_1}}{S^2} = p_1 (1 - p_1), \qquad \frac{\partial p_1}{\partial z_2} = \frac{-e^{z_1} e^{z_2}}{S^2} = -p_1 p_2$$
#
# **Multiply.** The $p_1$ cancels each time:
#
# $$\frac{\partial L}{\partial z_1} = -\frac{1}{p_1} \cdot p_1 (1 - p_1) = p_1 - 1, \qquad \frac{\partial L}{\partial z_2} = -\frac{1}{p_1} \cdot (-p_1 p_2) = p_2$$
#
# Both at once: $\partial L / \partial z_k = p_k - Y_k$ — **prediction minus truth**. A step against the
# gradient (lesson 06) raises the score of the right class (its gradient $p_1 - 1$ is negative) and lowers
# the other one. With numbers, checked
# with central differences:

# %%
def two_class_loss(z1, z2):
    p1 = np.exp(z1) / (np.exp(z1) + np.exp(z2))
    return -np.log(p1)  # class 1 is right


z1, z2 = 2.0, 0.5
Y = np.array([1.0, 0.0])
p1, p2 = np.exp([z1, z2]) / np.exp([z1, z2]).sum()
print(f"p1 = {p1:.4f}   p2 = {p2:.4f}   L = {two_class_loss(z1, z2):.4f}")

dL_dp1 = -1 / p1
dL_dz1 = dL_dp1 * p1 * (1 - p1)
dL_dz2 = dL_dp1 * (-p1 * p2)
hand = {"z1": dL_dz1, "z2": dL_dz2}
numerical = {"z1": (two_class_loss(z1 + eps, z2) - two_class_loss(z1 - eps, z2)) / (2 * eps),
             "z2": (two_class_loss(z1, z2 + eps) - two_class_loss(z1, z2 - eps)) / (2 * eps)}
for name in hand:
    print(ml.t("lesson.hand_numerical", LANG, name=name, hand=hand[name], num=numerical[name]))
assert np.allclose([dL_dz1, dL_dz2], np.array([p1, p2]) - Y)
assert np.allclose([dL_dz1, dL_dz2], [numerical["z1"], numerical["z2"]], atol=1e-6)

# %% [markdown]
# Note $\partial L / \partial z_2 = p_2 \ne 0$, although $z_2$ does not appear in $-\log p_1$ directly:
# it acts through the shared denominator. Forget that coupling and you get 0 — wrong.
#
# ### Your turn · the two-class gradient
#
# Write `grad_z(z, Y)`: for two scores `z` (shape (2,)) and a one-hot `Y` (shape (2,), `[1, 0]` or
# `[0, 1]`), return $\partial L / \partial z$ (shape (2,)) for $L = -\log p_y$. The check tries random scores
# and both labels — and large scores, where softmax needs the trick of lesson 03.

# %%
def grad_z(z, Y):
    ...  # softmax of the two scores, then the gradient


answer = ...  # when grad_z is written: answer = grad_z
ml.check("05.softmax2_grad", answer, lang=LANG)

# %% [markdown]
# ## 6 · From one image to the batch: dZ2 = (A2 − Y) / m
#
# For ten classes the derivation is the same, with ten probabilities sharing one denominator: for every
# class $k$, $\partial L / \partial z_k = p_k - Y_k$ (lesson 05b writes it out). Checked numerically on ten
# random scores of one image:

# %%
def numerical_gradient(f, Z, eps=1e-6):
    """Central differences for every entry of the array Z."""
    G = np.zeros_like(Z)
    for index in np.ndindex(Z.shape):
        Z_plus, Z_minus = Z.copy(), Z.copy()
        Z_plus[index] += eps
        Z_minus[index] -= eps
        G[index] = (f(Z_plus) - f(Z_minus)) / (2 * eps)
    return G


z = rng.normal(size=(10, 1))  # one image: one column of ten scores
label = np.array([3])
G = numerical_gradient(lambda Z: ml.cross_entropy(ml.softmax(Z), label), z)
print(ml.t("lesson.max_difference", LANG, diff=np.abs(G - (ml.softmax(z) - ml.one_hot(label))).max()))

# %% [markdown]
# The network's loss is the **mean** over the $m$ images of a batch, $L = \frac{1}{m} \sum_i \ell_i$.
# Score $Z^{[2]}_{ki}$ of image $i$ only acts on that image's loss $\ell_i$, which enters $L$ with the
# factor $\frac{1}{m}$. So column $i$ of the gradient is $(A^{[2]}_{:,i} - Y_{:,i}) / m$, and for the whole
# batch
#
# $$dZ^{[2]} = \frac{\partial L}{\partial Z^{[2]}} = \frac{1}{m}\left(A^{[2]} - Y\right)$$
#
# Checked on a batch of $m = 4$ images — all 40 entries, against central differences and against
# `ml.output_delta`, mnistlab's function for exactly this:

# %%
m = 4
Z2 = rng.normal(size=(10, m))
labels = rng.integers(0, 10, m)
Y = ml.one_hot(labels)
A2 = ml.softmax(Z2)
dZ2 = (A2 - Y) / m
G = numerical_gradient(lambda Z: ml.cross_entropy(ml.softmax(Z), labels), Z2)
print(ml.t("lesson.max_difference", LANG, diff=np.abs(G - dZ2).max()))
print(f"(G / (A2 - Y))[:, 0] = {np.round(G[:, 0] / (A2 - Y)[:, 0], 4)}")
assert np.allclose(G, dZ2, atol=1e-7)
assert np.allclose(dZ2, ml.output_delta(A2, Y))

# %% [markdown]
# The numerical gradient is $A^{[2]} - Y$ times 0.25 in every entry: times $\frac{1}{m}$, with $m = 4$,
# because the loss is a mean. From here, lesson 05b goes on backwards through the network, with whole
# matrices at once: $dW^{[2]}$, $db^{[2]}$, into the hidden layer, $dW^{[1]}$ and $db^{[1]}$ — the same
# local derivatives and gate patterns as here, applied to every weight and every image together.
#
# ## Summary
#
# - **Chain rule:** along a chain of steps, the local derivatives multiply:
#   $\partial L / \partial w = \partial L / \partial a \cdot \partial a / \partial z \cdot \partial z / \partial w$.
#   Backpropagation computes them from the loss backwards, so that each $\partial L / \partial(\text{node})$
#   is computed once and reused.
# - **Gate patterns:** an addition distributes the gradient unchanged; a product swaps (each input gets the
#   gradient times the *other* input); a ReLU routes it where its input was positive and blocks it
#   elsewhere; a value used twice adds up the gradients of its paths.
# - **Central differences** $(L(x + \varepsilon) - L(x - \varepsilon)) / 2\varepsilon$ check any gradient
#   with nothing but the forward pass.
# - **Softmax + cross-entropy:** the softmax's Jacobian ($\partial p_1 / \partial z_1 = p_1(1 - p_1)$,
#   $\partial p_1 / \partial z_2 = -p_1 p_2$) times $-1/p_y$ gives $\partial L / \partial z_k = p_k - Y_k$;
#   for a batch with the mean loss, $dZ^{[2]} = (A^{[2]} - Y)/m$.
#
# **Next:** [05b · Backpropagation](05b_backprop.ipynb) — the same, for all weights and images at once,
# with matrices.

# %% [markdown]
# ## Solutions
#
# **Your turn · ∂L/∂w.** Forward to $z$ and $a$, then the three local derivatives multiplied. Where
# $z \le 0$ the ReLU blocks, and the gradient is 0:

# %%
def dL_dw(x, w, b, y):
    z = w * x + b
    a = max(z, 0.0)
    return 2 * (a - y) * (1.0 if z > 0 else 0.0) * x  # ∂L/∂a · ∂a/∂z · ∂z/∂w


assert ml.check("05.chain_dw", dL_dw, lang=LANG, save=False)  # save=False: the lesson's solution is not kept as your own

# %% [markdown]
# **Exercise 1.** $p = 2$, $h = 2$, $q = -0.5$, $s = 1.5$, so $\partial L / \partial s = 2 \cdot 1.5 = 3$;
# the sum passes 3 to $h$ and to $q$, the ReLU passes it on ($p > 0$); back to $x$ come
# $w_1 \cdot 3 = 6$ and $w_2 \cdot 3 = -1.5$ — together 4.5:

# %%
x, w1, w2, y = 1.0, 2.0, -0.5, 0.0
s = max(w1 * x, 0.0) + w2 * x
dL_ds = 2 * (s - y)
dL_dx = w1 * (1.0 if w1 * x > 0 else 0.0) * dL_ds + w2 * dL_ds
print(f"dL_dx = {dL_dx}")
assert ml.check("05.graph_grad", dL_dx, lang=LANG)

# %% [markdown]
# **Your turn · the two-class gradient.** Softmax with the largest score subtracted first (lesson 03), then
# prediction minus truth:

# %%
def grad_z(z, Y):
    e = np.exp(z - z.max())
    return e / e.sum() - Y


assert ml.check("05.softmax2_grad", grad_z, lang=LANG, save=False)  # save=False: the lesson's solution is not kept as your own
