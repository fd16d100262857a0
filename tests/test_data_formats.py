"""File formats (mnistlab.idx): read_idx, read_csv - a clear error for every kind of broken input; check_X."""

import gzip
import re

import numpy as np
import pytest

import mnistlab as ml

pytestmark = pytest.mark.usefixtures("isolated_data")


def tree(folder):
    """Every file and folder under `folder` - to show that a failed read wrote nothing."""
    return sorted(p.relative_to(folder) for p in folder.rglob("*"))


@pytest.mark.parametrize("gz", [True, False])
def test_read_idx_round_trips_images_and_labels(tmp_path, make_idx, digits, gz):
    images, labels = digits
    for name, array in (("images", images), ("labels", labels)):
        data = make_idx(array)
        (tmp_path / name).write_bytes(gzip.compress(data) if gz else data)
        back = ml.read_idx(tmp_path / name)
        assert back.dtype == np.uint8 and back.shape == array.shape
        np.testing.assert_array_equal(back, array)


def test_read_idx_recognises_gzip_by_content_not_by_name(tmp_path, make_idx, digits):
    labels = digits[1]
    (tmp_path / "plain.gz").write_bytes(make_idx(labels))  # not compressed despite the name
    (tmp_path / "packed-idx1-ubyte").write_bytes(gzip.compress(make_idx(labels)))  # compressed, no .gz
    np.testing.assert_array_equal(ml.read_idx(tmp_path / "plain.gz"), labels)
    np.testing.assert_array_equal(ml.read_idx(tmp_path / "packed-idx1-ubyte"), labels)


