# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 08d · Gegen Überanpassung: Gewichtsabnahme, frühes Stoppen, Datenanreicherung
#
# **In dieser Lektion**
# - siehst du **Überanpassung** (overfitting) entstehen: Der Verlust auf den Trainingsdaten fällt weiter,
#   während der Verlust auf den Validierungsdaten steigt,
# - probierst du drei Gegenmittel aus, **immer nur eine Änderung** vom selben Start aus: **Gewichtsabnahme**
#   (weight decay, ein L2-Strafterm auf die Gewichte), **frühes Stoppen** (early stopping) und
#   **Datenanreicherung** (data augmentation: um ein paar Pixel verschobene Ziffern),
# - vergleichst du alle in einem Diagramm, mit den Zahlen, und probierst sie im Trainings-Panel aus.
#
# ⏱ etwa 40 Minuten, mit den Aufgaben

# %%
import numpy as np

import mnistlab as ml

LANG = "de"
rng = np.random.default_rng(0)

# %% [markdown]
# ## Wo wir stehen
#
# In Lektion 08c haben Impuls und Adam das Netz viel schneller trainiert. Aber ein niedriger Verlust auf den
# *Trainingsdaten* ist nicht das Ziel: Das Netz soll Ziffern lesen, die es nie gesehen hat. Lektion 07 hat
# den Abstand zwischen der Genauigkeit auf Trainings- und Testdaten gemessen; hier sehen wir zu, wie sich
# dieser Abstand Epoche für Epoche öffnet, und versuchen, ihn zu schließen.
#
# Damit es in Sekunden sichtbar wird, trainieren wir auf nur **500 Bildern** und legen 500 weitere als
# Validierungsdaten beiseite (die Testdaten bleiben unter Verschluss). Jeder Lauf: 784-128-64-10,
# He-Anfangsgewichte aus demselben Startwert, Adam mit $\alpha = 0{,}003$ (etwas größer als 0,001 in 08c,
# damit sich der Effekt innerhalb von 40 Epochen zeigt), Stapel zu 64, dieselbe Mischreihenfolge.

# %%
X_pool, y_pool = ml.load_mnist("train", n=1000, lang=LANG)
X_train, y_train, X_val, y_val = ml.train_val_split(X_pool, y_pool, 500, np.random.default_rng(1))
print("X_train:", X_train.shape, " X_val:", X_val.shape)


def run(n_epochs=40, **remedy):  # jedes Mal dasselbe Netz, derselbe Start, dieselbe Mischung; nur `remedy` ändert sich
    params = ml.init_params([784, 128, 64, 10], rng=np.random.default_rng(1))
    history = ml.train(params, X_train, y_train, optimizer="adam", learning_rate=0.003, n_epochs=n_epochs,
                       batch_size=64, rng=np.random.default_rng(2), X_val=X_val, y_val=y_val, lang=LANG, **remedy)
    return params, history


# %% [markdown]
# ## Überanpassung, beobachtet
#
# Zuerst ohne jedes Gegenmittel. Das Diagramm zeigt den Verlust auf den Validierungsdaten (durchgezogen) und,
# gepunktet, den Verlust auf den Trainingsdaten – auf einer logarithmischen Achse, damit beide sichtbar
# bleiben:

# %%
params_plain, plain = run()
best = int(np.argmin(plain.val_loss))
print(ml.t("lesson.overfit_best", LANG, epoch=best, loss=plain.val_loss[best], acc=plain.val_accuracy[best]))
print(ml.t("lesson.overfit_end", LANG, epoch=plain.epoch[-1], loss=plain.val_loss[-1], acc=plain.val_accuracy[-1],
           train=plain.loss[-1]))
runs = {ml.t("lesson.run_plain", LANG): plain}
ml.compare_chart.compare_runs(runs, lang=LANG, train=True, log_y=True, title=ml.t("lesson.overfit_title", LANG))

# %%
assert plain.loss[-1] < 0.01 and plain.val_loss[-1] > 1.05 * plain.val_loss[best] and best < 20

# %% [markdown]
# Der Verlust auf den Trainingsdaten sinkt fast auf 0: Das Netz hat seine 500 Bilder auswendig gelernt. Der
# Verlust auf den Validierungsdaten ist früh am kleinsten und **steigt** dann wieder – das ist
# **Überanpassung**. Die Genauigkeit auf den Validierungsdaten bewegt sich dabei kaum (die beiden Zeilen
# oben): Das Netz macht nicht viel mehr Fehler, es wird sich bei seinen Fehlern nur *sicherer*, und die
# Kreuzentropie bestraft sichere Fehler hart (Lektion 04).

