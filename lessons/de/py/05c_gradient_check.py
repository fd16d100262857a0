# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 05c · Die Gradientenprüfung: Vertrauen ist gut, Kontrolle ist besser
#
# **In dieser Lektion**
# - prüfst du die Fehlerrückführung – auch deine eigene aus 05b – unabhängig: ein Gewicht anstupsen, den
#   Verlust beobachten (zentrale Differenzen),
# - schreibst du den **relativen Fehler** (relative error), der zwei Gradienten vergleicht, und lernst, ihn zu
#   lesen,
# - misst du, wie die Schrittweite $\varepsilon$ über die Genauigkeit entscheidet – Abbruchfehler (truncation
#   error) gegen Rundungsfehler (round-off error) – und sagst die beste Schrittweite für `float32` voraus,
# - siehst du, wie ein Knick (kink) der ReLU einen richtigen Gradienten falsch aussehen lässt, und
#   unterscheidest das von einem echten Fehler,
# - entlarvst du mit der Prüfung den Bias-Fehler des Original-Tutorials.
#
# ⏱ etwa 45 Minuten, mit den Aufgaben

# %%
import numpy as np

import mnistlab as ml

LANG = "de"
rng = np.random.default_rng(0)

# %% [markdown]
# ## Wozu überhaupt prüfen?
#
# In [05b](05b_backprop.ipynb) stimmte unser `backward` mit `ml.backward` überein – aber beide könnten
# denselben Fehler in der Herleitung haben. Die Fehlerrückführung scheitert *leise*: Ein falscher Gradient hat
# trotzdem die richtige Form, das Netz trainiert trotzdem ein bisschen, und nichts stürzt ab. Wir brauchen
# einen Test, der die Herleitung gar nicht benutzt, und die Definition der Ableitung liefert ihn: Verschiebe
# ein einzelnes Gewicht $w$ um ein winziges $\varepsilon$ in beide Richtungen und beobachte den Verlust:
#
# $$\frac{\partial L}{\partial w} \approx \frac{L(w + \varepsilon) - L(w - \varepsilon)}{2\varepsilon}$$
#
# Das sind **zentrale Differenzen** (central differences). Wir bauen das Netz aus 05b auf – 100 Bilder,
# $n_h = 16$ –, diesmal ganz in `float64` (etwa 16 gültige Stellen), damit wir nur die Fehler sehen, um die es
# in dieser Lektion geht:

# %%
X, y = ml.load_mnist("train", n=100, lang=LANG)
X = X.astype(np.float64)
Y = ml.one_hot(y)
params = ml.init_params([784, 16, 10], rng=rng, dtype=np.float64)
A2, cache = ml.forward(params, X)
grads = ml.backward(params, cache, Y)
L = ml.cross_entropy(A2, y)
print("L =", L, "  W1:", params["W1"].shape, "  W2:", params["W2"].shape, "  X.dtype =", X.dtype)

# %% [markdown]
# Zwei kleine Funktionen: der Verlust, wenn ein Eintrag eines Parameters auf den Wert $w$ gesetzt ist (auf
# Kopien, `params` bleibt unverändert), und die zentrale Differenz für diesen Eintrag. Wir nehmen das Gewicht
# von `W2` mit dem größten Gradienten:

# %%
def loss_at(name, index, w, dtype=np.float64):
    p = {key: value.astype(dtype) for key, value in params.items()}  # Kopien: params bleibt unverändert
    p[name][index] = w
    return ml.cross_entropy(ml.forward(p, X.astype(dtype))[0], y)


def central_difference(name, index, eps, dtype=np.float64):
    w = params[name][index]
    return (loss_at(name, index, w + eps, dtype) - loss_at(name, index, w - eps, dtype)) / (2 * eps)


index = tuple(int(i) for i in np.unravel_index(np.abs(grads["dW2"]).argmax(), grads["dW2"].shape))
g = grads["dW2"][index]
print("index =", index)
print("grads['dW2'][index]                     =", g)
print("central_difference('W2', index, 1e-5)   =", central_difference("W2", index, 1e-5))

