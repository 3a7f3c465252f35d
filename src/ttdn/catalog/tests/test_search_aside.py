"""Counting aside (search/aside.py, ADR 0016): a whole-archive search counts its matches
on a second connection while it ranks them, when the engine can (PostgreSQL, outside a
transaction). Whatever the order things are answered in, the response is the one the
search gives when it counts first."""

from __future__ import annotations

import datetime
import time
from concurrent.futures import Future

import pytest
from django.db import OperationalError, connection, transaction

from ttdn.catalog.search import aside, planner
from ttdn.catalog.search.aside import Pending

SMALL = {"TTDN_CATALOG_RANK_REST": 3, "TTDN_CATALOG_RANK_ALL": 10, "TTDN_CATALOG_COUNT_CAP": 100}


class _NotYet(Future):
    """An answer that is not ready until it is asked for, then worked out on this
    connection: the planner sees a count still running, deterministically."""

    def __init__(self, question) -> None:
        super().__init__()
        self._question = question

    def done(self) -> bool:
        return False

    def result(self, timeout=None):
        return self._question()


def _request(query: str, *, facets: bool = False, **extra):
    from ttdn.catalog.search.base import SearchRequest, Visibility
    from ttdn.catalog.search.query import parse_query

    return SearchRequest(query=parse_query(query), visibility=Visibility(everything=True),
                         mode="all", facets=facets, **extra)  # fmt: skip


def _answer(response) -> tuple:
    return (response.total, response.total_capped, response.ranked, response.window_from,
            response.notices, [(h.doc_id, h.tier) for h in response.hits],
            response.facets, response.facets_sampled)  # fmt: skip


def _items(make_item, days: list[datetime.date], words: str = "Hợp tác Việt – Lào") -> None:
    for number, day in enumerate(days):
        make_item(f"{words} số {number}", status="published", published_on=day)


def _every(start: datetime.date, count: int, step: int) -> list[datetime.date]:
    return [start + datetime.timedelta(days=step * n) for n in range(count)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "case, pages, expected",
    [
        # 6 matches over 50 days: the newest 4 expect 6.6 (≤ 8 of a window of 10), and so
        # it is: ranked once, while counting.
        ("spread", [0], (6, False, 6, False)),
        # the newest 4, spread over years, expect 6; the 12 before them came in 12 days:
        # ranked while counting, then again from the window's end.
        ("old_and_dense", [0, "edge"], (16, False, 10, True)),
        # the newest 4 came in 4 days of three years: 1,000 expected, so counted first.
        ("new_and_dense", ["counted"], (8, False, 8, False)),
    ],
)
def test_the_page_ranked_while_counting_is_the_page_ranked_after(make_item, settings,
                                                                 monkeypatch, case, pages,
                                                                 expected):  # fmt: skip
    """On both engines, with a count made to be still running when the planner looks."""
    from ttdn.catalog.search.base import get_backend

    for name, value in SMALL.items():
        setattr(settings, name, value)
    if case == "spread":
        _items(make_item, _every(datetime.date(2023, 1, 1), 6, 10))
    elif case == "old_and_dense":
        make_item("Tin khác", status="published", published_on=datetime.date(2015, 1, 1))
        _items(make_item, _every(datetime.date(2015, 1, 2), 12, 1)
               + _every(datetime.date(2018, 1, 1), 4, 700))  # fmt: skip
    else:
        make_item("Tin khác", status="published", published_on=datetime.date(2021, 1, 1))
        _items(make_item, _every(datetime.date(2023, 12, 1), 8, 1))
    backend = get_backend()
    first = _answer(backend.search(_request("hop tac")))  # counted first (in a transaction)
    assert (*first[:3], first[3] is not None) == expected

    ranked: list = []
    real_page = planner._page
    counted: list = []

    def page(backend, request, hits, *args):
        ranked.append("edge" if hits.low else ("counted" if counted else 0))
        return real_page(backend, request, hits, *args)

    def ask_aside(question, /, *args, **kwargs):
        def asked():
            counted.append(question)
            return question(*args, **kwargs)

        return Pending(_NotYet(asked), asked)

    monkeypatch.setattr(planner, "_page", page)
    monkeypatch.setattr(backend, "can_ask_aside", lambda: True)
    monkeypatch.setattr(backend, "ask_aside", ask_aside)
    assert _answer(backend.search(_request("hop tac"))) == first
    assert ranked == pages and len(counted) == 1


def test_an_answer_that_failed_on_the_other_connection_is_asked_again_here():
    failed: Future = Future()
    failed.set_exception(OperationalError("terminating connection due to administrator command"))
    assert Pending(failed, lambda: (7, None)).result() == (7, None)
    assert Pending.answered(3).ready() and Pending.answered(3).result() == 3


@pytest.mark.django_db
def test_inside_a_transaction_nothing_is_asked_aside():
    """Another connection would not see what the transaction wrote (every test that rolls
    back; a request with ATOMIC_REQUESTS): the question is answered at once, here."""
    from ttdn.catalog.search.base import get_backend

    backend = get_backend()
    assert connection.in_atomic_block
    assert not aside.possible() and not backend.can_ask_aside()
    pending = backend.ask_aside(lambda: connection.in_atomic_block)
    assert pending.ready() and pending.result() is True


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite never asks aside: FTS5 counts inside this process, with no server to work "
    "beside the caller (search/aside.py). The planner's side of counting aside is checked on "
    "both engines above.",
)
def test_outside_a_transaction_postgresql_counts_on_another_connection(committed,
                                                                       transactional_db,
                                                                       make_item, settings,
                                                                       monkeypatch):  # fmt: skip
    """Committed data, a search outside any transaction: the count goes to a worker's
    connection (another server process), the response is the one counted first; a worker
    whose connection died answers again here and then reconnects; `shutdown` closes them."""
    from ttdn.catalog.search.base import get_backend

    for name, value in SMALL.items():
        setattr(settings, name, value)
    _items(make_item, _every(datetime.date(2023, 1, 1), 6, 10))
    _items(make_item, _every(datetime.date(2024, 1, 1), 30, 3), words="Cửa Lò du lịch")
    backend = get_backend()
    requests = [_request("hop tac"), _request("cua lo"), _request("hop tac", offset=2),
                _request("cua lo", facets=True)]  # fmt: skip
    with transaction.atomic():
        first = [_answer(backend.search(request)) for request in requests]
    asked = []
    real_ask = aside.ask
    monkeypatch.setattr(aside, "ask", lambda *a, **k: asked.append(a) or real_ask(*a, **k))
    try:
        assert aside.possible()
        assert [_answer(backend.search(request)) for request in requests] == first
        assert len(asked) == len(requests)
        here = _pid()
        assert aside.ask(_pid).result() != here  # another server process

        with connection.cursor() as cursor:  # the workers' connections die
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        assert [_answer(backend.search(request)) for request in requests] == first
        assert [_answer(backend.search(request)) for request in requests] == first
        assert aside.ask(_pid).result() != here  # connected again
    finally:
        aside.shutdown()
    for _ in range(50):  # the server process ends just after its client has closed
        if not _others():
            break
        time.sleep(0.05)
    assert _others() == 0


def _pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _others() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                       "current_database() AND pid <> pg_backend_pid()")  # fmt: skip
        return cursor.fetchone()[0]
