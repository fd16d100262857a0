# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 05b · Fehlerrückführung: Wo geht es bergab?
#
# **In dieser Lektion**
# - leitest du her, wie sich der Verlust mit jedem Gewicht und jedem Bias ändert – die Gradienten `dZ2`,
#   `dW2`, `db2`, `dZ1`, `dW1`, `db1` –, jeweils mit ihrer Form,
# - korrigierst du die Formentabelle des Original-Tutorials, die einen davon falsch angibt,
# - schreibst du die Fehlerrückführung (backpropagation) in wenigen Zeilen und gleichst sie mit `mnistlab`
#   ab,
# - prüfst du Gradienten unabhängig mit einer numerischen Gradientenprüfung (gradient check),
# - entlarvst du mit dieser Prüfung den Bias-Fehler des Original-Tutorials.
#
# ⏱ etwa 90 Minuten, mit den Aufgaben

# %%
import numpy as np

import mnistlab as ml

LANG = "de"
rng = np.random.default_rng(0)

# %% [markdown]
# ## Was wir wissen wollen
#
# Lektion 04 hat gemessen, wie falsch das Netz liegt: der Verlust $L$, eine einzige Zahl. Um das Netz zu
# verbessern, ändern wir jedes Gewicht ein wenig – aber in welche Richtung und wie stark? Die Antwort ist der
# **Gradient**: für jeden Parameter, wie schnell $L$ wächst, wenn dieser Parameter wächst. Lektion 06 geht
# dann einen kleinen Schritt in die Gegenrichtung.
#
# Unser Netz hat Tausende von Parametern, und wir brauchen alle ihre Gradienten auf einmal. Die
# **Fehlerrückführung** liefert sie in einem einzigen Durchlauf rückwärts durch das Netz, vom Verlust bis zur
# ersten Schicht, und verwendet dabei wieder, was die Vorwärtsrechnung schon berechnet hat. Wir nehmen einen
# kleinen Stapel (batch) aus 100 Bildern und eine verdeckte Schicht mit $n_h = 16$ Neuronen – absichtlich
# *nicht* 10, damit keine zwei verschiedenen Größen gleich aussehen:

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
# Nimm ein einzelnes Bild und lass seinen Index weg: Rohwerte $z$, Wahrscheinlichkeiten
# $a = \mathrm{softmax}(z)$, One-Hot-Label $Y$, Verlust $\ell = -\sum_c Y_c \log a_c$. Die Ableitung der
# Softmax ist $\partial a_c / \partial z_k = a_c (\delta_{ck} - a_k)$, wobei $\delta_{ck}$ gleich 1 ist für
# $c = k$ und sonst 0 ($c$ und $k$ sind beide Klassen). Mit der Kettenregel:
#
# $$\frac{\partial \ell}{\partial z_k} = -\sum_{c} \frac{Y_c}{a_c}\, a_c \left(\delta_{ck} - a_k\right) = -Y_k + a_k \sum_c Y_c = a_k - Y_k$$
#
# denn die Einträge des One-Hot-$Y$ ergeben zusammen 1. Softmax und Kreuzentropie haben gemeinsam die
# einfachste Ableitung, die man sich vorstellen kann: **Vorhersage minus Wahrheit**. Der Verlust $L$ des
# Stapels ist der *Mittelwert* der Verluste der $m$ Bilder, der Anteil jedes Bildes trägt also den Faktor
# $\frac{1}{m}$. Für den ganzen Stapel, Spalte für Spalte:
#
# $$dZ^{[2]} = \frac{\partial L}{\partial Z^{[2]}} = \frac{1}{m}\left(A^{[2]} - Y\right)$$
#
# Das $\frac{1}{m}$ steckt einmal in $dZ^{[2]}$; alle Gradienten danach erben es, $dW$ und $db$ unten
# brauchen also kein eigenes $\frac{1}{m}$. (Das Original-Tutorial nimmt $A^{[2]} - Y$ ohne diesen Faktor und
# teilt stattdessen in jedem $dW$ und $db$ durch $m$ – dieselben Zahlen, aber sein „dZ2“ ist dann nicht
# $\partial L / \partial Z^{[2]}$.)

