"""Shared fixtures: the default data is loaded once per test database, users on demand."""

from __future__ import annotations

import pytest

from ttdn.accounts.choices import Role


def _load_default_data() -> None:
    from ttdn.agencies.services import agencies_load_default
    from ttdn.plans.services import plans_load_default
    from ttdn.reporting.services.defaults import indicators_ensure
    from ttdn.reporting.services.reminders import reminder_rules_ensure

    agencies_load_default()
    plans_load_default()
    indicators_ensure()
    reminder_rules_ensure()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the default agencies and plan 978 once; every test runs in a rolled-back copy."""
    with django_db_blocker.unblock():
        _load_default_data()
    yield
    # Searches outside a transaction count on connections of their own
    # (catalog/search/aside.py): closed before the test databases are dropped.
    from ttdn.catalog.search import aside

    aside.shutdown()


@pytest.fixture
def committed(django_db_blocker):
    """For a test that must commit (another connection reads what it wrote): request it
    before `transactional_db`, whose flush at the end empties every table — the default
    data is loaded again after it, for the tests that follow in this process."""
    yield
    with django_db_blocker.unblock():
        _load_default_data()


@pytest.fixture(autouse=True)
def _fresh_process_caches():
    """Process-level caches keyed by primary keys must not outlive a rolled-back test."""
    from ttdn.reporting.selectors import dashboard

    dashboard._CACHE.clear()
    yield
    dashboard._CACHE.clear()


@pytest.fixture
def make_user(db):
    from ttdn.accounts.models import User
    from ttdn.agencies.models import Agency

    def make(role: str = Role.OFFICER, agency: str | None = "so-ngoai-vu", **extra) -> User:
        username = extra.pop("username", f"{role}-{agency or 'none'}")
        user = User(
            username=username,
            role=role,
            agency=Agency.objects.get(code=agency) if agency else None,
            is_staff=role == Role.ADMIN,
            is_superuser=role == Role.ADMIN,
            **extra,
        )
        user.set_password("correct horse battery")
        user.full_clean()
        user.save()
        return user

    return make


@pytest.fixture
def officer(make_user):
    return make_user(Role.OFFICER, "so-ngoai-vu")


@pytest.fixture
def coordinator(make_user):
    return make_user(Role.COORDINATOR, "so-vhttdl")


@pytest.fixture
def head(make_user):
    return make_user(Role.HEAD, "so-ngoai-vu")


@pytest.fixture
def leader(make_user):
    return make_user(Role.LEADER, "ubnd-tinh")


@pytest.fixture
def english():
    """Messages in English, for tests that match a service's sentence."""
    from django.utils import translation

    with translation.override("en"):
        yield


def pytest_report_header(config):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"TTĐN test database engine: {engine}"
