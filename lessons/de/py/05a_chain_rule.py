# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 05a · Die Kettenregel, von Hand
#
# **In dieser Lektion**
# - verfolgst du ein einzelnes Neuron mit gewöhnlichen Zahlen vorwärts und dann rückwärts, eine lokale
#   Ableitung (local derivative) nach der anderen,
# - schickst du Gradienten rückwärts durch einen kleinen Rechengraphen (computational graph) und lernst die
#   Muster der Gatter (gates) kennen: Eine Addition reicht den Gradienten weiter, ein Produkt vertauscht
#   seine Eingänge, eine ReLU leitet weiter oder sperrt, und ein Wert, der zweimal vorkommt, addiert, was zu
#   ihm zurückkommt,
# - prüfst du jeden Gradienten, den du von Hand berechnet hast, mit zentralen Differenzen (central
#   differences),
# - leitest du den Gradienten von Softmax + Kreuzentropie für zwei Klassen von Hand her – Vorhersage minus
#   Wahrheit – und kommst bei der Formel an, mit der Lektion 05b beginnt.
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
# Lektion 04 hat mit einer einzigen Zahl gemessen, wie falsch das Netz liegt: mit dem Verlust $L$. Um das
# Netz zu verbessern, ändern wir jedes Gewicht ein wenig – aber in welche Richtung und wie stark? Die
# Antwort ist der **Gradient**: für jeden Parameter $w$ die Ableitung $\partial L / \partial w$, also wie
# schnell $L$ wächst, wenn $w$ wächst. Lektion 05b berechnet sie alle auf einmal, mit Matrizen. Hier gehen
# wir zuerst mit einzelnen Zahlen vor, langsam, um die eine Idee zu sehen, aus der die ganze
# Fehlerrückführung (backpropagation) besteht: die **Kettenregel** (chain rule).
#
# ## 1 · Ein Neuron, vorwärts
#
# Eine Eingabe $x$, ein Gewicht $w$, ein Bias $b$, eine ReLU (Lektion 02) und ein Verlust, der die Ausgabe
# $a$ mit einem Zielwert $y$ vergleicht. Für eine einzelne Zahl ist der einfachste Verlust der quadratische
# Fehler (squared error); die Kreuzentropie des Netzes kommt in Abschnitt 5.
#
# $$z = w x + b, \qquad a = \mathrm{ReLU}(z), \qquad L = (a - y)^2$$

# %%
x, w, b, y = 2.0, 0.75, 0.5, 0.5
z = w * x + b
a = max(z, 0.0)  # ReLU
L = (a - y) ** 2
print(f"z = {z}   a = {a}   L = {L}")

# %% [markdown]
# ## 2 · Rückwärts, eine lokale Ableitung nach der anderen
#
# $L$ hängt von $w$ nur über eine Kette ab: $w$ ändert $z$, $z$ ändert $a$, $a$ ändert $L$. Die
# **Kettenregel** sagt: Die Änderungsraten entlang der Kette werden multipliziert,
#
# $$\frac{\partial L}{\partial w} = \frac{\partial L}{\partial a} \cdot \frac{\partial a}{\partial z} \cdot \frac{\partial z}{\partial w}$$
#
# Jeder Faktor ist eine **lokale Ableitung**: Sie betrachtet nur einen einzigen
# Schritt, seine eigene Eingabe und Ausgabe, und weiß nichts vom Rest. Jede ist leicht:
#
# - $\partial L / \partial a = 2(a - y)$ – die Ableitung eines Quadrats,
# - $\partial a / \partial z = \mathrm{ReLU}'(z)$ – 1 für $z > 0$, sonst 0 (Lektion 02),
# - $\partial z / \partial w = x$, $\partial z / \partial b = 1$ – in $w x + b$ wird $w$ mit $x$
#   multipliziert, und $b$ wird einfach addiert.
#
# Jedes Produkt wird hier mit den Zahlen unseres Neurons ausgerechnet:

# %%
dL_da = 2 * (a - y)
da_dz = 1.0 if z > 0 else 0.0  # ReLU'(z)
dz_dw, dz_db = x, 1.0
print(ml.fmt("∂L/∂a = 2·(a − y) = 2·({a:g} − {y:g}) = {v:g}", LANG, a=a, y=y, v=dL_da))
print(ml.fmt("∂a/∂z = ReLU'({z:g}) = {v:g}", LANG, z=z, v=da_dz))
print(ml.fmt("∂z/∂w = x = {v:g}", LANG, v=dz_dw))

dL_dz = dL_da * da_dz
dL_dw = dL_dz * dz_dw
dL_db = dL_dz * dz_db
print(ml.fmt("∂L/∂z = ∂L/∂a · ∂a/∂z = {p:g} · {q:g} = {v:g}", LANG, p=dL_da, q=da_dz, v=dL_dz))
print(ml.fmt("∂L/∂w = ∂L/∂z · ∂z/∂w = {p:g} · {q:g} = {v:g}", LANG, p=dL_dz, q=dz_dw, v=dL_dw))
print(ml.fmt("∂L/∂b = ∂L/∂z · ∂z/∂b = {p:g} · {q:g} = {v:g}", LANG, p=dL_dz, q=dz_db, v=dL_db))

# %% [markdown]
# Zweierlei fällt auf. Wir sind **rückwärts** gegangen, von $L$ zu $w$: So wird $\partial L / \partial z$
# nur einmal berechnet und dient dann $w$ und $b$ (in einem echten Netz Tausenden von Gewichten). Mehr
# bedeutet „Fehlerrückführung“ nicht. Und die Zahl hat eine Bedeutung: $\partial L / \partial w = 6$ sagt,
# dass ein kleiner Schritt $\Delta w$ den Verlust um etwa $6\, \Delta w$ ändert. Stoßen wir $w$ um 0,01 an
# und schauen nach:

# %%
L_nudged = (max((w + 0.01) * x + b, 0.0) - y) ** 2
print(ml.t("lesson.nudge_w", LANG, change=L_nudged - L, predicted=dL_dw * 0.01))

# %% [markdown]
# Fast genau $6 \cdot 0{,}01$; den kleinen Rest verursacht die Krümmung des Quadrats, die eine Ableitung –
# eine Steigung – nicht sieht.
#
# ### Du bist dran · ∂L/∂w für beliebige Zahlen
#
# Schreibe `dL_dw(x, w, b, y)`: den Gradienten $\partial L / \partial w$ dieses Neurons für beliebige vier
# Zahlen. Die Prüfung ruft deine Funktion mit eigenen Zahlen auf – auch mit solchen, bei denen $z$ negativ
# ist. Was macht die ReLU dort mit dem Gradienten?

# %%
def dL_dw(x, w, b, y):
    ...  # vorwärts (z, a), dann die drei lokalen Ableitungen, multipliziert


answer = ...  # wenn dL_dw fertig ist: answer = dL_dw
ml.check("05.chain_dw", answer, lang=LANG)

# %% [markdown]
# ## 3 · Ein kleiner Graph: wie Gradienten fließen
#
# Ein echtes Netz ist eine lange Kette solcher Schritte, und sie verzweigt sich. Wir zeichnen die Schritte
# als **Rechengraph**: Jeder Kasten ist eine Zahl, jeder Pfeil heißt „wird verwendet,
# um … zu berechnen“. Hier ein kleiner, ein winziges Netz mit einer Eingabe $x$ und zwei Pfaden – einer
# durch eine ReLU, einer ohne –, die in einer Summe zusammenlaufen:
#
# $$p = w_1 x, \qquad h = \mathrm{ReLU}(p), \qquad q = w_2 x, \qquad s = h + q, \qquad L = (s - y)^2$$
#
# Zuerst vorwärts, in schlichtem Python:

# %%
x, w1, w2, y = 2.0, 1.5, -0.25, 1.0
p = w1 * x
h = max(p, 0.0)
q = w2 * x
s = h + q
L = (s - y) ** 2
print(f"p = {p}   h = {h}   q = {q}   s = {s}   L = {L}")