# %% [markdown]
# ## Schritt 2 · Gewichte und Biases der Ausgabeschicht
#
# $Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]}$: Das Gewicht $W^{[2]}_{kj}$ multipliziert $A^{[1]}_{ji}$ in jedem Bild
# $i$. Sein Gradient summiert also „Fehler von Ausgabe $k$ × Eingabe $j$“ über die Bilder – genau ein
# Matrixprodukt:
#
# $$dW^{[2]} = dZ^{[2]} A^{[1]T} \qquad db^{[2]}_k = \sum_{i=1}^{m} dZ^{[2]}_{ki}$$
#
# Der Bias $b^{[2]}_k$ wird in jedem Bild zu Ausgabe $k$ addiert, sein Gradient ist also die Summe von
# Zeile $k$ von $dZ^{[2]}$ – eine Summe nur über die **Bilder**, eine Zahl pro Neuron:
# `dZ2.sum(axis=1, keepdims=True)`. Mit dem $\frac{1}{m}$ in $dZ^{[2]}$ ist diese Summe der Mittelwert von
# $A^{[2]} - Y$ über die Bilder.
#
# ## Schritt 3 · Zurück in die verdeckte Schicht
#
# Das verdeckte Neuron $j$ speist alle zehn Ausgaben, mit den Gewichten $W^{[2]}_{kj}$; sein Anteil an der
# Schuld in Bild $i$ ist $\sum_k W^{[2]}_{kj}\, dZ^{[2]}_{ki}$ – die Matrix $W^{[2]T} dZ^{[2]}$. Dann geht es
# zurück durch die Aktivierungsfunktion, Element für Element ($\odot$), denn $A^{[1]} = g(Z^{[1]})$:
#
# $$dZ^{[1]} = W^{[2]T} dZ^{[2]} \odot g'(Z^{[1]})$$
#
# Bei der ReLU ist $g'$ gleich 1, wo $Z^{[1]} > 0$ ist, und sonst 0: Ein Neuron, das bei einem Bild aus war,
# gibt für dieses Bild keinen Gradienten zurück.
#
# ## Schritt 4 · Gewichte und Biases der verdeckten Schicht
#
# Genau wie Schritt 2, mit $X$ als Eingabe der Schicht:
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
# ## Die Gradientenprüfung: Vertrauen ist gut, Kontrolle ist besser
#
# Beide Versionen stimmen überein – aber beide könnten denselben Fehler in der Herleitung haben. Die
# Fehlerrückführung scheitert *leise*: Ein falscher Gradient hat trotzdem die richtige Form, das Netz
# trainiert trotzdem ein bisschen, und nichts stürzt ab. Wir brauchen einen unabhängigen Test, und die
# Definition der Ableitung liefert ihn: Verschiebe ein einzelnes Gewicht $w$ um ein winziges $\varepsilon$ in
# beide Richtungen und beobachte den Verlust:
#
# $$\frac{\partial L}{\partial w} \approx \frac{L(w + \varepsilon) - L(w - \varepsilon)}{2\varepsilon}$$
#
# Das sind **zentrale Differenzen** (central differences). Die einseitige Version
# $(L(w + \varepsilon) - L(w)) / \varepsilon$ hat einen Fehler proportional zu $\varepsilon$, die zentrale
# einen proportional zu $\varepsilon^2$ – bei $\varepsilon = 10^{-5}$ also etwa $10^{-10}$ statt $10^{-5}$.
#
# Wir nehmen das Gewicht mit dem größten Gradienten in `dW1` und berechnen seinen numerischen Gradienten:

# %%
def numerical_gradient(params, X, y, name, index, eps=1e-5, dtype=np.float64):
    p = {key: value.astype(dtype) for key, value in params.items()}  # Kopien: params bleibt unverändert
    X_ = X.astype(dtype)
    p[name][index] += eps
    plus = ml.cross_entropy(ml.forward(p, X_)[0], y)  # L(w + eps)
    p[name][index] -= 2 * eps
    minus = ml.cross_entropy(ml.forward(p, X_)[0], y)  # L(w - eps)
    return (plus - minus) / (2 * eps)


