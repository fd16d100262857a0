# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 06a · Gradientenverfahren: Das Netz lernt
#
# **In dieser Lektion**
# - gehst du einen Schritt bergab: die Update-Regel,
# - schreibst du die Trainingsschleife selbst – vorwärts, rückwärts, Update, immer wieder – und siehst zu,
#   wie der Verlust sinkt, in einem Netz aus *deinen* Funktionen der Lektionen 02–05,
# - prüfst du, dass `ml.train` genau dasselbe tut: gleicher Start, gleiche Verlustkurve, dazu
#   Validierungsdaten, an denen wir das Ergebnis beurteilen.
#
# ⏱ etwa 40 Minuten, mit den Aufgaben

# %%
import numpy as np

import mnistlab as ml

LANG = "de"
rng = np.random.default_rng(0)

# %% [markdown]
# ## Ein Schritt bergab
#
# Lektion 05 hat uns für jedes Gewicht und jeden Bias seinen Gradienten geliefert: die Richtung, in der der
# Verlust am schnellsten wächst. Damit der Verlust *kleiner* wird, verschieben wir jeden Parameter ein
# kleines Stück in die Gegenrichtung. Diese Aktualisierung der Parameter heißt kurz **Update** (update):
#
# $$W^{[l]} \leftarrow W^{[l]} - \alpha \, dW^{[l]} \qquad b^{[l]} \leftarrow b^{[l]} - \alpha \, db^{[l]}$$
#
# $\alpha$ (`learning_rate`, die Lernrate) bestimmt die Schrittweite. Dann berechnen wir an der neuen Stelle
# wieder Verlust und Gradienten, gehen den nächsten Schritt und so weiter: das **Gradientenverfahren**
# (gradient descent). Stelle dir vor, du steigst bei dichtem Nebel in ein Tal ab: Du spürst nur die Neigung
# unter deinen Füßen, also machst du einen Schritt bergab, tastest erneut, machst den nächsten Schritt.

# %% [markdown]
# ### Aufgabe 1 · Die Update-Regel
#
# Schreibe eine Funktion `update(W1, dW1, learning_rate)`, die das neue `W1` nach einem Schritt des
# Gradientenverfahrens zurückgibt. Setze dann `answer = update`.

# %%
answer = ...
ml.check("06.update_W1", answer, lang=LANG)

# %% [markdown]
# ## Die Trainingsschleife, ausgeschrieben
#
# Wir trainieren auf 500 Trainingsbildern – genug zum Lernen, aber so wenige, dass das Training nur Sekunden
# dauert (auch wenn das vollständige MNIST auf deiner Festplatte liegt) – und legen 500 weitere
# *Trainingsbilder* als **Validierungsdaten** (validation set) beiseite, auf denen das Netz nie trainiert:
# `ml.train_val_split` wählt sie zufällig aus. An ihnen beurteilen und verbessern wir unsere Einstellungen;
# die Testdaten bleiben bis Lektion 07 unter Verschluss, wie Lektion 01 versprochen hat. Wie das
# Original-Tutorial verwenden wir das Gradientenverfahren mit **vollem Stapel** (full batch): Jeder Schritt
# nutzt *alle* Trainingsbilder. Ein Durchlauf durch die Daten heißt **Epoche** (epoch); hier ist eine Epoche
# also genau ein Schritt.
#
# Alle Trainingsläufe dieser Lektion starten mit denselben Anfangsgewichten `start`, damit man sie
# vergleichen kann.

# %%
X_all, y_all = ml.load_mnist("train", n=1000, lang=LANG)  # eine kleine Teilmenge hält das Training schnell, auch mit vollem MNIST
X, y, X_val, y_val = ml.train_val_split(X_all, y_all, 500, np.random.default_rng(1))  # 500 zum Trainieren, 500 zum Abstimmen
n_hidden, learning_rate, n_iterations = 16, 0.5, 100
start = ml.init_params([784, n_hidden, 10], rng=rng)  # derselbe Start für alle Läufe unten

