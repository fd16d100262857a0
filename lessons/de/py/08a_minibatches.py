# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 08a · Besser trainieren: Mini-Batches
#
# **In dieser Lektion**
# - trainierst du mit **Mini-Batches** statt mit dem ganzen Datensatz pro Schritt – und findest den
#   **Fehler mit dem globalen `m`** im Original, durch den Mini-Batch-Schritte um ein Vielhundertfaches zu
#   klein werden,
# - fügst du einen **Lernraten-Zeitplan** hinzu: erst große, am Ende kleine Schritte – und vergleichst ihn
#   mit konstanten Lernraten, wobei du immer nur eine Sache änderst,
# - schreibst du **eine Epoche Mini-Batch-Training** selbst.
#
# In Lektion 08b wird das Netz dann tiefer.
#
# ⏱ etwa 40 Minuten, mit den Aufgaben

# %%
import math

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
    if np.linalg.norm(g_right) > 0:  # das skalare db2 des Originals ist 0: jede Spalte von A2 - Y hat die Summe 0
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
# Vier Läufe unseres Netzes 784-10-10, je 10 Epochen mit Mini-Batches zu 64, alle mit denselben
# Anfangsgewichten (`ml.init_params` wählt sie; wie, sehen wir in Lektion 08b). Die ersten drei mischen die
# Stapel gleich und unterscheiden sich nur in der Lernrate (`schedule=` ersetzt `learning_rate=`):
#
# - konstant 0,2,
# - der Zeitplan: 0,2 in den Epochen 1–5, danach 0,02 in den Epochen 6–10,
# - konstant 0,02,
# - und noch einmal konstant 0,2, mit einer anderen Mischung der Stapel (Seed 3 statt 2).
#
# Der Zeitplan unterscheidet sich also von jedem konstanten Lauf in **einer** Hälfte des Trainings: von 0,2
# nur in den Epochen 6–10, von 0,02 nur in den Epochen 1–5. Die Tabelle zeigt die Validierungsgenauigkeit
# nach jeder Epoche, dann den Mittelwert („Mittel“) und die Spanne (größter minus kleinster Wert) über die
# letzten fünf Epochen.

# %%
settings = [  # (Name, Lernrate oder Zeitplan, Seed der Mischung)
    (ml.fmt("{a}", LANG, a=0.2), {"learning_rate": 0.2}, 2),
    (ml.fmt("{a} -> {b}", LANG, a=0.2, b=0.02), {"schedule": ml.step_decay(0.2, 5, 0.1)}, 2),
    (ml.fmt("{a}", LANG, a=0.02), {"learning_rate": 0.02}, 2),
    (ml.t("lesson.seed_run", LANG, rate=0.2, seed=3), {"learning_rate": 0.2}, 3),
]
runs = []
for _, rate, seed in settings:
    params = ml.init_params([784, 10, 10], rng=np.random.default_rng(1))
    runs.append(ml.train(params, X_train, y_train, n_epochs=10, batch_size=64, rng=np.random.default_rng(seed),
                         X_val=X_val, y_val=y_val, **rate))
print(f"{'learning_rate':13}" + "".join(f"{epoch:>5}" for epoch in range(1, 11))
      + f"{ml.t('lesson.mean', LANG):>7}{ml.t('lesson.spread', LANG):>8}")
for (label, _, _), history in zip(settings, runs, strict=True):
    last5 = np.array(history.val_accuracy[6:])  # Epochen 6-10
    print(f"{label:13}" + "".join(ml.fmt("{a:5.0%}", LANG, a=a) for a in history.val_accuracy[1:])
          + ml.fmt("{mean:7.1%}{spread:8.1%}", LANG, mean=last5.mean(), spread=np.ptp(last5)))
assert runs[1].val_accuracy[:6] == runs[0].val_accuracy[:6]  # Epochen 0-5: derselbe Lauf
print(ml.fmt("1 / {n} = {one:.1%}", LANG, n=y_val.size, one=1 / y_val.size))

