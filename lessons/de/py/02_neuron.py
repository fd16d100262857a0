# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 02 · Das Neuron
#
# **In dieser Lektion**
# - rechnest du nach, was ein einzelnes künstliches Neuron tut: gewichtete Summe, Bias, Aktivierung,
# - schreibst du die Aktivierungsfunktionen ReLU und Sigmoid samt ihren Ableitungen selbst,
# - bekommst du mit Schiebereglern ein Gefühl dafür, was ein Gewicht und ein Bias bewirken,
# - siehst du, warum ein Netz ohne Nichtlinearität nicht mehr kann als eine einzige Schicht.
#
# ⏱ etwa 45 Minuten, mit den Aufgaben

# %%
import numpy as np

import mnistlab as ml

LANG = "de"
rng = np.random.default_rng(0)

# %% [markdown]
# ## Gewichtete Summe + Bias + Aktivierung
#
# Ein Neuron bekommt $n$ Eingaben (inputs) $x_1, \dots, x_n$, multipliziert jede, $x_p$, mit ihrem
# eigenen **Gewicht** $w_p$ (weight), summiert die Produkte, addiert einen **Bias** $b$ (bias) und
# schickt das Ergebnis $z$ durch eine **Aktivierungsfunktion** $g$ (activation function):
#
# $$z = w_1 x_1 + w_2 x_2 + \dots + w_n x_n + b = w \cdot x + b, \qquad a = g(z)$$
#
# Ein Gewicht sagt, wie stark seine Eingabe zählt und in welche Richtung: Ein negatives Gewicht stimmt
# *dagegen*. Der Bias verschiebt das Ergebnis nach oben oder unten, ganz gleich, was hereinkommt. Gewichte
# und Biases sind das, was das Netz *lernt*. In NumPy ist die gewichtete Summe $w \cdot x$ einfach `w @ x`:

# %%
x = np.array([0.0, 0.5, 1.0])  # drei Eingaben, z. B. drei Pixel
w = np.array([0.8, -1.5, 2.0])  # ein Gewicht pro Eingabe
b = -0.5
z = w @ x + b  # 0.8 * 0.0 + (-1.5) * 0.5 + 2.0 * 1.0 + (-0.5)
print("z =", z)

# %% [markdown]
# ### Aufgabe 1 · Ein Neuron von Hand
#
# Ein Neuron mit den Gewichten $w = (1; -2; 0{,}5)$, dem Bias $b = 1$ und der Aktivierungsfunktion ReLU
# (gleich mehr dazu: $\mathrm{ReLU}(z) = \max(0, z)$) bekommt die Eingaben $x = (2; 3; 2)$. Wie groß ist
# seine gewichtete Summe plus Bias $z$, und welche Ausgabe (output) $a$ liefert es? Antworte mit einem Paar
# `(z, a)`.

# %%
answer = ...
ml.check("02.neuron_output", answer, lang=LANG)

# %% [markdown]
# ## Ein Neuron, das eine Ziffer ansieht
#
# Ein Neuron in der verdeckten Schicht (hidden layer) unseres Netzes hat 784 Eingaben: die Pixel eines
# Bildes, also eine Spalte von `X`. Hier eines mit zufälligen Gewichten (es hat noch nichts gelernt):

# %%
X, y = ml.load_mnist("train", n=100, lang=LANG)
w = rng.normal(0, 0.05, size=784)  # 784 Gewichte, eines pro Pixel
b = 0.0
z = w @ X[:, 0] + b  # ein Bild: (784,) @ (784,) -> eine Zahl
print("z =", round(z, 3))
z_all = w @ X + b  # alle 100 Bilder auf einmal: (784,) @ (784, 100) -> (100,)
print("z_all:", z_all.shape, z_all[:5].round(3))

# %% [markdown]
# Dasselbe Neuron, in einem einzigen Produkt auf jede Spalte von `X` angewendet: Genau deshalb steht in `X`
# ein Bild pro Spalte. In Lektion 03 ordnen wir viele solcher Neuronen als Zeilen einer Matrix an.
#
# ## Aktivierungsfunktionen
#
# Die beiden, die wir verwenden, sind die ReLU (*rectified linear unit*) und die Sigmoid-Funktion $\sigma$:
#
# $$\mathrm{ReLU}(z) = \max(0, z), \qquad \sigma(z) = \frac{1}{1 + e^{-z}}$$
#
# Die ReLU lässt positive Werte unverändert durch und schneidet negative auf 0 ab. Die Sigmoid-Funktion presst
# jede Zahl in den Bereich zwischen 0 und 1. Zum Lernen (Lektion 05) brauchen wir außerdem ihre
# **Ableitungen** (derivatives), also die Steigung der Kurven:
#
# $$\mathrm{ReLU}'(z) = \begin{cases} 1 & z > 0 \\ 0 & z \le 0 \end{cases}, \qquad
# \sigma'(z) = \sigma(z)\,\bigl(1 - \sigma(z)\bigr)$$
#
# Am Knick $z = 0$ hat die ReLU keine eindeutige Steigung; wir nehmen dort einfach 0. In NumPy, Element für
# Element geschrieben, funktionieren sie für eine Zahl, eine Spalte oder eine ganze Matrix:

# %% [markdown]
# ### Du bist dran · die ReLU, ihre Ableitung und die Sigmoid-Funktion
#
# Bevor du unsere Version unten liest, schreibe die drei selbst. Jede Prüfung ruft *deine* Funktion mit
# eigenen Testdaten auf (float32 und float64, der Knick bei 0, riesige Werte) und antwortet sofort; stimmt
# etwas nicht, sagt der Hinweis, was. Ersetze das `...` in der Funktion und setze dann `answer = my_relu` (die
# Funktion selbst, ohne Klammern).

# %%
def my_relu(Z):
    ...  # die ReLU jedes Eintrags von Z


answer = ...  # wenn my_relu fertig ist: answer = my_relu
ml.check("02.relu", answer, lang=LANG)

# %%
def my_relu_prime(Z):
    ...  # 1, wo Z > 0 ist, sonst 0


answer = ...  # wenn my_relu_prime fertig ist: answer = my_relu_prime
ml.check("02.relu_prime", answer, lang=LANG)

# %%
def my_sigmoid(Z):
    ...  # 1 / (1 + e^(−z)) für jeden Eintrag, auch für z = ±1000


answer = ...  # wenn my_sigmoid fertig ist: answer = my_sigmoid
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
# Stimmen sie mit `mnistlab` überein? Wir testen alle vier auf Werten von −10 bis 10 (den Knick bei 0
# eingeschlossen), angeordnet als 3 × 67-Matrix:

# %%
Z = np.linspace(-10, 10, 201).reshape(3, 67)
np.testing.assert_allclose(relu(Z), ml.relu(Z))
np.testing.assert_allclose(relu_prime(Z), ml.relu_prime(Z))
np.testing.assert_allclose(sigmoid(Z), ml.sigmoid(Z))
np.testing.assert_allclose(sigmoid_prime(Z), ml.sigmoid_prime(Z))
print("relu, relu_prime, sigmoid, sigmoid_prime: OK")

# %% [markdown]
# Ab hier verwenden wir `ml.relu`, `ml.sigmoid` und so weiter. Ein Unterschied: Die Sigmoid-Funktion von
# `mnistlab` ist so geschrieben, dass `np.exp` nie überläuft, auch nicht bei $z = -1000$ – unsere Version
# würde dort `np.exp(1000)` ausrechnen. Um solche Überläufe (overflow) geht es in Lektion 03.

# %%
ml.show_source(ml.sigmoid)

# %% [markdown]
# Beide Funktionen und ihre Ableitungen in einem Diagramm (durchgezogen: die Funktion, gestrichelt: ihre
# Ableitung; fahre mit der Maus darüber, um Werte abzulesen):

# %%
ml.charts.activation_plot(lang=LANG)

# %% [markdown]
# ### Aufgabe 2 · Die Ableitung der ReLU
#
# Wie groß ist $\mathrm{ReLU}'(z)$ für $z = -2$, $z = 0$ und $z = 3$? Antworte mit drei Zahlen, z. B.
# `[5, 6, 7]`.

# %%
answer = ...
ml.check("02.relu_prime_values", answer, lang=LANG)

# %% [markdown]
# ### Aufgabe 3 · Wie steil ist die Sigmoid-Funktion?
#
# Welchen **größten** Wert nimmt die Ableitung $\sigma'(z)$ überhaupt an? Lies ihn im Diagramm ab oder
# rechne ihn aus. (In Python schreibst du Dezimalzahlen mit Punkt: `0.3`.)

# %%
answer = ...
ml.check("02.sigmoid_prime_max", answer, lang=LANG)

# %% [markdown]
# ## Zum Ausprobieren: ein Neuron mit einer Eingabe
#
# Mit einer einzigen Eingabe $x$ rechnet das Neuron $a = g(w x + b)$. Bewege die Schieberegler und
# beobachte:
# - $w$ bestimmt, wie steil das Neuron auf $x$ reagiert – und mit negativem $w$ reagiert es umgekehrt,
# - $b$ verschiebt die Kurve nach links und rechts: Das Neuron „schaltet“ dort, wo $w x + b = 0$ ist, also
#   bei $x = -b / w$,
# - ReLU und Sigmoid schalten unterschiedlich: ein scharfer Knick gegenüber einer weichen Stufe.
#
# Gestrichelt: $z = w x + b$ vor der Aktivierungsfunktion; durchgezogen: die Ausgabe $a$.

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
# Probiere $w = 3$, $b = 0$ mit Sigmoid aus – fast eine Stufe von 0 auf 1. Dann $b = -6$: Die Stufe wandert
# nach $x = 2$. Dann $w = -3$: Jetzt kippt die Stufe – das Neuron feuert bei *kleinen* $x$ (unterhalb von
# $x = -2$).

