"""Save and load a trained network as a NumPy .npz file.

The file holds the arrays W1, b1, W2, b2, ... and one JSON text "__mnistlab__" with the layer sizes, the
activation, the mnistlab version and your own meta data. It is written to a temporary file first and then
renamed, so an interrupted save never leaves a half-written model behind. Loading never unpickles
(allow_pickle=False): a model file cannot run code.
"""

import json
import os
import tempfile
import zipfile
import zlib
from pathlib import Path

import numpy as np

from .checks import check_layer_sizes, check_params
from .errors import ModelFileError
from .network import ACTIVATIONS, Params, activation_of

FORMAT = "mnistlab-model"
FORMAT_VERSION = 1
HEADER = "__mnistlab__"


def save_model(path, params, meta=None):
    """Write params (W1, b1, ...) and meta (a dict of JSON values, e.g. {"epochs": 10}) to path.

    The activation saved is the one the network recorded (a ``Params`` from ml.train) or meta["activation"]
    ("relu" if neither says). Returns the path written (exactly as given: no ".npz" is added). A failing
    save leaves an existing file untouched.
    """
    from . import __version__

    where = "ml.save_model"
    if not isinstance(path, str | os.PathLike):
        raise TypeError(f"{where}: path must be a file name such as 'model.npz'; got {type(path).__name__} "
                        "(the order is save_model(path, params, meta))")
    if meta is not None and not isinstance(meta, dict):
        raise TypeError(f"{where}: meta must be a dict like {{'epochs': 10}} or None; got "
                        f"{type(meta).__name__}")
    meta = dict(meta or {})
    sizes = check_params(params, where=where)
    activation = activation_of(params, meta.get("activation"), where=where)
    meta["activation"] = activation
    header = {"format": FORMAT, "format_version": FORMAT_VERSION, "mnistlab_version": __version__,
              "layer_sizes": sizes, "activation": activation, "meta": meta}
    try:
        text = json.dumps(header, allow_nan=False)
    except (TypeError, ValueError) as err:
        raise ValueError(f"{where}: meta must hold JSON values (numbers, strings, lists, dicts): "
                         f"{err}") from None
    path = Path(path).expanduser()
    if not path.parent.is_dir():
        raise FileNotFoundError(f"{where}: the folder {path.parent} does not exist: create it first "
                                f"(Path({str(path.parent)!r}).mkdir(parents=True))")
    arrays = {name: np.ascontiguousarray(params[name]) for name in _names(len(sizes) - 1)}
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, 0o644)  # mkstemp makes the file private (0600); a model is an ordinary file
        with os.fdopen(handle, "wb") as f:
            np.savez(f, **{HEADER: np.array(text)}, **arrays)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _names(L):
    return [f"{w}{l}" for l in range(1, L + 1) for w in "Wb"]


def load_model(path):
    """Read a file written by save_model; returns (params, meta) - params a ``Params`` that knows its
    activation, so ml.predict(params, X) uses the one it was trained with.

    meta holds your meta data plus "activation", "layer_sizes" and "mnistlab_version". Raises
    ModelFileError (a ValueError) for a file that is not an intact mnistlab model.
    """
    if not isinstance(path, str | os.PathLike):
        raise TypeError(f"ml.load_model: path must be a file name such as 'model.npz'; got "
                        f"{type(path).__name__}")
    path = Path(path).expanduser()
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such model file (save one with ml.save_model(path, params))")
    redo = "save the model again with ml.save_model(path, params)"
    with open(path, "rb") as f:
        start = f.read(8)
    if start.startswith(b"\x93NUMPY"):
        raise ModelFileError(f"{path} holds a single NumPy array (.npy), not an mnistlab model: {redo}")
    if start[:1] == b"\x80":
        raise ModelFileError(f"{path} holds pickled Python objects, which mnistlab never loads (loading them "
                             f"could run code): {redo}")
    if not start.startswith(b"PK"):
        raise ModelFileError(f"{path} is not an .npz file (it starts with {start!r}): {redo}")
    try:
        with np.load(path, allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in npz.files}
    except ValueError as err:
        if "pickle" in str(err).lower():
            raise ModelFileError(f"{path} holds pickled Python objects, which mnistlab never loads (loading "
                                 f"them could run code): {redo}") from None
        raise ModelFileError(f"{path} is damaged ({err}): {redo}") from None
    except (OSError, EOFError, zipfile.BadZipFile, zlib.error) as err:
        reason = f"{type(err).__name__}: {err}"
        raise ModelFileError(f"{path} is damaged or truncated ({reason}): {redo}") from None
    if HEADER not in arrays:
        raise ModelFileError(f"{path} is an .npz file but not an mnistlab model (no {HEADER!r} entry; it "
                             f"holds {', '.join(sorted(arrays)) or 'nothing'}): {redo}")
    header, sizes, activation, meta = _read_header(arrays.pop(HEADER), path, redo)
    if set(arrays) != set(_names(len(sizes) - 1)):
        raise ModelFileError(f"{path}: the header promises layers {sizes}, but the file holds "
                             f"{sorted(arrays)}: {redo}")
    _check_shapes(arrays, sizes, path)
    meta.update(activation=activation, layer_sizes=sizes, mnistlab_version=header.get("mnistlab_version"))
    return Params(arrays, activation=activation), meta


def _read_header(entry, path, redo):
    """(header, layer sizes, activation, meta) from the JSON entry, each checked; ModelFileError if not."""
    try:
        header = json.loads(str(entry))
    except ValueError:
        header = None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise ModelFileError(f"{path}: the mnistlab header is unreadable: {redo}")
    version = header.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ModelFileError(f"{path}: the header's format_version is {version!r}, not a whole number: the "
                             f"file is damaged: {redo}")
    if version > FORMAT_VERSION:
        raise ModelFileError(f"{path} was written by mnistlab {header.get('mnistlab_version')} in a newer "
                             f"format: update mnistlab (pip install -U mnistlab)")
    activation, meta = header.get("activation"), header.get("meta")
    if not isinstance(activation, str) or activation not in ACTIVATIONS:
        raise ModelFileError(f"{path}: the header names the activation {activation!r}, which mnistlab does "
                             f"not know (it knows {', '.join(ACTIVATIONS)}): {redo}")
    if not isinstance(meta, dict):
        raise ModelFileError(f"{path}: the header's meta data is {type(meta).__name__}, not a dict: {redo}")
    try:
        sizes = check_layer_sizes(header.get("layer_sizes"))
    except (TypeError, ValueError):
        raise ModelFileError(f"{path}: the header's layer sizes {header.get('layer_sizes')!r} are not a list "
                             f"of whole numbers: {redo}") from None
    return header, sizes, activation, dict(meta)


def _check_shapes(arrays, sizes, path):
    for l in range(1, len(sizes)):
        for name, shape in ((f"W{l}", (sizes[l], sizes[l - 1])), (f"b{l}", (sizes[l], 1))):
            value = arrays[name]
            if value.shape != shape or value.dtype.kind != "f":
                raise ModelFileError(f"{path}: {name} should be a float array of shape {shape}; it is "
                                     f"{value.dtype} {value.shape}")
            if not np.isfinite(value).all():
                raise ModelFileError(f"{path}: {name} contains NaN or infinite values: a diverged model "
                                     "cannot be used; train it again with a smaller learning rate")
