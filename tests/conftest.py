"""Fixtures: an isolated data cache without real network, IDX files built by hand, a local HTTP server."""

import gzip
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pytest


def idx_bytes(array):
    """IDX bytes written independently of mnistlab: big-endian int32 magic and sizes, then uint8 values."""
    array = np.asarray(array, dtype=np.uint8)
    magic = {3: 2051, 1: 2049}[array.ndim]
    return b"".join(int(v).to_bytes(4, "big") for v in (magic, *array.shape)) + array.tobytes()


@pytest.fixture(autouse=True)
def _own_workbook(tmp_path_factory, monkeypatch):
    """Every test gets an empty workbook of its own: ml.check saves accepted functions there, never in the
    home folder of the machine running the tests (mnistlab.workbook)."""
    monkeypatch.setenv("MNISTLAB_WORKBOOK", str(tmp_path_factory.mktemp("workbook")))


@pytest.fixture
def digits():
    """30 random 'images' (uint8, 28 x 28) with labels 0..9 in a mixed order, 3 of each class."""
    rng = np.random.default_rng(0)
    return rng.integers(0, 256, size=(30, 28, 28), dtype=np.uint8), rng.permutation(np.arange(30) % 10)


@pytest.fixture
def write_split():
    """write_split(folder, prefix, images, labels, gz=True) writes the two IDX files of a split."""

    def write(folder, prefix, images, labels, gz=True):
        folder.mkdir(parents=True, exist_ok=True)
        for kind, idx, array in (("images", "idx3", images), ("labels", "idx1", labels)):
            data = idx_bytes(array)
            name = f"{prefix}-{kind}-{idx}-ubyte" + (".gz" if gz else "")
            (folder / name).write_bytes(gzip.compress(data, mtime=0) if gz else data)
        return folder

    return write


def _refused_url():
    """A URL on 127.0.0.1 where nothing listens: connecting is refused at once."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


@pytest.fixture
def refused_url():
    """refused_url() -> a new URL on 127.0.0.1 where nothing listens (connections are refused)."""
    return _refused_url


PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy",
                   "NO_PROXY", "no_proxy")


@pytest.fixture
def isolated_data(tmp_path, monkeypatch):
    """MNISTLAB_DATA points into tmp_path, MNISTLAB_OFFLINE and proxies are unset, the mirrors point at a
    closed local port, name lookups of any host but 127.0.0.1 / localhost fail, and the process's memory of
    the network and of the last loads starts empty - so no test reaches the real network or the user's cache,
    and none depends on another. Returns the cache folder (not created)."""
    from mnistlab import data, fetch

    cache = tmp_path / "cache"
    monkeypatch.setenv("MNISTLAB_DATA", str(cache))
    monkeypatch.delenv("MNISTLAB_OFFLINE", raising=False)
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(fetch, "MIRRORS", {"mnist": [_refused_url()], "fashion": [_refused_url()]})
    monkeypatch.setattr(fetch, "_memory", fetch._Memory())
    monkeypatch.setattr(data, "_last_sources", {})
    real_getaddrinfo = socket.getaddrinfo

    def local_only(host, *args, **kwargs):
        if host not in ("127.0.0.1", "localhost"):
            raise socket.gaierror(f"tests must not use the network (lookup of {host!r})")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", local_only)
    return cache


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.requests.append(self.path)
        status, body = self.server.routes.get(self.path, (404, b"not found"))
        if status == "silent":  # accept the request, then never answer (until the test ends)
            self.server.release.wait(60)
            return
        cut = status == "cut"  # announce the whole body, send half of it, then hang up
        self.send_response(200 if cut else status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[: len(body) // 2] if cut else body)
        self.wfile.flush()
        if cut:
            self.connection.shutdown(socket.SHUT_RDWR)

    def do_HEAD(self):  # what a probe asks: headers only; "cut" and "silent" files look fine here
        self.server.heads.append(self.path)
        status, body = self.server.routes.get(self.path, (404, b"not found"))
        self.send_response(200 if status in ("cut", "silent") else status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()

    def log_message(self, *args):  # keep test output clean
        pass


@pytest.fixture
def http_server():
    """A throwaway HTTP server on 127.0.0.1 (random port, own thread).

    ``server.routes[path] = (status, body)``; status "cut" sends half the body and closes the connection,
    "silent" accepts the GET request and never answers. ``server.url`` is the base URL, ``server.requests``
    lists the paths asked for with GET, ``server.heads`` those asked for with HEAD (the probes).
    """
    server = start_http_server()
    yield server
    stop_http_server(server)


def start_http_server():
    """The server of the http_server fixture, running in its own thread (also used by tests/bench_data.py)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.routes, server.requests, server.heads, server.release = {}, [], [], threading.Event()
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server


def stop_http_server(server):
    server.release.set()
    server.shutdown()
    server.server_close()


class SilentProxy:
    """A socket on 127.0.0.1 that accepts every connection and never sends a byte: a stuck proxy, or a
    captive portal of classroom Wi-Fi. ``url`` to use as HTTP(S)_PROXY; ``connections`` counts the accepted
    connections."""

    def __init__(self):
        self._socket = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._socket.getsockname()[1]}"
        self._open = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                connection, _ = self._socket.accept()
            except OSError:  # closed
                return
            self._open.append(connection)

    @property
    def connections(self):
        return len(self._open)

    def close(self):
        self._socket.close()
        for connection in self._open:
            connection.close()


@pytest.fixture
def silent_proxy(isolated_data, monkeypatch):
    """A SilentProxy set as HTTP_PROXY and HTTPS_PROXY; the mirrors are fake hosts behind it (two for MNIST,
    one for Fashion-MNIST, http and https), and load_mnist waits 0.3 s for a probe, 0.6 s in all."""
    from mnistlab import data, fetch

    proxy = SilentProxy()
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(name, proxy.url)
    monkeypatch.setattr(fetch, "MIRRORS", {"mnist": ["https://mirror-a.example/mnist/",
                                                     "http://mirror-b.example/mnist/"],
                                           "fashion": ["https://mirror-c.example/fashion/"]})
    monkeypatch.setattr(data, "PROBE_SECONDS", 0.3)
    monkeypatch.setattr(data, "WAIT_SECONDS", 0.6)
    yield proxy
    proxy.close()


@pytest.fixture
def make_idx():
    """make_idx(array) -> the bytes of an IDX file holding `array` (images (n, 28, 28) or labels (n,))."""
    return idx_bytes
