# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 04 · Verlustfunktion: Wie falsch liegt das Netz?
#
# **In dieser Lektion**
# - schreibst du Labels als One-Hot-Spalten, die man mit der Ausgabe des Netzes vergleichen kann – und
#   siehst, warum die Version des Original-Tutorials an einem Stapel ohne 9 scheitert,
# - misst du mit einer einzigen Zahl, der Kreuzentropie (cross-entropy), wie falsch eine Vorhersage ist, und
#   siehst, warum man mit $\log 0$ aufpassen muss,
# - misst du, warum wir die Kreuzentropie nehmen und nicht den quadratischen Fehler: Sie schiebt auch dann
#   noch kräftig, wenn sich das Netz sicher ist und falsch liegt,
# - liest du die zehn Wahrscheinlichkeiten, die das Netz für ein Bild ausgibt,
# - findest du heraus, warum ein untrainiertes Netz bei einem Verlust von etwa $\ln 10 \approx 2{,}30$
#   startet.
#
# ⏱ etwa 45 Minuten, mit den Aufgaben

# %%
import numpy as np

import mnistlab as ml

LANG = "de"
rng = np.random.default_rng(0)

# %% [markdown]
# ## Wo wir stehen
#
# In Lektion 03 hat das Netz einen Stapel (batch) von Bildern `X` (784 × m) in Wahrscheinlichkeiten `A2`
# (10 × m) verwandelt: eine Spalte pro Bild, zehn Wahrscheinlichkeiten pro Spalte. Damit das Netz besser
# werden kann, müssen wir zuerst messen, wie falsch es liegt – mit einer einzigen Zahl, dem **Verlust**. Die
# Funktion, die ihn berechnet, heißt Verlustfunktion (loss). In Lektion 05 fragen wir dann, wie sich diese
# Zahl ändert, wenn sich ein Gewicht ändert, und in Lektion 06 wird daraus Lernen.
#
# Hier ist ein untrainiertes Netz in der Größe des Original-Tutorials, 784 → 10 → 10, auf 1.000
# Trainingsbildern:

# %%
X, y = ml.load_mnist("train", n=1000, lang=LANG)
params = ml.init_params([784, 10, 10], rng=rng)
A2, cache = ml.forward(params, X)
print("X:", X.shape, "  y:", y.shape, "  A2:", A2.shape)
print("y[:8] =", y[:8])

# %% [markdown]
# ## One-Hot-Labels
#
# `y` enthält eine Zahl pro Bild, etwa 3. `A2` enthält zehn Wahrscheinlichkeiten pro Bild. Um beides zu
# vergleichen, schreiben wir auch jedes Label als Spalte aus zehn Zahlen: eine 1 in der Zeile der richtigen
# Ziffer, sonst überall 0. Aus dem Label 3 wird die Spalte (0, 0, 0, 1, 0, 0, 0, 0, 0, 0) – „zu 100 % sicher
# eine 3“. Diese Darstellung heißt **One-Hot**-Kodierung (one-hot encoding); für den ganzen Stapel ergeben
# die Spalten eine Matrix `Y` mit derselben Form wie `A2`:
#
# $$Y_{ki} = \begin{cases} 1 & k = y_i \\ 0 & k \neq y_i \end{cases}$$
#
# In NumPy fangen wir mit Nullen an und setzen in Spalte $i$ die Zeile `y[i]` auf 1. Die Indizierung mit
# zwei Arrays, `Y[y, np.arange(m)]`, trifft genau die Paare (Zeile `y[i]`, Spalte `i`).

# %% [markdown]
# ### Du bist dran · One-hot-Labels
#
# Schreibe `my_one_hot(y)` für Labels `y` der Form (m,): eine (10, m)-Matrix mit einer 1 in Zeile `y[i]` von
# Spalte `i`. Vergleiche dann mit unserer unten.

# %%
def my_one_hot(y):
    ...  # eine (10, m)-Matrix mit einer 1 pro Spalte


answer = ...  # wenn my_one_hot fertig ist: answer = my_one_hot
ml.check("04.one_hot", answer, lang=LANG)

# %%
def one_hot(y, n_classes=10):
    Y = np.zeros((n_classes, y.size), dtype=np.float32)  # immer 10 Zeilen, eine Spalte pro Bild
    Y[y, np.arange(y.size)] = 1  # in Spalte i die Zeile ihres Labels
    return Y


