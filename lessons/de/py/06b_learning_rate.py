# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 06b · Wie groß ein Schritt? Die Lernrate
#
# **In dieser Lektion**
# - siehst du am einfachsten Tal, $L(w) = \lambda w^2/2$, wann das Gradientenverfahren konvergiert, pendelt
#   oder divergiert – und dass die Krümmung $\lambda$, nicht die Steigung, den größten sicheren Schritt
#   festlegt,
# - ziehst du an einem Lernraten-Regler über einem Tal in zwei Richtungen und siehst einen Schnitt durch
#   den Verlust des echten Netzes mit dem Weg, den sein Training genommen hat,
# - trainierst du unser Netz mit einer zu kleinen, einer passenden und einer zu großen Lernrate (learning
#   rate),
# - nimmst du einen divergierten Lauf auseinander: was `ml.train` meldet, warum der Verlust explodiert und was
#   davon übrig bleibt,
# - trainierst du im Trainings-Panel und beobachtest live den Verlust und die Gradienten jeder Schicht.
#
# ⏱ etwa 45 Minuten, mit den Aufgaben

# %% [markdown]
# Alles wie in Lektion 06a: 500 Trainingsbilder, 500 Validierungsbilder, ein Netz 784 → 16 → 10 mit
# demselben zufälligen Start und der Lauf von `ml.train` mit $\alpha = 0{,}5$ über 100 Epochen (diese Lektion
# läuft für sich allein, deshalb lädt und trainiert sie alles noch einmal):

# %%
import numpy as np

import mnistlab as ml

LANG = "de"
rng = np.random.default_rng(0)

X_all, y_all = ml.load_mnist("train", n=1000, lang=LANG)  # wie in 06a: eine kleine Teilmenge hält das Training schnell
X, y, X_val, y_val = ml.train_val_split(X_all, y_all, 500, np.random.default_rng(1))  # 500 zum Trainieren, 500 zum Abstimmen
n_hidden, learning_rate, n_iterations = 16, 0.5, 100
start = ml.init_params([784, n_hidden, 10], rng=rng)  # derselbe Start für alle Läufe unten
history = ml.train({name: value.copy() for name, value in start.items()}, X, y, learning_rate=learning_rate,
                   n_epochs=n_iterations, X_val=X_val, y_val=y_val, record_steps=True, lang=LANG)
print(f"history.loss[0] = {history.loss[0]:.4f}   history.loss[-1] = {history.loss[-1]:.4f}")

# %% [markdown]
# ## Das einfachste Tal
#
# Warum nicht einfach riesige Schritte machen und früher fertig sein? Sieh dir das einfachste Tal an, das es
# gibt, die Parabel $L(w) = w^2/2$. Ihr Gradient ist $w$, ein Schritt ergibt also
# $w \leftarrow w - \alpha w = (1 - \alpha)\, w$: Jeder Schritt multipliziert den Abstand vom Talboden (bei
# $w = 0$) mit demselben Faktor $1 - \alpha$. Sechs Lernraten, jede mit dem Start $w = 1$:

# %%
alphas = (0.1, 1.0, 1.5, 1.9, 2.0, 2.1)
paths = {}
for alpha in alphas:
    w, path = 1.0, [1.0]
    for _ in range(20):
        w = w - alpha * w  # ein Schritt des Gradientenverfahrens auf L(w) = w**2 / 2, der Gradient ist w
        path.append(w)
    paths[alpha] = path
    print(f"{alpha = :<4}  path[1:4] = {np.round(path[1:4], 2)}   abs(path[20]) = {abs(path[20]):.2g}")
assert abs(paths[1.9][20]) < 0.2 and abs(paths[2.0][20]) == 1 and abs(paths[2.1][20]) > 6  # wie im Text

# %%
ml.charts.descent_paths(paths, lang=LANG)

