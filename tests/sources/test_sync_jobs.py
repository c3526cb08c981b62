"""Syncing members' works runs as a background job: started from the researchers' admin, from a member's
dashboard, or periodically; its page counts members and lists each one's errors, and an error changes nothing."""

from datetime import timedelta
from io import StringIO

import httpx
import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from portal.importers.sources import services
from portal.importers.sources.jobs import periodic_sync_start
from portal.importers.sources.recordings import replaying_transport
from portal.jobs.models import Job
from publications.models import MemberMetrics, Publication, SourceSync, WorkProposal
from tests.factories import PublicationFactory, ResearcherFactory, UserFactory

pytestmark = pytest.mark.django_db

RESEARCHERS_ADMIN = reverse("admin:researchers_researcher_changelist")
UNKNOWN_ORCID = "0000-0002-1825-0097"


@pytest.fixture
def online(settings):
    settings.SCHOLARLY_SOURCES_ONLINE = True
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def sources(monkeypatch, recorded):
    """The sources answer from recordings; anything asked about UNKNOWN_ORCID gets a server error."""
    replay = replaying_transport(recorded)

    def answer(request):
        if UNKNOWN_ORCID in str(request.url):
            return httpx.Response(500, text="Internal Server Error")
        return replay.handle_request(request)

    real = services.get_source
    monkeypatch.setattr(
        services, "get_source", lambda name, transport=None: real(name, transport=httpx.MockTransport(answer))
    )


@pytest.fixture
def stranger(db):
    """A member whose ORCID iD the sources fail on."""
    return ResearcherFactory(name="Josiah Carberry", slug="carberry", orcid=UNKNOWN_ORCID, orcid_verified=True)


def sync_from_admin(client, *members):
    return client.post(
        RESEARCHERS_ADMIN, {"action": "sync_works", "_selected_action": [member.pk for member in members]}
    )


def test_the_admin_syncs_the_selected_members_as_a_job_counting_members(admin_client_logged_in, scott, online, sources):
    unverified = ResearcherFactory(name="No Identifier", orcid="")
    answer = sync_from_admin(admin_client_logged_in, scott, unverified)
    job = Job.objects.get()
    assert answer.status_code == 302 and answer["Location"] == job.get_absolute_url()
    assert (job.kind, job.state, job.done, job.total) == ("works_sync", Job.State.DONE, 1, 1)
    assert job.params["members"] == [scott.pk]
    assert WorkProposal.objects.filter(researcher=scott).count() == 70
    assert job.report["proposed"] == 70
    # The recorded OpenAlex author is a colleague of Scott's: refused, and said so.
    assert job.report["errors"] == ["Scott Chamberlain · OpenAlex: OpenAlex answered with another author (A5068835581)"]
    response = admin_client_logged_in.get(answer["Location"])
    page = response.content.decode()
    assert "Finished: 1 of 1" in page
    assert "1 member synced" in page and "70 new proposals" in page
    assert "Scott Chamberlain · ORCID:" in page
    warnings = [str(message) for message in get_messages(response.wsgi_request)]
    assert warnings == ["Left out, with neither a verified ORCID iD nor an OpenAlex id: No Identifier."]


def test_a_members_failing_source_is_in_the_jobs_report_and_the_admin_and_changes_nothing(
    admin_client_logged_in, scott, stranger, online, sources
):
    PublicationFactory(title="Kept", citation_count=5)
    before = list(Publication.objects.values())
    answer = sync_from_admin(admin_client_logged_in, scott, stranger)
    job = Job.objects.get()
    assert (job.state, job.done, job.total) == (Job.State.DONE, 2, 2)
    errors = [line for line in job.report["errors"] if line.startswith("Josiah Carberry · ")]
    assert len(errors) == 2 and all("HTTP 500" in line for line in errors)
    page = admin_client_logged_in.get(answer["Location"]).content.decode()
    assert "3 errors" in page and "Josiah Carberry · ORCID:" in page and "Josiah Carberry · OpenAlex:" in page
    # The failing member's sources changed nothing; the other member was synced all the same.
    assert not WorkProposal.objects.filter(researcher=stranger).exists()
    assert not MemberMetrics.objects.filter(researcher=stranger).exists()
    assert list(Publication.objects.values()) == before
    assert WorkProposal.objects.filter(researcher=scott).count() == 70
    assert SourceSync.objects.filter(researcher=stranger, ok=False).count() == 2
    assert (
        "Josiah Carberry"
        in admin_client_logged_in.get(reverse("admin:publications_sourcesync_changelist")).content.decode()
    )


