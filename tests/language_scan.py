"""Find words and numbers of the other language in what a lesson shows its learner.

``visible_texts(notebook)`` collects every text an executed lesson shows: printed output, displayed text
and HTML, the text of plotly figures (titles, axis titles, tick labels, legends, annotations, hover
templates) and of widgets (descriptions, labels, options, tooltips, HTML, the figures inside
FigureWidgets), from the widget state nbclient stores. ``foreign(text, lang)`` lists what does not belong
in a lesson of language ``lang``:

- words of the other language: the words of the course's own English and German texts (the UI strings in
  ``mnistlab.i18n`` and the prose of the lessons) that occur in only one language, plus the common
  function words of each language ("the", "from", "und", "mit", ...); and, in an English lesson, any word
  with ä, ö, ü or ß;
- numbers in the other language's format: in German "0.5", "4,000" or "109,386" (decimal point, thousands
  comma); in English "0,5" or "4.000,5".

What may stay (the issue's rule): code written as code - identifiers with an underscore, a digit or a
capital inside (``W1``, ``dW1``, ``n_h``), ``name = value`` as Python prints it (``history.loss[0] = 2.36``),
``name(`` and ``obj.attr``, anything in backticks, source code shown by ``ml.show_source``; one-letter
words (matrix names); the English term in parentheses after a German word ("Verlust (loss)"); shapes such as
"(784, 10)"; version numbers ("3.11.2"); NumPy's own output (an array's repr, printed arrays, warnings on
stderr or printed, its error messages) and tracebacks, which the prose explains.

Run as a script to count, per lesson: ``python tests/language_scan.py [--keep DIR] lessons/de/*.ipynb``.
"""

import argparse
import html
import os
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LESSONS = ROOT / "lessons"


def _word_set(text):
    return set(text.split())


# function words and common words of each language (those our own texts happen not to contain still count)
ENGLISH = _word_set("""
the a an and or of to from with for is are was were be been not no use run this that these those by
on at as it its all each per than then which what when where who how your you we our has have had do
does did can will would should must may into out over under about after before again only also more
most less least very too here there yes ok trained train epochs epoch images image digits digit
labels label accuracy error errors relative entries invalid settings active constant schedule recall
precision bytes step steps hidden learning rate large small sample bundled offline download real
parameter parameters weights weight gradient gradients validation true predicted wrong loss value
values layer layers size batch full mean sum total number seconds minutes done stopped diverged
lesson""")
# in both languages' dictionaries ("das Training", "ok", "was"): never counted as foreign
BOTH = {"was", "also", "will", "an", "am", "so", "in", "die", "hat", "war", "training", "test", "ok", "bias",
        "batch", "softmax", "relu", "sigmoid", "mnist", "numpy", "plotly", "python", "nan", "inf", "offline",
        "parameter", "online", "cache", "init", "mnistlab"}
GERMAN = _word_set("""
der die das den dem des ein eine einer eines einem einen und oder mit von aus auf für ist sind war
waren wird werden nicht kein keine auch nur noch schon wie wo wer was wenn dann dass als bei zu zum
zur im am vom durch über unter nach vor pro je bilder bild ziffern ziffer epoche epochen lernrate
genauigkeit verlust gewichte gewicht schritt schritte richtig falsch trainiert stichprobe fehler""")

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
NUMBER = re.compile(r"(?<![\w.,])\d[\d.,]*\d(?![\w])|(?<![\w.,])\d(?![\w.,])")
CODE = re.compile(
    r"`[^`]*`"  # `anything in backticks`
    r"|\b[A-Za-z_][\w.]*(?:\[[^\]]*\])*\s*=(?!=)\s*(?:\[[^\]]*\]|[^\s;,]*)"  # history.loss[0] = 2.36
    r"|(?<=[\w)\]|])\s*=(?!=)\s*(?:\[[^\]]*\]|[^\s;,]*)"  # ml.cross_entropy(A2, y) = 2.321, 0.9 ** m = 0.43
    r"|\d[\d_.]*\s*(?:\*\*|[*/+-])\s*(?=[\w(])"  # a number in a Python expression: 0.9 ** m
    r"|'[^'\n]*'"  # a Python string's repr: 'relu'
    r"|\[[-+\d.eE\s,]*\]"  # a printed NumPy array or list of numbers: [0.07 0.29 0.61]
    r"|\b[A-Za-z_][\w.]*\([^()]*\)|\b[A-Za-z_][\w.]*\("  # a call: len(wrong)
    r"|\([^()]*\)(?=\.\w)"  # an expression whose method is called: (predictions == y).mean()
    r"|(?:[\w.~-]*/)+[\w.-]*"  # a path: /home/me/mnistlab/sample
    r"|\b[a-z_]\w*\.[a-z_]\w*"  # attribute access: run.loss
    r"|\b[A-Za-z_]\w*[_\d]\w*\b|\b[a-z]+[A-Z]\w*\b"  # W1, n_h, float32, camelCase
)
GLOSS = re.compile(r"(?<=\w )\((?:[^\W\d_]+[ -]?){1,3}\)")  # "Verlust (loss)": the other language's term
TAGS = re.compile(r"<(style|script)\b.*?</\1>|<[^>]+>", re.DOTALL | re.IGNORECASE)
NUMPY_LINE = re.compile(r"^[\s\[\]()0-9eE.+\-,]*$|^\s*(array|np\.\w+)\(|^\s*\w+(Error|Warning): ")
PLOTLY_TEXT_KEYS = {"text", "name", "ticktext", "hovertemplate", "texttemplate", "label", "title"}
WIDGET_TEXT_KEYS = {"description", "tooltip", "placeholder", "_options_labels", "button_style_labels"}
WIDGET_VALUE_MODELS = {"LabelModel", "HTMLModel", "HTMLMathModel", "TextModel", "TextareaModel"}