# %% [markdown]
# `ml.scalar_graph.Graph` baut denselben Graphen aus seinen Blättern (den Eingaben und Gewichten) und seinen
# Schritten, ein `(Name, Operation, Eingänge)` pro Kasten, und `ml.graph_chart` zeichnet ihn. Die Werte
# stimmen mit unseren überein:

# %%
graph = ml.scalar_graph.Graph(
    {"w1": w1, "x": x, "w2": w2},  # die Blätter: Eingaben und Gewichte
    [("p", "mul", "w1", "x"),  # je Kasten (Name, Operation, Eingänge)
     ("h", "relu", "p"),
     ("q", "mul", "w2", "x"),
     ("s", "add", "h", "q"),
     ("L", "square_error", "s", y)])
values = [graph.value(name) for name in ("p", "h", "q", "s", "L")]
assert values == [p, h, q, s, L]
ml.graph_chart.computational_graph(graph, lang=LANG, gradients=False)

# %% [markdown]
# Jetzt rückwärts, von $L$ nach oben, ein Kasten nach dem anderen. Jedes Gatter gibt den Gradienten,
# der von unten ankommt, an seine Eingänge weiter, multipliziert mit seiner lokalen Ableitung – und jede Art
# von Gatter hat ihr eigenes Muster:
#
# - **Quadrat** $L = (s - y)^2$: der Anfang, $\partial L / \partial s = 2(s - y)$.
# - **Addition** $s = h + q$: Beide lokalen Ableitungen sind 1, das Gatter **verteilt** den Gradienten also
#   unverändert auf beide Eingänge: $\partial L / \partial h = \partial L / \partial q = \partial L / \partial s$.
# - **ReLU** $h = \mathrm{ReLU}(p)$: Sie **leitet** den Gradienten **weiter**, wenn $p > 0$, und **sperrt**
#   ihn (schickt 0), wenn $p \le 0$.
# - **Multiplikation** $p = w_1 x$: Die lokale Ableitung nach $w_1$ ist $x$, die nach $x$ ist $w_1$ – das
#   Gatter **vertauscht** seine Eingänge: $\partial L / \partial w_1 = x \cdot \partial L / \partial p$.
# - **Ein Wert, der zweimal vorkommt:** $x$ geht in $p$ *und* in $q$ ein. Eine kleine Änderung von $x$
#   ändert $L$ auf beiden Pfaden, also **addieren** sich die beiden Beiträge:
#
# $$\frac{\partial L}{\partial x} = \frac{\partial L}{\partial p}\,\frac{\partial p}{\partial x} + \frac{\partial L}{\partial q}\,\frac{\partial q}{\partial x} = w_1 \frac{\partial L}{\partial p} + w_2 \frac{\partial L}{\partial q}$$

# %%
dL_ds = 2 * (s - y)
dL_dh = dL_ds  # Addition: verteilt
dL_dq = dL_ds
dL_dp = dL_dh * (1.0 if p > 0 else 0.0)  # ReLU: leitet weiter (p > 0) oder sperrt
dL_dw1 = x * dL_dp  # Multiplikation: vertauscht
dL_dw2 = x * dL_dq
dL_dx = w1 * dL_dp + w2 * dL_dq  # x kommt zweimal vor: Die beiden Pfade addieren sich
print(ml.fmt("∂L/∂s  = 2·(s − y) = {v:g}", LANG, v=dL_ds))
print(ml.fmt("∂L/∂h  = ∂L/∂q = ∂L/∂s = {v:g}", LANG, v=dL_dh))
print(ml.fmt("∂L/∂p  = ∂L/∂h · ReLU'({p:g}) = {v:g}", LANG, p=p, v=dL_dp))
print(ml.fmt("∂L/∂w1 = x · ∂L/∂p = {x:g} · {d:g} = {v:g}", LANG, x=x, d=dL_dp, v=dL_dw1))
print(ml.fmt("∂L/∂w2 = x · ∂L/∂q = {x:g} · {d:g} = {v:g}", LANG, x=x, d=dL_dq, v=dL_dw2))
print(ml.fmt("∂L/∂x  = w1 · ∂L/∂p + w2 · ∂L/∂q = {a:g} + ({b:g}) = {v:g}", LANG, a=w1 * dL_dp,
             b=w2 * dL_dq, v=dL_dx))

