"""A computational graph of plain numbers (lesson 05a): values forward, then the chain rule backwards, one
local derivative at a time. Pure Python; the figure of a graph is ``mnistlab.graph_chart``.

A graph is built from its leaves (the inputs and weights, given as numbers) and a list of steps
``(name, op, *inputs)``; an input is the name of an earlier node or a constant number. The gates and
their local derivatives - what each one does to the gradient that arrives from above:

| op | value | local derivatives | gate pattern |
|---|---|---|---|
| ``"add"`` (a, b) | a + b | 1, 1 | distributes: both inputs get the arriving gradient |
| ``"mul"`` (a, b) | a · b | b, a | swaps: each input gets the gradient times the *other* input |
| ``"relu"`` (a) | max(a, 0) | 1 if a > 0 else 0 | routes it (a > 0) or blocks it (a ≤ 0) |
| ``"square_error"`` (a, y) | (a − y)² | 2(a − y), −2(a − y) | a loss: the gradient starts here |

Backwards, each edge carries (local derivative × the gradient of the node above) to its input, and a node
used twice adds what its edges bring (``Graph.edges`` lists every edge with what it carries).
"""

from dataclasses import dataclass

OPS = {  # op -> (value, local derivatives with respect to each input)
    "add": (lambda a, b: a + b, lambda a, b: (1.0, 1.0)),
    "mul": (lambda a, b: a * b, lambda a, b: (b, a)),
    "relu": (lambda a: max(a, 0.0), lambda a: (1.0 if a > 0 else 0.0,)),
    "square_error": (lambda a, y: (a - y) ** 2, lambda a, y: (2 * (a - y), -2 * (a - y))),
}
FORMULAS = {"add": "{0} + {1}", "mul": "{0} · {1}", "relu": "ReLU({0})", "square_error": "({0} − {1})²"}


@dataclass
class Node:
    """One value of the graph: a leaf (op "input") or the result of a gate; grad is ∂(output)/∂(node)."""

    name: str
    op: str
    inputs: tuple  # names of nodes, or constant numbers
    value: float = 0.0
    grad: float = 0.0


@dataclass
class Edge:
    """An input `source` of node `target`: `local` = ∂target/∂source, `carried` = local · target's grad."""

    source: str
    target: str
    local: float
    carried: float


class Graph:
    """``Graph({"x": 2.0, "w": 0.5}, [("p", "mul", "w", "x"), ("L", "square_error", "p", 1.0)])``.

    Builds the nodes and runs ``forward`` and ``backward`` at once; the last step is the output (the loss).
    ``value(name)``, ``grad(name)``; ``with_leaf(name, value)`` is a new graph with one leaf changed.
    """

    def __init__(self, leaves, steps):
        self.leaves, self.steps = dict(leaves), [tuple(step) for step in steps]
        if not self.steps:
            raise ValueError("a graph needs at least one step, e.g. ('L', 'square_error', 'x', 1.0)")
        self.nodes = {name: Node(name, "input", (), float(value)) for name, value in self.leaves.items()}
        for name, op, *inputs in self.steps:
            if op not in OPS:
                raise ValueError(f"unknown op {op!r} in step {name!r}; known: {', '.join(OPS)}")
            if name in self.nodes:
                raise ValueError(f"the name {name!r} is used twice")
            unknown = [i for i in inputs if isinstance(i, str) and i not in self.nodes]
            if unknown:
                raise ValueError(f"step {name!r} uses {unknown}, which are not defined before it")
            self.nodes[name] = Node(name, op, tuple(inputs))
        self.output = self.steps[-1][0]
        self.edges = []
        self.forward()
        self.backward()

    def _args(self, node):
        return [self.nodes[i].value if isinstance(i, str) else float(i) for i in node.inputs]

    def forward(self):
        """Every gate's value from its inputs, in the order of the steps."""
        for node in self.nodes.values():
            if node.op != "input":
                node.value = float(OPS[node.op][0](*self._args(node)))

    def backward(self):
        """The chain rule, from the output back: each edge carries local · (gradient above); a node adds what
        its edges bring."""
        for node in self.nodes.values():
            node.grad = 0.0
        self.nodes[self.output].grad = 1.0  # ∂L/∂L
        self.edges = []
        for node in reversed(list(self.nodes.values())):
            if node.op == "input":
                continue
            for source, local in zip(node.inputs, OPS[node.op][1](*self._args(node)), strict=True):
                if isinstance(source, str):
                    carried = float(local) * node.grad
                    self.edges.append(Edge(source, node.name, float(local), carried))
                    self.nodes[source].grad += carried  # used twice: the paths add

    def value(self, name):
        return self.nodes[name].value

    def grad(self, name):
        return self.nodes[name].grad

    def with_leaf(self, name, value):
        """The same graph with leaf `name` set to `value` (forward and backward run again)."""
        if name not in self.leaves:
            raise KeyError(f"{name!r} is not a leaf of this graph; leaves: {', '.join(self.leaves)}")
        return Graph({**self.leaves, name: value}, self.steps)

    def formula(self, name, number=str):
        """The gate of node `name` as text, e.g. "w1 · x"; constants written with `number`; leaves: ""."""
        node = self.nodes[name]
        if node.op == "input":
            return ""
        return FORMULAS[node.op].format(*[i if isinstance(i, str) else number(i) for i in node.inputs])

    def positions(self):
        """name -> (column, row) for drawing: leaves in row 0 side by side in the order given, each gate one
        row below its lowest input, above its inputs' mean column; nodes of one row at least 1 apart."""
        rows, cols = {}, {}
        first = (len(self.leaves) - 1) / 2
        for k, name in enumerate(self.leaves):
            rows[name], cols[name] = 0, k - first
        for name, _, *inputs in self.steps:
            above = [i for i in inputs if isinstance(i, str)]
            rows[name] = 1 + max((rows[i] for i in above), default=-1)
            cols[name] = sum(cols[i] for i in above) / len(above) if above else 0.0
        for row in set(rows.values()):
            names = sorted((n for n in rows if rows[n] == row), key=lambda n: cols[n])
            for left, right in zip(names, names[1:], strict=False):
                if cols[right] - cols[left] < 1:
                    shift = (1 - (cols[right] - cols[left])) / 2
                    cols[left] -= shift
                    cols[right] += shift
        return {name: (cols[name], rows[name]) for name in self.nodes}