# %% [markdown]
# ## Dein Netz
#
# In den Lektionen 02–05 hast du die Funktionen des Netzes selbst geschrieben; jede, die ihre Prüfung
# bestanden hat, liegt in deinem *Arbeitsheft* (workbook). Die Schleife unten ist aus ihnen gebaut: Wo du eine
# Funktion geschrieben hast, benutzt sie deine, sonst die von mnistlab. Die Tabelle zeigt, welche welche ist
# (`ml.workbook.reset()` leert das Arbeitsheft):

# %%
mine = ml.workbook.mine(lang=LANG)  # dein forward, backward, … wo du sie geschrieben hast, sonst die von mnistlab
mine

# %% [markdown]
# ### Du bist dran · die Trainingsschleife
#
# Bevor du unsere liest: Schreibe `my_loop(params, X, y, learning_rate, n_steps)`. Jeder Schritt rechnet
# vorwärts, misst den Verlust, rechnet rückwärts und bewegt jeden Parameter (`W1`, `b1`, `W2`, `b2`) einen
# Schritt bergab; die Funktion gibt die `n_steps + 1` Verlustwerte zurück – vor jedem Schritt und noch einmal
# nach dem letzten. Benutze `mine.forward`, `mine.cross_entropy`, `mine.backward` und `mine.one_hot` von oben:
# deine eigenen Funktionen, wo du sie geschrieben hast. Die Prüfung lässt deine Schleife eine winzige Aufgabe
# lösen und vergleicht ihre Verlustwerte mit denen von `ml.train`.

# %%
def my_loop(params, X, y, learning_rate, n_steps):
    ...  # losses = []; für jeden Schritt: vorwärts, Verlust, rückwärts, Update; return losses


answer = ...  # wenn my_loop fertig ist: answer = my_loop
ml.check("06.train_loop", answer, lang=LANG)

# %% [markdown]
# Die Schleife: Vorwärtsrechnung (Lektion 03), Verlust (Lektion 04), Fehlerrückführung (Lektion 05), Update
# (oben). Alle 20 Iterationen gibt sie den Verlust (`loss`) aus und den Anteil der Trainingsbilder, die das
# Netz richtig erkennt (`accuracy`, die Genauigkeit):

# %%
def gradient_descent(params, X, y, learning_rate, n_iterations, print_every=20):
    losses = []
    for i in range(n_iterations + 1):
        A2, cache = mine.forward(params, X)  # 1. vorwärts: Wahrscheinlichkeiten für alle Bilder
        losses.append(mine.cross_entropy(A2, y))  # wie falsch liegt das Netz gerade?
        if i % print_every == 0:
            accuracy = (A2.argmax(axis=0) == y).mean()
            print(f"i = {i:3}   loss = {losses[-1]:.4f}   accuracy = {accuracy:.1%}")
        if i == n_iterations:
            break  # die letzte Iteration misst nur noch
        grads = mine.backward(params, cache, mine.one_hot(y))  # 2. rückwärts: alle Gradienten
        params["W1"] -= learning_rate * grads["dW1"]  # 3. Update: ein kleiner Schritt bergab
        params["b1"] -= learning_rate * grads["db1"]
        params["W2"] -= learning_rate * grads["dW2"]
        params["b2"] -= learning_rate * grads["db2"]
    return losses


params = {name: value.copy() for name, value in start.items()}
losses = gradient_descent(params, X, y, learning_rate, n_iterations)

# %% [markdown]
# Der Verlust fällt von etwa $\ln 10$ (Lektion 04: Ein untrainiertes Netz rät) auf einen kleinen Bruchteil
# davon, und die Genauigkeit steigt. Das ist Lernen – nicht mehr als diese Schleife.
#
# ## Dasselbe mit `ml.train`
#
# `ml.train(params, X, y, learning_rate=..., n_epochs=...)` erledigt diese Schleife für uns und gibt eine
# `History` zurück: Verlust und Genauigkeit nach jeder Epoche (Eintrag 0: vor dem Training), auch auf den
# Validierungsbildern, wenn wir sie mitgeben. Ohne `batch_size` trainiert die Funktion mit vollem Stapel, wie
# unsere Schleife. Gleicher Start, gleiche Einstellungen:

# %%
params_ml = {name: value.copy() for name, value in start.items()}
history = ml.train(params_ml, X, y, learning_rate=learning_rate, n_epochs=n_iterations,
                   X_val=X_val, y_val=y_val, record_steps=True, lang=LANG)
print(history.message)
print(f"history.loss[0] = {history.loss[0]:.4f}   history.loss[-1] = {history.loss[-1]:.4f}")

# %% [markdown]
# Die Prüfung: derselbe Verlust nach jedem Schritt und am Ende dieselben Vorhersagen – bis auf Rundung, denn
# deine eigenen Funktionen addieren die Zahlen vielleicht in einer anderen Reihenfolge als mnistlab (über 100
# Schritte wachsen solche winzigen Unterschiede etwas, deshalb erlauben wir 1 %).

# %%
np.testing.assert_allclose(history.loss, losses, rtol=1e-2)  # Rundung: deine Funktionen summieren vielleicht anders
assert (ml.predict(params_ml, X) == ml.predict(params, X)).mean() > 0.98  # the same network at the end
print("len(history.loss) =", len(history.loss))

# %% [markdown]
# Als Diagramm – der Verlust auf den Trainingsbildern (durchgezogen) und auf den 500 Validierungsbildern
# (gestrichelt):

# %%
ml.charts.loss_curve(history, lang=LANG)

# %%
print(f"history.accuracy[-1] = {history.accuracy[-1]:.1%}   history.val_accuracy[-1] = {history.val_accuracy[-1]:.1%}")

# %% [markdown]
# Auf den Bildern, mit denen es trainiert hat, schneidet das Netz besser ab als auf neuen – wie viel besser
# und was man dagegen tun kann, ist Thema von Lektion 07.

# %% [markdown]
# ## Zusammenfassung
#
# - Das Gradientenverfahren wiederholt: Vorwärtsrechnung, Verlust, Fehlerrückführung, Update
#   $W \leftarrow W - \alpha\, dW$ (und genauso für $b$). Voller Stapel: Jeder Schritt nutzt alle
#   Trainingsbilder, ein Schritt pro Epoche.
# - `ml.train` führt diese Schleife aus und gibt eine `History` zurück (Verlust und Genauigkeit pro Epoche,
#   Gradientennormen pro Schritt mit `record_steps=True`); vom selben Start aus liefert die Funktion dieselbe
#   Verlustkurve wie unsere Schleife.
# - Ein Verlust, der von etwa $\ln 10$ aus sinkt, während die Genauigkeit steigt: Das Netz lernt. Lektion 06b
#   fragt, wie groß die Schritte sein dürfen.
#
# **Weiter:** [06b · Wie groß ein Schritt? Die Lernrate](06b_learning_rate.ipynb) – wann das
# Gradientenverfahren konvergiert, pendelt oder divergiert, und das Trainings-Panel.

# %% [markdown]
# ## Lösungen
#
# **Aufgabe 1.** Den Gradienten abziehen, skaliert mit der Lernrate:

# %%
def update(W1, dW1, learning_rate):
    return W1 - learning_rate * dW1


assert ml.check("06.update_W1", update, lang=LANG)

# %% [markdown]
# **Du bist dran · die Trainingsschleife.** Unser `gradient_descent` oben ist so eine Schleife (es druckt nur
# öfter):

# %%
def quiet_loop(params, X, y, learning_rate, n_steps):
    return gradient_descent(params, X, y, learning_rate, n_steps, print_every=10**9)


assert ml.check("06.train_loop", quiet_loop, lang=LANG)
