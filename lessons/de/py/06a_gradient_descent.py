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
# - schreibst du die Trainingsschleife selbst – vorwärts, rückwärts, Update, immer wieder – und siehst zu,
#   wie der Verlust sinkt,
# - prüfst du, dass `ml.train` genau dasselbe tut: gleicher Start, gleiche Verlustkurve,
# - siehst du, was eine zu kleine, eine passende und eine zu große Lernrate (learning rate) bewirken – und
#   warum eine zu große den Verlust explodieren lässt,
# - trainierst du im Trainings-Panel und beobachtest live den Verlust und die Gradienten jeder Schicht.
#
# ⏱ etwa 60 Minuten, mit den Aufgaben

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
# ## Wie groß darf ein Schritt sein? Die Lernrate
#
# Warum nicht einfach riesige Schritte machen und früher fertig sein? Sieh dir das einfachste Tal an, das es
# gibt: $L(w) = w^2/2$ mit dem Gradienten $w$. Ein Schritt ergibt $w \leftarrow w - \alpha w = (1 - \alpha)\,
# w$:

# %%
for alpha in (0.1, 1.5, 2.5):
    w, path = 1.0, [1.0]
    for _ in range(6):
        w = w - alpha * w  # ein Schritt des Gradientenverfahrens auf L(w) = w**2 / 2
        path.append(w)
    print(f"{alpha = }:", np.round(path, 2))

# %% [markdown]
# - $\alpha = 0{,}1$: Jeder Schritt nimmt 10 % der Entfernung weg – sicher, aber langsam.
# - $\alpha = 1{,}5$: Jeder Schritt springt *über* den Talboden auf die andere Seite, landet aber näher dran –
#   ein Zickzack, das trotzdem ankommt.
# - $\alpha = 2{,}5$: Jeder Schritt springt über den Talboden und landet *weiter* weg, $|1 - \alpha| > 1$:
#   Die Entfernung wächst mit jedem Schritt. Die Schritte **divergieren**.
#
# Der Verlust eines Netzes ist ein Tal in Tausenden von Dimensionen, in manche Richtungen steiler als in
# andere. Die steilste Richtung setzt die Grenze: Wo ein Tal doppelt so steil ist, ist der sichere Schritt
# halb so lang.

# %% [markdown]
# ### Aufgabe 2 · Erst vorhersagen
#
# Mit `learning_rate = 0.5` hat unser Netz gut gelernt. Was passiert mit `learning_rate = 10`, wenn sonst
# alles gleich bleibt? Antworte mit einem Wort: `"schneller"`, `"langsamer"` oder `"divergiert"` (englische
# Antworten wie `"diverges"` versteht `ml.check` auch) – und lies dann weiter.

# %%
answer = ...
ml.check("06.lr_10", answer, lang=LANG)

# %% [markdown]
# ### Drei Lernraten, gleicher Start
#
# Wir trainieren dasselbe Netz vom selben `start` aus mit einer zu kleinen Lernrate (0,01), unseren 0,5 und
# einer zu großen (10). Der Lauf mit 0,5 ist der von oben.

# %%
rates = (0.01, learning_rate, 10.0)
runs = {learning_rate: history}
for rate in rates:
    if rate not in runs:
        params_rate = {name: value.copy() for name, value in start.items()}
        runs[rate] = ml.train(params_rate, X, y, learning_rate=rate, n_epochs=n_iterations, record_steps=True,
                              lang=LANG)
for rate in rates:
    run = runs[rate]
    print(f"learning_rate = {rate:<5g} {run.loss[0] = :.3f}   {run.loss[-1] = :.3f}   "
          f"run.epoch[-1] = {run.epoch[-1]:3}   run.stopped = {run.stopped}")