# %% [markdown]
# Beide stimmen auf etwa neun Stellen überein. Die Prüfung: Unsere zentrale Differenz stimmt mit
# `ml.numerical_gradient` überein, das eine Liste von Indizes annimmt:

# %%
np.testing.assert_allclose(central_difference("W2", index, 1e-5),
                           ml.numerical_gradient(params, X, y, "W2", indices=[index])[0], rtol=1e-9)

# %% [markdown]
# ## Der relative Fehler
#
# „Stimmen auf etwa neun Stellen überein“ braucht eine Zahl. Für zwei Gradienten $a$ (aus der
# Fehlerrückführung) und $b$ (numerisch) – einzelne Zahlen oder ganze Arrays – ist der **relative Fehler**
#
# $$\frac{\lVert a - b \rVert}{\lVert a \rVert + \lVert b \rVert}$$
#
# mit $\lVert a \rVert$, der Länge von $a$, aufgefasst als ein langer Vektor: `np.linalg.norm(a)`. Relativ, damit er für
# große und kleine Gradienten dasselbe bedeutet.
#
# ### Du bist dran · der relative Fehler
#
# Schreibe `my_relative_error(a, b)` für zwei Arrays derselben Form; die Funktion gibt eine Zahl zurück. Denk an
# den Fall, dass beide Gradienten genau 0 sind – ein ReLU-Neuron, das bei keinem Bild anspringt, hat solche
# Gradienten, und die stimmen perfekt überein. Die Prüfung ruft deine Funktion mit eigenen Arrays auf.

# %%
def my_relative_error(a, b):
    ...  # gib eine Zahl zurück


answer = ...  # wenn my_relative_error fertig ist: answer = my_relative_error
ml.check("05.relative_error", answer, lang=LANG)

# %% [markdown]
# Unsere Version und die Prüfung gegen `ml.relative_error`:

# %%
def relative_error(a, b):
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    scale = np.linalg.norm(a) + np.linalg.norm(b)
    return np.linalg.norm(a - b) / scale if scale > 0 else 0.0  # beide 0: sie stimmen überein


for a, b in [(grads["dW1"], 2 * grads["dW1"]), (np.zeros(3), np.zeros(3)), (g, g + 1e-9)]:
    np.testing.assert_allclose(relative_error(a, b), ml.relative_error(a, b), rtol=1e-12)

# %% [markdown]
# Was bedeuten seine Werte? Nach der Dreiecksungleichung ist $\lVert a - b \rVert \le \lVert a \rVert +
# \lVert b \rVert$, er liegt also zwischen 0 und 1. Fünf Paare:

# %%
pairs = {"b = a": ([1.0, 2.0], [1.0, 2.0]), "b = 2a": ([1.0, 2.0], [2.0, 4.0]),
         "a ⟂ b, |a| = |b|": ([1.0, 0.0], [0.0, 1.0]), "b = 0": ([1.0, 2.0], [0.0, 0.0]),
         "b = -a": ([1.0, 2.0], [-1.0, -2.0])}
for name, (a, b) in pairs.items():
    print(f"{name:18} relative_error = {relative_error(a, b):.4f}")

