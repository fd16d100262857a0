# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 08b · Tiefere Netze: Anfangsgewichte und verschwindende Gradienten
#
# **In dieser Lektion**
# - siehst du, warum die Größe der **Anfangsgewichte** von der Schicht abhängen muss: die
#   **Xavier-(Glorot-)** und die **He-Initialisierung**, was jede über die Aktivierungsfunktion annimmt und
#   warum die ReLU einen Faktor 2 braucht,
# - **misst** du **verschwindende Gradienten** (vanishing gradients): die Größe des Gradienten
#   $\|dW^{[l]}\|$ jeder Schicht in einem Netz mit acht Schichten, mit Sigmoid und mit ReLU,
# - machst du das Netz **tiefer** (784-128-64-10) und gehst vom Original zum tiefen Netz, **eine Änderung
#   nach der anderen**,
# - **speicherst** du ein trainiertes Netz in einer Datei und **lädst** es wieder.
#
# ⏱ etwa 45 Minuten, mit den Aufgaben

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
# Dieselben Daten wie in Lektion 08a: 2.000 Trainingsbilder und 500 weitere als Validierungsdaten, an denen
# wir vergleichen. Die Testdaten bleiben unter Verschluss.

# %%
X_pool, y_pool = ml.load_mnist("train", n=2500, lang=LANG)
X_train, y_train, X_val, y_val = ml.train_val_split(X_pool, y_pool, 500, np.random.default_rng(1))
n_train = y_train.size  # Anzahl der Trainingsbilder; m bleibt die Stapelgröße
print("X_train:", X_train.shape, " X_val:", X_val.shape)

# %% [markdown]
# ## Wie groß sollen die Anfangsgewichte sein?
#
# Das Original zieht jedes Gewicht gleichverteilt aus $[-0{,}5; 0{,}5)$, egal wie groß die Schicht ist. Ein
# Neuron addiert aber $n_{l-1}$ Produkte $w_p a_p$, eines pro Eingabe: Je mehr Eingaben, desto größer $z$.
# Haben die Gewichte den Mittelwert 0 und sind sie unabhängig von den Eingaben, dann gilt
#
# $$\operatorname{Var}\big(z^{[l]}\big) = n_{l-1} \cdot \operatorname{Var}(w) \cdot
# \mathbb{E}\big[(a^{[l-1]})^2\big].$$
#
# Damit $z$ von Schicht zu Schicht gleich groß bleibt, wählt man $\operatorname{Var}(w)$ so, dass die rechte
# Seite gleich der Varianz der Schicht davor ist. Was $\mathbb{E}[a^2]$ ist, hängt von der
# Aktivierungsfunktion ab:
#
# - **Xavier / Glorot** (Glorot und Bengio, 2010) nehmen eine Aktivierung an, die **symmetrisch um 0 ist und
#   dort die Steigung $f'(0) = 1$ hat**, wie $\tanh$: Nahe 0 gibt sie $z$ unverändert weiter, $a \approx z$,
#   also $\mathbb{E}[a^2] \approx \operatorname{Var}(z)$ und $\operatorname{Var}(w) = 1 / n_{l-1}$. Dieselbe
#   Überlegung für die Rückwärtsrechnung ergibt $1 / n_l$; Glorots Kompromiss zwischen beiden ist
#   $\operatorname{Var}(w) = 2 / (n_{l-1} + n_l)$ – das zieht `ml.init_params(..., init="xavier")`.
# - **He** (Kaiming He u. a., 2015) für die **ReLU**: Die ReLU setzt die negative Hälfte der $z$ auf 0, also
#   ist $\mathbb{E}[a^2] = \operatorname{Var}(z) / 2$. Um diese Hälfte auszugleichen, verdoppelt sich die
#   Varianz: $\operatorname{Var}(w) = 2 / n_{l-1}$.
# - Die **logistische Sigmoid-Funktion** passt zu keiner der beiden Annahmen: $\sigma(0) = 1/2$, nicht 0,
#   und ihre Steigung dort ist nur $1/4$. Xavier wird oft „die Initialisierung für Sigmoid“ genannt, aber
#   ihre Annahme beschreibt $\tanh$:
#
# $$W^{[l]} \sim \mathcal{N}\left(0, \frac{2}{n_{l-1} + n_l}\right) \text{ (Xavier)}, \qquad
# W^{[l]} \sim \mathcal{N}\left(0, \frac{2}{n_{l-1}}\right) \text{ (He)}, \qquad b^{[l]} = 0$$

