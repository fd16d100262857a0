"""How many threads NumPy's BLAS (the library behind @) may use while ml.train runs.

The thread count of OpenBLAS or MKL is one setting for the whole process: limiting it for a training run
also limits every other thread of the kernel (a learner's own cells, a second panel) while the run lasts.
So ``ml.train`` leaves it alone unless asked (``blas_threads=n``). Overlapping limited runs share one
limit: the first one to start sets it, the last one to finish restores the value from before the first,
so the process can never be left at a lower count.
"""

import contextlib
import threading

_lock = threading.Lock()
_state = {"users": 0, "controller": None, "original": None}  # shared by all limited runs of this process


@contextlib.contextmanager
def blas_threads_limit(threads):
    """Context: BLAS limited to `threads` threads (None: unchanged; without threadpoolctl: unchanged)."""
    if threads is None:
        yield
        return
    if isinstance(threads, bool) or not isinstance(threads, int) or threads < 1:
        raise ValueError(f"blas_threads must be a whole number >= 1, or None to leave the BLAS as it is; got "
                         f"{threads!r}")
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        yield
        return
    with _lock:
        if _state["users"] == 0:
            _state["controller"] = controller = ThreadpoolController()
            pools = controller.select(user_api="blas").lib_controllers
            _state["original"] = [pool.num_threads for pool in pools]
            controller.limit(limits=threads, user_api="blas")
        _state["users"] += 1
    try:
        yield
    finally:
        with _lock:
            _state["users"] -= 1
            if _state["users"] == 0:
                pools = _state["controller"].select(user_api="blas").lib_controllers
                for pool, count in zip(pools, _state["original"], strict=False):
                    pool.set_num_threads(count)
                _state["controller"] = _state["original"] = None