# %%
figure = ml.charts.loss_curve({}, lang=LANG, log_y=True)  # leeres Diagramm mit Achsen und Titel
for rate, colour in zip(rates, ml.charts.LAYER_COLOURS, strict=False):
    run = runs[rate]
    figure.add_scatter(x=run.epoch, y=run.loss, name=ml.fmt("α = {rate:g}", LANG, rate=rate), mode="lines+markers",
                       line={"color": colour, "width": 3})
figure

# %% [markdown]
# (Die Verlustachse ist logarithmisch, damit alle drei Kurven hineinpassen.)
#
# - **Zu klein** ($\alpha = 0{,}01$): Jeder Schritt geht in die richtige Richtung, aber die Schritte sind
#   winzig. Nach denselben 100 Epochen liegt der Verlust noch weit über den anderen; es bräuchte ein
#   Vielfaches an Epochen – und an Zeit.
# - **Passend** ($\alpha = 0{,}5$): Der Verlust fällt schnell und flacht dann ab, wenn sich das Netz dem
#   Talboden nähert.
# - **Zu groß** ($\alpha = 10$): Die Kurve endet fast sofort. `ml.train` hat bemerkt, dass der Verlust
#   davonläuft, und abgebrochen.
#
# ### Was `ml.train` meldet, wenn das Training divergiert

# %%
run = runs[10.0]
print("run.stopped       =", run.stopped)
print("run.diverged_loss =", run.diverged_loss)
print(run.message)

# %% [markdown]
# `ml.train` bricht ab, sobald der Verlust `inf` oder `nan` wird oder um mehr als $10 \ln 10 \approx 23$ über
# den Verlust vor dem Training steigt – dann gibt das Netz der richtigen Ziffer im Mittel nur noch eine
# Wahrscheinlichkeit von höchstens etwa $e^{-25}$: Es ist sich sicher und liegt falsch. `ml.train` setzt die
# Gewichte dann auf den Stand nach der letzten guten Epoche zurück (so enthalten sie nie `nan`), hebt den
# davongelaufenen Verlust in `diverged_loss` auf und sagt, was zu tun ist: eine zehnmal kleinere Lernrate.
#
# ### Warum der Verlust explodiert
#
# Was wäre ohne diese Schutzregel passiert? Unsere eigene Schleife hat keine. Zehn Schritte mit
# $\alpha = 10$:

# %%
params_big = {name: value.copy() for name, value in start.items()}
exploded = gradient_descent(params_big, X, y, 10.0, 10, print_every=1)
A2_big, cache_big = ml.forward(params_big, X)
print("max |W1|, |b1|, |W2|, |b2|:", [round(float(np.abs(value).max()), 1) for value in params_big.values()])
alive = int((cache_big["A1"] > 0).any(axis=1).sum())  # verdeckte Neuronen, die bei irgendeinem Bild positiv sind
print(f"alive = {alive} / {n_hidden}")

# %% [markdown]
# Schritt für Schritt:
# 1. Der erste Schritt ist zu lang: Er springt über den Talboden an eine Stelle, an der der Verlust höher und
#    der Hang steiler ist.
# 2. Ein steilerer Hang bedeutet einen größeren Gradienten, also wird der nächste Schritt noch länger – das
#    Überschießen schaukelt sich auf, wie bei $\alpha = 2{,}5$ oben. Die Gewichte wachsen auf ein Vielfaches
#    ihrer Anfangsgröße.
# 3. Große Gewichte ergeben große Rohwerte in `Z2`. Die Softmax macht daraus Wahrscheinlichkeiten von fast
#    genau 0 und 1, jede falsche Antwort ist also *sicher* falsch: Der Verlust springt auf Werte im
#    zweistelligen Bereich (Lektion 04: bis zu 87 pro Bild).
# 4. Die riesigen Updates drücken außerdem die Rohwerte `Z1` der meisten verdeckten Neuronen bei jedem Bild
#    unter null. Bekommt die ReLU eines Neurons nie einen positiven Wert, gibt sie keinen Gradienten zurück
#    (Lektion 05) – das Neuron ist **tot** (dead neuron) und erholt sich nie wieder. `alive` („lebendig“) oben
#    zählt die verdeckten Neuronen, die bei mindestens einem Bild noch positiv sind.
#
# Danach kriecht der Verlust wieder Richtung $\ln 10 \approx 2{,}3$ – das sieht nach Erholung aus, ist aber
# keine: Mit einer (fast) toten verdeckten Schicht gibt das Netz für jedes Bild beinahe dieselbe Antwort und
# kann nur noch seine Ausgabe-Biases so einstellen, dass es möglichst gut rät. Die Genauigkeit bleibt bei etwa
# 10 %: die Plausibilitätsprüfung aus Lektion 04. Deshalb bricht `ml.train` beim ersten Anzeichen von
# Divergenz ab und behält die letzten guten Gewichte.