# %%
z = np.array([0.0])
print("sigmoid(0) =", ml.sigmoid(z), "  sigmoid'(0) =", ml.sigmoid_prime(z))
print("tanh(0) =", np.tanh(z), "  tanh'(0) =", 1 - np.tanh(z) ** 2)

# %% [markdown]
# Die He-Initialisierung, ausgeschrieben – und geprüft gegen `ml.init_params`, das aus demselben Startwert
# (seed) dieselben Zahlen zieht:

# %%
def init_he(layer_sizes, rng):
    params = {}
    for l in range(1, len(layer_sizes)):
        n_in, n_out = layer_sizes[l - 1], layer_sizes[l]
        std = np.sqrt(2 / n_in)  # He: Varianz 2 / (Anzahl der Eingaben)
        params[f"W{l}"] = (rng.standard_normal((n_out, n_in)) * std).astype(np.float32)
        params[f"b{l}"] = np.zeros((n_out, 1), dtype=np.float32)
    return params


sizes = [784, 128, 64, 10]
he_inline = init_he(sizes, np.random.default_rng(1))
he_ml = ml.init_params(sizes, rng=np.random.default_rng(1), init="he")
for name in he_ml:
    np.testing.assert_array_equal(he_inline[name], he_ml[name])
print({name: value.shape for name, value in he_ml.items()})

# %% [markdown]
# Jetzt das Netz 784-128-64-10 mit ReLU, von drei Startarten aus, auf denselben Bildern: die
# Standardabweichung von $Z$ in jeder Schicht, der Anteil der verdeckten Neuronen, die die ReLU durchlässt,
# der Mittelwert der größten Ausgabewahrscheinlichkeit (`max A3`) und der Verlust. Ein Netz, das nichts weiß,
# sollte für jede Ziffer etwa 10 % antworten, mit einem Verlust von $\ln 10 \approx 2{,}3$.

# %%
starts = {init: ml.init_params(sizes, rng=np.random.default_rng(1), init=init)
          for init in ("uniform", "xavier", "he")}
print(f"{ml.t('lesson.init_header', LANG):9} {'Z1.std':>7} {'Z2.std':>7} {'Z3.std':>7} {'A1 > 0':>7} {'A2 > 0':>7} "
      f"{'max A3':>7} {ml.t('lesson.loss', LANG):>7}")
for init, params in starts.items():
    A3, cache = ml.forward(params, X_train)
    stds = [cache[f"Z{l}"].std() for l in (1, 2, 3)]
    alive = [(cache[f"Z{l}"] > 0).mean() for l in (1, 2)]
    print(ml.fmt("{init!r:9} {s1:7.2f} {s2:7.2f} {s3:7.2f} {a1:7.0%} {a2:7.0%} {top:7.0%} {loss:7.2f}", LANG,
                 init=init, s1=stds[0], s2=stds[1], s3=stds[2], a1=alive[0], a2=alive[1],
                 top=A3.max(axis=0).mean(), loss=ml.cross_entropy(A3, y_train)))

# %% [markdown]
# Mit gleichverteilten Anfangsgewichten (±0,5) wächst die Streuung von $Z$ von Schicht zu Schicht, die
# Ausgabe ist fast One-Hot und der Verlust liegt weit über 2,3: Das Netz startet *selbstsicher falsch*. He
# hält `Z1.std`, `Z2.std` und `Z3.std` auf einer Größenordnung. Die Varianz von Xavier ist in jeder Schicht
# kleiner als die von He ($2 / (n_{l-1} + n_l) < 2 / n_{l-1}$), deshalb schrumpfen ihre $Z$ mit der ReLU
# von Schicht zu Schicht (vergleiche ihr `Z1.std` mit ihrem `Z3.std`). In einem tieferen Netz summiert
# sich das – der nächste Abschnitt misst es.

