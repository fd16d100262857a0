# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 08c · Impuls und Adam
#
# **In dieser Lektion**
# - siehst du, warum das einfache Gradientenverfahren in einem schmalen Tal **im Zickzack läuft und
#   kriecht**,
# - schreibst du selbst zwei bessere Schritte: den **Impuls** (momentum), der sich merkt, wohin er
#   unterwegs war, und **Adam**, das jedem Parameter seine eigene Schrittweite gibt,
# - lässt du alle um die Wette durch dasselbe Tal laufen und trainierst dann dasselbe Netz mit **SGD, Impuls
#   und Adam** vom selben Start aus – die Kurven auf den Validierungsdaten in einem Diagramm.
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
# Die Lektionen 08a und 08b haben das Training schneller und das Netz tiefer gemacht: Mini-Batches, ein
# Lernraten-Zeitplan, Anfangsgewichte, die zur Schicht passen. Aber jeder Schritt ist immer noch der aus
# Lektion 06,
#
# $$W \leftarrow W - \alpha \, dW,$$
#
# das einfache **Gradientenverfahren** – mit Mini-Batches **SGD** genannt (stochastic gradient descent,
# stochastischer Gradientenabstieg). Der Schritt schaut nur auf die Steigung hier und jetzt. Heute: zwei
# Schritte, die es besser machen und mit denen heute fast jedes Netz trainiert wird.

# %% [markdown]
# ## Ein schmales Tal
#
# Ein Verlust mit zwei Gewichten, flach in der einen Richtung und steil in der anderen:
#
# $$L(w_1, w_2) = \tfrac{1}{2}\left(\lambda_1 w_1^2 + \lambda_2 w_2^2\right), \qquad
#   \frac{\partial L}{\partial w_1} = \lambda_1 w_1, \quad \frac{\partial L}{\partial w_2} = \lambda_2 w_2$$
#
# mit den Krümmungen $\lambda_1 = 0{,}1$ (flach) und $\lambda_2 = 10$ (steil).
#
# Echte Verlustlandschaften sehen in vielen Richtungen zugleich so aus: lange, flache Täler mit steilen
# Wänden. Lektion 06a hat die Grenze gezeigt: Entlang einer Richtung mit der Krümmung $\lambda$ konvergiert
# das Gradientenverfahren nur für $\alpha < 2/\lambda$ – hier legt die steile Wand $\alpha < 2/10 = 0{,}2$
# fest. Entlang der flachen Talsohle schrumpft $w_1$ aber mit jedem Schritt nur um den Faktor
# $1 - 0{,}1\,\alpha$, bestenfalls $0{,}98$.
#
# Wir laufen mit den Optimierern von mnistlab durch das Tal: `optimizer.step(params, grads, learning_rate)`
# ist genau das, was `ml.train` für jeden Stapel aufruft.

# %%
CURVATURES = np.array([0.1, 10.0])  # flach entlang w1, steil entlang w2
START = np.array([-2.5, 1.2])


def descend(optimizer, learning_rate, n_steps=60):  # die Punkte (n_steps + 1, 2) des Wegs ab START
    params = {"W": START.copy()}
    points = [START.copy()]
    for _ in range(n_steps):
        grads = {"dW": CURVATURES * params["W"]}  # der Gradient von (0,1 w1² + 10 w2²) / 2
        optimizer.step(params, grads, learning_rate)  # was ml.train für jeden Stapel aufruft
        points.append(params["W"].copy())
    return np.array(points)


def report(name, points):  # gibt den letzten Verlust und den ersten Schritt unter 0,01 aus, liefert ihn
    loss = ml.landscape.quadratic_loss(CURVATURES, points)
    below = np.flatnonzero(loss < 0.01)
    first = int(below[0]) if below.size else ml.t("lesson.never", LANG)
    print(ml.fmt("{name:20} {loss:9.1e}   {first}", LANG, name=name, loss=loss[-1], first=first))
    return None if isinstance(first, str) else first