def test_an_unreadable_answer_is_one_members_error_and_the_sync_goes_on(scott, stranger, monkeypatch, recorded):
    real = services.get_source

    def source(name, transport=None):
        client = real(name, transport=replaying_transport(recorded))
        read = client.member_works

        def member_works(member):
            if member == stranger:
                raise KeyError("group")  # an answer shaped as the parser never saw
            return read(member)

        client.member_works = member_works
        return client

    monkeypatch.setattr(services, "get_source", source)
    report = services.works_sync_members(members=[stranger, scott])
    assert report["errors"][:2] == [
        f"Josiah Carberry · ORCID: {services.UNEXPECTED_ERROR}",
        f"Josiah Carberry · OpenAlex: {services.UNEXPECTED_ERROR}",
    ]
    assert WorkProposal.objects.filter(researcher=scott).count() == 70
    assert SourceSync.objects.filter(researcher=stranger, error=services.UNEXPECTED_ERROR).count() == 2


def test_offline_the_admin_says_so_and_starts_no_job(admin_client_logged_in, scott, settings):
    settings.SCHOLARLY_SOURCES_ONLINE = False
    answer = sync_from_admin(admin_client_logged_in, scott)
    assert answer.status_code == 302 and answer["Location"] == RESEARCHERS_ADMIN
    assert not Job.objects.exists() and not SourceSync.objects.exists()


def test_a_member_asks_for_their_works_from_the_dashboard_once_an_hour(client, scott, online, sources):
    scott.user = UserFactory(username="scott")
    scott.save()
    client.force_login(scott.user)
    assert "Look for new works now" in client.get(reverse("me:proposals")).content.decode()
    answer = client.post(reverse("me:works_sync"))
    job = Job.objects.get()
    assert answer["Location"] == job.get_absolute_url()
    assert (job.owner, job.state, job.total) == (scott.user, Job.State.DONE, 1)
    assert WorkProposal.objects.filter(researcher=scott).count() == 70
    again = client.post(reverse("me:works_sync"))
    assert again["Location"] == job.get_absolute_url() and Job.objects.count() == 1
    Job.objects.update(created=timezone.now() - timedelta(hours=2))
    client.post(reverse("me:works_sync"))
    assert Job.objects.count() == 2


def test_a_member_without_a_verified_orcid_id_cannot_start_a_sync(client, alice, online):
    alice.orcid, alice.orcid_verified = "0000-0002-1825-0097", False
    alice.save()
    client.force_login(alice.user)
    assert "Look for new works now" not in client.get(reverse("me:proposals")).content.decode()
    assert client.post(reverse("me:works_sync"))["Location"] == reverse("me:proposals")
    assert not Job.objects.exists()


def test_the_lab_wide_sync_is_due_every_so_many_hours_counted_from_the_last_one(lab_admin, scott, wang):
    job, wait = periodic_sync_start(hours=24)
    assert (job.kind, job.owner, job.params["scope"], job.total) == ("works_sync", lab_admin, "lab", 2)
    assert wait == 24 * 3600
    assert periodic_sync_start(hours=24)[0] is None  # still waiting for the worker
    Job.objects.update(state=Job.State.DONE, created=timezone.now() - timedelta(hours=20))
    job, wait = periodic_sync_start(hours=24)
    assert job is None and 4 * 3600 - 60 < wait <= 4 * 3600
    # A member's own sync does not postpone the lab's.
    Job.objects.create(owner=lab_admin, kind="works_sync", params={"scope": f"member:{scott.pk}", "members": []})
    Job.objects.filter(params__scope="lab").update(created=timezone.now() - timedelta(hours=25))
    assert periodic_sync_start(hours=24)[0] is not None


def test_without_a_superuser_no_lab_wide_sync_is_queued(scott):
    assert periodic_sync_start(hours=24)[0] is None
    assert not Job.objects.exists()


class LoopStopped(Exception):
    pass


def test_the_sync_loop_queues_a_job_then_sleeps_until_the_next_is_due(lab_admin, scott, settings, monkeypatch):
    from portal.management.commands import sync_works

    settings.SCHOLARLY_SOURCES_ONLINE, settings.SCHOLARLY_SYNC_HOURS = True, 6
    slept = []

    def sleep(seconds):
        slept.append(seconds)
        if len(slept) == 2:
            raise LoopStopped

    monkeypatch.setattr(sync_works.time, "sleep", sleep)
    out = StringIO()
    with pytest.raises(LoopStopped):
        call_command("sync_works", "--every", stdout=out)
    assert slept == [6 * 3600, 6 * 3600]
    assert Job.objects.filter(kind="works_sync", params__scope="lab").count() == 1  # not twice in a row
    assert "every 6 hours" in out.getvalue() and "Queued: Works of every member" in out.getvalue()


@pytest.mark.parametrize(("online_setting", "hours"), [(False, 24), (True, 0)])
def test_the_sync_loop_ends_at_once_when_the_sync_is_off(lab_admin, scott, settings, online_setting, hours):
    settings.SCHOLARLY_SOURCES_ONLINE, settings.SCHOLARLY_SYNC_HOURS = online_setting, hours
    out = StringIO()
    call_command("sync_works", "--every", stdout=out)
    assert "is off" in out.getvalue()
    assert not Job.objects.exists()
