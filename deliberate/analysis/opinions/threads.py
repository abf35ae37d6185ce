"""Keep BLAS single-threaded while a refresh runs.

The matrices here are small (a few thousand x a few hundred), where multi-threaded BLAS gains little
and, on a busy 2-core machine (the analysis shares it with the web server), spinning threads make
small products 5-10x slower (measured: a vtaiwan replay took 58 s with 2 threads under load, 9 s
with 1). threadpoolctl ships with scikit-learn; without it this is a no-op.
"""
from __future__ import annotations

import contextlib

_controller = None


def blas_threads(limit: int | None):
    """Context manager limiting BLAS to `limit` threads (None: leave as is)."""
    global _controller
    if limit is None:
        return contextlib.nullcontext()
    try:
        if _controller is None:
            from threadpoolctl import ThreadpoolController

            _controller = ThreadpoolController()
        return _controller.limit(limits=limit, user_api="blas")
    except ImportError:
        return contextlib.nullcontext()
