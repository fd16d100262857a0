"""MNIST's file formats: IDX (the official files, gzip or raw) and CSV (Kaggle's layout). Reading only.

``read_idx`` returns an array exactly as the file stores it: uint8 images (n, 28, 28) or labels 0..9 (n,).
``read_csv`` and ``as_columns`` return mnistlab's format: X float32 (784, m) in [0, 1], one column per image
(28 x 28 pixels, row by row), y int64 (m,). Every problem with a file is a DataError that says what to do.
Pure NumPy and the standard library; ``mnistlab.data`` builds the loaders on top of this.
"""

import gzip
import os
import zlib
from pathlib import Path

import numpy as np

from .errors import DataError

MAGIC = {2051: "images", 2049: "labels"}  # IDX: 0x0000 08 (unsigned bytes) 03/01 (number of dimensions)
SPLITS = {"train": "train", "test": "t10k"}  # split -> prefix of the official file names


def file_names(split):
    """Official names of the two files of a split, e.g. ('t10k-images-idx3-ubyte.gz', 't10k-labels-...')."""
    prefix = SPLITS[split]
    return f"{prefix}-images-idx3-ubyte.gz", f"{prefix}-labels-idx1-ubyte.gz"


def find_split(folder, split):
    """The (images, labels) files of `split` in `folder`, or None. Accepts the official names, .gz or not,
    and the common 'train-images.idx3-ubyte' spelling (also as a folder holding a file of the same name)."""
    found = []
    for kind, ext in (("images", "idx3"), ("labels", "idx1")):
        stems = [f"{SPLITS[split]}-{kind}-{ext}-ubyte", f"{SPLITS[split]}-{kind}.{ext}-ubyte"]
        names = [stem + gz for stem in stems for gz in (".gz", "")]
        paths = [folder / name for name in names] + [folder / name / name for name in names]
        found.append(next((p for p in paths if p.is_file()), None))
    return None if None in found else tuple(found)


def as_path(path, *, where, example="'train-images-idx3-ubyte.gz'"):
    """Path(path), expanded (~), for a str or os.PathLike; a TypeError or ValueError for anything else."""
    if not isinstance(path, str | os.PathLike):
        raise TypeError(f"{where}: path must be a name like {example} (a str or pathlib.Path); got "
                        f"{type(path).__name__} {path!r}")
    if not str(path).strip():
        raise ValueError(f"{where}: path is empty: pass a name like {example}")
    return Path(path).expanduser()


def _read_bytes(path, where):
    """The content of a file, decompressed if it is gzip (recognised by its first bytes, not its name)."""
    path = as_path(path, where=where)
    if path.is_dir():
        present = ", ".join(sorted(p.name for p in path.iterdir())[:5]) or "nothing"
        raise DataError(f"{path} is a folder, but {where} reads one file: pass a file in it (the folder "
                        f"holds: {present}) - or load the whole folder with ml.load_mnist(path=...)")
    if not path.is_file():
        raise DataError(f"{path}: no such file. Check the path (relative paths start in {Path.cwd()}).")
    try:
        raw = path.read_bytes()
    except OSError as err:  # e.g. no permission to read it
        raise DataError(f"{path}: cannot be read ({err.strerror or err}). Check its permissions.") from None
    if raw[:2] != b"\x1f\x8b":
        return raw
    try:
        return gzip.decompress(raw)
    except (EOFError, OSError, zlib.error) as err:  # EOFError: cut off; BadGzipFile (an OSError): damaged
        raise DataError(f"{path}: the gzip data is truncated or damaged ({err}). "
                        "Delete the file and download it again.") from None