# ---- what a learner sees ----

def _strings_in_figure(node, key=None):
    """Every visible string inside a plotly figure's JSON (data and layout)."""
    if isinstance(node, dict):
        for k, value in node.items():
            if k in ("meta", "uid", "type", "mode", "font", "colorscale", "hoverinfo", "xaxis", "yaxis"):
                continue
            yield from _strings_in_figure(value, k)
    elif isinstance(node, list):
        for value in node:
            yield from _strings_in_figure(value, key)
    elif isinstance(node, str) and key in PLOTLY_TEXT_KEYS:
        yield node


def _plain(text):
    """HTML to the text it shows."""
    return html.unescape(TAGS.sub(" ", text))


def _output_texts(output):
    kind = output.get("output_type")
    if kind == "stream":
        text = output.get("text", "")
        if output.get("name") == "stderr":  # NumPy's warnings: "file:line: RuntimeWarning: ..." + source line
            return []
        return [text]
    if kind not in ("execute_result", "display_data"):
        return []  # errors: tracebacks may stay as Python writes them
    data = output.get("data", {})
    if "application/vnd.plotly.v1+json" in data:
        return [_plain(text) for text in _strings_in_figure(data["application/vnd.plotly.v1+json"])]
    if "application/vnd.jupyter.widget-view+json" in data:
        return []  # the widget's text is in the notebook's widget state
    if "text/latex" in data and "highlight" in data.get("text/html", ""):
        return []  # source code shown by ml.show_source: code (and its docstrings) is English
    if "text/html" in data:
        return [_plain(data["text/html"])]
    if "text/markdown" in data:
        return [_plain(data["text/markdown"])]
    return [data.get("text/plain", "")]


def _widget_texts(state):
    model, values = state.get("model_name", ""), state.get("state", {})
    for key in WIDGET_TEXT_KEYS:
        value = values.get(key)
        if isinstance(value, str):
            yield _plain(value) if model in WIDGET_VALUE_MODELS or "<" in value else value
        elif isinstance(value, list):
            yield from (v for v in value if isinstance(v, str))
    if model in WIDGET_VALUE_MODELS and isinstance(values.get("value"), str):
        yield _plain(values["value"])
    for key in ("_widget_data", "_widget_layout"):  # plotly FigureWidget
        if key in values:
            where = "title" if key == "_widget_layout" else None
            yield from map(_plain, _strings_in_figure(values[key], where))


def visible_texts(notebook):
    """(where, text) for every text an executed notebook (a dict, as nbformat reads it) shows."""
    texts = []
    for index, cell in enumerate(notebook["cells"]):
        for output in _joined_streams(cell.get("outputs", [])):
            texts += [(f"cell {index}", text) for text in _output_texts(output) if text.strip()]
    states = notebook.get("metadata", {}).get("widgets", {})
    states = states.get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    for model_id, state in states.items():
        where = f"widget {state.get('model_name', '?')} {model_id[:8]}"
        texts += [(where, text) for text in _widget_texts(state) if text and text.strip()]
    return texts


def _joined_streams(outputs):
    """The outputs with consecutive pieces of one stream joined: print("x =", x) may reach the notebook as
    "x =" and " 4.5" in two outputs when the kernel is busy, and " 4.5" alone would read as a bare number."""
    joined = []
    for output in outputs:
        previous = joined[-1] if joined else None
        if (output.get("output_type") == "stream" and previous is not None
                and previous.get("output_type") == "stream" and previous.get("name") == output.get("name")):
            text = "".join(previous["text"]) + "".join(output["text"])
            joined[-1] = {**previous, "text": text}
        else:
            joined.append(output)
    return joined


# ---- the two vocabularies ----

