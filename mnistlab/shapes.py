"""Geometry of the shapes diagram: every matrix of the forward (and backward) pass as a rectangle. Lesson 03.

Pure Python and NumPy, no plotly: ``mnistlab.charts`` turns the result into traces, fast enough for a slider.

Units. The diagram is laid out in *data units*: a matrix of n_rows x n_cols is a rectangle side(n_cols)
wide and side(n_rows) high, with side(n) = sqrt(n) (scale="sqrt") or 1 + log2(n) (scale="log"), so that
both 784 and 1 stay visible. Text is measured in *lines*: one line is the font size font_px. The layout
picks ppu, the pixels per data unit, as large as possible such that every row - rectangles, their labels,
the operators between them - fits into a plot area width_px wide (and all rows into height_px, if given).
One row, from the top:

    formula "Z1 = W1 @ X + b1 -> A1 = ReLU(Z1)"   starts FORMULA_TOP lines below the row's top
    the matrices, centred on one line             start MATRIX_TOP lines below the row's top
    under each matrix its label "W1 · 10 × 784"   starts LABEL_GAP lines below the matrix
    the next row                                  starts ROW_GAP lines below the tallest matrix
"""

import math

from .checks import check_layer_sizes, check_params, is_whole

SHAPE_KINDS = ("param", "activation", "gradient")

CHAR_WIDTH = 0.6  # width of an average character of the label font, in font sizes (sans-serif: ~0.5-0.6)
LABEL_PAD = 2  # characters of room around a label, so that neighbouring labels never touch
OP_PAD = 3  # characters of room around an operator ("@", "+", "→")
FORMULA_TOP = 0.2  # lines from a row's top to its formula's text
MATRIX_TOP = 1.8  # lines from a row's top to its matrices: FORMULA_TOP + one line of text (~1.2) + a gap
LABEL_GAP = 0.2  # lines from a matrix's bottom edge to its label
ROW_GAP = 4.2  # lines a row needs besides its tallest matrix: MATRIX_TOP + LABEL_GAP + a label line + a gap
TOP_MARGIN = 0.5  # lines of room above the first row ...
BOTTOM_MARGIN = 0.6  # ... and below the last row's labels
PPU_BRACKET = (1e-4, 1e4)  # pixels per data unit: the search range (far wider than any plot needs)
PPU_HALVINGS = 60  # bisection steps on a log scale: the bracket's ratio 10^8 shrinks to 10^(8 / 2^60),
#                    i.e. to float precision - the answer is the largest scale that fits, to the last bit


def layer_sizes_of(layers):
    """Layer sizes [784, n_1, ..., 10] from a list of sizes or from a params dict (W1, b1, W2, ...)."""
    if isinstance(layers, dict):
        return check_params(layers, where="shapes diagram", finite=False)
    return check_layer_sizes(layers, where="shapes diagram")


def shape_label(name, n_rows, n_cols):
    """The label drawn under a matrix, e.g. "W1 · 10 × 784"."""
    return f"{name} · {n_rows} × {n_cols}"


def side(n, scale):
    """Side length in data units of a matrix dimension n (see the module docstring)."""
    return math.sqrt(n) if scale == "sqrt" else 1.0 + math.log2(n)


def shape_rows(layers, m, *, backward=False, activation="relu"):
    """The matrices of the forward pass, one row per layer, and optionally of the backward pass.

    Returns a list of rows (formula, items); an item is ("matrix", name, n_rows, n_cols, kind) or
    ("op", text). The shapes are the ones ``init_params`` and ``forward`` produce: W_l (n_l, n_(l-1)),
    b_l (n_l, 1), Z_l and A_l (n_l, m).
    """
    sizes = layer_sizes_of(layers)
    if not is_whole(m, 1):
        raise ValueError(f"the batch size m must be a whole number of at least 1; got {m!r}.")
    rows = _forward_rows(sizes, int(m), activation)
    return rows + (_backward_rows(sizes, int(m)) if backward else [])


