"""The seed tutorial's network, reproduced faithfully - WITH ITS BUGS - so a lesson can run "the original".

This is the popular "simple MNIST neural network from scratch in NumPy" (784-10-10, ReLU, softmax, full
batch gradient descent), with its function names and its mistakes. Do not use it for anything else; the
fixed engine is ml.init_params / ml.forward / ml.backward / ml.train. The bugs, each marked "BUG" below:

1. init_params: weights AND biases uniform in [-0.5, 0.5), whatever the layer size (no He/Xavier scaling).
2. softmax: np.exp(Z) / sum(np.exp(Z)) without subtracting the column maximum: scores above ~710 overflow
   to inf and the output becomes NaN.
3. one_hot: the width is Y.max() + 1, taken from the data: a batch without a 9 gives 9 rows, and
   A2 - one_hot(Y) then fails (or silently broadcasts).
4. backward_prop: db = np.sum(dZ) / m sums over the whole matrix, so every bias of a layer gets the same
   scalar gradient - the biases of a layer always move together.
5. backward_prop reads m from a global variable: the number of rows of the whole CSV file, not the number
   of images in X (we make it the argument `m`; pass the wrong number to show the effect).

Our one departure besides `m`: randomness comes from an explicit rng instead of np.random.rand, so runs are
reproducible and comparable with ml.train on the same seed. The tutorial also printed from get_accuracy
and gradient_descent; here gradient_descent calls `callback(iteration, accuracy)` where it printed.
"""

import numpy as np


def init_params(rng):
    """W1 (10, 784), b1 (10, 1), W2 (10, 10), b2 (10, 1), all uniform in [-0.5, 0.5). BUG 1."""
    W1 = rng.random((10, 784)) - 0.5
    b1 = rng.random((10, 1)) - 0.5  # BUG 1: random biases, and no scaling by layer size
    W2 = rng.random((10, 10)) - 0.5
    b2 = rng.random((10, 1)) - 0.5
    return W1, b1, W2, b2


def ReLU(Z):
    return np.maximum(Z, 0)


def softmax(Z):
    """Column-wise softmax WITHOUT subtracting the maximum. BUG 2: overflows to NaN for scores > ~710."""
    A = np.exp(Z) / sum(np.exp(Z))  # builtin sum over the rows = column sums
    return A


def forward_prop(W1, b1, W2, b2, X):
    Z1 = W1.dot(X) + b1
    A1 = ReLU(Z1)
    Z2 = W2.dot(A1) + b2
    A2 = softmax(Z2)
    return Z1, A1, Z2, A2


def ReLU_deriv(Z):
    return Z > 0


def one_hot(Y):
    """One-hot matrix (Y.max() + 1, m). BUG 3: the width comes from the data, not from the 10 classes."""
    one_hot_Y = np.zeros((Y.size, Y.max() + 1))
    one_hot_Y[np.arange(Y.size), Y] = 1
    one_hot_Y = one_hot_Y.T
    return one_hot_Y


def backward_prop(Z1, A1, Z2, A2, W1, W2, X, Y, m=None):
    """Gradients (dW1, db1, dW2, db2). BUG 4: db1 and db2 are scalars. BUG 5: `m` was a global variable.

    m=None uses X.shape[1] (what it should be); the tutorial used the row count of the whole CSV file
    (42 000 for Kaggle's train.csv) while X held 41 000 images.
    """
    m = X.shape[1] if m is None else m
    one_hot_Y = one_hot(Y)
    dZ2 = A2 - one_hot_Y
    dW2 = 1 / m * dZ2.dot(A1.T)
    db2 = 1 / m * np.sum(dZ2)  # BUG 4: sums over neurons AND images -> one number for all biases
    dZ1 = W2.T.dot(dZ2) * ReLU_deriv(Z1)
    dW1 = 1 / m * dZ1.dot(X.T)
    db1 = 1 / m * np.sum(dZ1)  # BUG 4 again
    return dW1, db1, dW2, db2


def update_params(W1, b1, W2, b2, dW1, db1, dW2, db2, alpha):
    W1 = W1 - alpha * dW1
    b1 = b1 - alpha * db1
    W2 = W2 - alpha * dW2
    b2 = b2 - alpha * db2
    return W1, b1, W2, b2


def get_predictions(A2):
    return np.argmax(A2, 0)


def get_accuracy(predictions, Y):
    return np.sum(predictions == Y) / Y.size


def gradient_descent(X, Y, alpha, iterations, rng, callback=None, m=None):
    """Train 784-10-10 with `iterations` full-batch steps of size alpha; returns W1, b1, W2, b2.

    callback(iteration, accuracy) runs every 10 iterations (where the tutorial printed), with the
    training accuracy measured before that iteration's update. m: see backward_prop.
    """
    W1, b1, W2, b2 = init_params(rng)
    for i in range(iterations):
        Z1, A1, Z2, A2 = forward_prop(W1, b1, W2, b2, X)
        dW1, db1, dW2, db2 = backward_prop(Z1, A1, Z2, A2, W1, W2, X, Y, m)
        W1, b1, W2, b2 = update_params(W1, b1, W2, b2, dW1, db1, dW2, db2, alpha)
        if i % 10 == 0 and callback is not None:
            predictions = get_predictions(A2)
            callback(i, get_accuracy(predictions, Y))
    return W1, b1, W2, b2
