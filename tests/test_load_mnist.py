"""load_mnist: one format for every source (path, CSV, cache, sample), balanced subsets, visible sources."""

import gzip
import hashlib
import os
import re
from pathlib import Path

import numpy as np
import pytest

import mnistlab as ml
from mnistlab import data

pytestmark = pytest.mark.usefixtures("isolated_data")

# Real MNIST files for one more check, on machines that have them: MNISTLAB_TEST_MNIST10K=<folder> (the four
# IDX files of a 10,000-image MNIST subset: the first 10,000 training images and the official test set).
# Without the variable, the sibling folder ../shared/data/mnist-10k is used if it exists.
SIBLING_MNIST10K = Path(__file__).resolve().parents[2] / "shared/data/mnist-10k"
MNIST10K = Path(os.environ.get("MNISTLAB_TEST_MNIST10K") or SIBLING_MNIST10K).expanduser()
MNIST10K_MISSING = (f"optional check with real MNIST files: no folder {MNIST10K}. To run it, set "
                    "MNISTLAB_TEST_MNIST10K to a folder holding train-images-idx3-ubyte.gz, "
                    "train-labels-idx1-ubyte.gz (the first 10,000 MNIST training images), "
                    "t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz (the official test set)")
SAMPLE_SIZES = {("mnist", "train"): 4000, ("mnist", "test"): 1000, ("fashion", "train"): 1500,
                ("fashion", "test"): 500}


def assert_mnistlab_format(X, y, m):
    assert X.dtype == np.float32 and X.shape == (784, m)
    assert X.min() >= 0 and X.max() <= 1
    assert y.dtype == np.int64 and y.shape == (m,)
    assert set(np.unique(y)) <= set(range(10))


