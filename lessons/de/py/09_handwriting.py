# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 09 · Deine eigene Handschrift
#
# **In dieser Lektion**
# - zeichnest du Ziffern mit Maus, Stift oder Finger und siehst live, wie sich die Wahrscheinlichkeiten
#   des Netzes ändern,
# - findest du heraus, warum eine Zeichnung erst **wie bei MNIST zentriert** werden muss, bevor das Netz
#   sie lesen kann,
# - siehst du, warum das **Foto** einer Ziffer auf Papier invertiert werden muss,
# - lässt du genau denselben Code auf **Fashion-MNIST** (Bilder von Kleidungsstücken) laufen,
# - bekommst du Hinweise, wie es weitergehen kann.
#
# ⏱ etwa 35 Minuten, mit den Aufgaben

# %%
import numpy as np

import mnistlab as ml

LANG = "de"
rng = np.random.default_rng(0)

# %% [markdown]
# ## Ein gutes Netz
#
# Zuerst brauchen wir ein Netz, mit dem sich ein Gespräch lohnt. Wir nehmen das Rezept aus den Lektionen
# 08a und 08b: 784-128-64-10, He-Initialisierung, Mini-Batches und einen Lernraten-Zeitplan – auf 4.000
# Trainingsbildern, damit es nur ein paar Sekunden dauert.

# %%
X_train, y_train = ml.load_mnist("train", n=4000, lang=LANG)
X_test, y_test = ml.load_mnist("test", n=2000, lang=LANG)
params = ml.init_params([784, 128, 64, 10], rng=rng)
history = ml.train(params, X_train, y_train, schedule=ml.step_decay(0.2, 5, 0.1), n_epochs=8, batch_size=64,
                   rng=rng)
print(ml.t("lesson.test", LANG, test=ml.accuracy(y_test, ml.predict(params, X_test))))

# %% [markdown]
# ## Zeichne eine Ziffer
#
# Zeichne eine Ziffer **groß** in das schwarze Feld. Schon während du zeichnest, zeigt die rechte Seite,
# *was das Netz sieht* (deine Zeichnung, nach MNIST-Art in 28 × 28 Pixel verwandelt), und seine zehn
# Wahrscheinlichkeiten. **Löschen** fängt von vorn an. Mit **Foto hochladen …** kannst du auch ein Bild
# einer Ziffer schicken, die du auf Papier geschrieben hast – dunkle Tinte auf hellem Papier, eine Ziffer,
# sonst nichts im Bild.
#
# Versuche, das Netz hereinzulegen: eine sehr dünne 1, eine 7 mit Querstrich, eine 4, die oben offen oder
# geschlossen ist, eine winzige Ziffer in einer Ecke.

# %%
panel = ml.draw_digit(params, lang=LANG)
panel

# %% [markdown]
# ## Warum das Zentrieren wichtig ist
#
# Jede der 784 Eingaben unseres Netzes gehört zu **einer festen Pixelposition**. Die Gewichte in `W1` haben
# gelernt, wo die Tinte einer 0, einer 1 oder einer 7 bei MNIST *normalerweise* liegt – und bei MNIST sitzt
# jede Ziffer an derselben Stelle: so skaliert, dass ihre längere Seite 20 Pixel misst, und dann so
# verschoben, dass ihr **Schwerpunkt** (centre of mass) in der Mitte des 28 × 28-Bildes liegt.
#
# Wie viel macht die Position aus? Verschiebe alle Testbilder um ein paar Pixel nach rechts unten und miss
# noch einmal:

# %%
images = X_test.T.reshape(-1, 28, 28)
for shift in range(6):
    moved = np.zeros_like(images)
    moved[:, shift:, shift:] = images[:, :28 - shift, :28 - shift]  # nach rechts unten, Rest schwarz
    accuracy = ml.accuracy(y_test, ml.predict(params, moved.reshape(-1, 784).T))
    print(f"{shift = } px  ", ml.t("lesson.test", LANG, test=accuracy))

