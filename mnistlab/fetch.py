"""Downloading the official MNIST and Fashion-MNIST files: mirrors, SHA-256 sums, a quick probe, and what this
process learned about the network.

Used by ``mnistlab.data`` (``download()`` and ``load_mnist()``); nothing here knows about arrays. The files
are fetched with pooch, which streams into a temporary file next to the target and renames it only after the
checksum matched - so a failed, interrupted or tampered download never leaves a file under the final name.

Waiting on silence is bounded: ``reachable`` asks all mirrors at once and waits at most its budget, and a
``Patience`` caps the seconds one call may spend waiting for bytes over all mirrors and files (an active
transfer that delivers bytes is not limited). A network that stayed silent is remembered for the rest of the
process (a notebook kernel: the session), so later calls do not wait again; ``reachable(..., retry=True)``
asks again, and a download that delivers bytes clears the memory.
"""

import logging
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field

from .errors import DownloadError

__all__ = ["MIRRORS", "REGISTRY", "DownloadError", "Patience", "reachable", "silent_network", "mirror_list",
           "fetch_files", "fetch_file"]

# Mirrors in the order they are tried (as torchvision and Keras use them).
MIRRORS = {
    "mnist": [
        "https://ossci-datasets.s3.amazonaws.com/mnist/",
        "https://storage.googleapis.com/cvdf-datasets/mnist/",
        "http://yann.lecun.com/exdb/mnist/",  # the original site, often 403 these days
    ],
    "fashion": [
        "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
        "https://storage.googleapis.com/tensorflow/tf-keras-datasets/",
    ],
}

# SHA-256 of the official .gz files (sizes: 9,912,422 / 28,881 / 1,648,877 / 4,542 bytes for MNIST;
# 26,421,880 / 29,515 / 4,422,102 / 5,148 for Fashion-MNIST).
REGISTRY = {
    "mnist": {
        "train-images-idx3-ubyte.gz": "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
        "train-labels-idx1-ubyte.gz": "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
        "t10k-images-idx3-ubyte.gz": "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
        "t10k-labels-idx1-ubyte.gz": "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
    },
    "fashion": {
        "train-images-idx3-ubyte.gz": "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
        "train-labels-idx1-ubyte.gz": "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
        "t10k-images-idx3-ubyte.gz": "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
        "t10k-labels-idx1-ubyte.gz": "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
    },
}

PROBE_FILE = "t10k-labels-idx1-ubyte.gz"  # the smallest file; a probe asks only for its headers (HEAD)
REMEMBER_SECONDS = 60  # a mirror's answer to a probe is reused this long


@dataclass
class _Memory:
    """What this process learned about the network; read and written only under ``_lock``."""

    answers: dict = field(default_factory=dict)  # mirror url -> (serves files: bool, time.monotonic())
    silent_for: float | None = None  # seconds the network stayed silent when found dead; None: not found dead


_memory = _Memory()
_lock = threading.Condition()  # the one lock of this module: guards _memory, wakes reachable() on answers


def silent_network():
    """Seconds the network stayed silent when this process found it dead (it is then not asked again until
    a retry or a successful download), or None if it was not found dead."""
    with _lock:
        return _memory.silent_for


def _remember_silence(seconds):
    with _lock:
        _memory.silent_for = seconds


def _network_works():
    """Bytes arrived: forget the silence and the probe answers (the next probe asks afresh)."""
    with _lock:
        _memory.silent_for = None
        _memory.answers.clear()


@dataclass
class Patience:
    """How many seconds one call may still wait on silence - time in which no bytes arrive - over all its
    attempts, mirrors and files together."""

    seconds: float
    spent: float = 0.0

    def left(self):
        return self.seconds - self.spent


