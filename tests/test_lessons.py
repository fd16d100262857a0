"""The lesson rails: jupytext pairs in sync, notebooks stripped, English and German in lockstep.

nbval executes the notebooks themselves (pytest collects ``lessons/**/*.ipynb``); these tests check the
files. Each check is a plain function that returns a list of problems, so the tests below can also show
that it finds a broken pair, a stored output or a code cell changed in one language only.
"""

import io
import re
import tokenize
from pathlib import Path

import jupytext
import nbformat
import pytest
from jupytext.compare import compare_notebooks

LESSONS = Path(__file__).resolve().parents[1] / "lessons"
LANGS = ("en", "de")
LANG_LINE = re.compile(r"""^LANG\s*=\s*["'](en|de)["']\s*$""", re.MULTILINE)
DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)


def lesson_sources(lang):
    return sorted((LESSONS / lang).glob("[0-9][0-9]_*.py"))


def pair_problems(py_path):
    """Differences between a lesson's .py source and its paired .ipynb (read-only, never writes)."""
    ipynb_path = py_path.with_suffix(".ipynb")
    if not ipynb_path.exists():
        return [f"{ipynb_path.name} is missing: run `jupytext --sync {py_path}`"]
    try:
        compare_notebooks(
            jupytext.read(ipynb_path), jupytext.read(py_path), fmt="py:percent",
            allow_expected_differences=True,
        )
    except Exception as error:  # jupytext raises several types; all mean "out of sync"
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return [f"{py_path.name} and {ipynb_path.name} differ ({first_line}): edit the .py, then "
                f"`jupytext --sync {py_path}`"]
    return []


def output_problems(ipynb_path):
    """Outputs, execution counts or widget state stored in a committed notebook."""
    notebook = nbformat.read(ipynb_path, as_version=4)
    problems = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        if cell.get("outputs"):
            problems.append(f"{ipynb_path.name} cell {index} has stored outputs")
        if cell.get("execution_count") is not None:
            problems.append(f"{ipynb_path.name} cell {index} has an execution count")
    if "widgets" in notebook.metadata:
        problems.append(f"{ipynb_path.name} stores widget state in its metadata")
    if notebook.metadata.get("kernelspec", {}).get("name") != "python3":
        problems.append(f"{ipynb_path.name} has no python3 kernelspec (JupyterLab would ask for a kernel)")
    return problems


def normalized_code(source):
    """Code without comments, blank lines and the LANG line: what must be equal in en and de."""
    source = LANG_LINE.sub('LANG = "<lang>"', source)
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    tokens = [tok for tok in tokens if tok.type != tokenize.COMMENT]
    code = tokenize.untokenize((tok.type, tok.string) for tok in tokens)
    return [line.strip() for line in code.splitlines() if line.strip()]


def parity_problems(en_path, de_path):
    """Differences between the English and the German lesson beyond prose, comments and LANG."""
    en, de = jupytext.read(en_path), jupytext.read(de_path)
    problems = []
    en_code = [cell.source for cell in en.cells if cell.cell_type == "code"]
    de_code = [cell.source for cell in de.cells if cell.cell_type == "code"]
    if len(en_code) != len(de_code):
        problems.append(f"{en_path.name}: {len(en_code)} code cells in en, {len(de_code)} in de")
    for number, (a, b) in enumerate(zip(en_code, de_code, strict=False), start=1):
        if normalized_code(a) != normalized_code(b):
            problems.append(f"{en_path.name}: code cell {number} differs between en and de")
    for lang, notebook in (("en", en), ("de", de)):
        lang_lines = [LANG_LINE.search(c.source) for c in notebook.cells if c.cell_type == "code"]
        found = [match.group(1) for match in lang_lines if match]
        if found != [lang]:
            problems.append(f"{en_path.name} ({lang}): expected one line LANG = {lang!r}, found {found}")

    def equations(notebook):
        text = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
        return [" ".join(eq.split()) for eq in DISPLAY_MATH.findall(text)]

    if equations(en) != equations(de):
        problems.append(f"{en_path.name}: display equations ($$…$$) differ between en and de")
    return problems