# %% [markdown]
# Ein paar Pixel genügen, um alles zu verderben: Unser vollständig verbundenes Netz (fully connected) weiß
# nicht, dass eine nach rechts gerutschte 7 immer noch eine 7 ist. Also muss *deine* Zeichnung erst in die
# MNIST-Position gebracht werden, bevor das Netz sie sieht.
#
# Der **Schwerpunkt** eines Bildes ist die mit der Helligkeit gewichtete mittlere Zeile und Spalte:
#
# $$\bar r = \frac{\sum_{r,c} r \, x_{rc}}{\sum_{r,c} x_{rc}}, \qquad
# \bar c = \frac{\sum_{r,c} c \, x_{rc}}{\sum_{r,c} x_{rc}}$$
#
# Wo liegt er bei echten MNIST-Ziffern? Messen wir nach:

# %%
def centre_of_mass(image):
    rows, cols = np.indices(image.shape)  # Zeilen- und Spaltennummer jedes Pixels
    return (rows * image).sum() / image.sum(), (cols * image).sum() / image.sum()


centres = np.array([centre_of_mass(image) for image in images])
print("centres.mean(axis=0):", centres.mean(axis=0).round(2))
print("centres.std(axis=0): ", centres.std(axis=0).round(2))

# %% [markdown]
# Zeilen und Spalten zählen ab 0, Pixel 14 liegt also knapp hinter der Mitte der 28 Pixel 0 … 27.
# `ml.preprocess_digit` macht, was MNIST gemacht hat, in vier Schritten. Hier sind sie für eine Zeichnung
# auf schwarzer Fläche, so wie das Zeichen-Widget sie schickt (Grauwerte 0–255, helle Tinte auf Schwarz):

# %%
def round_half_up(value):
    return int(np.floor(value + 0.5))  # 2.5 -> 3 (Pythons round(2.5) ergibt 2)


def preprocess_digit(canvas):
    ink = canvas / 255  # 0-255 -> [0, 1]
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    crop = ink[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]  # 1. die Tinte ausschneiden
    height, width = crop.shape
    longer = max(height, width)
    shape = (max(1, round_half_up(height * 20 / longer)), max(1, round_half_up(width * 20 / longer)))
    box = ml.drawing.resize(crop, shape)  # 2. skalieren: die längere Seite wird 20 px lang
    r, c = centre_of_mass(box)
    top, left = round_half_up(14 - r), round_half_up(14 - c)  # 3. Schwerpunkt -> (14, 14)
    image = np.zeros((28, 28))
    image[top:top + box.shape[0], left:left + box.shape[1]] = box
    image /= image.max()  # 4. das hellste Pixel wird 1
    return image.reshape(784, 1).astype(np.float32)


# %% [markdown]
# Eine Testzeichnung: eine 7, klein in die linke obere Ecke einer 140 × 140 großen Fläche gezeichnet, so wie
# jemand in Eile sie zeichnen könnte. „Vorher“ ist die ganze Fläche, einfach auf 28 × 28 verkleinert;
# „nachher“ ist das vorverarbeitete Bild.

# %%
canvas = np.zeros((140, 140), dtype=np.uint8)  # schwarz, wie die Zeichenfläche
canvas[10:20, 10:70] = 255  # der Balken der 7
for row in range(20, 85):  # ihr Strich, schräg nach links unten
    col = int(70 - 0.45 * (row - 20))
    canvas[row, col - 6:col + 4] = 255

before = ml.drawing.resize(canvas / 255, (28, 28)).reshape(784, 1).astype(np.float32)
after = preprocess_digit(canvas)
ml.charts.digit_grid(np.hstack([before, after]), lang=LANG)

# %%
np.testing.assert_allclose(after, ml.preprocess_digit(canvas, invert=False), atol=1e-6)
np.testing.assert_allclose(centre_of_mass(after.reshape(28, 28)), (14, 14), atol=0.5)

# %% [markdown]
# Und was das Netz aus beiden macht:

# %%
P = ml.predict_proba(params, np.hstack([before, after]))
for key, p in zip(("lesson.before", "lesson.after"), P.T, strict=True):
    print(f"{ml.t(key, LANG):8}", ml.fmt("argmax = {k}   max = {top:.0%}   p[7] = {p7:.0%}", LANG, k=p.argmax(),
                                          top=p.max(), p7=p[7]))