# %% [markdown]
# ## Gewichtsabnahme
#
# Ein Netz, das jedes Trainingsbild genau trifft, braucht meist große Gewichte. Die **Gewichtsabnahme**
# (weight decay) addiert dafür einen Strafterm (penalty) zum Verlust – die Quadrate aller Gewichte (nicht der
# Biases), mal $\lambda/2$:
#
# $$L_{\text{total}} = L + \frac{\lambda}{2} \sum_l \big\|W^{[l]}\big\|^2, \qquad
#   dW^{[l]} \leftarrow dW^{[l]} + \lambda\, W^{[l]}$$
#
# Der zusätzliche Gradient $\lambda W$ zieht jedes Gewicht in jedem Schritt Richtung 0 (mit einfachem SGD:
# $W \leftarrow (1 - \alpha\lambda)\, W - \alpha\, dW$ – die Gewichte *nehmen ab*).
# `ml.train(..., weight_decay=λ)` macht genau das; `History.loss` bleibt der Datenverlust (die
# Kreuzentropie, vergleichbar mit den anderen Läufen), und `History.penalty` enthält den Strafterm nach
# jeder Epoche, getrennt davon.
#
# ### Übung 1 · Der Strafterm
#
# Schreibe `l2_penalty(params, weight_decay)`, die $\frac{\lambda}{2} \sum_l \|W^{[l]}\|^2$ für ein
# Parameter-Dict `{"W1": ..., "b1": ..., "W2": ..., ...}` beliebiger Tiefe zurückgibt. Die Prüfung vergleicht
# sie mit dem Strafterm, den `ml.train` meldet.

# %%
def l2_penalty(params, weight_decay):
    ...  # dein Code hier


answer = ...  # wenn deine Funktion fertig ist: answer = l2_penalty
ml.check("08.l2_penalty", answer, lang=LANG)

# %% [markdown]
# Jetzt derselbe Lauf mit $\lambda = 0{,}001$:

# %%
params_decay, decay = run(weight_decay=0.001)
runs[ml.t("lesson.run_decay", LANG, weight_decay=0.001)] = decay
for name, params, history in ((ml.t("lesson.run_plain", LANG), params_plain, plain),
                              (ml.t("lesson.run_decay", LANG, weight_decay=0.001), params_decay, decay)):
    squares = sum(float(np.sum(params[f"W{l}"] ** 2)) for l in (1, 2, 3))
    print(ml.fmt("{name:24} Σ‖W‖² = {squares:7.1f}", LANG, name=name, squares=squares),
          ml.t("lesson.decay_losses", LANG, loss=history.loss[-1], val=history.val_loss[-1]))
print(ml.fmt("decay.penalty[-1] = {p:.4f}", LANG, p=decay.penalty[-1]))

# %%
assert decay.val_loss[-1] < plain.val_loss[-1] and decay.loss[-1] > plain.loss[-1]

# %% [markdown]
# Mit dem Strafterm bleiben die Gewichte kleiner (Σ‖W‖²), der Verlust auf den Trainingsdaten sinkt nicht so
# tief, und der Verlust auf den Validierungsdaten ist am Ende niedriger: Das Netz ist weniger übertrieben
# sicher. In diesem Lauf wird daraus aber *keine* bessere Genauigkeit (siehe die Tabelle am Ende) – die
# Gewichtsabnahme zähmt hier eher den Verlust, als dass sie Fehler behebt.

# %% [markdown]
# ## Frühes Stoppen
#
# Das einfachste Gegenmittel: aufhören, wenn der Verlust auf den Validierungsdaten nicht mehr besser wird,
# und die besten Gewichte behalten. `ml.train(..., early_stopping=patience)` macht das: Nach jeder Epoche
# vergleicht es den Verlust auf den Validierungsdaten mit dem bisher besten; nach `patience` Epochen (der
# Geduld) in Folge ohne neuen Bestwert hört es auf und stellt die Gewichte der besten Epoche wieder her,
# `History.best_epoch`.
#
# ### Übung 2 · Welche Gewichte behält es?
#
# Ein Lauf mit `n_epochs=30, early_stopping=4` hört nach Epoche 17 auf. Aus welcher Epoche stammen die
# Gewichte, die das Netz behält? Antworte mit der Nummer der Epoche.

