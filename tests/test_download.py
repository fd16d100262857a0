"""Downloads against a throwaway HTTP server on 127.0.0.1: mirrors in order, checksums, atomic files; and a
network that does not answer (a silent proxy, silent mirrors, a stalled name lookup) costs one bounded wait
per session before the sample is used. The real network is never used (see the isolated_data fixture); the
seconds themselves are measured by tests/bench_data.py."""

import gzip
import hashlib
import socket
import threading

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
    folder = ml.download(path=tmp_path / "dl", mirrors=[serve(http_server, "m", files)], progress=False)
    assert listing(folder) == sorted(files)
    for name, body in files.items():
        assert (folder / name).read_bytes() == body


def test_first_mirror_403_then_the_second_mirror_is_used(http_server, files, tmp_path):
    first = serve(http_server, "first", files, status=403)
    second = serve(http_server, "second", files)
    folder = ml.download(path=tmp_path / "dl", mirrors=[first, second], progress=False)
    assert listing(folder) == sorted(files)
    name = "train-images-idx3-ubyte.gz"
    assert http_server.requests.index(f"/first/{name}") < http_server.requests.index(f"/second/{name}")


def test_checksum_mismatch_is_rejected_and_leaves_no_file(http_server, files, tmp_path):
    tampered = {name: body + b"tampered" for name, body in files.items()}
    with pytest.raises(ml.DataError, match="checksum mismatch"):
        ml.download(path=tmp_path / "dl", mirrors=[serve(http_server, "evil", tampered)], progress=False)
    assert listing(tmp_path / "dl") == []  # no file, no temporary leftover


def test_checksum_mismatch_on_one_mirror_falls_through_to_the_next(http_server, files, tmp_path):
    tampered = {name: body[::-1] for name, body in files.items()}
    mirrors = [serve(http_server, "evil", tampered), serve(http_server, "good", files)]
    folder = ml.download(path=tmp_path / "dl", mirrors=mirrors, progress=False)
    assert all((folder / name).read_bytes() == body for name, body in files.items())


def test_interrupted_transfer_leaves_no_partial_file(http_server, files, tmp_path):
    with pytest.raises(ml.DataError, match="broke off"):
        ml.download(path=tmp_path / "dl", mirrors=[serve(http_server, "cut", files, "cut")], progress=False)
    assert listing(tmp_path / "dl") == []


def test_verified_files_are_not_downloaded_again(http_server, files, tmp_path, capsys):
    mirrors = [serve(http_server, "m", files)]
    ml.download(path=tmp_path / "dl", mirrors=mirrors)
    assert "verified (from 127.0.0.1)" in capsys.readouterr().err
    asked = len(http_server.requests)
    ml.download(path=tmp_path / "dl", mirrors=mirrors)
    assert len(http_server.requests) == asked and "already there, verified" in capsys.readouterr().err


def test_progress_bar_counts_up_to_100_percent(http_server, files, tmp_path, capsys):
    ml.download(path=tmp_path / "dl", mirrors=[serve(http_server, "m", files)])
    err = capsys.readouterr().err
    assert "train-images-idx3-ubyte.gz: 100 %" in err


def test_failure_message_lists_each_mirror_and_what_to_do(http_server, files, tmp_path):
    mirrors = [serve(http_server, "a", files, 403), serve(http_server, "b", files, 404)]
    with pytest.raises(ml.DataError) as err:
        ml.download(path=tmp_path / "dl", mirrors=mirrors, progress=False)
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
    assert http_server.requests == []  # a probe downloads nothing: it asks for the headers of one file
    assert http_server.heads == [f"/m/{fetch.PROBE_FILE}"]


def test_a_mirror_answering_403_is_not_chosen(http_server, files, monkeypatch):
    forbidden, good = serve(http_server, "old", files, status=403), serve(http_server, "new", files)
    monkeypatch.setitem(fetch.MIRRORS, "mnist", [forbidden, good])
    assert ml.data_source(probe=True).location == good
    assert fetch.silent_network() is None  # a 403 is an answer: the network works