def _forward_rows(sizes, m, activation):
    L, rows = len(sizes) - 1, []
    for l in range(1, L + 1):
        prev = "X" if l == 1 else f"A{l - 1}"
        g = "softmax" if l == L else ("ReLU" if activation == "relu" else activation)
        rows.append((f"Z{l} = W{l} @ {prev} + b{l}   →   A{l} = {g}(Z{l})", [
            ("matrix", f"W{l}", sizes[l], sizes[l - 1], "param"), ("op", "@"),
            ("matrix", prev, sizes[l - 1], m, "activation"), ("op", "+"),
            ("matrix", f"b{l}", sizes[l], 1, "param"), ("op", "→"),
            ("matrix", f"Z{l}", sizes[l], m, "activation"), ("op", f"{g} →"),
            ("matrix", f"A{l}", sizes[l], m, "activation")]))
    return rows


def _backward_rows(sizes, m):
    """dZ = dL/dZ with the 1/m of the mean loss inside it, so dW and db need no 1/m of their own; db sums
    dZ over the images' axis (axis=1), never over the whole matrix (the bias bug of lesson 05)."""
    L = len(sizes) - 1
    rows = [(f"dZ{L} = (A{L} − Y) / m", [
        ("matrix", f"A{L}", sizes[L], m, "activation"), ("op", "−"),
        ("matrix", "Y", sizes[L], m, "activation"), ("op", "/ m →"),
        ("matrix", f"dZ{L}", sizes[L], m, "gradient")])]
    for l in range(L, 0, -1):
        prev = "X" if l == 1 else f"A{l - 1}"
        rows.append((f"dW{l} = dZ{l} @ {prev}ᵀ,   db{l} = dZ{l}.sum(axis=1, keepdims=True)", [
            ("matrix", f"dZ{l}", sizes[l], m, "gradient"), ("op", "@"),
            ("matrix", f"{prev}ᵀ", m, sizes[l - 1], "activation"), ("op", "→"),
            ("matrix", f"dW{l}", sizes[l], sizes[l - 1], "gradient"), ("op", "  "),
            ("matrix", f"db{l}", sizes[l], 1, "gradient")]))
        if l > 1:
            rows.append((f"dZ{l - 1} = (W{l}ᵀ @ dZ{l}) ⊙ g′(Z{l - 1})", [
                ("matrix", f"W{l}ᵀ", sizes[l - 1], sizes[l], "param"), ("op", "@"),
                ("matrix", f"dZ{l}", sizes[l], m, "gradient"), ("op", "⊙ g′ →"),
                ("matrix", f"dZ{l - 1}", sizes[l - 1], m, "gradient")]))
    return rows


class RowMeasure:
    """Widths and heights of the rows in pixels at a given scale ppu (pixels per data unit)."""

    def __init__(self, rows, scale, font_px):
        self.rows, self.scale, self.font_px = rows, scale, font_px
        self.char_px = CHAR_WIDTH * font_px

    def slot_px(self, item, ppu):
        """Width of one item's slot: an operator's text, or a rectangle or its label, whichever is wider."""
        if item[0] == "op":
            return (len(item[1]) + OP_PAD) * self.char_px
        label = shape_label(*item[1:4])
        return max(side(item[3], self.scale) * ppu, (len(label) + LABEL_PAD) * self.char_px)

    def slot(self, item, ppu):
        """The same slot width in data units."""
        if item[0] == "op":
            return self.slot_px(item, ppu) / ppu
        label = shape_label(*item[1:4])
        return max(side(item[3], self.scale), (len(label) + LABEL_PAD) * self.char_px / ppu)

    def widest_row_px(self, ppu):
        return max(sum(self.slot_px(item, ppu) for item in items) for _, items in self.rows)

    def tallest(self, items):
        """Height in data units of the tallest matrix of a row."""
        return max(side(item[2], self.scale) for item in items if item[0] == "matrix")

    def height_px(self, ppu):
        rows_px = sum(self.tallest(items) * ppu + ROW_GAP * self.font_px for _, items in self.rows)
        return rows_px + BOTTOM_MARGIN * self.font_px


