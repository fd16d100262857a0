import json
import pickle
import zipfile

import numpy as np
import pytest

import mnistlab as ml
from mnistlab import model_file


def trained(sizes=(784, 16, 10), seed=0):
    return ml.init_params(list(sizes), rng=np.random.default_rng(seed))


def test_save_then_load_gives_the_same_arrays_and_meta(tmp_path):
    params = trained((784, 32, 16, 10))
    path = ml.save_model(tmp_path / "model.npz", params, {"activation": "sigmoid", "epochs": 3})
    loaded, meta = ml.load_model(path)
    assert list(loaded) == list(params)
    for name in params:
        np.testing.assert_array_equal(loaded[name], params[name])
        assert loaded[name].dtype == params[name].dtype
    assert meta["activation"] == "sigmoid" and meta["epochs"] == 3
    assert meta["layer_sizes"] == [784, 32, 16, 10]
    assert meta["mnistlab_version"] == ml.__version__
    X = np.random.default_rng(1).random((784, 5)).astype(np.float32)
    np.testing.assert_array_equal(ml.predict_proba(loaded, X, activation=meta["activation"]),
                                  ml.predict_proba(params, X, activation="sigmoid"))


def test_a_loaded_model_predicts_with_the_activation_it_was_saved_with_without_retyping_it(tmp_path):
    X, y = np.random.default_rng(1).random((784, 40)).astype(np.float32), np.arange(40) % 10
    params = trained()
    ml.train(params, X, y, learning_rate=0.1, n_epochs=2, activation="sigmoid")
    loaded, meta = ml.load_model(ml.save_model(tmp_path / "m.npz", params))
    assert meta["activation"] == "sigmoid" and loaded.activation == "sigmoid"
    expected = ml.predict_proba(params, X, activation="sigmoid")
    np.testing.assert_array_equal(ml.predict_proba(loaded, X), expected)
    assert not np.allclose(ml.predict_proba(loaded, X), ml.predict_proba(dict(loaded), X))  # relu differs
    with pytest.raises(ValueError, match="trained with 'sigmoid'"):
        ml.predict(loaded, X, activation="relu")


def test_activation_defaults_to_relu_and_an_unknown_one_is_refused(tmp_path):
    _, meta = ml.load_model(ml.save_model(tmp_path / "m.npz", trained()))
    assert meta["activation"] == "relu"
    with pytest.raises(ValueError, match="'relu', 'sigmoid'"):
        ml.save_model(tmp_path / "bad.npz", trained(), {"activation": "tanh"})


def test_save_replaces_a_file_atomically_and_leaves_no_temporary_files(tmp_path, monkeypatch):
    path = tmp_path / "model.npz"
    ml.save_model(path, trained(seed=1))
    old = path.read_bytes()

    def broken_savez(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(np, "savez", broken_savez)
    with pytest.raises(OSError, match="disk full"):
        ml.save_model(path, trained(seed=2))
    assert path.read_bytes() == old  # the old model survived the failed save
    assert [p.name for p in tmp_path.iterdir()] == ["model.npz"]
    monkeypatch.undo()
    ml.save_model(path, trained(seed=2))
    np.testing.assert_array_equal(ml.load_model(path)[0]["W1"], trained(seed=2)["W1"])
    assert [p.name for p in tmp_path.iterdir()] == ["model.npz"]


def test_a_pickled_file_gives_a_clear_error_and_is_never_unpickled(tmp_path):
    path = tmp_path / "model.npz"
    path.write_bytes(pickle.dumps(trained()))
    with pytest.raises(model_file.ModelFileError, match="pickled Python objects.*save_model"):
        ml.load_model(path)


def test_a_pickled_array_inside_an_npz_gives_a_clear_error(tmp_path):
    path = tmp_path / "model.npz"
    header = {"format": "mnistlab-model", "format_version": 1, "layer_sizes": [2, 1], "activation": "relu",
              "meta": {}}
    np.savez(path, __mnistlab__=np.array(json.dumps(header)), W1=np.array([{"a": 1}], dtype=object),
             b1=np.zeros((1, 1)))
    with pytest.raises(ValueError, match="pickled"):
        ml.load_model(path)


def test_a_truncated_file_gives_a_clear_error(tmp_path):
    path = ml.save_model(tmp_path / "model.npz", trained())
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(model_file.ModelFileError, match="damaged or truncated.*save_model"):
        ml.load_model(path)


def test_a_foreign_npz_or_npy_or_text_file_gives_a_clear_error(tmp_path):
    np.savez(tmp_path / "other.npz", weights=np.ones(3))
    with pytest.raises(ValueError, match="not an mnistlab model.*weights"):
        ml.load_model(tmp_path / "other.npz")
    np.save(tmp_path / "single.npy", np.ones(3))
    with pytest.raises(ValueError, match="single NumPy array"):
        ml.load_model(tmp_path / "single.npy")
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(ValueError, match="not an .npz file"):
        ml.load_model(tmp_path / "notes.txt")


def test_arrays_that_do_not_match_the_stored_layer_sizes_are_refused(tmp_path):
    path = ml.save_model(tmp_path / "model.npz", trained())
    with np.load(path) as npz:
        arrays = {name: npz[name] for name in npz.files}
    arrays["W2"] = arrays["W2"][:, :5]  # a file edited by hand
    np.savez(tmp_path / "edited.npz", **arrays)
    with pytest.raises(ValueError, match=r"W2 should be a float array of shape \(10, 16\)"):
        ml.load_model(tmp_path / "edited.npz")


def test_model_file_errors_are_value_errors_of_their_own():
    assert issubclass(ml.ModelFileError, ValueError) and model_file.ModelFileError is ml.ModelFileError
    assert not issubclass(ml.ModelFileError, ml.DataError)


def test_a_missing_file_and_nan_parameters_give_clear_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such model file"):
        ml.load_model(tmp_path / "missing.npz")
    params = trained()
    params["W1"][0, 0] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        ml.save_model(tmp_path / "nan.npz", params)
    assert not (tmp_path / "nan.npz").exists()


def test_the_file_is_a_plain_npz_archive_with_a_json_header(tmp_path):
    path = ml.save_model(tmp_path / "model.npz", trained(), {"note": "hello"})
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == ["W1.npy", "W2.npy", "__mnistlab__.npy", "b1.npy", "b2.npy"]
    with np.load(path, allow_pickle=False) as npz:
        header = json.loads(str(npz["__mnistlab__"]))
    assert header["format"] == "mnistlab-model" and header["meta"]["note"] == "hello"
