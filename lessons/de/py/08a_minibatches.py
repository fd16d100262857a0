# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 08a · Besser trainieren
#
# **In dieser Lektion**
# - trainierst du mit **Mini-Batches** statt mit dem ganzen Datensatz pro Schritt – und findest den
#   **Fehler mit dem globalen `m`** im Original, durch den Mini-Batch-Schritte um ein Vielhundertfaches zu
#   klein werden,
# - startest du mit der **He-Initialisierung** statt gleichverteilt ±0,5 und siehst, was das in jeder
#   Schicht bewirkt,
# - machst du das Netz **tiefer** (784-128-64-10), vergleichst **ReLU und Sigmoid** und fügst einen
#   **Lernraten-Zeitplan** hinzu,
# - stellst du **das Original, das reparierte und das tiefe Netz** auf denselben Daten nebeneinander,
# - **speicherst** du ein trainiertes Netz in einer Datei und **lädst** es wieder.
#
# ⏱ etwa 75 Minuten, mit den Aufgaben

# %%
import math
import tempfile
import time
from pathlib import Path

import numpy as np

import mnistlab as ml

LANG = "de"
rng = np.random.default_rng(0)

# %% [markdown]
# Wir verwenden durchgehend 2.000 Trainingsbilder, damit jedes Experiment nur ein paar Sekunden dauert,
# und 500 weitere Trainingsbilder als Validierungsdaten, an denen wir vergleichen und auswählen
# (`ml.train_val_split`, wie in Lektion 06). Die Testdaten bleiben unter Verschluss: Jede Entscheidung in
# dieser Lektion fällt anhand der Validierungsdaten.

# %%
X_pool, y_pool = ml.load_mnist("train", n=2500, lang=LANG)
X_train, y_train, X_val, y_val = ml.train_val_split(X_pool, y_pool, 500, np.random.default_rng(1))
n_train = y_train.size  # Anzahl der Trainingsbilder; m bleibt die Stapelgröße
print("X_train:", X_train.shape, " X_val:", X_val.shape)

# %% [markdown]
# ## Mini-Batches
#
# Das Original berechnet den Gradienten auf **allen** Trainingsbildern, bevor es einen einzigen Schritt
# macht (voller Stapel, *full batch*). Dieser Gradient ist exakt – aber ein Durchlauf durch die Daten (eine
# **Epoche**, epoch) ergibt nur einen Schritt.
#
# Mit **Mini-Batches** (kleinen Stapeln) mischen wir die Bilder zu Beginn jeder Epoche, schneiden sie in
# Stapel (batches) zu je `batch_size` Bildern und machen pro Stapel einen Schritt. Der Gradient jedes
# Schritts ist nur eine Schätzung – etwas verrauscht –, dafür gibt es viele Schritte pro Epoche:
#
# $$\text{Schritte pro Epoche} = \left\lceil \frac{n_{\text{train}}}{\text{Stapelgröße}} \right\rceil$$
#
# bei $n_{\text{train}}$ Trainingsbildern (der letzte Stapel darf kleiner sein; $m$ bleibt die Zahl der
# Bilder in einem Stapel). Eine Epoche Mini-Batch-Training, ausgeschrieben:

# %%
def train_one_epoch(params, X, y, learning_rate, batch_size, rng):
    perm = rng.permutation(y.size)  # in jeder Epoche eine neue zufällige Reihenfolge
    for first in range(0, y.size, batch_size):
        idx = perm[first:first + batch_size]  # die Bilder dieses Stapels (der letzte darf kleiner sein)
        _, cache = ml.forward(params, X[:, idx])
        grads = ml.backward(params, cache, y[idx])  # Mittelwert über den Stapel: teilt durch len(idx)
        for name in params:
            params[name] -= learning_rate * grads["d" + name]


print("n_train =", n_train, "  math.ceil(n_train / 64) =", math.ceil(n_train / 64))