# %% [markdown]
# ## Verschwindende Gradienten, gemessen
#
# Die Fehlerrückführung (backpropagation) läuft von der letzten Schicht zur ersten, und jede Schicht
# multipliziert das Fehlersignal mit zwei Faktoren (Lektion 05):
#
# $$dZ^{[l-1]} = \big(W^{[l]\top} dZ^{[l]}\big) \odot f'\big(Z^{[l-1]}\big)$$
#
# Machen die beiden es zusammen in jeder Schicht kleiner, bekommen die ersten Schichten fast keinen
# Gradienten und lernen kaum: Die Gradienten **verschwinden**. Messen wir es, statt es zu glauben. Ein Netz
# mit acht Schichten, 784-64-64-64-64-64-64-64-10, in drei Varianten, die sich jeweils in einer Sache
# unterscheiden: Sigmoid mit Xavier, ReLU mit Xavier (nur die Aktivierung geändert), ReLU mit He (nur der
# Start geändert). Je eine Vorwärts- und eine Rückwärtsrechnung auf 500 Trainingsbildern und die Größe
# (Norm) des Gradienten $\|dW^{[l]}\|$ jeder Schicht:

# %%
deep_sizes = [784] + [64] * 7 + [10]
versions = {"sigmoid, xavier": ("sigmoid", "xavier"), "relu, xavier": ("relu", "xavier"),
            "relu, he": ("relu", "he")}
norms, slopes = {}, {}
for name, (activation, init) in versions.items():
    params = ml.init_params(deep_sizes, rng=np.random.default_rng(1), init=init)
    _, cache = ml.forward(params, X_train[:, :500], activation=activation)
    grads = ml.backward(params, cache, y_train[:500])
    norms[name] = [float(np.linalg.norm(grads[f"dW{l}"])) for l in range(1, 9)]
    g_prime = ml.sigmoid_prime if activation == "sigmoid" else ml.relu_prime
    slopes[name] = [float(g_prime(cache[f"Z{l}"]).mean()) for l in range(1, 8)]  # f'(Z) gemittelt, je Schicht

print(f"{'l':>2}" + "".join(f"{name:>17}" for name in norms))
for l in range(1, 9):
    print(f"{l:>2}" + "".join(ml.fmt("{v:17.1e}", LANG, v=values[l - 1]) for values in norms.values()))
print(ml.fmt("‖dW1‖ / ‖dW8‖:  sigmoid, xavier {s:.1e}   relu, he {r:.1f}", LANG,
             s=norms["sigmoid, xavier"][0] / norms["sigmoid, xavier"][7],
             r=norms["relu, he"][0] / norms["relu, he"][7]))

# %%
ml.charts.layer_gradient_norms(norms, lang=LANG)

# %%
assert norms["sigmoid, xavier"][0] < 0.01 * norms["sigmoid, xavier"][7]  # verschwunden: Schicht 1 bekommt < 1 %
assert norms["relu, he"][0] > 0.5 * norms["relu, he"][7]  # ReLU mit He: Schicht 1 bekommt so viel wie Schicht 8

