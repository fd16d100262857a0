# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 03 · Vorwärtsrechnung und Formen
#
# **In dieser Lektion**
# - fasst du Neuronen zu Schichten zusammen und verfolgst die Form (shape) jeder Matrix, von `X` (784 × m) bis
#   `A2` (10 × m),
# - schreibst du die komplette Vorwärtsrechnung (forward pass) unseres Netzes in wenigen Zeilen und gleichst
#   sie mit `mnistlab` ab,
# - machst du mit Softmax aus den Rohwerten des Netzes Wahrscheinlichkeiten,
# - findest du den Überlauf-Fehler in der Softmax des ursprünglichen Tutorials – und behebst ihn mit einer
#   einzigen Subtraktion.
#
# ⏱ etwa 50 Minuten, mit den Aufgaben

# %%
import numpy as np

import mnistlab as ml

LANG = "de"
rng = np.random.default_rng(0)

# %% [markdown]
# ## Vom Neuron zur Schicht
#
# In Lektion 02 hatte ein Neuron einen Gewichtsvektor $w$ (784 Zahlen) und einen Bias $b$. Eine Schicht aus
# $n_h$ Neuronen schreibt deren Gewichtsvektoren als **Zeilen** in eine Matrix $W^{[1]}$ ($n_h \times 784$)
# und ihre Biases in eine Spalte $b^{[1]}$ ($n_h \times 1$). Dann berechnet ein einziges Matrixprodukt jedes
# Neuron für jedes Bild:
#
# $$Z^{[1]} = W^{[1]} X + b^{[1]}, \qquad A^{[1]} = \mathrm{ReLU}\bigl(Z^{[1]}\bigr)$$
#
# Zeile $j$ von $Z^{[1]}$ gehört zu Neuron $j$, Spalte $i$ zu Bild $i$. Der Bias $b^{[1]}$ hat nur eine
# Spalte: NumPy addiert ihn automatisch zu jeder der $m$ Spalten (man nennt das *Broadcasting*).
#
# Die Ausgabeschicht (output layer) hat 10 Neuronen, eines pro Ziffer. Sie lesen die $n_h$ Ausgaben der
# verdeckten Schicht (hidden layer):
#
# $$Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]}, \qquad A^{[2]} = \mathrm{softmax}\bigl(Z^{[2]}\bigr)$$
#
# Das ist schon die ganze *Vorwärtsrechnung*: vorne die Pixel hinein, hinten zehn Zahlen pro Bild heraus.

# %% [markdown]
# ## Der Formen-Explorer
#
# Bewege die Regler: die Zahl der Neuronen in der verdeckten Schicht, eine zweite verdeckte Schicht, die
# Anzahl $m$ der Bilder in einem Stapel (batch), also die Stapelgröße (batch size). Achte darauf, welche
# Matrizen ihre Form ändern – und welche nicht. Jedes Produkt folgt einer Regel: $(a \times b)$ @
# $(b \times c)$ → $(a \times c)$; die beiden inneren Zahlen müssen übereinstimmen.

# %%
ml.shapes_explorer(lang=LANG)

# %% [markdown]
# ### Aufgabe 1 · Die Form von W1
#
# Eine verdeckte Schicht mit $n_h = 32$ Neuronen, ein Stapel aus $m = 100$ Bildern. Welche Form hat `W1`?
# Antworte mit einem Tupel wie `(3, 5)`.

# %%
answer = ...
ml.check("03.shape_W1", answer, lang=LANG)

# %% [markdown]
# ### Aufgabe 2 · Die Form von Z1
#
# Gleiches Netz, gleicher Stapel ($n_h = 32$, $m = 100$): Welche Form hat `Z1`?

# %%
answer = ...
ml.check("03.shape_Z1", answer, lang=LANG)

# %% [markdown]
# ## Die Vorwärtsrechnung, ausgeschrieben
#
# Jetzt mit echten Zahlen: 200 Trainingsbilder und das Netz des ursprünglichen Tutorials, 784 → 10 → 10.
# `ml.init_params` erzeugt die Gewichte (kleine Zufallszahlen; wie sie gewählt werden, erklärt Lektion 08b)
# und Biases mit dem Wert 0, zusammen in einem Dictionary:

# %%
X, y = ml.load_mnist("train", n=200, lang=LANG)
params = ml.init_params([784, 10, 10], rng=rng)
for name, value in params.items():
    print(name, value.shape, value.dtype)
W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]