# %% [markdown]
# Der Rückwärtsdurchlauf (backward pass) des Graphen liefert dieselben Zahlen. In der Abbildung zeigt jeder
# Kasten seinen Wert und, in Orangerot, seinen Gradienten; an jedem Pfeil steht, was der Rückwärtsdurchlauf
# an ihm entlang trägt, gegen die Pfeilrichtung. Such $x$: Seine beiden Pfeile bringen 4,5 und −0,75
# zurück, und sein Kasten enthält ihre Summe.

# %%
hand = {"s": dL_ds, "h": dL_dh, "q": dL_dq, "p": dL_dp, "w1": dL_dw1, "w2": dL_dw2, "x": dL_dx}
for name, value in hand.items():
    assert np.isclose(graph.grad(name), value), name
ml.graph_chart.computational_graph(graph, lang=LANG)

# %% [markdown]
# ### Die ReLU sperrt
#
# Jetzt derselbe Graph mit $x = -1$: $p = w_1 x$ ist negativ, die ReLU gibt 0 aus – und lässt keinen
# Gradienten zurück. Nichts auf dem linken Pfad lernt aus dieser Eingabe: $\partial L / \partial w_1 = 0$,
# und $x$ bekommt seinen Gradienten allein über den rechten Pfad.

# %%
blocked = graph.with_leaf("x", -1.0)
print(f"p = {blocked.value('p')}   ∂L/∂w1 = {blocked.grad('w1')}   ∂L/∂x = {blocked.grad('x')}")
assert blocked.grad("w1") == 0 and blocked.grad("p") == 0
ml.graph_chart.computational_graph(blocked, lang=LANG)

# %% [markdown]
# Genau das geschieht in Lektion 05b mit einem verdeckten ReLU-Neuron bei jedem Bild, für das sein $z$
# negativ ist.
#
# ### Aufgabe 1 · Ein Wert, der zweimal vorkommt
#
# Derselbe Graph mit anderen Zahlen: $x = 1$, $w_1 = 2$, $w_2 = -0{,}5$, Zielwert $y = 0$. Wie groß ist
# $\partial L / \partial x$? Rechne Schritt für Schritt wie oben (im Code oder auf Papier – aber nicht mit
# `ml.scalar_graph`, das wäre zu einfach). Antworte mit einer Zahl.

# %%
answer = ...
ml.check("05.graph_grad", answer, lang=LANG)

# %% [markdown]
# ## 4 · Nachprüfen: zentrale Differenzen
#
# Ein von Hand berechneter Gradient kann falsch sein. Eine unabhängige Probe braucht nur die
# Vorwärtsrechnung: Ändere eine Eingabe um ein winziges $\varepsilon$ in beide Richtungen und miss, wie sich
# $L$ ändert,
#
# $$\frac{\partial L}{\partial x} \approx \frac{L(x + \varepsilon) - L(x - \varepsilon)}{2\varepsilon}$$
#
# Das sind **zentrale Differenzen**; Lektion 05b wendet sie auf das ganze Netz an.
# Hier für die drei Blätter unseres Graphen:

# %%
def loss(x, w1, w2, y=1.0):
    return (max(w1 * x, 0.0) + w2 * x - y) ** 2


eps = 1e-6
numerical = {"x": (loss(x + eps, w1, w2) - loss(x - eps, w1, w2)) / (2 * eps),
             "w1": (loss(x, w1 + eps, w2) - loss(x, w1 - eps, w2)) / (2 * eps),
             "w2": (loss(x, w1, w2 + eps) - loss(x, w1, w2 - eps)) / (2 * eps)}
for name in numerical:
    print(ml.t("lesson.hand_numerical", LANG, name=name, hand=hand[name], num=numerical[name]))
    assert np.isclose(hand[name], numerical[name], atol=1e-6)

