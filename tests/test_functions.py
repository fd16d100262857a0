import numpy as np
import pytest

import mnistlab as ml


def central_difference(f, Z, eps=1e-6):
    return (f(Z + eps) - f(Z - eps)) / (2 * eps)


def test_relu_keeps_positive_scores_and_zeroes_the_others():
    Z = np.array([[-2.0, 0.0, 3.5]])
    np.testing.assert_array_equal(ml.relu(Z), [[0.0, 0.0, 3.5]])


def test_relu_prime_is_one_where_z_is_positive_and_zero_elsewhere():
    Z = np.array([[-2.0, 0.0, 3.5]], dtype=np.float32)
    np.testing.assert_array_equal(ml.relu_prime(Z), [[0.0, 0.0, 1.0]])
    assert ml.relu_prime(Z).dtype == np.float32


def test_derivatives_match_central_differences_of_their_functions():
    Z = np.array([[-3.0, -0.7, 0.4, 2.5]])  # away from relu's kink at 0
    np.testing.assert_allclose(ml.relu_prime(Z), central_difference(ml.relu, Z), atol=1e-8)
    np.testing.assert_allclose(ml.sigmoid_prime(Z), central_difference(ml.sigmoid, Z), atol=1e-8)


def test_sigmoid_matches_its_formula_and_stays_finite_for_huge_scores():
    Z = np.array([[-5.0, 0.0, 5.0]])
    np.testing.assert_allclose(ml.sigmoid(Z), 1 / (1 + np.exp(-Z)), rtol=1e-12)
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # no overflow warning even for +-1e4
        S = ml.sigmoid(np.array([[-1e4, 1e4]]))
    np.testing.assert_array_equal(S, [[0.0, 1.0]])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_softmax_columns_sum_to_one_even_for_scores_of_plus_minus_1e4(dtype):
    Z = np.array([[1e4, -1e4, 0.0], [-1e4, -1e4, 1.0], [1e4 - 1, 1e4, 2.0]], dtype=dtype)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        A = ml.softmax(Z)
    assert np.isfinite(A).all()
    np.testing.assert_allclose(A.sum(axis=0), 1.0, rtol=1e-6)
    np.testing.assert_allclose(A[:, 2], np.exp([0.0, 1.0, 2.0]) / np.exp([0.0, 1.0, 2.0]).sum(), rtol=1e-6)


def test_softmax_does_not_change_when_a_column_is_shifted_by_a_constant():
    Z = np.random.default_rng(0).standard_normal((10, 4))
    np.testing.assert_allclose(ml.softmax(Z + np.array([5.0, -3.0, 100.0, 0.0])), ml.softmax(Z), rtol=1e-12)


def test_cross_entropy_is_the_mean_negative_log_probability_of_the_right_class():
    A = np.array([[0.5, 0.1], [0.25, 0.8], [0.25, 0.1]])
    y = np.array([0, 1])
    expected = -(np.log(0.5) + np.log(0.8)) / 2
    assert ml.cross_entropy(A, y) == pytest.approx(expected, rel=1e-12)
    assert ml.cross_entropy(A, ml.one_hot(y, n_classes=3)) == pytest.approx(expected, rel=1e-6)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_cross_entropy_is_finite_when_the_right_class_got_probability_0(dtype):
    A = np.array([[1.0, 0.0], [0.0, 1.0]], dtype=dtype)  # saturated and wrong in column 0
    loss = ml.cross_entropy(A, np.array([1, 1]))
    assert np.isfinite(loss) and loss > 20


def test_one_hot_of_a_batch_without_a_9_still_has_10_rows():
    Y = ml.one_hot(np.array([0, 3, 3, 8]))
    assert Y.shape == (10, 4)
    assert not Y[9].any()


def test_one_hot_puts_a_single_one_per_column_at_the_label():
    y = np.array([2, 0, 9, 2])
    Y = ml.one_hot(y)
    np.testing.assert_array_equal(Y.sum(axis=0), 1)
    np.testing.assert_array_equal(Y.argmax(axis=0), y)


def test_labels_out_of_range_raise_a_value_error_naming_the_fix():
    with pytest.raises(ValueError, match=r"0\.\.9; got 10 at index 1.*n_classes=11"):
        ml.one_hot(np.array([3, 10]))
    with pytest.raises(ValueError, match="numbered from 0"):
        ml.one_hot(np.array([-1, 2]))


def test_non_integer_labels_raise_a_value_error_naming_the_fix():
    with pytest.raises(ValueError, match=r"2\.5 at index 1.*astype\(np\.int64\)"):
        ml.one_hot(np.array([1.0, 2.5]))
    with pytest.raises(ValueError, match="astype"):
        ml.one_hot(np.array(["1", "2"]))
    np.testing.assert_array_equal(ml.one_hot(np.array([1.0, 2.0])), ml.one_hot(np.array([1, 2])))


def test_one_hot_of_a_one_hot_matrix_says_to_pass_the_labels():
    with pytest.raises(ValueError, match="one-hot already"):
        ml.one_hot(ml.one_hot(np.array([1, 2])))
