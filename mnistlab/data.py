"""MNIST data for the lessons: where it comes from, and one loader for every source (the file formats are in
``mnistlab.idx``, the downloads in ``mnistlab.fetch``).

Every loader returns the same format, for every split and source:

    X  float32, shape (784, m), pixels in [0, 1], one column per image (28 x 28 pixels, row by row)
    y  int64,   shape (m,),     labels 0..9

Where ``load_mnist()`` takes the data from, without ``path=``, in this order:

1. the cache (``cache_dir()``) if it holds both files of the split,
2. a download of the two missing files into the cache - skipped when offline, when no mirror answers within
   PROBE_SECONDS (2 s; all mirrors are asked at once), or when the network stayed silent earlier in this
   session,
3. the real sample bundled with the package (MNIST: 4,000 train / 1,000 test digits; Fashion-MNIST:
   1,500 train / 500 test images; see ``mnistlab/sample/README.md``).

A bad network costs little time: one ``load_mnist`` call waits at most WAIT_SECONDS (5 s) in all for a
network that does not answer (a transfer that delivers bytes runs to its end), and a network that stayed
silent is remembered for the session - the Python process or notebook kernel - so later calls use the cache
or the sample at once. To try again once the network is back: ``ml.download()`` or
``python -m mnistlab download`` (always tries, and fills the cache that ``load_mnist`` reads first),
``load_mnist(..., offline=False)``, or restarting the kernel.

A one-line notice says which source was used, in the caller's language (``load_mnist(..., lang="de")``);
``data_source()`` returns it as a record, whose ``describe(lang)`` gives the notice. Lesson 00 shows it.
"""

import os
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from . import idx
from .checks import check_choice, check_X, is_positive, is_whole
from .errors import DataError, DownloadError
from .i18n import check_lang, t
from .idx import SPLITS, file_names, find_split, read_csv, read_idx

# read_idx, read_csv and check_X live in idx.py and checks.py; they stay importable from here.
__all__ = ["DATASETS", "SPLITS", "SAMPLE_DIR", "DataSource", "DataError", "cache_dir", "check_X",
           "data_source", "download", "file_names", "load_mnist", "read_csv", "read_idx"]

DATASETS = {"mnist": "MNIST", "fashion": "Fashion-MNIST"}
FULL_SIZE = {"train": 60_000, "test": 10_000}
SAMPLE_DIR = Path(__file__).resolve().parent / "sample"
PROBE_SECONDS = 2.0  # how long load_mnist waits for a mirror to answer (all mirrors are asked at once)
WAIT_SECONDS = 5.0  # how long one load_mnist call waits in all for a network that does not answer
DOWNLOAD_TIMEOUT = 5.0  # seconds a download waits for a server to connect or to send the next bytes



@dataclass(frozen=True)
class Reason:
    """Why load_mnist used the source it did, e.g. "offline: MNISTLAB_OFFLINE=1": an i18n key
    ("data.reason.<what>") and its values, so that the notice can say it in the learner's language."""

    key: str  # "data.reason.<what>"
    values: tuple = ()  # (name, value) pairs

    def text(self, lang="en"):
        return t(self.key, lang, **dict(self.values))

    def __str__(self):
        return self.text("en")


def _reason(key, **values):
    """One Reason, with its values (an error is kept as its message)."""
    return Reason(key, tuple((name, str(v) if isinstance(v, Exception) else v) for name, v in values.items()))