# %% [markdown]
# ### Die Gradienten jeder Schicht
#
# Mit `ml.train(..., record_steps=True)` zeichnet das Training nach jedem Schritt auch die Größe (Norm) von
# `dW1` und `dW2` auf. Für unseren guten Lauf:

# %%
ml.charts.gradient_norms(runs[learning_rate], lang=LANG)

# %% [markdown]
# Beide Normen sind in den ersten Schritten am größten, wo das Tal steil ist, und schrumpfen, je näher das
# Netz dem Talboden kommt – die Schritte werden von selbst kürzer, obwohl die Lernrate fest ist. Die beiden
# Schichten haben unterschiedlich große Gradienten; eine einzige Lernrate muss zu beiden passen. Sprünge und
# Spitzen in diesen Kurven warnen früh, dass die Lernrate zu groß ist.

# %% [markdown]
# ## Das Trainings-Panel
#
# Jetzt bist du dran. Das Panel trainiert ein Netz auf denselben 500 Bildern, mit den Validierungsbildern für
# die gestrichelten Kurven. Sein Dashboard zeigt live den Verlust, die Genauigkeit, die Gradientennorm jeder
# Schicht und die Formen des Netzes. Wir laden unsere Einstellungen (voller Stapel, $n_h = 16$,
# $\alpha = 0{,}5$, 100 Epochen) und trainieren einmal per Code, damit du einen fertigen Lauf siehst:

# %%
panel = ml.training_panel(X, y, X_val, y_val, lang=LANG)
panel.load_settings(f"lr={learning_rate};h={n_hidden};ep={n_iterations};bs=full;act=relu;init=he;seed=0")
panel.train(wait=True)  # der Knopf „Trainieren“ macht dasselbe
panel

# %%
assert not panel.history.diverged and panel.history.loss[-1] < panel.history.loss[0]
print(panel.settings_string())
print(panel.message)

# %% [markdown]
# **Probiere es aus:** (Ein kurzer Lauf, den du mit **Trainieren** startest, wird auf etwa vier Sekunden
# gestreckt, damit du den Kurven beim Wachsen zusehen kannst. In das Zahlenfeld neben einem Regler kannst du
# auch tippen, und die Pfeiltasten bewegen ihn schrittweise.)
# 1. Schiebe den Regler für die Lernrate auf 0,01 und drücke **Trainieren**: Der Verlust kriecht.
# 2. Stelle ihn auf 10 und drücke **Trainieren**: Das Panel bricht fast sofort ab, mit einer roten Meldung,
#    die sagt, was passiert ist und was zu tun ist.
# 3. Probiere Werte zwischen 0,5 und 10. Ab welchem Wert geht es schief? Um 2 herum siehst du vielleicht einen
#    Lauf, der nicht explodiert, aber bei $\ln 10 \approx 2{,}3$ mit etwa 10 % Genauigkeit hängen bleibt –
#    tote Neuronen, wie oben.
# 4. Im Menü **Experiment** gibt es fertige Einstellungen, z. B. „Lernrate zu klein“ und „Lernrate zu groß“.
#    Sie trainieren mit Mini-Batches (kleinen Stapeln) zu 64 Bildern statt mit dem vollen Stapel – warum das
#    viel schneller geht, erklärt Lektion 08 –, aber die Lernrate wirkt genauso.
#
# Alles, was die Knöpfe tun, geht auch per Code, z. B. `panel.controls["learning_rate"].value = 10` und dann
# `panel.train(wait=True)`; `panel.message` enthält den Text des Meldungsfelds und `panel.history` den Lauf.