np.testing.assert_allclose(descend(ml.optimizers.SGD(), 0.1),
                           ml.landscape.quadratic_path(CURVATURES, 0.1, START, 60), atol=1e-12)  # einfaches GD

# %%
paths = {ml.fmt("SGD · α = {a:g}", LANG, a=a): descend(ml.optimizers.SGD(), a) for a in (0.1, 0.19)}
print(ml.t("lesson.valley_header", LANG, n=60))
for name, points in paths.items():
    report(name, points)
ml.landscape_chart.valley_race(CURVATURES, paths, lang=LANG)

# %% [markdown]
# Mit $\alpha = 0{,}1$ ist die steile Richtung nach einem Schritt erledigt ($1 - 0{,}1 \cdot 10 = 0$), danach
# kriecht der Weg die Talsohle entlang. Mit $\alpha = 0{,}19$, knapp unter der Grenze, läuft er **im
# Zickzack** von Wand zu Wand und kriecht trotzdem: Nach 60 Schritten hat keiner der beiden Läufe einen
# Verlust von 0,01 erreicht – siehe die Zahlen oben. Ein größeres $\alpha$ würde entlang der Sohle helfen,
# aber die Wände verbieten es.

# %% [markdown]
# ## Impuls
#
# Eine Kugel, die durchs Tal rollt, bleibt nicht bei jedem Schritt stehen, um sich umzuschauen: Sie behält
# ihre **Geschwindigkeit** (velocity). Der Impuls (momentum) summiert die Gradienten zu einer
# Geschwindigkeit $v$ und geht entlang $v$:
#
# $$v \leftarrow \beta\, v + dW, \qquad W \leftarrow W - \alpha\, v$$
#
# mit $\beta = 0{,}9$ und $v = 0$ zu Beginn.
#
# Wo der Gradient immer in dieselbe Richtung zeigt – entlang der Sohle –, wächst $v$ auf das
# $1/(1-\beta) = 10$-Fache des Gradienten. Wo er jeden Schritt das Vorzeichen wechselt – quer zum Tal –,
# heben sich die Beiträge auf. Beides, gemessen mit `Momentum` aus mnistlab an einem einzigen Gewicht,
# 50 Schritte:

# %%
steady, zigzag = [1.0] * 50, [(-1.0) ** k for k in range(50)]
for key, gradients in (("lesson.same_direction", steady), ("lesson.alternating", zigzag)):
    optimizer, params = ml.optimizers.Momentum(0.9), {"W": np.zeros(1)}
    for g in gradients:
        optimizer.step(params, {"dW": np.array([g])}, 0.1)
    print(f"{ml.t(key, LANG):28}", ml.fmt("v = {v:+.2f}", LANG, v=optimizer.velocity["W"][0]))

# %% [markdown]
# Gleich große Gradienten ergeben entlang einer gleichbleibenden Richtung eine Geschwindigkeit von fast 10,
# im Zickzack nur etwa 0,5. Das ist die Form, die PyTorch verwendet (`torch.optim.SGD(momentum=0.9)`), und
# mnistlab ebenso. Manche Bücher schreiben stattdessen $v \leftarrow \beta v + (1 - \beta)\, dW$ – einen
# Mittelwert der Gradienten; damit braucht man ein $1/(1-\beta)$-mal größeres $\alpha$, um gleich weit zu
# kommen. Wir bleiben bei der Form von PyTorch.
#
# ### Übung 1 · Ein Schritt mit Impuls
#
# Schreibe `momentum_step(W, dW, v, learning_rate, beta)`, die das Paar `(W_new, v_new)` zurückgibt: zuerst
# die neue Geschwindigkeit, dann der Schritt entlang dieser. Die Prüfung ruft sie mehrmals mit
# Zufalls-Arrays auf, gibt ihr dabei immer das `W` und `v` zurück, das deine Funktion geliefert hat
# (beginnend mit `v` = Nullen), und vergleicht jeden Schritt mit `Momentum` aus mnistlab.

# %%
def momentum_step(W, dW, v, learning_rate, beta):
    ...  # v_new = ...; W_new = ...; return W_new, v_new