def test_truncated_gzip_is_a_data_error_that_says_to_download_again(tmp_path, make_idx, digits):
    packed = gzip.compress(make_idx(digits[0]))
    (tmp_path / "cut.gz").write_bytes(packed[: len(packed) // 2])
    with pytest.raises(ml.DataError, match="truncated or damaged.*download it again"):
        ml.read_idx(tmp_path / "cut.gz")


def test_wrong_magic_number_names_the_expected_ones(tmp_path, make_idx, digits):
    data = bytearray(make_idx(digits[1]))
    data[2:4] = b"\x08\x02"  # magic 2050
    (tmp_path / "bad").write_bytes(bytes(data))
    with pytest.raises(ml.DataError, match="expected magic number 2051 .*2049 .*got 2050"):
        ml.read_idx(tmp_path / "bad")


def test_little_endian_header_gets_a_hint(tmp_path, make_idx, digits):
    data = bytearray(make_idx(digits[1]))
    data[:4] = data[:4][::-1]
    (tmp_path / "swapped").write_bytes(bytes(data))
    with pytest.raises(ml.DataError, match="byte-swapped"):
        ml.read_idx(tmp_path / "swapped")


def test_html_page_saved_under_an_idx_name_is_recognised(tmp_path):
    (tmp_path / "t10k-labels-idx1-ubyte").write_bytes(b"<html><body>403 Forbidden</body></html>")
    with pytest.raises(ml.DataError, match="HTML page"):
        ml.read_idx(tmp_path / "t10k-labels-idx1-ubyte")


@pytest.mark.parametrize("change", [-1, +1])
def test_header_and_file_size_must_agree(tmp_path, make_idx, digits, change):
    data = make_idx(digits[0])
    data = data[:change] if change < 0 else data + b"\x00"
    (tmp_path / "img").write_bytes(data)
    with pytest.raises(ml.DataError, match="header announces 30 images"):
        ml.read_idx(tmp_path / "img")


def test_images_must_be_28_by_28(tmp_path, make_idx):
    (tmp_path / "img").write_bytes(make_idx(np.zeros((2, 28, 27), np.uint8)))
    with pytest.raises(ml.DataError, match="28 x 27 pixels"):
        ml.read_idx(tmp_path / "img")


def test_labels_above_9_are_rejected_with_their_position(tmp_path, make_idx):
    (tmp_path / "lab").write_bytes(make_idx(np.array([3, 9, 10, 1])))
    with pytest.raises(ml.DataError, match="label 10 at position 2"):
        ml.read_idx(tmp_path / "lab")


def test_empty_or_missing_idx_file_is_a_data_error(tmp_path):
    (tmp_path / "empty").write_bytes(b"")
    with pytest.raises(ml.DataError, match="0 bytes"):
        ml.read_idx(tmp_path / "empty")
    with pytest.raises(ml.DataError, match="missing: no such file. Check the path"):
        ml.read_idx(tmp_path / "missing")


@pytest.mark.parametrize("read", [ml.read_idx, ml.read_csv], ids=["read_idx", "read_csv"])
@pytest.mark.parametrize(("path", "error"), [(None, TypeError), (123, TypeError), ("", ValueError)])
def test_a_path_that_is_not_a_name_is_a_clear_error(read, path, error):
    with pytest.raises(error, match=f"^ml.{read.__name__}: path (must be a name|is empty)"):
        read(path)


@pytest.mark.parametrize("read", [ml.read_idx, ml.read_csv], ids=["read_idx", "read_csv"])
def test_a_folder_instead_of_a_file_says_what_it_holds(tmp_path, read):
    (tmp_path / "train-labels-idx1-ubyte.gz").write_bytes(b"")
    expected = f"is a folder, but ml.{read.__name__} reads one file: pass a file in it (the folder holds: " \
               "train-labels-idx1-ubyte.gz)"
    with pytest.raises(ml.DataError, match=re.escape(expected)):
        read(tmp_path)


def csv_text(pixels, labels=None, header=True):
    rows = pixels.reshape(len(pixels), 784).tolist()
    if labels is not None:
        rows = [[int(label), *row] for label, row in zip(labels, rows, strict=True)]
    lines = [",".join(map(str, row)) for row in rows]
    if header:
        names = (["label"] if labels is not None else []) + [f"pixel{i}" for i in range(784)]
        lines.insert(0, ",".join(names))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("header", [True, False])
def test_read_csv_reads_the_label_first_layout(tmp_path, digits, header):
    images, labels = digits
    (tmp_path / "train.csv").write_text(csv_text(images, labels, header))
    X, y = ml.read_csv(tmp_path / "train.csv")
    assert X.dtype == np.float32 and X.shape == (784, 30)
    assert y.dtype == np.int64 and y.shape == (30,)
    np.testing.assert_array_equal(y, labels)
    np.testing.assert_allclose(X[:, 7], images[7].reshape(784) / 255)  # column 7 is image 7, row by row


def test_read_csv_reads_gzip_files(tmp_path, digits):
    images, labels = digits
    (tmp_path / "train.csv.gz").write_bytes(gzip.compress(csv_text(images, labels).encode()))
    X, y = ml.read_csv(tmp_path / "train.csv.gz")
    np.testing.assert_array_equal(y, labels)
    assert X.max() <= 1 and X.min() >= 0


def test_kaggle_test_csv_without_labels_gives_y_none(tmp_path, digits):
    (tmp_path / "test.csv").write_text(csv_text(digits[0]))
    X, y = ml.read_csv(tmp_path / "test.csv")
    assert y is None and X.shape == (784, 30)


def test_csv_with_a_short_line_names_that_line(tmp_path, digits):
    lines = csv_text(*digits).splitlines()
    lines[5] = lines[5].rsplit(",", 1)[0]  # file line 6 loses its last pixel
    (tmp_path / "bad.csv").write_text("\n".join(lines))
    with pytest.raises(ml.DataError, match="line 6: 784 columns, but the first line of data has 785"):
        ml.read_csv(tmp_path / "bad.csv")


def test_csv_with_the_wrong_width_says_what_is_expected(tmp_path):
    (tmp_path / "narrow.csv").write_text("1,2,3\n4,5,6\n")
    with pytest.raises(ml.DataError, match="line 1: 3 columns; expected 785"):
        ml.read_csv(tmp_path / "narrow.csv")


def test_csv_with_a_non_numeric_cell_names_line_and_column(tmp_path, digits):
    lines = csv_text(*digits).splitlines()
    cells = lines[3].split(",")
    cells[11] = "x7"
    lines[3] = ",".join(cells)
    (tmp_path / "bad.csv").write_text("\n".join(lines))
    with pytest.raises(ml.DataError, match=r"line 4, column 12 \(pixel 10\): 'x7' is not a number"):
        ml.read_csv(tmp_path / "bad.csv")


@pytest.mark.parametrize(("column", "value", "where"), [(0, "12", "label"), (5, "256", "pixel 4"),
                                                          (5, "-1", "pixel 4"), (5, "0.5", "pixel 4")])
def test_csv_values_outside_their_range_are_rejected(tmp_path, digits, column, value, where):
    lines = csv_text(*digits, header=False).splitlines()
    cells = lines[2].split(",")
    cells[column] = value
    lines[2] = ",".join(cells)
    (tmp_path / "bad.csv").write_text("\n".join(lines))
    with pytest.raises(ml.DataError, match=rf"line 3, column {column + 1} \({where}\): value {value}"):
        ml.read_csv(tmp_path / "bad.csv")


@pytest.mark.parametrize("content", ["", "\n\n", "label," + ",".join(f"pixel{i}" for i in range(784))])
def test_empty_csv_is_a_data_error(tmp_path, content):
    (tmp_path / "empty.csv").write_text(content)
    with pytest.raises(ml.DataError, match="empty|only a header"):
        ml.read_csv(tmp_path / "empty.csv")


def test_a_binary_file_is_not_read_as_csv(tmp_path, make_idx, digits):
    (tmp_path / "noise.csv").write_bytes(np.random.default_rng(0).integers(0, 256, 3000, np.uint8).tobytes())
    (tmp_path / "labels.csv").write_bytes(make_idx(digits[1]))  # an IDX file whose bytes are all ASCII
    with pytest.raises(ml.DataError, match="noise.csv: a binary file, not CSV text; read_csv reads text"):
        ml.read_csv(tmp_path / "noise.csv")
    with pytest.raises(ml.DataError, match="labels.csv: a binary file, not CSV text; it is an IDX file: read "
                                           "it with ml.read_idx"):
        ml.read_csv(tmp_path / "labels.csv")


def test_failed_reads_write_nothing(tmp_path, isolated_data, make_idx, digits):
    (tmp_path / "cut.gz").write_bytes(gzip.compress(make_idx(digits[0]))[:100])
    (tmp_path / "bad.csv").write_text("1,2\n")
    before = tree(tmp_path)
    for read, name in ((ml.read_idx, "cut.gz"), (ml.read_csv, "bad.csv")):
        with pytest.raises(ml.DataError):
            read(tmp_path / name)
    with pytest.raises(ml.DataError):
        ml.load_mnist(path=tmp_path / "bad.csv")
    assert tree(tmp_path) == before and not isolated_data.exists()


def test_check_X_accepts_mnistlab_format_and_returns_it_unchanged():
    X = np.full((784, 3), 0.5, dtype=np.float32)
    assert ml.check_X(X) is X


@pytest.mark.parametrize(("X", "advice"), [
    (np.zeros((5, 784), np.float32), r"\(m, 784\); mnistlab uses one column per image: pass X.T"),
    (np.zeros((5, 28, 28), np.uint8), r"X.reshape\(len\(X\), 784\).T / 255"),
    (np.zeros(784, np.float32), r"X.reshape\(784, 1\)"),
    (np.zeros((784, 5), np.uint8), "dtype uint8.*X / 255"),
    (np.full((784, 5), 255.0), "from 255 to 255.*X / 255"),
    (np.zeros((100, 5)), r"shape \(100, 5\); expected \(784, m\)"),
])
def test_check_X_says_how_to_fix_wrong_input(X, advice):
    with pytest.raises(ml.DataError, match=advice):
        ml.check_X(X)


def test_data_error_is_a_value_error():
    assert issubclass(ml.DataError, ValueError)


def test_csv_whole_numbers_written_as_floats_are_accepted(tmp_path, digits):
    images, labels = digits
    rows = [",".join(f"{v}.0" for v in [label, *image.reshape(784)])
            for image, label in zip(images, labels, strict=True)]
    (tmp_path / "floats.csv").write_text("\n".join(rows))
    X, y = ml.read_csv(tmp_path / "floats.csv")
    np.testing.assert_array_equal(y, labels)
    np.testing.assert_allclose(X, images.reshape(30, 784).T / 255, rtol=1e-6)
