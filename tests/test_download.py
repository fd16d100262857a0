"""Downloads against a throwaway HTTP server on 127.0.0.1: mirrors in order, checksums, atomic files, fast
fallback to the sample. The real network is never used (see the isolated_data fixture)."""

import gzip
import hashlib
import socket
import threading
import time

import numpy as np
import pytest

import mnistlab as ml
from mnistlab import data, fetch

pytestmark = pytest.mark.usefixtures("isolated_data")


@pytest.fixture
def files(make_idx, monkeypatch):
    """Four small fixture files under the official names, and a registry with their own SHA-256 sums."""
    rng = np.random.default_rng(1)
    arrays = {"train": (rng.integers(0, 256, (20, 28, 28)), np.arange(20) % 10),
              "t10k": (rng.integers(0, 256, (10, 28, 28)), np.arange(10) % 10)}
    content = {}
    for prefix, (images, labels) in arrays.items():
        content[f"{prefix}-images-idx3-ubyte.gz"] = gzip.compress(make_idx(images), mtime=0)
        content[f"{prefix}-labels-idx1-ubyte.gz"] = gzip.compress(make_idx(labels), mtime=0)
    registry = {name: hashlib.sha256(body).hexdigest() for name, body in content.items()}
    monkeypatch.setitem(fetch.REGISTRY, "mnist", registry)
    return content


def serve(server, prefix, content, status=200):
    for name, body in content.items():
        server.routes[f"/{prefix}/{name}"] = (status, body)
    return f"{server.url}/{prefix}/"


