"""Lesson 09 (Your own handwriting): MNIST's centre of mass, inverting a photo, the Fashion-MNIST classes
mixed up most."""

import numpy as np

from mnistlab.exercises import exercise
from mnistlab.exercises.compare import pair


@exercise(
    "09.centre",
    right=[(14, 14), [14.0, 14.0], (13.5, 13.5), (np.float64(13.99), np.float64(14.0))],
    wrong=[(28, 28), (10, 10), (0, 0), (14, 0), 14, (27, 27), "14, 14", ("14", "14")],
    hints={
        "pair": {"en": "Answer with a pair (row, column), e.g. (3, 5).",
                 "de": "Antworte mit einem Paar (Zeile, Spalte), z. B. (3, 5)."},
        "size": {"en": "That is the size of the image. Where is its middle?",
                 "de": "Das ist die Größe des Bildes. Wo liegt seine Mitte?"},
        "box": {"en": "That is the middle of the 20 × 20 box the digit is scaled into. The box is then "
                      "placed in the 28 × 28 field.",
                "de": "Das ist die Mitte des 20 × 20-Kastens, auf den die Ziffer skaliert wird. Der Kasten "
                      "wird dann ins 28 × 28-Feld gesetzt."},
        "corner": {"en": "That lies on the edge of the image. The centre of mass goes to the middle, in "
                         "both directions.",
                   "de": "Das liegt am Rand des Bildes. Der Schwerpunkt kommt in die Mitte, in beide "
                         "Richtungen."},
        "other": {"en": "The middle of 28 pixels numbered 0 … 27 — the lesson measured it on the test set.",
                  "de": "Die Mitte von 28 Pixeln mit den Nummern 0 … 27 – die Lektion hat sie auf den "
                        "Testdaten gemessen."},
    },
)
def _centre(answer):
    centre = pair(answer, float)
    if centre is None:
        return "pair"
    if all(13.5 - 1e-9 <= v <= 14.0 + 1e-9 for v in centre):
        return None
    if centre in ((28, 28), (27, 27)):
        return "size"
    if centre == (10, 10):
        return "box"
    if 0 in centre or 27 in centre or 28 in centre:
        return "corner"
    return "other"


_PHOTOS = [np.array([[1.0, 0.9], [0.2, 0.0]]), np.linspace(0, 1, 12).reshape(3, 4),
           np.random.default_rng(9).random((5, 5))]


@exercise(
    "09.invert",
    right=[lambda photo: 1 - photo, lambda photo: 1.0 - np.asarray(photo),
           lambda photo: np.subtract(1, photo)],
    wrong=[lambda photo: photo, lambda photo: -photo, lambda photo: 255 - photo, lambda photo: photo / 255,
           lambda photo: 1 / (photo + 1), 0.5],
    hints={
        "function": {"en": "Answer with a function of the photo, e.g. answer = to_mnist_style.",
                     "de": "Antworte mit einer Funktion des Fotos, z. B. answer = to_mnist_style."},
        "same": {"en": "That returns the photo unchanged: its paper stays bright and its ink dark. MNIST "
                       "wants the opposite.",
                 "de": "Das gibt das Foto unverändert zurück: Das Papier bleibt hell und die Tinte dunkel. "
                       "MNIST will es umgekehrt."},
        "negative": {"en": "Right direction, but the values must stay in [0, 1]: white paper (1) must become "
                           "0, black ink (0) must become 1.",
                     "de": "Richtige Richtung, aber die Werte müssen in [0, 1] bleiben: Weißes Papier (1) "
                           "muss 0 werden, schwarze Tinte (0) muss 1 werden."},
        "255": {"en": "The photo is already scaled to [0, 1] here, not 0-255.",
                "de": "Das Foto ist hier schon auf [0, 1] skaliert, nicht auf 0–255."},
        "other": {"en": "White paper (1) must become 0, black ink (0) must become 1, and grey stays grey.",
                  "de": "Weißes Papier (1) muss 0 werden, schwarze Tinte (0) muss 1 werden, und Grau bleibt "
                        "Grau."},
    },
)
def _invert(answer):
    if not callable(answer):
        return "function"
    for photo in _PHOTOS:
        got = np.asarray(answer(photo.copy()), dtype=float)
        if got.shape == photo.shape and np.allclose(got, 1 - photo):
            continue
        if got.shape == photo.shape and np.allclose(got, photo):
            return "same"
        if got.shape == photo.shape and np.allclose(got, -photo):
            return "negative"
        if got.shape == photo.shape and (np.allclose(got, 255 - photo) or np.allclose(got, photo / 255)):
            return "255"
        return "other"
    return None


# Test confusion matrices (rows: true class, columns: predicted class). In each, the largest single count
# off the diagonal (07.most_confused's answer) is NOT the pair mixed up most in both directions together,
# so an answer that looks one way only is caught.
_MIXED = [
    np.array([[50, 9, 1], [0, 40, 6], [2, 5, 35]]),  # one way: (0, 1) with 9; both ways: {1, 2} with 11
    np.array([[90, 1, 8, 0], [2, 85, 0, 3], [9, 0, 88, 1], [0, 12, 2, 91]]),  # (3, 1) 12 vs {0, 2} 17
    np.array([[5, 0], [3, 1]]),
]


