"""A validation split: images taken from the training data to tune on, so the test set stays locked.

Lessons 06-08 choose learning rates, schedules and networks by their accuracy on validation images; the test
images are measured once, in the evaluation lesson (07), as lesson 01 promises.
"""

import numpy as np

from .checks import check_count, check_labels, check_rng, check_X, is_whole

WHERE = "ml.train_val_split"


def train_val_split(X, y, n_val, rng):
    """Split images X (784, m) and labels y (m,) at random into (X_train, y_train, X_val, y_val).

    n_val images (columns) go to the validation set, the other m - n_val stay for training; no image is in
    both. rng (a NumPy Generator) chooses them: the same seed gives the same split. Each part keeps the
    order the images had in X.
    """
    X = check_X(X, where=WHERE)
    y = check_labels(y, where=WHERE)
    check_count(X.shape[1], y, where=WHERE)
    rng = check_rng(rng, why=f"{WHERE} (which images go to validation)", where=WHERE)
    m = y.size
    if not is_whole(n_val, 1) or n_val >= m:
        raise ValueError(f"{WHERE}: n_val must be a whole number from 1 to {m - 1} (the m = {m} images minus "
                         f"at least one for training); got {n_val!r}")
    is_val = np.zeros(m, dtype=bool)
    is_val[rng.choice(m, size=int(n_val), replace=False)] = True
    return X[:, ~is_val], y[~is_val], X[:, is_val], y[is_val]
