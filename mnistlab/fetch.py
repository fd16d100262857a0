"""Downloading the official MNIST and Fashion-MNIST files: mirrors, SHA-256 sums, a quick reachability probe.

Used by ``mnistlab.data`` (``download()`` and ``load_mnist()``); nothing here knows about arrays. The files
are fetched with pooch, which streams into a temporary file next to the target and renames it only after the
checksum matched - so a failed, interrupted or tampered download never leaves a file under the final name.
"""

import logging
import socket
import sys
import threading
import time
import urllib.parse
import urllib.request

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

REMEMBER_SECONDS = 60  # a probe result is reused this long, so train + test loads wait only once


class DownloadError(OSError):
    """No mirror delivered a file with the right checksum; the message lists what each mirror answered."""


_probed = {}  # (host, port) -> (answered: bool, time.monotonic() of the probe)


def reachable(urls, budget):
    """The urls whose server (or proxy) accepts a TCP connection within `budget` seconds, in their order.

    All servers are probed at once in background threads, so the wait is at most `budget` even when name
    resolution stalls (a thread stuck in DNS is simply abandoned).
    """
    addresses = {url: _address(url) for url in urls}
    now = time.monotonic()
    todo = {a for a in addresses.values() if now - _probed.get(a, (None, -1e9))[1] > REMEMBER_SECONDS}
    done = threading.Condition()
    answers = {}

    def probe(address):
        try:
            socket.create_connection(address, timeout=budget).close()
            ok = True
        except OSError:
            ok = False
        with done:
            answers[address] = ok
            done.notify_all()

    for address in todo:
        threading.Thread(target=probe, args=(address,), daemon=True).start()
    with done:
        done.wait_for(lambda: len(answers) == len(todo), timeout=budget)
        for address in todo:
            _probed[address] = (answers.get(address, False), now)
    return [url for url in urls if _probed[addresses[url]][0]]


def _address(url):
    """(host, port) that a request to `url` connects to first: the proxy if one is configured for it."""
    parts = urllib.parse.urlsplit(url)
    proxy = urllib.request.getproxies().get(parts.scheme)
    if proxy and not urllib.request.proxy_bypass(parts.hostname):
        parts = urllib.parse.urlsplit(proxy if "//" in proxy else f"http://{proxy}")
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def fetch_file(name, sha256, mirrors, folder, progress=True, timeout=5.0):
    """Make sure `folder/name` exists with the given SHA-256: keep a verified file, else try the mirrors in
    order until one delivers the right bytes. Returns the path; raises DownloadError."""
    import pooch  # imported here: only downloads need pooch and requests

    problems = []
    logger = pooch.get_logger()
    level = logger.level
    logger.setLevel(logging.WARNING)  # our own progress line says what is downloaded where
    try:
        for base in mirrors:
            host = urllib.parse.urlsplit(base).hostname
            bar = _ProgressBar(name) if progress else False
            downloader = pooch.HTTPDownloader(progressbar=bar, timeout=timeout, chunk_size=65536)
            try:
                path = pooch.retrieve(base + name, known_hash=f"sha256:{sha256}", fname=name, path=folder,
                                      downloader=downloader)
                if bar:
                    bar.finish(f"verified (from {host})" if bar.done else "already there, verified")
                return path
            except Exception as err:  # HTTP errors, timeouts, broken connections, checksum mismatch
                problems.append(f"{base}: {_short(err, timeout)}")
                if bar:
                    bar.finish(f"failed at {host} ({_short(err, timeout)})")
    finally:
        logger.setLevel(level)
    raise DownloadError(f"Could not download {name} from any mirror ({'; '.join(problems) or 'none given'})")


def _short(err, timeout):
    """A few words about a failed attempt."""
    import requests

    if isinstance(err, requests.HTTPError) and err.response is not None:
        return f"HTTP {err.response.status_code} {err.response.reason}"
    if isinstance(err, requests.Timeout):
        return f"no answer within {timeout:g} s"
    if isinstance(err, requests.exceptions.ChunkedEncodingError):
        return "the connection broke off during the transfer"
    if isinstance(err, requests.ConnectionError):
        lookup = "NameResolution" in str(err) or "Name or service not known" in str(err)
        return "host name not found" if lookup else "cannot connect"
    if isinstance(err, ValueError) and "hash" in str(err).lower():
        return "checksum mismatch, file rejected"
    return f"{type(err).__name__}: {str(err)[:100]}"


class _ProgressBar:
    """A one-line text progress bar on stderr. pooch sets `total` and calls update(), reset() and close() -
    close() comes before the checksum test, so fetch_file() writes the outcome with finish()."""

    def __init__(self, label, stream=None):
        self.label, self.stream = label, stream or sys.stderr
        self.total, self.done, self._shown = 0, 0, None

    def update(self, n):
        self.done += n
        done = min(self.done, self.total) if self.total else self.done
        percent = f"{100 * done // self.total:3d} %" if self.total else "    "
        text = f"\r  {self.label}: {percent} {done / 1e6:6.1f} MB"
        if text != self._shown:  # redraw only when the figures change
            self.stream.write(text)
            self.stream.flush()
            self._shown = text

    def reset(self):
        self.done = 0

    def close(self):
        pass

    def finish(self, outcome):
        self.stream.write(f"{self._shown or chr(13) + '  ' + self.label}: {outcome}\n")
        self.stream.flush()