def _mixed_up_pair(C):
    both = np.array(C, dtype=float) + np.array(C, dtype=float).T  # C[a, b] + C[b, a]
    both[np.tril_indices_from(both)] = -1  # each pair once (a < b), the diagonal never
    return divmod(int(both.argmax()), both.shape[1])


def _one_way_pair(C):
    off = np.array(C, dtype=float)
    np.fill_diagonal(off, -1)
    return divmod(int(off.argmax()), off.shape[1])


def _mixed_up_mutating(C):
    C += C.T  # right pair, but the caller's matrix is changed
    C[np.tril_indices_from(C)] = 0
    return divmod(int(C.argmax()), C.shape[1])


def _mixed_up_ten(C):
    both = C + C.T
    both[np.tril_indices_from(both)] = 0
    return divmod(int(both.argmax()), 10)


@exercise(
    "09.mixed_up",
    right=[_mixed_up_pair, lambda C: _mixed_up_pair(C)[::-1],
           lambda C: max(((a, b) for a in range(len(C)) for b in range(a + 1, len(C))),
                         key=lambda ab: C[ab] + C[ab[::-1]])],
    wrong=[_one_way_pair, lambda C: _one_way_pair(C)[::-1], _mixed_up_mutating, _mixed_up_ten,
           lambda C: divmod(int(np.argmax(C + C.T)), len(C)), lambda C: (0, 1), lambda C: 4, (4, 6)],
    hints={
        "function": {"en": "Answer with a function of C, e.g. answer = mixed_up.",
                     "de": "Antworte mit einer Funktion von C, z. B. answer = mixed_up."},
        "pair": {"en": "Return a pair of two classes, e.g. (2, 5).",
                 "de": "Gib ein Paar aus zwei Klassen zurück, z. B. (2, 5)."},
        "one_way": {"en": "That is the largest count in ONE direction (lesson 07's most_confused). A mix-up "
                          "goes both ways: a shirt called a coat and a coat called a shirt are the same "
                          "confusion. Add C[a, b] and C[b, a] — for all pairs at once: C + C.T.",
                    "de": "Das ist die größte Zahl in EINER Richtung (most_confused aus Lektion 07). Eine "
                          "Verwechslung geht in beide Richtungen: ein Hemd, das für einen Mantel gehalten "
                          "wird, und ein Mantel, der für ein Hemd gehalten wird, sind dieselbe "
                          "Verwechslung. Addiere C[a, b] und C[b, a] – für alle Paare auf einmal: C + C.T."},
        "diagonal": {"en": "Two different classes, please: the diagonal of C + C.T holds twice the right "
                           "answers, the largest counts. Leave it out.",
                     "de": "Bitte zwei verschiedene Klassen: Auf der Diagonalen von C + C.T stehen die "
                           "richtigen Antworten doppelt – die größten Zahlen. Lass sie weg."},
        "ten": {"en": "Right for a 10 × 10 matrix, but the check also tries {n} × {n}: take the number of "
                      "classes from C (C.shape[1]) instead of writing 10.",
                "de": "Für eine 10 × 10-Matrix stimmt das, aber die Prüfung probiert auch {n} × {n}: Nimm "
                      "die Anzahl der Klassen aus C (C.shape[1]), statt 10 zu schreiben."},
        "mutated": {"en": "Your function changes the matrix it gets (e.g. C += C.T on C itself): afterwards "
                          "the caller's confusion matrix is broken. Work on a copy: both = C + C.T makes a "
                          "new matrix.",
                    "de": "Deine Funktion verändert die Matrix, die sie bekommt (z. B. C += C.T auf C "
                          "selbst): Danach ist die Konfusionsmatrix des Aufrufers kaputt. Arbeite auf einer "
                          "Kopie: beide = C + C.T ergibt eine neue Matrix."},
        "other": {"en": "For the test matrix {C} your function gives {got}. For each pair of classes a < b, "
                        "add C[a, b] + C[b, a]; return the pair with the largest sum.",
                  "de": "Für die Testmatrix {C} liefert deine Funktion {got}. Addiere für jedes Paar von "
                        "Klassen a < b die Zahlen C[a, b] + C[b, a]; gib das Paar mit der größten Summe "
                        "zurück."},
    },
)
def _mixed_up(answer):
    if not callable(answer):
        return "function"
    for C in _MIXED:
        given = C.copy()
        got = pair(answer(given))
        if not np.array_equal(given, C):
            return "mutated"
        if got is None:
            return "pair"
        right = _mixed_up_pair(C)
        if sorted(got) == sorted(right):
            continue
        if got[0] == got[1]:
            return "diagonal"
        if sorted(got) == sorted(_one_way_pair(C)):
            return "one_way"
        n = C.shape[1]
        if got in (divmod(right[0] * n + right[1], 10), divmod(right[1] * n + right[0], 10)):
            return "ten", {"n": n}
        return "other", {"C": str(C.tolist()), "got": str(got)}
    return None
