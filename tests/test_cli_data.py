"""The data commands: ``python -m mnistlab download`` and ``python -m mnistlab info``."""

import gzip
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from mnistlab import fetch
from mnistlab.cli import main

pytestmark = pytest.mark.usefixtures("isolated_data")
ROOT = Path(__file__).resolve().parents[1]


def test_info_says_offline_then_sample_when_no_mirror_answers(isolated_data, capsys):
    assert main(["info"]) == 0
    out = capsys.readouterr().out
    assert "NumPy" in out and "BLAS:" in out and str(isolated_data) in out
    assert out.count("offline -> sample") == 4  # mnist and fashion, train and test


def test_info_shows_cache_contents_and_uses_them(isolated_data, write_split, digits, capsys):
    write_split(isolated_data / "fashion", "train", *digits)
    main(["info"])
    out = capsys.readouterr().out
    assert "fashion: train-images-idx3-ubyte.gz" in out
    fashion_train = next(line for line in out.splitlines() if line.split()[:2] == ["fashion", "train"])
    assert "cache" in fashion_train and "30 images" in fashion_train


def test_info_asks_each_mirror_once_behind_a_silent_proxy(silent_proxy, capsys):
    assert main(["info"]) == 0
    out = capsys.readouterr().out
    assert out.count("offline -> sample") == 4 and "the network did not answer within 0.3 s" in out
    assert silent_proxy.connections == 3  # two MNIST mirrors and one Fashion-MNIST mirror, asked at once


def test_info_says_when_mnistlab_data_names_a_file(tmp_path, monkeypatch, capsys):
    (tmp_path / "afile").write_text("x")
    monkeypatch.setenv("MNISTLAB_DATA", str(tmp_path / "afile"))
    assert main(["info"]) == 0
    out = capsys.readouterr().out
    assert "cache: unusable - MNISTLAB_DATA=" in out and out.count("sample") == 4


def test_download_command_fails_with_exit_code_1_and_says_why(tmp_path, capsys):
    assert main(["download", "--dir", str(tmp_path / "dl")]) == 1
    err = capsys.readouterr().err
    assert "error: Could not download train-images-idx3-ubyte.gz" in err and "cannot connect" in err
    assert not (tmp_path / "dl").exists()  # not even an empty folder is left behind


def test_download_command_fetches_and_verifies_into_dir(http_server, make_idx, monkeypatch, tmp_path, capsys):
    rng = np.random.default_rng(2)
    registry = {}
    for prefix, m in (("train", 20), ("t10k", 10)):
        for name, array in ((f"{prefix}-images-idx3-ubyte.gz", rng.integers(0, 256, (m, 28, 28))),
                            (f"{prefix}-labels-idx1-ubyte.gz", np.arange(m) % 10)):
            body = gzip.compress(make_idx(array))
            http_server.routes[f"/f/{name}"] = (200, body)
            registry[name] = hashlib.sha256(body).hexdigest()
    monkeypatch.setitem(fetch.REGISTRY, "fashion", registry)
    monkeypatch.setitem(fetch.MIRRORS, "fashion", [f"{http_server.url}/f/"])
    assert main(["download", "--dataset", "fashion", "--dir", str(tmp_path / "dl")]) == 0
    out = capsys.readouterr().out
    assert "Fashion-MNIST: all 4 files verified" in out and "load_mnist(path=" in out
    assert sorted(p.name for p in (tmp_path / "dl").iterdir()) == sorted(registry)


def test_python_dash_m_mnistlab_info_runs_offline(tmp_path):
    env = {**os.environ, "MNISTLAB_OFFLINE": "1", "MNISTLAB_DATA": str(tmp_path / "cache"),
           "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "mnistlab", "info"], capture_output=True, text=True,
                            env=env, cwd=tmp_path, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "MNISTLAB_OFFLINE=1" in result.stdout and "offline -> sample" in result.stdout