# --- the real lessons -------------------------------------------------------------------------------


def test_there_are_lessons_in_both_languages():
    assert lesson_sources("en"), "no lessons found in lessons/en"
    assert lesson_sources("de"), "no lessons found in lessons/de"


def test_english_and_german_have_the_same_lessons():
    names = {lang: sorted(p.name for p in (LESSONS / lang).glob("[0-9][0-9]_*.*")) for lang in LANGS}
    assert names["en"] == names["de"]


@pytest.mark.parametrize("py_path", [p for lang in LANGS for p in lesson_sources(lang)], ids=str)
def test_each_lesson_source_and_notebook_are_in_sync(py_path):
    assert pair_problems(py_path) == []


@pytest.mark.parametrize("ipynb_path", sorted(LESSONS.glob("*/*.ipynb")), ids=str)
def test_each_committed_notebook_is_stripped_and_has_a_kernel(ipynb_path):
    assert output_problems(ipynb_path) == []


@pytest.mark.parametrize("en_path", lesson_sources("en"), ids=lambda p: p.name)
def test_english_and_german_lessons_run_the_same_code(en_path):
    assert parity_problems(en_path, LESSONS / "de" / en_path.name) == []


# --- the checks themselves can fail -------------------------------------------------------------------

LESSON_PY = '''# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Title
#
# $$Z = W X + b$$

# %%
import numpy as np
LANG = "{lang}"

# %%
x = np.ones(3)  # {comment}
assert x.sum() == 3
'''


def write_lesson(folder, lang, comment="a comment", extra=""):
    folder.mkdir(parents=True, exist_ok=True)
    py_path = folder / "00_demo.py"
    py_path.write_text(LESSON_PY.format(lang=lang, comment=comment) + extra, encoding="utf-8")
    notebook = jupytext.read(py_path)
    jupytext.write(notebook, py_path.with_suffix(".ipynb"))
    return py_path


def test_pair_check_finds_a_source_edited_without_sync(tmp_path):
    py_path = write_lesson(tmp_path, "en")
    assert pair_problems(py_path) == []
    py_path.write_text(py_path.read_text() + "\n# %%\nprint('new cell')\n", encoding="utf-8")
    assert pair_problems(py_path) != []


def test_output_check_finds_a_stored_output(tmp_path):
    ipynb_path = write_lesson(tmp_path, "en").with_suffix(".ipynb")
    assert output_problems(ipynb_path) == []
    notebook = nbformat.read(ipynb_path, as_version=4)
    code_cell = next(cell for cell in notebook.cells if cell.cell_type == "code")
    code_cell.outputs = [nbformat.v4.new_output("stream", text="3.0\n")]
    code_cell.execution_count = 1
    nbformat.write(notebook, ipynb_path)
    assert len(output_problems(ipynb_path)) == 2


def test_parity_check_allows_other_comments_but_not_other_code(tmp_path):
    en_path = write_lesson(tmp_path / "en", "en", comment="three ones")
    de_path = write_lesson(tmp_path / "de", "de", comment="drei Einsen")
    assert parity_problems(en_path, de_path) == []
    write_lesson(tmp_path / "de", "de", comment="drei Einsen", extra="x = x * 2\n")
    assert parity_problems(en_path, de_path) == ["00_demo.py: code cell 2 differs between en and de"]


def test_parity_check_finds_a_changed_equation_and_a_wrong_lang(tmp_path):
    en_path = write_lesson(tmp_path / "en", "en")
    de_path = write_lesson(tmp_path / "de", "en")
    de_path.write_text(de_path.read_text().replace("W X + b", "X W + b"), encoding="utf-8")
    problems = parity_problems(en_path, de_path)
    assert any("LANG" in p for p in problems)
    assert any("equations" in p for p in problems)
