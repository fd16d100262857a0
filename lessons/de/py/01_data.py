# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 01 · Daten: was ein Computer in einer handgeschriebenen Ziffer sieht
#
# **In dieser Lektion**
# - öffnest du eine echte MNIST-Datei und siehst eine Ziffer als 28 × 28 ganze Zahlen von 0 bis 255,
# - bringst du diese Zahlen in den Bereich [0, 1] (*Normalisieren*, normalising),
# - formst du jedes Bild zu einer Spalte von `X` um (flatten), sodass `X` die Form (784, m) hat,
# - schaust du dir viele Ziffern auf einmal an und zählst, wie oft jede Ziffer vorkommt,
# - erfährst du, warum die Testdaten bis ganz zum Schluss unter Verschluss bleiben.
#
# ⏱ etwa 35 Minuten, mit den Aufgaben

# %%
import numpy as np

import mnistlab as ml

LANG = "de"
rng = np.random.default_rng(0)

# %% [markdown]
# ## Die Rohdatei: 28 × 28 Zahlen von 0 bis 255
#
# MNIST besteht aus vier Dateien in einem einfachen Binärformat namens *IDX*: ein kurzer Dateikopf (header;
# wie viele Bilder, wie viele Zeilen, wie viele Spalten), danach ein Byte pro Pixel. `mnistlab` bringt eine
# Stichprobe dieser Dateien mit, und `ml.read_idx` liest eine davon genau so, wie sie gespeichert ist. (Wir
# öffnen hier die Datei der Stichprobe, auch wenn du das ganze MNIST heruntergeladen hast: Sie ist klein und
# immer vorhanden.)

# %%
sample_dir = ml.data.SAMPLE_DIR / "mnist"
raw = ml.read_idx(sample_dir / "train-images-idx3-ubyte.gz")
raw_labels = ml.read_idx(sample_dir / "train-labels-idx1-ubyte.gz")
print(f"{raw.shape = }   {raw.dtype = }   {raw.min() = }   {raw.max() = }")
print(f"{raw_labels.shape = }   {raw_labels[:10] = }")

# %% [markdown]
# `raw` ist ein Array von Bildern: `raw[0]` ist das erste, ein Raster aus 28 × 28 ganzen Zahlen vom Typ
# `uint8` (0 … 255). 0 ist der schwarze Hintergrund, 255 die hellste Tinte. Hier ist der mittlere Teil des
# ersten Bildes, Zahl für Zahl – erkennst du die Ziffer?

# %%
print("raw_labels[0] =", raw_labels[0])
for row in raw[0, 3:25, 3:25]:  # Zeilen und Spalten 3..24: der Rand ist (fast immer) leer
    print(" ".join(f"{value:3d}" for value in row))

# %% [markdown]
# ## Normalisieren: von 0 … 255 auf [0, 1]
#
# Unser Netz wird Pixel mit Gewichten multiplizieren und die Produkte aufsummieren. Bei Pixelwerten bis 255
# werden diese Summen riesig (in Lektion 03 siehst du, wie riesige Summen den Code des ursprünglichen
# Tutorials aus dem Tritt bringen: Er liefert nur noch NaN), und die Gewichte müssten winzig sein, um das
# auszugleichen. Deshalb teilen wir jedes Pixel durch 255: Der Hintergrund bleibt 0, die hellste Tinte wird 1,
# alles andere liegt dazwischen. Das nennt man *Normalisieren*.

# %%
image = raw[0] / 255
print(f"{image.dtype = }   {image.min() = }   {image.max() = }")
ink = raw[0][raw[0] > 0][:8]  # die ersten acht Pixel mit etwas Tinte, zeilenweise gelesen
print(ink)
print((ink / 255).round(2))

# %% [markdown]
# ## Eine Spalte pro Bild
#
# Einem Neuron (nächste Lektion) ist es egal, dass die Pixel ein Quadrat bilden: Es liest eine Liste aus 784
# Zahlen. Also formen wir jedes Bild zu einem Vektor um (flatten), Zeile für Zeile: erst Zeile 0 (Positionen
# 0–27), dann Zeile 1 (Positionen 28–55) und so weiter. Das Pixel in Zeile $r$ und Spalte $c$ landet an der
# Position
#
# $$i = 28\,r + c$$
#
# Dann stellen wir diese Vektoren als **Spalten** einer Matrix $X$ nebeneinander: eine Spalte pro Bild. Bei
# $m$ Bildern hat $X$ die Form (784, m). Warum Spalten? Weil dann ein ganzer Stapel (batch) von Bildern mit
# einem einzigen Matrixprodukt $W X$ durch eine Schicht des Netzes läuft (Lektion 03).
#
# In NumPy ist das eine Zeile: Das Array (m, 28, 28) mit `reshape` zu (m, 784) umformen – eine Zeile pro
# Bild –, mit `.T` Zeilen zu Spalten machen (transponieren) und durch 255 teilen.

