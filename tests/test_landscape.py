"""The loss surface: gradient descent on a quadratic valley, the 2/curvature limit, 2-D slices of a network's
loss with the training path, and their figures and explorer in both languages."""

import time

import numpy as np
import pytest

import mnistlab as ml
from mnistlab import landscape
from mnistlab.landscape_chart import loss_slice_figure, valley_explorer, valley_paths, valley_race, verdict


@pytest.mark.parametrize("alpha, expected", [(0.1, "converges"), (0.19, "converges"), (0.2, "oscillates"),
                                             (0.21, "diverges")])
def test_the_limit_is_two_over_the_largest_curvature(alpha, expected):
    curvatures = (1.0, 10.0)
    assert landscape.stable_limit(curvatures) == pytest.approx(0.2)
    path = landscape.quadratic_path(curvatures, alpha, (1.0, 1.0), 400)
    last = np.abs(path[-1])
    if expected == "converges":
        assert last.max() < 1e-3
    elif expected == "oscillates":
        assert last[1] == pytest.approx(1.0) and path[-2][1] == pytest.approx(-1.0)  # the steep axis flips
    else:
        assert last[1] > 1e6
    assert expected.split()[0][:6] in verdict(curvatures, alpha, "en")


def test_the_path_is_gradient_descent_step_by_step():
    curvatures, alpha = np.array([2.0, 0.5]), 0.3
    w, points = np.array([1.0, -2.0]), []
    for _ in range(6):
        points.append(w.copy())
        w = w - alpha * curvatures * w  # the gradient of sum(l w^2 / 2) is l w
    points.append(w)
    np.testing.assert_allclose(landscape.quadratic_path(curvatures, alpha, (1.0, -2.0), 6), points)


@pytest.fixture(scope="module")
def trained():
    rng = np.random.default_rng(0)
    X, y = rng.random((784, 300)).astype(np.float32), rng.integers(0, 10, 300)
    P = ml.init_params([784, 24, 10], rng=np.random.default_rng(1))
    path = []
    ml.train(P, X, y, n_epochs=6, learning_rate=0.3,
             callback=lambda epoch, h: path.append({k: v.copy() for k, v in P.items()}))
    return P, X, y, path


def test_a_slice_matches_the_loss_of_the_moved_network(trained):
    P, X, y, path = trained
    s = landscape.loss_slice(P, X, y, rng=np.random.default_rng(3), n=5, path=path)
    assert s["center"] == pytest.approx(ml.cross_entropy(ml.predict_proba(P, X), y), rel=1e-5)
    d1, d2 = s["directions"]
    i, j = 4, 1  # a = a[4], b = b[1]
    moved = {k: (v + s["a"][i] * d1[k] + s["b"][j] * d2[k]).astype(np.float64) for k, v in P.items()}
    assert s["loss"][j, i] == pytest.approx(ml.cross_entropy(ml.predict_proba(moved, X), y), rel=1e-6)
    for k in P:  # filter normalisation: each row of a direction is as long as that row of the weights
        if k.startswith("W"):
            np.testing.assert_allclose(np.linalg.norm(d1[k], axis=1), np.linalg.norm(P[k], axis=1), rtol=1e-6)
        else:
            assert not d1[k].any()
    assert s["path_loss"][-1] == pytest.approx(s["center"], rel=1e-6)


def test_random_directions_miss_the_path_and_its_own_directions_hold_it(trained):
    P, X, y, path = trained
    random = landscape.loss_slice(P, X, y, rng=np.random.default_rng(3), n=3, path=path)
    own = landscape.loss_slice(P, X, y, directions="path", n=3, path=path)
    assert random["path_share"] < 0.1 < 0.9 < own["path_share"] <= 1 + 1e-9
    assert np.abs(own["path"][0]).max() <= np.abs(own["a"]).max()  # the grid spans the path