# %% [markdown]
# Lies das Diagramm von rechts (der Ausgabe) nach links (der Eingabe):
#
# - **sigmoid**: Jede Schicht in Richtung Eingabe bekommt einen kleineren Gradienten, jedes Mal um einen
#   ähnlichen Faktor; die erste Schicht bekommt nur einen winzigen Bruchteil dessen, was die letzte bekommt
#   (oben ausgegeben). Warum? Die mittlere Steigung $\sigma'(Z)$ liegt in jeder verdeckten Schicht unter
#   $1/4$, nie darüber (unten ausgegeben), und Xaviers $W^\top$ gleicht das nicht aus – Xaviers Formel hat
#   die Steigung 1 angenommen.
# - **relu, xavier**: Die Steigung ist bei etwa der Hälfte der Neuronen 1 und beim Rest 0 – wieder die
#   fehlende Hälfte. Mit Xaviers kleineren Gewichten schrumpft das Signal in beide Richtungen, und alle
#   Gradienten sind klein.
# - **relu, he**: Die 2 in der Formel von He gleicht die Hälfte aus, die die ReLU auf 0 setzt, und der
#   Gradient behält seine Größe durch alle acht Schichten (Schicht 1 weicht ab, weil ihre Gewichtsmatrix
#   784 Spalten hat, nicht 64).

# %%
print(f"{'l':>2}" + "".join(f"{name:>17}" for name in slopes) + "   " + ml.t("lesson.mean_slope", LANG))
for l in range(1, 8):
    print(f"{l:>2}" + "".join(ml.fmt("{v:17.3f}", LANG, v=values[l - 1]) for values in slopes.values()))
assert max(slopes["sigmoid, xavier"]) <= 0.25 and slopes["relu, xavier"] == slopes["relu, he"]

# %% [markdown]
# Die beiden ReLU-Spalten sind gleich: Skaliert man alle Gewichte mit demselben Faktor, ändert sich nicht,
# welche Neuronen aktiv sind, nur wie groß die Zahlen sind. Der Unterschied zwischen den beiden im Diagramm
# ist also allein die Größenordnung der Gewichte.
#
# Spielt das fürs Lernen eine Rolle? Drei Epochen Training für das Sigmoid- und das He-ReLU-Netz, wobei die
# Gradientennormen bei jedem Schritt aufgezeichnet werden (`record_steps=True`): der Gradient der ersten
# Schicht beim ersten und beim letzten Schritt und die Validierungsgenauigkeit am Ende.

# %%
after = {}
for name in ("sigmoid, xavier", "relu, he"):
    activation, init = versions[name]
    params = ml.init_params(deep_sizes, rng=np.random.default_rng(1), init=init)
    history = ml.train(params, X_train, y_train, learning_rate=0.1, n_epochs=3, batch_size=64,
                       rng=np.random.default_rng(2), X_val=X_val, y_val=y_val, activation=activation,
                       record_steps=True)
    norm_1, norm_8 = history.steps["grad_norm"]["W1"], history.steps["grad_norm"]["W8"]
    after[name] = norm_1[-1] / norm_8[-1], history.val_accuracy[-1]
    print(ml.fmt("{name:16} ‖dW1‖: {first:.1e} -> {last:.1e}   ‖dW8‖: {last8:.1e}   ", LANG, name=name,
                 first=norm_1[0], last=norm_1[-1], last8=norm_8[-1]),
          ml.t("lesson.train_val", LANG, train=history.accuracy[-1], val=history.val_accuracy[-1]))
assert after["sigmoid, xavier"][0] < 0.01  # nach drei Epochen: Schicht 1 bekommt noch < 1 % von Schicht 8
assert after["sigmoid, xavier"][1] < 0.3 < after["relu, he"][1]  # Raten ergibt etwa 10 %

# %% [markdown]
# Nach drei Epochen bekommt die erste Schicht des Sigmoid-Netzes immer noch einen Gradienten, der nicht einmal
# 1 % so groß ist wie der seiner letzten Schicht, und seine Validierungsgenauigkeit liegt immer noch nahe an dem,
# was Raten ergibt (10 %); das ReLU-Netz mit He-Start lernt (die Zelle prüft alle drei Aussagen). Acht
# Sigmoid-Schichten sind mit Absicht ein Extremfall – mit zwei verdeckten Schichten wie unten lernt auch
# Sigmoid, nur schlechter.