# %% [markdown]
# Ein doppelt so großer Gradient, wie er sein sollte, ergibt $1/3$; zwei gleich lange Gradienten im rechten
# Winkel ergeben $\sqrt{2}/2 \approx 0{,}71$ – selbst Richtungen, die *nichts miteinander zu tun haben*, bleiben
# deutlich unter 1. Nahe 1 heißt mehr: Einer der beiden ist (fast) 0, oder sie zeigen in entgegengesetzte
# Richtungen (ein Vorzeichenfehler). Und nahe 0 heißt, sie stimmen überein – aber wie nahe ist „nahe“? Das
# hängt von $\varepsilon$ ab.
#
# ## Welches ε? Abbruchfehler gegen Rundungsfehler
#
# Warum nicht $\varepsilon$ so klein wie möglich wählen? Zwei Fehler ziehen in entgegengesetzte Richtungen.
#
# **Abbruchfehler**: Die Formel ist nur eine Näherung. Die Taylorformel liefert
# $L(w \pm \varepsilon) = L \pm \varepsilon L' + \frac{\varepsilon^2}{2} L'' \pm \frac{\varepsilon^3}{6} L''' +
# \dots$; in der Differenz heben sich $L$ und $L''$ auf:
#
# $$\frac{L(w + \varepsilon) - L(w - \varepsilon)}{2\varepsilon} = L' + \frac{\varepsilon^2}{6} L''' + \dots$$
#
# Der Fehler schrumpft also wie $\varepsilon^2$: zehnmal kleineres $\varepsilon$, hundertmal kleinerer Fehler.
# (Die einseitige Version $(L(w + \varepsilon) - L(w)) / \varepsilon$ hat den Fehler
# $\frac{\varepsilon}{2} L''$, nur proportional zu $\varepsilon$.)
#
# **Rundungsfehler**: Der Computer rundet. Ein Zahlentyp speichert eine feste Zahl von
# Stellen: Jede gespeicherte Zahl kann um einen Bruchteil $u$ ihrer selbst danebenliegen, die
# **Rundungseinheit** (unit round-off) – $u = 2^{-53} \approx 1{,}1 \cdot 10^{-16}$ für `float64`. Jeder Verlust
# trägt also einen Fehler von etwa $u \cdot |L|$, und das Teilen der Differenz durch $2\varepsilon$ bläst ihn
# auf etwa $u \cdot |L| / \varepsilon$ auf: *größer* für kleineres $\varepsilon$.
#
# Messen wir nach. Für $\varepsilon$ von $10^{-1}$ bis hinunter zu $10^{-12}$ berechnen wir den relativen
# Fehler der zentralen Differenz gegenüber der Fehlerrückführung, daneben beide Fehlerterme (als relative
# Fehler, geteilt durch $2|g|$). $L'''$ schätzen wir einmal, mit einer breiteren Differenz aus vier Verlusten
# ($h = 0{,}01$):

# %%
epsilons = 10.0 ** -np.arange(1, 12.25, 0.5)  # 1e-1, 3e-2, 1e-2, ..., 1e-12
errors64 = [relative_error(central_difference("W2", index, eps), g) for eps in epsilons]

h, w = 1e-2, params["W2"][index]
L3 = (loss_at("W2", index, w + 2 * h) - 2 * loss_at("W2", index, w + h)
      + 2 * loss_at("W2", index, w - h) - loss_at("W2", index, w - 2 * h)) / (2 * h**3)  # ≈ L'''
u64 = np.finfo(np.float64).eps / 2  # Rundungseinheit von float64: 2**-53
truncation = epsilons**2 * abs(L3) / 6 / (2 * abs(g))
roundoff64 = u64 * L / epsilons / (2 * abs(g))

best64 = epsilons[np.argmin(errors64)]
eps_star64 = (3 * u64 * L / abs(L3)) ** (1 / 3)  # wo die Summe beider Terme am kleinsten ist
print(f"L3 = {L3:.4f}   u64 = {u64:.2e}")
print(f"best64 = {best64:.0e}   min(errors64) = {min(errors64):.1e}   eps_star64 = {eps_star64:.1e}")

ml.charts.eps_sweep(epsilons, {"float64": errors64}, lang=LANG,
                    terms={ml.t("lesson.truncation", LANG): truncation,
                           ml.t("lesson.roundoff", LANG, dtype="float64"): roundoff64})

# %% [markdown]
# Lies das Diagramm von rechts nach links. Bei großem $\varepsilon$ liegt der gemessene Fehler auf der
# gestrichelten Linie $\varepsilon^2 |L'''| / 6$: zwei Schritte um $\sqrt{10}$ nach links, hundertmal kleiner.
# Bei kleinem $\varepsilon$ folgt er der gepunkteten Rundungslinie $u|L|/\varepsilon$ nach oben, zackig, weil
# Runden zackig ist. Der beste Schritt liegt dort, wo sich die beiden Linien kreuzen: Das Minimum von
# $\frac{\varepsilon^2}{6}|L'''| + \frac{u|L|}{\varepsilon}$ liegt bei $\varepsilon^* = (3u|L| /
# |L'''|)^{1/3}$ – und das gemessene Minimum (der Ring) sitzt genau dort. `ml.gradient_check` nimmt
# $\varepsilon = 10^{-5}$, ganz in der Nähe. Die Prüfungen:

# %%
errors64 = np.array(errors64)
assert 1e-6 <= best64 <= 1e-4 and min(errors64) < 1e-9  # der beste Schritt liegt nahe eps_star64
assert 50 < errors64[0] / errors64[2] < 200  # rechts: 10-mal kleineres eps, etwa 100-mal kleinerer Fehler
assert errors64[-1] > 1e4 * min(errors64)  # links: das Runden übernimmt

# %% [markdown]
# ### Aufgabe 1 · Der beste Schritt für float32
#
# `float32` speichert etwa 7 Stellen: Seine Rundungseinheit ist $u = 2^{-24} \approx 6 \cdot 10^{-8}$, etwa
# $5 \cdot 10^{8}$-mal so groß wie die von `float64`. Wo wird der relative Fehler einer zentralen Differenz in
# `float32` am kleinsten sein? Sag es voraus, bevor die nächste Zelle es misst: Antworte mit einer
# Schrittweite wie `1e-3` (du kannst sie aus `L`, `L3` und der Formel für $\varepsilon^*$ berechnen).

# %%
answer = ...
ml.check("05.eps_float32", answer, lang=LANG)

# %% [markdown]
# Die Messung, beide Zahlentypen in einem Diagramm:

# %%
errors32 = [relative_error(central_difference("W2", index, eps, dtype=np.float32), g) for eps in epsilons]
u32 = np.finfo(np.float32).eps / 2  # 2**-24
roundoff32 = u32 * L / epsilons / (2 * abs(g))
best32 = epsilons[np.argmin(errors32)]
eps_star32 = (3 * u32 * L / abs(L3)) ** (1 / 3)
print(f"best32 = {best32:.0e}   min(errors32) = {min(errors32):.1e}   eps_star32 = {eps_star32:.1e}")
print(f"errors32[8] = {errors32[8]:.1e}   errors32[-1] = {errors32[-1]}")  # bei eps = 1e-5 und eps = 1e-12
assert 3e-3 <= best32 <= 0.3 and 1e-2 < errors32[8] < 0.2
assert (np.array(errors32)[epsilons < 3e-7] == 1.0).all()  # die Differenz ist 0

ml.charts.eps_sweep(epsilons, {"float64": errors64, "float32": errors32}, lang=LANG,
                    terms={ml.t("lesson.truncation", LANG): truncation,
                           ml.t("lesson.roundoff", LANG, dtype="float64"): roundoff64,
                           ml.t("lesson.roundoff", LANG, dtype="float32"): roundoff32})

# %% [markdown]
# Beide Zahlentypen teilen sich die Linie des Abbruchfehlers – es ist dieselbe Funktion –, aber die
# Rundungslinie von `float32` liegt $5 \cdot 10^{8}$-mal höher und trifft die Abbruchlinie deshalb viel weiter
# rechts (wie tief der Ring dort liegt, ist zum Teil Glück: Rundungsfehler heben sich manchmal auf). Bei $\varepsilon = 10^{-5}$ liegt eine Prüfung in `float32` um etwa 5 Prozent daneben; ab
# $\varepsilon = 10^{-6}$ abwärts runden beide Verluste auf *dieselbe* `float32`-Zahl, die Differenz ist 0 und der
# relative Fehler genau 1 – „einer der beiden ist 0“. Eine Gradientenprüfung läuft deshalb in `float64`:
# `ml.gradient_check` rechnet zuerst in `float64` um, egal womit das Netz arbeitet.
#
# ## Die ganze Prüfung – und der Bias-Fehler des Originals
#
# Ein einzelner Eintrag beweist wenig. `ml.gradient_check` vergleicht die Fehlerrückführung an 20 Einträgen
# jedes Parameters mit zentralen Differenzen und meldet für jeden den relativen Fehler:

# %%
check = ml.gradient_check(params, X, y, rng=rng, lang=LANG)
print(check)
assert check.passed() and check.max_error < 1e-8

# %% [markdown]
# Alle um $10^{-9}$ oder darunter: richtig. Das war `ml.backward`. Deine Version liegt in deinem Arbeitsheft,
# wenn du in 05b `my_backward` geschrieben hast und es seine Prüfung bestanden hat – unten `mine.backward`;
# sonst nimmt `mine` die von mnistlab. Hier muss sie sich dem Verlust selbst stellen, an denselben Einträgen:
# keine andere Umsetzung, mit der sie übereinstimmen könnte, nur die Definition der Ableitung.

# %%
mine = ml.workbook.mine(lang=LANG)  # deine Funktionen, wo du sie geschrieben hast, sonst die von mnistlab
grads_mine = mine.backward(params, cache, Y)
for name in params:
    sampled = np.asarray(grads_mine["d" + name], dtype=np.float64).reshape(-1)[check.indices[name]]
    print(f"{name:3} {relative_error(sampled, check.numerical[name]):10.2e}")
mine

# %% [markdown]
# Jetzt die Fehlerrückführung des Original-Tutorials. Vergleiche ihre
# Zeilen für `db2` und `db1` mit unserer Formel `dZ.sum(axis=1, keepdims=True)`:

# %%
ml.show_source(ml.origin.backward_prop)

# %% [markdown]
# Die Formel sagt „Summe über die Bilder“. `np.sum(dZ2)` ohne `axis` summiert über **alles** – alle Neuronen
# *und* alle Bilder – und liefert eine einzige Zahl:

# %%
result = ml.origin.backward_prop(cache["Z1"], cache["A1"], cache["Z2"], cache["A2"],
                                 params["W1"], params["W2"], X, y)  # dW1, db1, dW2, db2
grads_orig = {"dW1": result[0], "db1": result[1], "dW2": result[2], "db2": result[3]}
print("grads_orig['db1'] =", grads_orig["db1"], "   shape:", np.shape(grads_orig["db1"]))
print("grads_orig['db2'] =", grads_orig["db2"])
print("grads['db1'][:5].ravel() =", grads["db1"][:5].ravel())

# %% [markdown]
# In `b1 - alpha * db1` wird diese eine Zahl von jedem Bias abgezogen: **Alle Biases einer Schicht bekommen
# denselben Gradienten** und bewegen sich gemeinsam, als hätte die Schicht nur einen einzigen Bias. Und `db2`
# ist praktisch 0 – immer: Die Einträge jeder Spalte von $A^{[2]}$ ergeben zusammen 1, die jeder Spalte von
# $Y$ ebenso, die Summe aller Einträge von $A^{[2]} - Y$ ist also $m - m = 0$. Die Ausgabe-Biases des
# Originals bewegen sich *nie*. Das Netz lernt trotzdem über seine Gewichte – deshalb blieb der Fehler
# unbemerkt. Hätte die Gradientenprüfung ihn erwischt? Wir vergleichen die Gradienten des Originals (die eine
# Zahl auf alle Biases verteilt, genau wie beim Update) mit den numerischen Gradienten, die `check` berechnet
# hat, an denselben Einträgen:

# %%
errors = {}
for name in params:
    gradient = np.broadcast_to(grads_orig["d" + name], params[name].shape)  # eine Zahl -> jeder Eintrag
    sampled = gradient.reshape(-1)[check.indices[name]]  # die Einträge, die die Prüfung verschoben hat
    errors[name] = relative_error(sampled, check.numerical[name])
    print(f"{name:3} {errors[name]:10.2e}")
assert errors["W1"] < 1e-6 and errors["W2"] < 1e-6
assert errors["b1"] > 1e-2 and errors["b2"] > 0.99