answer = ...  # wenn momentum_step fertig ist: answer = momentum_step
ml.check("08.momentum_step", answer, lang=LANG)

# %% [markdown]
# ## Adam
#
# Der Impuls bringt die Richtung in Ordnung; die Schrittweite ist aber immer noch ein einziges $\alpha$ für
# alle Parameter – zu groß für die steile Wand, zu klein für die flache Sohle. **Adam** (Kingma & Ba, 2015)
# führt für jeden Parameter zwei gleitende Mittelwerte: $m$ der Gradienten und $v$ der *quadrierten*
# Gradienten. Es teilt das eine durch die Wurzel des anderen, sodass jeder Parameter ungefähr um $\alpha$
# pro Schritt wandert, egal wie steil oder flach seine Richtung ist:
#
# $$m \leftarrow \beta_1 m + (1 - \beta_1)\, dW, \qquad v \leftarrow \beta_2 v + (1 - \beta_2)\, dW^2$$
#
# $$\hat m = \frac{m}{1 - \beta_1^{\,t}}, \qquad \hat v = \frac{v}{1 - \beta_2^{\,t}}, \qquad
#   W \leftarrow W - \alpha\, \frac{\hat m}{\sqrt{\hat v} + \varepsilon}$$
#
# mit $\beta_1 = 0{,}9$, $\beta_2 = 0{,}999$, $\varepsilon = 10^{-8}$; $m$ und $v$ beginnen bei 0, und $t$
# ist die Nummer dieses Schritts: 1 beim ersten. $dW^2$ quadriert jeden Eintrag einzeln; $\varepsilon$ sorgt
# nur dafür, dass die Division auch bei $\hat v = 0$ gut geht.
#
# Warum teilen wir durch $1 - \beta^t$, die **Bias-Korrektur** (bias correction)? $m$ und $v$ beginnen bei
# 0, nach dem ersten Schritt enthalten sie also nur $(1-\beta_1)$ bzw. $(1-\beta_2)$ des Gradienten und
# seines Quadrats. Ohne die Korrektur wäre der erste Schritt viel größer als $\alpha$:

# %%
g, beta1, beta2 = 0.5, 0.9, 0.999
m, v = (1 - beta1) * g, (1 - beta2) * g**2  # nach dem ersten Schritt, ausgehend von m = v = 0
uncorrected = m / np.sqrt(v)  # der Schritt, in Einheiten von alpha
corrected = (m / (1 - beta1)) / np.sqrt(v / (1 - beta2))
print(f"{uncorrected = :.3f}   {corrected = :.3f}")

# %% [markdown]
# Unkorrigiert ist der erste Schritt $0{,}1 / \sqrt{0{,}001} \approx 3{,}16$-mal so groß wie $\alpha$, egal
# wie groß der Gradient ist; korrigiert genau $\alpha$. Mit wachsendem $t$ geht $\beta^t \to 0$, und die
# Korrektur verschwindet.
#
# ### Übung 2 · Ein Schritt mit Adam
#
# Schreibe `adam_step(W, dW, m, v, t, learning_rate, beta1, beta2, eps)`, die `(W_new, m_new, v_new)`
# zurückgibt. `m_new` und `v_new` sind die gleitenden Mittelwerte *vor* der Korrektur – der nächste Schritt
# macht mit ihnen weiter. Die Prüfung übergibt `t = 1, 2, 3, …` und gibt deiner Funktion zurück, was sie
# geliefert hat.

# %%
def adam_step(W, dW, m, v, t, learning_rate, beta1, beta2, eps):
    ...  # m_new = ...; v_new = ...; m_hat = ...; v_hat = ...; W_new = ...; return W_new, m_new, v_new


answer = ...  # wenn adam_step fertig ist: answer = adam_step
ml.check("08.adam_step", answer, lang=LANG)

# %% [markdown]
# ## Das Wettrennen durchs Tal
#
# Derselbe Start, je 60 Schritte: das einfache Gradientenverfahren knapp unter seiner Grenze, Impuls und
# Adam mit $\alpha = 0{,}1$.