# %% [markdown]
# ## Tiefer: vom Original zu 784-128-64-10, eine Änderung nach der anderen
#
# Unser Netz hat bisher eine verdeckte Schicht mit 10 Neuronen. Ein **breiteres und tieferes** Netz,
# 784-128-64-10, hat zwei verdeckte Schichten mit viel mehr Neuronen. Wie viel bringt jede Änderung dieses
# Kapitels? Ein fairer Vergleich ändert **immer nur eine Sache** – sonst wissen wir nicht, welche Änderung
# den Unterschied gemacht hat. Jede Zeile der Tabelle unterscheidet sich von der Zeile darüber in genau einer
# Sache:
#
# 1. **das Original** (`ml.origin.gradient_descent`): 784-10-10, gleichverteilt ±0,5, die Biases einer
#    Schicht bewegen sich gemeinsam (ein einziges skalares db, Lektion 05), voller Stapel, $\alpha = 0{,}1$,
#    100 Schritte = 100 Durchläufe durch die Daten;
# 2. **Biases repariert**: `ml.train` mit denselben Anfangsgewichten (die Zelle prüft das), weiter mit vollem
#    Stapel;
# 3. **He**-Start statt gleichverteilt;
# 4. **Mini-Batches** zu 64 statt des vollen Stapels – weiterhin 100 Durchläufe, also derselbe Rechenaufwand,
#    aber 32 Schritte pro Durchlauf statt einem;
# 5. **10 Durchläufe** statt 100;
# 6. **784-128-64-10** statt 784-10-10;
# 7. **Sigmoid** statt ReLU in den verdeckten Schichten (der Start bleibt He).
#
# Alle Läufe rechnen in float64, wie das Original, damit sich nicht einmal das Zahlenformat ändert.

# %%
X64, X64_val = X_train.astype(np.float64), X_val.astype(np.float64)
start = time.perf_counter()
W1, b1, W2, b2 = ml.origin.gradient_descent(X64, y_train, 0.1, 100, np.random.default_rng(1))
seconds = time.perf_counter() - start
original = ml.origin.forward_prop(W1, b1, W2, b2, X64)[3], ml.origin.forward_prop(W1, b1, W2, b2, X64_val)[3]
rows = [(10 * 784 + 10 + 10 * 10 + 10, 100, 100, seconds,
         ml.accuracy(y_train, ml.origin.get_predictions(original[0])),
         ml.accuracy(y_val, ml.origin.get_predictions(original[1])))]
uniform_start = ml.init_params([784, 10, 10], rng=np.random.default_rng(1), init="uniform", dtype=np.float64)
for name, value in zip(("W1", "b1", "W2", "b2"), ml.origin.init_params(np.random.default_rng(1)), strict=True):
    np.testing.assert_array_equal(uniform_start[name], value)  # Zeile 2 startet, wo das Original startet

settings = [  # (Schichtgrößen, Init, batch_size, Epochen, Aktivierung): Zeilen 2-7
    ([784, 10, 10], "uniform", None, 100, "relu"),
    ([784, 10, 10], "he", None, 100, "relu"),
    ([784, 10, 10], "he", 64, 100, "relu"),
    ([784, 10, 10], "he", 64, 10, "relu"),
    ([784, 128, 64, 10], "he", 64, 10, "relu"),
    ([784, 128, 64, 10], "he", 64, 10, "sigmoid"),
]
for layer_sizes, init, batch_size, n_epochs, activation in settings:
    params = ml.init_params(layer_sizes, rng=np.random.default_rng(1), init=init, dtype=np.float64)
    history = ml.train(params, X64, y_train, learning_rate=0.1, n_epochs=n_epochs, batch_size=batch_size,
                       rng=np.random.default_rng(2), activation=activation)
    steps_per_epoch = 1 if batch_size is None else math.ceil(n_train / batch_size)
    rows.append((sum(p.size for p in params.values()), n_epochs, n_epochs * steps_per_epoch,
                 sum(history.seconds), ml.accuracy(y_train, ml.predict(params, X64)),
                 ml.accuracy(y_val, ml.predict(params, X64_val))))
    if layer_sizes == [784, 128, 64, 10] and activation == "relu":
        params_deep = params  # Zeile 6: wird unten gespeichert und geladen