# %%
m = len(raw)
X_inline = raw.reshape(m, 784).T / 255  # (m, 28, 28) -> (m, 784) -> (784, m)
print("X_inline:", X_inline.shape)

r, c = np.argwhere(raw[0] == raw[0].max())[0].tolist()  # Zeile, Spalte des ersten hellsten Pixels
print(f"{r = }  {c = }  {28 * r + c = }   {raw[0, r, c] = }   {X_inline[28 * r + c, 0] = }")
assert X_inline[28 * r + c, 0] == raw[0, r, c] / 255  # Pixel (r, c) von Bild 0 = Eintrag 28r + c von Spalte 0

# %% [markdown]
# Die Funktion `ml.load_mnist` macht genau das für dich. Sie speichert die Zahlen als `float32` (4 Byte pro
# Zahl statt der 8 Byte von NumPys Standardtyp `float64`) und halbiert so den Speicherbedarf. Lass sie
# dieselbe Stichprobendatei laden und vergleiche – dieses `assert` ist der Beweis, dass unsere eine Zeile
# und `mnistlab` übereinstimmen:

# %%
X_sample, y_sample = ml.load_mnist(path=sample_dir, lang=LANG)
print("X_sample:", X_sample.shape, X_sample.dtype)
np.testing.assert_allclose(X_inline, X_sample, rtol=1e-6)
assert (y_sample == raw_labels).all()

# %% [markdown]
# Die Reihenfolge von `reshape` und `.T` ist wichtig. Auch `raw.reshape(784, m)` hat die richtige Form –
# aber `reshape` füllt die neue Matrix Zeile für Zeile, und so landen in jeder Spalte Pixel aus vielen
# verschiedenen Bildern. An den Formen erkennst du so einen Fehler nicht, an einem Bild sofort. Hier sind die
# ersten zehn „Bilder“ der falschen Anordnung:

# %%
X_wrong = raw.reshape(784, m) / 255  # richtige Form, falsche Anordnung!
print("X_wrong:", X_wrong.shape, "  np.allclose(X_wrong, X_inline):", np.allclose(X_wrong, X_inline))
ml.charts.digit_grid(X_wrong[:, :10], lang=LANG)

# %% [markdown]
# ### Aufgabe 1 · Wohin wandert ein Pixel?
#
# An welcher Position der Spalte eines Bildes (0 … 783) landet das Pixel in **Zeile 5, Spalte 10**? Zeilen
# und Spalten werden ab 0 gezählt.

# %%
answer = ...
ml.check("01.pixel_index", answer, lang=LANG)

# %% [markdown]
# ### Aufgabe 2 · Bilder zu Spalten
#
# Schreibe eine Funktion `to_columns(images)`, die Rohbilder bekommt – ein `uint8`-Array der Form
# (m, 28, 28) für beliebiges m – und `X` mit der Form (784, m) und Werten in [0, 1] zurückgibt. Probiere sie
# zuerst an `raw[:5]` aus. Dann übergib der Prüfung die Funktion selbst, nicht ihr Ergebnis:
# `answer = to_columns`.

# %%
def to_columns(images):
    ...  # dein Code: return X


answer = ...
ml.check("01.to_columns", answer, lang=LANG)

# %% [markdown]
# ## Die Trainingsdaten
#
# Ab jetzt sucht `ml.load_mnist` die Daten aus: das ganze MNIST, wenn du es heruntergeladen hast, sonst die
# mitgelieferte Stichprobe. Die Zeile, die die Funktion ausgibt, verrät dir, welche von beiden.

# %%
X, y = ml.load_mnist("train", lang=LANG)
print("X:", X.shape, X.dtype, "  y:", y.shape, y.dtype)

# %% [markdown]
# ### Aufgabe 3 · Wie viel Speicher braucht X?
#
# Die vollständigen MNIST-Trainingsdaten umfassen 60.000 Bilder. Wie viele **Byte** belegt `X` für alle
# zusammen, gespeichert als `float32` (4 Byte pro Zahl)? Python ist dein Taschenrechner.

# %%
answer = ...
ml.check("01.memory", answer, lang=LANG)

# %% [markdown]
# Vierzig Ziffern: Zeile $k$ zeigt jeweils das $k$-te Beispiel jeder Ziffer 0, 1, …, 9 in den
# Trainingsdaten. Sieh dir an, wie unterschiedlich Menschen dieselbe Ziffer schreiben – genau damit muss
# das Netz zurechtkommen. (Fahre mit der Maus über ein Pixel, um seinen Wert zu sehen.)

# %%
order = np.array([np.flatnonzero(y == digit)[k] for k in range(4) for digit in range(10)])
ml.charts.digit_grid(X[:, order], y[order], lang=LANG)

