"""Rendered papers are cached under a digest of all they show, so an edit is never served stale."""

import pytest
from django.core.cache import cache
from django.template import Context, Template
from django.template.loader import render_to_string

from publications.models import Publication
from tests.factories import AuthorshipFactory, PublicationFactory

pytestmark = pytest.mark.django_db

TAG = Template('{% load papers %}{% paper publication owner=owner id_prefix="selected" %}')


def rendered(publication_pk, owner=None):
    publication = Publication.objects.with_authors().get(pk=publication_pk)
    return TAG.render(Context({"publication": publication, "owner": owner}))


@pytest.fixture
def paper(alice, bob):
    paper = PublicationFactory(title="Caching papers", authors=["Wei Zhang"])
    AuthorshipFactory(publication=paper, position=2, name="Alice Moreau", researcher=alice, link_state="confirmed")
    AuthorshipFactory(publication=paper, position=3, name="B. Okafor", researcher=bob, link_state="suggested")
    return paper


def test_the_tag_renders_exactly_what_the_partial_renders(paper, alice):
    publication = Publication.objects.with_authors().get(pk=paper.pk)
    expected = render_to_string(
        "publications/_publication.html", {"publication": publication, "owner": alice, "id_prefix": "selected"}
    )
    assert rendered(paper.pk, alice) == expected
    assert rendered(paper.pk, alice) == expected  # and again, from the cache


def test_a_second_render_comes_from_the_cache(paper, alice, monkeypatch):
    rendered(paper.pk, alice)
    monkeypatch.setattr("publications.templatetags.papers.render_to_string", lambda *args, **kwargs: 1 / 0)
    assert "Caching papers" in rendered(paper.pk, alice)


def retitle(paper, alice, bob):
    Publication.objects.filter(pk=paper.pk).update(title="Renamed paper")


def confirm_bob(paper, alice, bob):
    paper.authorships.filter(researcher=bob).update(link_state="confirmed")


def move_alice(paper, alice, bob):
    type(alice).objects.filter(pk=alice.pk).update(slug="alice-m")


def rename_first_author(paper, alice, bob):
    paper.authorships.filter(position=1).update(name="Wei Q. Zhang")


def add_code(paper, alice, bob):
    Publication.objects.filter(pk=paper.pk).update(code_url="https://github.com/x/y")


@pytest.mark.parametrize(
    "change, shows",
    [
        (retitle, "Renamed paper"),
        (confirm_bob, "/people/bob-okafor/"),
        (move_alice, "/people/alice-m/"),
        (rename_first_author, "Wei Q. Zhang"),
        (add_code, "https://github.com/x/y"),
    ],
)
def test_any_change_to_what_a_paper_shows_renders_it_anew(paper, alice, bob, change, shows):
    before = rendered(paper.pk, alice)
    assert shows not in before
    change(paper, alice, bob)  # update(): no signal, no save, nothing told the cache
    assert shows in rendered(paper.pk, alice)


def test_a_member_whose_page_is_hidden_is_no_longer_linked(paper, alice):
    assert 'href="/people/alice-moreau/"' in rendered(paper.pk)
    type(alice).objects.filter(pk=alice.pk).update(visibility="hidden")
    assert 'href="/people/alice-moreau/"' not in rendered(paper.pk)


def test_the_page_owner_is_part_of_the_key(paper, alice, bob):
    assert "<strong>Alice Moreau</strong>" in rendered(paper.pk, alice)
    assert "<strong>Alice Moreau</strong>" not in rendered(paper.pk, bob)
    assert len([key for key in cache._cache if "paper:" in key]) == 2
