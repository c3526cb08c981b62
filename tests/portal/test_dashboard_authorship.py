"""A member cannot claim, overwrite or hide what is not theirs, whatever they send to /me/."""

import pytest
from django.urls import reverse

from publications.models import Authorship, LinkState, Publication
from publications.services import publication_import
from researchers.models import NameVariant
from tests.factories import ResearcherFactory, UserFactory
from tests.portal.test_dashboard import profile_data

pytestmark = pytest.mark.django_db

STRANGERS_PAPER = """@inproceedings{stanescu2023,
  title = {Sparse Attention for Long Documents},
  author = {Stanescu, Mirela and Popa, Andrei},
  booktitle = {ACL},
  year = {2023},
  doi = {10.5555/sparse.2023},
}
"""


@pytest.fixture
def mallory(db):
    """A member who would like more papers on their page."""
    return ResearcherFactory(name="Mallory Quist", user=UserFactory(username="mallory"))


@pytest.fixture
def mallory_client(client, mallory):
    client.force_login(mallory.user)
    return client


@pytest.fixture
def strangers_paper(db):
    publication_import(text=STRANGERS_PAPER)
    return Publication.objects.get()


def test_a_name_variant_a_member_adds_only_suggests_the_paper_and_grants_no_edit(
    mallory_client, mallory, strangers_paper
):
    response = mallory_client.post(
        reverse("me:record_add", args=["names"]), {"name": "Mirela Stanescu", "kind": "other"}
    )
    assert response.status_code == 302
    authorship = strangers_paper.authorships.get(position=1)
    assert (authorship.researcher, authorship.link_state) == (mallory, LinkState.SUGGESTED)
    assert not Publication.objects.for_member(mallory).exists()
    edit = reverse("me:publication_edit", args=[strangers_paper.pk])
    assert (
        mallory_client.post(edit, {"title": "Mine now", "kind": "inproceedings", "status": "published"}).status_code
        == 403
    )
    strangers_paper.refresh_from_db()
    assert strangers_paper.title == "Sparse Attention for Long Documents"


def test_a_rename_only_suggests_and_renaming_back_takes_the_suggestion_back(mallory_client, mallory, strangers_paper):
    mallory_client.post(reverse("me:profile"), profile_data(mallory, name="Mirela Stanescu"))
    authorship = strangers_paper.authorships.get(position=1)
    assert (authorship.researcher, authorship.link_state) == (mallory, LinkState.SUGGESTED)
    mallory.refresh_from_db()
    mallory_client.post(reverse("me:profile"), profile_data(mallory, name="Mallory Quist"))
    authorship.refresh_from_db()
    assert (authorship.researcher, authorship.link_state) == (None, LinkState.UNLINKED)


def test_a_self_entered_orcid_only_suggests(mallory_client, mallory, db):
    publication_import(text="@article{o, title={T}, author={Someone, Else}, year={2020}}")
    Authorship.objects.update(orcid="0000-0002-1825-0097")
    mallory_client.post(reverse("me:profile"), profile_data(mallory, orcid="0000-0002-1825-0097"))
    authorship = Authorship.objects.get()
    assert (authorship.researcher, authorship.link_state) == (mallory, LinkState.SUGGESTED)


def test_an_import_by_a_member_who_is_not_an_author_never_changes_the_stored_paper(
    mallory_client, mallory, strangers_paper
):
    hostile = STRANGERS_PAPER.replace(
        "year = {2023},", "year = {2023},\n  code = {https://evil.example/x},\n  note = {Retracted}"
    )
    response = mallory_client.post(reverse("me:bibtex_import"), {"text": hostile})
    assert response.status_code == 200
    assert "1 already in the lab" in response.content.decode()
    strangers_paper.refresh_from_db()
    assert (strangers_paper.code_url, strangers_paper.note) == ("", "")
    assert not Authorship.objects.filter(researcher=mallory).exists()


def test_a_member_importing_a_stored_paper_with_their_name_gets_a_suggestion_not_an_edit(client, strangers_paper):
    andrei = ResearcherFactory(name="Andrei Popa", user=UserFactory(username="andrei"))
    Authorship.objects.filter(position=2).update(researcher=None, link_state=LinkState.UNLINKED)
    client.force_login(andrei.user)
    hostile = STRANGERS_PAPER.replace("year = {2023},", "year = {2023},\n  video = {https://video.example/x},")
    client.post(reverse("me:bibtex_import"), {"text": hostile})
    strangers_paper.refresh_from_db()
    assert strangers_paper.video_url == ""
    authorship = strangers_paper.authorships.get(position=2)
    assert (authorship.researcher, authorship.link_state) == (andrei, LinkState.SUGGESTED)


