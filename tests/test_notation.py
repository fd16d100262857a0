"""One notation across the lessons (issue 11, section 3): dZ = ∂L/∂Z with the 1/m of the mean loss inside,
so no dW or db divides by m again, and the bias gradient sums over the images' axis.

Each check is a plain function that returns a list of problems, so the tests below also show that it finds
a broken formula.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "lessons").glob("*/py/[0-9][0-9]*_*.py"))

ONE_OVER_M_OUTSIDE_DZ = [  # (what it finds, pattern)
    ("1/m applied after dZ", re.compile(r"dZ(?:\d|\^\{\[\d\]\})(?! ?=)[^\n|$`]*?/ ?m\b")),
    ("1/m multiplied onto dZ", re.compile(r"\\frac\{1\}\{m\}\\?,? ?dZ")),
    ("dZ2 without its 1/m", re.compile(r"dZ(?:2|\^\{\[2\]\}) = (?:cache\[\"A2\"\]|A\^\{\[2\]\}|A2) - Y")),
    ("bias gradient summed over everything", re.compile(r"db\d = (?:Σ|\\sum) ?dZ")),
]


def notation_problems(text, name="text"):
    """Places where a lesson writes dZ, dW or db otherwise than dZ = ∂L/∂Z with the 1/m inside.

    Lines that quote the original tutorial (they contain "original" or "Original") are left alone: its code
    divides in every dW and db, and lesson 05 and 08 show that on purpose.
    """
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "riginal" in line:
            continue
        for what, pattern in ONE_OVER_M_OUTSIDE_DZ:
            if pattern.search(line):
                problems.append(f"{name}:{number}: {what}: {line.strip()}")
    return problems


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_every_lesson_writes_gradients_with_the_one_over_m_inside_dZ(path):
    assert notation_problems(path.read_text(encoding="utf-8"), path.name) == []


@pytest.mark.parametrize("line", [
    "    dW2 = dZ2 @ cache[\"A1\"].T / m  # (10, m) @ (m, n_h) -> (10, n_h)",
    "# | `db2` | `dZ2.sum(axis=1, keepdims=True) / m` | 10 × 1 |",
    "#   $dW^{[2]} = dZ^{[2]} A^{[1]T} / m$, $db^{[2]}$ = mean",
    "# $$dW^{[1]} = \\frac{1}{m}\\, dZ^{[1]} X^{T}$$",
    "#   $\\partial L / \\partial W^{[1]} = \\frac{1}{m} dZ^{[1]} X^T$: a pixel",
    "    dZ2 = cache[\"A2\"] - Y  # (10, m)",
    "# $$dZ^{[2]} = A^{[2]} - Y$$",
    "dZ2 = A2 − Y,   dW2 = dZ2 @ A1ᵀ / m,   db2 = Σ dZ2".replace("−", "-"),
])
def test_the_notation_check_finds_the_one_over_m_outside_dZ(line):
    assert notation_problems(line) != []


@pytest.mark.parametrize("line", [
    "    dZ2 = (cache[\"A2\"] - Y) / m  # (10, m)",
    "# $$dZ^{[2]} = \\frac{\\partial L}{\\partial Z^{[2]}} = \\frac{1}{m}\\left(A^{[2]} - Y\\right)$$",
    "# | `dZ2` | `(A2 - Y) / m` | 10 × m |",
    "    db1 = dZ1.sum(axis=1, keepdims=True)  # (n_h, 1)",
    "# Compare the original's `dW2 = 1 / m * dZ2.dot(A1.T)`",
])
def test_the_notation_check_accepts_dZ_with_the_one_over_m_inside(line):
    assert notation_problems(line) == []


# --- index letters: i an image, k (and c) a class, j a hidden neuron, p an input, m the batch size ----------

INDEX_MISUSES = [  # (what it finds, pattern)
    ("an image indexed j", re.compile(r"y_j\b|y_\{j\}|(?:Y|A(?:\^\{\[2\]\})?)_\{kj\}")),
    ("a class indexed i or j", re.compile(r"\\sum_\{[ij]=0\}\^\{9\}|\\max_[ij]\b|C_\{ij\}")),
    ("a hidden neuron indexed k", re.compile(r"(?:[Hh]idden unit|verdeckte Neuron) \$k\$|z_k = w_k")),
    ("a neuron's input indexed i", re.compile(r"\$w_i\$|w_i a_i")),
    ("m for the training-set size",
     re.compile(r"\\lceil m ?/|\\frac\{m\}\{\\text\{(?:batch size|Stapelgröße)\}\}")),
]


def index_problems(text, name="text"):
    """Places where a lesson gives an index letter a role other than the one of lesson 00's table."""
    return [f"{name}:{number}: {what}: {line.strip()}"
            for number, line in enumerate(text.splitlines(), start=1)
            for what, pattern in INDEX_MISUSES if pattern.search(line)]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_every_lesson_gives_each_index_letter_one_role(path):
    assert index_problems(path.read_text(encoding="utf-8"), path.name) == []


@pytest.mark.parametrize("line", [
    "# $$Y_{kj} = \\begin{cases} 1 & k = y_j \\\\ 0 & k \\neq y_j \\end{cases}$$",
    "# $$\\mathrm{softmax}(z)_k = \\frac{e^{z_k}}{\\sum_{j=0}^{9} e^{z_j}}$$",
    "# all scores of a column. We choose $c = \\max_j z_j$:",
    "# $C_{ij}$ counts the test images with true digit $i$",
    "# Hidden unit $k$ computes $z_k = w_k \\cdot x + b_k$",
    "# adds up $n_{\\text{in}}$ products $w_i a_i$",
    "# $$\\text{steps per epoch} = \\left\\lceil \\frac{m}{\\text{batch size}} \\right\\rceil$$",
])
def test_the_index_check_finds_a_letter_in_another_role(line):
    assert index_problems(line) != []


def test_the_index_check_accepts_the_convention():
    text = "\n".join([
        "# $$Y_{ki} = \\begin{cases} 1 & k = y_i \\\\ 0 & k \\neq y_i \\end{cases}$$",
        "# $W^{[2]}_{kj}$ multiplies $A^{[1]}_{ji}$ in every image $i$, $C_{kc}$, $w_p x_p$",
        "# $$\\frac{e^{z_k - s}}{\\sum_{c=0}^{9} e^{z_c - s}}, \\qquad s = \\max_c z_c$$",
        "# $\\lceil n_{\\text{train}} / B \\rceil$ steps per epoch",
    ])
    assert index_problems(text) == []
