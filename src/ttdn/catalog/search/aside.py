"""Questions asked beside a search, on a second database connection (ADR 0016).

Counting every match of a whole-archive search visits each one's row: on PostgreSQL at a
million documents, 35–55 ms for two syllables with 30,000–60,000 matches, more than the
rest of the search together. Nothing else in the search needs the number (the ranking
needs only to know that there are not more matches than it ranks, which the planner can
usually tell from the newest matches it already read), so the engine may count on
another connection while this one ranks: the server does both at once, on two cores.

`Pending` is such an answer. An engine that cannot or need not ask aside (SQLite; or
inside a transaction, whose writes another connection would not see — every test that
rolls back, for one) gives a `Pending` that is answered already.

Each worker thread keeps its own connection open between searches (opening one costs a
new server process and its cold caches), so a server process holds up to `WORKERS` more
connections to the database than it would otherwise. A question that fails on the
worker's connection (the server restarted, the connection timed out) closes it (Django's
atomic block mostly has already), and the caller asks again on its own. `shutdown()`
closes them all: the test session calls it before its databases are dropped.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Generic, TypeVar

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections

from ttdn.catalog import conf

T = TypeVar("T")
WORKERS = 2  # two searches counting at once in one server process; a third waits

_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None
_opened: list = []  # each worker thread's connection, closed by shutdown()


class Pending(Generic[T]):
    """An answer that may still be being worked out on another connection."""

    def __init__(self, future: Future, again: Callable[[], T]) -> None:
        self._future, self._again = future, again

    @classmethod
    def answered(cls, value: T) -> Pending[T]:
        future: Future = Future()
        future.set_result(value)
        return cls(future, lambda: value)

    def ready(self) -> bool:
        return self._future.done()

    def result(self) -> T:
        """The answer, waiting for it if need be; asked again on this thread's connection
        when the other one failed."""
        try:
            return self._future.result()
        except DatabaseError:
            return self._again()


def possible() -> bool:
    """Whether a question can go to another connection now: allowed by the setting, and
    outside a transaction (another connection would not see what this one wrote in it)."""
    return bool(conf.get("TTDN_CATALOG_COUNT_ASIDE")) and not connection.in_atomic_block


def ask(question: Callable[..., T], /, *args, **kwargs) -> Pending[T]:
    """`question(*args, **kwargs)` on a worker thread's connection (the caller checked
    `possible()`)."""
    global _pool
    with _lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(
                max_workers=WORKERS, thread_name_prefix="ttdn-search-aside", initializer=_started
            )
        future = _pool.submit(_asked, question, args, kwargs)
    return Pending(future, lambda: question(*args, **kwargs))


def shutdown() -> None:
    """Stop the worker threads and close their connections."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
        opened = list(_opened)
        _opened.clear()
    if pool is not None:
        pool.shutdown(wait=True)
    for worker_connection in opened:
        worker_connection.close()


def _started() -> None:
    worker_connection = connections[DEFAULT_DB_ALIAS]
    worker_connection.inc_thread_sharing()  # so that shutdown() may close it from its thread
    with _lock:
        _opened.append(worker_connection)


def _asked(question: Callable[..., T], args, kwargs) -> T:
    try:
        return question(*args, **kwargs)
    except DatabaseError:
        connection.close()  # opened again by the next question
        raise
