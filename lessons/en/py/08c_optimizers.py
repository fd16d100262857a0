# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 08c · Momentum and Adam
#
# **In this lesson** you will
# - see why plain gradient descent **zigzags and crawls** in a narrow valley,
# - write two better steps yourself: **momentum**, which remembers where it was going, and **Adam**, which
#   gives every parameter its own step size,
# - race all of them down the same valley, and then train the same network with **SGD, momentum and Adam**
#   from the same start, the validation curves in one chart.
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
# Lessons 08a and 08b made training faster and the network deeper: mini-batches, a learning-rate schedule,
# start weights that suit the layer. But every step is still the one from lesson 06,
#
# $$W \leftarrow W - \alpha \, dW,$$
#
# plain **gradient descent** — with mini-batches called **SGD** (stochastic gradient descent). The step only
# looks at the slope right here, right now. Today: two steps that do better, and that almost every network
# today is trained with.

# %% [markdown]
# ## A narrow valley
#
# A loss with two weights, flat in one direction and steep in the other:
#
# $$L(w_1, w_2) = \tfrac{1}{2}\left(\lambda_1 w_1^2 + \lambda_2 w_2^2\right), \qquad
#   \frac{\partial L}{\partial w_1} = \lambda_1 w_1, \quad \frac{\partial L}{\partial w_2} = \lambda_2 w_2$$
#
# with the curvatures $\lambda_1 = 0.1$ (flat) and $\lambda_2 = 10$ (steep).
#
# Real loss surfaces look like this in many directions at once: long, flat valleys with steep walls. Lesson
# 06a showed the limit: along a direction of curvature $\lambda$, gradient descent only converges for
# $\alpha < 2/\lambda$ — here the steep wall sets $\alpha < 2/10 = 0.2$. But along the flat floor each step
# shrinks $w_1$ only by the factor $1 - 0.1\,\alpha$, at best $0.98$.
#
# We walk down the valley with mnistlab's optimizers: `optimizer.step(params, grads, learning_rate)` is
# exactly what `ml.train` calls for every batch.

# %%
CURVATURES = np.array([0.1, 10.0])  # flat along w1, steep along w2
START = np.array([-2.5, 1.2])


def descend(optimizer, learning_rate, n_steps=60):  # the points (n_steps + 1, 2) of the walk from START
    params = {"W": START.copy()}
    points = [START.copy()]
    for _ in range(n_steps):
        grads = {"dW": CURVATURES * params["W"]}  # the gradient of (0.1 w1² + 10 w2²) / 2
        optimizer.step(params, grads, learning_rate)  # what ml.train calls for every batch
        points.append(params["W"].copy())
    return np.array(points)


def report(name, points):  # prints the last loss and the first step below 0.01, returns that step
    loss = ml.landscape.quadratic_loss(CURVATURES, points)
    below = np.flatnonzero(loss < 0.01)
    first = int(below[0]) if below.size else ml.t("lesson.never", LANG)
    print(ml.fmt("{name:20} {loss:9.1e}   {first}", LANG, name=name, loss=loss[-1], first=first))
    return None if isinstance(first, str) else first


np.testing.assert_allclose(descend(ml.optimizers.SGD(), 0.1),
                           ml.landscape.quadratic_path(CURVATURES, 0.1, START, 60), atol=1e-12)  # plain GD

# %%
paths = {ml.fmt("SGD · α = {a:g}", LANG, a=a): descend(ml.optimizers.SGD(), a) for a in (0.1, 0.19)}
print(ml.t("lesson.valley_header", LANG, n=60))
for name, points in paths.items():
    report(name, points)
ml.landscape_chart.valley_race(CURVATURES, paths, lang=LANG)

# %% [markdown]
# With $\alpha = 0.1$ the steep direction is settled in one step ($1 - 0.1 \cdot 10 = 0$), and then the
# walk crawls along the floor. With $\alpha = 0.19$, just below the limit, it **zigzags** from wall to wall
# and still crawls: after 60 steps neither run has reached a loss of 0.01 — see the numbers above. A
# larger $\alpha$ would help along the floor, but the walls forbid it.