Y = one_hot(y)
print("y[:5] =", y[:5])
print(Y[:, :5])

# %% [markdown]
# Die Prüfung: Unser `one_hot` liefert dieselbe Matrix wie `ml.one_hot`, sie hat die Form von `A2`, und jede
# Spalte enthält genau eine 1.

# %%
np.testing.assert_array_equal(one_hot(y), ml.one_hot(y))
assert Y.shape == A2.shape
assert np.all(Y.sum(axis=0) == 1)
print("Y:", Y.shape, Y.dtype)

# %% [markdown]
# ### Aufgabe 1 · One-Hot von Hand
#
# Schreibe die One-Hot-Matrix der vier Labels `y_small = np.array([3, 0, 7, 3])` – mit `np.zeros` und
# Indizierung oder von Hand mit `np.array`. (Kein `ml.one_hot`: Das wäre zu einfach.)

# %%
y_small = np.array([3, 0, 7, 3])
answer = ...
ml.check("04.one_hot_matrix", answer, lang=LANG)

# %% [markdown]
# ## Der `Y.max() + 1`-Fehler
#
# Hier ist die Funktion `one_hot` des Original-Tutorials. Achte darauf, wie groß die Matrix ist, die sie
# anlegt:

# %%
ml.show_source(ml.origin.one_hot)

# %% [markdown]
# Die Zahl der Zeilen ist `Y.max() + 1` – sie wird aus den *Daten* abgelesen. Auf den gesamten
# Trainingsdaten ist das 10, denn irgendwo gibt es mindestens eine 9. Aber bei einem Stapel ohne 9 ist
# es 9 (oder weniger). Hier sind acht Bilder, keines davon eine 9:

# %%
batch = np.flatnonzero(y != 9)[:8]  # die ersten acht Bilder, die keine 9 sind
y_batch = y[batch]
print("y_batch =", y_batch)
print("ml.one_hot(y_batch).shape =", ml.one_hot(y_batch).shape)
print("ml.origin.one_hot(y_batch).shape =", ml.origin.one_hot(y_batch).shape)

# %% [markdown]
# Wie wahrscheinlich ist so ein Stapel? Wenn etwa ein Zehntel der Ziffern Neunen sind, enthält ein zufälliger
# Stapel aus $m$ Bildern mit der Wahrscheinlichkeit $0{,}9^{m}$ keine 9. Und eine Epoche (epoch) – ein
# Durchlauf durch 60.000 Bilder in Stapeln zu 64 – besteht aus 60.000 / 64 Stapeln:

# %%
for m in (8, 64):
    print(f"{m = :2}   {0.9 ** m = :.2%}")
print(f"{60_000 / 64 * 0.9 ** 64 = :.1f}")

# %% [markdown]
# Einem Stapel aus 8 Bildern fehlt die 9 also fast jedes zweite Mal, und selbst bei Stapeln zu 64 hat etwa ein
# Stapel pro Durchlauf durch die Daten keine 9. Das Original trainiert auf dem ganzen Datensatz auf einmal,
# dort tritt der Fehler also nie auf. Er schlägt zu, sobald du mit Mini-Batches (kleinen Stapeln, Lektion 08a)
# oder auf einer kleinen Teilmenge trainierst. Was geht dann kaputt? Der nächste Schritt des Trainings
# (Lektion 05) berechnet `A2 - Y`, und dafür müssen beide Matrizen dieselbe Form haben:

# %%
A2_batch = A2[:, batch]  # die Antworten des Netzes für diese acht Bilder: 10 Zeilen
try:
    A2_batch - ml.origin.one_hot(y_batch)
except ValueError as error:
    print("ValueError:", error)

# %% [markdown]
# Ein Abbruch mit Fehlermeldung ist noch der *gute* Fall: Du bemerkst ihn. Schlimmer ist ein Stapel, bei dem
# die Formen zufällig passen. Zeigen alle Bilder eines Stapels eine 0, ist `Y.max() + 1` gleich 1, `Y` hat
# also nur eine Zeile – und NumPy verteilt diese Zeile per **Broadcasting** stillschweigend auf alle zehn
# Zeilen von `A2`:

# %%
zeros = np.flatnonzero(y == 0)[:4]  # vier Bilder der Ziffer 0
Y_bad = ml.origin.one_hot(y[zeros])
wrong = A2[:, zeros] - Y_bad  # kein Fehler: (10, 4) - (1, 4) wird per Broadcasting verteilt
right = A2[:, zeros] - ml.one_hot(y[zeros])
print("Y_bad.shape =", Y_bad.shape, "  wrong.shape =", wrong.shape)
print("wrong[:, 0] =", wrong[:, 0].round(2))
print("right[:, 0] =", right[:, 0].round(2))

# %% [markdown]
# Mit dem falschen `Y` gilt jede Ziffer als die richtige. Alle zehn Zahlen der Spalte sind negativ, das
# Training würde also *alle zehn* Rohwerte nach oben schieben (die unwahrscheinlichen Ziffern am stärksten),
# statt die 0 nach oben und die anderen neun nach unten zu schieben. Das Netz lernt aus diesem Stapel etwas
# Falsches, und keine Fehlermeldung sagt es dir.
#
# **Die Korrektur:** Die Zahl der Zeilen ist die Zahl der Klassen, 10, fest vorgegeben – nie aus den Daten
# abgelesen. Genau das machen unser `one_hot` und `ml.one_hot`. `ml.one_hot` prüft außerdem die Labels: Ein
# Label wie 10 oder −1 bekommt eine klare Fehlermeldung statt einer stillschweigend falschen Matrix.

# %% [markdown]
# ## Kreuzentropie: wie falsch, in einer Zahl
#
# Sieh dir für ein Bild nur die Wahrscheinlichkeit $p$ an, die das Netz der *richtigen* Ziffer gibt. Ist
# $p = 1$, ist das Netz perfekt; je kleiner $p$, desto schlechter. Der Verlust eines Bildes ist $-\log p$
# (natürlicher Logarithmus):

# %%
for p in (0.99, 0.9, 0.5, 0.1, 0.01, 1e-6):
    print(f"p = {p:<6g}  -np.log(p) = {-np.log(p):6.3f}")

# %% [markdown]
# $-\log p$ ist 0 bei einer sicheren und richtigen Antwort ($p = 1$), wächst langsam, solange $p$ groß ist,
# und sehr schnell, wenn $p$ gegen 0 geht: Am teuersten ist es, sich sicher zu sein und falsch zu liegen. Die
# **Kreuzentropie** eines Stapels ist der Mittelwert über seine $m$ Bilder. Mit One-Hot-Labels greift die
# innere Summe genau die Wahrscheinlichkeit der richtigen Ziffer heraus:
#
# $$L = -\frac{1}{m} \sum_{i=1}^{m} \sum_{k=0}^{9} Y_{ki} \log A^{[2]}_{ki} = -\frac{1}{m} \sum_{i=1}^{m} \log A^{[2]}_{y_i i}$$
#
# Wir berechnen die rechte Form: in jeder Spalte die Wahrscheinlichkeit der richtigen Ziffer herausgreifen,
# $-\log$ nehmen, mitteln.

# %% [markdown]
# ### Du bist dran · die Kreuzentropie
#
# Schreibe `my_cross_entropy(A, y)` für Wahrscheinlichkeiten `A` (10, m) und Labels `y` (m,): den *Mittelwert*
# über die Bilder von −log der Wahrscheinlichkeit der richtigen Ziffer. Denke an eine Wahrscheinlichkeit von
# genau 0.

# %%
def my_cross_entropy(A, y):
    ...  # der Mittelwert von −log(A[y[i], i]) über die Bilder i


answer = ...  # wenn my_cross_entropy fertig ist: answer = my_cross_entropy
ml.check("04.cross_entropy", answer, lang=LANG)

# %%
def cross_entropy(A, y):
    m = y.size
    p = A[y, np.arange(m)]  # die Wahrscheinlichkeit der richtigen Ziffer, eine pro Bild
    p = np.maximum(p, np.finfo(A.dtype).tiny)  # nie log(0) – siehe unten
    return float(-np.log(p).mean())  # Mittelwert über den Stapel


loss = cross_entropy(A2, y)
print(f"loss = {loss:.4f}")

# %% [markdown]
# Die Prüfung: dasselbe Ergebnis wie die Funktion `ml.cross_entropy`, die sowohl die Labels `y` als auch die
# One-Hot-Matrix `Y` annimmt:

# %%
np.testing.assert_allclose(cross_entropy(A2, y), ml.cross_entropy(A2, y), rtol=1e-6)
np.testing.assert_allclose(cross_entropy(A2, y), ml.cross_entropy(A2, Y), rtol=1e-6)
print("ml.cross_entropy(A2, y) =", ml.cross_entropy(A2, y))