# %% [markdown]
# (`path[1:4]` ist $w$ nach den ersten drei Schritten – `path[1]` ist der Faktor $1 - \alpha$ selbst, denn
# jeder Lauf startet bei $w = 1$ –, und `abs(path[20])` ist der Abstand vom Talboden nach 20 Schritten.)
#
# - $\alpha = 0{,}1$: Jeder Schritt nimmt 10 % des Abstands weg – sicher, aber langsam: Nach 20 Schritten
#   sind noch 12 % übrig.
# - $\alpha = 1$: Der Faktor ist 0, ein Schritt landet genau auf dem Talboden.
# - $\alpha = 1{,}5$ und $1{,}9$: Jeder Schritt springt *über* den Talboden auf die andere Seite, landet aber
#   näher dran – ein Zickzack, das trotzdem **konvergiert** (converges); bei 1,9 nur langsam (der Faktor ist
#   −0,9).
# - $\alpha = 2$: Der Faktor ist −1. Das Gradientenverfahren springt für immer zwischen $w = 1$ und $w = -1$
#   hin und her: Es **pendelt** (oscillates) und kommt nie näher.
# - $\alpha = 2{,}1$: Jeder Schritt landet *weiter* weg, $|1 - \alpha| = 1{,}1 > 1$; nach 20 Schritten ist
#   der Abstand auf mehr als das Sechsfache gewachsen. Die Schritte **divergieren** (diverge).
#
# Auf diesem Tal konvergiert das Gradientenverfahren also genau dann, wenn $|1 - \alpha| < 1$ ist, das heißt
# für $0 < \alpha < 2$.
#
# ## Die Krümmung setzt die Grenze, nicht die Steigung
#
# Ein Tal kann enger sein: $L(w) = \lambda w^2/2$ mit der **Krümmung** (curvature) $\lambda$ – der zweiten
# Ableitung $L''(w) = \lambda$, also wie schnell sich die Steigung ändert. Der Gradient ist $\lambda w$, ein
# Schritt multipliziert $w$ mit $1 - \alpha\lambda$, und das Gradientenverfahren konvergiert genau dann, wenn
#
# $$0 < \alpha < \frac{2}{\lambda}$$
#
# Ist das Tal doppelt so stark gekrümmt, ist der größte sichere Schritt halb so lang. Die *Steigung* kommt in
# dieser Regel nicht vor: Ein steiler Hang ergibt einen langen Schritt, aber der Schritt schrumpft mit der
# Steigung, je näher $w$ dem Talboden kommt. Zwei Läufe mit je 50 Schritten zeigen es – eine riesige
# Steigung in einem sanft gekrümmten Tal und eine winzige in einem stark gekrümmten:

# %%
def descend(w, curvature, alpha, n_steps=50):
    """n_steps of gradient descent on L(w) = curvature * w**2 / 2, whose gradient is curvature * w."""
    for _ in range(n_steps):
        w = w - alpha * curvature * w
    return w


for w0, curvature, alpha in ((1000.0, 1.0, 1.5), (0.001, 4.0, 0.6)):
    slope = curvature * w0  # the gradient at the start
    print(f"{slope = :<6g} {curvature = }   {alpha = }   abs(w) = {abs(descend(w0, curvature, alpha)):.2g}")

# %% [markdown]
# Der erste Lauf startet bei $w = 1000$, an einem Hang mit der Steigung (slope) 1000, und konvergiert
# trotzdem – nach 50 Schritten ist er etwa $10^{-12}$ vom Talboden entfernt –, denn $\alpha = 1{,}5 < 2/1$.
# Der zweite startet bei $w = 0{,}001$, an einer Steigung von nur 0,004, und divergiert – nach 50 Schritten
# ist er 20.000 entfernt –, denn $\alpha = 0{,}6 > 2/4 = 0{,}5$.
#
# ## Ein Tal in zwei Richtungen
#
# Der Verlust eines Netzes ist in verschiedene Richtungen verschieden stark gekrümmt. Das einfachste solche
# Tal hat zwei Gewichte, $L(w_1, w_2) = (\lambda_1 w_1^2 + \lambda_2 w_2^2)/2$; unseres ist quer
# ($\lambda_2 = 10$) zehnmal stärker gekrümmt als entlang der Talsohle ($\lambda_1 = 1$). Jede Richtung hat
# ihre eigene Grenze, $2/1$ und $2/10$, und jeder Schritt geht in beide zugleich – er muss also die kleinere
# einhalten: $\alpha < 0{,}2$. Vier Lernraten, je 25 Schritte, vom selben Punkt $(-2{,}5;\ 1{,}2)$ aus:

# %%
curvatures = (1.0, 10.0)  # entlang der Talsohle (w1) und quer dazu (w2)
ends = {}
for alpha in (0.05, 0.15, 0.19, 0.21):
    ends[alpha] = ml.landscape.quadratic_path(curvatures, alpha, (-2.5, 1.2), 25)[-1]  # wo 25 Schritte enden
    print(f"{alpha = :<5}  w1 = {ends[alpha][0]:8.3f}   w2 = {ends[alpha][1]:8.3f}")
assert ends[0.05][0] < -0.6 and 0.05 < abs(ends[0.19][1]) < 0.1 < 10 < abs(ends[0.21][1])  # wie im Text
ml.landscape_chart.valley_paths(curvatures, [0.05, 0.15, 0.19, 0.21], lang=LANG)

# %% [markdown]
# Bei 0,05 fällt der Weg geradewegs auf die Talsohle und kriecht dann an ihr entlang: Nach 25 Schritten steht
# $w_1$ noch bei −0,69. Bei 0,15 springt er im Zickzack quer durchs Tal und erreicht den Boden. Bei 0,19,
# knapp unter $2/10$, schrumpft das Zickzack quer kaum noch ($w_2$ ist nach 25 Schritten noch −0,09), und bei
# 0,21 verlässt er das Tal ($w_2 \approx -13$) – obwohl entlang der Talsohle ein zehnmal längerer Schritt
# noch sicher wäre. Die am stärksten gekrümmte Richtung setzt die Grenze für alle, und die sanfte Richtung
# geht man dann langsam: das Problem, das Impuls (momentum) und Adam lösen (Lektion 08c). Zieh am
# Schieberegler: Der Weg wird sofort neu gezeichnet.

# %%
ml.landscape_chart.valley_explorer(curvatures, lang=LANG)

# %% [markdown]
# Der Verlust eines Netzes ist ein Tal in Tausenden von Dimensionen. Es ist in verschiedene Richtungen
# verschieden stark gekrümmt, und seine Krümmung ändert sich von Ort zu Ort; in der Nähe jedes Punktes setzt
# die am stärksten gekrümmte Richtung die Grenze, $\alpha < 2/\lambda_{\max}$. Wir berechnen
# $\lambda_{\max}$ für unser Netz nicht – wir finden die Grenze auf dem praktischen Weg, indem wir Lernraten
# ausprobieren. Auf der Parabel *erhöht* ein Schritt den Verlust nur oberhalb der Grenze: Bei 1,5 und 1,9
# bringt das Zickzack $w$ mit jedem Schritt näher heran, bei 2,1 entfernt es sich. Eine Epoche, in der der
# Verlust unseres Netzes *steigt*, sagt also: Dieser Schritt war zu lang für die Krümmung an der Stelle, an
# der das Netz stand. Fünf Lernraten, je 100 Epochen, vom selben Start aus:

# %%
rises, final = {}, {}
for rate in (0.1, 0.2, 0.3, 0.5, 1.0):
    run = ml.train({name: value.copy() for name, value in start.items()}, X, y, learning_rate=rate,
                   n_epochs=n_iterations, lang=LANG)
    rises[rate], final[rate] = int((np.diff(run.loss) > 0).sum()), run.loss[-1]  # rises: Epochen mit Anstieg
    print(f"{rate = :<4}  rises = {rises[rate]:2}   {run.loss[-1] = :.3f}")