# %% [markdown]
# Das Zeichen-Widget oben verwendet genau dieses `ml.preprocess_digit`. Du kannst ihm auch aus Python ein
# Bild übergeben, so wie es der Browser beim Zeichnen tut – scrolle danach nach oben: Die rechte Seite zeigt
# jetzt unsere 7. (Die Zeichenfläche selbst bleibt, wie sie war: Sie sendet nur.)

# %%
panel.canvas.set_image(canvas)
np.testing.assert_allclose(panel.x, after, atol=1e-6)
np.testing.assert_allclose(panel.proba, P[:, 1], rtol=1e-5)
print("panel.proba:", panel.proba.round(2))

# %% [markdown]
# ## Fotos: dunkle Tinte auf hellem Papier
#
# Ein Foto oder Scan einer Ziffer ist das *Gegenteil* von MNIST: dunkle Tinte auf hellem Papier, und das
# Papier ist nie ganz weiß. Hier ist unsere 7 als solches Foto – hellgraues Papier mit etwas Rauschen,
# dunkle Tinte. `ml.preprocess_digit` invertiert ein Bild, wenn sein Rand überwiegend hell ist
# (`invert="auto"`), zieht das Grau des Papiers ab und verwirft schwaches Rauschen. Von links nach rechts:
# das Foto, auf 28 × 28 verkleinert; vorverarbeitet *ohne* Invertieren; vorverarbeitet, wie es sein soll:

# %%
photo = (215 - 0.7 * canvas + rng.normal(0, 8, canvas.shape)).clip(0, 255).astype(np.uint8)
shrunk = ml.drawing.resize(photo / 255, (28, 28)).reshape(784, 1)
not_inverted = ml.preprocess_digit(photo, invert=False)
inverted = ml.preprocess_digit(photo)  # invert="auto": der Rand ist hell, also wird invertiert
ml.charts.digit_grid(np.hstack([shrunk, not_inverted, inverted]), lang=LANG)

# %%
print("ml.predict:", ml.predict(params, np.hstack([not_inverted, inverted])))
np.testing.assert_allclose(inverted, ml.preprocess_digit(photo, invert=True))

# %% [markdown]
# Ohne Invertieren zählt das helle Papier als „Tinte“, und das Netz sieht ein helles Quadrat aus Rauschen
# mit einem dunklen Loch darin – nichts, was MNIST ähnelt. Der Knopf **Foto hochladen …** macht dasselbe wie
# diese Zelle: Er schickt dein Bild als Foto, und `invert="auto"` erledigt den Rest.

# %% [markdown]
# ## Derselbe Code auf Fashion-MNIST
#
# [Fashion-MNIST](https://github.com/zalandoresearch/fashion-mnist) (Zalando Research, 2017) wurde als
# schwierigerer, direkter Ersatz für MNIST gebaut: 70.000 Graustufenbilder (28 × 28) von Kleidungsstücken in
# zehn Klassen – im selben Format, also funktioniert **derselbe Code** unverändert. Nur die Labels
# bedeuten etwas anderes:
#
# | Label | Klasse | Label | Klasse |
# |---|---|---|---|
# | 0 | T-Shirt/Top | 5 | Sandale |
# | 1 | Hose | 6 | Hemd |
# | 2 | Pullover | 7 | Sneaker |
# | 3 | Kleid | 8 | Tasche |
# | 4 | Mantel | 9 | Stiefelette |

# %%
X_fashion, y_fashion = ml.load_mnist("train", dataset="fashion", n=4000, lang=LANG)
X_fashion_test, y_fashion_test = ml.load_mnist("test", dataset="fashion", n=2000, lang=LANG)
params_fashion = ml.init_params([784, 128, 64, 10], rng=rng)
ml.train(params_fashion, X_fashion, y_fashion, schedule=ml.step_decay(0.2, 5, 0.1), n_epochs=8,
         batch_size=64, rng=rng)
y_fashion_pred = ml.predict(params_fashion, X_fashion_test)
print(ml.t("lesson.test", LANG, test=ml.accuracy(y_fashion_test, y_fashion_pred)))

