# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 05b · Fehlerrückführung: alle Gradienten auf einmal, als Matrizen
#
# **In dieser Lektion**
# - bringst du die Kettenregel aus Lektion 05a Schritt für Schritt in Matrixform: `dZ2` → `dW2`, `db2` →
#   `dZ1` → `dW1`, `db1`, jeweils mit ihrer Form,
# - korrigierst du die Formentabelle des Original-Tutorials, die einen davon falsch angibt,
# - schreibst du die Fehlerrückführung (backpropagation) selbst in wenigen Zeilen und gleichst sie mit
#   `mnistlab` ab.
#
# ⏱ etwa 45 Minuten, mit den Aufgaben

# %%
import numpy as np

import mnistlab as ml

LANG = "de"
rng = np.random.default_rng(0)

# %% [markdown]
# ## Vom einzelnen Neuron zum ganzen Netz
#
# In [05a · Die Kettenregel, von Hand](05a_chain_rule.ipynb) bist du mit einfachen Zahlen rückwärts durch
# einen winzigen Graphen gegangen: eine lokale Ableitung nach der anderen, unterwegs multipliziert, und für Softmax mit
# Kreuzentropie kam als Ableitung *Vorhersage minus Wahrheit* heraus. Die Fehlerrückführung macht genau das
# für alle Gewichte des Netzes auf einmal – neu ist hier nur die Buchführung: welche Matrix mit welcher
# multipliziert wird, und in welcher Form.
#
# Wir nehmen einen kleinen Stapel (batch) aus 100 Bildern und eine verdeckte Schicht mit $n_h = 16$ Neuronen –
# absichtlich *nicht* 10, damit keine zwei verschiedenen Größen gleich aussehen:

# %%
X, y = ml.load_mnist("train", n=100, lang=LANG)
Y = ml.one_hot(y)
params = ml.init_params([784, 16, 10], rng=rng)
A2, cache = ml.forward(params, X)
m = X.shape[1]
print("m =", m, "  W1:", params["W1"].shape, "  W2:", params["W2"].shape, "  cache:", list(cache))

# %% [markdown]
# Die Vorwärtsrechnung als Kette – jeden Pfeil gehen wir gleich rückwärts:
#
# $$X \xrightarrow{\;W^{[1]},\, b^{[1]}\;} Z^{[1]} \xrightarrow{\;g\;} A^{[1]} \xrightarrow{\;W^{[2]},\, b^{[2]}\;} Z^{[2]} \xrightarrow{\;\mathrm{softmax}\;} A^{[2]} \longrightarrow L$$
#
# Schreibweise: `dW1` steht für $\partial L / \partial W^{[1]}$, „wie sich $L$ mit $W^{[1]}$ ändert“, und so
# weiter für jedes `d<Name>`, auch `dZ2` und `dZ1`; $g$ ist die Aktivierungsfunktion (activation function)
# der verdeckten Schicht (hier die ReLU), $g'$ ihre Ableitung (Lektion 02). Indizes wie in Lektion 00: $i$ ein
# Bild, $k$ eine Klasse (ein Ausgabeneuron), $j$ ein verdecktes Neuron.

# %% [markdown]
# ## Schritt 1 · Die Ausgabeschicht: dZ2 = (A2 − Y) / m
#
# Lektion 05a hat für ein Bild und zwei Klassen $\partial \ell / \partial z_k = a_k - Y_k$ gefunden. Bei zehn
# Klassen koppelt die Softmax alle miteinander, $\partial a_c / \partial z_k = a_c (\delta_{ck} - a_k)$
# ($\delta_{ck}$ ist 1 für $c = k$, sonst 0), und die Kettenregel summiert über sie:
# $\partial \ell / \partial z_k = -\sum_c \frac{Y_c}{a_c}\, a_c (\delta_{ck} - a_k) = a_k - Y_k$, denn die
# Einträge des One-Hot-$Y$ ergeben zusammen 1 – wieder *Vorhersage minus Wahrheit*. Der Verlust $L$ des
# Stapels ist der *Mittelwert* der Verluste der $m$ Bilder, der Anteil jedes Bildes trägt also den Faktor
# $\frac{1}{m}$. Für den ganzen Stapel, eine Spalte pro Bild (10 × m):
#
# $$dZ^{[2]} = \frac{\partial L}{\partial Z^{[2]}} = \frac{1}{m}\left(A^{[2]} - Y\right)$$
#
# Das $\frac{1}{m}$ steckt einmal in $dZ^{[2]}$; alle Gradienten danach erben es, $dW$ und $db$ unten
# brauchen also kein eigenes $\frac{1}{m}$. (Das Original-Tutorial nimmt $A^{[2]} - Y$ ohne diesen Faktor und
# teilt stattdessen in jedem $dW$ und $db$ durch $m$ – dieselben Zahlen, aber sein „dZ2“ ist dann nicht
# $\partial L / \partial Z^{[2]}$.) Eine Tatsache, die Lektion 05c braucht: Jede Spalte von $dZ^{[2]}$ ergibt
# zusammen 0, denn die Wahrscheinlichkeiten eines Bildes ergeben zusammen 1, seine One-Hot-Spalte ebenso:

# %%
E = A2 - Y  # Vorhersage minus Wahrheit, vor dem 1/m: dZ2 = E / m
print("(E / m).shape =", (E / m).shape, "   np.abs(E.sum(axis=0)).max() =", np.abs(E.sum(axis=0)).max())
assert np.allclose(E.sum(axis=0), 0, atol=1e-6)

# %% [markdown]
# ## Schritt 2 · Gewichte und Biases der Ausgabeschicht
#
# Für ein einzelnes Neuron $z = w x + b$ liefert die Kettenregel $\partial L / \partial w = \partial L /
# \partial z \cdot x$: der Gradient am Ausgang mal die Eingabe, die das Gewicht multipliziert. Hier ist
# $Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]}$: Das Gewicht $W^{[2]}_{kj}$ multipliziert $A^{[1]}_{ji}$ in jedem Bild
# $i$. Sein Gradient summiert also „Fehler von Ausgabe $k$ × Eingabe $j$“ über die Bilder – genau ein
# Matrixprodukt, $(10, m) \cdot (m, n_h) \to (10, n_h)$:
#
# $$dW^{[2]} = dZ^{[2]} A^{[1]T} \qquad db^{[2]}_k = \sum_{i=1}^{m} dZ^{[2]}_{ki}$$
#
# Der Bias $b^{[2]}_k$ wird in jedem Bild zu Ausgabe $k$ addiert (seine lokale Ableitung ist 1), sein
# Gradient ist also die Summe von Zeile $k$ von $dZ^{[2]}$ – eine Summe nur über die **Bilder**, eine Zahl pro
# Neuron: `dZ2.sum(axis=1, keepdims=True)`, Form $(10, 1)$. Mit dem $\frac{1}{m}$ in $dZ^{[2]}$ ist diese Summe
# der Mittelwert von $A^{[2]} - Y$ über die Bilder. (Das Original-Tutorial schreibt hier `np.sum(dZ2)`, ohne
# Achse – Lektion 05c zeigt, was das anrichtet und wie eine Gradientenprüfung (gradient check) es erwischt.)
#
# ## Schritt 3 · Zurück in die verdeckte Schicht
#
# Das verdeckte Neuron $j$ speist alle zehn Ausgaben, mit den Gewichten $W^{[2]}_{kj}$; sein Anteil an der
# Schuld in Bild $i$ ist $\sum_k W^{[2]}_{kj}\, dZ^{[2]}_{ki}$ – die Matrix $W^{[2]T} dZ^{[2]}$,
# $(n_h, 10) \cdot (10, m) \to (n_h, m)$: Ein Wert, der mehrere Wege speist, sammelt die Gradienten aller
# dieser Wege – die Kettenregel addiert sie. Dann geht es zurück durch die Aktivierungsfunktion, Element für
# Element ($\odot$), denn $A^{[1]} = g(Z^{[1]})$:
#
# $$dZ^{[1]} = W^{[2]T} dZ^{[2]} \odot g'(Z^{[1]})$$
#
# Bei der ReLU ist $g'$ gleich 1, wo $Z^{[1]} > 0$ ist, und sonst 0: Ein Neuron, das bei einem Bild aus war,
# gibt für dieses Bild keinen Gradienten zurück.
#
# ## Schritt 4 · Gewichte und Biases der verdeckten Schicht
#
# Genau wie Schritt 2, mit $X$ als Eingabe der Schicht: $(n_h, m) \cdot (m, 784) \to (n_h, 784)$ und
# $(n_h, 1)$:
#
# $$dW^{[1]} = dZ^{[1]} X^{T} \qquad db^{[1]}_j = \sum_{i=1}^{m} dZ^{[1]}_{ji}$$

