"""Keep BLAS single-threaded where threads cost more than they give.

The matrices here are small (a few thousand x a few hundred), where multi-threaded BLAS gains little
and, on a busy 2-core machine (the analysis shares it with the web server), spinning threads make
small products 5-10x slower (measured: a vtaiwan replay took 58 s with 2 threads under load, 9 s
with 1; an 80 x 80 eigendecomposition 10x slower with 2 threads).
"""
from __future__ import annotations

import contextlib

from threadpoolctl import ThreadpoolController

_controller: ThreadpoolController | None = None  # scanning the loaded libraries once, not per refresh


def blas_threads(limit: int | None):
    """Context manager limiting BLAS to `limit` threads (None: leave as is)."""
    global _controller
    if limit is None:
        return contextlib.nullcontext()
    if _controller is None:
        _controller = ThreadpoolController()
    return _controller.limit(limits=limit, user_api="blas")