def pixels_per_unit(rows, *, scale, width_px, font_px, height_px=None):
    """The largest scale (pixels per data unit) at which the rows fit width_px (and height_px).

    If the labels cannot fit side by side at any scale, the rectangles alone are fitted to the width and
    the labels may overlap: the shapes stay readable.
    """
    measure = RowMeasure(rows, scale, font_px)

    def fits(ppu):
        fits_height = height_px is None or measure.height_px(ppu) <= height_px
        return measure.widest_row_px(ppu) <= width_px and fits_height

    lo, hi = PPU_BRACKET
    for _ in range(PPU_HALVINGS):
        mid = (lo * hi) ** 0.5
        lo, hi = (mid, hi) if fits(mid) else (lo, mid)
    if measure.widest_row_px(lo) <= width_px:
        return lo
    return width_px / max(sum(side(item[3], scale) for item in items if item[0] == "matrix")
                          for _, items in rows)


def shapes_geometry(layers, m, *, backward=False, activation="relu", scale="sqrt", width_px=1100, font_px=15,
                    height_px=None):
    """Plain data of the shapes diagram, fast enough for a slider (no plotly objects are built).

    Returns a dict: "polygons" {kind: (xs, ys)} closed rectangles separated by None; "labels", "ops",
    "formulas": (xs, ys, texts); "x_range", "y_range". The layout is computed for a plot area width_px
    wide (and at most height_px high, if given), so that labels of font_px do not overlap.
    """
    if scale not in ("sqrt", "log"):
        raise ValueError(f"scale must be 'sqrt' or 'log'; got {scale!r}.")
    rows = shape_rows(layers, m, backward=backward, activation=activation)
    ppu = pixels_per_unit(rows, scale=scale, width_px=width_px, font_px=font_px, height_px=height_px)
    unit = font_px / ppu  # one line of text in data units
    measure = RowMeasure(rows, scale, font_px)
    out = {"polygons": {kind: ([], []) for kind in SHAPE_KINDS},
           "labels": ([], [], []), "ops": ([], [], []), "formulas": ([], [], [])}
    y_top = 0.0
    for formula, items in rows:
        _add(out["formulas"], 0.0, y_top - FORMULA_TOP * unit, formula)
        height = measure.tallest(items)
        y_mid = y_top - MATRIX_TOP * unit - height / 2
        _place_row(out, measure, items, ppu, y_mid=y_mid, label_y=y_mid - height / 2 - LABEL_GAP * unit)
        y_top -= height + ROW_GAP * unit
    bottom = y_top + BOTTOM_MARGIN * unit if height_px is None else TOP_MARGIN * unit - height_px / ppu
    return {**out, "x_range": [0, width_px / ppu], "y_range": [bottom, TOP_MARGIN * unit]}


def _add(series, x, y, text):
    series[0].append(x)
    series[1].append(y)
    series[2].append(text)


def _place_row(out, measure, items, ppu, *, y_mid, label_y):
    """Append one row's rectangles (centred on y_mid), labels (at label_y) and operators to `out`."""
    x = 0.0
    for item in items:
        slot = measure.slot(item, ppu)
        if item[0] == "op":
            _add(out["ops"], x + slot / 2, y_mid, item[1])
        else:
            _, name, n_rows, n_cols, kind = item
            w, h = side(n_cols, measure.scale), side(n_rows, measure.scale)
            x0, y0 = x + (slot - w) / 2, y_mid - h / 2
            xs, ys = out["polygons"][kind]
            xs += [x0, x0 + w, x0 + w, x0, x0, None]
            ys += [y0, y0, y0 + h, y0 + h, y0, None]
            _add(out["labels"], x + slot / 2, label_y, shape_label(name, n_rows, n_cols))
        x += slot


def shapes_height(x_range, y_range, width_px):
    """Height in pixels of a plot area width_px wide that shows the ranges at equal scale on both axes."""
    return (y_range[1] - y_range[0]) / (x_range[1] - x_range[0]) * width_px
