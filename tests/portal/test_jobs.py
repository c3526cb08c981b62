"""Large imports and batches of e-mail run as background jobs, with a page showing their progress."""

import os
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from portal.jobs import services
from portal.jobs.models import Job
from portal.jobs.services import job_cancel, job_run, job_start
from publications.forms import BACKGROUND_IMPORT_ENTRIES, MAX_IMPORT_ENTRIES, count_entries
from publications.models import Authorship, Publication, Venue
from tests.factories import PublicationFactory, ResearcherFactory

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("me:bibtex_import")
ADMIN_IMPORT_URL = reverse("admin:publications_publication_import_bibtex")


def bibtex(count, start=0):
    return "\n".join(
        f"@article{{paper{number}, title={{A study numbered {number}}}, author={{Moreau, Alice and Person, Other}}, "
        f"journal={{Journal {number % 7}}}, year={{{2000 + number % 25}}}}}"
        for number in range(start, start + count)
    )


@pytest.fixture
def immediate_tasks(settings):
    """Jobs run as soon as they are queued, inside the request: for testing the pages around them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def shared_cache(settings, tmp_path):
    """The cache a worker and the app servers share: Redis when REDIS_URL names one, else files, as in `make run`."""
    if url := os.environ.get("REDIS_URL"):
        backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
        # Its own prefix, and a minute's life for anything else the site caches meanwhile.
        settings.CACHES = {"default": {**backend, "KEY_PREFIX": f"test-jobs-{os.getpid()}", "TIMEOUT": 60}}
    else:
        backend = {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": tmp_path / "cache"}
        settings.CACHES = {"default": backend}
    yield
    # Only this test's keys: clearing a Redis cache would empty the whole database it shares.
    jobs = Job.objects.values_list("pk", flat=True)
    cache.delete_many([key.format(pk=pk) for pk in jobs for key in (services.PROGRESS_KEY, services.CANCEL_KEY)])


def run_worker():
    """The database backend's own worker, once over everything queued."""
    call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0)


def test_entries_are_counted_without_parsing_however_they_are_laid_out():
    text = "@string{j = {J}}\n@comment{x}\n@article{a, title={T}}@inproceedings( b, title={U})\n% me@example.org\n"
    assert count_entries(text) == 2
    assert count_entries(bibtex(BACKGROUND_IMPORT_ENTRIES)) == BACKGROUND_IMPORT_ENTRIES


def test_a_60000_entry_paste_is_refused_at_once_and_nothing_is_parsed_or_queued(alice_client, monkeypatch):
    def must_not_run(**kwargs):
        raise AssertionError("the import ran inside the request")

    monkeypatch.setattr("portal.dashboard.views.publication_import", must_not_run)
    tiny = "".join(f"@a{{k{number},}}" for number in range(60_000))

    response = alice_client.post(IMPORT_URL, {"text": tiny})

    assert response.status_code == 400
    assert f"This holds 60,000 entries; one import takes at most {MAX_IMPORT_ENTRIES:,}" in response.content.decode()
    assert not Job.objects.exists()
    assert not DBTaskResult.objects.exists()
    assert not Publication.objects.exists()


