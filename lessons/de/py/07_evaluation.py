# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 07 · Auswertung: Wie gut ist das Netz wirklich?
#
# **In dieser Lektion**
# - misst du die Genauigkeit auf Bildern, die das Netz nie gesehen hat, und vergleichst sie mit der
#   Genauigkeit auf den Trainingsdaten,
# - erkennst du *Überanpassung* (overfitting) und siehst, dass mehr Daten dagegen helfen,
# - baust du eine *Konfusionsmatrix* (confusion matrix) und liest ab, welche Ziffern verwechselt werden,
# - schaust du dir die Ziffern an, bei denen das Netz danebenliegt,
# - blickst du ins Netz hinein: die Zeilen von `W1` als Bilder – worauf jedes verdeckte Neuron achtet.
#
# ⏱ etwa 45 Minuten, mit den Aufgaben

# %%
import numpy as np

import mnistlab as ml

LANG = "de"
rng = np.random.default_rng(0)

# %% [markdown]
# ## Ein Netz zum Auswerten
#
# Wir trainieren das Netz aus dem Original-Tutorial, 784 → 10 → 10, mit dem, was die früheren Lektionen
# gebaut haben: `ml.init_params` und `ml.train`. Damit es schnell geht, nehmen wir nur 1.000
# Trainingsbilder und legen 500 weitere Trainingsbilder als Validierungsdaten beiseite, wie in Lektion 06.
# Die **Testdaten** (test set) sind eigene Bilder, die das Netz beim Training nie zu sehen bekommt und nach
# denen wir nichts ausgewählt haben. Sie verraten, wie gut das Netz mit *neuer* Handschrift zurechtkommt –
# und genau darauf kommt es an. Diese Lektion öffnet sie.

# %%
X_pool, y_pool = ml.load_mnist("train", n=1500, lang=LANG)
X_train, y_train, X_val, y_val = ml.train_val_split(X_pool, y_pool, 500, np.random.default_rng(1))
X_test, y_test = ml.load_mnist("test", lang=LANG)
print("X_train:", X_train.shape, " X_test:", X_test.shape)

params = ml.init_params([784, 10, 10], rng=rng)
W1_start = params["W1"].copy()  # aufgehoben, um am Ende mit den trainierten Gewichten zu vergleichen
history = ml.train(params, X_train, y_train, learning_rate=0.1, n_epochs=30, batch_size=32, rng=rng,
                   X_val=X_val, y_val=y_val)
print(f"{history.epoch[-1] = }")

# %% [markdown]
# ## Genauigkeit
#
# Die Antwort des Netzes auf ein Bild ist die Ziffer mit der höchsten Wahrscheinlichkeit (`ml.predict`).
# Die **Genauigkeit** (accuracy) ist der Anteil der Bilder, bei denen diese Antwort mit dem richtigen
# Label übereinstimmt:
#
# $$\text{Genauigkeit} = \frac{1}{m} \sum_{i=1}^{m} [\hat y_i = y_i]$$
#
# Dabei ist $[\hat y_i = y_i]$ gleich 1 bei einer richtigen Antwort und sonst 0. In NumPy liefert der
# Vergleich zweier Label-Vektoren ein Array aus `True`/`False` – und dessen Mittelwert ist genau dieser
# Anteil:

# %% [markdown]
# ### Du bist dran · Genauigkeit
#
# Schreibe zuerst selbst `my_accuracy(y_true, y_pred)`: den Anteil der Bilder, deren Vorhersage stimmt.

# %%
def my_accuracy(y_true, y_pred):
    ...  # der Anteil richtiger Vorhersagen, zwischen 0 und 1


answer = ...  # wenn my_accuracy fertig ist: answer = my_accuracy
ml.check("07.accuracy", answer, lang=LANG)

# %%
def accuracy(y_true, y_pred):
    # Anteil der richtig vorhergesagten Labels (True zählt als 1, False als 0).
    return float(np.mean(y_true == y_pred))


y_pred_train = ml.predict(params, X_train)
y_pred = ml.predict(params, X_test)
print(ml.t("lesson.train_test", LANG, train=accuracy(y_train, y_pred_train), test=accuracy(y_test, y_pred)))

