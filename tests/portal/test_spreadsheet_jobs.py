"""Large spreadsheets in the admin's import are previewed and imported by background jobs."""

import os

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from import_export.tmp_storages import TempFolderStorage

from portal.jobs import services
from portal.jobs.models import Job
from portal.jobs.services import job_cancel, job_run
from publications.models import Venue
from researchers.models import Researcher
from tests.factories import UserFactory
from tests.portal.test_jobs import run_worker, shared_cache  # noqa: F401 -- shared_cache is a fixture

pytestmark = pytest.mark.django_db

VENUE_IMPORT_URL = reverse("admin:publications_venue_import")
RESEARCHER_IMPORT_URL = reverse("admin:researchers_researcher_import")


def venues_csv(count, bad_row=None):
    lines = ["name,short_name,kind"]
    for number in range(1, count + 1):
        kind = "nonsense" if number == bad_row else "journal"
        lines.append(f"Journal of Things {number},JT{number},{kind}")
    return "\n".join(lines) + "\n"


def upload(client, url, data, name="sheet.csv"):
    return client.post(url, {"import_file": SimpleUploadedFile(name, data.encode()), "format": "0", "resource": "0"})


def stored_sheet(job):
    return TempFolderStorage(name=job.params["storage"], encoding="utf-8-sig", read_mode="r")


def previewed(client, data):
    """Upload a sheet and let the worker run its preview; returns the preview job."""
    upload(client, VENUE_IMPORT_URL, data)
    job = Job.objects.get(kind="spreadsheet_preview")
    job_run(job_id=job.pk)
    job.refresh_from_db()
    return job


def test_a_1000_row_sheet_is_queued_and_the_request_writes_no_row(admin_client_logged_in, lab_admin):
    response = upload(admin_client_logged_in, VENUE_IMPORT_URL, venues_csv(1000))

    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == job.get_absolute_url()
    assert (job.owner, job.kind, job.state, job.total) == (lab_admin, "spreadsheet_preview", Job.State.QUEUED, 1000)
    assert job.title == "Preview of sheet.csv (1,000 rows) into venues"
    assert "Journal of Things 1000" in stored_sheet(job).read()
    assert not Venue.objects.exists()


def test_a_1000_row_sheet_of_researchers_is_queued_too(admin_client_logged_in):
    lines = ["slug,name,role"] + [f"member-{number},Member {number},phd" for number in range(1000)]

    response = upload(admin_client_logged_in, RESEARCHER_IMPORT_URL, "\n".join(lines))

    assert response["Location"] == Job.objects.get(kind="spreadsheet_preview").get_absolute_url()
    assert not Researcher.objects.exists()


@pytest.mark.parametrize("model", ["researchers_cventry", "publications_publication", "news_newsitem"])
def test_large_sheets_of_the_other_imports_are_queued_as_well(admin_client_logged_in, model):
    lines = ["title"] + [f"Title {number}" for number in range(300)]

    response = upload(admin_client_logged_in, reverse(f"admin:{model}_import"), "\n".join(lines))

    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert (job.kind, job.total, job.params["model"]) == ("spreadsheet_preview", 300, model.replace("_", ".", 1))


def test_a_small_sheet_is_still_previewed_in_the_request(admin_client_logged_in):
    response = upload(admin_client_logged_in, VENUE_IMPORT_URL, venues_csv(5))

    assert response.status_code == 200
    assert "Confirm import" in response.content.decode()
    assert not Job.objects.exists()
    assert not Venue.objects.exists()


def test_the_preview_lists_every_row_and_the_row_errors_by_row_and_column(admin_client_logged_in):
    job = previewed(admin_client_logged_in, venues_csv(1000, bad_row=500))

    assert job.state == Job.State.DONE
    assert (job.done, job.total) == (1000, 1000)
    report = job.report
    assert report["dry_run"] and report["failed"]
    assert report["totals"] == {"new": 999, "invalid": 1}
    assert len(report["rows"]) == 1000 and report["more_rows"] == 0
    assert report["rows"][0] == {"number": 1, "action": "new", "values": ["Journal of Things 1", "JT1", "journal"]}
    assert report["rows"][499]["action"] == "invalid"
    [error] = report["errors"]
    assert (error["row"], error["column"]) == (500, "kind")
    assert "nonsense" in error["message"]
    page = admin_client_logged_in.get(job.get_absolute_url()).content.decode()
    assert '<tr class="new"><td>1</td>' in page
    assert "<td>500</td><td>kind</td>" in page
    assert "Confirm import" not in page
    assert not Venue.objects.exists()