# %%
answer = ...
ml.check("08.early_stop_epoch", answer, lang=LANG)

# %% [markdown]
# Unser Lauf mit einer Geduld von 5 – prüfe deine Überlegung an ihm:

# %%
params_early, early = run(early_stopping=5)
runs[ml.t("lesson.run_early", LANG, patience=5)] = early
print(f"{early.epoch[-1] = }   {early.best_epoch = }")
print(early.message)

# %%
assert early.best_epoch == early.epoch[-1] - 5 == best  # die beste Epoche des Laufs ohne Gegenmittel

# %% [markdown]
# Er hat nach einem Bruchteil der 40 Epochen aufgehört und die Gewichte derselben besten Epoche behalten
# wie der Lauf ohne Gegenmittel (sein Stern im Diagramm unten): derselbe Start, dieselbe Mischung, also sind
# die ersten Epochen identisch. Frühes Stoppen spart Zeit und behält nie ein schlechteres Netz als sein
# bestes – aber es bringt dem Netz nicht mehr bei.

# %% [markdown]
# ## Datenanreicherung
#
# Lektion 09 wird eine Schwäche unseres Netzes zeigen: Es hat gelernt, *wo* die Striche liegen. Verschiebe
# jede Ziffer der Validierungsdaten um 2 Pixel nach rechts unten, und der Lauf ohne Gegenmittel scheitert an
# den meisten:

# %%
def moved(X, pixels):  # jedes Bild um `pixels` nach rechts unten verschoben, mit Schwarz aufgefüllt
    images = X.T.reshape(-1, 28, 28)
    out = np.zeros_like(images)
    out[:, pixels:, pixels:] = images[:, :28 - pixels, :28 - pixels]
    return out.reshape(-1, 784).T


X_val_moved = moved(X_val, 2)
print(ml.t("lesson.moved", LANG, plain=ml.accuracy(y_val, ml.predict(params_plain, X_val)),
           moved=ml.accuracy(y_val, ml.predict(params_plain, X_val_moved))))

# %% [markdown]
# Eine um 2 Pixel verschobene Ziffer ist immer noch dieselbe Ziffer. Die **Datenanreicherung** (data
# augmentation) macht aus diesem Wissen Trainingsdaten: In jedem Stapel wird jedes Trainingsbild zufällig um
# bis zu 2 Pixel in jede Richtung verschoben (`ml.random_shift(2)`), sodass das Netz nie zweimal genau
# dasselbe Bild sieht. Die Validierungsbilder bleiben, wie sie sind. Drei verschobene Kopien eines
# Trainingsbilds:

# %%
shift = ml.random_shift(2)
three = shift(np.repeat(X_train[:, :1], 3, axis=1), np.random.default_rng(3))
ml.charts.digit_grid(np.hstack([X_train[:, :1], three]), np.repeat(y_train[:1], 4), lang=LANG, n_cols=4)

# %%
params_shift, shifted = run(augment=ml.random_shift(2))
runs[ml.t("lesson.run_shift", LANG, pixels=2)] = shifted

# %% [markdown]
# ## Alle nebeneinander
#
# Die Läufe in einem Diagramm (gepunktet: der Verlust auf den Trainingsdaten) und eine Tabelle der Netze,
# mit denen jeder Lauf geendet hat – beim frühen Stoppen ist das die wiederhergestellte beste Epoche:

# %%
print(ml.t("lesson.remedy_header", LANG))
networks = {name: params for name, params in zip(runs, (params_plain, params_decay, params_early, params_shift),
                                                   strict=True)}
results = {}
for (name, history), params in zip(runs.items(), networks.values(), strict=True):
    results[name] = (ml.accuracy(y_val, ml.predict(params, X_val)), ml.accuracy(y_val, ml.predict(params, X_val_moved)))
    kept = history.best_epoch or history.epoch[-1]
    print(ml.fmt("{name:24} {n:4} {kept:4} {train:8.4f} {val:7.3f} {acc:7.1%} {moved:7.1%}", LANG, name=name,
                 n=history.epoch[-1], kept=kept, train=history.loss[kept], val=history.val_loss[kept],
                 acc=results[name][0], moved=results[name][1]))
ml.compare_chart.compare_runs(runs, lang=LANG, train=True, log_y=True, title=ml.t("lesson.remedies_title", LANG))