# %%
assert accuracy(y_train, y_pred_train) == ml.accuracy(y_train, y_pred_train)
assert accuracy(y_test, y_pred) == ml.accuracy(y_test, y_pred)

# %% [markdown]
# ## Trainings- gegen Testgenauigkeit: Überanpassung
#
# Vergleiche die beiden Zahlen oben: Auf den Bildern, mit denen es trainiert wurde, ist das Netz besser als
# auf neuen. Mit nur 1.000 Trainingsbildern und 30 Durchläufen hat es nicht nur gelernt, was eine 4 zur 4
# macht, sondern auch die Eigenheiten genau dieser 1.000 Bilder – ungefähr so wie jemand, der die
# Lösungen der Klausur vom letzten Jahr auswendig lernt. Das nennt man **Überanpassung** (overfitting).
# Das Diagramm zeigt, wie es dazu kommt: Die Trainingsgenauigkeit klettert immer weiter Richtung 100 %,
# während die Genauigkeit auf den 500 Validierungsbildern schon früh nicht mehr steigt.

# %%
ml.charts.accuracy_curve(history, lang=LANG)

# %% [markdown]
# Das beste Mittel dagegen sind **mehr Daten**. Unten bekommt dasselbe Netz viermal so viele
# verschiedene Bilder und gleich viele Trainingsschritte (8 Epochen mit 4.000 Bildern ≈ 30 Epochen mit
# 1.000). Vergleiche den Abstand zwischen Trainings- und Testgenauigkeit in beiden Läufen. (Die
# mitgelieferte Stichprobe hat genau 4.000 Trainingsbilder.)

# %%
X_more, y_more = ml.load_mnist("train", n=4000, lang=LANG)
params_more = ml.init_params([784, 10, 10], rng=rng)
ml.train(params_more, X_more, y_more, learning_rate=0.1, n_epochs=8, batch_size=32, rng=rng)
for p, X, y in ((params, X_train, y_train), (params_more, X_more, y_more)):
    train_acc, test_acc = ml.accuracy(y, ml.predict(p, X)), ml.accuracy(y_test, ml.predict(p, X_test))
    print(f"n_train = {y.size:>5}  ", ml.t("lesson.train_test", LANG, train=train_acc, test=test_acc), "  ",
          ml.t("lesson.gap", LANG, gap=train_acc - test_acc))

# %% [markdown]
# Daraus folgt noch etwas: **Miss ein Netz nie auf seinen Trainingsbildern.** Deren Genauigkeit ist zu
# optimistisch. Deshalb bringt MNIST eigene Testdaten mit, und deshalb *schauen* wir sie nur an – wir
# trainieren nie damit. Auch das wiederholte Ausprobieren von Einstellungen anhand der Testgenauigkeit
# würde etwas über die Testdaten verraten; deshalb wählen wir Einstellungen anhand von **Validierungsdaten**
# aus den Trainingsbildern (`ml.train_val_split`, Lektionen 06 und 08) und messen fertige Netze auf den
# Testdaten, so wie hier.

# %% [markdown]
# ## Die Konfusionsmatrix
#
# Die Genauigkeit ist eine einzige Zahl. Sie verrät nicht, bei *welchen* Ziffern es schiefgeht. Das zeigt die
# **Konfusionsmatrix** $C$ (confusion matrix): $C_{kc}$ zählt die Testbilder mit der richtigen Ziffer $k$,
# die das Netz für ein $c$ hält. Die Zeilen sind die Wahrheit, die Spalten die Vorhersage; auf der
# Diagonalen stehen die richtigen Antworten.
#
# Um sie zu füllen, zählen wir für jedes Bild `i` an der Stelle `(y_true[i], y_pred[i])` eins dazu.
# `np.add.at` erledigt das für alle Bilder auf einmal (ein einfaches `C[y_true, y_pred] += 1` würde ein
# mehrfach vorkommendes Paar nur einmal zählen):

# %% [markdown]
# ### Du bist dran · die Konfusionsmatrix
#
# Schreibe `my_confusion_matrix(y_true, y_pred)`: eine 10 × 10-Matrix von Anzahlen, Zeile = richtige Ziffer,
# Spalte = vorhergesagte.

