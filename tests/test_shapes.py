"""The shapes diagram's geometry (mnistlab.shapes): pure Python, labels that fit, the largest scale."""

import subprocess
import sys

import pytest

from mnistlab import shapes


def rows_by_name(rows):
    return {item[1]: item[2:4] for _, items in rows for item in items if item[0] == "matrix"}


def test_shape_rows_hold_the_shapes_init_params_and_forward_produce():
    found = rows_by_name(shapes.shape_rows([784, 16, 10], 5))
    assert found == {"W1": (16, 784), "X": (784, 5), "b1": (16, 1), "Z1": (16, 5), "A1": (16, 5),
                     "W2": (10, 16), "b2": (10, 1), "Z2": (10, 5), "A2": (10, 5)}
    backward = rows_by_name(shapes.shape_rows([784, 16, 10], 5, backward=True))
    assert backward["dW1"] == (16, 784) and backward["dZ1"] == (16, 5) and backward["W2ᵀ"] == (16, 10)


def test_backward_formulas_put_the_one_over_m_into_dZ_and_sum_the_bias_gradient_over_the_images():
    # Before: "dZ2 = A2 − Y,  dW2 = dZ2 @ A1ᵀ / m,  db2 = Σ dZ2" - no 1/m in db and no axis: the bias bug.
    rows = shapes.shape_rows([784, 32, 16, 10], 5, backward=True)
    formulas = [formula for formula, _ in rows][3:]  # after the three forward rows
    assert formulas[0] == "dZ3 = (A3 − Y) / m"
    for l in (3, 2, 1):
        prev = "X" if l == 1 else f"A{l - 1}"
        assert f"dW{l} = dZ{l} @ {prev}ᵀ,   db{l} = dZ{l}.sum(axis=1, keepdims=True)" in formulas
    assert not any("/ m" in formula for formula in formulas[1:]) and not any("Σ" in f for f in formulas)
    assert rows_by_name(rows)["Y"] == (10, 5)


def test_backward_formulas_fit_a_narrow_notebook():
    # The formulas are not measured by the layout: each must fit ~550 px at the smallest font used (12 px).
    for formula, _ in shapes.shape_rows([784, 512, 512, 10], 1024, backward=True):
        assert len(formula) * shapes.CHAR_WIDTH * 12 <= 500, formula


@pytest.mark.parametrize("sizes, m", [([784, 10, 10], 64), ([784, 512, 3, 10], 1),
                                     ([784, 128, 64, 10], 1024)])
@pytest.mark.parametrize("width_px", [910, 1040, 1500])
def test_neighbouring_labels_never_overlap_and_the_diagram_fits_the_width(sizes, m, width_px):
    font_px = 15
    g = shapes.shapes_geometry(sizes, m, width_px=width_px, font_px=font_px)
    ppu = width_px / (g["x_range"][1] - g["x_range"][0])
    xs, ys, texts = g["labels"]
    char = shapes.CHAR_WIDTH * font_px / ppu  # one character in data units
    for i in range(len(texts) - 1):
        if ys[i] == ys[i + 1]:  # same row
            assert xs[i + 1] - xs[i] >= (len(texts[i]) + len(texts[i + 1])) / 2 * char
    assert max(x for x in g["polygons"]["param"][0] if x is not None) <= g["x_range"][1]


def test_the_scale_chosen_is_the_largest_that_fits():
    rows = shapes.shape_rows([784, 128, 64, 10], 64)
    ppu = shapes.pixels_per_unit(rows, scale="sqrt", width_px=910, font_px=13, height_px=305)
    measure = shapes.RowMeasure(rows, "sqrt", 13)
    assert measure.widest_row_px(ppu) <= 910 and measure.height_px(ppu) <= 305
    bigger = ppu * (1 + 1e-9)
    assert measure.widest_row_px(bigger) > 910 or measure.height_px(bigger) > 305


def test_a_height_limit_makes_the_diagram_exactly_that_high():
    g = shapes.shapes_geometry([784, 64, 10], 64, width_px=910, height_px=305, font_px=13)
    ppu = 910 / (g["x_range"][1] - g["x_range"][0])
    assert (g["y_range"][1] - g["y_range"][0]) * ppu == pytest.approx(305)
    assert shapes.shapes_height(g["x_range"], g["y_range"], 910) == pytest.approx(305)


def test_impossible_sizes_and_batch_sizes_are_refused_clearly():
    with pytest.raises(ValueError, match="whole numbers >= 1"):
        shapes.shape_rows([784, 0, 10], 4)
    with pytest.raises(ValueError, match="batch size m"):
        shapes.shape_rows([784, 10, 10], 0)
    with pytest.raises(ValueError, match="scale"):
        shapes.shapes_geometry([784, 10, 10], 4, scale="linear")


def test_the_geometry_module_does_not_import_plotly():
    code = "import sys, mnistlab.shapes; assert 'plotly' not in sys.modules, 'plotly imported'"
    subprocess.run([sys.executable, "-c", code], check=True)
