"""Run numpy's BLAS on one thread inside the dbt Python models."""

from __future__ import annotations

from threadpoolctl import threadpool_limits

__all__ = ["one_blas_thread"]


def one_blas_thread():
    """Context manager running numpy's BLAS on one thread.

    The matrices fitted here are small (tens of thousands of rows, a few dozen columns), so a
    second BLAS thread gains little, and on a machine whose cores are busy with other work
    OpenBLAS threads waiting for each other made a month's churn scoring 30 times slower
    (measured: nine months in 50 s with two threads, 1.5 s with one).
    """
    return threadpool_limits(limits=1, user_api="blas")
