"""ml.train_val_split: validation images from the training data, so that tuning never sees the test set."""

import numpy as np
import pytest

import mnistlab as ml


def data(m=50):
    rng = np.random.default_rng(0)
    X = rng.random((784, m), dtype=np.float32)
    X[0] = np.arange(m) / m  # pixel 0 tells the images apart
    return X, np.arange(m) % 10


def test_the_split_puts_every_image_in_exactly_one_part_with_its_own_label():
    X, y = data()
    X_train, y_train, X_val, y_val = ml.train_val_split(X, y, 12, np.random.default_rng(1))
    assert X_train.shape == (784, 38) and X_val.shape == (784, 12) and y_train.shape == (38,)
    ids_train, ids_val = np.rint(X_train[0] * 50).astype(int), np.rint(X_val[0] * 50).astype(int)
    assert sorted([*ids_train, *ids_val]) == list(range(50))
    np.testing.assert_array_equal(y_train, y[ids_train])
    np.testing.assert_array_equal(y_val, y[ids_val])
    assert np.all(np.diff(ids_train) > 0) and np.all(np.diff(ids_val) > 0)  # the original order is kept


def test_the_same_seed_gives_the_same_split_and_another_seed_another():
    X, y = data()
    first = ml.train_val_split(X, y, 10, np.random.default_rng(3))
    again = ml.train_val_split(X, y, 10, np.random.default_rng(3))
    other = ml.train_val_split(X, y, 10, np.random.default_rng(4))
    np.testing.assert_array_equal(first[2], again[2])
    assert not np.array_equal(first[2], other[2])


@pytest.mark.parametrize("n_val", [0, 50, 51, 2.5, True, "10"])
def test_a_validation_size_that_leaves_no_part_is_refused_with_the_range(n_val):
    X, y = data()
    with pytest.raises(ValueError, match="n_val must be a whole number from 1 to 49"):
        ml.train_val_split(X, y, n_val, np.random.default_rng(0))


def test_images_in_rows_labels_of_another_count_and_a_missing_generator_are_refused():
    X, y = data()
    with pytest.raises(ml.DataError, match="pass X.T"):
        ml.train_val_split(X.T, y, 5, np.random.default_rng(0))
    with pytest.raises(ml.DataError, match="50 columns"):
        ml.train_val_split(X, y[:40], 5, np.random.default_rng(0))
    with pytest.raises(TypeError, match="default_rng"):
        ml.train_val_split(X, y, 5, 0)
