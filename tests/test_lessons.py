"""The lesson rails: jupytext pairs in sync, notebooks stripped, English and German in lockstep, kernels
isolated.

Layout: ``lessons/<lang>/NN_name.ipynb`` is what learners open; its source ``lessons/<lang>/py/NN_name.py``
(py:percent) is paired with it by jupytext's ``formats`` in pyproject.toml. nbval executes the notebooks
themselves (pytest collects ``lessons/**/*.ipynb``, each kernel offline with an empty data folder, see
conftest.py); these tests check the files. Each check is a plain function that returns a list of problems,
so the tests below can also show that it finds a broken pair, a stored output or a code cell changed in one
language only.
"""

import io
import os
import re
import shutil
import subprocess
import sys
import tokenize
from pathlib import Path

import jupytext
import nbformat
import pytest
from jupytext.cli import get_formats_from_notebook_path
from jupytext.cli import jupytext as jupytext_cli
from jupytext.compare import compare_notebooks
from jupytext.paired_paths import paired_paths

ROOT = Path(__file__).resolve().parents[1]
LESSONS = ROOT / "lessons"
LANGS = ("en", "de")
SOURCES = "py"  # lessons/<lang>/py/NN_name.py next to lessons/<lang>/NN_name.ipynb
LANG_LINE = re.compile(r"""^LANG\s*=\s*["'](en|de)["']\s*$""", re.MULTILINE)
DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
TEXT_IN_MATH = re.compile(r"\\text\{[^{}]*\}")  # \text{accuracy} = \text{Genauigkeit}: prose inside math


def lesson_sources(lang):
    return sorted((LESSONS / lang / SOURCES).glob("[0-9][0-9]*_*.py"))


def notebook_of(py_path):
    """lessons/<lang>/py/NN_name.py -> lessons/<lang>/NN_name.ipynb."""
    return py_path.parent.parent / py_path.with_suffix(".ipynb").name


def jupytext_pairs(path):
    """The files jupytext pairs with `path` (as `jupytext --paired-paths` prints them), from the config."""
    path = str(path)
    formats = get_formats_from_notebook_path(path, None)
    return sorted(Path(other) for other, _ in paired_paths(path, None, formats) if other != path)


def pair_problems(py_path):
    """Differences between a lesson's .py source and its paired .ipynb (read-only, never writes)."""
    ipynb_path = notebook_of(py_path)
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
        return [TEXT_IN_MATH.sub(r"\\text{}", " ".join(eq.split())) for eq in DISPLAY_MATH.findall(text)]

    if equations(en) != equations(de):
        problems.append(f"{en_path.name}: display equations ($$…$$) differ between en and de")
    return problems


# --- the real lessons -------------------------------------------------------------------------------


def test_there_are_lessons_in_both_languages():
    assert lesson_sources("en"), "no lessons found in lessons/en"
    assert lesson_sources("de"), "no lessons found in lessons/de"


def lesson_files(lang):
    """Every file under lessons/<lang>/, relative to it: notebooks, their sources, and anything stray."""
    folder = LESSONS / lang
    skip = {".ipynb_checkpoints", "__pycache__"}
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                  if p.is_file() and not skip & set(p.relative_to(folder).parts))


def test_english_and_german_have_the_same_lessons():
    assert lesson_files("en") == lesson_files("de")


@pytest.mark.parametrize("lang", LANGS)
def test_a_language_folder_shows_learners_only_notebooks_and_keeps_their_sources_in_py(lang):
    files = lesson_files(lang)
    notebooks = [f for f in files if "/" not in f]
    assert notebooks and all(re.fullmatch(r"\d\d[a-z]?_\w+\.ipynb", f) for f in notebooks), notebooks
    assert sorted(f for f in files if "/" in f) == [f"{SOURCES}/{f[:-6]}.py" for f in notebooks]


@pytest.mark.parametrize("ipynb_path", sorted(LESSONS.glob("*/*.ipynb")), ids=lambda p: p.name)
def test_jupytext_pairs_each_notebook_with_its_source_in_the_py_folder(ipynb_path):
    py_path = ipynb_path.parent / SOURCES / ipynb_path.with_suffix(".py").name
    assert jupytext_pairs(ipynb_path) == [py_path]
    assert jupytext_pairs(py_path) == [ipynb_path]


@pytest.mark.parametrize("py_path", [p for lang in LANGS for p in lesson_sources(lang)], ids=str)
def test_each_lesson_source_and_notebook_are_in_sync(py_path):
    assert pair_problems(py_path) == []