# %% [markdown]
# Die Prüfung zeigt direkt auf den Fehler: Die Gewichte stimmen, beide Biases sind falsch – und der relative
# Fehler von `b2` ist 1, „einer der beiden ist 0“. Die Korrektur steht schon in unserer Formel: nur über die
# Bilder summieren, eine Zahl pro Neuron behalten – `dZ.sum(axis=1, keepdims=True)`.
#
# ## Wenn ein richtiger Gradient falsch aussieht: Knicke der ReLU
#
# Wo liegt die Grenze zwischen „richtig“ und „Fehler“? Eine verbreitete Faustregel (aus dem Stanford-Kurs
# CS231n): unter $10^{-7}$ kannst du zufrieden sein; unter $10^{-4}$ ist es meist in Ordnung, *wenn die
# Funktion Knicke hat* (und zu viel, wenn sie keine hat); zwischen $10^{-4}$ und $10^{-2}$ sollte dir mulmig
# werden; über $10^{-2}$ ist der Gradient wahrscheinlich falsch. (CS231n teilt durch die größere der beiden
# Längen statt durch ihre Summe: höchstens ein Faktor 2, auf diesen Skalen bedeutungslos.) Knicke? Die ReLU
# hat einen bei 0: Steigung 0 links davon, 1 rechts davon. Liegt die Eingabe $Z^{[1]}$ eines verdeckten
# Neurons bei einem Bild näher als $\varepsilon$ an 0, schiebt das Anstupsen $w \pm \varepsilon$ sie über den
# Knick, und die zentrale Differenz mittelt zwei verschiedene Steigungen.
#
# Von unseren 1.600 Einträgen von $Z^{[1]}$ liegt keiner so nahe: Selbst der Eintrag, der 0 am nächsten liegt,
# ist weiter entfernt als $\varepsilon = 10^{-5}$. Wir schieben ihn absichtlich dorthin, indem wir den Bias dieses Neurons ein winziges
# Stück verschieben, sodass sein $Z^{[1]}$ gleich $\varepsilon / 2$ wird:

# %%
j, i = np.unravel_index(np.abs(cache["Z1"]).argmin(), cache["Z1"].shape)
print("Z1[j, i] =", cache["Z1"][j, i], "  j =", j, "  i =", i)
assert abs(cache["Z1"][j, i]) > 1e-5  # kein Eintrag von Z1 liegt näher als eps am Knick
kinked = {key: value.copy() for key, value in params.items()}
kinked["b1"][j] += 0.5e-5 - cache["Z1"][j, i]  # jetzt ist Z1[j, i] = eps / 2
A2_kinked, cache_kinked = ml.forward(kinked, X)
print("cache_kinked['Z1'][j, i] =", cache_kinked["Z1"][j, i])
check_kinked = ml.gradient_check(kinked, X, y, rng=np.random.default_rng(1), lang=LANG)
print(check_kinked)

# %% [markdown]
# `b1` wird markiert – obwohl `ml.backward` genau die Funktion ist, die oben bestanden hat, und sich sonst
# nichts geändert hat. Ist das ein Fehler? Zwei Tests unterscheiden einen Knick von einem Fehler:
# 1. Ist irgendein $|Z^{[1]}|$ kleiner als $\varepsilon$? Hier: ja, $\varepsilon / 2$.
# 2. Verschwindet der Fehler mit einem kleineren $\varepsilon$? Der Fehler eines Knicks tut das (das Anstupsen
#    überquert den Knick nicht mehr); der eines echten Fehlers nicht.

# %%
db1_kinked = ml.backward(kinked, cache_kinked, Y)["db1"][j, 0]
kink_errors = {}
for eps in (1e-5, 1e-6, 1e-7):
    numerical = ml.numerical_gradient(kinked, X, y, "b1", indices=[(j, 0)], eps=eps)[0]
    kink_errors[eps] = relative_error(db1_kinked, numerical)
    print(f"eps = {eps:.0e}   kink_errors[eps] = {kink_errors[eps]:.1e}")
print("min |Z1| =", np.abs(cache_kinked["Z1"]).min())
assert 1e-5 < check_kinked["b1"] < 1e-2 and check_kinked["b1"] > 1e5 * check["b1"]
assert not check_kinked.passed()
assert kink_errors[1e-5] > 1e-4 and kink_errors[1e-6] < 1e-7 and kink_errors[1e-7] < 1e-7