C = ml.confusion_matrix(y_fashion_test, y_fashion_pred)
print(f"{ml.t('lesson.digit', LANG):13}" + " ".join(f"{k:>5}" for k in range(10)))
print(f"{ml.t('lesson.recall', LANG):13}" + " ".join(ml.fmt("{v:5.0%}", LANG, v=v) for v in np.diag(C) / C.sum(axis=1)))

# %%
ml.charts.digit_grid(X_fashion_test[:, :20], y_fashion_test[:20], y_fashion_pred[:20], lang=LANG)

# %% [markdown]
# Die Genauigkeit ist niedriger als bei Ziffern: T-Shirts, Pullover, Mäntel und Hemden sehen sich bei
# 28 × 28 Pixeln sehr ähnlich – sieh dir die Trefferquote (recall) der Labels 0, 2, 4 und 6 an. Im
# Diagrammtitel steht übrigens „Ziffern“, weil das Diagramm für MNIST gebaut wurde; die Zahlen sind die
# Labels aus der Tabelle.

# %% [markdown]
# ## Wie es weitergeht
#
# Du hast von Grund auf alles gebaut, was ein neuronales Netz braucht: Vorwärtsrechnung,
# Verlustfunktion, Fehlerrückführung, Gradientenverfahren, Auswertung und besseres Training. Ein paar
# Möglichkeiten, wie es weitergehen kann:
#
# - **Faltungsnetze** (convolutional neural networks, CNNs). Das Verschiebe-Experiment oben zeigt die
#   Schwäche eines vollständig verbundenen Netzes: Es lernt Pixelpositionen. Eine Faltungsschicht schiebt
#   *denselben* kleinen Filter über das ganze Bild, sodass ein Strich überall erkannt wird, wo er auch
#   liegt. CNNs schaffen auf MNIST über 99 %.
# - **PyTorch** (oder JAX, TensorFlow). Dasselbe Netz 784-128-64-10 ist dort in ein paar Zeilen geschrieben,
#   und *Autograd* berechnet alle Gradienten für dich – du weißt jetzt genau, was es da berechnet. Baue
#   Lektion 08 in PyTorch nach und vergleiche das Ergebnis mit `ml.train`.
# - **Zum Weiterlesen:** Michael Nielsen, *Neural Networks and Deep Learning* (kostenloses Online-Buch,
#   dieselbe Schreibweise mit einer Spalte pro Bild); die Videoreihe *Neural networks* von 3Blue1Brown;
#   *Dive into Deep Learning* (d2l.ai, mit Code); die Kursunterlagen *CS231n* aus Stanford; Yann LeCuns
#   MNIST-Seite zur Geschichte des Datensatzes.

# %% [markdown]
# ## Aufgaben
#
# **Aufgabe 1.** An welche Stelle (Zeile, Spalte) des 28 × 28-Bildes legt MNIST den Schwerpunkt einer
# Ziffer? (Zeilen und Spalten zählen ab 0.)

# %%
answer = ...
ml.check("09.centre", answer, lang=LANG)

# %% [markdown]
# **Aufgabe 2.** Ein Foto ist schon auf Grauwerte in [0, 1] skaliert: Weißes Papier ist 1, schwarze Tinte
# ist 0. Schreibe eine Funktion `to_mnist_style(photo)`, die es in die MNIST-Konvention bringt (Tinte hell,
# Papier schwarz).

# %%
def to_mnist_style(photo):
    ...  # dein Code


answer = ...  # wenn deine Funktion fertig ist: answer = to_mnist_style
ml.check("09.invert", answer, lang=LANG)

# %% [markdown]
# **Aufgabe 3 · Welche Kleidungsstücke verwechselt das Netz?** In einer Konfusionsmatrix `C` (Zeilen:
# richtige Klasse, Spalten: vorhergesagte Klasse, wie in Lektion 07) taucht eine Verwechslung zweier Klassen
# a und b zweimal auf: als `C[a, b]` (ein a für ein b gehalten) und als `C[b, a]` (ein b für ein a
# gehalten). Schreibe `mixed_up(C)`, das das Paar `(a, b)` zweier verschiedener Klassen zurückgibt, die das
# Netz **in beiden Richtungen zusammen** am häufigsten verwechselt – für eine Matrix beliebiger Größe und
# ohne `C` zu verändern. Überlege dann, was die beiden Klassen gemeinsam haben – die Lösungen wenden die
# Funktion auf die Fashion-MNIST-Matrix `C` von oben an.