# %% [markdown]
# ## Warum wir die Nichtlinearität brauchen
#
# Ohne $g$ berechnet eine Schicht $W X + b$: eine *lineare* Funktion ihrer Eingabe. Was passiert, wenn wir
# zwei solche Schichten hintereinanderschalten? Lassen wir die Biases kurz weg: erst $W^{[1]}$, dann
# $W^{[2]}$ –
#
# $$W^{[2]} \bigl(W^{[1]} X\bigr) = \bigl(W^{[2]} W^{[1]}\bigr) X$$
#
# – und das ist eine einzige Schicht mit der Matrix $W^{[2]} W^{[1]}$. Egal, wie viele lineare Schichten wir
# hintereinanderschalten: Mehr als eine einzelne Schicht kann das Ergebnis nicht. Prüfen wir das mit echten
# Bildern nach:

# %%
W1 = rng.normal(0, 0.05, size=(10, 784))
W2 = rng.normal(0, 0.3, size=(10, 10))
two_layers = W2 @ (W1 @ X)  # (10, 10) @ ((10, 784) @ (784, 100))
one_layer = (W2 @ W1) @ X  # eine (10, 784)-Matrix leistet dasselbe
print("two_layers:", two_layers.shape, "  one_layer:", one_layer.shape)
print("max |two_layers - one_layer|:", np.abs(two_layers - one_layer).max())
np.testing.assert_allclose(two_layers, one_layer, atol=1e-12)

# %% [markdown]
# Auch Biases ändern daran nichts: $W^{[2]}(W^{[1]}X + b^{[1]}) + b^{[2]} = (W^{[2]}W^{[1]})X +
# (W^{[2]}b^{[1]} + b^{[2]})$ ist wieder eine einzige Schicht. Setzt man aber eine ReLU zwischen die
# Schichten, fallen die beiden nicht mehr zu einer zusammen:

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
# Die ReLU schaltet jedes verdeckte Neuron je nach Eingabe an oder aus, und so setzt die zweite Schicht für
# verschiedene Bilder verschiedene Stücke zusammen. Mit genügend Neuronen lassen sich solche Stücke zu fast
# jeder Form biegen – daher kommt die Stärke eines neuronalen Netzes.

# %% [markdown]
# ## Zusammenfassung
#
# - Ein Neuron berechnet $a = g(w \cdot x + b)$: gewichtete Summe plus Bias, durch eine
#   Aktivierungsfunktion geschickt.
# - Die ReLU $\max(0, z)$ hat die Ableitung 0 oder 1; die Sigmoid-Funktion $1/(1 + e^{-z})$ hat die Ableitung
#   $\sigma(1 - \sigma)$. Ab jetzt heißen sie `ml.relu`, `ml.relu_prime`, `ml.sigmoid`, `ml.sigmoid_prime`.
# - Das Gewicht bestimmt Steilheit und Richtung, der Bias den Schaltpunkt.
# - Ohne Nichtlinearität dazwischen sind zwei Schichten dasselbe wie eine.
#
# **Weiter:** [03 · Vorwärtsrechnung und Formen](03_forward.ipynb) – viele Neuronen auf einmal, als Matrizen.

# %% [markdown]
# ## Lösungen
#
# **Aufgabe 1.** $z = 1 \cdot 2 + (-2) \cdot 3 + 0{,}5 \cdot 2 + 1 = -2$ und $\mathrm{ReLU}(-2) = 0$: Bei
# dieser Eingabe bleibt das Neuron stumm.

# %%
z_solution = np.array([1, -2, 0.5]) @ np.array([2, 3, 2]) + 1
assert ml.check("02.neuron_output", (z_solution, ml.relu(z_solution)), lang=LANG)

# %% [markdown]
# **Aufgabe 2.** Links von 0 flach, rechts von 0 Steigung 1, und am Knick nach unserer Festlegung 0:

# %%
assert ml.check("02.relu_prime_values", ml.relu_prime(np.array([-2.0, 0.0, 3.0])), lang=LANG)

# %% [markdown]
# **Aufgabe 3.** Am steilsten ist die Sigmoid-Funktion bei $z = 0$: $\sigma'(0) = 0{,}5 \cdot (1 - 0{,}5) =
# 0{,}25$. Ein Gradient, der durch eine Sigmoid-Funktion läuft, schrumpft also auf ein Viertel oder weniger –
# Schicht für Schicht. Das ist ein Grund, warum ein Netz mit ReLU (Steigung 1) meist schneller lernt
# (Lektion 08b).

# %%
assert ml.check("02.sigmoid_prime_max", ml.sigmoid_prime(np.linspace(-10, 10, 2001)).max(), lang=LANG)

# %%
for name, solution in (("02.relu", relu), ("02.relu_prime", relu_prime), ("02.sigmoid", ml.sigmoid)):
    assert ml.check(name, solution, lang=LANG, save=False), name  # save=False: Die Lösung der Lektion zählt nicht als deine