assert rises[0.1] == rises[0.2] == 0 < rises[0.3] and rises[1.0] > rises[0.5]  # wie im Text
assert min(final, key=final.get) == 0.5

# %% [markdown]
# Mit 0,1 und 0,2 fällt der Verlust in jeder Epoche. Ab 0,3 steigt er hin und wieder (`rises`: Anstiege):
# Diese Schritte waren zu lang für die Krümmung an der jeweiligen Stelle, und danach fiel der Verlust wieder.
# Und doch endet 0,5 mit dem kleinsten Verlust der fünf: Ein paar Schritte über der Grenze sind der Preis für
# lange Schritte. Mit 1 steigt der Verlust in vielen Epochen, und er endet höher als mit 0,5.

# %% [markdown]
# ## Das Tal des Netzes, von oben gesehen
#
# Unser Netz hat $784 \cdot 16 + 16 + 16 \cdot 10 + 10 = 12.730$ Gewichte und Biases: Sein Verlust ist ein
# Tal in 12.730 Dimensionen und lässt sich nicht zeichnen. Ein Schnitt hindurch schon (Li u. a., 2018): Wir
# wählen zwei Richtungen im Parameterraum und zeichnen den Verlust auf der Ebene, die sie durch das trainierte
# Netz aufspannen. Welche zwei? Zufällige Richtungen verfehlen den Weg, den das Training genommen hat – in
# 12.730 Dimensionen enthalten zwei zufällige Richtungen kaum etwas davon. Also halten wir das Netz alle
# 5 Epochen fest, während es mit $\alpha = 0{,}5$ trainiert, nehmen die zwei Richtungen, in die es sich am
# weitesten bewegt hat (die Hauptrichtungen seines Weges), und projizieren den Weg auf diese Ebene:

# %%
params_path = {name: value.copy() for name, value in start.items()}
snapshots = []


def keep(epoch, history):
    """ml.train calls this before the first epoch (epoch 0) and after each one: keep every 5th network."""
    if epoch % 5 == 0:
        snapshots.append({name: value.copy() for name, value in params_path.items()})


ml.train(params_path, X, y, learning_rate=learning_rate, n_epochs=n_iterations, callback=keep, lang=LANG)
surface = ml.landscape.loss_slice(params_path, X, y, directions="path", path=snapshots)
random_plane = ml.landscape.loss_slice(params_path, X, y, rng=np.random.default_rng(2), n=3, path=snapshots)
print(f"{len(snapshots) = }   surface['path_share'] = {surface['path_share']:.2f}   "
      f"random_plane['path_share'] = {random_plane['path_share']:.3f}")
print(f"surface['path_loss'][0] = {surface['path_loss'][0]:.3f}   surface['center'] = {surface['center']:.3f}")
assert surface["path_share"] > 0.9 and random_plane["path_share"] < 0.05  # wie im Text
ml.landscape_chart.loss_slice_figure(surface, lang=LANG, epochs=range(0, n_iterations + 1, 5))

# %% [markdown]
# `path_share` ist der Anteil der Bewegung, der in der Ebene liegt: Die zufällige Ebene enthält weniger als
# 2 % davon, die Ebene des Weges selbst 99 %. Der Weg beginnt weit draußen bei Epoche 0, wo der Verlust
# 2,34 beträgt, und endet beim trainierten Netz (dem Stern, Verlust 0,055); fahre mit der Maus über einen
# Punkt, um seine Epoche zu sehen. Die Höhenlinien zeigen das Tal, das er hinabgestiegen ist – von oben
# gesehen dieselben Schritte bergab wie auf der Parabel.