index = tuple(int(i) for i in np.unravel_index(np.abs(grads["dW1"]).argmax(), grads["dW1"].shape))
print("index =", index)
print("grads['dW1'][index]             =", grads["dW1"][index])
print("numerical_gradient(...)         =", numerical_gradient(params, X, y, "W1", index))
print("numerical_gradient(..., float32) =", numerical_gradient(params, X, y, "W1", index, dtype=np.float32))

# %% [markdown]
# In `float64` stimmen beide auf viele Stellen überein. In `float32` liegt der numerische Gradient sichtbar
# daneben: Eine `float32`-Zahl hat nur etwa 7 gültige Stellen, der Verlust (etwa 2,3) ist also mit einem
# Fehler von rund $10^{-7}$ gespeichert. Die Differenz $L(w + \varepsilon) - L(w - \varepsilon)$ beträgt nur
# etwa das $2 \cdot 10^{-5}$-Fache des Gradienten – und der Rundungsfehler, geteilt durch $2\varepsilon$,
# wird zu einigen Prozent des Ergebnisses. Deshalb läuft eine Gradientenprüfung immer in `float64` (etwa 16
# Stellen).
#
# Die Prüfung: Unser `numerical_gradient` stimmt mit der Funktion `ml.numerical_gradient` überein, die eine
# Liste von Indizes annimmt:

# %%
np.testing.assert_allclose(numerical_gradient(params, X, y, "W1", index),
                           ml.numerical_gradient(params, X, y, "W1", indices=[index])[0], rtol=1e-6)

# %% [markdown]
# Ein einzelner Eintrag beweist wenig. `ml.gradient_check` vergleicht die Fehlerrückführung an 20 Einträgen
# jedes Parameters mit zentralen Differenzen (beides in `float64`) und meldet für jeden Parameter den
# **relativen Fehler**
#
# $$\frac{\lVert g_{\mathrm{backprop}} - g_{\mathrm{numerical}} \rVert}{\lVert g_{\mathrm{backprop}} \rVert + \lVert g_{\mathrm{numerical}} \rVert}$$
#
# ($g_{\mathrm{backprop}}$ aus der Fehlerrückführung, $g_{\mathrm{numerical}}$ numerisch.) Relativ, damit er
# für große und kleine Gradienten dasselbe bedeutet: Ein Wert um $10^{-9}$ ist Rundungsrauschen – der Gradient
# stimmt; ein Wert über $10^{-6}$ deutet auf einen Fehler hin; ein Wert nahe 1 heißt, dass die beiden nichts
# miteinander zu tun haben.

# %%
check = ml.gradient_check(params, X, y, rng=rng, lang=LANG)
print(check)
assert check.passed()

# %% [markdown]
# ### Aufgabe 3 · Eine Gradientenprüfung lesen
#
# Jemand hat `ml.gradient_check` auf die eigene Fehlerrückführung angewendet und diese Tabelle bekommen.
# Welcher Gradient ist falsch? Antworte mit dem Namen des Parameters als Text, z. B. `"W2"`.
#
# ```
# Parameter  Einträge  relativer Fehler
# W1                20          3,10e-10
# b1                16          2,40e-01
# W2                20          8,70e-11
# b2                10          5,00e-10
# ```

# %%
answer = ...
ml.check("05.gradcheck_bug", answer, lang=LANG)

# %% [markdown]
# ## Der Bias-Fehler des Originals
#
# Jetzt die Fehlerrückführung des Original-Tutorials. Vergleiche ihre Zeilen für `db2` und `db1` mit unseren
# Formeln:

# %%
ml.show_source(ml.origin.backward_prop)

# %% [markdown]
# Die Formel sagt „Summe über die Bilder“. `np.sum(dZ2)` ohne `axis` summiert über **alles** – alle Neuronen
# *und* alle Bilder – und liefert eine einzige Zahl. Probieren wir es mit unserem Netz und Stapel aus:

# %%
result = ml.origin.backward_prop(cache["Z1"], cache["A1"], cache["Z2"], cache["A2"],
                                 params["W1"], params["W2"], X, y)  # dW1, db1, dW2, db2
grads_orig = {"dW1": result[0], "db1": result[1], "dW2": result[2], "db2": result[3]}
print("grads_orig['db1'] =", grads_orig["db1"], "   shape:", np.shape(grads_orig["db1"]))
print("grads_orig['db2'] =", grads_orig["db2"])
print("grads['db1'][:5].ravel() =", grads["db1"][:5].ravel())

# %% [markdown]
# In `b1 - alpha * db1` wird diese eine Zahl von jedem Bias abgezogen: **Alle Biases einer Schicht bekommen
# denselben Gradienten** und bewegen sich gemeinsam, als hätte die Schicht nur einen einzigen Bias. Und `db2`
# ist praktisch 0 – immer: Die Einträge jeder Spalte von $A^{[2]}$ ergeben zusammen 1, die jeder Spalte von
# $Y$ ebenso, die Summe aller Einträge von $A^{[2]} - Y$ ist also $m - m = 0$. Die Ausgabe-Biases des
# Originals bewegen sich *nie*; sie behalten das ganze Training über ihre zufälligen Anfangswerte.
#
# Das Netz lernt trotzdem über seine Gewichte – deshalb blieb der Fehler unbemerkt. Hätte unsere
# Gradientenprüfung ihn erwischt? Wir vergleichen die Gradienten des Originals (die eine Zahl auf alle Biases
# verteilt, genau wie beim Update) mit den numerischen Gradienten, die `check` oben berechnet hat, an
# denselben Einträgen:

# %%
def relative_error(a, b):
    return np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b))


errors = {}
for name in params:
    gradient = np.broadcast_to(grads_orig["d" + name], params[name].shape)  # eine Zahl -> jeder Eintrag
    sampled = gradient.reshape(-1)[check.indices[name]]  # die Einträge, die die Prüfung verschoben hat
    errors[name] = relative_error(sampled, check.numerical[name])
    print(f"{name:3} {errors[name]:10.2e}")
assert errors["W1"] < 1e-6 and errors["W2"] < 1e-6
assert errors["b1"] > 1e-2 and errors["b2"] > 1e-2

# %% [markdown]
# Die Gradientenprüfung zeigt direkt auf den Fehler: Die Gewichte stimmen, beide Biases sind falsch – `b2`
# mit einem relativen Fehler nahe 1, weil sein Gradient 0 ist, wo er es nicht sein sollte. Die Korrektur
# steht schon in unserer Formel: nur über die Bilder summieren, eine Zahl pro Neuron behalten –
# `dZ2.sum(axis=1, keepdims=True)`.
#
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
# - Eine **Gradientenprüfung** vergleicht die Fehlerrückführung mit zentralen Differenzen
#   $(L(w+\varepsilon) - L(w-\varepsilon)) / 2\varepsilon$ in `float64`: Ein relativer Fehler um $10^{-9}$
#   bedeutet „richtig“, einer über $10^{-6}$ deutet auf einen Fehler hin.
# - Das `np.sum(dZ)` des Originals gibt allen Biases einer Schicht einen gemeinsamen Gradienten – und den
#   Ausgabe-Biases gar keinen. Die Gradientenprüfung erwischt das sofort; die Korrektur ist
#   `sum(axis=1, keepdims=True)`.
#
# **Weiter:** [06a · Gradientenverfahren](06a_gradient_descent.ipynb) – Schritt für Schritt bergab: Das Netz
# lernt.

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
# **Aufgabe 3.** `b1`: Sein relativer Fehler von 0,24 liegt weit über $10^{-6}$; die anderen sind
# Rundungsrauschen. (Ein Bias-Gradient, der über die falsche Achse summiert wurde, sieht genau so aus.)

# %%
assert ml.check("05.gradcheck_bug", "b1", lang=LANG)

# %%
assert ml.check("05.backward", backward, lang=LANG, save=False)  # save=False: Die Lösung der Lektion zählt nicht als deine