# %% [markdown]
# ## Die Formen – und eine Korrektur
#
# Jeder Gradient hat die Form dessen, wozu er gehört: `W1 - learning_rate * dW1` muss funktionieren. Das
# Original-Tutorial listet die Formen seines Netzes 784 → 10 → 10 auf; sie stehen in der letzten Spalte.
# Mit $n_h = 10$ verdeckten Neuronen *und* 10 Ausgaben steht dort oft „10 × 10“ – und einmal ist es falsch:
#
# | Gradient | Formel | Form | unser Netz ($n_h = 16$) | Tabelle des Originals ($n_h = 10$) |
# |---|---|---|---|---|
# | `dZ2` | `(A2 - Y) / m` | 10 × m | 10 × m | 10 × m ✓ |
# | `dW2` | `dZ2 @ A1.T` | 10 × $n_h$ (wie `W2`) | 10 × 16 | 10 × 10 ✓ |
# | `db2` | `dZ2.sum(axis=1, keepdims=True)` | 10 × 1 | 10 × 1 | 10 × 1 ✓ |
# | `dZ1` | `(W2.T @ dZ2) * g'(Z1)` | $n_h$ × m (wie `Z1`) | 16 × m | 10 × m ✓ |
# | `dW1` | `dZ1 @ X.T` | $n_h$ × 784 (wie `W1`) | 16 × 784 | **10 × 10 ✗** – richtig ist 10 × 784 |
# | `db1` | `dZ1.sum(axis=1, keepdims=True)` | $n_h$ × 1 | 16 × 1 | 10 × 1 ✓ |
#
# `dW1` hat einen Eintrag pro Gewicht von `W1`: eine Zeile pro verdecktem Neuron, eine Spalte pro **Pixel** –
# 784 Spalten. (Dieselbe Tabelle nennt außerdem $W^{[2]}$ versehentlich „$W^{[1]}$: 10 × 10“.) Ein Netz, in
# dem alle Größen 10 sind, versteckt solche Ausrutscher, weil jede falsche Form trotzdem passt; mit
# $n_h = 16$ fallen sie sofort auf.

# %% [markdown]
# ### Aufgabe 1 · Die Form von dW1
#
# Ein Netz 784 → 64 → 10. Welche Form hat `dW1`? Antworte mit einem Tupel wie `(3, 5)`.

# %%
answer = ...
ml.check("05.shape_dW1", answer, lang=LANG)

# %% [markdown]
# ## Die Fehlerrückführung, ausgeschrieben
#
# Die vier Schritte als Code. `cache` enthält, was die Vorwärtsrechnung berechnet hat (`A0` ist `X`), und
# `ml.relu_prime` ist $g'$ für die ReLU aus Lektion 02:

# %% [markdown]
# ### Du bist dran · die Fehlerrückführung
#
# Schreibe die vier Schritte selbst, bevor du unsere liest: `my_backward(params, cache, Y)` mit `Y` one-hot
# (10, m) und `cache` aus der Vorwärtsrechnung (`"A0"` ist `X`). Die Prüfung kennt die klassischen Fehler –
# die Bias-Summe des Originals, ein fehlendes 1/m, `relu_prime` der falschen Matrix – und benennt sie.

# %%
def my_backward(params, cache, Y):
    ...  # die vier Schritte oben; gib {"dW1": ..., "db1": ..., "dW2": ..., "db2": ...} zurück


answer = ...  # wenn my_backward fertig ist: answer = my_backward
ml.check("05.backward", answer, lang=LANG)

# %%
def backward(params, cache, Y):
    m = Y.shape[1]
    dZ2 = (cache["A2"] - Y) / m  # (10, m): Vorhersage minus Wahrheit, das 1/m des Mittelwerts steckt drin
    dW2 = dZ2 @ cache["A1"].T  # (10, m) @ (m, n_h) -> (10, n_h)
    db2 = dZ2.sum(axis=1, keepdims=True)  # (10, 1): Summe nur über die Bilder
    dZ1 = (params["W2"].T @ dZ2) * ml.relu_prime(cache["Z1"])  # (n_h, 10) @ (10, m) -> (n_h, m)
    dW1 = dZ1 @ cache["A0"].T  # (n_h, m) @ (m, 784) -> (n_h, 784)
    db1 = dZ1.sum(axis=1, keepdims=True)  # (n_h, 1)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


grads = backward(params, cache, Y)
for name, gradient in grads.items():
    print(f"{name}: {gradient.shape}    {name[1:]}: {params[name[1:]].shape}")

