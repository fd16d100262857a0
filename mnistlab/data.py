"""MNIST data: file formats, the cache, downloads, the bundled sample. The only module that reads data files.

Every loader returns the same format, for every split and source:

    X  float32, shape (784, m), pixels in [0, 1], one column per image (28 x 28 pixels, row by row)
    y  int64,   shape (m,),     labels 0..9

Where ``load_mnist()`` takes the data from, without ``path=``, in this order:

1. the cache (``cache_dir()``) if it holds both files of the split,
2. a download of the two missing files into the cache (skipped when offline, or when no mirror answers
   within ~1.2 s),
3. the real sample bundled with the package (MNIST: 4,000 train / 1,000 test digits; Fashion-MNIST:
   1,500 train / 500 test images; see ``mnistlab/sample/README.md``).

A one-line notice says which source was used; ``data_source()`` returns it as a record. Lesson 00 shows it.
"""

import gzip
import os
import zlib
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from .checks import check_X  # noqa: F401  (ml.data.check_X)
from .errors import DataError

DATASETS = {"mnist": "MNIST", "fashion": "Fashion-MNIST"}
SPLITS = {"train": "train", "test": "t10k"}  # split -> prefix of the official file names
FULL_SIZE = {"train": 60_000, "test": 10_000}
SAMPLE_DIR = Path(__file__).resolve().parent / "sample"
MAGIC = {2051: "images", 2049: "labels"}  # IDX: 0x0000 08 (unsigned bytes) 03/01 (number of dimensions)
PROBE_SECONDS = 1.2  # how long load_mnist waits for a mirror to accept a connection


def file_names(split):
    """Official names of the two files of a split, e.g. ('t10k-images-idx3-ubyte.gz', 't10k-labels-...')."""
    prefix = SPLITS[split]
    return f"{prefix}-images-idx3-ubyte.gz", f"{prefix}-labels-idx1-ubyte.gz"


# ----------------------------------------------------------------------------------------------- formats