# %% [markdown]
# Sie stimmen in jeder angezeigten Nachkommastelle überein: Die Ableitungen, die wir von Hand multipliziert
# haben, sind richtig.
#
# ## 5 · Softmax + Kreuzentropie für zwei Klassen, von Hand
#
# Der letzte Schritt des Netzes ist kein Quadrat. Er macht mit Softmax aus Rohwerten Wahrscheinlichkeiten
# (Lektion 03) und nimmt die Kreuzentropie $L = -\log p_y$ der richtigen Klasse (Lektion 04). Bei nur zwei
# Klassen ergeben die Rohwerte $z_1, z_2$
#
# $$p_1 = \frac{e^{z_1}}{e^{z_1} + e^{z_2}}, \qquad p_2 = \frac{e^{z_2}}{e^{z_1} + e^{z_2}}$$
#
# Angenommen, Klasse 1 ist richtig, also $Y = (1, 0)$ (One-hot) und $L = -\log p_1$. Die Kette läuft
# $z_1, z_2 \to p_1 \to L$, mit zwei Gliedern:
#
# **Erstes Glied.** $\partial L / \partial p_1 = -1 / p_1$.
#
# **Zweites Glied: die Softmax.** Beide Wahrscheinlichkeiten haben denselben Nenner
# $S = e^{z_1} + e^{z_2}$, also ändert *jeder* Rohwert *jede* Wahrscheinlichkeit. Die Quotientenregel
# liefert vier lokale Ableitungen – die **Jacobi-Matrix** (Jacobian) der Softmax –, von denen wir zwei
# brauchen:
#
# $$\frac{\partial p_1}{\partial z_1} = \frac{e^{z_1} S - e^{z_1} e^{z_1}}{S^2} = p_1 (1 - p_1), \qquad \frac{\partial p_1}{\partial z_2} = \frac{-e^{z_1} e^{z_2}}{S^2} = -p_1 p_2$$
#
# **Multiplizieren.** Das $p_1$ kürzt sich jedes Mal weg:
#
# $$\frac{\partial L}{\partial z_1} = -\frac{1}{p_1} \cdot p_1 (1 - p_1) = p_1 - 1, \qquad \frac{\partial L}{\partial z_2} = -\frac{1}{p_1} \cdot (-p_1 p_2) = p_2$$
#
# Beides zusammen: $\partial L / \partial z_k = p_k - Y_k$ – **Vorhersage minus Wahrheit**. Ein Schritt
# gegen den Gradienten (Lektion 06) hebt den Rohwert der richtigen Klasse an (sein Gradient $p_1 - 1$ ist
# negativ) und senkt den anderen. Mit Zahlen, geprüft mit zentralen Differenzen:

# %%
def two_class_loss(z1, z2):
    p1 = np.exp(z1) / (np.exp(z1) + np.exp(z2))
    return -np.log(p1)  # Klasse 1 ist richtig


z1, z2 = 2.0, 0.5
Y = np.array([1.0, 0.0])
p1, p2 = np.exp([z1, z2]) / np.exp([z1, z2]).sum()
print(f"p1 = {p1:.4f}   p2 = {p2:.4f}   L = {two_class_loss(z1, z2):.4f}")

dL_dp1 = -1 / p1
dL_dz1 = dL_dp1 * p1 * (1 - p1)
dL_dz2 = dL_dp1 * (-p1 * p2)
hand = {"z1": dL_dz1, "z2": dL_dz2}
numerical = {"z1": (two_class_loss(z1 + eps, z2) - two_class_loss(z1 - eps, z2)) / (2 * eps),
             "z2": (two_class_loss(z1, z2 + eps) - two_class_loss(z1, z2 - eps)) / (2 * eps)}
for name in hand:
    print(ml.t("lesson.hand_numerical", LANG, name=name, hand=hand[name], num=numerical[name]))
assert np.allclose([dL_dz1, dL_dz2], np.array([p1, p2]) - Y)
assert np.allclose([dL_dz1, dL_dz2], [numerical["z1"], numerical["z2"]], atol=1e-6)