# %% [markdown]
# ### Aufgabe 1 · Erst vorhersagen
#
# In Lektion 06a hat unser Netz mit `learning_rate = 0.5` gut gelernt. Was passiert mit
# `learning_rate = 10`, wenn sonst alles gleich bleibt? Antworte mit einem Wort: `"schneller"`,
# `"langsamer"` oder `"divergiert"` (englische Antworten wie `"diverges"` versteht `ml.check` auch) – und lies
# dann weiter.

# %%
answer = ...
ml.check("06.lr_10", answer, lang=LANG)

# %% [markdown]
# ## Drei Lernraten, gleicher Start
#
# Wir trainieren dasselbe Netz vom selben `start` aus mit einer zu kleinen Lernrate (0,01), unseren 0,5 und
# einer zu großen (10). Der Lauf mit 0,5 ist der vom Anfang der Lektion.

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
    print(f"{rate = :<5g} {run.loss[-1] = :.3f}   run.epoch[-1] = {run.epoch[-1]:3}   run.stopped = {run.stopped}")

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
# - **Passend** ($\alpha = 0{,}5$): Der Verlust fällt schnell – mit den paar Anstiegen, die wir oben gezählt
#   haben – und flacht dann ab, wenn sich das Netz dem Talboden nähert.
# - **Zu groß** ($\alpha = 10$): Die Kurve endet fast sofort. `ml.train` hat bemerkt, dass der Verlust
#   davonläuft, und abgebrochen.
#
# ## Was `ml.train` meldet, wenn das Training divergiert

# %%
run = runs[10.0]
print("run.stopped       =", run.stopped)
print("run.diverged_loss =", run.diverged_loss)
print(run.message)

# %% [markdown]
# `ml.train` bricht ab, sobald der Verlust `inf` oder `nan` wird oder um mehr als $10 \ln 10 \approx 23$ über
# den Verlust vor dem Training steigt. Wo liegt diese Linie für unseren Start?

# %%
limit = run.loss[0] + 10 * np.log(10)  # die Divergenzgrenze von ml.train: Verlust vor dem Training + 10 ln 10
print(f"{run.loss[0] = :.2f}   {limit = :.2f}   {np.exp(-limit) = :.1e}")

# %% [markdown]
# Was sagt ein Verlust über etwa 25 über das Netz? Der Verlust ist der *Mittelwert* von $-\log p_i$, wobei
# $p_i$ die Wahrscheinlichkeit ist, die das Netz der richtigen Ziffer von Bild $i$ gibt. Ein Mittelwert von
# Logarithmen ist der Logarithmus des **geometrischen Mittels** (geometric mean):
#
# $$L = -\frac{1}{m}\sum_{i=1}^{m} \log p_i = -\log \Big(\prod_{i=1}^{m} p_i\Big)^{1/m}$$
#
# Ein Verlust über der Linie heißt also: Das geometrische Mittel der Wahrscheinlichkeiten für die richtige
# Ziffer liegt unter $e^{-25} \approx 10^{-11}$. Das ist *nicht* der gewöhnliche Durchschnitt – ein paar
# Bilder mit $p_i \approx 0$ ziehen das geometrische Mittel auf fast nichts herunter, während der
# gewöhnliche Durchschnitt noch harmlos aussehen kann. Gleich sehen wir beide. `ml.train` setzt die Gewichte
# dann auf den Stand nach der letzten guten Epoche zurück (so enthalten sie nie `nan`), hebt den
# davongelaufenen Verlust in `diverged_loss` auf und sagt, was zu tun ist: eine zehnmal kleinere Lernrate.
#
# ## Warum der Verlust explodiert
#
# Was wäre ohne diese Schutzregel passiert? Hier ist die Trainingsschleife aus Lektion 06a, ohne die
# Schutzregel von `ml.train` und ohne Ausgaben, und zehn Schritte mit $\alpha = 10$:

# %%
def unguarded(params, X, y, learning_rate, n_steps):
    """Gradient descent as in 06a, without a guard: the losses before each step and after the last."""
    losses = []
    for _ in range(n_steps):
        A2, cache = ml.forward(params, X)
        losses.append(ml.cross_entropy(A2, y))
        grads = ml.backward(params, cache, ml.one_hot(y))
        for name in params:  # W1, b1, W2, b2: je ein Schritt bergab
            params[name] -= learning_rate * grads["d" + name]
    losses.append(ml.cross_entropy(ml.forward(params, X)[0], y))
    return losses


params_big = {name: value.copy() for name, value in start.items()}
exploded = unguarded(params_big, X, y, 10.0, 10)
print("exploded =", np.round(exploded, 2))
A2_big, cache_big = ml.forward(params_big, X)
print("max |W1|, |b1|, |W2|, |b2|:", [round(float(np.abs(value).max()), 1) for value in params_big.values()])
alive = int((cache_big["A1"] > 0).any(axis=1).sum())  # verdeckte Neuronen, die bei irgendeinem Bild positiv sind
print(f"alive = {alive} / {n_hidden}   accuracy = {(A2_big.argmax(axis=0) == y).mean():.3f}")

# %% [markdown]
# Nach zwei Schritten liegt der Verlust weit über der Linie – dort hat `ml.train` abgebrochen. Das Netz nach
# zwei Schritten, Bild für Bild:

# %%
params_2 = {name: value.copy() for name, value in start.items()}
losses_2 = unguarded(params_2, X, y, 10.0, 2)
p = ml.forward(params_2, X)[0][y, np.arange(y.size)].astype(np.float64)  # die Wahrscheinlichkeit der richtigen Ziffer
geometric = np.exp(np.log(np.maximum(p, np.finfo(np.float32).tiny)).mean())  # begrenzt wie in ml.cross_entropy
print(f"losses_2[-1] = {losses_2[-1]:.2f}   np.exp(-losses_2[-1]) = {np.exp(-losses_2[-1]):.1e}")
print(f"geometric = {geometric:.1e}   p.mean() = {p.mean():.3f}")
print(f"(p > 0.5).mean() = {(p > 0.5).mean():.3f}   (p < 1e-10).mean() = {(p < 1e-10).mean():.3f}")

# %% [markdown]
# Das geometrische Mittel (`geometric`) der Wahrscheinlichkeiten für die richtige Ziffer ist $e^{-L}$,
# verschwindend klein; der gewöhnliche Durchschnitt `p.mean()` liegt bei etwa 0,2. Das Netz ist sich bei
# jeder Antwort *sicher*: Etwa ein Fünftel der Bilder bekommt für die richtige Ziffer eine hohe
# Wahrscheinlichkeit, fast alle anderen eine unter $10^{-10}$ – sicher und falsch, mit bis zu 87 pro Bild
# (Lektion 04).
#
# Was passiert ist, Schritt für Schritt:
# 1. Der erste Schritt ist zu lang für die Krümmung des Tals: Er springt über den Talboden.
# 2. Jeder Schritt landet weiter weg vom Talboden, wo der Hang steiler ist; der Schritt ist $\alpha$ mal die
#    Steigung, also wird der nächste wieder länger – das Überschießen schaukelt sich auf, wie bei
#    $\alpha = 2{,}1$ oben. Die Gewichte wachsen auf ein Vielfaches ihrer Anfangsgröße.
# 3. Große Gewichte ergeben große Rohwerte in `Z2`. Die Softmax macht daraus Wahrscheinlichkeiten von fast
#    genau 0 und 1, jede falsche Antwort ist also *sicher* falsch: Der Verlust springt auf Werte im
#    zweistelligen Bereich.
# 4. Die riesigen Updates drücken außerdem die Rohwerte `Z1` der meisten verdeckten Neuronen bei jedem Bild
#    unter null. Bekommt die ReLU eines Neurons nie einen positiven Wert, gibt sie keinen Gradienten zurück
#    (Lektion 05) – das Neuron ist **tot** (dead neuron) und erholt sich nie wieder. `alive` („lebendig“) oben
#    zählt die verdeckten Neuronen, die bei mindestens einem Bild noch positiv sind.
#
# Danach kriecht der Verlust wieder Richtung $\ln 10 \approx 2{,}3$ – das sieht nach Erholung aus, ist aber
# keine: Mit einer (fast) toten verdeckten Schicht gibt das Netz für jedes Bild beinahe dieselbe Antwort und
# kann nur noch seine Ausgabe-Biases so einstellen, dass es möglichst gut rät. Die Genauigkeit (`accuracy`)
# bleibt bei etwa 10 %: die Plausibilitätsprüfung aus Lektion 04. Deshalb bricht `ml.train` beim ersten
# Anzeichen von Divergenz ab und behält die letzten guten Gewichte.

