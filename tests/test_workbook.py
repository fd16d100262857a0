"""The learner's workbook: a function that passes its exercise is kept, and later lessons train with it."""

import importlib.util
import textwrap
from pathlib import Path

import numpy as np
import pytest
from language_scan import execute

import mnistlab as ml

LESSONS = Path(__file__).resolve().parents[1] / "lessons"


def learner_module(tmp_path, source, name="notebook_cell"):
    """Functions as a learner writes them: in a file of their own (inspect can read their source)."""
    path = tmp_path / f"{name}.py"
    path.write_text("import numpy as np\nimport mnistlab as ml\n\n" + textwrap.dedent(source))
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_an_accepted_function_is_saved_and_a_later_lesson_uses_it(tmp_path):
    cell = learner_module(tmp_path, """
        def my_relu(Z):
            return np.where(Z > 0, Z, 0.0)

        def my_softmax(Z):
            E = np.exp(Z - Z.max(axis=0, keepdims=True))
            return E / E.sum(axis=0, keepdims=True)
    """)
    feedback = ml.check("02.relu", cell.my_relu, lang="de")
    assert feedback.ok and "Arbeitsheft" in feedback.message
    assert ml.check("03.softmax", cell.my_softmax, lang="en").ok
    assert set(ml.workbook.saved()) == {"02.relu", "03.softmax"}
    mine = ml.workbook.mine(lang="en")
    assert mine.whose["relu"] == mine.whose["softmax"] == "yours" and mine.whose["backward"] == "mnistlab"
    assert mine.relu.__name__ == "my_relu" and mine.backward is ml.backward
    Z = np.array([[-1.0, 2.0]])
    np.testing.assert_array_equal(mine.relu(Z), [[0.0, 2.0]])
    assert "yours ✓" in mine.table() and "you have not written it yet" in mine.table()


def test_a_wrong_answer_mnistlabs_own_function_and_a_lambda_are_not_saved(tmp_path):
    cell = learner_module(tmp_path, "def my_relu(Z):\n    return Z\n")
    assert not ml.check("02.relu", cell.my_relu, lang="en").ok
    assert ml.check("02.relu", ml.relu, lang="en").ok
    assert ml.check("02.relu", lambda Z: np.maximum(Z, 0), lang="en").ok  # right, but its source is not a def
    assert ml.workbook.saved() == {}


def test_a_saved_function_that_no_longer_passes_falls_back_to_mnistlab_and_says_why(tmp_path):
    cell = learner_module(tmp_path, "def my_relu(Z):\n    return np.maximum(Z, 0)\n")
    assert ml.check("02.relu", cell.my_relu, lang="en").ok
    path = ml.workbook.saved()["02.relu"]
    path.write_text(path.read_text().replace("np.maximum(Z, 0)", "Z"))  # edited by hand: now wrong
    mine = ml.workbook.mine(lang="de")
    assert mine.whose["relu"] == "mnistlab" and mine.relu is ml.relu
    assert "besteht ihre Prüfung nicht mehr" in mine.table()


def test_reset_empties_the_workbook(tmp_path):
    cell = learner_module(tmp_path, "def my_relu(Z):\n    return np.maximum(Z, 0)\n")
    ml.check("02.relu", cell.my_relu, lang="en")
    assert ml.workbook.reset() == 1 and ml.workbook.saved() == {}
    assert ml.workbook.mine(lang="en").whose["relu"] == "mnistlab"


def test_a_workbook_that_cannot_be_written_still_says_correct(tmp_path, monkeypatch):
    blocker = tmp_path / "a_file"
    blocker.write_text("")
    monkeypatch.setenv("MNISTLAB_WORKBOOK", str(blocker / "workbook"))  # below a file: cannot be created
    cell = learner_module(tmp_path, "def my_relu(Z):\n    return np.maximum(Z, 0)\n")
    feedback = ml.check("02.relu", cell.my_relu, lang="en")
    assert feedback.ok and "workbook" not in feedback.message


def test_with_every_exercise_answered_by_its_solution_lesson_06_trains_the_learners_network(tmp_path):
    """The answered path: lessons 02-05 with every function exercise answered by its solution, then
    lesson 06 - in one workbook, as a learner's home keeps it."""
    workbook = tmp_path / "workbook"
    for name in ("02_neuron", "03_forward", "04_loss", "05b_backprop"):
        # the solution cells check with save=False (Run All must not count the lesson's code as the
        # learner's); a learner who answers with the same code saves it
        source = (LESSONS / "en" / f"{name}.ipynb").read_text(encoding="utf-8")
        assert "save=False" in source
        answered = tmp_path / f"{name}.ipynb"
        answered.write_text(source.replace("save=False", "save=True"), encoding="utf-8")
        execute(answered, workbook=workbook)
    assert {"02.relu", "02.relu_prime", "03.softmax", "03.forward", "04.one_hot", "04.cross_entropy",
            "05.backward"} <= set(p.stem for p in workbook.glob("*.py"))
    lesson = execute(LESSONS / "en" / "06a_gradient_descent.ipynb", workbook=workbook)
    tables = [o["data"]["text/markdown"] for cell in lesson["cells"] for o in cell.get("outputs", [])
              if "text/markdown" in o.get("data", {}) and "| function |" in o["data"]["text/markdown"]]
    assert len(tables) == 1
    for name in ("forward", "backward", "cross_entropy", "one_hot"):
        assert f"| `{name}` | yours ✓ |" in tables[0], tables[0]


def test_running_a_lesson_with_its_solutions_does_not_fill_the_learners_workbook(tmp_path):
    execute(LESSONS / "de" / "02_neuron.ipynb", workbook=tmp_path / "workbook")
    assert not list((tmp_path / "workbook").glob("*.py"))


@pytest.mark.parametrize("lang", ["en", "de"])
def test_with_every_exercise_unanswered_lesson_06_uses_mnistlabs_functions_and_says_so(tmp_path, lang):
    lesson = execute(LESSONS / lang / "06a_gradient_descent.ipynb", workbook=tmp_path / "workbook")
    text = "\n".join(o["data"].get("text/markdown", "") for cell in lesson["cells"]
                     for o in cell.get("outputs", []) if "data" in o)
    expected = "you have not written it yet" if lang == "en" else "du hast sie noch nicht geschrieben"
    assert text.count(expected) == len(ml.workbook.FUNCTIONS)


def test_lesson_05c_puts_the_learners_own_backward_to_the_gradient_check(tmp_path):
    """05b answered (its backward saved), then 05c: the gradient check compares *their* backward with the
    numerical gradients, and the table says whose it is."""
    workbook = tmp_path / "workbook"
    answered = tmp_path / "05b_backprop.ipynb"
    answered.write_text((LESSONS / "en" / "05b_backprop.ipynb").read_text(encoding="utf-8")
                        .replace("save=False", "save=True"), encoding="utf-8")
    execute(answered, workbook=workbook)
    lesson = execute(LESSONS / "en" / "05c_gradient_check.ipynb", workbook=workbook)
    cell = next(cell for cell in lesson["cells"] if "ml.workbook.mine" in "".join(cell["source"]))
    shown = "\n".join(o.get("text", "") + o.get("data", {}).get("text/markdown", "") for o in cell["outputs"])
    assert "| `backward` | yours ✓ |" in shown, shown
    errors = [float(line.split()[1]) for line in shown.splitlines() if line[:2] in ("W1", "b1", "W2", "b2")]
    assert len(errors) == 4 and max(errors) < 1e-6, shown