def test_a_confirmed_co_author_import_fills_empty_fields(alice_client, alice, db):
    publication_import(text="@article{a, title={Shared}, author={Moreau, Alice}, year={2020}}", member=alice)
    alice_client.post(
        reverse("me:bibtex_import"),
        {"text": "@article{a, title={Shared}, author={Moreau, Alice}, year={2020}, code={https://github.com/a/b}}"},
    )
    assert Publication.objects.get().code_url == "https://github.com/a/b"


def test_a_lab_admin_approves_a_variant_and_it_confirms_what_it_named(admin_client_logged_in, mallory, strangers_paper):
    variant = NameVariant.objects.create(researcher=mallory, name="Mirela Stanescu", verified=False)
    page = admin_client_logged_in.get(reverse("admin:publications_identities")).content.decode()
    assert "Mirela Stanescu" in page and "Sparse Attention for Long Documents" in page
    admin_client_logged_in.post(reverse("admin:publications_identities"), {"variant": variant.pk})
    assert Publication.objects.for_member(mallory).get() == strangers_paper


def test_deleting_an_approved_variant_takes_back_exactly_what_it_linked(alice, db):
    publication_import(text="@article{a, title={T}, author={Moreau-Dubois, A.}, year={2020}}")
    publication_import(text="@article{b, title={U}, author={Moreau, Alice}, year={2021}}")
    variant = NameVariant.objects.create(researcher=alice, name="Moreau-Dubois, A.")
    assert Publication.objects.for_member(alice).count() == 2
    variant.delete()
    assert [paper.title for paper in Publication.objects.for_member(alice)] == ["U"]


def test_any_confirmed_paper_can_be_removed_from_ones_page_and_stays_removed(alice_client, alice, db):
    publication_import(text="@article{a, title={T}, author={Moreau, Alice}, year={2020}}")
    authorship = Authorship.objects.get()
    assert authorship.member == alice
    alice_client.post(reverse("me:authorship_decide", args=[authorship.pk, "reject"]))
    authorship.refresh_from_db()
    assert authorship.link_state == LinkState.REJECTED
    publication_import(text="@article{a, title={T}, author={Moreau, Alice}, year={2020}, pages={1--2}}")
    assert not Publication.objects.for_member(alice).exists()


def test_papers_from_someone_elses_import_are_new_on_the_page_until_kept(alice_client, alice, bob):
    publication_import(
        text="@article{a, title={Brought by Bob}, author={Okafor, Bob and Moreau, Alice}, year={2020}}", member=bob
    )
    overview = alice_client.get(reverse("me:overview")).content.decode()
    assert "1 paper new on your page" in overview
    page = alice_client.get(reverse("me:publications")).content.decode()
    assert "New on your page" in page and "Brought by Bob" in page
    authorship = Authorship.objects.get(researcher=alice)
    alice_client.post(reverse("me:authorship_decide", args=[authorship.pk, "keep"]))
    assert "New on your page" not in alice_client.get(reverse("me:publications")).content.decode()
    assert not Authorship.objects.get(researcher=bob).new_on_page  # his own import is not news to him


def test_a_member_cannot_keep_or_remove_another_members_paper(alice_client, bob, db):
    publication_import(text="@article{a, title={T}, author={Okafor, Bob}, year={2020}}")
    authorship = Authorship.objects.get()
    assert alice_client.post(reverse("me:authorship_decide", args=[authorship.pk, "reject"])).status_code == 403
    authorship.refresh_from_db()
    assert authorship.member == bob


# Commits for real: a test transaction never commits, and the page cache renews on commit.
@pytest.mark.django_db(transaction=True)
def test_a_command_line_import_linking_nobody_renews_the_lab_pages(client, settings, tmp_path):
    from django.core.management import call_command

    settings.PAGE_CACHE_SECONDS = 300
    assert "Fresh from the command line" not in client.get("/publications/").content.decode()
    bib = tmp_path / "papers.bib"
    bib.write_text("@article{a, title={Fresh from the command line}, author={Nobody, Known}, year={2024}}")
    call_command("import_bibtex", str(bib))
    assert "Fresh from the command line" in client.get("/publications/").content.decode()
    assert b"Fresh from the command line" in b"".join(client.get("/publications.bib").streaming_content)


def test_imported_papers_and_authorships_each_get_one_history_row(db, lab_admin):
    publication_import(text=STRANGERS_PAPER, by=lab_admin)
    paper = Publication.objects.get()
    assert [(row.history_type, row.title, row.history_user) for row in paper.history.all()] == [
        ("+", paper.title, lab_admin)
    ]
    assert Authorship.history.filter(publication_id=paper.pk, history_type="+").count() == 2