# %%
Z1 = W1 @ X + b1  # (10, 784) @ (784, 200) + (10, 1) -> (10, 200)
A1 = ml.relu(Z1)
Z2 = W2 @ A1 + b2  # (10, 10) @ (10, 200) + (10, 1) -> (10, 200)
print("Z1:", Z1.shape, "  A1:", A1.shape, "  Z2:", Z2.shape)
print("Z2[:, 0] =", Z2[:, 0].round(2))

# %% [markdown]
# Jede Spalte von `Z2` enthält zehn **Rohwerte** (scores) für ein Bild, einen pro Ziffer. Der größte
# Rohwert ist die Antwort des Netzes. Aber Rohwerte können negativ sein und ergeben zusammen nichts
# Bestimmtes; wir wollen **Wahrscheinlichkeiten**: zehn Zahlen zwischen 0 und 1, die zusammen 1 ergeben.
#
# ## Softmax: von Rohwerten zu Wahrscheinlichkeiten
#
# $$\mathrm{softmax}(z)_k = \frac{e^{z_k}}{\sum_{c=0}^{9} e^{z_c}}$$
#
# $e^{z}$ macht jeden Rohwert positiv (und aus einem größeren Rohwert eine größere Zahl); das Teilen durch
# die Summe sorgt dafür, dass die zehn Zahlen zusammen 1 ergeben. Spalte für Spalte, in NumPy:

# %%
def softmax_naive(Z):
    E = np.exp(Z)
    return E / E.sum(axis=0, keepdims=True)  # jede Spalte durch ihre eigene Summe geteilt


A2 = softmax_naive(Z2)
print("A2[:, 0] =", A2[:, 0].round(3))
print("A2.sum(axis=0)[:5] =", A2.sum(axis=0)[:5])

# %% [markdown]
# Es funktioniert – für diese Rohwerte. Genau so macht es das ursprüngliche Tutorial:

# %%
ml.show_source(ml.origin.softmax)

# %% [markdown]
# ## Der Überlauf-Fehler
#
# Was passiert bei einem großen Rohwert, sagen wir 1000? Rohwerte wachsen, wenn das Training mit einer zu
# großen Lernrate (learning rate) läuft oder wenn jemand vergisst, die Pixel zu normalisieren (Lektion 01).
# Geben wir der Softmax des Originals eine Spalte mit drei Rohwerten. NumPy meldet in Warnungen, was
# schiefgeht; wir fangen sie ab und geben sie aus:

# %%
import warnings

Z_big = np.array([[1000.0], [10.0], [-5.0]])  # eine Spalte, drei Rohwerte
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")  # jede Warnung zeigen, auch wiederholte
    print("np.exp(Z_big).ravel() =", np.exp(Z_big).ravel())
    print("ml.origin.softmax(Z_big).ravel() =", ml.origin.softmax(Z_big).ravel())
for warning in caught:
    print(f"{warning.category.__name__}: {warning.message}")

# %% [markdown]
# $e^{1000}$ hat 435 Stellen; die größte Zahl, die ein `float64` fassen kann, ist etwa $1{,}8 \cdot 10^{308}$.
# Also *läuft* `np.exp(1000)` *über* (overflow) und wird zu `inf`, die Summe wird `inf`, und
# $\infty / \infty$ ist `NaN` („not a number“, keine Zahl). Richtig wäre fast genau (1, 0, 0) gewesen. Ab
# wann läuft `np.exp` über?

# %%
print("np.log(np.finfo(np.float64).max) =", np.log(np.finfo(np.float64).max))
print("np.log(np.finfo(np.float32).max) =", np.log(np.finfo(np.float32).max))

# %% [markdown]
# In `float32` – dem Typ, den `mnistlab` verwendet – reicht schon ein Rohwert über etwa 89. Und das ist kein
# exotischer Fall. Hier ist das Netz des Originals (mit seinen eigenen Zufallsgewichten aus
# `ml.origin.init_params`) auf unseren 200 Bildern, mit einem typischen Versehen: Die Pixel wurden nicht
# durch 255 geteilt.

# %%
W1_orig, b1_orig, W2_orig, b2_orig = ml.origin.init_params(rng)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    _, _, Z2_orig, A2_orig = ml.origin.forward_prop(W1_orig, b1_orig, W2_orig, b2_orig, X * 255)
for warning in caught:
    print(f"{warning.category.__name__}: {warning.message}")
n_nan = int(np.isnan(A2_orig).any(axis=0).sum())
print(f"{np.abs(Z2_orig).max() = :.0f}   {n_nan = } / {X.shape[1]}")
assert n_nan > 0

