"""Run a function over chunks of a list on every core (fork), or in-process when small."""

from __future__ import annotations

import contextlib
import os

_TASK = None  # (function, chunks) handed to forked workers; pickling them would cost more


def default_jobs() -> int:
    return os.cpu_count() or 1


def map_chunks(func, items, jobs: int, min_items: int = 300, alongside=None,
               advance=lambda count: None, per_job: int = 8, each=lambda result: result) -> list:
    """[each(func(chunk)) for each chunk of items]; chunks interleave items so work is even.
    `each` runs in this process as each result comes (to store and drop what need not be
    held till all are done). `alongside()`, if given, runs in this process meanwhile; its
    result comes last. `advance(n)` is told as each chunk of n items is done (a progress
    bar). `per_job` chunks a process: more even out the work, fewer share more of what a
    chunk works out."""
    import multiprocessing  # not for a build with nothing to do (20 ms)

    items = list(items)
    forkable = "fork" in multiprocessing.get_all_start_methods()
    extra = [] if alongside is None else [alongside]
    if jobs <= 1 or len(items) < min_items or not forkable:
        results = [each(func(items))]
        advance(len(items))
        return results + [f() for f in extra]
    count = jobs * per_job
    chunks = [items[i::count] for i in range(count)]
    global _TASK
    _TASK = (func, chunks)
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    # not multiprocessing.Pool: a worker killed there (the OOM killer, kill -9) is replaced
    # and its chunk forgotten, and the build waited for it for ever, holding its locks
    try:
        pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_die_with, initargs=(os.getpid(),))
        try:
            pending = [pool.submit(_run, n) for n in range(count)]
            mine = [f() for f in extra]
            done = {}
            for future in as_completed(pending):
                number, result = future.result()
                done[number] = each(result)
                advance(len(chunks[number]))
            return [done[n] for n in range(count)] + mine
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    except BrokenProcessPool:
        raise WorkerDied("a worker process stopped before its share was done (killed, or "
                         "out of memory)") from None
    finally:
        _TASK = None


def _die_with(parent: int) -> None:
    """A worker ends when the build does: one outliving a build killed (kill -9) held its
    locks, inherited, and the next build waited for it for ever."""
    import ctypes
    import signal

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # gone before that was set
        os._exit(1)


class WorkerDied(Exception):
    """A worker process ended without its result."""


def _run(number: int):
    func, chunks = _TASK
    return number, func(chunks[number])
