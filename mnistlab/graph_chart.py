"""The computational-graph figure of lesson 05a: a ``mnistlab.scalar_graph.Graph`` drawn top to bottom, each
node a box with its value (the forward pass), below it in vermillion its gradient ∂L/∂node, and on each
edge what the backward pass carries along it - where a value is used twice, its box holds the sum of its
edges. Plotly only; the numbers come from the graph.

Every text is an annotation with a ``name`` - "n:x" for node x's box, "e:x->p" for the gradient on the edge
from x to p, "a:x->p" for that edge's arrow - so a test (or the browser) finds it by name (short, because a
German lesson's language scan reads annotation names too). The figure takes the notebook's width; rows
have a fixed height, so the arrows can end exactly at the top and bottom of the boxes.
"""

import plotly.graph_objects as go

from mnistlab.charts import FONT_SIZE, OKABE_ITO, _style
from mnistlab.i18n import check_lang, fmt, t

NODE_FONT = FONT_SIZE - 2  # px: a box's text
EDGE_FONT = FONT_SIZE - 3
ROW_PX = 112  # px from one row of boxes to the next (values and gradients: two lines per box)
ROW_PX_FORWARD = 84  # the same, values only
LINE_PX = 1.3 * NODE_FONT  # px: one line of text in a box
BOX_PAD = 5  # px between a box's text and its border
MARGIN = {"l": 10, "r": 10, "t": 80, "b": 70}  # the title above, the legend below
GRADIENT = OKABE_ITO["vermillion"]
VALUE = OKABE_ITO["black"]
EDGE = "#8c8c8c"


def number(value, lang):
    """A value as the boxes show it: 4 significant digits, no -0, a real minus sign, German comma for de."""
    value = round(float(value), 9) + 0.0
    return fmt("{v:.4g}", lang, v=value).replace("-", "−")


def node_text(graph, name, lang, *, gradients=True):
    """The text of node `name`'s box: "p = w1 · x = 3" and, below it, "∂L/∂p = 2" in vermillion."""
    formula = graph.formula(name, number=lambda c: number(c, lang))
    text = f"{name} = {formula + ' = ' if formula else ''}{number(graph.value(name), lang)}"
    if gradients:
        gradient = f"∂{graph.output}/∂{name} = {number(graph.grad(name), lang)}"
        text += f'<br><span style="color:{GRADIENT}">{gradient}</span>'
    return text


def computational_graph(graph, *, lang, gradients=True, title=None):
    """The graph's figure: values forward; with `gradients`, the backward pass too (boxes and edges)."""
    check_lang(lang)
    where = graph.positions()
    n_rows = 1 + max(row for _, row in where.values())
    lines, row_px = (2, ROW_PX) if gradients else (1, ROW_PX_FORWARD)
    half_box = (lines * LINE_PX / 2 + BOX_PAD + 3) / row_px  # in rows: from a box's centre to its edge
    pad = half_box + 12 / row_px
    cols = [col for col, _ in where.values()]
    fig = go.Figure()
    annotations = []
    for edge in graph.edges:
        (x0, r0), (x1, r1) = where[edge.source], where[edge.target]
        y0, y1 = -r0 - half_box, -r1 + half_box
        annotations.append({"name": f"a:{edge.source}->{edge.target}", "x": x1, "y": y1, "ax": x0,
                            "ay": y0, "xref": "x", "yref": "y", "axref": "x", "ayref": "y", "text": "",
                            "showarrow": True, "arrowhead": 2, "arrowsize": 1.2, "arrowwidth": 1.6,
                            "arrowcolor": EDGE})
        if gradients:
            annotations.append({"name": f"e:{edge.source}->{edge.target}", "x": (x0 + x1) / 2,
                                "y": (y0 + y1) / 2, "xref": "x", "yref": "y", "showarrow": False,
                                "text": number(edge.carried, lang), "bgcolor": "white", "borderpad": 2,
                                "font": {"size": EDGE_FONT, "color": GRADIENT}})
    for name, (col, row) in where.items():
        leaf = graph.nodes[name].op == "input"
        annotations.append({"name": f"n:{name}", "x": col, "y": -row, "xref": "x", "yref": "y",
                            "showarrow": False, "text": node_text(graph, name, lang, gradients=gradients),
                            "font": {"size": NODE_FONT, "color": VALUE}, "align": "center",
                            "bgcolor": "#eef5fb" if leaf else "white", "bordercolor": OKABE_ITO["blue"],
                            "borderwidth": 1.5, "borderpad": BOX_PAD})
    legend = [("chart.graph.values", VALUE)] + ([("chart.graph.gradients", GRADIENT)] if gradients else [])
    for key, colour in legend:  # legend entries only: no points
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=t(key, lang), hoverinfo="skip",
                                 marker={"symbol": "square", "size": 12, "color": colour}))
    default = "chart.graph.title_backward" if gradients else "chart.graph.title_forward"
    _style(fig, lang, title if title is not None else t(default, lang))
    plot_px = (n_rows - 1) * row_px + 2 * pad * row_px
    fig.update_layout(annotations=annotations, height=round(plot_px + MARGIN["t"] + MARGIN["b"]),
                      margin=MARGIN, hovermode=False, dragmode=False,
                      legend={"orientation": "h", "x": 0, "y": 0, "yanchor": "top",
                              "font": {"size": FONT_SIZE - 3}})
    fig.update_xaxes(visible=False, range=[min(cols) - 0.8, max(cols) + 0.8], fixedrange=True)
    fig.update_yaxes(visible=False, range=[-(n_rows - 1) - pad, pad], fixedrange=True)
    return fig