# %%
accuracy, accuracy_moved = zip(*results.values(), strict=True)
assert accuracy[3] == max(accuracy) and accuracy_moved[3] > accuracy_moved[0] + 0.3
assert shifted.loss[-1] > 10 * plain.loss[-1] and shifted.val_loss[-1] < min(plain.val_loss)  # weniger auswendig, und unter der besten Epoche ohne Gegenmittel

# %% [markdown]
# Was die Zahlen sagen, für diese Daten und diesen Startwert:
#
# - Die **Datenanreicherung** gewinnt klar: die höchste Genauigkeit auf den Validierungsdaten, ein Verlust am
#   Ende unter dem der *besten* Epoche des Laufs ohne Gegenmittel, und bei den verschobenen Ziffern liegt sie
#   um ein Vielfaches öfter richtig. Ihr Verlust auf den Trainingsdaten bleibt deutlich über 0 – verschobene
#   Bilder lernt man schwerer auswendig.
# - Die **Gewichtsabnahme** senkt den Verlust auf den Validierungsdaten, hier aber nicht die Fehlerrate.
# - **Frühes Stoppen** behält die beste Epoche für einen Bruchteil des Aufwands; besser als diese Epoche
#   kann es nicht werden.
#
# Sie lassen sich kombinieren: Die Voreinstellung des Panels unten nutzt Adam, Gewichtsabnahme und
# Verschiebungen zusammen.

# %% [markdown]
# ## Probier es selbst
#
# Das Trainings-Panel zeigt jetzt auch den Optimierer, die Gewichtsabnahme und die Datenanreicherung
# (`hide=()` zeigt alle Regler). Die Voreinstellungen *Impuls*, *Adam* und *Adam + Gewichtsabnahme +
# Verschiebungen* stellen die Einstellungen dieses Kapitels ein; ändere immer nur eine Sache und vergleiche.
# Die letzte Voreinstellung trainieren wir einmal per Code:

# %%
panel = ml.training_panel(X_train, y_train, X_val, y_val, lang=LANG, preset="adam_regularised", hide=())
panel.train(wait=True)  # der Knopf „Trainieren“ macht dasselbe
panel

# %%
assert not panel.history.diverged and panel.history.penalty
print(panel.settings_string())

# %% [markdown]
# ## Zusammenfassung
#
# - **Überanpassung**: Der Verlust auf den Trainingsdaten fällt gegen 0, während der auf den
#   Validierungsdaten nach seiner besten Epoche steigt – das Netz wird sich bei Auswendiggelerntem zu
#   sicher. Mit wenigen Daten zeigt sie sich am schnellsten.
# - **Gewichtsabnahme** $\lambda$: der Strafterm $\frac{\lambda}{2}\sum_l \|W^{[l]}\|^2$, also
#   $dW \mathrel{+}= \lambda W$; hält die Gewichte klein. `History.penalty` meldet ihn getrennt vom
#   Datenverlust.
# - **Frühes Stoppen** `early_stopping=patience`: hört nach `patience` Epochen ohne neuen Bestwert des
#   Verlusts auf den Validierungsdaten auf und stellt die beste Epoche wieder her (`History.best_epoch`, der
#   Stern im Diagramm).
# - **Datenanreicherung** `augment=ml.random_shift(2)`: in jedem Stapel neue, verschobene Fassungen der
#   Trainingsbilder – hier das stärkste Gegenmittel, auch für Ziffern, die nicht genau in der Mitte sitzen.
# - Vergleiche mit `ml.compare_chart.compare_runs`: derselbe Startwert, eine Änderung auf einmal, Zahlen
#   neben den Kurven.
#
# Weiter: Zeichne deine eigenen Ziffern und lass das Netz sie lesen:
# [09 · Deine eigene Handschrift](09_handwriting.ipynb)

# %% [markdown]
# ## Lösungen
#
# Jede Zelle prüft eine Lösung (und schlüge fehl, wäre sie falsch).

# %%
def l2_penalty_solution(params, weight_decay):  # Übung 1: nur die Gewichtsmatrizen, nicht die Biases
    return weight_decay / 2 * sum(float(np.sum(value**2)) for name, value in params.items() if name.startswith("W"))


assert np.isclose(l2_penalty_solution(params_decay, 0.001), decay.penalty[-1])
assert ml.check("08.l2_penalty", l2_penalty_solution, lang=LANG, save=False)

# %%
assert ml.check("08.early_stop_epoch", 17 - 4, lang=LANG)  # Übung 2: der Stopp kam 4 Epochen nach der besten