# %% [markdown]
# Die Prüfung: Jeder Gradient hat die Form seines Parameters, und alle vier stimmen mit `ml.backward`
# überein:

# %%
expected = ml.backward(params, cache, Y)
for name, gradient in grads.items():
    assert gradient.shape == params[name[1:]].shape
    np.testing.assert_allclose(gradient, expected[name], rtol=1e-4, atol=1e-7)
print(sorted(expected))

# %% [markdown]
# ### Aufgabe 2 · db2 als Funktion
#
# Schreibe eine Funktion `db2(E)`, die den Fehler `E = A2 - Y` (10 × m) bekommt – Vorhersage minus Wahrheit,
# *vor* dem $\frac{1}{m}$ – und den Gradienten der Biases der Ausgabeschicht $\partial L / \partial b^{[2]}$
# zurückgibt, Form (10, 1). Setze dann `answer = db2` – die Prüfung ruft deine Funktion mit eigenen
# Beispieldaten auf.

# %%
answer = ...
ml.check("05.db2", answer, lang=LANG)

# %% [markdown]
# ## Die Version von mnistlab
#
# Ab jetzt ist die Fehlerrückführung `ml.backward(params, cache, Y)`. Sie nimmt statt des One-Hot-`Y` auch
# die Labels `y` an und funktioniert für beliebig viele Schichten. Die öffentliche Funktion prüft die
# Argumente und berechnet $dZ$ der letzten Schicht, $(A - Y) / m$, mit dem $\frac{1}{m}$ darin, wie in
# unserem Schritt 1:

# %%
ml.show_source(ml.backward)

# %% [markdown]
# Die Schleife, die rückwärts durch die Schichten läuft, besteht aus unseren vier Schritten, einmal pro
# Schicht:

# %%
ml.show_source(ml.network._backward)

# %% [markdown]
# ## Zusammenfassung
#
# - Die Fehlerrückführung geht die Vorwärtsrechnung rückwärts. Jedes `d<Name>` ist $\partial L / \partial$
#   Name, und das $\frac{1}{m}$ des mittleren Verlusts steckt in $dZ^{[2]} = (A^{[2]} - Y) / m$ (Softmax +
#   Kreuzentropie); dann $dW^{[2]} = dZ^{[2]} A^{[1]T}$, $db^{[2]}$ = Summe von $dZ^{[2]}$ über die Bilder
#   (`axis=1`), $dZ^{[1]} = W^{[2]T} dZ^{[2]} \odot g'(Z^{[1]})$, $dW^{[1]} = dZ^{[1]} X^T$, $db^{[1]}$
#   ebenso.
# - Jeder Gradient hat die Form seines Parameters: `dW1` ist $n_h$ × 784, nicht 10 × 10, wie die Tabelle
#   des Originals behauptet. Nimm verschiedene Größen (z. B. $n_h = 16$), damit Formfehler auffallen.
# - Der Bias-Gradient summiert nur über die Bilder: `dZ.sum(axis=1, keepdims=True)`, eine Zahl pro Neuron.
#
# **Weiter:** [05c · Die Gradientenprüfung](05c_gradient_check.ipynb) – Vertrauen ist gut, Kontrolle ist
# besser: Diese Gradienten unabhängig prüfen und den Bias-Fehler des Original-Tutorials entlarven.

# %% [markdown]
# ## Lösungen
#
# **Aufgabe 1.** `dW1` hat die Form von `W1`: eine Zeile pro verdecktem Neuron, eine Spalte pro Pixel –
# (64, 784).

# %%
assert ml.check("05.shape_dW1", ml.init_params([784, 64, 10], rng=rng)["W1"].shape, lang=LANG)

# %% [markdown]
# **Aufgabe 2.** Durch $m$ teilen ergibt $dZ^{[2]}$; dann jede Zeile über die Bilder summieren (`axis=1`) und
# die Spaltenform behalten – zusammen der Mittelwert jeder Zeile von `E` über die Bilder:

# %%
def db2(E):
    dZ2 = E / E.shape[1]
    return dZ2.sum(axis=1, keepdims=True)


assert ml.check("05.db2", db2, lang=LANG)

# %% [markdown]
# **Du bist dran · die Fehlerrückführung.** Unser `backward` oben: die vier Schritte, mit dem $\frac{1}{m}$
# genau einmal, in `dZ2`.

# %%
assert ml.check("05.backward", backward, lang=LANG, save=False)  # save=False: Die Lösung der Lektion zählt nicht als deine