# %% [markdown]
# ## Momentum
#
# A ball rolling down the valley does not stop at every step to look around: it keeps its **velocity**.
# Momentum adds up the gradients into a velocity $v$ and steps along $v$:
#
# $$v \leftarrow \beta\, v + dW, \qquad W \leftarrow W - \alpha\, v$$
#
# with $\beta = 0.9$, and $v = 0$ at the start.
#
# Where the gradient keeps pointing the same way — along the floor — $v$ grows to $1/(1-\beta) = 10$ times
# the gradient. Where it flips sign every step — across the valley — the contributions cancel. Both,
# measured with mnistlab's `Momentum` on one weight, 50 steps:

# %%
steady, zigzag = [1.0] * 50, [(-1.0) ** k for k in range(50)]
for key, gradients in (("lesson.same_direction", steady), ("lesson.alternating", zigzag)):
    optimizer, params = ml.optimizers.Momentum(0.9), {"W": np.zeros(1)}
    for g in gradients:
        optimizer.step(params, {"dW": np.array([g])}, 0.1)
    print(f"{ml.t(key, LANG):28}", ml.fmt("v = {v:+.2f}", LANG, v=optimizer.velocity["W"][0]))

# %% [markdown]
# The same gradient size gives a velocity of almost 10 along a steady direction, and only about 0.5 across a
# zigzag one. This is the form PyTorch uses (`torch.optim.SGD(momentum=0.9)`), and mnistlab too. Some books
# write $v \leftarrow \beta v + (1 - \beta)\, dW$ instead — an average of the gradients; it takes
# $1/(1-\beta)$ times larger steps $\alpha$ to move as far. We stay with PyTorch's form.
#
# ### Exercise 1 · One step of momentum
#
# Write `momentum_step(W, dW, v, learning_rate, beta)` that returns the pair `(W_new, v_new)`: first the new
# velocity, then the step along it. The check calls it several times on random arrays, always passing
# back the `W` and `v` your function returned (starting with `v` = zeros), and compares each step with
# mnistlab's `Momentum`.

# %%
def momentum_step(W, dW, v, learning_rate, beta):
    ...  # v_new = ...; W_new = ...; return W_new, v_new


answer = ...  # when momentum_step is written: answer = momentum_step
ml.check("08.momentum_step", answer, lang=LANG)

# %% [markdown]
# ## Adam
#
# Momentum fixes the direction; the step size is still one $\alpha$ for all parameters — too large for the
# steep wall, too small for the flat floor. **Adam** (Kingma & Ba, 2015) keeps two running averages per
# parameter: $m$ of the gradients, and $v$ of the *squared* gradients. It divides one by the square root of
# the other, so each parameter steps about $\alpha$ at a time, however steep or flat its direction:
#
# $$m \leftarrow \beta_1 m + (1 - \beta_1)\, dW, \qquad v \leftarrow \beta_2 v + (1 - \beta_2)\, dW^2$$
#
# $$\hat m = \frac{m}{1 - \beta_1^{\,t}}, \qquad \hat v = \frac{v}{1 - \beta_2^{\,t}}, \qquad
#   W \leftarrow W - \alpha\, \frac{\hat m}{\sqrt{\hat v} + \varepsilon}$$
#
# with $\beta_1 = 0.9$, $\beta_2 = 0.999$, $\varepsilon = 10^{-8}$; $m$ and $v$ start at 0, and $t$ is the
# number of this step: 1 for the first. $dW^2$ squares each entry; $\varepsilon$ only keeps the division
# safe when $\hat v$ is 0.
#
# Why divide by $1 - \beta^t$, the **bias correction**? $m$ and $v$ start at 0, so after the first step they
# hold only $(1-\beta_1)$ and $(1-\beta_2)$ of the gradient and its square. Without the correction, the
# first step would be much larger than $\alpha$:

# %%
g, beta1, beta2 = 0.5, 0.9, 0.999
m, v = (1 - beta1) * g, (1 - beta2) * g**2  # after the first step, from m = v = 0
uncorrected = m / np.sqrt(v)  # the step, in units of alpha
corrected = (m / (1 - beta1)) / np.sqrt(v / (1 - beta2))
print(f"{uncorrected = :.3f}   {corrected = :.3f}")

# %% [markdown]
# Uncorrected, the first step is $0.1 / \sqrt{0.001} \approx 3.16$ times $\alpha$, whatever the gradient;
# corrected, exactly $\alpha$. As $t$ grows, $\beta^t \to 0$ and the correction fades out.
#
# ### Exercise 2 · One step of Adam
#
# Write `adam_step(W, dW, m, v, t, learning_rate, beta1, beta2, eps)` that returns `(W_new, m_new, v_new)`.
# `m_new` and `v_new` are the running averages *before* the correction — the next step continues from them.
# The check passes `t = 1, 2, 3, …` and feeds back what your function returned.

# %%
def adam_step(W, dW, m, v, t, learning_rate, beta1, beta2, eps):
    ...  # m_new = ...; v_new = ...; m_hat = ...; v_hat = ...; W_new = ...; return W_new, m_new, v_new


answer = ...  # when adam_step is written: answer = adam_step
ml.check("08.adam_step", answer, lang=LANG)

# %% [markdown]
# ## The race down the valley
#
# Same start, 60 steps each: plain gradient descent just below its limit, momentum and Adam with $\alpha = 0.1$.

# %%
paths = {ml.fmt("SGD · α = {a:g}", LANG, a=0.19): descend(ml.optimizers.SGD(), 0.19),
         ml.fmt("{name} · α = {a:g}", LANG, name=ml.t("lesson.momentum", LANG), a=0.1):
             descend(ml.optimizers.Momentum(0.9), 0.1),
         ml.fmt("Adam · α = {a:g}", LANG, a=0.1): descend(ml.optimizers.Adam(), 0.1)}
print(ml.t("lesson.valley_header", LANG, n=60))
first = [report(name, points) for name, points in paths.items()]
ml.landscape_chart.valley_race(CURVATURES, paths, lang=LANG)

# %%
assert first[0] is None and first[1] <= 40 and first[2] <= 40  # SGD: not within 60 steps

# %% [markdown]
# Momentum overshoots, swings back and settles: its velocity carries it along the floor, and the swings
# across the valley die down. Adam heads for the floor and the minimum at about the same speed in both
# directions — it divides each gradient by its own typical size. Both get below a loss of 0.01 in fewer than
# 40 steps; SGD does not manage it in 60 (the numbers above).

# %% [markdown]
# ## On the network: SGD vs momentum vs Adam
#
# Now the real thing: 784-128-64-10 on 2,000 training images, 500 validation images, 10 epochs, batches of
# 64, the same start weights and the same shuffling for all three — only the optimizer changes.
# `ml.train(..., optimizer="momentum")` or `optimizer="adam"` picks it. Each gets its usual learning rate:
# 0.1 for SGD (as in 08a), 0.01 for momentum (its velocity grows to 10 gradients, so its steps are as large
# as SGD's with 0.1), and 0.001 for Adam (the paper's default: Adam's steps are about $\alpha$ each).

# %%
X_pool, y_pool = ml.load_mnist("train", n=2500, lang=LANG)
X_train, y_train, X_val, y_val = ml.train_val_split(X_pool, y_pool, 500, np.random.default_rng(1))
print("X_train:", X_train.shape, " X_val:", X_val.shape)

# %%
runs = {}
for optimizer, name, learning_rate in (("sgd", "SGD", 0.1), ("momentum", ml.t("lesson.momentum", LANG), 0.01),
                                       ("adam", "Adam", 0.001)):
    params = ml.init_params([784, 128, 64, 10], rng=np.random.default_rng(1))
    history = ml.train(params, X_train, y_train, optimizer=optimizer, learning_rate=learning_rate, n_epochs=10,
                       batch_size=64, rng=np.random.default_rng(2), X_val=X_val, y_val=y_val, lang=LANG)
    runs[ml.fmt("{name} · α = {a:g}", LANG, name=name, a=learning_rate)] = history