# %% [markdown]
# Beachte $\partial L / \partial z_2 = p_2 \ne 0$, obwohl $z_2$ in $-\log p_1$ gar nicht direkt vorkommt:
# $z_2$ wirkt über den gemeinsamen Nenner. Wer diese Kopplung vergisst, bekommt 0 – und liegt falsch.
#
# ### Du bist dran · der Gradient für zwei Klassen
#
# Schreibe `grad_z(z, Y)`: Für zwei Rohwerte `z` (Form (2,)) und ein One-hot-`Y` (Form (2,), `[1, 0]` oder
# `[0, 1]`) gib $\partial L / \partial z$ (Form (2,)) für $L = -\log p_y$ zurück. Die Prüfung probiert
# zufällige Rohwerte und beide Labels – und große Rohwerte, bei denen die Softmax den Trick aus Lektion 03
# braucht.

# %%
def grad_z(z, Y):
    ...  # Softmax der beiden Rohwerte, dann der Gradient


answer = ...  # wenn grad_z fertig ist: answer = grad_z
ml.check("05.softmax2_grad", answer, lang=LANG)

# %% [markdown]
# ## 6 · Vom einzelnen Bild zum Stapel: dZ2 = (A2 − Y) / m
#
# Für zehn Klassen verläuft die Herleitung genauso, nur teilen sich zehn Wahrscheinlichkeiten einen Nenner:
# Für jede Klasse $k$ ist $\partial L / \partial z_k = p_k - Y_k$ (Lektion 05b schreibt das aus).
# Numerisch geprüft an zehn zufälligen Rohwerten eines Bildes:

# %%
def numerical_gradient(f, Z, eps=1e-6):
    """Central differences for every entry of the array Z."""
    G = np.zeros_like(Z)
    for index in np.ndindex(Z.shape):
        Z_plus, Z_minus = Z.copy(), Z.copy()
        Z_plus[index] += eps
        Z_minus[index] -= eps
        G[index] = (f(Z_plus) - f(Z_minus)) / (2 * eps)
    return G


z = rng.normal(size=(10, 1))  # ein Bild: eine Spalte mit zehn Rohwerten
label = np.array([3])
G = numerical_gradient(lambda Z: ml.cross_entropy(ml.softmax(Z), label), z)
print(ml.t("lesson.max_difference", LANG, diff=np.abs(G - (ml.softmax(z) - ml.one_hot(label))).max()))

# %% [markdown]
# Der Verlust des Netzes ist der **Mittelwert** über die $m$ Bilder eines Stapels, $L = \frac{1}{m} \sum_i
# \ell_i$. Der Rohwert $Z^{[2]}_{ki}$ von Bild $i$ wirkt nur auf den Verlust $\ell_i$ dieses Bildes, und der
# geht mit dem Faktor $\frac{1}{m}$ in $L$ ein. Spalte $i$ des Gradienten ist also
# $(A^{[2]}_{:,i} - Y_{:,i}) / m$, und für den ganzen Stapel
#
# $$dZ^{[2]} = \frac{\partial L}{\partial Z^{[2]}} = \frac{1}{m}\left(A^{[2]} - Y\right)$$
#
# Geprüft an einem Stapel von $m = 4$ Bildern – alle 40 Einträge, gegen zentrale Differenzen und gegen
# `ml.output_delta`, die Funktion von mnistlab genau dafür:

# %%
m = 4
Z2 = rng.normal(size=(10, m))
labels = rng.integers(0, 10, m)
Y = ml.one_hot(labels)
A2 = ml.softmax(Z2)
dZ2 = (A2 - Y) / m
G = numerical_gradient(lambda Z: ml.cross_entropy(ml.softmax(Z), labels), Z2)
print(ml.t("lesson.max_difference", LANG, diff=np.abs(G - dZ2).max()))
print(f"(G / (A2 - Y))[:, 0] = {np.round(G[:, 0] / (A2 - Y)[:, 0], 4)}")
assert np.allclose(G, dZ2, atol=1e-7)
assert np.allclose(dZ2, ml.output_delta(A2, Y))