# %% [markdown]
# Ein einziges Bild neben einem Knick hat den relativen Fehler von `b1` etwa millionenfach erhöht, von etwa
# $10^{-10}$ auf einige $10^{-4}$ – knapp über den $10^{-4}$, die CS231n „mit Knicken meist in Ordnung“ nennt,
# und weit über den $10^{-6}$, ab denen `ml.gradient_check` „FALSCH?“ schreibt. Schwellen sind also Faustregeln,
# keine Gesetze: Ein großer Fehler ist ein Grund hinzusehen, und die beiden Tests oben sagen dir, was du vor
# dir hast. Je mehr Einträge $Z^{[1]}$ hat (ein größerer Stapel, eine breitere Schicht), desto mehr Gelegenheiten
# hat einer davon, so nahe bei 0 zu liegen.
#
# ## Zusammenfassung
#
# - Eine **Gradientenprüfung** vergleicht die Fehlerrückführung mit zentralen Differenzen
#   $(L(w+\varepsilon) - L(w-\varepsilon)) / 2\varepsilon$, einem von der Herleitung unabhängigen Test, über
#   den **relativen Fehler** $\lVert a - b\rVert / (\lVert a\rVert + \lVert b\rVert)$ (0, wenn beide 0 sind).
# - Der relative Fehler liegt zwischen 0 und 1: doppelt so groß ergibt 1/3, senkrecht zueinander ≈ 0,71; nahe
#   1 heißt, ein Gradient ist ≈ 0 oder beide zeigen in entgegengesetzte Richtungen.
# - Die Schrittweite $\varepsilon$: Der Abbruchfehler $\varepsilon^2 |L'''| / 6$ schrumpft mit $\varepsilon$,
#   der Rundungsfehler $u|L| / \varepsilon$ wächst; der beste Schritt ist $(3u|L|/|L'''|)^{1/3}$, etwa
#   $10^{-5}$ in `float64` und $10^{-2}$ in `float32`. Prüfe in `float64`.
# - Faustregeln (CS231n): unter $10^{-7}$ richtig; unter $10^{-4}$ mit Knicken meist in Ordnung; über
#   $10^{-2}$ wahrscheinlich ein Fehler. Eine ReLU-Eingabe näher als $\varepsilon$ an 0 lässt einen richtigen
#   Gradienten falsch aussehen – ihr Fehler verschwindet mit kleinerem $\varepsilon$, der eines echten Fehlers
#   nicht.
# - Das `np.sum(dZ)` des Originals gibt allen Biases einer Schicht einen gemeinsamen Gradienten und den
#   Ausgabe-Biases gar keinen: Die Prüfung markiert `b1` und `b2` sofort. Die Korrektur ist
#   `sum(axis=1, keepdims=True)`.
#
# **Weiter:** [06a · Gradientenverfahren](06a_gradient_descent.ipynb) – Schritt für Schritt bergab: Das Netz
# lernt.

# %% [markdown]
# ## Lösungen
#
# **Aufgabe 1.** Mit $u = 2^{-24}$: $\varepsilon^* = (3u|L| / |L'''|)^{1/3}$ – etwa $800$-mal der beste Schritt
# von `float64`, denn $\varepsilon^*$ wächst mit der dritten Wurzel aus $u$: $(2^{29})^{1/3} \approx 812$.

# %%
eps_star32 = (3 * u32 * L / abs(L3)) ** (1 / 3)  # u32 = 2**-24
assert ml.check("05.eps_float32", eps_star32, lang=LANG)

# %% [markdown]
# **Du bist dran · der relative Fehler.** Unser `relative_error` oben: Längen mit `np.linalg.norm`, darunter
# die Summe beider Längen, und 0, wenn beide 0 sind.

# %%
assert ml.check("05.relative_error", relative_error, lang=LANG, save=False)  # save=False: Die Lösung der Lektion zählt nicht als deine