# %%
def my_confusion_matrix(y_true, y_pred):
    ...  # eine 10 × 10-Matrix: Zeile = richtige Ziffer, Spalte = vorhergesagte


answer = ...  # wenn my_confusion_matrix fertig ist: answer = my_confusion_matrix
ml.check("07.confusion_matrix", answer, lang=LANG)

# %%
def confusion_matrix(y_true, y_pred, n_classes=10):
    # C (n_classes, n_classes): C[k, c] = Anzahl der Bilder der Klasse k, die als c erkannt wurden.
    C = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(C, (y_true, y_pred), 1)  # pro Bild +1, in Zeile y_true[i], Spalte y_pred[i]
    return C


C = confusion_matrix(y_test, y_pred)
print(C)

# %%
np.testing.assert_array_equal(C, ml.confusion_matrix(y_test, y_pred))
assert C.sum() == y_test.size  # jedes Testbild wird genau einmal gezählt
assert np.trace(C) / C.sum() == ml.accuracy(y_test, y_pred)  # Diagonale / alle = die Genauigkeit

# %% [markdown]
# Als Diagramm liest sie sich leichter: Dunkle Felder abseits der Diagonalen sind die häufigen Fehler.
# Fahre mit der Maus über ein Feld, um zu sehen, was es zählt.

# %%
ml.charts.confusion_matrix(C, lang=LANG)

# %% [markdown]
# Welche Verwechslungen sind am häufigsten? Setze die Diagonale auf 0 und suche die größten Einträge. Die
# üblichen Verdächtigen sind Formen, die sich wirklich ähneln: 4 und 9, 3 und 5, 7 und 9, 2 und 7 – sieh
# nach, ob dein Netz das bestätigt. Jede Zeile unten liest sich so: *richtige Ziffer → vorhergesagte Ziffer:
# Anzahl*.

# %%
mistakes = C.copy()
np.fill_diagonal(mistakes, 0)
for flat in np.argsort(mistakes, axis=None)[::-1][:5]:
    k, c = divmod(int(flat), 10)  # Zeile k: richtige Ziffer, Spalte c: erkannte
    print(f"{k} → {c}: {mistakes[k, c]}")

# %% [markdown]
# Zwei weitere Kennzahlen pro Ziffer lassen sich direkt aus der Matrix ablesen:
#
# - **Trefferquote** (recall) der Ziffer $k$ = $C_{kk}$ / (Summe der Zeile $k$): Wie viele aller echten
#   $k$ hat das Netz gefunden?
# - **Präzision** (precision) der Ziffer $k$ = $C_{kk}$ / (Summe der Spalte $k$): Wie viele der Bilder,
#   die das Netz für ein $k$ *hält*, sind wirklich eines?
#
# Ein Netz, das auf jedes Bild „1“ antwortet, hat für die 1 eine perfekte Trefferquote – und eine
# miserable Präzision.

# %%
recall = np.diag(C) / C.sum(axis=1)
precision = np.diag(C) / np.maximum(C.sum(axis=0), 1)  # max(…, 1): nie vorhergesagte Ziffer gibt 0 statt 0/0
print(f"{ml.t('lesson.digit', LANG):13}" + " ".join(f"{k:>5}" for k in range(10)))
print(f"{ml.t('lesson.recall', LANG):13}" + " ".join(ml.fmt("{v:5.0%}", LANG, v=v) for v in recall))
print(f"{ml.t('lesson.precision', LANG):13}" + " ".join(ml.fmt("{v:5.0%}", LANG, v=v) for v in precision))

# %% [markdown]
# ## Die falsch erkannten Ziffern
#
# Zahlen sind das eine – die Fehler selbst anzusehen ist etwas anderes. `ml.misclassified` liefert die Indizes
# aller Testbilder mit falscher Vorhersage; das ist dasselbe wie `np.flatnonzero(y_test != y_pred)`:

# %%
wrong = ml.misclassified(y_test, y_pred)
np.testing.assert_array_equal(wrong, np.flatnonzero(y_test != y_pred))
print("len(wrong) =", len(wrong), "  y_test.size =", y_test.size)

# %% [markdown]
# Hier sind die ersten davon, jeweils beschriftet mit *richtig → vorhergesagt*. Viele sind wirklich kaum zu
# entziffern; bei manchen würde ein Mensch nie danebenliegen.

# %%
ml.charts.digit_grid(X_test[:, wrong], y_test[wrong], y_pred[wrong], lang=LANG)

# %% [markdown]
# Ein Fehler mit 51 % Wahrscheinlichkeit wiegt weniger schwer als einer mit 99 %. Hier ist der
# *selbstsicherste* Fehler des Netzes – das falsch erkannte Bild, bei dem es seiner (falschen) Antwort die
# höchste Wahrscheinlichkeit gab:

# %%
P = ml.predict_proba(params, X_test)
worst = wrong[np.argmax(P[y_pred[wrong], wrong])]
print("worst =", worst, "  y_test:", y_test[worst], "  y_pred:", y_pred[worst],
      f"  p = {P[y_pred[worst], worst]:.1%}")
ml.charts.prediction_view(X_test[:, worst], P[:, worst], lang=LANG)

# %% [markdown]
# ## Worauf jedes verdeckte Neuron achtet
#
# Das verdeckte Neuron $j$ berechnet $z_j = w_j \cdot x + b_j$: Es multipliziert jedes Pixel des Bildes
# mit seinem eigenen Gewicht und summiert. Seine Gewichte $w_j$ – die Zeile $j$ von `W1`, 784 Zahlen –
# lassen sich deshalb als 28 × 28-Bild zeigen, als eine Art *Schablone*: Wo das Gewicht positiv ist (blau),
# **erhöht** Tinte den Wert $z_j$; wo es negativ ist (rot), **senkt** sie ihn. Ein Neuron feuert stark bei
# Bildern, deren Tinte auf seine blauen Stellen fällt und die roten meidet.

# %%
ml.charts.weights_as_images(params["W1"], lang=LANG)

# %% [markdown]
# Vielleicht erkennst du Striche und Rundungen, selten eine ganze Ziffer: Jedes Neuron erkennt ein
# *Merkmal* (feature), und erst die Ausgabeschicht setzt die zehn Merkmale zu zehn Ziffern zusammen. Zwei
# Dinge sehen nach Rauschen aus:
#
# - **Der Rand.** Pixel am Rand sind in (fast) jedem Bild 0. Der Gradient eines Gewichts ist
#   $dW^{[1]} = dZ^{[1]} X^T$ (Lektion 05, das $\frac{1}{m}$ steckt in $dZ^{[1]}$): Ein Pixel, das immer 0
#   ist, liefert eine Spalte aus Nullen – seine Gewichte ändern sich nie und behalten ihre zufälligen
#   Anfangswerte. Die nächste Zelle prüft das exakt.
# - **Ein Neuron, das überall nur rauscht** (falls du eines hast): Es ist ein *totes* Neuron (dead neuron).
#   Sein $z_j$ war bei jedem Trainingsbild negativ, also hat die ReLU keinen Gradienten durchgelassen, und es
#   hat nie gelernt. Der zweite Teil der Ausgabe unten zeigt für jedes Neuron, bei welchem Anteil der
#   Trainingsbilder es aktiv ist.

# %%
never_inked = X_train.max(axis=1) == 0  # Pixel, die in jedem Trainingsbild 0 sind
np.testing.assert_array_equal(params["W1"][:, never_inked], W1_start[:, never_inked])
print("never_inked.sum() =", never_inked.sum())

_, cache = ml.forward(params, X_train)
active = (cache["Z1"] > 0).mean(axis=1)
print(f"{'j':7}" + " ".join(f"{j:>5}" for j in range(active.size)))  # j: the hidden unit
print(f"{ml.t('lesson.active', LANG):7}" + " ".join(ml.fmt("{a:5.0%}", LANG, a=a) for a in active))