# %%
changes = ml.t("lesson.compare_rows", LANG).split("|")
header = ml.t("lesson.compare_header", LANG).split()
print(f"{'':27} {header[0]:>9} {header[1]:>7} {header[2]:>8} {header[3]:>5} {header[4]:>8} {header[5]:>7} "
      f"{'Δ':>6}")
gains = []
for number, (change, (n, epochs, steps, s, train, val)) in enumerate(zip(changes, rows, strict=True), start=1):
    gain = val - rows[number - 2][5] if number > 1 else 0.0
    gains.append(gain)
    print(ml.fmt("{number}. {change:24} {n:9,} {epochs:7} {steps:8} {s:5.2f} {train:8.1%} {val:7.1%} {gain:+6.1%}",
                 LANG, number=number, change=change, n=n, epochs=epochs, steps=steps, s=s, train=train, val=val,
                 gain=gain))
best = int(np.argmax(gains))
print(ml.t("lesson.largest_gain", LANG, row=best + 1, change=changes[best]))

# %% [markdown]
# „Parameter“ ist die Anzahl der Parameter, „Epochen“ die Durchläufe durch die Daten, „Schritte“ die
# Gradientenschritte, „s“ die Sekunden (sie hängen von deinem Rechner ab und davon, was er gerade sonst noch
# tut), „Δ“ die Änderung der Validierungsgenauigkeit gegenüber der Zeile darüber – was die eine Änderung
# dieser Zeile in diesem Lauf bewirkt hat. So liest du die Tabelle:
#
# - **Zeile 2 gegen Zeile 1** ist allein der Bias-Fehler: gleicher Start, gleiche Schritte, gleiche Daten.
# - **Zeile 3**: Nur der Start ist anders. Die Zelle unter der Tabelle nennt die Zeile mit dem größten
#   Gewinn.
# - **Zeile 4 gegen Zeile 3**: dieselben 100 Durchläufe und derselbe Rechenaufwand; nur die Stapelgröße ist
#   anders. Viele verrauschte Schritte gegen wenige exakte.
# - **Zeile 5**: ein Zehntel des Rechenaufwands. Ihr Δ ist das, was die 90 weggelassenen Durchläufe wert
#   waren.
# - **Zeile 6**: mehr als zehnmal so viele Parameter. Vergleiche Trainings- und Validierungsgenauigkeit der
#   Zeilen 4–6: Ein großer Abstand heißt, dass das Netz seine 2.000 Trainingsbilder besser gelernt hat als
#   Ziffern im Allgemeinen (Überanpassung, overfitting, Lektion 07).
# - **Zeile 7**: Sigmoid statt ReLU, sonst nichts geändert – zwei verdeckte Schichten, nicht acht, also
#   lernt es, aber vergleiche sein Δ.
#
# Ein Unterschied von ein paar Validierungsbildern (eines ist 0,2 % wert) kann schon aus der Reihenfolge der
# Stapel kommen (Lektion 08a hat es gemessen); trau den großen.

# %% [markdown]
# ## Ein Modell speichern und laden
#
# Training kostet Zeit; ein trainiertes Netz besteht nur aus seinen Arrays `W1, b1, W2, …`.
# `ml.save_model` schreibt sie (samt ein paar Angaben über das Netz) in eine einzige `.npz`-Datei;
# `ml.load_model` liest sie wieder ein. Wir schreiben in einen temporären Ordner, der danach gelöscht
# wird – für deine eigene Arbeit wählst du einen echten Pfad.

