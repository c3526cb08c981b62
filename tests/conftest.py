"""Personas shared by every test: a lab admin, two members and a visitor."""

from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command

from tests.factories import ResearcherFactory, UserFactory


def pytest_collection_modifyitems(config, items):
    """The whole XSS corpus runs only when the marker expression names it (CI's own step runs
    `-m xss_full`); otherwise its tests are deselected, and the sampled ones cover every class."""
    if "xss_full" in (config.getoption("markexpr") or ""):
        return
    kept = [item for item in items if item.get_closest_marker("xss_full") is None]
    if len(kept) < len(items):
        config.hook.pytest_deselected(items=[item for item in items if item.get_closest_marker("xss_full")])
        items[:] = kept


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads go to a temporary folder, never into var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache(settings):
    """Each test starts with an empty cache of its own, as the database starts empty.

    Memory, not the files under var/: test runs sharing a checkout must not see each other's
    entries. The page cache and the member-page cache are off so that query budgets measure the
    views; their tests turn them on.
    """
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.PAGE_CACHE_SECONDS = 0
    settings.MEMBER_CACHE_SECONDS = 0
    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Personas have passwords; hashing them the production way would dominate the suite's time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def simple_static_storage(settings):
    """Tests render templates without running collectstatic first."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def lab_admin(db):
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def alice(db):
    """A PhD student with an account."""
    return ResearcherFactory(name="Alice Moreau", user=UserFactory(username="alice"))


@pytest.fixture
def bob(db):
    """A postdoc with an account."""
    return ResearcherFactory(name="Bob Okafor", role="postdoc", position="Postdoc", user=UserFactory(username="bob"))


@pytest.fixture
def save_committed(django_capture_on_commit_callbacks):
    """save_committed(row, **fields): set the fields and save, then run the on-commit work a real
    commit would (removing replaced files, for one); returns the row."""

    def save(row, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            for name, value in fields.items():
                setattr(row, name, value)
            row.save()
        return row

    return save


@pytest.fixture
def visitor(client):
    """An anonymous visitor."""
    return client


@pytest.fixture
def alice_client(client, alice):
    """Alice, signed in."""
    client.force_login(alice.user)
    return client


@pytest.fixture
def admin_client_logged_in(client, lab_admin):
    client.force_login(lab_admin)
    return client


def seed_demo(*args):
    """Run the seed_demo command; what it printed."""
    output = StringIO()
    call_command("seed_demo", *args, stdout=output)
    return output.getvalue()


@pytest.fixture
def demo_output(db):
    """The demo lab, seeded; what the command printed."""
    return seed_demo()
