"""Production settings: media not served by Django, HSTS preload only on request, private pages not
cached, object storage from the environment, and `check --deploy` clean."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "SITE_URL": "https://lab.example.org",
    "SECRET_KEY": "x" * 60 + "-a-long-random-production-key",
    "DATABASE_URL": "sqlite:///:memory:",
}


def settings_under(environment, expression):
    """The value of a Python expression over portal.settings, loaded in a fresh process with `environment`."""
    env = {key: value for key, value in os.environ.items() if key not in {"SITE_URL", "SERVE_MEDIA", "HSTS_PRELOAD"}}
    env.update(environment)
    script = f"import portal.settings as s; print(repr({expression}))"
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip()


def test_under_https_django_does_not_serve_media():
    assert settings_under(PRODUCTION, "s.SERVE_MEDIA") == "False"
    assert settings_under({}, "s.SERVE_MEDIA") == "True"


def test_hsts_preload_is_opt_in():
    assert settings_under(PRODUCTION, "(s.SECURE_HSTS_SECONDS > 0, s.SECURE_HSTS_PRELOAD)") == "(True, False)"
    assert settings_under({**PRODUCTION, "HSTS_PRELOAD": "1"}, "s.SECURE_HSTS_PRELOAD") == "True"


def test_object_storage_comes_from_the_environment():
    url = "s3://KEY:SEC%2FRET@labfolio-media/uploads?endpoint_url=https://objects.example.org&region_name=eu-1"
    backend = settings_under({"MEDIA_STORAGE_URL": url}, "s.STORAGES['default']")
    assert "researchers.storage.MediaS3Storage" in backend
    for part in ("'bucket_name': 'labfolio-media'", "'location': 'uploads'", "'secret_key': 'SEC/RET'",
                 "'endpoint_url': 'https://objects.example.org'", "'region_name': 'eu-1'"):  # fmt: skip
        assert part in backend


def test_check_deploy_is_clean_with_production_variables():
    env = {**os.environ, **PRODUCTION}
    env.pop("DEBUG", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("address", ["me:overview", "me:profile"])
def test_the_dashboard_is_never_kept_by_a_cache(address, alice, client):
    client.force_login(alice.user)
    response = client.get(reverse(address))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_the_admin_is_never_kept_by_a_cache(admin_client_logged_in):
    response = admin_client_logged_in.get(reverse("admin:researchers_researcher_changelist"))
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_public_pages_stay_cacheable(alice, client):
    assert "private" not in client.get(alice.get_absolute_url()).get("Cache-Control", "")