# %% [markdown]
# Der numerische Gradient ist in jedem Eintrag $A^{[2]} - Y$ mal 0,25: mal $\frac{1}{m}$ mit $m = 4$, weil
# der Verlust ein Mittelwert ist. Von hier aus geht Lektion 05b weiter rückwärts durch das Netz, mit ganzen
# Matrizen auf einmal: $dW^{[2]}$, $db^{[2]}$, in die verdeckte Schicht, $dW^{[1]}$ und $db^{[1]}$ – mit
# denselben lokalen Ableitungen und Gatter-Mustern wie hier, angewandt auf alle Gewichte und alle Bilder
# zugleich.
#
# ## Zusammenfassung
#
# - **Kettenregel:** Entlang einer Kette von Schritten werden die lokalen Ableitungen multipliziert:
#   $\partial L / \partial w = \partial L / \partial a \cdot \partial a / \partial z \cdot \partial z / \partial w$.
#   Die Fehlerrückführung rechnet sie vom Verlust aus rückwärts, damit jedes $\partial L / \partial(\text{Knoten})$
#   nur einmal berechnet und dann wiederverwendet wird.
# - **Gatter-Muster:** Eine Addition verteilt den Gradienten unverändert; ein Produkt vertauscht (jeder
#   Eingang bekommt den Gradienten mal den *anderen* Eingang); eine ReLU leitet ihn weiter, wo ihre Eingabe
#   positiv war, und sperrt ihn sonst; ein Wert, der zweimal vorkommt, addiert die Gradienten seiner Pfade.
# - **Zentrale Differenzen** $(L(x + \varepsilon) - L(x - \varepsilon)) / 2\varepsilon$ prüfen jeden
#   Gradienten mit nichts als der Vorwärtsrechnung.
# - **Softmax + Kreuzentropie:** Die Jacobi-Matrix der Softmax ($\partial p_1 / \partial z_1 = p_1(1 - p_1)$,
#   $\partial p_1 / \partial z_2 = -p_1 p_2$) mal $-1/p_y$ ergibt $\partial L / \partial z_k = p_k - Y_k$;
#   für einen Stapel mit dem mittleren Verlust $dZ^{[2]} = (A^{[2]} - Y)/m$.
#
# **Weiter:** [05b · Fehlerrückführung](05b_backprop.ipynb) – dasselbe für alle Gewichte und Bilder auf
# einmal, mit Matrizen.

# %% [markdown]
# ## Lösungen
#
# **Du bist dran · ∂L/∂w.** Vorwärts bis $z$ und $a$, dann die drei lokalen Ableitungen multipliziert. Wo
# $z \le 0$ ist, sperrt die ReLU, und der Gradient ist 0:

# %%
def dL_dw(x, w, b, y):
    z = w * x + b
    a = max(z, 0.0)
    return 2 * (a - y) * (1.0 if z > 0 else 0.0) * x  # ∂L/∂a · ∂a/∂z · ∂z/∂w


assert ml.check("05.chain_dw", dL_dw, lang=LANG, save=False)  # save=False: Die Lösung der Lektion zählt nicht als deine

# %% [markdown]
# **Aufgabe 1.** $p = 2$, $h = 2$, $q = -0{,}5$, $s = 1{,}5$, also $\partial L / \partial s = 2 \cdot 1{,}5 = 3$;
# die Summe gibt 3 an $h$ und an $q$ weiter, die ReLU lässt es durch ($p > 0$); zu $x$ kommen
# $w_1 \cdot 3 = 6$ und $w_2 \cdot 3 = -1{,}5$ zurück – zusammen 4,5:

# %%
x, w1, w2, y = 1.0, 2.0, -0.5, 0.0
s = max(w1 * x, 0.0) + w2 * x
dL_ds = 2 * (s - y)
dL_dx = w1 * (1.0 if w1 * x > 0 else 0.0) * dL_ds + w2 * dL_ds
print(f"dL_dx = {dL_dx}")
assert ml.check("05.graph_grad", dL_dx, lang=LANG)

# %% [markdown]
# **Du bist dran · der Gradient für zwei Klassen.** Die Softmax mit zuerst abgezogenem größtem Rohwert
# (Lektion 03), dann Vorhersage minus Wahrheit:

# %%
def grad_z(z, Y):
    e = np.exp(z - z.max())
    return e / e.sum() - Y


assert ml.check("05.softmax2_grad", grad_z, lang=LANG, save=False)  # save=False: Die Lösung der Lektion zählt nicht als deine