@pytest.mark.parametrize(("dataset", "split"), list(SAMPLE_SIZES))
def test_offline_load_uses_the_bundled_sample_in_the_documented_format(dataset, split, capsys):
    X, y = ml.load_mnist(split, dataset=dataset, offline=True)
    m = SAMPLE_SIZES[dataset, split]
    assert_mnistlab_format(X, y, m)
    assert X.max() == 1  # real images: scaled from 0..255, with saturated pixels
    np.testing.assert_array_equal(np.bincount(y), [m // 10] * 10)  # balanced by construction
    notice = capsys.readouterr().out
    assert "from the bundled sample" in notice and f"{m:,} real" in notice and "offline=True" in notice
    source = ml.data_source()
    assert (source.dataset, source.split, source.kind, source.n_images) == (dataset, split, "sample", m)
    assert ml.data_source(split, dataset=dataset) == source


def test_mnistlab_offline_variable_keeps_load_mnist_offline(monkeypatch, capsys):
    monkeypatch.setenv("MNISTLAB_OFFLINE", "1")
    ml.load_mnist("test")
    assert "MNISTLAB_OFFLINE=1" in capsys.readouterr().out
    assert ml.data_source().kind == "sample"


@pytest.mark.parametrize("names", [
    ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
    ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
    ("train-images.idx3-ubyte", "train-labels.idx1-ubyte"),
    ("train-images.idx3-ubyte/train-images.idx3-ubyte", "train-labels.idx1-ubyte/train-labels.idx1-ubyte"),
])
def test_a_folder_of_idx_files_is_read_under_the_usual_names(tmp_path, make_idx, digits, names, capsys):
    images, labels = digits
    for name, array in zip(names, digits, strict=True):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        data_ = make_idx(array)
        (tmp_path / name).write_bytes(gzip.compress(data_) if name.endswith(".gz") else data_)
    X, y = ml.load_mnist(path=tmp_path)
    assert_mnistlab_format(X, y, 30)
    np.testing.assert_array_equal(y, labels)
    np.testing.assert_array_equal(X[:, 3], images[3].reshape(784).astype(np.float32) / 255)
    assert ml.data_source().kind == "path" and str(tmp_path) in capsys.readouterr().out


def test_a_csv_file_gives_the_same_format(tmp_path, digits):
    images, labels = digits
    rows = [",".join(map(str, [label, *image.reshape(784)]))
            for image, label in zip(images, labels, strict=True)]
    (tmp_path / "mnist_train.csv").write_text("\n".join(rows))
    X, y = ml.load_mnist(path=tmp_path / "mnist_train.csv")
    assert_mnistlab_format(X, y, 30)
    np.testing.assert_array_equal(y, labels)


def test_an_unlabeled_csv_cannot_be_loaded_as_a_split(tmp_path, digits):
    rows = [",".join(map(str, image.reshape(784))) for image in digits[0]]
    (tmp_path / "test.csv").write_text("\n".join(rows))
    with pytest.raises(ml.DataError, match="no label column.*read_csv"):
        ml.load_mnist(path=tmp_path / "test.csv")


def test_a_folder_without_the_split_lists_what_it_expected_and_found(tmp_path, write_split, digits):
    write_split(tmp_path, "train", *digits)
    with pytest.raises(ml.DataError, match="no test files. Expected t10k-images-idx3-ubyte.gz.*train-images"):
        ml.load_mnist("test", path=tmp_path)


def test_images_and_labels_of_different_lengths_do_not_pass(tmp_path, write_split, digits):
    write_split(tmp_path, "train", digits[0], digits[1][:20])
    with pytest.raises(ml.DataError, match="30 images but .* 20 labels"):
        ml.load_mnist(path=tmp_path)


def test_cache_is_used_without_network_and_needs_no_official_checksums(isolated_data, write_split, digits,
                                                                      capsys):
    # files re-compressed by someone else have other checksums: the cache checks format and size only
    write_split(isolated_data / "mnist", "t10k", *digits)
    X, y = ml.load_mnist("test")
    assert_mnistlab_format(X, y, 30)
    np.testing.assert_array_equal(y, digits[1])
    assert ml.data_source().kind == "cache" and "from the cache" in capsys.readouterr().out
    assert ml.data_source(probe=True, split="test").kind == "cache"
    assert ml.data_source(probe=True, split="train").kind == "sample"  # train is not in the cache


def test_a_damaged_cache_file_falls_back_to_the_sample_and_says_why(isolated_data, write_split, digits):
    folder = write_split(isolated_data / "mnist", "train", *digits)
    packed = (folder / "train-images-idx3-ubyte.gz").read_bytes()
    (folder / "train-images-idx3-ubyte.gz").write_bytes(packed[:-50])
    X, y = ml.load_mnist(offline=True)
    source = ml.data_source()
    assert source.kind == "sample" and "cache unusable" in source.reason and X.shape == (784, 4000)


def test_cache_dir_follows_mnistlab_data(isolated_data):
    assert ml.cache_dir() == isolated_data


def test_n_takes_a_class_balanced_subset_in_file_order(tmp_path, write_split, digits):
    write_split(tmp_path, "train", *digits)  # 3 images per class
    X, y = ml.load_mnist(path=tmp_path, n=25)
    np.testing.assert_array_equal(np.bincount(y, minlength=10), [3, 3, 3, 3, 3, 2, 2, 2, 2, 2])
    # expected: per class the first images in file order, and the file order kept
    labels = digits[1]
    rank = np.array([np.count_nonzero(labels[:i] == labels[i]) for i in range(30)])
    keep = np.flatnonzero((rank < 2) | ((rank == 2) & (labels < 5)))
    np.testing.assert_array_equal(y, labels[keep])
    np.testing.assert_array_equal(X, ml.load_mnist(path=tmp_path)[0][:, keep])


def test_n_subsets_are_repeatable_and_nested():
    y_small = ml.load_mnist(offline=True, n=200)[1]
    y_again = ml.load_mnist(offline=True, n=200)[1]
    X_big, y_big = ml.load_mnist(offline=True, n=1000)
    np.testing.assert_array_equal(y_small, y_again)
    np.testing.assert_array_equal(np.bincount(y_big), [100] * 10)
    assert len(y_small) == 200 and len(y_big) == 1000


def test_n_fills_up_from_other_classes_when_one_runs_out(tmp_path, write_split, digits):
    images, labels = digits
    keep = labels != 0  # no zeros at all
    write_split(tmp_path, "train", images[keep], labels[keep])
    y = ml.load_mnist(path=tmp_path, n=20)[1]
    assert len(y) == 20 and 0 not in y


def test_n_larger_than_the_source_gives_everything_and_says_so(capsys):
    X, y = ml.load_mnist("test", offline=True, n=50_000)
    assert X.shape == (784, 1000)
    assert "1,000 real digits" in capsys.readouterr().out
    X, y = ml.load_mnist("test", offline=True, n=10)
    assert "10 of 1,000 real digits" in capsys.readouterr().out


@pytest.mark.parametrize(("kwargs", "error", "message"), [
    ({"split": "validation"}, ValueError, "split must be one of 'train', 'test'; got 'validation'"),
    ({"split": None}, ValueError, "split must be one of 'train', 'test'; got None"),
    ({"split": ["train"]}, ValueError, r"split must be one of 'train', 'test'; got \['train'\]"),
    ({"dataset": "emnist"}, ValueError, "dataset must be one of 'mnist', 'fashion'; got 'emnist'"),
    ({"n": 0}, ml.DataError, "n must be a whole number of images >= 1, like n=1000.*; got 0"),
    ({"n": -5}, ml.DataError, "n must be a whole number.*; got -5"),
    ({"n": 2.5}, ml.DataError, "n must be a whole number.*; got 2.5"),
    ({"n": "100"}, ml.DataError, "n must be a whole number.*; got '100'"),
    ({"n": True}, ml.DataError, "n must be a whole number.*; got True"),
    ({"offline": "yes"}, ValueError, "offline must be one of None, True, False; got 'yes'"),
    ({"path": 123}, TypeError, r"path must be a name like 'data/mnist' \(a str or pathlib.Path\); got int"),
    ({"path": ""}, ValueError, "path is empty: pass a name like 'data/mnist'"),
])
def test_bad_arguments_to_load_mnist_name_the_problem_and_the_valid_values(kwargs, error, message):
    with pytest.raises(error, match=f"^ml.load_mnist: {message}"):
        ml.load_mnist(**{"offline": True, **kwargs})


def test_a_missing_path_is_a_clear_error(tmp_path):
    with pytest.raises(ml.DataError, match="nowhere: no such file or folder. Check the path"):
        ml.load_mnist(path=tmp_path / "nowhere")


@pytest.mark.parametrize("content", [[], ["readme.txt", "digits.png"]])
def test_a_folder_without_idx_files_lists_what_it_holds_and_how_to_get_them(tmp_path, content):
    for name in content:
        (tmp_path / name).write_text("x")
    holds = ", ".join(sorted(content)) or "nothing"
    with pytest.raises(ml.DataError, match=f"no train files.*folder holds: {holds}.*mnistlab download --dir"):
        ml.load_mnist(path=tmp_path)


def test_a_file_that_is_neither_a_folder_nor_csv_asks_for_its_folder(tmp_path, make_idx, digits):
    (tmp_path / "train-labels-idx1-ubyte").write_bytes(make_idx(digits[1]))
    expected = f"pass the folder holding the IDX files (path={str(tmp_path)!r})"
    with pytest.raises(ml.DataError, match=re.escape(expected)):
        ml.load_mnist(path=tmp_path / "train-labels-idx1-ubyte")


@pytest.mark.parametrize(("call", "error", "message"), [
    (lambda: ml.data_source("validation"), ValueError, "^ml.data_source: split must be one of"),
    (lambda: ml.data_source(dataset="digits", probe=True), ValueError, "^ml.data_source: dataset must be"),
    (lambda: ml.download(dataset="digits"), ValueError, "^ml.download: dataset must be one of 'mnist', 'f"),
    (lambda: ml.download(timeout=0), ValueError, "^ml.download: timeout must be a number of seconds > 0"),
    (lambda: ml.download(mirrors="http://x/"), TypeError, "^ml.download: mirrors must be a list of base URL"),
    (lambda: ml.download(mirrors=[]), ValueError, "^ml.download: mirrors must be a non-empty list"),
    (lambda: ml.download(mirrors=["ftp://x/"]), ValueError, "^ml.download: mirrors must be a non-empty list"),
    (lambda: ml.download(path=123), TypeError, "^ml.download: path must be a name like 'data/mnist'"),
])
def test_bad_arguments_to_data_source_and_download_name_the_problem(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_download_into_a_file_says_it_needs_a_folder(tmp_path):
    (tmp_path / "afile").write_text("x")
    with pytest.raises(ml.DataError, match="afile is a file; the four files need a folder"):
        ml.download(path=tmp_path / "afile")


def test_mnistlab_data_naming_a_file_is_a_clear_error_and_load_mnist_falls_back_to_the_sample(
        tmp_path, monkeypatch, capsys):
    (tmp_path / "afile").write_text("x")
    monkeypatch.setenv("MNISTLAB_DATA", str(tmp_path / "afile"))
    with pytest.raises(ml.DataError, match="MNISTLAB_DATA=.*afile names a file, but it must name a folder"):
        ml.cache_dir()
    with pytest.raises(ml.DataError, match="names a file"):
        ml.download(progress=False)
    X, y = ml.load_mnist("test")
    assert ml.data_source().kind == "sample" and "cache unusable: MNISTLAB_DATA=" in capsys.readouterr().out


def test_data_source_is_none_for_a_split_never_loaded():
    assert ml.data_source() is None and ml.data_source("test", dataset="fashion") is None


def test_sample_files_are_small_and_listed_with_their_checksums_in_the_sample_readme():
    files = sorted(data.SAMPLE_DIR.glob("*/*.gz"))
    assert len(files) == 8 and sum(f.stat().st_size for f in files) <= 2_000_000
    readme = (data.SAMPLE_DIR / "README.md").read_text()
    for f in files:
        assert hashlib.sha256(f.read_bytes()).hexdigest() in readme, f"{f.name}: checksum not in README"


@pytest.mark.skipif(not MNIST10K.is_dir(), reason=MNIST10K_MISSING)
def test_real_mnist_10k_files_load_with_their_documented_label_counts():
    X, y = ml.load_mnist("test", path=MNIST10K)
    assert_mnistlab_format(X, y, 10_000)
    np.testing.assert_array_equal(np.bincount(y), [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009])
    X, y = ml.load_mnist("train", path=MNIST10K)
    np.testing.assert_array_equal(np.bincount(y), [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978])