# %%
paths = {ml.fmt("SGD · α = {a:g}", LANG, a=0.19): descend(ml.optimizers.SGD(), 0.19),
         ml.fmt("{name} · α = {a:g}", LANG, name=ml.t("lesson.momentum", LANG), a=0.1):
             descend(ml.optimizers.Momentum(0.9), 0.1),
         ml.fmt("Adam · α = {a:g}", LANG, a=0.1): descend(ml.optimizers.Adam(), 0.1)}
print(ml.t("lesson.valley_header", LANG, n=60))
first = [report(name, points) for name, points in paths.items()]
ml.landscape_chart.valley_race(CURVATURES, paths, lang=LANG)

# %%
assert first[0] is None and first[1] <= 40 and first[2] <= 40  # SGD: nicht in 60 Schritten

# %% [markdown]
# Der Impuls schießt übers Ziel hinaus, schwingt zurück und kommt zur Ruhe: Seine Geschwindigkeit trägt ihn
# die Sohle entlang, und die Schwingungen quer zum Tal klingen ab. Adam steuert in beiden Richtungen etwa
# gleich schnell auf Sohle und Minimum zu – es teilt jeden Gradienten durch dessen eigene typische Größe.
# Beide kommen in weniger als 40 Schritten unter einen Verlust von 0,01; SGD schafft es in 60 nicht (die
# Zahlen oben).

# %% [markdown]
# ## Am Netz: SGD, Impuls und Adam im Vergleich
#
# Jetzt das echte Netz: 784-128-64-10 auf 2.000 Trainingsbildern, 500 Validierungsbilder, 10 Epochen, Stapel zu
# 64, für alle drei dieselben Anfangsgewichte und dieselbe Mischreihenfolge – nur der Optimierer (optimizer)
# ändert sich. `ml.train(..., optimizer="momentum")` oder `optimizer="adam"` wählt ihn aus. Jeder bekommt
# seine übliche Lernrate: 0,1 für SGD (wie in 08a), 0,01 für den Impuls (seine Geschwindigkeit wächst auf
# 10 Gradienten, seine Schritte sind also so groß wie die von SGD mit 0,1) und 0,001 für Adam (der Standard
# aus dem Artikel: Adams Schritte sind jeweils etwa $\alpha$ groß).

# %%
X_pool, y_pool = ml.load_mnist("train", n=2500, lang=LANG)
X_train, y_train, X_val, y_val = ml.train_val_split(X_pool, y_pool, 500, np.random.default_rng(1))
print("X_train:", X_train.shape, " X_val:", X_val.shape)

# %%
runs = {}
for optimizer, name, learning_rate in (("sgd", "SGD", 0.1), ("momentum", ml.t("lesson.momentum", LANG), 0.01),
                                       ("adam", "Adam", 0.001)):
    params = ml.init_params([784, 128, 64, 10], rng=np.random.default_rng(1))
    history = ml.train(params, X_train, y_train, optimizer=optimizer, learning_rate=learning_rate, n_epochs=10,
                       batch_size=64, rng=np.random.default_rng(2), X_val=X_val, y_val=y_val, lang=LANG)
    runs[ml.fmt("{name} · α = {a:g}", LANG, name=name, a=learning_rate)] = history
drops = []  # der größte Rückgang der Genauigkeit von einer Epoche zur nächsten, in Prozentpunkten
print(ml.t("lesson.optimizer_header", LANG))
for name, history in runs.items():
    accuracy = history.val_accuracy
    drops.append(100 * max(0.0, *(accuracy[e - 1] - accuracy[e] for e in range(2, len(accuracy)))))
    print(ml.fmt("{name:20} {a1:7.1%} {a3:7.1%} {a10:7.1%} {drop:7.1f} {s:7.2f}", LANG, name=name, a1=accuracy[1],
                 a3=accuracy[3], a10=accuracy[10], drop=drops[-1], s=sum(history.seconds)))
ml.compare_chart.compare_runs(runs, lang=LANG, title=ml.t("lesson.optimizers_title", LANG))

