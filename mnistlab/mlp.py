"""A scikit-learn-style facade over init_params + train + predict.

Careful: X is (784, m), ONE COLUMN PER IMAGE, as everywhere in mnistlab - not scikit-learn's one row per
sample. Pass X.T if your images are rows.
"""

import warnings

import numpy as np

from .checks import check_choice, is_whole
from .evaluate import accuracy
from .network import ACTIVATIONS, INIT_FOR, init_params, predict_proba
from .training import train

N_INPUTS, N_CLASSES = 784, 10


class MLP:
    """Multilayer perceptron 784 -> hidden... -> 10 trained by mini-batch gradient descent.

    hidden: sizes of the hidden layers, e.g. (128, 64); () gives plain softmax regression.
    learning_rate, n_epochs, batch_size (None = full batch), activation ("relu" or "sigmoid"): as in
    ml.train. random_state: None (different every time), an int seed, or a numpy Generator.
    As in scikit-learn, __init__ only stores the arguments; fit() checks them, trains and returns self.
    Learned state ends in "_": params_ (the dict W1, b1, ...), history_ (ml.History), classes_.
    """

    def __init__(self, hidden=(128, 64), learning_rate=0.1, n_epochs=10, batch_size=64, activation="relu",
                 random_state=None):
        self.hidden = hidden
        self.learning_rate = learning_rate
        self.n_epochs = n_epochs
        self.batch_size = batch_size
        self.activation = activation
        self.random_state = random_state

    def get_params(self, deep=True):
        return {name: getattr(self, name) for name in
                ("hidden", "learning_rate", "n_epochs", "batch_size", "activation", "random_state")}

    def set_params(self, **params):
        for name, value in params.items():
            if name not in self.get_params():
                raise ValueError(f"MLP has no parameter {name!r}; it has {', '.join(self.get_params())}")
            setattr(self, name, value)
        return self

    def __repr__(self):
        return "MLP(" + ", ".join(f"{k}={v!r}" for k, v in self.get_params().items()) + ")"

    def fit(self, X, y, *, X_val=None, y_val=None, callback=None, stop=None):
        """Train a fresh network on X (784, m) and labels y (m,); returns self.

        X_val/y_val, callback and stop are passed on to ml.train. A diverged run keeps the parameters of
        the last good epoch and warns with the reason (history_.message).
        """
        hidden = tuple(self.hidden) if np.ndim(self.hidden) else (self.hidden,)
        if not all(is_whole(n, 1) for n in hidden):
            raise ValueError(f"MLP.fit: hidden={self.hidden!r}: every hidden layer needs a whole number >= 1 "
                             "of neurons: use e.g. hidden=(128, 64), or hidden=() for no hidden layer")
        sizes = [N_INPUTS, *map(int, hidden), N_CLASSES]
        rng = (self.random_state if isinstance(self.random_state, np.random.Generator)
               else np.random.default_rng(self.random_state))
        check_choice("activation", self.activation, ACTIVATIONS, where="MLP.fit")
        init = INIT_FOR[self.activation]
        self.params_ = init_params(sizes, rng=rng, init=init)
        self.history_ = train(self.params_, X, y, learning_rate=self.learning_rate, n_epochs=self.n_epochs,
                              batch_size=self.batch_size, rng=rng, X_val=X_val, y_val=y_val,
                              activation=self.activation, callback=callback, stop=stop)
        self.classes_ = np.arange(N_CLASSES)
        if self.history_.diverged:
            warnings.warn(self.history_.message, RuntimeWarning, stacklevel=2)
        return self

    def predict_proba(self, X):
        """Class probabilities (10, m) for X (784, m); each column sums to 1."""
        if not hasattr(self, "params_"):
            raise ValueError("this MLP is not trained yet: call fit(X, y) first")
        return predict_proba(self.params_, X, activation=self.activation)

    def predict(self, X):
        """Predicted labels (m,), int64, for X (784, m)."""
        return self.predict_proba(X).argmax(axis=0).astype(np.int64)

    def score(self, X, y):
        """Accuracy on X (784, m) with true labels y (m,): a float in [0, 1]."""
        return accuracy(y, self.predict(X))
