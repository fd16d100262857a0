"""Benchmark (not collected by pytest): how long load_mnist waits on a network that does not answer.

    python tests/bench_data.py

Two situations of classroom Wi-Fi, with mnistlab's real settings (PROBE_SECONDS, WAIT_SECONDS) and nothing
leaving the machine:

1. a proxy or captive portal that accepts connections and never answers: HTTP(S)_PROXY points at a local
   socket that stays silent; the real mirror URLs go through it. Seconds for train then test in one session,
   then for a later call (and for the other dataset).
2. mirrors that answer the quick probe but then stay silent on the files: a local HTTP server. One call, then
   a later one.

Each situation runs in a fresh Python process (a fresh notebook kernel), with an empty data cache. The
figures belong in a report; tests/test_download.py asserts the behaviour without clocks.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def timed(label, call, results):
    start = time.perf_counter()
    call()
    results[label] = round(time.perf_counter() - start, 3)


def silent_proxy():
    from conftest import SilentProxy

    proxy = SilentProxy()
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        os.environ[name] = proxy.url
    import mnistlab as ml
    from mnistlab import data, fetch

    results = {"probe_seconds": data.PROBE_SECONDS, "wait_seconds": data.WAIT_SECONDS}
    timed("train+test", lambda: (ml.load_mnist("train"), ml.load_mnist("test")), results)
    results["connections after train+test"] = proxy.connections
    time.sleep(1)
    timed("later call (train)", lambda: ml.load_mnist("train"), results)
    timed("later call (fashion test)", lambda: ml.load_mnist("test", dataset="fashion"), results)
    results["connections in all"] = proxy.connections
    results["remembered silence (s)"] = fetch.silent_network()
    return results


def silent_files():
    from conftest import start_http_server, stop_http_server

    server = start_http_server()
    import mnistlab as ml
    from mnistlab import data, fetch

    fetch.MIRRORS["mnist"] = [f"{server.url}/{name}/" for name in ("a", "b", "c")]
    for mirror in "abc":
        for name in fetch.REGISTRY["mnist"]:
            server.routes[f"/{mirror}/{name}"] = ("silent", b"")
    results = {"probe_seconds": data.PROBE_SECONDS, "wait_seconds": data.WAIT_SECONDS}
    timed("train", lambda: ml.load_mnist("train"), results)
    timed("later call (test)", lambda: ml.load_mnist("test"), results)
    results["file requests"] = len(server.requests)
    results["remembered silence (s)"] = fetch.silent_network()
    stop_http_server(server)
    return results


SITUATIONS = {"silent proxy": silent_proxy, "silent files": silent_files}


def run_in_fresh_process(name):
    with tempfile.TemporaryDirectory() as cache:
        unset = ("http_proxy", "https_proxy", "all_proxy", "no_proxy", "mnistlab_offline")
        env = {key: value for key, value in os.environ.items() if key.lower() not in unset}
        env["MNISTLAB_DATA"] = cache
        result = subprocess.run([sys.executable, __file__, "--situation", name], env=env, capture_output=True,
                                text=True, timeout=300, cwd=HERE)
    if result.returncode:
        raise RuntimeError(result.stderr)
    notices = [line for line in result.stdout.splitlines() if line.startswith("mnistlab:")]
    return json.loads(result.stdout.splitlines()[-1]), notices


def main():
    if sys.argv[1:2] == ["--situation"]:
        print(json.dumps(SITUATIONS[sys.argv[2]]()))
        return
    for name in SITUATIONS:
        figures, notices = run_in_fresh_process(name)
        print(f"{name}:")
        for key, value in figures.items():
            print(f"  {key:30} {value}")
        print("  first notice:", notices[0] if notices else "-")


if __name__ == "__main__":
    main()
