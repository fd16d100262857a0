"""How good are the predictions: accuracy, confusion matrix, the misclassified images. Lesson: evaluation.

All functions take label vectors (m,): y_true from the data, y_pred from ml.predict(params, X).
"""

import numpy as np

from .checks import check_labels, is_whole

ANY_LABEL = np.iinfo(np.int64).max  # accuracy and misclassified compare labels of any size >= 0


def accuracy(y_true, y_pred):
    """Fraction of labels predicted right, a float in [0, 1]."""
    y_true, y_pred = _pair(y_true, y_pred, ANY_LABEL, "ml.accuracy")
    if not y_true.size:
        raise ValueError("ml.accuracy: there are no labels to compare (0 images): the accuracy of nothing is "
                         "undefined")
    return float((y_true == y_pred).mean())


def confusion_matrix(y_true, y_pred, n_classes=10):
    """Counts C (n_classes, n_classes), int64: C[k, c] = number of images of class k predicted as c.

    Rows are the true classes, columns the predicted ones; the diagonal holds the right answers.
    """
    if not is_whole(n_classes, 1):
        raise ValueError(f"ml.confusion_matrix: n_classes must be a whole number >= 1; got {n_classes!r}")
    y_true, y_pred = _pair(y_true, y_pred, n_classes, "ml.confusion_matrix")
    counts = np.bincount(y_true * n_classes + y_pred, minlength=n_classes * n_classes)
    return counts.reshape(n_classes, n_classes)


def misclassified(y_true, y_pred):
    """Indices (int64, ascending) of the images whose prediction is wrong: X[:, i] shows image i."""
    y_true, y_pred = _pair(y_true, y_pred, ANY_LABEL, "ml.misclassified")
    return np.flatnonzero(y_true != y_pred)


def _pair(y_true, y_pred, n_classes, where):
    y_true = check_labels(y_true, n_classes, name="y_true", where=where)
    y_pred = check_labels(y_pred, n_classes, name="y_pred", where=where)
    if y_true.shape != y_pred.shape:
        raise ValueError(f"{where}: y_true has {y_true.size} labels but y_pred has {y_pred.size}: predict "
                         "one label per image, e.g. y_pred = ml.predict(params, X) for the same X")
    return y_true, y_pred