# %% [markdown]
# ### Aufgabe 3 · Updates pro Epoche
#
# Die vollständigen MNIST-Trainingsdaten umfassen 60.000 Bilder. Wie viele Updates der Gewichte gibt es in
# einer Epoche mit vollem Stapel – und wie viele mit Mini-Batches zu 64 Bildern? 60.000 ist kein Vielfaches
# von 64: Zähle die übrig bleibenden Bilder wie `ml.train` als einen letzten, kleineren Stapel. Antworte mit
# einem Tupel `(voller_stapel, stapel_64)`.

# %%
answer = ...
ml.check("06.updates_per_epoch", answer, lang=LANG)

# %% [markdown]
# ## Zusammenfassung
#
# - Das Gradientenverfahren wiederholt: Vorwärtsrechnung, Verlust, Fehlerrückführung, Update
#   $W \leftarrow W - \alpha\, dW$ (und genauso für $b$). Voller Stapel: Jeder Schritt nutzt alle
#   Trainingsbilder, ein Schritt pro Epoche.
# - `ml.train` führt diese Schleife aus und gibt eine `History` zurück (Verlust und Genauigkeit pro Epoche,
#   Gradientennormen pro Schritt mit `record_steps=True`); vom selben Start aus liefert die Funktion dieselbe
#   Verlustkurve wie unsere Schleife.
# - Die Lernrate $\alpha$: zu klein – langsam; passend – schnell, dann flacher; zu groß – die Schritte
#   schießen über, schaukeln sich auf und divergieren: riesige Gewichte, sichere falsche Antworten, tote
#   ReLU-Neuronen. `ml.train` bricht ab, stellt die letzten guten Gewichte wieder her und schlägt eine
#   kleinere Lernrate vor.
# - Ein Verlust, der bei $\ln 10$ mit 10 % Genauigkeit hängen bleibt, bedeutet: Das Netz hat nichts gelernt –
#   oder ist kaputt.
#
# **Weiter:** [07 · Auswertung](07_evaluation.ipynb) – wie gut ist das Netz auf Bildern, die es nie gesehen
# hat?

# %% [markdown]
# ## Lösungen
#
# **Aufgabe 1.** Den Gradienten abziehen, skaliert mit der Lernrate:

# %%
def update(W1, dW1, learning_rate):
    return W1 - learning_rate * dW1


assert ml.check("06.update_W1", update, lang=LANG)

# %% [markdown]
# **Aufgabe 2.** Es divergiert: `ml.train` meldet `stopped = "diverged"` (siehe die Läufe oben).

# %%
assert runs[10.0].diverged
assert ml.check("06.lr_10", "diverges", lang=LANG)

# %% [markdown]
# **Aufgabe 3.** Voller Stapel: ein Update pro Epoche. Stapel zu 64: $60.000 / 64 = 937{,}5$ – 937 volle
# Stapel und ein kleinerer mit den restlichen 32 Bildern, also 938 Updates.

# %%
assert ml.check("06.updates_per_epoch", (1, int(np.ceil(60_000 / 64))), lang=LANG)

# %% [markdown]
# **Du bist dran · die Trainingsschleife.** Unser `gradient_descent` oben ist so eine Schleife (es druckt nur
# öfter):

# %%
def quiet_loop(params, X, y, learning_rate, n_steps):
    return gradient_descent(params, X, y, learning_rate, n_steps, print_every=10**9)


assert ml.check("06.train_loop", quiet_loop, lang=LANG)