# %% [markdown]
# `ml.train(..., batch_size=64, rng=...)` macht genau das. Zwei Zufallsgeneratoren mit demselben Startwert
# (seed) liefern dieselben Zufallszahlen – dieselben Anfangsgewichte und dieselbe Mischung –, also müssen
# beide mit denselben Gewichten enden:

# %%
params_inline = ml.init_params([784, 10, 10], rng=np.random.default_rng(1))
params_ml = ml.init_params([784, 10, 10], rng=np.random.default_rng(1))
train_one_epoch(params_inline, X_train, y_train, 0.1, 64, np.random.default_rng(2))
ml.train(params_ml, X_train, y_train, learning_rate=0.1, n_epochs=1, batch_size=64,
         rng=np.random.default_rng(2))
for name in params_ml:
    np.testing.assert_allclose(params_inline[name], params_ml[name], rtol=1e-4, atol=1e-6)

# %% [markdown]
# ## Der Fehler mit dem globalen `m`
#
# Der Gradient ist ein **Mittelwert** über die Bilder eines Schritts: Das $\frac{1}{m}$ steckt in
# $dZ^{[2]} = (A^{[2]} - Y) / m$ (Lektion 05), und $m$ muss die Anzahl der Bilder in *diesem* Stapel sein.
# Das Original liest `m` aus einer globalen Variablen, die beim Laden der CSV-Datei gesetzt wurde – der
# Zeilenzahl der *ganzen* Datei, 42.000. Bei vollen Stapeln stimmt das (fast). Bei einem Mini-Batch aus
# 100 Bildern wird jeder Gradient 420-mal zu klein.
#
# `ml.origin.backward_prop` nimmt dieses `m` als Argument, also können wir übergeben, was das Original
# verwendet hat:

# %%
B, M_ORIGINAL = 100, 42_000  # ein Mini-Batch und das globale m des Originals (Zeilen seiner CSV-Datei)
W1, b1, W2, b2 = ml.origin.init_params(rng)
idx = rng.permutation(n_train)[:B]
X_batch, y_batch = X_train[:, idx], y_train[idx]
Z1, A1, Z2, A2 = ml.origin.forward_prop(W1, b1, W2, b2, X_batch)
right = ml.origin.backward_prop(Z1, A1, Z2, A2, W1, W2, X_batch, y_batch)  # m = B, der Stapel
buggy = ml.origin.backward_prop(Z1, A1, Z2, A2, W1, W2, X_batch, y_batch, m=M_ORIGINAL)  # das globale m
for name, g_right, g_buggy in zip(("dW1", "db1", "dW2", "db2"), right, buggy, strict=True):
    print(f"{name}:  {np.linalg.norm(g_buggy) / np.linalg.norm(g_right) = :.6f}")
print(f"B / M = {B / M_ORIGINAL:.6f}")

# %%
for g_right, g_buggy in zip(right, buggy, strict=True):
    np.testing.assert_allclose(g_buggy, g_right * B / M_ORIGINAL)

# %% [markdown]
# Jeder Schritt schrumpft auf $B / M$ seiner richtigen Größe ($M / B = 420$-mal zu klein) – genau so, als
# wäre die Lernrate $0{,}1 \cdot B / M$ statt $0{,}1$. Nichts stürzt ab, nichts warnt; das Netz lernt
# einfach kaum etwas. Achte auf den Verlust (loss):

# %%
for learning_rate in (0.1, 0.1 * B / M_ORIGINAL):
    params = ml.init_params([784, 10, 10], rng=np.random.default_rng(1))
    history = ml.train(params, X_train, y_train, learning_rate=learning_rate, n_epochs=3, batch_size=B,
                       rng=np.random.default_rng(2))
    print(f"learning_rate = {learning_rate:.6f}  ", ml.t("lesson.loss_val", LANG, loss=np.round(history.loss, 3),
                                                         val=ml.accuracy(y_val, ml.predict(params, X_val))))