def _words(text):
    return {word.lower() for word in WORD.findall(CODE.sub(" ", text))}


def _prose(lang):
    """The markdown prose of the lessons of one language."""
    text = []
    for path in sorted((LESSONS / lang / "py").glob("[0-9][0-9]*_*.py")):
        in_markdown = False
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# %%"):
                in_markdown = "[markdown]" in line
            elif in_markdown:
                text.append(line.removeprefix("# "))
    return "\n".join(text)


def vocabularies():
    """{"en": words only English texts use, "de": words only German texts use} (lower case)."""
    from mnistlab.i18n import STRINGS

    own = {lang: _words(_prose(lang) + "\n" + "\n".join(entry[lang] for entry in STRINGS.values()))
           for lang in ("en", "de")}
    return {"en": ((own["en"] - own["de"]) | ENGLISH) - BOTH, "de": ((own["de"] - own["en"]) | GERMAN) - BOTH}


# ---- what does not belong ----

def _foreign_number(token, lang):
    """True if the number token is written in the other language's format."""
    if "." in token and "," in token:
        return token.index(".") < token.index(",") if lang == "en" else token.index(",") < token.index(".")
    if lang == "de":
        if token.count(".") == 1:  # "0.5" or "2.36": a decimal point; "12.300" is a German thousands dot
            whole, part = token.split(".")
            return not (len(part) == 3 and whole != "0" and len(whole) <= 3)
        if token.count(".") > 1:  # "3.11.2" (a version) or "1.000.000" (German)
            return False
        if "," in token:  # "4,000", "109,386", "1,234,567": English thousands; "0,412", "2,303" German
            groups = token.split(",")
            return len(groups) > 2 or (len(groups[1]) == 3 and (groups[1] == "000" or len(groups[0]) == 3))
        return False
    if "," in token:  # English: "0,5" is a German decimal; "4,000" English thousands
        groups = token.split(",")
        return not all(len(g) == 3 for g in groups[1:])
    return False


def foreign(text, lang, vocabulary):
    """The words and numbers in `text` that belong to the other language (see the module docstring)."""
    found = []
    for line in text.splitlines():
        if NUMPY_LINE.search(line):
            continue
        prose = GLOSS.sub(" ", CODE.sub(" ", line))
        other = "de" if lang == "en" else "en"
        found += [w for w in WORD.findall(prose) if len(w) > 1 and (
                  w.lower() in vocabulary[other] or (lang == "en" and re.search("[äöüßÄÖÜ]", w)))]
        found += [n for n in NUMBER.findall(prose) if _foreign_number(n.rstrip(".,"), lang)]
    return found


# ---- running a lesson ----

def execute(path, keep=None, workbook=None):
    """Run a lesson as nbval does (offline, a new empty data folder) and return it with outputs and
    widget state. With `keep`, also write the executed notebook there; `workbook`: the learner's workbook
    folder to use (default: a new empty one)."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory(prefix="mnistlab-scan-") as data:
        env = {**os.environ, "MNISTLAB_OFFLINE": "1", "MNISTLAB_DATA": data,
               "MNISTLAB_WORKBOOK": str(workbook or Path(data) / "workbook")}
        NotebookClient(notebook, timeout=300, kernel_name="python3", store_widget_state=True,
                       resources={"metadata": {"path": str(Path(path).parent)}}).execute(env=env)
    if keep:
        folder = Path(keep) / lang_of(path)
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, folder / Path(path).name)
    return notebook


def lang_of(path):
    return Path(path).parent.name


def scan(notebook, lang, vocabulary=None):
    """[(where, foreign word or number, the text it is in)] for an executed notebook."""
    vocabulary = vocabulary or vocabularies()
    return [(where, item, text) for where, text in visible_texts(notebook)
            for item in foreign(text, lang, vocabulary)]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="+", help="lessons/<lang>/NN_name.ipynb (run) or executed copies")
    parser.add_argument("--executed", action="store_true", help="the notebooks already have outputs")
    parser.add_argument("--keep", help="write the executed notebooks into this folder")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every finding")
    args = parser.parse_args(argv)
    import nbformat

    vocabulary, total = vocabularies(), 0
    for path in args.notebooks:
        lang = lang_of(path) if lang_of(path) in ("en", "de") else Path(path).name[:2]
        notebook = nbformat.read(path, as_version=4) if args.executed else execute(path, args.keep)
        found = scan(notebook, lang, vocabulary)
        total += len(found)
        common = dict(Counter(item for _, item, _ in found).most_common(12))
        print(f"{lang}/{Path(path).name}: {len(found)}  {common}")
        if args.verbose:
            for where, item, text in found:
                print(f"    {where}: {item!r} in {text.strip()[:100]!r}")
    print(f"total: {total}")


if __name__ == "__main__":
    sys.exit(main())