def reachable(urls, budget, *, retry=False):
    """The mirror base urls that serve files now, in their order.

    Each mirror is asked for the headers of PROBE_FILE (through the proxy, if one is configured, as a download
    would be); all at once in background threads, so the wait is at most `budget` even when a proxy or the
    name resolution stays silent (a thread still waiting is abandoned). Answers are reused for
    REMEMBER_SECONDS. If no mirror answers at all and one stayed silent, the network is remembered as dead:
    until a download succeeds, later calls return [] at once - unless `retry` is true, which asks again.
    """
    import requests  # imported here: `import mnistlab` must stay light; imported before the clock starts

    now = time.monotonic()
    with _lock:
        if _memory.silent_for is not None and not retry:
            return []
        todo = [url for url in dict.fromkeys(urls)
                if retry or now - _memory.answers.get(url, (False, -1e9))[1] > REMEMBER_SECONDS]
    outcomes = {}  # url -> "serves", "answers" (HTTP error), "fails" (refused, no such host); absent: silent

    def ask(url):
        outcome = _ask(requests, url, budget)
        with _lock:
            outcomes[url] = outcome
            _lock.notify_all()

    for url in todo:
        threading.Thread(target=ask, args=(url,), daemon=True).start()
    with _lock:
        _lock.wait_for(lambda: len(outcomes) == len(todo), timeout=budget)
        found = {url: outcomes.get(url, "silent") for url in todo}
        for url, outcome in found.items():
            _memory.answers[url] = (outcome == "serves", now)
        if any(outcome in ("serves", "answers") for outcome in found.values()):
            _memory.silent_for = None
        elif "silent" in found.values():
            _memory.silent_for = budget
        return [url for url in urls if _memory.answers[url][0]]


def _ask(requests, url, budget):
    """How the mirror at `url` answers a HEAD request for PROBE_FILE within `budget` seconds."""
    try:
        response = requests.head(url + PROBE_FILE, timeout=budget, allow_redirects=True)
    except requests.Timeout:
        return "silent"
    except requests.RequestException:  # refused, host not found, TLS failure, broken proxy
        return "fails"
    response.close()
    return "serves" if response.status_code < 400 else "answers"


def mirror_list(mirrors, dataset, *, where):
    """`mirrors` as a list of base URLs ending in '/' (None: the usual MIRRORS of `dataset`)."""
    if mirrors is None:
        return list(MIRRORS[dataset])
    example = "like ['https://example.org/mnist/'] (or None for the usual ones)"
    if not isinstance(mirrors, list | tuple) or not all(isinstance(url, str) for url in mirrors):
        raise TypeError(f"{where}: mirrors must be a list of base URLs {example}; got {mirrors!r}")
    if not mirrors or not all(url.startswith(("http://", "https://")) for url in mirrors):
        raise ValueError(f"{where}: mirrors must be a non-empty list of http(s) URLs {example}; got "
                         f"{mirrors!r}")
    return [url if url.endswith("/") else url + "/" for url in mirrors]


def fetch_files(dataset, names, folder, mirrors, *, progress=True, timeout=5.0, patience=None):
    """fetch_file for each of `names` of `dataset` in turn; raises DownloadError at the first file that no
    mirror delivered, leaving no folder behind that it created and left empty."""
    created = not folder.exists()
    try:
        for name in names:
            fetch_file(name, REGISTRY[dataset][name], mirrors, folder, progress=progress, timeout=timeout,
                       patience=patience)
    except DownloadError:
        if created and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
        raise