def test_bad_slices_get_clear_errors(trained):
    P, X, y, path = trained
    with pytest.raises(ValueError, match="at least 3"):
        landscape.loss_slice(P, X, y, directions="path", path=path[:2])
    with pytest.raises(TypeError, match="random generator"):
        landscape.loss_slice(P, X, y)
    with pytest.raises(ValueError, match="'random' or 'path'"):
        landscape.loss_slice(P, X, y, directions="pca", path=path)
    with pytest.raises(ValueError, match="curvatures"):
        landscape.quadratic_path([1.0, -1.0], 0.1, [1.0, 1.0], 3)


def test_the_valley_figure_draws_one_path_per_learning_rate_in_the_lessons_language():
    fig = valley_paths((1, 10), [0.05, 0.19, 0.21], lang="de")
    paths = [tr for tr in fig.data if tr.type == "scatter"]
    assert len(paths) == 3
    np.testing.assert_allclose(paths[0].x, landscape.quadratic_path((1, 10), 0.05, (-2.5, 1.2), 25)[:, 0])
    assert len(paths[2].x) < 26  # the diverging path is cut where it leaves the view
    texts = [a.text for a in fig.layout.annotations]  # each small chart's title: its rate and its fate
    assert texts == ["α = 0,05: konvergiert", "α = 0,19: konvergiert", "α = 0,21: divergiert"]
    assert fig.layout.separators == ",."


def test_the_race_figure_draws_each_given_path_in_its_own_panel_and_cuts_one_that_leaves():
    steady = landscape.quadratic_path((0.1, 10), 0.1, (-2.5, 1.2), 30)
    exploding = landscape.quadratic_path((0.1, 10), 0.25, (-2.5, 1.2), 30)
    fig = valley_race((0.1, 10), {"SGD": steady, "zu groß": exploding}, lang="de")
    paths = [tr for tr in fig.data if tr.type == "scatter"]
    assert [tr.name for tr in paths] == ["SGD", "zu groß"]
    np.testing.assert_allclose(paths[0].x, steady[:, 0])
    assert len(paths[1].x) < 31
    assert [a.text for a in fig.layout.annotations] == ["SGD", "zu groß"]
    assert fig.layout.title.text == "je 30 Schritte · Krümmungen 0,1 und 10"
    with pytest.raises(ValueError, match="shape"):
        valley_race((0.1, 10), {"flat": steady[:, 0]}, lang="en")


def test_the_explorer_redraws_the_path_fast_and_says_what_happens():
    box = valley_explorer((1, 10), lang="en")
    box.slider.value = 0.25
    assert "diverges" in box.status.value
    start = time.perf_counter()
    box.slider.value = 0.12
    seconds = time.perf_counter() - start
    assert "converges" in box.status.value
    np.testing.assert_allclose(box.figure.data[1].x,
                               landscape.quadratic_path((1, 10), 0.12, (-2.5, 1.2), 25)[:, 0])
    print(f"one redraw: {seconds * 1000:.1f} ms")  # the lesson's budget is 100 ms; benchmarks measure it


def test_the_slice_figure_shows_contours_the_path_and_the_trained_network(trained):
    P, X, y, path = trained
    s = landscape.loss_slice(P, X, y, directions="path", n=5, path=path)
    fig = loss_slice_figure(s, lang="de")
    kinds = [tr.type for tr in fig.data]
    assert kinds == ["contour", "scatter", "scatter"]
    np.testing.assert_allclose(fig.data[1].x, s["path"][:, 0])
    assert fig.data[2].name == "trainiertes Netz"
    epochs = [0, 2, 4, 6, 8, 10, 12]  # 7 points: the start (epoch 0) and 6 epochs
    labels = list(loss_slice_figure(s, lang="en", epochs=epochs).data[1].text)
    assert labels == ["0", "2", "4", "6", "8", "10", "12"]
    with pytest.raises(ValueError, match="epochs"):
        loss_slice_figure(s, lang="en", epochs=[1, 2])
