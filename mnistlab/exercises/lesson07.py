"""Lesson 07 (Evaluation): accuracy from a confusion matrix, the most confused pair, precision of a class."""

import numpy as np

from mnistlab.exercises import exercise
from mnistlab.exercises.compare import as_number, pair

# Test matrices for the function exercises: rows = true class, columns = predicted class. Each has one
# clear largest count off the diagonal, and its mirror entry is smaller (so a swapped answer is caught).
_MATRICES = [
    np.array([[50, 2, 3], [4, 40, 6], [1, 9, 35]]),
    np.array([[97, 0, 1, 0], [2, 88, 0, 7], [0, 1, 91, 3], [0, 12, 4, 80]]),
    np.array([[5, 0], [3, 1]]),
]
_PRECISION_CM = _MATRICES[0]  # the matrix the question in the lesson shows; asked: precision of class 1


def _function(answer):
    return callable(answer)


def _call_on_copy(function, C):
    """function(copy of C) and whether it changed that copy (which would change the learner's own matrix)."""
    given = C.copy()
    result = function(given)
    return result, not np.array_equal(given, C)


_MUTATED = {"en": "Your function changes the matrix it gets (e.g. np.fill_diagonal(C, 0) on C itself): "
                  "afterwards the caller's confusion matrix is broken. Work on a copy: C = C.copy() first.",
            "de": "Deine Funktion verändert die Matrix, die sie bekommt (z. B. np.fill_diagonal(C, 0) auf C "
                  "selbst): Danach ist die Konfusionsmatrix des Aufrufers kaputt. Arbeite auf einer Kopie: "
                  "zuerst C = C.copy()."}


@exercise(
    "07.accuracy_from_cm",
    right=[lambda C: np.trace(C) / np.sum(C), lambda C: sum(C[k, k] for k in range(len(C))) / C.sum()],
    wrong=[lambda C: np.trace(C), lambda C: np.mean(np.diag(C) / C.sum(axis=1)),
           lambda C: 100 * np.trace(C) / C.sum(), lambda C: C.max() / C.sum(), 0.9,
           lambda C: None, lambda C: np.diag(C) / C.sum(), lambda C: "0.9"],
    hints={
        "function": {"en": "Answer with a function of C, e.g. answer = accuracy_from_cm.",
                     "de": "Antworte mit einer Funktion von C, z. B. answer = accuracy_from_cm."},
        "count": {"en": "That is the number of right answers. Accuracy is a fraction: divide by all images.",
                  "de": "Das ist die Anzahl der richtigen Antworten. Die Genauigkeit ist ein Anteil: Teile "
                        "durch die Anzahl aller Bilder."},
        "percent": {"en": "Right idea, but give a fraction between 0 and 1, as ml.accuracy does.",
                    "de": "Richtige Idee, aber gib einen Anteil zwischen 0 und 1 an, wie ml.accuracy."},
        "balanced": {"en": "That averages the hit rate per class. Accuracy counts every image once: all "
                           "right answers (the diagonal) divided by all images.",
                     "de": "Das mittelt die Trefferquote je Klasse. Die Genauigkeit zählt jedes Bild einmal: "
                           "alle richtigen Antworten (die Diagonale) geteilt durch alle Bilder."},
        "other": {"en": "The right answers sit on the diagonal C[k, k]; all images are C.sum().",
                  "de": "Die richtigen Antworten stehen auf der Diagonalen C[k, k]; alle Bilder sind "
                        "C.sum()."},
        "result": {"en": "Your function should return one number (the accuracy); it returns {what}.",
                   "de": "Deine Funktion sollte eine Zahl zurückgeben (die Genauigkeit); sie gibt {what} "
                         "zurück."},
        "mutated": _MUTATED,
    },
)
def _accuracy_from_cm(answer):
    if not _function(answer):
        return "function"
    verdicts = []
    for C in _MATRICES:
        result, mutated = _call_on_copy(answer, C)
        if mutated:
            return "mutated"
        got = as_number(result)
        if got is None:
            shape = f" {result.shape}" if isinstance(result, np.ndarray) else ""
            return "result", {"what": f"{type(result).__name__}{shape}"}  # e.g. "ndarray (3,)" or "str"
        if np.isclose(got, np.trace(C) / C.sum()):
            continue
        if np.isclose(got, np.trace(C)):
            verdicts.append("count")
        elif np.isclose(got, 100 * np.trace(C) / C.sum()):
            verdicts.append("percent")
        elif np.isclose(got, np.mean(np.diag(C) / C.sum(axis=1))):
            verdicts.append("balanced")
        else:
            verdicts.append("other")
    return verdicts[0] if verdicts else None


def _most_confused_pair(C):
    off = np.array(C, dtype=float)
    np.fill_diagonal(off, -1)
    return divmod(int(off.argmax()), off.shape[1])


def _mutating_most_confused(C):
    """Right pair, but zeroes the diagonal of the caller's matrix (the bug the checker must catch)."""
    np.fill_diagonal(C, 0)
    return divmod(int(C.argmax()), C.shape[1])


