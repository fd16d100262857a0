# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 00 · Start: ein neuronales Netz für handgeschriebene Ziffern, von Grund auf
#
# **In dieser Lektion**
# - siehst du, was wir in den nächsten Lektionen bauen,
# - lernst du, wie man ein Notebook ausführt und wie unsere Schreibweise funktioniert,
# - prüfst du, ob deine Umgebung bereit ist (Widgets, Diagramme, Daten),
# - findest du heraus, mit welchen Daten dieses Notebook arbeitet,
# - schaust du dir die ersten echten handgeschriebenen Ziffern an.
#
# ⏱ etwa 20 Minuten, mit den Aufgaben

# %% [markdown]
# ## Was wir bauen
#
# Für einen Computer ist das Bild einer handgeschriebenen Ziffer ein Raster aus 28 × 28 = 784 Zahlen –
# ein Helligkeitswert pro Pixel. Unser Netz liest diese 784 Zahlen und antwortet mit zehn
# Wahrscheinlichkeiten, eine für jede Ziffer von 0 bis 9. Dazwischen liegt eine *verdeckte Schicht*
# (hidden layer) aus Neuronen; sie lernt selbstständig, auf welche Striche es ankommt.
#
# ```
#   784 Pixel  ──►  verdeckte Schicht (z. B. 10 Neuronen, ReLU)  ──►  10 Ausgaben (Softmax)  ──►  „eine 7“
# ```
#
# Jeden Teil schreiben wir selbst in NumPy – die Vorwärtsrechnung (forward pass), die Verlustfunktion
# (loss), die Fehlerrückführung (backpropagation), das Gradientenverfahren (gradient descent) – und gleichen
# ihn jeweils mit dem kleinen Hilfspaket `mnistlab` ab. Was eine Lektion erarbeitet hat, importieren die
# späteren einfach aus `mnistlab`. Am Ende erkennt dein Netz mehr als neun von zehn Ziffern, die es nie
# gesehen hat – und du verstehst jede Zeile davon.
#
# Ausgangspunkt ist ein bekanntes Tutorial-Netz (784 → 10 → 10). Sein oft kopierter Code enthält echte
# Fehler – wir spüren sie auf, zeigen, was sie anrichten, und beheben sie.

# %% [markdown]
# ## So benutzt du ein Notebook
#
# - Ein Notebook besteht aus *Zellen*. Klicke in eine Code-Zelle und drücke **Umschalt + Enter**, um sie
#   auszuführen; das Ergebnis erscheint darunter.
# - Führe die Zellen von oben nach unten aus. Wirkt etwas seltsam, hilft **Kernel → Restart Kernel and Run
#   All Cells**: Jede Lektion läuft für sich allein, von einem frischen Start aus.
# - In späteren Lektionen kommen Schieberegler und Knöpfe dazu: Bewege sie und sieh zu, wie sich die
#   Diagramme ändern.
#
# Die erste Code-Zelle jeder Lektion lädt NumPy und `mnistlab`, legt die Sprache der Diagramme und
# Meldungen fest (`LANG`) und erzeugt einen Zufallszahlengenerator mit festem Startwert (seed) – so siehst
# du dieselben Zahlen wie alle anderen.

# %%
import numpy as np

import mnistlab as ml

LANG = "de"
rng = np.random.default_rng(0)

# %% [markdown]
# ## Ist alles bereit?
#
# Die nächste Zelle prüft deine Umgebung: Python, die Pakete für Schieberegler und Live-Diagramme und
# woher die Ziffern kommen werden. Jede Zeile sollte ✓ zeigen; steht irgendwo ✗, sagt dir die letzte
# Spalte, wie du das behebst.

# %%
report = ml.environment_check(lang=LANG)
report

# %% [markdown]
# Deinen Browser kann Python nicht sehen – eines kannst also nur du prüfen: Bewege den Regler unten. Folgt
# der Balken, funktionieren Schieberegler und Live-Diagramme. Siehst du stattdessen „Error displaying
# widget“, lade die Seite neu (in Binder: warte, bis der Kernel *Idle* meldet, dann **Kernel → Restart
# Kernel and Run All Cells**).

# %%
ml.widget_check(lang=LANG)

# %% [markdown]
# ## Schreibweise
#
# Eine Schreibweise für den ganzen Kurs – in den Formeln, in unserem Code und in `mnistlab`:
#
# | Formel | Code | Form (shape) |
# |---|---|---|
# | $X$ | `X` | (784, m), Pixel in [0, 1], eine Spalte pro Bild |
# | $y$ / $Y$ | `y` / `Y` | (m,) Labels / (10, m) One-Hot |
# | $W^{[1]}, b^{[1]}$ | `W1`, `b1` | (n_h, 784), (n_h, 1) |
# | $Z^{[1]} = W^{[1]}X + b^{[1]}$ | `Z1 = W1 @ X + b1` | (n_h, m) |
# | $A^{[2]} = \mathrm{softmax}(Z^{[2]})$ | `A2 = softmax(Z2)` | (10, m), die Einträge jeder Spalte ergeben zusammen 1 |
# | $\partial L / \partial W^{[1]}$ | `dW1` | wie `W1` |
# | $\partial L / \partial Z^{[2]} = (A^{[2]} - Y) / m$ | `dZ2` | (10, m), das 1/m steckt darin |
# | $\alpha$ | `learning_rate` | Skalar |
#
#
# Jeder Indexbuchstabe hat genau eine Rolle:
#
# | Index | zählt | läuft über | Beispiel |
# |---|---|---|---|
# | $i$ | Bilder: Spalte $i$ | $1 \dots m$ | $y_i$, $A^{[2]}_{ki}$ |
# | $k$ (und $c$) | Klassen = Ziffern = Ausgabeneuronen: Zeile $k$ von $Z^{[2]}$, $A^{[2]}$, $Y$ | $0 \dots 9$ | $Y_{ki}$, $C_{kc}$ |
# | $j$ | verdeckte Neuronen: Zeile $j$ von $Z^{[1]}$, $A^{[1]}$, $W^{[1]}$ | $1 \dots n_h$ | $W^{[2]}_{kj}$ |
# | $p$ | Eingaben eines Neurons (in der ersten Schicht die Pixel) | $1 \dots 784$ | $w_p x_p$ |
# | $[l]$ | Schichten, hochgestellt | $1 \dots L$ | $W^{[l]}$ |
#
# $m$ ist die Anzahl der Bilder in einem Stapel (batch) – die Spalten von $X$ –, $n_{\text{train}}$ die Anzahl
# der Trainingsbilder (Lektion 08a), $n_h$ die Anzahl der verdeckten Neuronen. Jedes `d<Name>` ist
# $\partial L / \partial$ Name.
#
# $W$ steht für die Gewichte (weights), $b$ für den Bias (bias). Die wichtigste Zeile:
#
# $$Z^{[1]} = W^{[1]} X + b^{[1]}$$
#
# Jedes Bild ist eine **Spalte** von $X$ – so läuft ein ganzer Stapel von Bildern in einem einzigen
# Matrixprodukt durch das Netz. Im [Glossar](../glossary.md) findest du alle Begriffe des Kurses auf
# Deutsch und Englisch.