# %% [markdown]
# ### Warum man mit $\log 0$ aufpassen muss
#
# Kann eine Wahrscheinlichkeit genau 0 sein? Mathematisch nicht – $e^{z}$ ist nie 0. Aber Computer speichern
# Zahlen mit begrenzter Genauigkeit. Angenommen, das Netz ist sich bei zwei Bildern sehr sicher, dass sie
# eine 1 zeigen: Sein Rohwert für „1“ ist 120, alle anderen sind 0. In `float32` ist $e^{-120}$ zu klein zum
# Speichern und wird exakt 0. Beim ersten Bild stimmt die Antwort (Label 1), beim zweiten nicht (Label 7).
# Die Lehrbuchformel $-\sum_k Y_{ki} \log A_{ki}$ pro Bild und unsere Version im Vergleich:

# %%
import warnings

Z_sure = np.zeros((10, 2), dtype=np.float32)
Z_sure[1] = 120  # zwei Bilder, beide sicher als 1 bewertet
A_sure = ml.softmax(Z_sure)
y_sure = np.array([1, 7])  # das erste ist eine 1 (richtig), das zweite eine 7 (falsch)
print("A_sure[:, 0] =", A_sure[:, 0])
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")  # jede Warnung zeigen
    textbook = -np.sum(ml.one_hot(y_sure) * np.log(A_sure), axis=0)  # ein Verlust pro Bild
for warning in caught:
    print(f"{warning.category.__name__}: {warning.message}")
print("textbook =", textbook, "  textbook.mean() =", textbook.mean())
print("cross_entropy(A_sure, y_sure) =", cross_entropy(A_sure, y_sure))

# %% [markdown]
# Die Lehrbuchformel scheitert gleich doppelt:
# - $\log 0 = -\infty$, und $0 \cdot (-\infty)$ ergibt `nan` („not a number“, keine Zahl). Sogar die
#   *richtige* Antwort bekommt so den Verlust `nan`, nur weil eine *andere* Ziffer die Wahrscheinlichkeit 0
#   hatte – und ein einziges `nan` macht den Mittelwert über den ganzen Stapel zu `nan`.
# - Auch ohne dieses `nan` würde die falsche Antwort $-\log 0 = +\infty$ kosten: als Mittelwert ebenso
#   unbrauchbar.
#
# Unsere Version greift nur die Wahrscheinlichkeit der richtigen Ziffer heraus (nirgends $0 \cdot \log 0$)
# und nimmt nie den Logarithmus von etwas Kleinerem als der kleinsten *normalen* `float32`-Zahl,
# `np.finfo(np.float32).tiny`. Das richtige Bild kostet also 0 und das selbstsicher falsche
# $-\log(\text{tiny}) \approx 87$ – der Mittelwert der beiden steht oben: sehr groß, aber endlich, sodass
# Diagramme und Mittelwerte brauchbar bleiben. `ml.cross_entropy` macht es genauso. (Der Gradient in
# Lektion 05 kommt ganz ohne Logarithmus aus; diese Absicherung ändert also nur die Zahl, die wir anzeigen,
# nicht das Lernen.)
#
# Die kleinste normale Zahl ist nicht die kleinste positive:

# %%
tiny = np.finfo(np.float32).tiny  # die kleinste NORMALE float32-Zahl
smallest_subnormal = np.finfo(np.float32).smallest_subnormal  # die kleinste POSITIVE float32-Zahl
print(f"{tiny = :.3e}   -np.log(tiny) = {-np.log(tiny):.2f}")
print(f"{smallest_subnormal = :.3e}   -np.log(smallest_subnormal) = {-np.log(np.float64(smallest_subnormal)):.2f}")
print(f"{smallest_subnormal / 2 = }")

# %% [markdown]
# Unterhalb von `tiny` liegen die *subnormalen* Zahlen (subnormal numbers), bis hinunter zu etwa
# $1{,}4 \cdot 10^{-45}$: positiv, aber mit immer weniger gültigen Binärstellen (Bits) – die kleinste hat nur
# noch eine, und ihre Hälfte ist 0. Die Begrenzung auf die kleinste normale Zahl deckelt den Verlust eines
# Bildes in `float32` bei etwa 87,3.