# %% [markdown]
# So liest du die Tabelle:
#
# - **Zeitplan gegen konstant 0,2.** Die Epochen 1–5 sind genau derselbe Lauf (die Zelle prüft das mit
#   `assert`); nur die Epochen 6–10 unterscheiden sich. Dort macht der Zeitplan zehnmal kleinere Schritte:
#   Vergleiche die Spanne der letzten fünf Epochen – je kleiner sie ist, desto weniger springt das Netz
#   noch hin und her.
# - **Zeitplan gegen konstant 0,02.** In den Epochen 6–10 ist die Lernrate gleich; nur der Anfang ist
#   verschieden. Vergleiche die ersten Spalten: Wie weit liegt 0,02 von Anfang an nach einer Epoche zurück,
#   und hat es bis Epoche 10 aufgeholt?
# - **Wie groß ist ein Unterschied?** Der letzte Lauf unterscheidet sich vom ersten nur in der Reihenfolge
#   der Stapel – der Unterschied zwischen diesen beiden Zeilen ist das, was der Zufall allein bewirkt. Ein
#   Unterschied zwischen anderen Zeilen, der nicht deutlich größer ist, sagt nichts. (Ein Validierungsbild
#   ist so viel wert wie der Prozentwert in der letzten Zeile.)

# %% [markdown]
# ## Aufgaben
#
# **Aufgabe 1 · Der Global-m-Fehler als Lernrate.** Eine Kollegin trainiert mit Mini-Batches zu 32 Bildern
# und der Lernrate 0,5. Ihr Code teilt – wie das Original – jeden Gradienten durch die Größe ihrer gesamten
# Trainingsdaten, 2.000, statt durch die des Stapels. Welche Lernrate bräuchte ein korrektes `ml.train`, um
# genau dieselben Schritte zu machen wie ihr Code?

# %%
answer = ...
ml.check("08.global_m_rate", answer, lang=LANG)

# %% [markdown]
# **Aufgabe 2 · Eine Epoche mit Mini-Batches, selbst geschrieben.** Schreibe `my_epoch(params, X, y,
# learning_rate, batch_size, rng)`: Mische mit `order = rng.permutation(y.size)` (wie `ml.train`), dann für jeden Stapel aus
# `batch_size` Spalten von `order` – der letzte darf kleiner sein – eine Vorwärtsrechnung, eine
# Fehlerrückführung und ein Update jedes Parameters. Gib `params` zurück. Die Prüfung vergleicht deine
# Parameter nach einer Epoche mit `ml.train(..., n_epochs=1, batch_size=..., rng=...)` aus demselben Seed und
# kennt den Global-m-Fehler.

# %%
def my_epoch(params, X, y, learning_rate, batch_size, rng):
    ...  # order = rng.permutation(y.size); für jeden Stapel: vorwärts, rückwärts, Update; return params


answer = ...  # wenn my_epoch fertig ist: answer = my_epoch
ml.check("08.minibatch_epoch", answer, lang=LANG)

# %% [markdown]
# ## Zusammenfassung
#
# - **Mini-Batches**: in jeder Epoche neu mischen, ein Schritt pro Stapel aus `batch_size` Bildern,
#   $\lceil n_{\text{train}} / B \rceil$ Schritte pro Epoche. Der Gradient ist ein Mittelwert über *den
#   Stapel*: Das globale `m` des Originals ließ jeden Mini-Batch-Schritt auf $B / M$ seiner Größe schrumpfen.
# - Ein **Lernraten-Zeitplan** macht erst große und am Ende kleine Schritte. Vergleiche Läufe, die sich nur
#   in einer Sache unterscheiden, und miss einen Unterschied daran, was ein Validierungsbild wert ist.
#
# Als Nächstes: tiefere Netze – wie man die Anfangsgewichte wählt und warum Gradienten verschwinden:
# [08b · Tiefere Netze](08b_deeper.ipynb)

# %% [markdown]
# ## Lösungen
#
# Jede Zelle prüft eine Lösung (und schlüge fehl, wäre sie falsch).

# %%
assert ml.check("08.global_m_rate", 0.5 * 32 / 2000, lang=LANG)  # ihre Gradienten sind 32 / 2000 der richtigen

# %%
def minibatch_epoch(params, X, y, learning_rate, batch_size, rng):  # eine Epoche wie in ml.train
    order = rng.permutation(y.size)
    for first in range(0, y.size, batch_size):
        batch = order[first:first + batch_size]  # der letzte Stapel darf kleiner sein
        _, cache = ml.forward(params, X[:, batch])
        for name, gradient in ml.backward(params, cache, y[batch]).items():  # Mittelwert über *diesen* Stapel
            params[name[1:]] -= learning_rate * gradient
    return params


assert ml.check("08.minibatch_epoch", minibatch_epoch, lang=LANG)