def test_connection_refused_everywhere_gives_the_sample_and_is_not_taken_for_silence(
        monkeypatch, isolated_data, refused_url, capsys):
    monkeypatch.setitem(fetch.MIRRORS, "mnist", [refused_url(), refused_url(), refused_url()])
    X, y = ml.load_mnist()
    assert X.shape == (784, 4000) and ml.data_source().kind == "sample"
    assert "offline: no download mirror reachable" in capsys.readouterr().out
    assert fetch.silent_network() is None
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
    try:
        ml.load_mnist(verbose=False)
    finally:
        release.set()
    assert ml.data_source().kind == "sample" and "did not answer within 0.3 s" in ml.data_source().reason
    assert fetch.silent_network() == 0.3


# -------------------------------------------------------------------- a proxy that accepts and stays silent


def test_a_silent_proxy_gives_the_sample_after_one_probe_per_mirror_and_says_why(silent_proxy, isolated_data,
                                                                                 capsys):
    X, y = ml.load_mnist("train")
    assert X.shape == (784, 4000) and ml.data_source().kind == "sample"
    notice = capsys.readouterr().out
    assert "bundled sample (4,000 real digits; offline: the network did not answer within 0.3 s" in notice
    assert silent_proxy.connections == 2  # one probe per mirror, all at once; no download attempt after it
    assert fetch.silent_network() == 0.3  # remembered for the session
    assert not isolated_data.exists()


def test_after_a_silent_network_the_test_split_and_later_calls_do_not_ask_again(silent_proxy, capsys):
    ml.load_mnist("train")
    ml.load_mnist("test")
    assert silent_proxy.connections == 2
    assert ml.data_source(probe=True, dataset="fashion").kind == "sample"  # other mirrors: not asked either
    ml.load_mnist("train", dataset="fashion", n=100)
    assert silent_proxy.connections == 2
    notices = capsys.readouterr().out.splitlines()
    assert len(notices) == 3 and all("did not answer within 0.3 s, not asked again" in n for n in notices)


def test_offline_false_asks_the_silent_network_again(silent_proxy):
    ml.load_mnist("train", verbose=False)
    ml.load_mnist("test", offline=False, verbose=False)
    assert silent_proxy.connections == 4 and ml.data_source().kind == "sample"


def test_explicit_download_still_tries_and_a_success_clears_the_memory(silent_proxy, http_server, files,
                                                                      monkeypatch, tmp_path):
    ml.load_mnist(verbose=False)
    assert fetch.silent_network() == 0.3
    with pytest.raises(ml.DataError, match="no answer within 0.2 s"):
        ml.download(path=tmp_path / "dl", progress=False, timeout=0.2)
    assert silent_proxy.connections == 4  # the two probes, then the first file from each of the two mirrors
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name)  # the Wi-Fi is back
    mirror = serve(http_server, "m", files)
    ml.download(path=tmp_path / "dl", mirrors=[mirror], progress=False)
    assert fetch.silent_network() is None
    monkeypatch.setitem(fetch.MIRRORS, "mnist", [mirror])
    ml.load_mnist("test", verbose=False)  # asks the network again, and downloads
    assert ml.data_source().kind == "download"


def test_mirrors_that_answer_the_probe_but_not_the_download_cost_one_bounded_wait(http_server, files,
                                                                                   monkeypatch, capsys):
    mirrors = [serve(http_server, name, files, status="silent") for name in ("a", "b", "c")]
    monkeypatch.setitem(fetch.MIRRORS, "mnist", mirrors)
    monkeypatch.setattr(data, "WAIT_SECONDS", 0.5)
    ml.load_mnist("train")
    assert ml.data_source().kind == "sample"
    assert http_server.requests == ["/a/train-images-idx3-ubyte.gz"]  # the other mirrors: not tried any more
    assert "the network did not answer within 0.5 s" in capsys.readouterr().out
    assert fetch.silent_network() == 0.5
    ml.load_mnist("test", verbose=False)
    assert len(http_server.heads) == 3 and len(http_server.requests) == 1  # nothing asked the second time


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