# %% [markdown]
# ### Aufgabe 2 · Sicher und falsch – oder unsicher?
#
# Zwei Netze beantworten dieselben zwei Bilder, beide zeigen eine 3. `P_A` und `P_B` enthalten die
# Wahrscheinlichkeit, die jedes Netz Bild für Bild der richtigen Ziffer gibt:
# - Netz A ist unsicher, liegt aber bei beiden Bildern richtig: 0,3 für die 3, die größte seiner zehn
#   Wahrscheinlichkeiten;
# - Netz B ist sich sicher: 0,99 für die 3 beim ersten Bild (richtig), 0,01 beim zweiten (es hält das Bild
#   fest für eine 8).
#
# Welches Netz hat den kleineren Verlust – die mittlere Kreuzentropie über seine zwei Bilder – und um wie
# viel? Antworte mit der Zahl `loss_b - loss_a` (du darfst NumPy verwenden).

# %%
P_A = np.array([0.3, 0.3])  # Netz A: die Wahrscheinlichkeit der richtigen Ziffer für Bild 0 und Bild 1
P_B = np.array([0.99, 0.01])  # Netz B
answer = ...
ml.check("04.sure_and_wrong", answer, lang=LANG)

# %% [markdown]
# ## Warum Kreuzentropie und nicht der quadratische Fehler?
#
# Man könnte auch den quadratischen Abstand zwischen einer Spalte von `A2` und ihrer One-Hot-Spalte nehmen,
# $\frac{1}{2}\sum_k (A^{[2]}_{ki} - Y_{ki})^2$, gemittelt über die Bilder: den **quadratischen Fehler**
# (squared error). Auch er ist 0 für eine perfekte Antwort. Aber er lernt gerade dann langsam, wenn das Netz
# am falschesten liegt (Nielsen, *Neural Networks and Deep Learning*, Kap. 3). Das Training (Lektionen 05
# und 06) folgt der *Steigung* des Verlusts: wie stark sich der Verlust ändert, wenn sich ein Rohwert (score)
# in `Z2` ändert. Wir messen diese Steigung für den Rohwert der richtigen Ziffer – wir schieben ihn um ein
# winziges $\varepsilon$ nach oben und unten und sehen, wie sich der Verlust ändert –, und zwar für das Bild
# einer 3, das das Netz als 8 bewertet, von unsicher (Rohwert 0) bis sicher und falsch (Rohwert 10):

# %%
def squared_error(A, Y):
    return float(((A - Y) ** 2).sum(axis=0).mean() / 2)  # halber quadratischer Abstand, gemittelt über die Bilder


Y_3 = ml.one_hot(np.array([3])).astype(np.float64)  # ein Bild, eine 3
eps = 1e-5
nudge = np.zeros((10, 1))
nudge[3] = eps  # eine winzige Änderung am Rohwert der richtigen Ziffer
for score_8 in (0.0, 2.0, 5.0, 10.0):
    Z = np.zeros((10, 1))
    Z[8] = score_8  # der Rohwert für „8“; alle anderen Rohwerte sind 0
    p_3 = ml.softmax(Z)[3, 0]  # die Wahrscheinlichkeit der richtigen Ziffer
    ce_slope, se_slope = [(loss(ml.softmax(Z + nudge), Y_3) - loss(ml.softmax(Z - nudge), Y_3)) / (2 * eps)
                          for loss in (ml.cross_entropy, squared_error)]
    print(f"{score_8 = :4}   {p_3 = :.1e}   {ce_slope = :+.3f}   {se_slope = :+.5f}")
    assert abs(ce_slope - (p_3 - 1)) < 1e-6  # die Steigung der Kreuzentropie ist p_3 - 1 (Lektion 05: A - Y)

# %% [markdown]
# Beide Steigungen sind negativ: Ein höherer Rohwert für die richtige Ziffer senkt beide Verluste. Aber die
# Steigung der Kreuzentropie (`ce_slope`) ist genau $p_3 - 1$ und bleibt nahe −1, egal wie sicher und falsch
# das Netz ist, während die Steigung des quadratischen Fehlers (`se_slope`) auf ein Tausendstel schrumpft,
# von −0,09 auf etwa −0,0001: Je selbstsicherer das Netz falsch liegt, desto schwächer der Anstoß, es zu
# korrigieren. Der Grund: Wenn ein Rohwert dominiert, ändert die Softmax ihre Ausgaben kaum noch, wenn sich
# ein Rohwert bewegt (sie ist *gesättigt*, saturated), und die Steigung des quadratischen Fehlers trägt
# diesen kleinen Faktor mit sich (so wie $\sigma'(z)$ bei einer Sigmoid-Ausgabe). Das $-\log$ der
# Kreuzentropie hebt ihn genau auf – wie, zeigt Lektion 05. Deshalb gehören Softmax und Kreuzentropie
# zusammen.