# %% [markdown]
# Die Reparatur: $m$ aus dem Stapel selbst nehmen. `ml.backward` teilt durch `A_L.shape[1]`, die
# Spaltenzahl des Stapels, den die Funktion bekommt – das stimmt für jede Stapelgröße.

# %% [markdown]
# ## He-Initialisierung
#
# Das Original zieht jedes Gewicht gleichverteilt aus $[-0{,}5; 0{,}5)$, egal wie groß die Schicht ist. Ein
# Neuron addiert aber $n_{\text{in}}$ Produkte $w_p a_p$: Je mehr Eingaben, desto größer $z$. Mit 784
# Pixeln und danach 128 verdeckten Neuronen, die die nächste Schicht speisen, wachsen die Werte von
# Schicht zu Schicht, und die Softmax am Ende startet *gesättigt*: Das Netz ist sich sehr sicher – und
# liegt falsch.
#
# Die **He-Initialisierung** (Kaiming He u. a., 2015) skaliert die Gewichte passend zur Anzahl $n_{l-1}$
# der Eingaben der Schicht, sodass $z$ in jeder Schicht etwa gleich groß bleibt. Der Faktor 2 gleicht aus,
# dass die ReLU etwa die Hälfte der Werte auf 0 setzt. Die Biases starten bei 0.
#
# $$W^{[l]} \sim \mathcal{N}\left(0, \frac{2}{n_{l-1}}\right), \qquad b^{[l]} = 0$$

# %%
def init_he(layer_sizes, rng):
    params = {}
    for l in range(1, len(layer_sizes)):
        n_in, n_out = layer_sizes[l - 1], layer_sizes[l]
        std = np.sqrt(2 / n_in)  # He: Varianz 2 / (Anzahl der Eingaben)
        params[f"W{l}"] = (rng.standard_normal((n_out, n_in)) * std).astype(np.float32)
        params[f"b{l}"] = np.zeros((n_out, 1), dtype=np.float32)
    return params


# %%
sizes = [784, 128, 64, 10]
he_inline = init_he(sizes, np.random.default_rng(1))
he_ml = ml.init_params(sizes, rng=np.random.default_rng(1), init="he")
for name in he_ml:
    np.testing.assert_array_equal(he_inline[name], he_ml[name])
print({name: value.shape for name, value in he_ml.items()})

# %% [markdown]
# Jetzt die Kennzahlen pro Schicht, für beide Startarten auf denselben Bildern: die Standardabweichung von
# $Z$ in jeder Schicht, der Anteil der verdeckten Neuronen, die die ReLU durchlässt, der Mittelwert der
# größten Ausgabewahrscheinlichkeit (`max A3`) und der Verlust. Ein Netz, das nichts weiß, sollte für jede
# Ziffer etwa 10 % antworten, mit einem Verlust von $\ln 10 \approx 2{,}3$.

# %%
starts = {init: ml.init_params(sizes, rng=np.random.default_rng(1), init=init) for init in ("uniform", "he")}
print(f"{ml.t('lesson.init_header', LANG):8} {'Z1.std':>7} {'Z2.std':>7} {'Z3.std':>7} {'A1 > 0':>7} {'A2 > 0':>7} "
      f"{'max A3':>7} {ml.t('lesson.loss', LANG):>7}")
for init, params in starts.items():
    A3, cache = ml.forward(params, X_train)
    stds = [cache[f"Z{l}"].std() for l in (1, 2, 3)]
    alive = [(cache[f"Z{l}"] > 0).mean() for l in (1, 2)]
    print(ml.fmt("{init!r:8} {s1:7.2f} {s2:7.2f} {s3:7.2f} {a1:7.0%} {a2:7.0%} {top:7.0%} {loss:7.2f}", LANG,
                 init=init, s1=stds[0], s2=stds[1], s3=stds[2], a1=alive[0], a2=alive[1],
                 top=A3.max(axis=0).mean(), loss=ml.cross_entropy(A3, y_train)))