# %% [markdown]
# `n_nan` Bilder bekommen `NaN` als Wahrscheinlichkeiten. Und `NaN` steckt an: Der Verlust (loss) wird
# `NaN`, dann jeder Gradient, dann jedes Gewicht – nach einem einzigen Trainingsschritt ist das ganze Netz
# `NaN`.
#
# ## Die Lösung: das Spaltenmaximum abziehen
#
# Für jede Zahl $s$ gilt $e^{z_k - s} = e^{z_k} \cdot e^{-s}$: Der Faktor $e^{-s}$ steckt in jedem Term des
# Zählers und der Summe und kürzt sich heraus. Die Softmax ändert sich also nicht, wenn wir von allen
# Rohwerten einer Spalte dieselbe Zahl abziehen. Wir wählen $s = \max_c z_c$:
#
# $$\mathrm{softmax}(z)_k = \frac{e^{z_k - s}}{\sum_{c=0}^{9} e^{z_c - s}}, \qquad s = \max_c z_c$$
#
# Jetzt ist der größte Exponent genau 0 und alle anderen sind negativ: Jedes $e^{\dots}$ liegt zwischen 0
# und 1, nichts kann überlaufen. (Sehr negative Exponenten ergeben 0, und das schadet nicht: Der größte
# Rohwert trägt $e^0 = 1$ zur Summe bei, wir teilen also nie durch 0.)

# %% [markdown]
# ### Du bist dran · eine Softmax, die nie überläuft
#
# Schreibe sie selbst, bevor du unsere liest: `my_softmax(Z)` für `Z` der Form (10, m), jede Spalte ein
# Wahrscheinlichkeitsvektor. Die Prüfung probiert auch riesige Werte.

# %%
def my_softmax(Z):
    ...  # Spalte für Spalte, auch für Werte um 1000


answer = ...  # wenn my_softmax fertig ist: answer = my_softmax
ml.check("03.softmax", answer, lang=LANG)

# %%
def softmax(Z):
    E = np.exp(Z - Z.max(axis=0, keepdims=True))  # größter Exponent je Spalte ist 0: kein Überlauf
    return E / E.sum(axis=0, keepdims=True)


print("softmax(Z_big).ravel() =", softmax(Z_big).ravel())

# %% [markdown]
# Die Prüfungen: Unsere `softmax` stimmt mit `ml.softmax` überein, mit der naiven Version dort, wo diese
# funktioniert, und ihre Spalten ergeben zusammen 1, selbst bei Rohwerten von ±10.000:

# %%
Z_huge = rng.normal(0, 1, size=(10, 50)) * 1e4  # Rohwerte um ±10.000
Z_huge[:, 0] = [1e4, -1e4, 0, 0, 0, 0, 0, 0, 0, 1e4]
with warnings.catch_warnings():
    warnings.simplefilter("error")  # jede Überlauf-Warnung ließe diese Zelle jetzt scheitern
    P = softmax(Z_huge)
np.testing.assert_allclose(P, ml.softmax(Z_huge))
np.testing.assert_allclose(P.sum(axis=0), 1)
np.testing.assert_allclose(softmax(Z2), softmax_naive(Z2), rtol=1e-5)
print("P[:, 0] =", P[:, 0])

# %% [markdown]
# ### Aufgabe 3 · Softmax riesiger Rohwerte
#
# Was ist die Softmax der Spalte $z = (1000, 1000, 1000, 1000)$? Antworte mit vier Zahlen. (Probiere zuerst
# `ml.origin.softmax` des Originals daran aus – und überlege dann, was das Abziehen des Maximums bewirkt.)

# %%
answer = ...
ml.check("03.softmax_column", answer, lang=LANG)

# %% [markdown]
# ### Du bist dran · die ganze Vorwärtsrechnung
#
# Setze die Teile zusammen: `my_forward(params, X)` berechnet `Z1`, `A1` (ReLU), `Z2` und `A2` (Softmax) für
# ein 784-n_h-10-Netz und gibt `(A2, cache)` zurück, wobei `cache` ein Dict mit `"Z1"`, `"A1"`, `"Z2"` und
# `"A2"` ist. Du darfst `ml.relu` und `ml.softmax` benutzen.

# %%
def my_forward(params, X):
    ...  # gib (A2, cache) zurück, mit cache["Z1"], ["A1"], ["Z2"], ["A2"]


answer = ...  # wenn my_forward fertig ist: answer = my_forward
ml.check("03.forward", answer, lang=LANG)

# %% [markdown]
# ## Die ganze Vorwärtsrechnung, geprüft
#
# Mit der reparierten Softmax bringen wir die Vorwärtsrechnung zu Ende und vergleichen jedes
# Zwischenergebnis mit `ml.forward`. Diese Funktion gibt die Ausgabe `A2` zurück und einen `cache` mit allen
# Zwischenergebnissen – `A0` (also `X`), `Z1`, `A1`, `Z2`, `A2` –, die die Fehlerrückführung
# (backpropagation) in Lektion 05 braucht:

# %%
A2 = softmax(Z2)
A2_ml, cache = ml.forward(params, X)
np.testing.assert_allclose(Z1, cache["Z1"], rtol=1e-6)
np.testing.assert_allclose(A1, cache["A1"], rtol=1e-6)
np.testing.assert_allclose(Z2, cache["Z2"], rtol=1e-6)
np.testing.assert_allclose(A2, A2_ml, rtol=1e-6)
print("A2:", A2.shape, A2.dtype, "  cache:", list(cache))

# %% [markdown]
# Ab jetzt ist die Vorwärtsrechnung `ml.forward(params, X)` und die Softmax `ml.softmax`. Was antwortet das
# untrainierte Netz? Die wahrscheinlichste Ziffer jeder Spalte:

# %%
predictions = A2_ml.argmax(axis=0)
print("predictions[:12] =", predictions[:12])
print("y[:12]           =", y[:12])
print(f"{(predictions == y).mean() = :.2f}")

# %% [markdown]
# Mit Zufallsgewichten liegt es etwa so oft richtig, wie wenn man blind eine von zehn Ziffern rät. Das zu
# ändern ist die Aufgabe der nächsten drei Lektionen: messen, wie falsch es liegt (04 · Verlustfunktion),
# herausfinden, in welche Richtung sich jedes Gewicht ändern muss (05 · Fehlerrückführung), und den Schritt
# gehen (06 · Gradientenverfahren).

# %% [markdown]
# ## Zusammenfassung
#
# - Eine Schicht ist ein Matrixprodukt: `Z1 = W1 @ X + b1` mit `W1` ($n_h \times 784$), `X` ($784 \times m$)
#   und `b1` ($n_h \times 1$, per Broadcasting auf alle Spalten verteilt) ergibt `Z1` ($n_h \times m$). Die
#   Gewichte hängen nicht von $m$ ab.
# - Vorwärtsrechnung: `A1 = relu(Z1)`, `Z2 = W2 @ A1 + b2`, `A2 = softmax(Z2)` – zehn Wahrscheinlichkeiten
#   pro Spalte.
# - Softmax wie im Original (`np.exp(Z) / sum`) läuft ab Rohwerten von etwa 710 (`float64`) bzw. 89
#   (`float32`) über und liefert `NaN`. Das Spaltenmaximum abzuziehen ändert nichts am Ergebnis und macht
#   einen Überlauf unmöglich: Das ist `ml.softmax`.
#
# **Weiter:** [04 · Verlustfunktion](04_loss.ipynb) – eine Zahl, die sagt, wie falsch das Netz liegt.

# %% [markdown]
# ## Lösungen
#
# **Aufgabe 1.** Eine Zeile pro verdecktem Neuron, eine Spalte pro Pixel: (32, 784). Die Stapelgröße kommt
# nicht vor – dieselben Gewichte verarbeiten 1 oder 10.000 Bilder.

# %%
assert ml.check("03.shape_W1", ml.init_params([784, 32, 10], rng=rng)["W1"].shape, lang=LANG)

# %% [markdown]
# **Aufgabe 2.** (32, 784) @ (784, 100) → (32, 100): eine Zeile pro Neuron, eine Spalte pro Bild.

# %%
assert ml.check("03.shape_Z1", (32, 100), lang=LANG)

# %% [markdown]
# **Aufgabe 3.** Ziehe das Maximum 1000 ab: Die Spalte wird zu (0, 0, 0, 0), viermal $e^0 = 1$, geteilt
# durch 4, ergibt jeweils 0,25. Vier gleiche Rohwerte, vier gleiche Wahrscheinlichkeiten – egal, wie groß
# sie sind.

# %%
assert ml.check("03.softmax_column", ml.softmax(np.full((4, 1), 1000.0)), lang=LANG)

# %%
assert ml.check("03.softmax", softmax, lang=LANG, save=False)  # save=False: Die Lösung der Lektion zählt nicht als deine

# %%
def forward(params, X):  # Aufgabe „03.forward“: die Zellen oben als eine Funktion
    Z1 = params["W1"] @ X + params["b1"]
    A1 = ml.relu(Z1)
    Z2 = params["W2"] @ A1 + params["b2"]
    A2 = softmax(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


assert ml.check("03.forward", forward, lang=LANG, save=False)  # save=False: Die Lösung der Lektion zählt nicht als deine