# %% [markdown]
# ## Die Gradienten jeder Schicht
#
# Mit `ml.train(..., record_steps=True)` zeichnet das Training nach jedem Schritt auch die Größe (Norm) von
# `dW1` und `dW2` auf. Für unseren guten Lauf:

# %%
ml.charts.gradient_norms(runs[learning_rate], lang=LANG)

# %% [markdown]
# Beide Normen sind in den ersten Schritten am größten, wo der Hang steil ist, und schrumpfen, je näher das
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
#    viel schneller geht, erklärt Lektion 08a –, aber die Lernrate wirkt genauso.
#
# Alles, was die Knöpfe tun, geht auch per Code, z. B. `panel.controls["learning_rate"].value = 10` und dann
# `panel.train(wait=True)`; `panel.message` enthält den Text des Meldungsfelds und `panel.history` den Lauf.

# %% [markdown]
# ### Aufgabe 2 · Updates pro Epoche
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
# - In einem Tal mit der Krümmung $\lambda$, $L(w) = \lambda w^2/2$, multipliziert das Gradientenverfahren
#   den Abstand vom Talboden mit jedem Schritt mit $1 - \alpha\lambda$: Es konvergiert für
#   $0 < \alpha < 2/\lambda$, pendelt bei $\alpha = 2/\lambda$ und divergiert darüber. Die Krümmung setzt die
#   Grenze, nicht die Steigung.
# - Die Lernrate $\alpha$ eines Netzes: zu klein – langsam; passend – schnell, dann flacher; zu groß – die
#   Schritte schießen über, schaukeln sich auf und divergieren: riesige Gewichte, sichere falsche Antworten,
#   tote ReLU-Neuronen.
# - `ml.train` bricht ab, wenn der Verlust um mehr als $10 \ln 10$ über seinen Anfangswert steigt – das
#   geometrische Mittel der Wahrscheinlichkeiten für die richtige Ziffer liegt dann unter etwa $e^{-25}$ –,
#   stellt die letzten guten Gewichte wieder her und schlägt eine kleinere Lernrate vor.
# - Ein Verlust, der bei $\ln 10$ mit 10 % Genauigkeit hängen bleibt, bedeutet: Das Netz hat nichts gelernt –
#   oder ist kaputt.
#
# **Weiter:** [07 · Auswertung](07_evaluation.ipynb) – wie gut ist das Netz auf Bildern, die es nie gesehen
# hat?

# %% [markdown]
# ## Lösungen
#
# **Aufgabe 1.** Es divergiert: `ml.train` meldet `stopped = "diverged"` (siehe die Läufe oben).

# %%
assert runs[10.0].diverged
assert ml.check("06.lr_10", "diverges", lang=LANG)

# %% [markdown]
# **Aufgabe 2.** Voller Stapel: ein Update pro Epoche. Stapel zu 64: $60.000 / 64 = 937{,}5$ – 937 volle
# Stapel und ein kleinerer mit den restlichen 32 Bildern, also 938 Updates.

# %%
assert ml.check("06.updates_per_epoch", (1, int(np.ceil(60_000 / 64))), lang=LANG)