def listing(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_download_gets_all_four_files_verified(http_server, files, tmp_path):
    folder = ml.download(dir=tmp_path / "dl", mirrors=[serve(http_server, "m", files)], progress=False)
    assert listing(folder) == sorted(files)
    for name, body in files.items():
        assert (folder / name).read_bytes() == body


def test_first_mirror_403_then_the_second_mirror_is_used(http_server, files, tmp_path):
    first = serve(http_server, "first", files, status=403)
    second = serve(http_server, "second", files)
    folder = ml.download(dir=tmp_path / "dl", mirrors=[first, second], progress=False)
    assert listing(folder) == sorted(files)
    name = "train-images-idx3-ubyte.gz"
    assert http_server.requests.index(f"/first/{name}") < http_server.requests.index(f"/second/{name}")


def test_checksum_mismatch_is_rejected_and_leaves_no_file(http_server, files, tmp_path):
    tampered = {name: body + b"tampered" for name, body in files.items()}
    with pytest.raises(ml.DataError, match="checksum mismatch"):
        ml.download(dir=tmp_path / "dl", mirrors=[serve(http_server, "evil", tampered)], progress=False)
    assert listing(tmp_path / "dl") == []  # no file, no temporary leftover


def test_checksum_mismatch_on_one_mirror_falls_through_to_the_next(http_server, files, tmp_path):
    tampered = {name: body[::-1] for name, body in files.items()}
    mirrors = [serve(http_server, "evil", tampered), serve(http_server, "good", files)]
    folder = ml.download(dir=tmp_path / "dl", mirrors=mirrors, progress=False)
    assert all((folder / name).read_bytes() == body for name, body in files.items())


def test_interrupted_transfer_leaves_no_partial_file(http_server, files, tmp_path):
    with pytest.raises(ml.DataError, match="broke off"):
        ml.download(dir=tmp_path / "dl", mirrors=[serve(http_server, "cut", files, "cut")], progress=False)
    assert listing(tmp_path / "dl") == []


def test_verified_files_are_not_downloaded_again(http_server, files, tmp_path, capsys):
    mirrors = [serve(http_server, "m", files)]
    ml.download(dir=tmp_path / "dl", mirrors=mirrors)
    assert "verified (from 127.0.0.1)" in capsys.readouterr().err
    asked = len(http_server.requests)
    ml.download(dir=tmp_path / "dl", mirrors=mirrors)
    assert len(http_server.requests) == asked and "already there, verified" in capsys.readouterr().err


def test_progress_bar_counts_up_to_100_percent(http_server, files, tmp_path, capsys):
    ml.download(dir=tmp_path / "dl", mirrors=[serve(http_server, "m", files)])
    err = capsys.readouterr().err
    assert "train-images-idx3-ubyte.gz: 100 %" in err


def test_failure_message_lists_each_mirror_and_what_to_do(http_server, files, tmp_path):
    mirrors = [serve(http_server, "a", files, 403), serve(http_server, "b", files, 404)]
    with pytest.raises(ml.DataError) as err:
        ml.download(dir=tmp_path / "dl", mirrors=mirrors, progress=False)
    message = str(err.value)
    assert "/a/: HTTP 403" in message and "/b/: HTTP 404" in message and "bundled sample" in message


def test_load_mnist_downloads_into_the_cache_once_then_reads_the_cache(http_server, files, isolated_data,
                                                                       monkeypatch, capsys):
    monkeypatch.setitem(fetch.MIRRORS, "mnist", [serve(http_server, "m", files)])
    X, y = ml.load_mnist("test")
    assert X.shape == (784, 10) and ml.data_source().kind == "download"
    assert "downloaded and verified" in capsys.readouterr().out
    assert listing(isolated_data / "mnist") == ["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]
    asked = len(http_server.requests)
    ml.load_mnist("test")
    assert ml.data_source().kind == "cache" and len(http_server.requests) == asked


def test_probe_names_the_mirror_a_download_would_use(http_server, files, monkeypatch):
    mirror = serve(http_server, "m", files)
    monkeypatch.setitem(fetch.MIRRORS, "mnist", [fetch.MIRRORS["mnist"][0], mirror])  # first one refuses
    source = ml.data_source(probe=True)
    assert (source.kind, source.location, source.n_images) == ("download", mirror, 60_000)
    assert http_server.requests == []  # a probe downloads nothing


def test_connection_refused_everywhere_gives_the_sample_within_2_seconds(monkeypatch, isolated_data,
                                                                         refused_url, capsys):
    monkeypatch.setitem(fetch.MIRRORS, "mnist", [refused_url(), refused_url(), refused_url()])
    start = time.monotonic()
    X, y = ml.load_mnist()
    elapsed = time.monotonic() - start
    assert X.shape == (784, 4000) and ml.data_source().kind == "sample"
    assert elapsed < 2, f"fallback took {elapsed:.1f} s"
    assert "offline: no download mirror reachable" in capsys.readouterr().out
    assert not isolated_data.exists()  # nothing written into the cache


def test_stalled_name_lookup_is_abandoned_after_the_probe_budget(monkeypatch, isolated_data):
    release = threading.Event()
    getaddrinfo = socket.getaddrinfo

    def stall(host, *args, **kwargs):  # a DNS server that never answers
        if host == "stalled.example":
            release.wait(30)
            raise socket.gaierror("stalled")
        return getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", stall)
    monkeypatch.setitem(fetch.MIRRORS, "mnist", ["https://stalled.example/mnist/"])
    monkeypatch.setattr(data, "PROBE_SECONDS", 0.3)
    start = time.monotonic()
    try:
        ml.load_mnist(verbose=False)
    finally:
        release.set()
    assert ml.data_source().kind == "sample" and time.monotonic() - start < 2


def test_offline_never_touches_the_network(monkeypatch, isolated_data):
    calls = []

    def record(*args, **kwargs):
        calls.append(args)
        raise OSError("network used")

    monkeypatch.setattr(socket, "create_connection", record)
    monkeypatch.setattr(socket, "getaddrinfo", record)
    ml.load_mnist(offline=True, verbose=False)
    monkeypatch.setenv("MNISTLAB_OFFLINE", "1")
    ml.load_mnist(verbose=False)
    assert ml.data_source(probe=True).kind == "sample"
    with pytest.raises(ml.DataError, match="MNISTLAB_OFFLINE=1 is set"):
        ml.download(progress=False)
    assert calls == [] and not isolated_data.exists()
