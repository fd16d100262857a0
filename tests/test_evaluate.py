import numpy as np
import pytest

import mnistlab as ml


def test_accuracy_is_the_fraction_of_right_labels():
    assert ml.accuracy(np.array([1, 2, 3, 4]), np.array([1, 2, 0, 4])) == 0.75
    assert isinstance(ml.accuracy([0], [0]), float)


def test_confusion_matrix_counts_true_classes_in_rows_and_predictions_in_columns():
    y_true = np.array([0, 0, 1, 2, 2, 2])
    y_pred = np.array([0, 1, 1, 2, 0, 2])
    C = ml.confusion_matrix(y_true, y_pred, n_classes=3)
    np.testing.assert_array_equal(C, [[1, 1, 0], [0, 1, 0], [1, 0, 2]])
    assert C.dtype == np.int64


def test_confusion_matrix_has_10_rows_even_when_classes_are_missing():
    C = ml.confusion_matrix(np.array([3, 3]), np.array([3, 5]))
    assert C.shape == (10, 10) and C.sum() == 2 and C[3, 3] == 1 and C[3, 5] == 1
    assert np.trace(C) / C.sum() == ml.accuracy([3, 3], [3, 5])


def test_misclassified_gives_the_indices_of_wrong_predictions():
    indices = ml.misclassified(np.array([7, 1, 4, 4, 9]), np.array([7, 2, 4, 9, 9]))
    np.testing.assert_array_equal(indices, [1, 3])
    assert indices.dtype == np.int64


def test_labels_of_different_lengths_raise_a_value_error_naming_the_fix():
    with pytest.raises(ValueError, match=r"3 labels but y_pred has 2.*ml\.predict"):
        ml.accuracy(np.array([1, 2, 3]), np.array([1, 2]))


def test_labels_out_of_range_for_the_confusion_matrix_raise_a_value_error():
    with pytest.raises(ValueError, match=r"0\.\.9; got 10"):
        ml.confusion_matrix(np.array([10]), np.array([1]))
    with pytest.raises(ValueError, match="numbered from 0"):
        ml.misclassified(np.array([-1]), np.array([1]))