# %% [markdown]
# Mit gleichverteilten Anfangsgewichten (±0,5) wächst die Streuung von $Z$ von Schicht zu Schicht, die Ausgabe
# ist fast One-Hot und der Verlust liegt weit über 2,3: Das Netz startet *selbstsicher falsch*, und seine
# ersten Schritte gehen dafür drauf, das wieder geradezubiegen. He hält jede Schicht auf derselben
# Größenordnung. Drei Epochen Training von beiden Startpunkten aus:

# %%
for init, params in starts.items():
    history = ml.train(params, X_train, y_train, learning_rate=0.1, n_epochs=3, batch_size=64,
                       rng=np.random.default_rng(2))
    print(f"{init!r:8}", ml.t("lesson.loss_val", LANG, loss=np.round(history.loss, 2),
                              val=ml.accuracy(y_val, ml.predict(params, X_val))))

# %% [markdown]
# ## Tiefer – und ReLU gegen Sigmoid
#
# Unser Netz hat bisher eine verdeckte Schicht mit 10 Neuronen. Ein **breiteres und tieferes** Netz,
# 784-128-64-10, hat zwei verdeckte Schichten mit viel mehr Neuronen und kann so einfache Striche zu
# komplexeren Formen kombinieren.
#
# Welche Aktivierungsfunktion sollen die verdeckten Schichten verwenden? Die Sigmoid-Funktion war lange die
# klassische Wahl. Ihre Ableitung ist höchstens 0,25, und die Fehlerrückführung multipliziert pro Schicht
# einen solchen Faktor – in einem tieferen Netz schrumpfen die Gradienten der ersten Schichten also
# (*verschwindende Gradienten*, vanishing gradients), und diese lernen langsam. Die Ableitung der ReLU ist 1,
# wo immer das Neuron aktiv ist. Gleiches Netz, gleiche Daten, gleicher Startwert, gleiche Lernrate; die
# Sigmoid-Funktion bekommt die Xavier-Initialisierung, die eigens dafür entwickelt wurde:

# %%
deep = {}
for activation, init in (("relu", "he"), ("sigmoid", "xavier")):
    params = ml.init_params(sizes, rng=np.random.default_rng(1), init=init)
    history = ml.train(params, X_train, y_train, learning_rate=0.1, n_epochs=10, batch_size=64,
                       rng=np.random.default_rng(2), X_val=X_val, y_val=y_val, activation=activation)
    deep[activation] = params, history
    print(f"{activation!r:10}", ml.t("lesson.train_val", LANG, train=history.accuracy[-1],
                                     val=history.val_accuracy[-1]))

# %% [markdown]
# ## Ein Lernraten-Zeitplan
#
# Große Schritte helfen am Anfang, solange die Gewichte noch weit von guten Werten entfernt sind; später
# lassen sie das Netz um das Minimum herumspringen, statt sich darin niederzulassen. Ein
# **Lernraten-Zeitplan** (learning-rate schedule) beginnt groß und wird kleiner. Der einfachste ist der
# *stufenweise Abfall* (step decay): Multipliziere die Lernrate alle `drop_every` Epochen mit `factor`.