def read_idx(path):
    """Read an MNIST IDX file (gzip or raw): uint8 images of shape (n, 28, 28) or labels 0..9 of shape (n,).

    Checks the magic number (2051 images, 2049 labels), the dimensions and that the file holds exactly as many
    bytes as its header announces; raises DataError otherwise.
    """
    data = _read_bytes(path, "ml.read_idx")
    path = Path(path).expanduser()
    if len(data) < 8:
        raise DataError(f"{path}: {len(data)} bytes, too short for an IDX file. Download it again.")
    magic = int.from_bytes(data[:4], "big")
    if magic not in MAGIC:
        raise DataError(f"{path}: not an MNIST IDX file: expected magic number 2051 (images) or 2049 "
                        f"(labels), got {magic}. {_guess_format(data)}")
    ndim = data[3]
    header = 4 + 4 * ndim
    if len(data) < header:
        raise DataError(f"{path}: the file ends inside its header ({len(data)} bytes). "
                        "Delete it and download it again.")
    shape = tuple(int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim))
    if MAGIC[magic] == "images" and shape[1:] != (28, 28):
        raise DataError(f"{path}: images of {shape[1]} x {shape[2]} pixels; mnistlab needs 28 x 28.")
    expected = int(np.prod(shape))
    if len(data) - header != expected:
        raise DataError(f"{path}: the header announces {shape[0]:,} {MAGIC[magic]} ({expected:,} bytes) but "
                        f"the file holds {len(data) - header:,} bytes after the header: it is truncated or "
                        "corrupt. Delete it and download it again.")
    array = np.frombuffer(data, dtype=np.uint8, offset=header).reshape(shape).copy()
    if MAGIC[magic] == "labels" and array.size and array.max() > 9:
        first = int(np.argmax(array > 9))
        raise DataError(f"{path}: label {array[first]} at position {first}; MNIST labels are 0..9. "
                        "Is this really an MNIST label file?")
    return array


def _guess_format(data):
    """A hint for a file that is not IDX."""
    if data[:4] in (b"\x03\x08\x00\x00", b"\x01\x08\x00\x00"):
        return "The header looks byte-swapped: IDX numbers are big-endian."
    if data.lstrip()[:1] == b"<":
        return "It is an HTML page (a failed download?): delete it and download again."
    if data[:1].isdigit() or data[:5].lower() in (b"label", b"pixel"):
        return "It looks like a CSV file: use ml.read_csv(path) or load_mnist(path='file.csv')."
    return "Check that it is one of the *-idx3-ubyte / *-idx1-ubyte files."


def read_pair(images_path, labels_path):
    """The uint8 images (n, 28, 28) and labels (n,) of one split, checked to belong together."""
    images, labels = read_idx(images_path), read_idx(labels_path)
    if images.ndim != 3 or labels.ndim != 1:
        raise DataError(f"{images_path} / {labels_path}: expected an image file and a label file.")
    if len(images) != len(labels):
        raise DataError(f"{images_path} holds {len(images):,} images but {labels_path} holds {len(labels):,} "
                        "labels: the two files do not belong together.")
    return images, labels


def read_path(path, split):
    """The uint8 images and labels of `split` in a folder of IDX files, or of a labelled CSV file."""
    if path.is_dir():
        files = find_split(path, split)
        if files is None:
            present = ", ".join(sorted(p.name for p in path.iterdir())[:8]) or "nothing"
            raise DataError(f"{path}: no {split} files. Expected {' and '.join(file_names(split))} (or "
                            f"without .gz); the folder holds: {present}. 'python -m mnistlab download --dir "
                            "FOLDER' puts them into a folder; without path=, load_mnist finds data itself.")
        return read_pair(*files)
    if path.is_file() and path.name.lower().endswith((".csv", ".csv.gz", ".txt")):
        images, labels = read_csv_uint8(path)
        if labels is None:
            raise DataError(f"{path} has no label column (784 columns). Use X, _ = ml.read_csv(path) for "
                            "unlabeled images.")
        return images, labels
    if path.is_file():
        raise DataError(f"{path}: pass the folder holding the IDX files (path={str(path.parent)!r}) or a "
                        ".csv file.")
    raise DataError(f"{path}: no such file or folder. Check the path (relative paths start in {Path.cwd()}).")


def count_items(path):
    """Number of images or labels an IDX file announces in its header (reads only the header)."""
    with open(path, "rb") as f:
        gz = f.read(2) == b"\x1f\x8b"
    with (gzip.open(path) if gz else open(path, "rb")) as f:
        header = f.read(8)
    if len(header) < 8 or int.from_bytes(header[:4], "big") not in MAGIC:
        raise DataError(f"{path}: not an MNIST IDX file.")
    return int.from_bytes(header[4:8], "big")


def as_columns(pixels):
    """uint8 images (m, 28, 28) or (m, 784) -> float32 (784, m) in [0, 1], one column per image."""
    X = pixels.reshape(len(pixels), 784).T.astype(np.float32)  # the transpose is a view; astype copies once
    X /= 255
    return X


