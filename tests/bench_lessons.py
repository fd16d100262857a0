"""Benchmark (not collected by pytest): run each lesson in a fresh kernel, print wall time and peak RSS.

    python tests/bench_lessons.py [--lang en de] [--only 03 06] [--data-cache DIR]

The kernel's peak resident memory is read from /proc/<pid>/status (VmHWM) just before it shuts down,
so it is the figure Binder's ~2 GB limit applies to. Cells that fail are counted, not fatal (with other
data than the bundled sample a data-dependent assert may fail; the memory figure still counts).
Kernels run as under pytest (see conftest.py): MNISTLAB_OFFLINE=1 and, by default, a new empty data
folder, so the lessons use the bundled sample. `--data-cache` points MNISTLAB_DATA at a cache folder
instead (e.g. one holding the full 60k-image IDX files) to measure the lessons on full-size data.
"""

import argparse
import os
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

LESSONS = Path(__file__).resolve().parents[1] / "lessons"


def peak_rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run(path, timeout):
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    with client.setup_kernel():
        for index, cell in enumerate(notebook.cells):
            client.execute_cell(cell, index)
        pid = client.km.provisioner.process.pid
        peak = peak_rss_mb(pid)
    errors = sum(any(out.get("output_type") == "error" for out in cell.get("outputs", []))
                 for cell in notebook.cells if cell.cell_type == "code")
    return time.perf_counter() - start, peak, errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", nargs="+", default=["en", "de"])
    parser.add_argument("--only", nargs="*", default=None, help="lesson numbers, e.g. 03 06")
    parser.add_argument("--data-cache", default=None)
    parser.add_argument("--timeout", type=int, default=600)
    args = parser.parse_args()
    os.environ["MNISTLAB_OFFLINE"] = "1"  # inherited by every kernel started below
    empty = tempfile.TemporaryDirectory(prefix="mnistlab-bench-data-")
    os.environ["MNISTLAB_DATA"] = str(Path(args.data_cache).resolve()) if args.data_cache else empty.name
    print(f"{'lesson':32} {'seconds':>8} {'peak RSS MB':>12} {'cells with errors':>18}")
    for lang in args.lang:
        for path in sorted((LESSONS / lang).glob("[0-9][0-9]*_*.ipynb")):
            if args.only and path.name[:2] not in args.only:
                continue
            seconds, peak, errors = run(path, args.timeout)
            print(f"{lang + '/' + path.name:32} {seconds:8.1f} {peak:12.0f} {errors:18d}", flush=True)


if __name__ == "__main__":
    main()
