"""How good are the predictions: accuracy, confusion matrix, the misclassified images. Lesson: evaluation.

All functions take label vectors (m,): y_true from the data, y_pred from ml.predict(params, X).
"""

import numpy as np

from .functions import check_labels


def accuracy(y_true, y_pred):
    """Fraction of labels predicted right, a float in [0, 1]."""
    y_true, y_pred = _pair(y_true, y_pred)
    return float((y_true == y_pred).mean()) if y_true.size else 0.0


def confusion_matrix(y_true, y_pred, n_classes=10):
    """Counts C (n_classes, n_classes), int64: C[i, j] = number of images of class i predicted as j.

    Rows are the true classes, columns the predicted ones; the diagonal holds the right answers.
    """
    y_true, y_pred = _pair(y_true, y_pred, n_classes)
    counts = np.bincount(y_true * n_classes + y_pred, minlength=n_classes * n_classes)
    return counts.reshape(n_classes, n_classes)


def misclassified(y_true, y_pred):
    """Indices (int64, ascending) of the images whose prediction is wrong: X[:, i] shows image i."""
    y_true, y_pred = _pair(y_true, y_pred)
    return np.flatnonzero(y_true != y_pred)


def _pair(y_true, y_pred, n_classes=None):
    if n_classes is None:  # any labels >= 0 may be compared; only the confusion matrix needs a range
        n_classes = np.iinfo(np.int64).max
    y_true, y_pred = check_labels(y_true, n_classes), check_labels(y_pred, n_classes)
    if y_true.shape != y_pred.shape:
        raise ValueError(f"y_true has {y_true.size} labels but y_pred has {y_pred.size}: predict one label "
                         "per image, e.g. y_pred = ml.predict(params, X) for the same X")
    return y_true, y_pred