def author_data(publication, rows):
    """The paper form's POST with its author list: rows of (authorship or None, position, name, *, #, member)."""
    data = {
        "title": publication.title,
        "kind": publication.kind,
        "status": publication.status,
        "authors-TOTAL_FORMS": len(rows),
        "authors-INITIAL_FORMS": sum(row[0] is not None for row in rows),
        "authors-MIN_NUM_FORMS": 0,
        "authors-MAX_NUM_FORMS": 1000,
    }
    for index, (authorship, position, name, equal, corresponding, member) in enumerate(rows):
        prefix = f"authors-{index}-"
        data.update({f"{prefix}position": position, f"{prefix}name": name, f"{prefix}publication": publication.pk})
        if authorship is not None:
            data[f"{prefix}id"] = authorship.pk
        if equal:
            data[f"{prefix}equal_contribution"] = "on"
        if corresponding:
            data[f"{prefix}corresponding"] = "on"
        if member is not None:
            data[f"{prefix}researcher"] = member.pk
    return data


@pytest.fixture
def alices_paper(alice):
    publication_import(text="@article{a, title={Ours}, author={Moreau, Alice and Popa, Andrei}, year={2020}}")
    return Publication.objects.get()


def test_a_co_author_reorders_renames_and_marks_authors_in_the_paper_form(alice_client, alice, alices_paper):
    first, second = alices_paper.authorships.order_by("position")
    rows = [(first, 2, "Alice Moreau", True, False, alice), (second, 1, "Andrei Popa-Ionescu", True, True, None)]
    rows.append((None, 3, "Sam Stranger", False, False, None))
    response = alice_client.post(
        reverse("me:publication_edit", args=[alices_paper.pk]), author_data(alices_paper, rows)
    )
    assert response.status_code == 302
    authors = list(
        alices_paper.authorships.order_by("position").values_list("name", "equal_contribution", "corresponding")
    )
    assert authors == [
        ("Andrei Popa-Ionescu", True, True),
        ("Alice Moreau", True, False),
        ("Sam Stranger", False, False),
    ]
    alices_paper.refresh_from_db()
    assert alices_paper.authors_text == "Andrei Popa-Ionescu, Alice Moreau, Sam Stranger"
    assert Publication.objects.for_member(alice).get() == alices_paper


def test_linking_an_author_to_another_member_only_suggests_the_paper_to_them(alice_client, alice, bob, alices_paper):
    first, second = alices_paper.authorships.order_by("position")
    rows = [(first, 1, "Alice Moreau", False, False, alice), (second, 2, "Andrei Popa", False, False, bob)]
    alice_client.post(reverse("me:publication_edit", args=[alices_paper.pk]), author_data(alices_paper, rows))
    second.refresh_from_db()
    assert (second.researcher, second.link_state) == (bob, LinkState.SUGGESTED)
    assert not Publication.objects.for_member(bob).exists()


def test_a_co_author_cannot_unlink_or_drop_another_members_confirmed_link(client, alice, bob):
    publication_import(text="@article{a, title={Ours}, author={Moreau, Alice and Okafor, Bob}, year={2020}}")
    paper = Publication.objects.get()
    first, second = paper.authorships.order_by("position")
    client.force_login(alice.user)
    for rows in ([(first, 1, "Alice Moreau", False, False, alice), (second, 2, "Bob Okafor", False, False, None)],
                 [(first, 1, "Alice Moreau", False, False, alice), (second, 2, "", False, False, bob)]):  # fmt: skip
        response = client.post(reverse("me:publication_edit", args=[paper.pk]), author_data(paper, rows))
        assert response.status_code == 403
    second.refresh_from_db()
    assert second.member == bob


def test_a_lab_admin_links_an_author_at_once(admin_client_logged_in, alice, bob, alices_paper):
    first, second = alices_paper.authorships.order_by("position")
    rows = [(first, 1, "Alice Moreau", False, False, alice), (second, 2, "Andrei Popa", False, False, bob)]
    admin_client_logged_in.post(reverse("me:publication_edit", args=[alices_paper.pk]), author_data(alices_paper, rows))
    second.refresh_from_db()
    assert second.member == bob


def test_a_members_background_import_never_changes_a_paper_they_did_not_write(mallory, strangers_paper):
    from portal.jobs.services import job_run, job_start

    hostile = STRANGERS_PAPER.replace("year = {2023},", "year = {2023},\n  code = {https://evil.example/x},")
    job = job_start(
        owner=mallory.user,
        kind="bibtex_import",
        title="Import",
        params={"member": mallory.pk, "dry_run": False},
        payload=hostile,
    )
    job_run(job_id=job.pk)
    strangers_paper.refresh_from_db()
    assert strangers_paper.code_url == ""
