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

from .data import DataError
from .network import ACTIVATIONS, layer_sizes

FORMAT = "mnistlab-model"
FORMAT_VERSION = 1
HEADER = "__mnistlab__"


class ModelFileError(DataError):
    """A file is not a usable mnistlab model; the message says why and what to do."""


def save_model(path, params, meta=None):
    """Write params (W1, b1, ...) and meta (a dict of JSON values, e.g. {"activation": "relu"}) to path.

    meta["activation"] says which activation the network was trained with ("relu" if not given). Returns
    the path written (exactly as given: no ".npz" is added).
    """
    from . import __version__

    meta = dict(meta or {})
    activation = meta.setdefault("activation", "relu")
    if activation not in ACTIVATIONS:
        raise ValueError(f"meta['activation'] must be one of {', '.join(map(repr, ACTIVATIONS))}; "
                         f"got {activation!r}")
    sizes = layer_sizes(params)
    L = len(sizes) - 1
    expected = {f"{w}{l}" for l in range(1, L + 1) for w in "Wb"}
    if set(params) != expected:
        raise ValueError(f"params must hold exactly {sorted(expected)}; got {sorted(params)}")
    _check_shapes(params, sizes, "params")
    header = {"format": FORMAT, "format_version": FORMAT_VERSION, "mnistlab_version": __version__,
              "layer_sizes": sizes, "activation": activation, "meta": meta}
    try:
        text = json.dumps(header)
    except TypeError as err:
        raise ValueError(f"meta must hold JSON values (numbers, strings, lists, dicts): {err}") from None
    path = Path(path)
    arrays = {name: np.ascontiguousarray(value) for name, value in params.items()}
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


def load_model(path):
    """Read a file written by save_model; returns (params, meta).

    meta holds your meta data plus "activation", "layer_sizes" and "mnistlab_version". Raises
    ModelFileError (a ValueError) for a file that is not an intact mnistlab model.
    """
    path = Path(path)
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
    try:
        header = json.loads(str(arrays.pop(HEADER)))
        ok = header.get("format") == FORMAT
        sizes, activation, meta = header["layer_sizes"], header["activation"], dict(header["meta"])
    except (ValueError, KeyError, TypeError, AttributeError):
        ok = False
    if not ok:
        raise ModelFileError(f"{path}: the mnistlab header is unreadable: {redo}")
    if header.get("format_version", 0) > FORMAT_VERSION:
        raise ModelFileError(f"{path} was written by mnistlab {header.get('mnistlab_version')} in a newer "
                             f"format: update mnistlab (pip install -U mnistlab)")
    L = len(sizes) - 1
    expected = {f"{w}{l}" for l in range(1, L + 1) for w in "Wb"}
    if L < 1 or set(arrays) != expected or activation not in ACTIVATIONS:
        raise ModelFileError(f"{path}: the header promises layers {sizes} with {activation!r}, but the file "
                             f"holds {sorted(arrays)}: {redo}")
    _check_shapes(arrays, sizes, path, error=ModelFileError)
    meta.update(activation=activation, layer_sizes=sizes, mnistlab_version=header.get("mnistlab_version"))
    return arrays, meta


def _check_shapes(params, sizes, where, error=ValueError):
    for l in range(1, len(sizes)):
        for name, shape in ((f"W{l}", (sizes[l], sizes[l - 1])), (f"b{l}", (sizes[l], 1))):
            value = params[name]
            if value.shape != shape or value.dtype.kind != "f":
                raise error(f"{where}: {name} should be a float array of shape {shape}; it is {value.dtype} "
                            f"{value.shape}")
            if not np.isfinite(value).all():
                raise error(f"{where}: {name} contains NaN or infinite values: a diverged model cannot be "
                            "used; train it again with a smaller learning rate")