# %% [markdown]
# ## Einen Vorhersagevektor lesen
#
# Eine Spalte von `A2` ist die ganze Antwort des Netzes für ein Bild: zehn Wahrscheinlichkeiten, die zusammen
# 1 ergeben. Die **Vorhersage** (prediction) ist die Ziffer mit der größten Wahrscheinlichkeit (`argmax`),
# die **Konfidenz** (confidence) ist diese Wahrscheinlichkeit, und der Verlust dieses Bildes ist $-\log$ der
# Wahrscheinlichkeit der *wahren* Ziffer – egal, was das Netz vorhergesagt hat.

# %%
i = 0
p = A2[:, i]
print("p =", p.round(3))
print(f"p.sum() = {p.sum():.4f}   p.argmax() = {p.argmax()}   p.max() = {p.max():.3f}   y[i] = {y[i]}")
print(f"p[y[i]] = {p[y[i]]:.3f}   -np.log(p[y[i]]) = {-np.log(p[y[i]]):.3f}")

# %% [markdown]
# `p.argmax()` ist die Vorhersage, `p.max()` die Konfidenz, `-np.log(p[y[i]])` der Verlust dieses Bildes.
# Als Diagramm (die Vorhersage in Orange; fahre mit der Maus über einen Balken, um seinen Wert zu sehen):

# %%
ml.charts.probabilities(p, lang=LANG, true_label=y[i])

# %% [markdown]
# ## Warum ein untrainiertes Netz bei $\ln 10$ startet
#
# Die Balken sind fast gleich hoch: Das untrainierte Netz antwortet „ungefähr 10 % für jede Ziffer“. Das ist
# kein Zufall. Seine Gewichte (weights) sind kleine Zufallszahlen (wie sie gewählt werden, erklärt Lektion
# 08b), also sind die zehn Rohwerte in `Z2` klein und liegen nah beieinander – und die Softmax von fast
# gleichen Rohwerten ist fast gleichverteilt. Wäre jede Wahrscheinlichkeit genau $\frac{1}{10}$, kostete
# jedes Bild – und damit auch der Mittelwert –
#
# $$-\log \tfrac{1}{10} = \ln 10$$
#
# also etwa 2,303. Unser Netz liegt nah dran:

# %%
print(f"ml.cross_entropy(A2, y) = {ml.cross_entropy(A2, y):.3f}   np.log(10) = {np.log(10):.3f}")
print(f"Z2: mean = {cache['Z2'].mean():+.3f}, std = {cache['Z2'].std():.3f}")
print(f"A2.min() = {A2.min():.3f}   A2.max() = {A2.max():.3f}")
assert abs(ml.cross_entropy(A2, y) - np.log(10)) < 0.1

# %% [markdown]
# Damit ist $\ln 10 \approx 2{,}30$ eine praktische **Plausibilitätsprüfung** (sanity check) für jedes neue
# Netz mit zehn Klassen:
# - Liegt ein frisches Netz weit *über* 2,3, ist es sich schon vor dem Lernen sicher – und liegt falsch:
#   Seine Anfangsgewichte sind zu groß.
# - Kommt ein Training nie *unter* 2,3, hat das Netz nichts gelernt: Es rät immer noch.
#
# Die Zufallsgewichte des Original-Tutorials (gleichverteilt in ±0,5, nicht an die Größe der Schicht
# angepasst) fallen beim ersten Punkt durch:

# %%
W1_orig, b1_orig, W2_orig, b2_orig = ml.origin.init_params(rng)
A2_orig = ml.origin.forward_prop(W1_orig, b1_orig, W2_orig, b2_orig, X)[3]
print(f"ml.cross_entropy(A2_orig, y) = {ml.cross_entropy(A2_orig, y):.3f}   np.log(10) = {np.log(10):.3f}")
print(f"A2_orig.max() = {A2_orig.max():.3f}")