# %%
with tempfile.TemporaryDirectory() as folder:
    path = ml.save_model(Path(folder) / "deep.npz", params_deep, meta={"epochs": 10})
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
# Das Trainings-Panel aus Lektion 06b kann alles aus diesem Kapitel: Wähle das Experiment *tiefer:
# 784-128-64-10* oder *das Original*, ändere die Stapelgröße, die Initialisierung, die
# Aktivierungsfunktion und drücke **Trainieren**. Gleicher Startwert und gleiche Einstellungen ergeben
# immer dasselbe Ergebnis. Ändere immer nur eine Einstellung auf einmal. Wir trainieren einmal aus dem Code
# heraus, damit du einen fertigen Lauf des tiefen Netzes siehst – auch seine Gradientennormen je Schicht:

# %%
panel = ml.training_panel(X_train, y_train, X_val, y_val, lang=LANG, preset="deep_128_64")
panel.train(wait=True)  # der Knopf „Trainieren“ macht dasselbe
panel

# %%
assert not panel.history.diverged and panel.history.loss[-1] < panel.history.loss[0]
print(panel.settings_string())

# %% [markdown]
# ## Aufgaben
#
# **Aufgabe 1.** Schreibe eine Funktion `n_params(layer_sizes)`, die die Anzahl der Parameter (alle
# Gewichte und Biases) eines Netzes mit den angegebenen Schichtgrößen zurückgibt, z. B.
# `n_params([784, 128, 64, 10])`. Vergleiche mit der Spalte „Parameter“ der Tabelle oben.

# %%
def n_params(layer_sizes):
    ...  # dein Code


answer = ...  # wenn deine Funktion fertig ist: answer = n_params
ml.check("08.n_params", answer, lang=LANG)

# %% [markdown]
# **Aufgabe 2.** Wie groß ist bei der He-Initialisierung die Standardabweichung der Gewichte in `W2` des
# Netzes 784-128-64-10? (Ein gemessenes `W2.std()` zählt auch.)

# %%
answer = ...
ml.check("08.he_std", answer, lang=LANG)

# %% [markdown]
# ## Zusammenfassung
#
# - Die Anfangsgewichte müssen mit der Anzahl der Eingaben $n_{l-1}$ kleiner werden. **Xavier**
#   $\mathcal{N}(0, 2 / (n_{l-1} + n_l))$ setzt eine Aktivierung wie $\tanh$ voraus (symmetrisch,
#   Steigung 1 bei 0); **He** $\mathcal{N}(0, 2 / n_{l-1})$ verdoppelt die Varianz, weil die ReLU die
#   Hälfte der Werte auf 0 setzt. Mit gleichverteilten ±0,5 startet ein tieferes Netz selbstsicher falsch.
# - **Verschwindende Gradienten**, gemessen: In acht Sigmoid-Schichten ist der Gradient der ersten Schicht
#   ein winziger Bruchteil dessen der letzten – jede Schicht multipliziert mit einer Steigung unter 1/4. Die
#   ReLU mit He hält ihn gleich groß.
# - Vergleiche **immer nur eine Änderung**: Die Tabelle sagt, was jede Änderung in diesem Lauf bewirkt hat –
#   und nicht mehr.
# - `ml.save_model` / `ml.load_model` speichern ein trainiertes Netz in einer einzigen `.npz`-Datei.
#
# Als Nächstes: Schritte, die selbst ihren Weg durch ein schmales Tal finden:
# [08c · Impuls und Adam](08c_optimizers.ipynb)

# %% [markdown]
# ## Lösungen
#
# Jede Zelle prüft eine Lösung (und schlüge fehl, wäre sie falsch).

# %%
def n_params_solution(layer_sizes):
    pairs = zip(layer_sizes[:-1], layer_sizes[1:], strict=True)
    return sum(n_in * n_out + n_out for n_in, n_out in pairs)  # W: n_out x n_in, b: n_out


assert n_params_solution([784, 128, 64, 10]) == sum(p.size for p in params_deep.values()) == rows[5][0]
assert ml.check("08.n_params", n_params_solution, lang=LANG)

# %%
assert ml.check("08.he_std", np.sqrt(2 / 128), lang=LANG)  # fan_in von W2 = 128