@exercise(
    "07.most_confused",
    right=[_most_confused_pair,
           lambda C: max(((i, j) for i in range(len(C)) for j in range(len(C)) if i != j),
                         key=lambda ij: C[ij])],
    wrong=[lambda C: divmod(int(np.argmax(C)), C.shape[1]),
           lambda C: _most_confused_pair(C)[::-1],
           lambda C: int(np.argmax(C.sum(axis=1) - np.diag(C))),
           lambda C: (0, 1),
           _mutating_most_confused,
           lambda C: divmod(int((C - np.diag(np.diag(C))).argmax()), 10),
           (1, 2)],
    hints={
        "function": {"en": "Answer with a function of C, e.g. answer = most_confused.",
                     "de": "Antworte mit einer Funktion von C, z. B. answer = most_confused."},
        "pair": {"en": "Return a pair (true digit, predicted digit), e.g. (4, 9).",
                 "de": "Gib ein Paar (richtige Ziffer, vorhergesagte Ziffer) zurück, z. B. (4, 9)."},
        "diagonal": {"en": "The diagonal holds the right answers, and they are the largest counts. Leave it "
                           "out, e.g. with a copy and np.fill_diagonal(copy, 0).",
                     "de": "Auf der Diagonalen stehen die richtigen Antworten – und die sind am häufigsten. "
                           "Lass sie weg, z. B. mit einer Kopie und np.fill_diagonal(kopie, 0)."},
        "swapped": {"en": "Swapped: rows are the true digit, columns the predicted one: C[true, predicted].",
                    "de": "Vertauscht: Die Zeilen sind die richtige Ziffer, die Spalten die vorhergesagte: "
                          "C[richtig, vorhergesagt]."},
        "other": {"en": "Look for the largest entry off the diagonal; np.argmax on a flattened matrix gives "
                        "an index k, and divmod(k, n_classes) turns it into (row, column).",
                  "de": "Gesucht ist der größte Eintrag außerhalb der Diagonalen; np.argmax ohne axis "
                        "liefert einen Index k in der zeilenweise aneinandergereihten Matrix, und "
                        "divmod(k, n_classes) macht daraus (Zeile, Spalte)."},
        "mutated": _MUTATED,
        "ten": {"en": "Right for MNIST's 10 × 10 matrix, but the check also tries {n} × {n}: take the number "
                      "of classes from C (C.shape[1]) instead of writing 10.",
                "de": "Für die 10 × 10-Matrix von MNIST stimmt das, aber die Prüfung probiert auch "
                      "{n} × {n}: Nimm die Anzahl der Klassen aus C (C.shape[1]), statt 10 zu schreiben."},
    },
)
def _most_confused(answer):
    if not _function(answer):
        return "function"
    for C in _MATRICES:
        result, mutated = _call_on_copy(answer, C)
        if mutated:
            return "mutated"
        got = pair(result)
        if got is None:
            return "pair"
        i, j = _most_confused_pair(C)  # from the pristine C, never from the copy the function got
        if got == (i, j):
            continue
        if got[0] == got[1]:
            return "diagonal"
        if got == (j, i):
            return "swapped"
        if got == divmod(i * C.shape[1] + j, 10):
            return "ten", {"n": C.shape[1]}  # divmod(k, 10) with a hard-coded 10
        return "other"
    return None


@exercise(
    "07.precision",
    right=[40 / 51, 0.78, 0.784, 0.7843, np.float64(40 / 51), np.array(40 / 51), np.array([0.78])],
    wrong=[0.8, 0.79, 0.77, 40, 40 / 150, 78.43, 78, 0.9, "0.78", np.array([0.78, 0.8])],
    hints={
        "number": {"en": "Answer with one number between 0 and 1.",
                   "de": "Antworte mit einer Zahl zwischen 0 und 1."},
        "recall": {"en": "That is the recall: the *row* of digit 1 (all true 1s). Precision looks at the "
                         "*column*: all images the network called 1.",
                   "de": "Das ist die Trefferquote (recall): die *Zeile* der Ziffer 1 (alle echten Einsen). "
                         "Die Präzision schaut auf die *Spalte*: alle Bilder, die das Netz für eine 1 hält."},
        "count": {"en": "40 is a count. Precision is a fraction: divide by the sum of column 1.",
                  "de": "40 ist eine Anzahl. Die Präzision ist ein Anteil: Teile durch die Summe der "
                        "Spalte 1."},
        "percent": {"en": "Give a fraction between 0 and 1, not percent.",
                    "de": "Gib einen Anteil zwischen 0 und 1 an, keine Prozentzahl."},
        "other": {"en": "Precision of class 1 = C[1, 1] / (sum of column 1).",
                  "de": "Präzision der Klasse 1 = C[1, 1] / (Summe der Spalte 1)."},
    },
)
def _precision(answer):
    value = as_number(answer)
    if value is None:
        return "number"
    C = _PRECISION_CM
    precision, recall = C[1, 1] / C[:, 1].sum(), C[1, 1] / C[1, :].sum()  # 40 / 51 = 0.7843, 40 / 50
    if abs(value - precision) <= 0.005 + 1e-9:  # rounded to two decimals (0.78) or finer
        return None
    if abs(value - recall) <= 0.005 + 1e-9:
        return "recall"
    if value == C[1, 1]:
        return "count"
    if abs(value - 100 * precision) <= 0.5 + 1e-9:
        return "percent"
    return "other"