def test_a_paste_larger_than_the_form_limit_is_refused(alice_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    response = alice_client.post(IMPORT_URL, {"text": bibtex(20_000)})
    assert response.status_code == 400
    assert not Publication.objects.exists()


def test_a_request_body_over_the_limit_is_refused_before_it_is_read(alice_client, settings):
    settings.MAX_REQUEST_BYTES = 1000
    response = alice_client.post(IMPORT_URL, {"text": "x" * 2000})
    assert response.status_code == 413
    assert "at most" in response.content.decode()


def test_a_large_paste_is_queued_and_the_page_answers_with_its_job(alice_client, alice, monkeypatch):
    monkeypatch.setattr("portal.dashboard.views.publication_import", None)  # never called for a large file

    response = alice_client.post(IMPORT_URL, {"text": bibtex(300)})

    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == job.get_absolute_url()
    assert (job.owner, job.kind, job.state, job.total) == (alice.user, "bibtex_import", Job.State.QUEUED, 300)
    assert DBTaskResult.objects.get().task_path == "portal.jobs.tasks.run_job"
    assert not Publication.objects.exists()
    page = alice_client.get(job.get_absolute_url()).content.decode()
    assert "Waiting to start" in page
    assert '<meta http-equiv="refresh"' in page
    assert "<progress" in page


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_runs_a_queued_import_to_its_report(client):
    alice = ResearcherFactory(name="Alice Moreau")
    from tests.factories import UserFactory

    alice.user = UserFactory(username="alice")
    alice.save()
    client.force_login(alice.user)
    job_url = client.post(IMPORT_URL, {"text": bibtex(300)})["Location"]

    run_worker()

    job = Job.objects.get()
    assert job.state == Job.State.DONE
    assert (job.done, job.total, job.payload) == (300, 300, "")
    assert Publication.objects.count() == 300
    assert Authorship.objects.filter(researcher=alice).count() == 300
    page = client.get(job_url).content.decode()
    assert "Import finished" in page
    assert "300 created, 0 merged" in page
    assert '<meta http-equiv="refresh"' not in page


def test_a_large_dry_run_shows_the_same_preview_and_writes_nothing(alice_client, immediate_tasks):
    response = alice_client.post(IMPORT_URL, {"text": bibtex(300), "dry_run": "on"}, follow=True)

    page = response.content.decode()
    assert Job.objects.get().state == Job.State.DONE
    assert "Dry run: nothing was written" in page
    assert "Dry run, nothing written: would have 300 created" in page
    assert not Publication.objects.exists()
    assert not Venue.objects.exists()


def test_a_few_entries_with_very_long_fields_go_to_the_worker_too(alice_client):
    long_abstract = "Words of a long abstract. " * 12_000
    text = f"@article{{long, title={{Long}}, author={{Moreau, Alice}}, year={{2020}}, abstract={{{long_abstract}}}}}"

    response = alice_client.post(IMPORT_URL, {"text": text})

    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert job.title == "Import of 1 BibTeX entry"
    assert not Publication.objects.exists()


def test_a_small_paste_is_still_imported_in_the_request(alice_client):
    response = alice_client.post(IMPORT_URL, {"text": bibtex(3)})
    assert response.status_code == 200
    assert "3 created" in response.content.decode()
    assert not Job.objects.exists()


def test_the_admin_queues_a_large_import_for_the_member_it_names(admin_client_logged_in, alice, immediate_tasks):
    response = admin_client_logged_in.post(ADMIN_IMPORT_URL, {"text": bibtex(250), "member": alice.pk})

    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert job.state == Job.State.DONE
    assert Authorship.objects.filter(researcher=alice).count() == 250
    assert "250 created" in admin_client_logged_in.get(response["Location"]).content.decode()


def test_the_admin_refuses_an_import_over_the_limit_too(admin_client_logged_in):
    response = admin_client_logged_in.post(ADMIN_IMPORT_URL, {"text": bibtex(MAX_IMPORT_ENTRIES + 1)})
    assert response.status_code == 400
    assert f"one import takes at most {MAX_IMPORT_ENTRIES:,}" in response.content.decode()
    assert not Job.objects.exists() and not Publication.objects.exists()


def test_a_job_page_is_for_its_owner_and_lab_admins_only(client, alice, bob, lab_admin):
    job = job_start(owner=alice.user, kind="bibtex_import", title="Import", params={"dry_run": False}, payload="x")
    url = job.get_absolute_url()

    assert client.get(url).status_code == 302  # a visitor signs in first
    client.force_login(bob.user)
    assert client.get(url).status_code == 403
    assert client.post(reverse("jobs:cancel", args=[job.pk])).status_code == 403
    assert "Import" not in client.get(reverse("jobs:list")).content.decode()
    client.force_login(alice.user)
    assert client.get(url).status_code == 200
    client.force_login(lab_admin)
    assert client.get(url).status_code == 200
    assert client.get(reverse("jobs:detail", args=[job.pk + 1])).status_code == 404
    job.refresh_from_db()
    assert job.state == Job.State.QUEUED


def test_a_job_cancelled_while_queued_never_runs(alice_client, alice):
    job_url = alice_client.post(IMPORT_URL, {"text": bibtex(300)})["Location"]
    job = Job.objects.get()

    alice_client.post(reverse("jobs:cancel", args=[job.pk]))
    job_run(job_id=job.pk)

    job.refresh_from_db()
    assert job.state == Job.State.CANCELLED
    assert job.payload == ""
    assert not Publication.objects.exists()
    assert "was cancelled" in alice_client.get(job_url).content.decode()


def test_cancelling_a_running_import_rolls_back_everything_it_wrote(alice, monkeypatch, shared_cache):
    stored = PublicationFactory(title="A study numbered 1", year=2001, venue_text="")
    job = job_start(
        owner=alice.user,
        kind="bibtex_import",
        title="Import",
        params={"member": alice.pk, "dry_run": False},
        payload=bibtex(600),
    )
    seen = []

    class CancelledHalfway(services.Progress):
        """The owner presses Cancel once the import has written venues and merged a stored paper."""

        def __call__(self, done, total):
            seen.append(done)
            if done >= 250:
                job_cancel(job=self.job)
            super().__call__(done, total)

    monkeypatch.setattr(services, "Progress", CancelledHalfway)
    publications, venues = Publication.objects.count(), Venue.objects.count()

    job_run(job_id=job.pk)

    job.refresh_from_db()
    assert job.state == Job.State.CANCELLED
    assert seen == [0, 250]
    assert (Publication.objects.count(), Venue.objects.count()) == (publications, venues)
    stored.refresh_from_db()
    assert stored.venue_text == ""  # the merge that had filled it is undone
    assert not Authorship.objects.filter(researcher=alice).exists()


def test_a_running_jobs_page_shows_its_live_progress_and_offers_to_cancel(alice_client, alice, shared_cache):
    job = job_start(owner=alice.user, kind="bibtex_import", title="Import", params={"dry_run": False}, payload="x")
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING)
    services.Progress(job)(750, 3000)

    page = alice_client.get(job.get_absolute_url()).content.decode()

    assert "Running: 750 of 3000" in page
    assert '<progress id="job-progress" value="750" max="3000">' in page
    assert reverse("jobs:cancel", args=[job.pk]) in page
    alice_client.post(reverse("jobs:cancel", args=[job.pk]))
    with pytest.raises(services.JobCancelled):
        services.Progress(job)(1000, 3000)