def test_a_preview_with_errors_cannot_be_confirmed(admin_client_logged_in):
    job = previewed(admin_client_logged_in, venues_csv(300, bad_row=2))

    admin_client_logged_in.post(reverse("jobs:confirm_import", args=[job.pk]))

    assert not Job.objects.filter(kind="spreadsheet_import").exists()
    assert not Venue.objects.exists()


def test_confirming_a_clean_preview_imports_every_row_in_a_second_job(admin_client_logged_in, lab_admin):
    preview = previewed(admin_client_logged_in, venues_csv(1000))
    assert "Confirm import" in admin_client_logged_in.get(preview.get_absolute_url()).content.decode()

    response = admin_client_logged_in.post(reverse("jobs:confirm_import", args=[preview.pk]))

    job = Job.objects.get(kind="spreadsheet_import")
    assert response["Location"] == job.get_absolute_url()
    assert job.title == "Import of sheet.csv (1,000 rows) into venues"
    assert not Venue.objects.exists()  # the worker writes, not the request
    job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.state == Job.State.DONE
    assert job.report["totals"] == {"new": 1000}
    assert Venue.objects.count() == 1000
    assert Venue.objects.get(name="Journal of Things 1000").kind == Venue.Kind.JOURNAL
    assert LogEntry.objects.filter(user=lab_admin, action_flag=ADDITION).count() == 1000  # as the admin logs them
    assert not os.path.exists(stored_sheet(job).get_full_path())  # the stored sheet is removed once imported
    assert "Every row was written" in admin_client_logged_in.get(job.get_absolute_url()).content.decode()
    # A second confirm of the same preview imports nothing more.
    admin_client_logged_in.post(reverse("jobs:confirm_import", args=[preview.pk]))
    assert Job.objects.filter(kind="spreadsheet_import").count() == 1


def test_cancelling_the_import_writes_no_row(admin_client_logged_in, monkeypatch, shared_cache):  # noqa: F811
    preview = previewed(admin_client_logged_in, venues_csv(1000))
    admin_client_logged_in.post(reverse("jobs:confirm_import", args=[preview.pk]))
    job = Job.objects.get(kind="spreadsheet_import")
    seen = []

    class CancelledHalfway(services.Progress):
        """The admin presses Cancel once half the rows are written."""

        def __call__(self, done, total):
            seen.append(done)
            if done == 500:
                job_cancel(job=self.job)
            super().__call__(done, total)

    monkeypatch.setattr(services, "Progress", CancelledHalfway)

    job_run(job_id=job.pk)

    job.refresh_from_db()
    assert job.state == Job.State.CANCELLED
    assert seen[-1] == 500
    assert not Venue.objects.exists()


def venue_importer(username):
    return UserFactory(username=username, is_staff=True, permissions=["view_venue", "add_venue", "change_venue"])


def test_a_sheets_jobs_are_for_the_admin_who_started_them_and_lab_admins(client, lab_admin, alice):
    carol, dave = venue_importer("carol"), venue_importer("dave")
    client.force_login(carol)
    preview = previewed(client, venues_csv(300))
    assert client.get(preview.get_absolute_url()).status_code == 200

    for other in (dave, alice.user):
        client.force_login(other)
        assert client.get(preview.get_absolute_url()).status_code == 403
        assert client.post(reverse("jobs:confirm_import", args=[preview.pk])).status_code == 403
    assert not Job.objects.filter(kind="spreadsheet_import").exists()

    client.force_login(lab_admin)
    assert client.get(preview.get_absolute_url()).status_code == 200
    client.force_login(carol)
    client.post(reverse("jobs:confirm_import", args=[preview.pk]))
    job_run(job_id=Job.objects.get(kind="spreadsheet_import").pk)
    assert Venue.objects.count() == 300


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_previews_and_imports_a_queued_sheet(client):
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    preview_url = upload(client, VENUE_IMPORT_URL, venues_csv(250))["Location"]

    run_worker()

    assert "250 new" in client.get(preview_url).content.decode()
    import_url = client.post(reverse("jobs:confirm_import", args=[Job.objects.get().pk]))["Location"]
    assert not Venue.objects.exists()
    run_worker()
    assert Venue.objects.count() == 250
    assert "Every row was written" in client.get(import_url).content.decode()
