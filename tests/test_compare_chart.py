"""The multi-run comparison chart: a colour per run, validation curves, the best epoch marked, en and de."""

import numpy as np
import pytest

import mnistlab as ml
from mnistlab.compare_chart import MAX_RUNS, compare_runs


@pytest.fixture(scope="module")
def runs():
    rng = np.random.default_rng(0)
    X, y = rng.random((784, 60)), rng.integers(0, 10, 60)
    Xv, yv = rng.random((784, 30)), rng.integers(0, 10, 30)
    found = {}
    for name, kwargs in (("SGD", {"learning_rate": 0.5}),
                         ("Adam", {"learning_rate": 0.01, "optimizer": "adam", "early_stopping": 2})):
        P = ml.init_params([784, 16, 10], rng=np.random.default_rng(1), dtype=np.float64)
        found[name] = ml.train(P, X, y, n_epochs=12, X_val=Xv, y_val=yv, **kwargs)
    return found


def test_each_run_draws_its_validation_loss_and_accuracy_in_its_own_colour(runs):
    fig = compare_runs(runs, lang="en", train=True)
    lines = [tr for tr in fig.data if tr.mode == "lines"]
    assert len(lines) == 3 * len(runs)  # validation loss, training loss (dotted), validation accuracy
    for name, history in runs.items():
        mine = [tr for tr in lines if tr.legendgroup == name]
        assert len({tr.line.color for tr in mine}) == 1
        val_loss = next(tr for tr in mine if tr.name == name and tr.yaxis == "y")
        np.testing.assert_allclose(val_loss.y, history.val_loss)
        accuracy = next(tr for tr in mine if tr.yaxis == "y2")
        np.testing.assert_allclose(accuracy.y, 100 * np.array(history.val_accuracy))
        dotted = next(tr for tr in mine if tr.line.dash == "dot")
        np.testing.assert_allclose(dotted.y, history.loss)
    colours = {tr.line.color for tr in lines}
    assert len(colours) == len(runs)


def test_a_run_that_stopped_early_marks_the_epoch_it_kept(runs):
    adam = runs["Adam"]
    assert adam.best_epoch is not None
    stars = [tr for tr in compare_runs(runs, lang="en").data if tr.mode == "markers"]
    assert len(stars) == 1 and list(stars[0].x) == [adam.best_epoch]
    assert stars[0].y[0] == pytest.approx(min(adam.val_loss))


def test_the_chart_speaks_the_lessons_language(runs):
    de = compare_runs(runs, lang="de").to_dict()["layout"]
    en = compare_runs(runs, lang="en").to_dict()["layout"]
    titles = [a["text"] for a in de["annotations"]]
    assert "Verlust auf den Validierungsdaten" in titles and de["separators"] == ",."
    assert de["xaxis2"]["title"]["text"] == "Epoche" and en["xaxis2"]["title"]["text"] == "epoch"


def test_bad_input_gets_a_clear_error(runs):
    with pytest.raises(ValueError, match="dict"):
        compare_runs([runs["SGD"]], lang="en")
    with pytest.raises(ValueError, match="no validation curve"):
        compare_runs({"plain": ml.History(epoch=[0], loss=[2.3])}, lang="en")
    with pytest.raises(ValueError, match=f"at most {MAX_RUNS}"):
        compare_runs({str(i): runs["SGD"] for i in range(MAX_RUNS + 1)}, lang="en")


def test_the_loss_can_go_on_a_log_axis_and_the_accuracy_stays_linear(runs):
    fig = compare_runs(runs, lang="de", train=True, log_y=True)
    assert fig.layout.yaxis.type == "log" and fig.layout.yaxis2.type != "log"
    assert compare_runs(runs, lang="de").layout.yaxis.type != "log"