def test_a_failing_job_reports_the_failure_and_keeps_nothing(alice):
    job = job_start(
        owner=alice.user,
        kind="bibtex_import",
        title="Import",
        params={"member": alice.pk + 1000, "dry_run": False},  # a member who does not exist
        payload=bibtex(5),
    )
    job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert "nothing was written" in job.errors[0]
    assert not Publication.objects.exists()


def test_inviting_many_members_sends_the_mails_from_a_job(admin_client_logged_in, immediate_tasks):
    members = [ResearcherFactory(emails=f"member{number}@example.org") for number in range(12)]
    members.append(ResearcherFactory(emails=""))

    response = admin_client_logged_in.post(
        reverse("admin:researchers_researcher_changelist"),
        {"action": "invite", "_selected_action": [member.pk for member in members]},
    )

    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert job.state == Job.State.DONE
    assert len(mail.outbox) == 12
    page = admin_client_logged_in.get(response["Location"]).content.decode()
    assert "12 sent, 1 not sent." in page


def test_the_job_pages_make_the_same_few_queries_however_many_jobs(alice_client, alice, django_assert_max_num_queries):
    for number in range(30):
        job_start(owner=alice.user, kind="bibtex_import", title=f"Import {number}", params={"dry_run": True})
    job = Job.objects.first()
    with django_assert_max_num_queries(6):
        listing = alice_client.get(reverse("jobs:list"))
    with django_assert_max_num_queries(6):
        detail = alice_client.get(job.get_absolute_url())
    assert listing.content.decode().count('href="/me/jobs/') == 30
    assert detail.status_code == 200 and detail["Cache-Control"] == "private, no-store"