def _fetch():
    """The download module, imported on first use: only the network path needs it (and requests, pooch)."""
    from . import fetch

    return fetch


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
    Raises DataError if MNISTLAB_DATA names a file.
    """
    value = os.environ.get("MNISTLAB_DATA", "").strip()
    if value:
        folder = Path(value).expanduser().resolve()
        if folder.exists() and not folder.is_dir():
            raise DataError(f"MNISTLAB_DATA={value} names a file, but it must name a folder (created on the "
                            "first download): set it to a folder, or unset it to use the default cache")
        return folder
    import pooch  # imported here: `import mnistlab` must stay light

    return Path(pooch.os_cache("mnistlab"))


def _offline_reason(offline):
    """Why the network is not to be used (offline=True or MNISTLAB_OFFLINE), or None."""
    if offline:
        return _reason("data.reason.offline_arg")
    value = os.environ.get("MNISTLAB_OFFLINE", "").strip()
    if offline is None and value.lower() in ("1", "true", "yes", "on"):
        return _reason("data.reason.offline_env", value=value)
    return None


# ------------------------------------------------------------------------------------------------ sources


@dataclass(frozen=True)
class DataSource:
    """Where ``load_mnist`` took (or would take) a split from; ``str()`` gives the one-line notice.

    kind:      "path" (your file or folder), "cache", "download" (just downloaded into the cache), "sample"
    location:  the folder or file read (for a planned download: the mirror to be used)
    n_images:  how many images the source holds; n_loaded: how many were returned (None for a probe)
    reasons:   why this source, as Reasons (``reason`` joins them in English: "offline: no download mirror
               reachable"); ``describe(lang)`` gives the notice in English or German
    """

    dataset: str
    split: str
    kind: str
    location: str
    n_images: int
    reasons: tuple = ()
    n_loaded: int | None = None

    @property
    def reason(self):
        """Why this source, in English ("" if there is nothing to say)."""
        return "; ".join(r.text("en") for r in self.reasons)

    def describe(self, lang="en"):
        """The one-line notice in `lang`, e.g. "mnistlab: MNIST train from the cache (60,000 digits; ...)"."""
        check_lang(lang)
        noun = t(_NOUNS[self.dataset], lang)
        partial = self.n_loaded not in (None, self.n_images)
        count = t("data.count.part" if partial else "data.count.all", lang, n=self.n_loaded or self.n_images,
                  total=self.n_images)
        values = {"name": t(_NAMES[self.dataset, self.split], lang),
                  "split": t(_SPLIT_NAMES[self.split], lang), "count": count, "noun": noun,
                  "location": self.location,
                  "reason": "; ".join(r.text(lang) for r in self.reasons), "full": FULL_SIZE[self.split],
                  "call": "ml.download()" if self.dataset == "mnist" else "ml.download('fashion')"}
        kind = "probe" if self.kind == "download" and self.n_loaded is None else self.kind
        return "mnistlab: " + t(_NOTICES[kind], lang, **values)

    def __str__(self):
        return self.describe("en")


_NOUNS = {"mnist": "data.noun.mnist", "fashion": "data.noun.fashion"}
_NAMES = {("mnist", "train"): "data.name.mnist.train", ("mnist", "test"): "data.name.mnist.test",
          ("fashion", "train"): "data.name.fashion.train", ("fashion", "test"): "data.name.fashion.test"}
_SPLIT_NAMES = {"train": "data.split.train", "test": "data.split.test"}
_NOTICES = {"sample": "data.notice.sample", "path": "data.notice.path", "probe": "data.notice.probe",
            "cache": "data.notice.cache", "download": "data.notice.download"}

_last_sources = {}  # (dataset, split) and "last" -> DataSource of the latest load_mnist call


def data_source(split=None, *, dataset=None, probe=False, offline=None):
    """Which source ``load_mnist`` used - or, with ``probe=True``, would use now - as a DataSource record.

    ``data_source()``                      the last load in this process (None before the first)
    ``data_source("test", dataset="fashion")``  the last load of that split and dataset
    ``data_source(probe=True)``            where ``load_mnist(split, dataset=...)`` would take the data from,
                                           without loading it (may wait up to PROBE_SECONDS for the mirrors)
    """
    _check_arguments("ml.data_source", split or "train", dataset or "mnist", offline)
    if probe:
        return _plan(dataset or "mnist", split or "train", offline)[0]
    if split is None and dataset is None:
        return _last_sources.get("last")
    return _last_sources.get((dataset or "mnist", split or "train"))


def _check_arguments(where, split, dataset, offline):
    check_choice("split", split, SPLITS, where=where)
    check_choice("dataset", dataset, DATASETS, where=where)
    check_choice("offline", offline, (None, True, False), where=where)


def _plan(dataset, split, offline, cache_problem=None):
    """(the source for a load without path=, the mirrors a download would use): cache -> download -> sample.
    Reads only file headers; may ask the mirrors (at most PROBE_SECONDS)."""
    try:
        folder = cache_dir() / dataset
    except DataError as err:
        return _sample_source(dataset, split, _reason("data.reason.cache_unusable", error=err)), []
    files = None if cache_problem else find_split(folder, split)
    if files:
        try:
            return DataSource(dataset, split, "cache", str(folder), idx.count_items(files[0])), []
        except (DataError, OSError, EOFError) as err:
            cache_problem = _reason("data.reason.cache_unusable", error=err)
    problem = (cache_problem,) if cache_problem else ()
    reason = _offline_reason(offline)
    if reason is None:
        fetch = _fetch()
        mirrors = fetch.reachable(fetch.MIRRORS[dataset], PROBE_SECONDS, retry=offline is False)
        if mirrors:
            return DataSource(dataset, split, "download", mirrors[0], FULL_SIZE[split],
                              (*problem, _reason("data.reason.not_cached"))), mirrors
        silent = fetch.silent_network()
        reason = _reason("data.reason.unreachable") if silent is None else \
            _reason("data.reason.silent", seconds=silent)
    return _sample_source(dataset, split, *problem, reason), []


def _sample_source(dataset, split, *reasons):
    folder = SAMPLE_DIR / dataset
    n_images = idx.count_items(folder / file_names(split)[0])
    return DataSource(dataset, split, "sample", str(folder), n_images, reasons)


# ----------------------------------------------------------------------------------------------- loading


def load_mnist(split="train", *, dataset="mnist", path=None, n=None, offline=None, verbose=True, lang="en"):
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
    offline:  True never touches the network. None (default) follows the environment variable
              MNISTLAB_OFFLINE (set it to 1 to work offline) and does not ask a network again that stayed
              silent earlier in this session. False asks the network now, whatever happened before.
    verbose:  print the one-line notice about the source (``data_source()`` returns it as a record).
    lang:     the notice's language, "en" or "de" (the lessons pass their LANG).
    """
    _check_arguments("ml.load_mnist", split, dataset, offline)
    check_lang(lang)
    if n is not None and not is_whole(n, 1):
        raise DataError(f"ml.load_mnist: n must be a whole number of images >= 1, like n=1000 (or None for "
                        f"all of them); got {n!r}")
    if path is not None:
        path = idx.as_path(path, where="ml.load_mnist", example="'data/mnist'")
        pixels, labels = idx.read_path(path, split)
        source = DataSource(dataset, split, "path", str(path), len(labels))
    else:
        pixels, labels, source = _load_default(dataset, split, offline)
    if n is not None and n < len(labels):
        keep = _balanced_subset(labels, n)
        pixels, labels = pixels[keep], labels[keep]
    source = replace(source, n_loaded=len(labels))
    _last_sources[(dataset, split)] = _last_sources["last"] = source
    if verbose:
        print(source.describe(lang), flush=True)
    return idx.as_columns(pixels), labels.astype(np.int64)


def _balanced_subset(labels, n):
    """Indices of n images: by rank within their class first, then by class; returned in file order."""
    rank = np.zeros(len(labels), dtype=np.int64)
    for c in np.unique(labels):
        rank[labels == c] = np.arange(np.count_nonzero(labels == c))
    return np.sort(np.lexsort((labels, rank))[:n])


def _load_default(dataset, split, offline):
    """Pixels, labels and source from the cache, a download (waiting at most WAIT_SECONDS on silence in all)
    or the sample."""
    start = time.monotonic()
    plan, mirrors = _plan(dataset, split, offline)
    if plan.kind == "cache":
        try:
            return (*idx.read_pair(*find_split(Path(plan.location), split)), plan)
        except DataError as err:  # a damaged cache file: a verified download replaces it, if there is network
            problem = _reason("data.reason.cache_unusable", error=err)
            plan, mirrors = _plan(dataset, split, offline, cache_problem=problem)
    if plan.kind == "download":
        fetch = _fetch()
        folder = cache_dir() / dataset
        patience = fetch.Patience(WAIT_SECONDS, spent=time.monotonic() - start)  # the probe waited already
        try:
            fetch.fetch_files(dataset, file_names(split), folder, mirrors, timeout=DOWNLOAD_TIMEOUT,
                              patience=patience)
            images, labels = idx.read_pair(*(folder / name for name in file_names(split)))
            return images, labels, replace(plan, location=str(folder), n_images=len(labels))
        except (DownloadError, DataError) as err:
            silent = fetch.silent_network()
            reason = _reason("data.reason.download_failed", error=err) if silent is None else \
                _reason("data.reason.silent", seconds=silent)
            plan = _sample_source(dataset, split, reason)
    return (*idx.read_pair(*(Path(plan.location) / name for name in file_names(split))), plan)


# ------------------------------------------------------------------------------------------------ download


def download(dataset="mnist", *, path=None, mirrors=None, progress=True, timeout=DOWNLOAD_TIMEOUT):
    """Download the four official files of `dataset` ("mnist" or "fashion"), verify their SHA-256 sums and
    return the folder. Files already there and verified are kept.

    path:     target folder (default: ``cache_dir() / dataset``, where ``load_mnist`` looks)
    mirrors:  base URLs tried in order (default: ``mnistlab.fetch.MIRRORS[dataset]``)
    progress: show a progress bar per file (on stderr)
    timeout:  seconds to wait for a server to connect or to send the next bytes

    Always asks the network, also after it stayed silent earlier in this session; a download that delivers
    bytes lets ``load_mnist`` use the network again. Writes are atomic: a file appears under its final name
    only after its checksum matched. Raises DataError (listing what each mirror answered) if a file could not
    be fetched from any mirror.
    """
    where = "ml.download"
    check_choice("dataset", dataset, DATASETS, where=where)
    if not is_positive(timeout):
        raise ValueError(f"{where}: timeout must be a number of seconds > 0, like 5; got {timeout!r}")
    mirrors = _fetch().mirror_list(mirrors, dataset, where=where)
    if _offline_reason(None):
        raise DataError(f"MNISTLAB_OFFLINE={os.environ['MNISTLAB_OFFLINE']} is set, so mnistlab does not use "
                        "the network. Unset it (e.g. `unset MNISTLAB_OFFLINE`) to download.")
    folder = cache_dir() / dataset if path is None else idx.as_path(path, where=where, example="'data/mnist'")
    if folder.exists() and not folder.is_dir():
        raise DataError(f"{where}: {folder} is a file; the four files need a folder: pass another path")
    names = [name for split in SPLITS for name in file_names(split)]
    try:
        _fetch().fetch_files(dataset, names, folder, mirrors, progress=progress, timeout=timeout)
    except DownloadError as err:
        raise DataError(f"{err}. Check the connection and try again, or copy the files into {folder} by "
                        "hand; until then load_mnist() uses the bundled sample.") from None
    return folder
