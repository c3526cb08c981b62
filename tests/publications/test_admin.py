from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from publications.models import Authorship, LinkState, Publication
from publications.services import publication_import

BIB = "@article{a, title={Shared Paper}, author={Moreau, A. and Okafor, Bob}, year={2024}, journal={TMLR}}"
IMPORT_URL = reverse("admin:publications_publication_import_bibtex")


def test_admin_imports_an_uploaded_file_for_a_member(admin_client_logged_in, alice, bob):
    upload = SimpleUploadedFile("papers.bib", BIB.encode("utf-8"))
    response = admin_client_logged_in.post(IMPORT_URL, {"file": upload, "member": alice.pk})
    page = response.content.decode()
    assert response.status_code == 200 and "1 created" in page
    paper = Publication.objects.get()
    assert {author.member for author in paper.authorships.all()} == {None, bob}
    # "Moreau, A." is not exactly one of Alice's names: she is suggested, never confirmed by the file.
    assert paper.authorships.get(position=1).researcher == alice


def test_admin_dry_run_previews_without_writing(admin_client_logged_in, alice):
    response = admin_client_logged_in.post(IMPORT_URL, {"text": BIB, "dry_run": "on"})
    assert "Dry run: nothing was written" in response.content.decode()
    assert not Publication.objects.exists()


def test_admin_import_lists_skipped_entries_with_their_reasons(admin_client_logged_in):
    response = admin_client_logged_in.post(IMPORT_URL, {"text": BIB + "\n@article{empty, year=2020}"})
    assert "empty (line 2): it has no title" in response.content.decode()


def test_admin_import_asks_for_input(admin_client_logged_in):
    response = admin_client_logged_in.post(IMPORT_URL, {"text": "  "})
    assert "Choose a .bib file or paste BibTeX entries." in response.content.decode()


def test_members_without_admin_rights_cannot_import(client, alice):
    client.force_login(alice.user)
    client.post(IMPORT_URL, {"text": BIB})
    assert not Publication.objects.exists()


def test_suggestion_queue_confirms_and_rejects(admin_client_logged_in, alice, bob, lab_admin):
    publication_import(text=BIB)
    suggestion = Authorship.objects.get(link_state=LinkState.SUGGESTED)
    changelist = reverse("admin:publications_authorship_changelist")
    queue = admin_client_logged_in.get(changelist, {"link_state__exact": "suggested"}).content.decode()
    assert "A. Moreau" in queue and "Bob Okafor" not in queue
    admin_client_logged_in.post(changelist, {"action": "reject", "_selected_action": [suggestion.pk]})
    suggestion.refresh_from_db()
    assert (suggestion.link_state, suggestion.decided_by) == (LinkState.REJECTED, lab_admin)
    admin_client_logged_in.post(changelist, {"action": "confirm", "_selected_action": [suggestion.pk]})
    suggestion.refresh_from_db()
    assert suggestion.member == alice