# %% [markdown]
# ## Mit welchen Daten arbeiten wir?
#
# Die Funktion `ml.load_mnist()` besorgt dir die MNIST-Ziffern: aus deinem lokalen Zwischenspeicher (cache),
# falls du sie schon einmal heruntergeladen hast, sonst versucht sie den Download (etwa 12 MB, mit
# Prüfsumme), und ohne Netzwerk nimmt sie eine kleine Stichprobe echter MNIST-Ziffern, die `mnistlab`
# mitbringt. Welche Quelle sie verwendet hat, schreibt sie dazu – lies die Zeile, die sie ausgibt.

# %%
X, y = ml.load_mnist("train", lang=LANG)
source = ml.data_source()
print(f"{source.kind = }   {source.n_loaded = }")
print("X:", X.shape, X.dtype, " y:", y.shape, y.dtype)

# %% [markdown]
# Egal, woher die Daten kommen: Das Format ist immer dasselbe. Die nächste Zelle *prüft* das – in diesem
# Kurs ist eine Zelle mit `assert` ein Test: Läuft sie ohne Fehler durch, stimmt die Aussage.

# %%
m = X.shape[1]
assert X.shape == (784, m) and X.dtype == np.float32
assert X.min() >= 0.0 and X.max() <= 1.0
assert y.shape == (m,) and set(np.unique(y)) == set(range(10))
print(f"{m = }   {X.min() = }   {X.max() = }   {np.unique(y) = }")

# %% [markdown]
# Nennt die Zeile oben die mitgelieferte Stichprobe (*sample*) und möchtest du den vollständigen Datensatz
# (60.000 Trainings- und 10.000 Testbilder), dann führe, während du online bist, einmal in einer neuen Zelle
# Folgendes aus (das lädt etwa 12 MB und prüft jede Datei):
#
# ```
# ml.download()
# ```
#
# Jede Lektion funktioniert auch mit der Stichprobe – nur mit weniger Bildern.

# %% [markdown]
# ## Deine ersten Ziffern
#
# Hier sind die ersten Bilder der Trainingsdaten (training set), jeweils mit ihrem Label. Eine Spalte von
# $X$ enthält 784 Zahlen; zu 28 × 28 umgeformt (reshape), wird daraus wieder ein Bild.

# %%
ml.charts.digit_grid(X[:, :16], y[:16], lang=LANG)

# %%
image = X[:, 0].reshape(28, 28)
print("y[0] =", y[0])
print("\n".join("".join("#" if v > 0.5 else ("+" if v > 0.1 else ".") for v in row) for row in image))

# %% [markdown]
# ## Teste dich selbst
#
# Jede Lektion hat ein paar kurze Aufgaben. Ersetze `...` durch deine Antwort und führe die Zelle aus:
# `ml.check` antwortet mit ✓ oder einem Tipp. (Die Lösungen stehen am Ende der Lektion.)
#
# **Aufgabe 1.** Wie viele Zahlen beschreiben ein MNIST-Bild?

# %%
answer = ...
ml.check("00.n_pixels", answer, lang=LANG)

# %% [markdown]
# **Aufgabe 2.** Du packst 32 Bilder in $X$. Welche Form hat $X$? Antworte mit einem Paar wie `(3, 5)`.

# %%
answer = ...
ml.check("00.shape_X", answer, lang=LANG)

# %% [markdown]
# ## Zusammenfassung
#
# - Wir bauen in NumPy ein Netz 784 → verdeckte Schicht → 10 und prüfen jeden Schritt.
# - `X` hat eine **Spalte** pro Bild: Form (784, m), Werte in [0, 1]; `y` enthält die Labels 0–9.
# - `ml.load_mnist()` sagt dir immer, woher die Daten stammen; offline wird eine echte Stichprobe verwendet.
#
# **Weiter:** [01 · Daten](01_data.ipynb) – ein genauerer Blick auf die Bilder und wie wir sie vorbereiten.

# %% [markdown]
# ## Lösungen
#
# 1. 28 × 28 = 784 Pixel.
# 2. Eine Spalte pro Bild: (784, 32).

# %%
assert ml.check("00.n_pixels", 28 * 28, lang=LANG)
assert ml.check("00.shape_X", (784, 32), lang=LANG)
