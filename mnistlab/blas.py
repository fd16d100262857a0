"""How many threads NumPy's BLAS (the library behind @) may use while ml.train runs.

The thread count of OpenBLAS or MKL is one setting for the whole process: limiting it for a training run
would also limit every other thread of the kernel (a learner's own cells, a second panel) while the run
lasts, and threadpoolctl lets only one Python thread at a time change it. So ``ml.train`` leaves the BLAS
alone unless asked (``blas_threads=n``, meant for scripts and benchmarks that run one thing at a time);
``python -m mnistlab benchmark`` prints the measurements behind this choice.
"""

import contextlib


def blas_threads_limit(threads):
    """Context: BLAS limited to `threads` threads, restored afterwards (None, or no threadpoolctl: as is)."""
    if threads is None:
        return contextlib.nullcontext()
    if isinstance(threads, bool) or not isinstance(threads, int) or threads < 1:
        raise ValueError(f"blas_threads must be a whole number >= 1, or None to leave the BLAS as it is; got "
                         f"{threads!r}")
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return contextlib.nullcontext()
    return threadpool_limits(threads, user_api="blas")