# %%
def mixed_up(C):
    ...  # dein Code


answer = ...  # wenn deine Funktion fertig ist: answer = mixed_up
ml.check("09.mixed_up", answer, lang=LANG)

# %% [markdown]
# ## Zusammenfassung
#
# - Mit `ml.draw_digit(model, lang=LANG)` zeichnest du eine Ziffer oder lädst ein Foto hoch und siehst,
#   was das Netz sieht und welche Wahrscheinlichkeiten es ausgibt.
# - Ein vollständig verbundenes Netz hat Pixel**positionen** gelernt: Eine um ein paar Pixel verschobene
#   Ziffer wird oft falsch gelesen. Deshalb wird jede Eingabe in die MNIST-Form gebracht: ausschneiden,
#   längere Seite 20 px, **Schwerpunkt auf (14, 14)**, hellstes Pixel 1 (`ml.preprocess_digit`).
# - Ein **Foto** ist dunkel auf hell: Invertiere es (und entferne das Grau des Papiers), bevor das Netz es
#   sieht.
# - Derselbe Code lernt **Fashion-MNIST**; nur die Labels bedeuten etwas anderes.
#
# Das war die letzte Lektion – herzlichen Glückwunsch! Zurück zum Anfang geht es jederzeit hier:
# [00 · Start](00_start.ipynb); Begriffe schlägst du im [Glossar](../glossary.md) nach.

# %% [markdown]
# ## Lösungen
#
# Jede Zelle prüft eine Lösung (und schlüge fehl, wäre sie falsch).

# %%
assert ml.check("09.centre", (14, 14), lang=LANG)  # oben gemessen: etwa (14,0; 14,0)

# %%
def to_mnist_style_solution(photo):
    return 1 - photo  # Papier 1 -> 0, Tinte 0 -> 1, Grau bleibt Grau


assert ml.check("09.invert", to_mnist_style_solution, lang=LANG)

# %%
def mixed_up_solution(C):
    both = C + C.T  # both[a, b] = C[a, b] + C[b, a]: eine neue Matrix, C bleibt, wie es ist
    both[np.tril_indices_from(both)] = 0  # jedes Paar einmal (a < b); auf der Diagonalen stehen die Treffer
    return divmod(int(np.argmax(both)), both.shape[1])  # flacher Index -> (Zeile, Spalte)


assert ml.check("09.mixed_up", mixed_up_solution, lang=LANG)
a, b = mixed_up_solution(C)
names = ml.t("lesson.fashion_classes", LANG).split("|")
print(ml.t("lesson.mixed_up", LANG, a=a, name_a=names[a], b=b, name_b=names[b], n=C[a, b] + C[b, a],
           errors=C.sum() - np.trace(C)))
assert {a, b} <= {0, 2, 4, 6}  # T-Shirt/Top, Pullover, Mantel, Hemd

# %% [markdown]
# Am häufigsten verwechselt werden zwei Kleidungsstücke für den Oberkörper (die Zelle oben prüft es: Labels
# 0, 2, 4 oder 6). Bei 28 × 28 grauen Pixeln haben T-Shirt, Pullover, Mantel und Hemd fast denselben Umriss
# – ein Rumpf mit Ärmeln. Was sie unterscheidet – ein Kragen, Knöpfe, ein Reißverschluss, die Länge der
# Ärmel –, sind ein paar Pixel Detail, und unser Netz, das jede Pixelposition für sich gewichtet, hat dafür
# keinen besonderen Blick. Eine Hose (Label 1), eine Sandale (5) oder eine Tasche (8) hat einen eigenen
# Umriss: Vergleiche ihre Trefferquote in der Tabelle oben mit der von 0, 2, 4 und 6.
