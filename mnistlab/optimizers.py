"""How a step changes the parameters once the gradients are known. Lesson: gradient descent.

An optimizer has one method, ``step(params, grads, learning_rate)``, which updates the parameter arrays in
place from the gradients ``grads`` ({"dW1": ..., "db1": ..., ...}, as ``ml.backward`` returns them).
``ml.train`` calls it once per batch; a new optimizer is a new class here with the same method.
"""


class SGD:
    """Plain gradient descent: every parameter takes a step against its gradient, W <- W - alpha * dW."""

    def step(self, params, grads, learning_rate):
        for name, value in params.items():
            value -= learning_rate * grads["d" + name]


def make_optimizer():
    """The optimizer ``ml.train`` uses (plain SGD; the place where a choice of optimizers will go)."""
    return SGD()