def test_lab_admins_see_every_job_in_the_admin_and_cannot_edit_them(admin_client_logged_in, alice):
    job = job_start(owner=alice.user, kind="bibtex_import", title="Alice's import", params={"dry_run": True})
    listing = admin_client_logged_in.get(reverse("admin:portal_job_changelist"))
    assert "Alice&#x27;s import" in listing.content.decode()
    page = admin_client_logged_in.get(reverse("admin:portal_job_change", args=[job.pk]))
    assert page.status_code == 200
    assert 'name="payload"' not in page.content.decode()
    assert admin_client_logged_in.get(reverse("admin:portal_job_add")).status_code == 403


def test_a_job_page_says_what_cancelling_keeps_by_whether_the_job_undoes_its_writes(alice_client, alice):
    atomic = job_start(owner=alice.user, kind="bibtex_import", title="Import", params={"dry_run": False}, payload="x")
    partial = job_start(owner=alice.user, kind="invitations", title="Invitations", params={}, payload="")

    assert "Nothing the job wrote is kept." in alice_client.get(atomic.get_absolute_url()).content.decode()
    page = alice_client.get(partial.get_absolute_url()).content.decode()
    assert "What the job finished before stopping is kept." in page
    assert "Nothing the job wrote is kept" not in page

    response = alice_client.post(reverse("jobs:cancel", args=[partial.pk]), follow=True)
    page = response.content.decode()
    assert "what it finished before stopping is kept" in page
    assert "what it finished before stopping was kept" in page
    assert "nothing it would have written was kept" not in page


def running_since(job, minutes):
    """The job as a worker left it when it was killed `minutes` ago, mid-way."""
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, started=timezone.now() - timedelta(minutes=minutes))
    job.refresh_from_db()
    return job


@pytest.mark.parametrize("kind, kept", [("bibtex_import", "nothing it wrote was kept"), ("invitations", "is kept")])
def test_a_job_whose_worker_died_is_marked_failed_when_its_page_is_looked_at(alice_client, alice, settings, kind, kept):
    job = running_since(
        job_start(owner=alice.user, kind=kind, title="Work", payload="x"), settings.JOB_SILENT_MINUTES + 1
    )

    page = alice_client.get(job.get_absolute_url()).content.decode()

    job.refresh_from_db()
    assert job.state == Job.State.FAILED and job.payload == "" and job.finished
    assert "The worker running this job stopped" in page and kept in page
    assert 'http-equiv="refresh"' not in page


def test_a_slow_job_that_still_shows_signs_of_life_keeps_running(alice_client, alice, settings, shared_cache):
    job = running_since(job_start(owner=alice.user, kind="bibtex_import", title="Import", payload="x"), 60)
    services.Progress(job)(250, 3000)  # a step a moment ago

    page = alice_client.get(job.get_absolute_url()).content.decode()

    assert Job.objects.get(pk=job.pk).state == Job.State.RUNNING
    assert "Running: 250 of 3000" in page and 'http-equiv="refresh"' in page


def test_the_job_list_marks_silent_jobs_failed_and_leaves_recent_ones(alice_client, alice, settings):
    silent = running_since(job_start(owner=alice.user, kind="bibtex_import", title="Old", payload="x"), 600)
    recent = running_since(job_start(owner=alice.user, kind="bibtex_import", title="New", payload="x"), 1)

    page = alice_client.get(reverse("jobs:list")).content.decode()

    assert Job.objects.get(pk=silent.pk).state == Job.State.FAILED
    assert Job.objects.get(pk=recent.pk).state == Job.State.RUNNING
    assert "lost its worker" in page


def test_a_job_marked_failed_is_not_revived_by_the_reaper_once_finished(alice):
    job = running_since(job_start(owner=alice.user, kind="bibtex_import", title="Import", payload="x"), 600)
    Job.objects.filter(pk=job.pk).update(state=Job.State.DONE)  # the slow worker finished meanwhile

    assert services.jobs_fail_silent([job]) == []  # the stale copy still says running …
    assert Job.objects.get(pk=job.pk).state == Job.State.DONE  # … but the finished result stands