def _read_bytes(path):
    """The content of a file, decompressed if it is gzip (recognised by its first bytes, not its name)."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise DataError(f"{path}: not a file. Check the path (relative paths start in {Path.cwd()}).")
    raw = path.read_bytes()
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
    data = _read_bytes(path)
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


def read_csv(path):
    """Read digits from a CSV file (gzip or plain): ``(X, y)`` in the mnistlab format.

    Layout of Kaggle's train.csv and the common ``mnist_train.csv``: one image per line, the label first,
    then 784 pixel values 0..255, an optional header line. Kaggle's unlabeled test.csv (784 columns) gives
    ``y = None``. Raises DataError with the line and column of the first bad cell.
    """
    pixels, labels = _read_csv_uint8(path)
    return _as_columns(pixels), (None if labels is None else labels.astype(np.int64))


def _read_csv_uint8(path, block=2_000):
    """CSV -> uint8 pixels (m, 784) and uint8 labels (m,) or None, validated block by block."""
    try:
        text = _read_bytes(path).decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise DataError(f"{path}: not a text file ({err}). read_csv reads comma-separated numbers.") from None
    lines = text.splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        raise DataError(f"{path}: the file is empty. Expected one image per line: label, then 784 pixels.")
    has_header = not _is_number(lines[0].split(",")[0])
    first_line = 2 if has_header else 1  # file line number of rows[0]
    rows = lines[1:] if has_header else lines
    if not rows:
        raise DataError(f"{path}: only a header line, no images.")
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


def _as_columns(pixels):
    """uint8 images (m, 28, 28) or (m, 784) -> float32 (784, m) in [0, 1], one column per image."""
    X = pixels.reshape(len(pixels), 784).T.astype(np.float32)  # the transpose is a view; astype copies once
    X /= 255
    return X


# --------------------------------------------------------------------------------------- where data lives


def cache_dir():
    """The folder where downloaded datasets are kept (created on first download).

    ``$MNISTLAB_DATA`` if that is set, otherwise the OS cache folder ``pooch.os_cache("mnistlab")``
    (Linux: ``~/.cache/mnistlab``; macOS: ``~/Library/Caches/mnistlab``; Windows: under ``%LOCALAPPDATA%``).
    Layout - one folder per dataset holding the official, unchanged .gz files::

        <cache>/mnist/train-images-idx3-ubyte.gz     <cache>/fashion/train-images-idx3-ubyte.gz
        <cache>/mnist/train-labels-idx1-ubyte.gz     <cache>/fashion/train-labels-idx1-ubyte.gz
        <cache>/mnist/t10k-images-idx3-ubyte.gz      <cache>/fashion/t10k-images-idx3-ubyte.gz
        <cache>/mnist/t10k-labels-idx1-ubyte.gz      <cache>/fashion/t10k-labels-idx1-ubyte.gz

    To work without network, copy IDX files there yourself (gzip or not); they are checked for format and
    size, not checksums. Downloads (``python -m mnistlab download``) are verified against SHA-256 sums.
    """
    if os.environ.get("MNISTLAB_DATA"):
        return Path(os.environ["MNISTLAB_DATA"]).expanduser().resolve()
    import pooch  # imported here: `import mnistlab` must stay light

    return Path(pooch.os_cache("mnistlab"))


def _find_split(folder, split):
    """The (images, labels) files of `split` in `folder`, or None. Accepts the official names, .gz or not,
    and the common 'train-images.idx3-ubyte' spelling (also as a folder holding a file of the same name)."""
    found = []
    for kind, idx in (("images", "idx3"), ("labels", "idx1")):
        stems = [f"{SPLITS[split]}-{kind}-{idx}-ubyte", f"{SPLITS[split]}-{kind}.{idx}-ubyte"]
        names = [stem + ext for stem in stems for ext in (".gz", "")]
        paths = [folder / name for name in names] + [folder / name / name for name in names]
        found.append(next((p for p in paths if p.is_file()), None))
    return None if None in found else tuple(found)


def _idx_count(path):
    """Number of items announced by an IDX header (reads only the header)."""
    with open(path, "rb") as f:
        gz = f.read(2) == b"\x1f\x8b"
    with (gzip.open(path) if gz else open(path, "rb")) as f:
        header = f.read(8)
    if len(header) < 8 or int.from_bytes(header[:4], "big") not in MAGIC:
        raise DataError(f"{path}: not an MNIST IDX file.")
    return int.from_bytes(header[4:8], "big")


def _offline_reason(offline):
    if offline:
        return "offline=True"
    value = os.environ.get("MNISTLAB_OFFLINE", "").strip()
    if offline is None and value.lower() in ("1", "true", "yes", "on"):
        return f"offline: MNISTLAB_OFFLINE={value}"
    return None


# ----------------------------------------------------------------------------------------------- loading


@dataclass(frozen=True)
class DataSource:
    """Where ``load_mnist`` took (or would take) a split from; ``str()`` gives the one-line notice.

    kind:      "path" (your file or folder), "cache", "download" (just downloaded into the cache), "sample"
    location:  the folder or file read (for a planned download: the mirror to be used)
    n_images:  how many images the source holds; n_loaded: how many were returned (None for a probe)
    reason:    why this source, e.g. "offline: no download mirror reachable"
    """

    dataset: str
    split: str
    kind: str
    location: str
    n_images: int
    reason: str = ""
    n_loaded: int | None = None

    def __str__(self):
        noun = "digits" if self.dataset == "mnist" else "images"
        count = f"{self.n_images:,}" if self.n_loaded in (None, self.n_images) else \
            f"{self.n_loaded:,} of {self.n_images:,}"
        name = f"{DATASETS[self.dataset]} {self.split}"
        if self.kind == "sample":
            flag = "" if self.dataset == "mnist" else " --dataset fashion"
            return (f"mnistlab: {name} from the bundled sample ({count} real {noun}; {self.reason}) - "
                    f"run 'python -m mnistlab download{flag}' for all {FULL_SIZE[self.split]:,}")
        if self.kind == "path":
            return f"mnistlab: {self.split} from {self.location} ({count} images)"
        if self.kind == "download" and self.n_loaded is None:  # a probe: nothing downloaded yet
            return f"mnistlab: {name} would be downloaded from {self.location} ({count} {noun})"
        verb = {"cache": "from the cache", "download": "downloaded and verified"}[self.kind]
        return f"mnistlab: {name} {verb} ({count} {noun}; {self.location})"


_last_sources = {}  # (dataset, split) and "last" -> DataSource of the latest load_mnist call


def data_source(split=None, *, dataset=None, probe=False, offline=None):
    """Which source ``load_mnist`` used - or, with ``probe=True``, would use now - as a DataSource record.

    ``data_source()``                      the last load in this process (None before the first)
    ``data_source("test", dataset="fashion")``  the last load of that split and dataset
    ``data_source(probe=True)``            where ``load_mnist(split, dataset=...)`` would take the data from,
                                           without loading it (may wait up to ~1.2 s for a mirror to answer)
    """
    if probe:
        split, dataset = split or "train", dataset or "mnist"
        _check_choice("split", split, SPLITS)
        _check_choice("dataset", dataset, DATASETS)
        return _plan(dataset, split, offline)
    if split is None and dataset is None:
        return _last_sources.get("last")
    return _last_sources.get((dataset or "mnist", split or "train"))


def _plan(dataset, split, offline, cache_problem=""):
    """Decide the source for a load without path=: cache -> download -> sample. Reads only file headers."""
    folder = cache_dir() / dataset
    files = None if cache_problem else _find_split(folder, split)
    if files:
        try:
            return DataSource(dataset, split, "cache", str(folder), _idx_count(files[0]))
        except (DataError, OSError, EOFError) as err:
            cache_problem = f"cache unusable: {err}"
    problem = f"{cache_problem}; " if cache_problem else ""
    reason = _offline_reason(offline)
    if reason is None:
        mirrors = _reachable_mirrors(dataset)
        if mirrors:
            return DataSource(dataset, split, "download", mirrors[0],
                              FULL_SIZE[split], f"{problem}not in cache")
        reason = "offline: no download mirror reachable"
    return _sample_source(dataset, split, problem + reason)


def _reachable_mirrors(dataset):
    from mnistlab import fetch  # imported here: only a download needs requests and pooch

    return fetch.reachable(fetch.MIRRORS[dataset], PROBE_SECONDS)


def _sample_source(dataset, split, reason):
    folder = SAMPLE_DIR / dataset
    n_images = _idx_count(folder / file_names(split)[0])
    return DataSource(dataset, split, "sample", str(folder), n_images, reason)


def load_mnist(split="train", *, dataset="mnist", path=None, n=None, offline=None, verbose=True):
    """Load MNIST or Fashion-MNIST: ``X`` float32 (784, m) in [0, 1], one column per image; ``y`` int64 (m,).

    split:    "train" or "test".
    dataset:  "mnist" (digits) or "fashion" (Fashion-MNIST: ten kinds of clothing, same format).
    path:     a folder of IDX files (official names, .gz or not) or a CSV file (see ``read_csv``; the split
              argument is then not used). Your files are checked for format and size, not checksums.
              Without path: the cache, else a download into the cache, else the bundled sample.
    n:        take only n images: a deterministic, class-balanced subset - the first images of each class in
              file order, round-robin over the classes 0, 1, ..., 9, kept in file order. n=1000 gives 100 per
              class when every class has 100; a class that runs out is filled up by the others. If n is larger
              than the source, you get all its images (the notice says how many).
    offline:  True never touches the network; None (default) follows the environment variable
              MNISTLAB_OFFLINE (set it to 1 to work offline).
    verbose:  print the one-line notice about the source (``data_source()`` returns it as a record).
    """
    _check_choice("split", split, SPLITS)
    _check_choice("dataset", dataset, DATASETS)
    if n is not None and (isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1):
        raise DataError(f"n={n!r}: n must be a positive whole number of images (or None for all of them).")
    if path is not None:
        pixels, labels, source = _load_path(Path(path).expanduser(), split, dataset)
    else:
        pixels, labels, source = _load_default(dataset, split, offline)
    if n is not None and n < len(labels):
        keep = _balanced_subset(labels, n)
        pixels, labels = pixels[keep], labels[keep]
    source = replace(source, n_loaded=len(labels))
    _last_sources[(dataset, split)] = _last_sources["last"] = source
    if verbose:
        print(source, flush=True)
    return _as_columns(pixels), labels.astype(np.int64)


def _check_choice(name, value, valid):
    if value not in valid:
        raise DataError(f"{name}={value!r}: expected one of {', '.join(map(repr, valid))}.")


def _balanced_subset(labels, n):
    """Indices of n images: by rank within their class first, then by class; returned in file order."""
    rank = np.zeros(len(labels), dtype=np.int64)
    for c in np.unique(labels):
        rank[labels == c] = np.arange(np.count_nonzero(labels == c))
    return np.sort(np.lexsort((labels, rank))[:n])


def _read_split(images_path, labels_path):
    images, labels = read_idx(images_path), read_idx(labels_path)
    if images.ndim != 3 or labels.ndim != 1:
        raise DataError(f"{images_path} / {labels_path}: expected an image file and a label file.")
    if len(images) != len(labels):
        raise DataError(f"{images_path} holds {len(images):,} images but {labels_path} holds {len(labels):,} "
                        "labels: the two files do not belong together.")
    return images, labels


def _load_path(path, split, dataset):
    if path.is_dir():
        files = _find_split(path, split)
        if files is None:
            present = ", ".join(sorted(p.name for p in path.iterdir())[:8]) or "nothing"
            raise DataError(f"{path}: no {split} files. Expected {' and '.join(file_names(split))} (or "
                            f"without .gz); the folder holds: {present}.")
        images, labels = _read_split(*files)
    elif path.is_file() and path.name.lower().endswith((".csv", ".csv.gz", ".txt")):
        images, labels = _read_csv_uint8(path)
        if labels is None:
            raise DataError(f"{path} has no label column (784 columns). Use X, _ = ml.read_csv(path) for "
                            "unlabeled images.")
    elif path.is_file():
        raise DataError(f"{path}: pass the folder holding the IDX files (path={str(path.parent)!r}) or a "
                        ".csv file.")
    else:
        raise DataError(f"{path}: no such file or folder. Check the path (relative paths start in "
                        f"{Path.cwd()}).")
    return images, labels, DataSource(dataset, split, "path", str(path), len(labels))


def _load_default(dataset, split, offline):
    plan = _plan(dataset, split, offline)
    if plan.kind == "cache":
        try:
            return (*_read_split(*_find_split(Path(plan.location), split)), plan)
        except DataError as err:  # a damaged cache file: a verified download replaces it, if there is network
            plan = _plan(dataset, split, offline, cache_problem=f"cache unusable: {err}")
    if plan.kind == "download":
        from mnistlab import fetch

        folder = cache_dir() / dataset
        try:
            _download_files(dataset, file_names(split), folder, _reachable_mirrors(dataset), True, 5.0)
            images, labels = _read_split(*(folder / name for name in file_names(split)))
            return images, labels, replace(plan, location=str(folder), n_images=len(labels))
        except (fetch.DownloadError, DataError) as err:
            plan = _sample_source(dataset, split, f"download failed: {err}")
    return (*_read_split(*(Path(plan.location) / name for name in file_names(split))), plan)


# ------------------------------------------------------------------------------------------------ download


def download(dataset="mnist", *, dir=None, mirrors=None, progress=True, timeout=5.0):
    """Download the four official files of `dataset` ("mnist" or "fashion"), verify their SHA-256 sums and
    return the folder. Files already there and verified are kept.

    dir:      target folder (default: ``cache_dir() / dataset``, where ``load_mnist`` looks)
    mirrors:  base URLs tried in order (default: ``mnistlab.fetch.MIRRORS[dataset]``)
    progress: show a progress bar per file (on stderr)
    timeout:  seconds to wait for a server to connect or to send the next bytes

    Writes are atomic: a file appears under its final name only after its checksum matched. Raises DataError
    (listing what each mirror answered) if a file could not be fetched from any mirror.
    """
    _check_choice("dataset", dataset, DATASETS)
    if _offline_reason(None):
        raise DataError(f"MNISTLAB_OFFLINE={os.environ['MNISTLAB_OFFLINE']} is set, so mnistlab does not use "
                        "the network. Unset it (e.g. `unset MNISTLAB_OFFLINE`) to download.")
    from mnistlab import fetch

    folder = Path(dir).expanduser() if dir is not None else cache_dir() / dataset
    names = [name for split in SPLITS for name in file_names(split)]
    try:
        _download_files(dataset, names, folder, mirrors, progress, timeout)
    except fetch.DownloadError as err:
        raise DataError(f"{err}. Check the connection and try again, or copy the files into {folder} by "
                        "hand; until then load_mnist() uses the bundled sample.") from None
    return folder


def _download_files(dataset, names, folder, mirrors, progress, timeout):
    """Fetch `names` into `folder`, each verified; raises fetch.DownloadError (and leaves no empty folder)."""
    from mnistlab import fetch

    mirrors = list(mirrors) if mirrors is not None else fetch.MIRRORS[dataset]
    created = not folder.exists()
    try:
        for name in names:
            fetch.fetch_file(name, fetch.REGISTRY[dataset][name], mirrors, folder, progress, timeout)
    except fetch.DownloadError:
        if created and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
        raise
