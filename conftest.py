"""pytest configuration for the lessons: every notebook's kernel runs offline, with a new empty data folder.

nbval (see addopts in pyproject.toml) executes lessons/<lang>/NN_*.ipynb. It starts one kernel per notebook,
in the notebook's setup just before its first cell, and the kernel inherits the environment the pytest
process has at that moment. The hook below sets, for exactly that moment:

- ``MNISTLAB_OFFLINE=1``: mnistlab never probes a mirror nor downloads anything;
- ``MNISTLAB_DATA=<a new empty folder>``: no cache from this machine is read or written;
- ``MNISTLAB_WORKBOOK=<a folder in it>``: the exercises a lesson's solutions pass are saved there, not in
  this machine's home (``mnistlab.workbook``), and no earlier learner's functions are read.

So every lesson runs on the bundled sample, the data its asserts were written for, whatever network or
cache the machine running ``python -m pytest`` has. The pytest process's own environment is restored right
after, so the package tests are unaffected. tests/test_lessons.py runs a throwaway notebook with and without
this file to show that the isolation holds and that its absence is noticed.
"""

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest

_DATA_FOLDERS = pytest.StashKey[dict]()


@contextmanager
def _environment(values):
    """Set environment variables for the duration of the block, then restore the previous state."""
    before = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def lesson_kernel_environment(config, notebook_path):
    """The variables a notebook's kernel starts with: offline, and a data folder of its own (new, empty)."""
    folders = config.stash.setdefault(_DATA_FOLDERS, {})
    if notebook_path not in folders:
        folders[notebook_path] = tempfile.mkdtemp(prefix=f"mnistlab-data-{Path(notebook_path).stem}-")
    return {"MNISTLAB_OFFLINE": "1", "MNISTLAB_DATA": folders[notebook_path],
            "MNISTLAB_WORKBOOK": str(Path(folders[notebook_path]) / "workbook")}


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_setup(item):
    """Around the setup of a notebook cell (the first one starts the notebook's kernel): isolate."""
    if item.path.suffix != ".ipynb":
        return (yield)
    with _environment(lesson_kernel_environment(item.config, str(item.path))):
        return (yield)


def pytest_unconfigure(config):
    for folder in config.stash.get(_DATA_FOLDERS, {}).values():
        shutil.rmtree(folder, ignore_errors=True)
