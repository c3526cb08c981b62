"""Large imports in real Chromium: the job's page refreshes itself, without JavaScript, until the worker is done."""

import re

from playwright.sync_api import expect

from publications.models import Venue
from tests.e2e.test_dashboard_pages import sign_in, signed_in
from tests.portal.test_jobs import bibtex, run_worker
from tests.portal.test_spreadsheet_jobs import venues_csv


def expect_a_waiting_job(page):
    """The job's own page, before a worker has picked the job up."""
    expect(page).to_have_url(re.compile(r"/me/jobs/\d+/$"))
    expect(page.locator(".job-state")).to_contain_text("Waiting to start")
    expect(page.locator("progress")).to_be_visible()


def test_a_large_import_shows_its_job_page_until_the_worker_has_finished(server, alice, context_factory, screenshots):
    page = context_factory(java_script_enabled=False).new_page()
    page.goto(f"{server}/me/publications/import/")
    sign_in(page)
    page.get_by_label("or paste BibTeX").fill(bibtex(300))
    page.get_by_role("button", name="Import").click()

    expect_a_waiting_job(page)
    expect(page.locator("h1")).to_have_text("Import of 300 BibTeX entries")
    job_url = page.url

    run_worker()

    # The page asks for itself again every two seconds (a meta refresh: scripts are off here).
    expect(page.get_by_role("heading", name="Import finished")).to_be_visible(timeout=10_000)
    expect(page.get_by_text("300 created, 0 merged")).to_be_visible()
    expect(page.locator("progress")).to_have_count(0)
    screenshots(job_url, "job-finished", prepare=signed_in())


def test_a_large_sheet_is_previewed_by_a_job_and_confirmed_there(server, lab_admin, context_factory, screenshots):
    page = context_factory(java_script_enabled=False).new_page()
    page.goto(f"{server}/accounts/login/")
    sign_in(page, username="admin")
    page.goto(f"{server}/admin/publications/venue/import/")
    page.set_input_files("#id_import_file", files=[sheet("venues.csv", venues_csv(400))])
    page.select_option("#id_format", label="csv")
    page.get_by_role("button", name="Submit").click()

    expect_a_waiting_job(page)
    preview_url = page.url

    run_worker()

    expect(page.get_by_role("heading", name="Preview")).to_be_visible(timeout=10_000)
    expect(page.get_by_text("400 new.")).to_be_visible()
    expect(page.locator("table.import-preview tbody tr")).to_have_count(400)
    screenshots(preview_url, "spreadsheet-preview", prepare=signed_in_as_admin)
    page.get_by_role("button", name="Confirm import").click()
    expect(page.locator(".job-state")).to_contain_text("Waiting to start")
    run_worker()
    expect(page.get_by_text("Every row was written.")).to_be_visible(timeout=10_000)
    assert Venue.objects.count() == 400


def sheet(name, text):
    return {"name": name, "mimeType": "text/csv", "buffer": text.encode()}


def signed_in_as_admin(page):
    if "/accounts/login/" in page.url:
        sign_in(page, username="admin")