# %% [markdown]
# ### Aufgabe 3 · Gleichverteiltes Raten
#
# Ein Netz antwortet bei jedem Bild für jede Ziffer $\frac{1}{10}$. Wie groß ist seine Kreuzentropie?
# Antworte mit einer Zahl (NumPy darfst du benutzen).

# %%
answer = ...
ml.check("04.uniform_loss", answer, lang=LANG)

# %% [markdown]
# ## Zusammenfassung
#
# - **One-Hot:** Aus dem Label $y_i$ wird Spalte $i$ von `Y` (10 × m) mit einer einzigen 1 in Zeile $y_i$.
#   Immer 10 Zeilen: Das `Y.max() + 1` des Originals liefert bei einem Stapel ohne 9 weniger – einen
#   Formfehler oder, schlimmer, stillschweigend falsche Gradienten, wenn das Broadcasting zufällig passt.
# - **Kreuzentropie:** $L = -\frac{1}{m}\sum_i \log A^{[2]}_{y_i i}$, der Mittelwert über den Stapel von
#   $-\log$(Wahrscheinlichkeit der richtigen Ziffer). 0 ist perfekt; selbstsicher falsch ist teuer. Schutz
#   vor $\log 0$: die richtige Wahrscheinlichkeit herausgreifen und nach unten auf die kleinste normale
#   Gleitkommazahl begrenzen (`ml.cross_entropy`); die subnormalen Zahlen darunter sind noch kleiner.
# - Kreuzentropie, nicht quadratischer Fehler: Ihre Steigung im Rohwert der richtigen Ziffer ist $p - 1$, ein
#   kräftiger Anstoß auch dann, wenn das Netz sicher und falsch liegt – dort verschwindet die Steigung des
#   quadratischen Fehlers fast.
# - Ein Vorhersagevektor: `argmax` ist die Vorhersage, die größte Wahrscheinlichkeit die Konfidenz.
# - Ein untrainiertes Netz antwortet fast gleichverteilt, sein Verlust liegt daher bei etwa
#   $\ln 10 \approx 2{,}30$.
#
# **Weiter:** [05a · Die Kettenregel, von Hand](05a_chain_rule.ipynb) – in welche Richtung sich jedes Gewicht
# ändern muss, erst mit einzelnen Zahlen.

# %% [markdown]
# ## Lösungen
#
# **Aufgabe 1.** Zehn Zeilen (eine pro Ziffer, obwohl keine 9 dabei ist), vier Spalten (eine pro Bild):

# %%
Y_small = np.zeros((10, 4))
Y_small[y_small, np.arange(4)] = 1
print(Y_small)
assert ml.check("04.one_hot_matrix", Y_small, lang=LANG)

# %% [markdown]
# **Aufgabe 2.** A kostet $-\log 0{,}3 \approx 1{,}204$ pro Bild; B kostet $-\log 0{,}99 \approx 0{,}010$ und
# $-\log 0{,}01 \approx 4{,}605$, im Mittel 2,308. Der Verlust von B ist also um etwa 1,10 höher, obwohl B
# bei einem Bild fast sicher richtig liegt: Eine sichere falsche Antwort kostet weit mehr, als eine sichere
# richtige einspart.

# %%
loss_a, loss_b = -np.log(P_A).mean(), -np.log(P_B).mean()
print(f"{loss_a = :.4f}   {loss_b = :.4f}   {loss_b - loss_a = :.4f}")
assert ml.check("04.sure_and_wrong", loss_b - loss_a, lang=LANG)

# %% [markdown]
# **Aufgabe 3.** Jedes Bild kostet $-\log 0{,}1 = \ln 10 \approx 2{,}303$, und der Mittelwert ebenso. Probe
# mit einer gleichverteilten Vorhersage für 5 Bilder:

# %%
A_uniform = np.full((10, 5), 0.1)
print(ml.cross_entropy(A_uniform, np.array([0, 3, 5, 7, 9])))
assert ml.check("04.uniform_loss", ml.cross_entropy(A_uniform, np.array([0, 3, 5, 7, 9])), lang=LANG)

# %%
assert ml.check("04.one_hot", one_hot, lang=LANG, save=False)  # save=False: Die Lösung der Lektion zählt nicht als deine

# %%
assert ml.check("04.cross_entropy", cross_entropy, lang=LANG, save=False)  # save=False: Die Lösung der Lektion zählt nicht als deine