# %% [markdown]
# ## Aufgaben
#
# **Aufgabe 1.** Schreibe eine Funktion `accuracy_from_cm(C)`, die die Genauigkeit (eine Zahl zwischen 0
# und 1) allein aus einer Konfusionsmatrix `C` berechnet.

# %%
def accuracy_from_cm(C):
    ...  # dein Code


answer = ...  # wenn deine Funktion fertig ist: answer = accuracy_from_cm
ml.check("07.accuracy_from_cm", answer, lang=LANG)

# %% [markdown]
# **Aufgabe 2.** Schreibe eine Funktion `most_confused(C)`, die das Paar `(richtige Ziffer, vorhergesagte
# Ziffer)` zurückgibt, das das Netz am häufigsten verwechselt – also die Stelle des größten Eintrags
# *außerhalb* der Diagonalen.

# %%
def most_confused(C):
    ...  # dein Code


answer = ...  # wenn deine Funktion fertig ist: answer = most_confused
ml.check("07.most_confused", answer, lang=LANG)

# %% [markdown]
# **Aufgabe 3.** Ein Netz für die drei Ziffern 0, 1, 2 hat diese Konfusionsmatrix (Zeilen: richtige
# Ziffer, Spalten: vorhergesagte Ziffer):
#
# | | vorhergesagt 0 | vorhergesagt 1 | vorhergesagt 2 |
# |---|---|---|---|
# | **richtig 0** | 50 | 2 | 3 |
# | **richtig 1** | 4 | 40 | 6 |
# | **richtig 2** | 1 | 9 | 35 |
#
# Wie groß ist die **Präzision** der Ziffer 1 (eine Zahl zwischen 0 und 1)?

# %%
answer = ...
ml.check("07.precision", answer, lang=LANG)

# %% [markdown]
# ## Zusammenfassung
#
# - Miss ein Netz auf den **Testdaten**, also auf Bildern, mit denen es nie trainiert hat. Die
#   Trainingsgenauigkeit ist zu optimistisch; ein großer Abstand zwischen beiden ist **Überanpassung**, und
#   mehr Daten verkleinern ihn.
# - Die **Konfusionsmatrix** $C_{kc}$ zählt, wie oft ein richtiges $k$ als $c$ erkannt wurde; ihre
#   Diagonale geteilt durch ihre Summe ist die Genauigkeit. Die Zeilen liefern die Trefferquote, die
#   Spalten die Präzision jeder Ziffer.
# - Sieh dir die **falsch erkannten** Bilder an – Zahlen allein verbergen, was schiefläuft.
# - Jede Zeile von `W1` ist eine 28 × 28-Schablone: das, worauf dieses verdeckte Neuron achtet. Pixel, die
#   immer 0 sind, bewegen ihre Gewichte nie; ein totes ReLU-Neuron lernt nie.
#
# Als Nächstes: Unser Netz trainiert noch langsam und bleibt klein. Trainieren wir es besser:
# [08a · Besser trainieren: Mini-Batches](08a_minibatches.ipynb)

# %% [markdown]
# ## Lösungen
#
# Jede Zelle prüft eine Lösung (und schlüge fehl, wäre sie falsch).

# %%
def accuracy_from_cm_solution(C):
    return np.trace(C) / C.sum()  # richtige Antworten (Diagonale) / alle Bilder


assert ml.check("07.accuracy_from_cm", accuracy_from_cm_solution, lang=LANG)

# %%
def most_confused_solution(C):
    off = C.copy()
    np.fill_diagonal(off, 0)  # richtige Antworten sind keine Verwechslungen
    return divmod(int(np.argmax(off)), off.shape[1])  # flacher Index -> (richtig, vorhergesagt)


assert ml.check("07.most_confused", most_confused_solution, lang=LANG)

# %%
assert ml.check("07.precision", 40 / (2 + 40 + 9), lang=LANG)  # C[1, 1] / Summe der Spalte 1

# %%
assert ml.check("07.accuracy", accuracy, lang=LANG, save=False)  # save=False: Die Lösung der Lektion zählt nicht als deine

# %%
assert ml.check("07.confusion_matrix", confusion_matrix, lang=LANG, save=False)  # save=False: Die Lösung der Lektion zählt nicht als deine