# ----------------------------------------------------------------------------------------------------- CSV


def read_csv(path):
    """Read digits from a CSV file (gzip or plain): ``(X, y)`` in the mnistlab format.

    Layout of Kaggle's train.csv and the common ``mnist_train.csv``: one image per line, the label first,
    then 784 pixel values 0..255, an optional header line. Kaggle's unlabeled test.csv (784 columns) gives
    ``y = None``. Raises DataError with the line and column of the first bad cell.
    """
    pixels, labels = read_csv_uint8(path)
    return as_columns(pixels), (None if labels is None else labels.astype(np.int64))


def read_csv_uint8(path, block=2_000):
    """CSV -> uint8 pixels (m, 784) and uint8 labels (m,) or None, validated block by block."""
    rows, first_line = _csv_rows(path)
    width = rows[0].count(",") + 1
    if width not in (785, 784):
        raise DataError(f"{path}, line {first_line}: {width} columns; expected 785 (label, then 784 pixels) "
                        "or 784 (pixels only, no labels).")
    limit = np.full(width, 255.0)
    if width == 785:
        limit[0] = 9.0  # the label column
    blocks = []
    for start in range(0, len(rows), block):
        chunk = rows[start:start + block]
        try:  # whole numbers parse twice as fast as floats; "12.0" takes the slower way
            values = np.loadtxt(chunk, delimiter=",", dtype=np.int64, ndmin=2, comments=None)
        except ValueError:
            try:
                values = np.loadtxt(chunk, delimiter=",", dtype=np.float64, ndmin=2, comments=None)
            except ValueError:
                raise _csv_cell_error(path, chunk, first_line + start, width) from None
        if values.shape != (len(chunk), width):  # loadtxt skips blank lines
            raise _csv_cell_error(path, chunk, first_line + start, width)
        bad = ~np.isfinite(values) | (values != np.round(values)) | (values < 0) | (values > limit)
        if bad.any():
            i, j = np.argwhere(bad)[0]
            raise DataError(f"{path}, line {first_line + start + i}, {_column_name(j, width)}: value "
                            f"{values[i, j]:g}; pixels must be whole numbers 0..255 and labels 0..9.")
        blocks.append(values.astype(np.uint8))
    values = np.concatenate(blocks)
    return (values[:, 1:], values[:, 0]) if width == 785 else (values, None)


def _csv_rows(path):
    """The data lines of a CSV file (no header, no trailing blank lines) and the file line of the first."""
    raw = _read_bytes(path, "ml.read_csv")
    path = Path(path).expanduser()
    if b"\x00" in raw[:4096]:  # text has no NUL bytes; IDX headers do
        hint = ("it is an IDX file: read it with ml.read_idx(path)" if int.from_bytes(raw[:4], "big") in MAGIC
                else "read_csv reads text: comma-separated numbers, one image per line")
        raise DataError(f"{path}: a binary file, not CSV text; {hint}.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise DataError(f"{path}: not a text file ({err}). read_csv reads comma-separated numbers.") from None
    lines = text.splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        raise DataError(f"{path}: the file is empty. Expected one image per line: label, then 784 pixels.")
    has_header = not _is_number(lines[0].split(",")[0])
    if has_header and len(lines) == 1:
        raise DataError(f"{path}: only a header line, no images.")
    return (lines[1:], 2) if has_header else (lines, 1)


def _is_number(cell):
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _column_name(j, width):
    if width == 785:
        return "column 1 (label)" if j == 0 else f"column {j + 1} (pixel {j - 1})"
    return f"column {j + 1} (pixel {j})"


def _csv_cell_error(path, chunk, line_number, width):
    """Find the first line in `chunk` with a wrong column count or a cell that is not a number."""
    for k, line in enumerate(chunk):
        cells = line.split(",")
        if len(cells) != width:
            return DataError(f"{path}, line {line_number + k}: {len(cells)} columns, but the first line of "
                             f"data has {width}. Every line must have the same columns.")
        for j, cell in enumerate(cells):
            if not _is_number(cell):
                return DataError(f"{path}, line {line_number + k}, {_column_name(j, width)}: "
                                 f"{cell.strip()!r} is not a number.")
    return DataError(f"{path}: could not read lines {line_number}..{line_number + len(chunk) - 1}.")