# %%
sgd, momentum, adam = runs.values()
for epoch in (1, 3):
    assert min(momentum.val_accuracy[epoch], adam.val_accuracy[epoch]) > sgd.val_accuracy[epoch]
assert drops[0] == max(drops)
final = [history.val_accuracy[-1] for history in runs.values()]
print(ml.t("lesson.optimizers_spread", LANG, d=100 * (max(final) - min(final))))
assert max(final) - min(final) < 0.03

# %% [markdown]
# Lies die Zahlen, nicht nur die Kurven:
#
# - Nach 1 und nach 3 Epochen liegen Impuls und Adam deutlich vor SGD: Sie kommen schneller ans Ziel.
# - Die Genauigkeit von SGD springt von Epoche zu Epoche auf und ab: Sein größter Rückgang ist der größte der
#   drei. Impuls und Adam steigen gleichmäßiger.
# - Nach 10 Epochen liegen die drei nah beieinander (die letzte Zeile oben): Der bessere Schritt bringt vor
#   allem schneller ans Ziel. Was das Ergebnis jetzt begrenzt, ist etwas anderes – die nächste Lektion.
# - Ein Schritt von Adam rechnet mehr als einer von SGD; vergleiche die Sekunden (sie hängen von deinem
#   Rechner ab).
#
# Adam mit $\alpha = 0{,}001$ ist eine gute erste Wahl für ein neues Netz: Hier brauchte es kein Feintuning.

# %% [markdown]
# ## Zusammenfassung
#
# - In einem schmalen Tal steckt das einfache Gradientenverfahren zwischen den Wänden fest (die $\alpha$ auf
#   $2/\lambda_{\max}$ begrenzen) und der flachen Sohle (auf der Schritte dieser Größe kriechen).
# - **Impuls** (in der Form von PyTorch): $v \leftarrow \beta v + dW$, $W \leftarrow W - \alpha v$ –
#   gleichbleibende Richtungen summieren sich auf $1/(1-\beta)$ Gradienten, Zickzack hebt sich auf.
# - **Adam**: gleitende Mittelwerte $m$ von $dW$ und $v$ von $dW^2$, **bias-korrigiert** mit $1 - \beta^t$
#   ($t$ ab 1), Schritt $\alpha\, \hat m / (\sqrt{\hat v} + \varepsilon)$ – etwa $\alpha$ pro Parameter,
#   egal wie steil.
# - `ml.train(..., optimizer="momentum" | "adam")`; `ml.compare_chart.compare_runs` zeigt die Kurven
#   mehrerer Läufe auf den Validierungsdaten in einem Diagramm – vergleiche mit demselben Startwert (Seed) und
#   immer nur einer Änderung.
#
# Weiter: Ein besserer Schritt hält das Netz nicht davon ab, seine Trainingsbilder auswendig zu lernen:
# [08d · Gegen Überanpassung](08d_regularisation.ipynb)

# %% [markdown]
# ## Lösungen
#
# Jede Zelle prüft eine Lösung (und schlüge fehl, wäre sie falsch).

# %%
def momentum_step_solution(W, dW, v, learning_rate, beta):  # Übung 1
    v_new = beta * v + dW  # der Gradient wird ganz addiert (Form von PyTorch)
    return W - learning_rate * v_new, v_new  # Schritt entlang der neuen Geschwindigkeit


assert ml.check("08.momentum_step", momentum_step_solution, lang=LANG, save=False)

# %%
def adam_step_solution(W, dW, m, v, t, learning_rate, beta1, beta2, eps):  # Übung 2
    m_new = beta1 * m + (1 - beta1) * dW  # gleitender Mittelwert der Gradienten
    v_new = beta2 * v + (1 - beta2) * dW**2  # ... und ihrer Quadrate
    m_hat, v_hat = m_new / (1 - beta1**t), v_new / (1 - beta2**t)  # Bias-Korrektur, t = 1 beim ersten Schritt
    return W - learning_rate * m_hat / (np.sqrt(v_hat) + eps), m_new, v_new  # eps außerhalb der Wurzel


assert ml.check("08.adam_step", adam_step_solution, lang=LANG, save=False)