# %% [markdown]
# ## Wie oft kommt jede Ziffer vor?
#
# Wäre eine Ziffer viel häufiger als die anderen, könnte ein „Netz“ schon gut abschneiden, indem es immer
# diese Ziffer nennt. `np.bincount` zählt die Labels:

# %%
counts = np.bincount(y, minlength=10)
for digit, count in enumerate(counts):
    print(f"{digit}: {count:6d}  " + "█" * round(40 * count / counts.max()))
n_images = int(counts.sum())
baseline = counts.max() / n_images
print(f"{n_images = }   {baseline = :.3f}")

# %% [markdown]
# `baseline` ist der Anteil der häufigsten Ziffer: So oft läge richtig, wer immer nur diese Ziffer rät.
# Jedes Netz, das wir bauen, muss das deutlich übertreffen.

# %% [markdown]
# ## Trainings- und Testdaten
#
# MNIST besteht aus zwei Teilen: den Trainingsdaten (training set) und davon getrennten **Testdaten** (test
# set), geschrieben von anderen Menschen.

# %%
X_test, y_test = ml.load_mnist("test", lang=LANG)
print("X_test:", X_test.shape, "  y_test:", y_test.shape)
print("np.bincount(y_test):", np.bincount(y_test, minlength=10))

# %% [markdown]
# Das Netz lernt nur aus den Trainingsdaten. Während wir es bauen, treffen wir viele Entscheidungen: wie
# viele Neuronen, wie schnell es lernen soll, wie lange wir trainieren. Jedes Mal vergleichen wir Ergebnisse
# und nehmen, was am besten funktioniert – und jeder Blick auf ein Ergebnis verrät *uns* etwas über diese
# Daten. Würden wir unsere Entscheidungen an den Testdaten ausrichten, passten wir das Netz nach und nach an
# genau diese Testziffern an, und die Genauigkeit am Ende verspräche mehr, als das Netz bei wirklich nie
# gesehenen Ziffern hält.
#
# Deshalb gilt: **Die Testdaten bleiben unter Verschluss, solange wir abstimmen.** Wir öffnen sie einmal, ganz
# am Schluss (Lektion 07), und bekommen so eine ehrliche Einschätzung. Für Entscheidungen unterwegs legen wir
# stattdessen einen Teil der *Trainingsdaten* beiseite: die Validierungsdaten (validation set). Wie bei einer
# Prüfung: Du übst mit Übungsaufgaben, nicht mit der Prüfung selbst.
#
# (Falls du mit der mitgelieferten Stichprobe arbeitest: Ihre Testziffern sind echte MNIST-Ziffern, die aus
# der offiziellen Trainingsdatei zurückgehalten wurden – nicht die offiziellen Testdaten, aber genauso
# zurückgehalten.)

# %% [markdown]
# ## Zusammenfassung
#
# - Ein MNIST-Bild hat 28 × 28 Pixel mit ganzen Werten 0 … 255 (`uint8`); geteilt durch 255 sind sie auf
#   [0, 1] normalisiert.
# - Jedes Bild wird Zeile für Zeile (Pixel $(r, c)$ → Position $28r + c$) zu einer **Spalte** von `X`
#   umgeformt: `X = raw.reshape(m, 784).T / 255` hat die Form (784, m). `ml.load_mnist` macht genau das.
# - Auch eine falsche Anordnung kann die richtige Form haben: Sieh dir die Bilder an.
# - Die Testdaten werden einmal benutzt, ganz am Ende; Entscheidungen fallen, ohne sie anzusehen.
#
# **Weiter:** [02 · Das Neuron](02_neuron.ipynb) – was ein einzelnes Neuron mit diesen 784 Zahlen macht.

# %% [markdown]
# ## Lösungen
#
# **Aufgabe 1.** Zuerst kommen die Zeilen 0 bis 4, also 5 Zeilen mit je 28 Pixeln, dann noch 10 weitere:
# $5 \cdot 28 + 10 = 150$.

# %%
assert ml.check("01.pixel_index", 5 * 28 + 10, lang=LANG)

# %% [markdown]
# **Aufgabe 2.** Zu einer Zeile pro Bild umformen, transponieren, normalisieren:

# %%
def to_columns(images):
    return images.reshape(len(images), 784).T / 255


assert ml.check("01.to_columns", to_columns, lang=LANG)

# %% [markdown]
# **Aufgabe 3.** 784 Zahlen pro Bild × 60.000 Bilder × 4 Byte = 188.160.000 Byte, etwa 188 MB – in `float64`
# wäre es doppelt so viel. Deshalb verwendet `mnistlab` `float32`, und deshalb laden manche Lektionen mit
# `n=` nur einen Teil der Daten.

# %%
assert ml.check("01.memory", 784 * 60_000 * 4, lang=LANG)