def fetch_file(name, sha256, mirrors, folder, *, progress=True, timeout=5.0, patience=None):
    """Make sure `folder/name` exists with the given SHA-256: keep a verified file, else try the mirrors in
    order until one delivers the right bytes. Returns the path; raises DownloadError.

    timeout:  seconds to wait for a mirror to connect or to send the next bytes.
    patience: a Patience shared by the attempts of one call: each attempt waits at most what is left of it,
              the silence of a failed attempt is spent from it, and when it is used up the network is
              remembered as silent and the remaining mirrors are not tried. None: every attempt may wait
              `timeout`.
    """
    import pooch  # imported here: only downloads need pooch and requests

    problems = []
    logger = pooch.get_logger()
    level = logger.level
    logger.setLevel(logging.WARNING)  # our own progress line says what is downloaded where
    try:
        for base in mirrors:
            wait = timeout if patience is None else min(timeout, patience.left())
            if wait <= 0:
                _remember_silence(patience.seconds)
                problems.append(f"{base}: not tried, no answer within {patience.seconds:g} s in all")
                continue
            bar = _ProgressBar(name, show=progress)
            path, problem = _attempt(pooch, base, name, sha256, folder, bar, wait, patience)
            if path is not None:
                return path
            problems.append(f"{base}: {problem}")
    finally:
        logger.setLevel(level)
    raise DownloadError(f"Could not download {name} from any mirror ({'; '.join(problems) or 'none given'})")


def _attempt(pooch, base, name, sha256, folder, bar, wait, patience):
    """One try at one mirror: (path, None) on success, else (None, a few words about what went wrong)."""
    host = urllib.parse.urlsplit(base).hostname
    downloader = pooch.HTTPDownloader(progressbar=bar, timeout=wait, chunk_size=65536)
    start = time.monotonic()
    try:
        path = pooch.retrieve(base + name, known_hash=f"sha256:{sha256}", fname=name, path=folder,
                              downloader=downloader)
    except Exception as err:  # HTTP errors, timeouts, broken connections, checksum mismatch
        if patience is not None:
            patience.spent += time.monotonic() - (bar.last_bytes or start)  # the silence at the end of it
        bar.finish(f"failed at {host} ({_short(err, wait)})")
        return None, _short(err, wait)
    if bar.received:
        _network_works()
    bar.finish(f"verified (from {host})" if bar.received else "already there, verified")
    return path, None


def _short(err, timeout):
    """A few words about a failed attempt."""
    import requests

    if isinstance(err, requests.HTTPError) and err.response is not None:
        return f"HTTP {err.response.status_code} {err.response.reason}"
    if isinstance(err, requests.Timeout):
        return f"no answer within {timeout:.3g} s"
    if isinstance(err, requests.exceptions.ChunkedEncodingError):
        return "the connection broke off during the transfer"
    if isinstance(err, requests.ConnectionError):
        lookup = "NameResolution" in str(err) or "Name or service not known" in str(err)
        return "host name not found" if lookup else "cannot connect"
    if isinstance(err, ValueError) and "hash" in str(err).lower():
        return "checksum mismatch, file rejected"
    return f"{type(err).__name__}: {str(err)[:100]}"


class _ProgressBar:
    """A one-line text progress bar on stderr (silent with show=False), which also notes when bytes last
    arrived. pooch sets `total` and calls update(), reset() and close() - close() comes before the checksum
    test, so fetch_file() writes the outcome with finish()."""

    def __init__(self, label, stream=None, show=True):
        self.label, self.stream, self.show = label, stream or sys.stderr, show
        self.total, self.done, self._shown = 0, 0, None
        self.received, self.last_bytes = 0, None  # not reset: what arrived over the attempt, and when last

    def update(self, n):
        self.done += n
        self.received += n
        self.last_bytes = time.monotonic()
        done = min(self.done, self.total) if self.total else self.done
        percent = f"{100 * done // self.total:3d} %" if self.total else "    "
        text = f"\r  {self.label}: {percent} {done / 1e6:6.1f} MB"
        if self.show and text != self._shown:  # redraw only when the figures change
            self.stream.write(text)
            self.stream.flush()
            self._shown = text

    def reset(self):
        self.done = 0

    def close(self):
        pass

    def finish(self, outcome):
        if self.show:
            self.stream.write(f"{self._shown or chr(13) + '  ' + self.label}: {outcome}\n")
            self.stream.flush()