@pytest.mark.parametrize("ipynb_path", sorted(LESSONS.glob("*/*.ipynb")), ids=str)
def test_each_committed_notebook_is_stripped_and_has_a_kernel(ipynb_path):
    assert output_problems(ipynb_path) == []


@pytest.mark.parametrize("en_path", lesson_sources("en"), ids=lambda p: p.name)
def test_english_and_german_lessons_run_the_same_code(en_path):
    assert parity_problems(en_path, LESSONS / "de" / SOURCES / en_path.name) == []


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
    """folder/py/00_demo.py and its notebook folder/00_demo.ipynb, as in lessons/<lang>/."""
    (folder / SOURCES).mkdir(parents=True, exist_ok=True)
    py_path = folder / SOURCES / "00_demo.py"
    py_path.write_text(LESSON_PY.format(lang=lang, comment=comment) + extra, encoding="utf-8")
    notebook = jupytext.read(py_path)
    jupytext.write(notebook, notebook_of(py_path))
    return py_path


def test_pair_check_finds_a_source_edited_without_sync(tmp_path):
    py_path = write_lesson(tmp_path, "en")
    assert pair_problems(py_path) == []
    py_path.write_text(py_path.read_text() + "\n# %%\nprint('new cell')\n", encoding="utf-8")
    assert pair_problems(py_path) != []


def test_output_check_finds_a_stored_output(tmp_path):
    ipynb_path = notebook_of(write_lesson(tmp_path, "en"))
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


def test_editing_a_source_and_syncing_updates_its_notebook_in_the_parent_folder(tmp_path):
    shutil.copy(ROOT / "pyproject.toml", tmp_path)  # the project's jupytext pairing, nothing else
    py_path = write_lesson(tmp_path / "lessons" / "en", "en")
    ipynb_path = notebook_of(py_path)
    py_path.write_text(py_path.read_text() + "\n# %%\nprint('new cell')\n", encoding="utf-8")
    assert jupytext_cli(["--sync", "--quiet", str(py_path)]) == 0
    assert nbformat.read(ipynb_path, as_version=4).cells[-1].source == "print('new cell')"
    assert pair_problems(py_path) == []
    assert sorted(p.name for p in tmp_path.rglob("*.py")) == ["00_demo.py"]  # no second source elsewhere


# --- lesson kernels are isolated (conftest.py) --------------------------------------------------------

PROBE_CELL = """\
import os
from pathlib import Path
offline, data = os.environ.get("MNISTLAB_OFFLINE"), os.environ.get("MNISTLAB_DATA")
assert offline == "1", f"kernel has MNISTLAB_OFFLINE={offline!r}, expected '1'"
new_and_empty = data and Path(data).is_dir() and not any(Path(data).iterdir())
assert new_and_empty, f"kernel has MNISTLAB_DATA={data!r}, expected a new empty folder"
"""


def test_lesson_kernels_run_offline_with_a_new_empty_data_folder_and_a_missing_conftest_is_noticed(tmp_path):
    """One pytest run with this project's pytest configuration (nbval, two xdist workers) of a throwaway
    notebook that asserts its kernel's environment: once next to a copy of conftest.py (must pass) and once
    without it (must fail), while the calling environment is online and points MNISTLAB_DATA at a non-empty
    cache."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    probe = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(PROBE_CELL)])
    for name in ("isolated", "bare"):
        (tmp_path / name).mkdir()
        nbformat.write(probe, tmp_path / name / "probe.ipynb")
    shutil.copy(ROOT / "conftest.py", tmp_path / "isolated")
    user_cache = tmp_path / "user-cache"
    (user_cache / "mnist").mkdir(parents=True)
    (user_cache / "mnist" / "train-images-idx3-ubyte.gz").write_bytes(b"not the sample")
    env = {**os.environ, "MNISTLAB_OFFLINE": "0", "MNISTLAB_DATA": str(user_cache)}
    env.pop("PYTEST_ADDOPTS", None)
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rA", "isolated", "bare"]
    result = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True)
    report = result.stdout + result.stderr
    assert re.search(r"^PASSED isolated/probe\.ipynb::", report, re.MULTILINE), report
    assert re.search(r"^FAILED bare/probe\.ipynb::", report, re.MULTILINE), report
    assert "MNISTLAB_OFFLINE='0'" in report
    assert sorted(p.name for p in user_cache.rglob("*")) == ["mnist", "train-images-idx3-ubyte.gz"]