# %%
def step_decay(initial, drop_every, factor=0.1):
    return lambda epoch: initial * factor ** ((epoch - 1) // drop_every)  # Epochen zählen ab 1


# %%
for epoch in range(1, 31):
    assert step_decay(0.2, 5, 0.1)(epoch) == ml.step_decay(0.2, 5, 0.1)(epoch)
print([round(step_decay(0.2, 5, 0.1)(epoch), 6) for epoch in range(1, 11)])

# %% [markdown]
# Noch einmal das tiefe ReLU-Netz, jetzt mit Lernrate 0,2 in den Epochen 1–5 und 0,02 in den Epochen 6–10
# (`schedule=` ersetzt `learning_rate=`). Vergleiche die Validierungsgenauigkeit nach jeder Epoche mit der
# konstanten Lernrate von oben: Die Kurve mit Zeitplan sollte höher und ruhiger enden.

# %%
params_deep = ml.init_params(sizes, rng=np.random.default_rng(1))
history_deep = ml.train(params_deep, X_train, y_train, schedule=ml.step_decay(0.2, 5, 0.1), n_epochs=10,
                        batch_size=64, rng=np.random.default_rng(2), X_val=X_val, y_val=y_val)
print(f"{'learning_rate':16}", np.round(history_deep.learning_rate[1:], 3))
print(f"{ml.t('lesson.constant', LANG):16}", " ".join(f"{a:.0%}" for a in deep["relu"][1].val_accuracy[1:]))
print(f"{ml.t('lesson.schedule', LANG):16}", " ".join(f"{a:.0%}" for a in history_deep.val_accuracy[1:]))

# %% [markdown]
# ## Das Original, das reparierte und das tiefe Netz
#
# Zeit für den direkten Vergleich, auf denselben 2.000 Bildern und mit demselben Startwert:
#
# - **das Original** (`ml.origin.gradient_descent`): 784-10-10, gleichverteilt ±0,5, Biases, die sich
#   gemeinsam bewegen, voller Stapel, $\alpha = 0{,}1$, 100 Iterationen – also 100 Durchläufe durch die
#   Daten;
# - **das reparierte Netz** (`ml.train`): 784-10-10, He-Initialisierung, Mini-Batches zu 64,
#   $\alpha = 0{,}1$, 10 Epochen;
# - **das tiefe Netz**: 784-128-64-10 mit allem aus dieser Lektion – der Lauf von eben.
#
# (Das Original rechnet in float64, so wie es seine CSV-Datei eingelesen hat; wir geben ihm die Bilder
# ebenfalls als float64.)

# %%
accuracy_origin = []  # das Original meldet alle 10 Iterationen seine Trainingsgenauigkeit
start = time.perf_counter()
W1, b1, W2, b2 = ml.origin.gradient_descent(X_train.astype(np.float64), y_train, 0.1, 100,
                                            np.random.default_rng(1),
                                            callback=lambda i, acc: accuracy_origin.append(acc))
seconds_origin = time.perf_counter() - start


def predict_origin(X):
    return ml.origin.get_predictions(ml.origin.forward_prop(W1, b1, W2, b2, X)[3])


params_fixed = ml.init_params([784, 10, 10], rng=np.random.default_rng(1))
history_fixed = ml.train(params_fixed, X_train, y_train, learning_rate=0.1, n_epochs=10, batch_size=64,
                         rng=np.random.default_rng(2))

# %%
rows = [("ml.origin 784-10-10", 10 * 784 + 10 + 10 * 10 + 10, 100, 100, seconds_origin,
         predict_origin(X_train), predict_origin(X_val))]
for name, params, history in (("ml.train 784-10-10", params_fixed, history_fixed),
                              ("ml.train 784-128-64-10", params_deep, history_deep)):
    steps = 10 * math.ceil(n_train / 64)  # 10 Epochen mit Stapeln zu 64
    rows.append((name, sum(p.size for p in params.values()), history.epoch[-1], steps, sum(history.seconds),
                 ml.predict(params, X_train), ml.predict(params, X_val)))
header = ml.t("lesson.compare_header", LANG).split()
print(f"{'':24} {header[0]:>9} {header[1]:>8} {header[2]:>9} {header[3]:>6} {header[4]:>8} {header[5]:>7}")
for name, n_params, epochs, steps, seconds, pred_train, pred_val in rows:
    print(ml.fmt("{name:24} {n:9,} {epochs:8} {steps:9} {s:6.2f} {train:8.1%} {val:7.1%}", LANG, name=name,
                 n=n_params, epochs=epochs, steps=steps, s=seconds, train=ml.accuracy(y_train, pred_train),
                 val=ml.accuracy(y_val, pred_val)))

# %% [markdown]
# In der Tabelle: „Parameter“ ist die Anzahl der Parameter, „Epochen“ die Durchläufe durch die Daten,
# „Schritte“ die Gradientenschritte, „s“ die Sekunden. Das Diagramm zeigt die Trainingsgenauigkeit aller drei pro
# Durchlauf (bei den Mini-Batch-Läufen ist es der Mittelwert über die Stapel einer Epoche):

# %%
figure = ml.charts.accuracy_curve({"epoch": list(range(0, 100, 10)), "accuracy": accuracy_origin}, lang=LANG)
figure.data[0].name = rows[0][0]
for (name, *_), history, colour in ((rows[1], history_fixed, "orange"), (rows[2], history_deep, "green")):
    trace = ml.charts.accuracy_curve(history, lang=LANG).data[0]
    figure.add_trace(trace.update(name=name, line_color=ml.charts.OKABE_ITO[colour]))
figure

# %% [markdown]
# Lies Tabelle und Diagramm zusammen:
#
# - Das reparierte Netz 784-10-10 hat genau so viele Parameter wie das Original, liegt aber nach 10
#   Durchläufen meist weit vor dem Original nach 100: Viele kleine Schritte pro Durchlauf schlagen einen
#   exakten, und ein vernünftiger Start spart die ersten Epochen. (Das Original-Tutorial trainiert 500
#   Iterationen für sein Ergebnis.)
# - Das tiefe Netz hat mehr als zehnmal so viele Parameter und nutzt sie. Mit nur 2.000 Trainingsbildern
#   kann es sich aber auch stärker überanpassen: Vergleiche den Abstand zwischen seiner Trainings- und
#   Validierungsgenauigkeit mit dem des kleinen Netzes.
# - Die Sekunden hängen von deinem Rechner ab – und davon, was er gerade sonst noch tut.

# %% [markdown]
# ## Ein Modell speichern und laden
#
# Training kostet Zeit; ein trainiertes Netz besteht nur aus seinen Arrays `W1, b1, W2, …`.
# `ml.save_model` schreibt sie (samt ein paar Angaben über das Netz) in eine einzige `.npz`-Datei;
# `ml.load_model` liest sie wieder ein. Wir schreiben in einen temporären Ordner, der danach gelöscht
# wird – für deine eigene Arbeit wählst du einen echten Pfad.

# %%
with tempfile.TemporaryDirectory() as folder:
    path = ml.save_model(Path(folder) / "deep.npz", params_deep, meta={"epochs": history_deep.epoch[-1]})
    print(ml.t("lesson.file_size", LANG, name=path.name, size=path.stat().st_size))
    params_loaded, meta = ml.load_model(path)
print(meta)

# %%
for name in params_deep:
    np.testing.assert_array_equal(params_loaded[name], params_deep[name])
np.testing.assert_array_equal(ml.predict(params_loaded, X_val), ml.predict(params_deep, X_val))

# %% [markdown]
# ## Probiere es selbst
#
# Das Trainings-Panel aus Lektion 06 kann alles aus dieser Lektion: Wähle das Experiment *tiefer:
# 784-128-64-10* oder *das Original*, ändere die Stapelgröße, die Initialisierung, die
# Aktivierungsfunktion und drücke **Trainieren**. Gleicher Startwert und gleiche Einstellungen ergeben
# immer dasselbe Ergebnis.

# %%
ml.training_panel(X_train, y_train, X_val, y_val, lang=LANG, preset="deep_128_64")

# %% [markdown]
# ## Aufgaben
#
# **Aufgabe 1.** Schreibe eine Funktion `n_params(layer_sizes)`, die die Anzahl der Parameter (alle
# Gewichte und Biases) eines Netzes mit den angegebenen Schichtgrößen zurückgibt, z. B.
# `n_params([784, 128, 64, 10])`.

# %%
def n_params(layer_sizes):
    ...  # dein Code


answer = ...  # wenn deine Funktion fertig ist: answer = n_params
ml.check("08.n_params", answer, lang=LANG)

# %% [markdown]
# **Aufgabe 2 · Eine Epoche mit Mini-Batches, selbst geschrieben.** Schreibe `my_epoch(params, X, y,
# learning_rate, batch_size, rng)`: Mische mit `order = rng.permutation(m)` (wie `ml.train`), dann für jeden
# Stapel aus `batch_size` Spalten von `order` – der letzte darf kleiner sein – eine Vorwärtsrechnung, eine
# Fehlerrückführung und ein Update jedes Parameters. Gib `params` zurück. Die Prüfung vergleicht deine
# Parameter nach einer Epoche mit `ml.train(..., n_epochs=1, batch_size=..., rng=...)` aus demselben Seed und
# kennt den Global-m-Fehler.

# %%
def my_epoch(params, X, y, learning_rate, batch_size, rng):
    ...  # order = rng.permutation(y.size); für jeden Stapel: vorwärts, rückwärts, Update; return params


answer = ...  # wenn my_epoch fertig ist: answer = my_epoch
ml.check("08.minibatch_epoch", answer, lang=LANG)

# %% [markdown]
# **Aufgabe 3.** Wie groß ist bei der He-Initialisierung die Standardabweichung der Gewichte in `W2` des
# Netzes 784-128-64-10?

# %%
answer = ...
ml.check("08.he_std", answer, lang=LANG)

# %% [markdown]
# ## Zusammenfassung
#
# - **Mini-Batches**: in jeder Epoche neu mischen, ein Schritt pro Stapel aus `batch_size` Bildern,
#   $\lceil n_{\text{train}} / B \rceil$ Schritte pro Epoche. Der Gradient ist ein Mittelwert über *den
#   Stapel*: Das globale `m` des Originals ließ jeden Mini-Batch-Schritt auf $B / M$ seiner Größe schrumpfen.
# - Die **He-Initialisierung** $\mathcal{N}(0, 2 / n_{l-1})$ hält jede Schicht auf derselben
#   Größenordnung; mit gleichverteilten ±0,5 startet ein tieferes Netz selbstsicher falsch.
# - **Tiefere** Netze (784-128-64-10) lernen mehr; die **ReLU** hält die Gradienten am Leben, wo sie bei der
#   Sigmoid-Funktion verschwinden; ein **Lernraten-Zeitplan** macht erst große und am Ende kleine Schritte.
# - `ml.save_model` / `ml.load_model` speichern ein trainiertes Netz in einer einzigen `.npz`-Datei.
#
# Als Nächstes: Zeichne deine eigenen Ziffern und lass das Netz sie lesen:
# [09 · Deine eigene Handschrift](09_handwriting.ipynb)

# %% [markdown]
# ## Lösungen
#
# Jede Zelle prüft eine Lösung (und schlüge fehl, wäre sie falsch).

# %%
def n_params_solution(layer_sizes):
    pairs = zip(layer_sizes[:-1], layer_sizes[1:], strict=True)
    return sum(n_in * n_out + n_out for n_in, n_out in pairs)  # W: n_out x n_in, b: n_out


assert n_params_solution([784, 128, 64, 10]) == sum(p.size for p in params_deep.values())
assert ml.check("08.n_params", n_params_solution, lang=LANG)

# %%
def minibatch_epoch(params, X, y, learning_rate, batch_size, rng):  # Aufgabe 2: eine Epoche wie in ml.train
    order = rng.permutation(y.size)
    for first in range(0, y.size, batch_size):
        batch = order[first:first + batch_size]  # der letzte Stapel darf kleiner sein
        _, cache = ml.forward(params, X[:, batch])
        for name, gradient in ml.backward(params, cache, y[batch]).items():  # Mittelwert über *diesen* Stapel
            params[name[1:]] -= learning_rate * gradient
    return params


assert ml.check("08.minibatch_epoch", minibatch_epoch, lang=LANG)

# %%
assert ml.check("08.he_std", np.sqrt(2 / 128), lang=LANG)  # fan_in von W2 = 128