drops = []  # the largest fall of the validation accuracy from one epoch to the next, in percentage points
print(ml.t("lesson.optimizer_header", LANG))
for name, history in runs.items():
    accuracy = history.val_accuracy
    drops.append(100 * max(0.0, *(accuracy[e - 1] - accuracy[e] for e in range(2, len(accuracy)))))
    print(ml.fmt("{name:20} {a1:7.1%} {a3:7.1%} {a10:7.1%} {drop:7.1f} {s:7.2f}", LANG, name=name, a1=accuracy[1],
                 a3=accuracy[3], a10=accuracy[10], drop=drops[-1], s=sum(history.seconds)))
ml.compare_chart.compare_runs(runs, lang=LANG, title=ml.t("lesson.optimizers_title", LANG))

# %%
sgd, momentum, adam = runs.values()
for epoch in (1, 3):
    assert min(momentum.val_accuracy[epoch], adam.val_accuracy[epoch]) > sgd.val_accuracy[epoch]
assert drops[0] == max(drops)
final = [history.val_accuracy[-1] for history in runs.values()]
print(ml.t("lesson.optimizers_spread", LANG, d=100 * (max(final) - min(final))))
assert max(final) - min(final) < 0.03

# %% [markdown]
# Read the numbers, not only the curves:
#
# - After 1 and 3 epochs, momentum and Adam are clearly ahead of SGD: they get there sooner.
# - SGD's validation accuracy jumps up and down from epoch to epoch: its largest drop is the biggest of the
#   three. Momentum and Adam climb more steadily.
# - After 10 epochs the three are close (the last line above): the better step mainly gets there sooner.
#   What limits the result now is something else — the next lesson.
# - An Adam step does more arithmetic than an SGD step; compare the seconds (they depend on your machine).
#
# Adam with $\alpha = 0.001$ is a good first choice for a new network: it needed no tuning here.

# %% [markdown]
# ## Summary
#
# - In a narrow valley, plain gradient descent is caught between the walls (which limit $\alpha$ to
#   $2/\lambda_{\max}$) and the flat floor (where steps of that size crawl).
# - **Momentum** (PyTorch's form): $v \leftarrow \beta v + dW$, $W \leftarrow W - \alpha v$ — steady
#   directions add up to $1/(1-\beta)$ gradients, zigzags cancel.
# - **Adam**: running averages $m$ of $dW$ and $v$ of $dW^2$, **bias-corrected** by $1 - \beta^t$ ($t$ from
#   1), step $\alpha\, \hat m / (\sqrt{\hat v} + \varepsilon)$ — about $\alpha$ per parameter, however steep.
# - `ml.train(..., optimizer="momentum" | "adam")`; `ml.compare_chart.compare_runs` puts several runs'
#   validation curves in one chart — compare with the same seed and one change at a time.
#
# Next: a better step does not stop the network from learning its training images by heart:
# [08d · Against overfitting](08d_regularisation.ipynb)

# %% [markdown]
# ## Solutions
#
# Each cell checks a solution (and fails if it were wrong).

# %%
def momentum_step_solution(W, dW, v, learning_rate, beta):  # exercise 1
    v_new = beta * v + dW  # the gradient is added whole (PyTorch's form)
    return W - learning_rate * v_new, v_new  # step along the new velocity


assert ml.check("08.momentum_step", momentum_step_solution, lang=LANG, save=False)

# %%
def adam_step_solution(W, dW, m, v, t, learning_rate, beta1, beta2, eps):  # exercise 2
    m_new = beta1 * m + (1 - beta1) * dW  # running average of the gradients
    v_new = beta2 * v + (1 - beta2) * dW**2  # ... and of their squares
    m_hat, v_hat = m_new / (1 - beta1**t), v_new / (1 - beta2**t)  # bias correction, t = 1 for the first step
    return W - learning_rate * m_hat / (np.sqrt(v_hat) + eps), m_new, v_new  # eps outside the root


assert ml.check("08.adam_step", adam_step_solution, lang=LANG, save=False)
