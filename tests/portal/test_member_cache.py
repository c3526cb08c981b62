"""Member pages are kept rendered, and a committed change to anything one shows renders it anew.

Each test fetches a page once before the change, so its head and body are cached, then checks
that the next anonymous visit shows the change; changes that a page does not show leave its
cached fragments alone. The tests commit for real: the cache learns of a change on commit.
"""

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from news.models import Post
from portal.caching.member_pages import fragment_key
from publications.services import (
    authorship_confirm,
    authorship_link,
    authorship_reject,
    authorships_relink,
    authorships_select,
    publication_import,
)
from researchers.models import Lab
from tests.factories import (
    AuthorshipFactory,
    CVEntryFactory,
    LinkFactory,
    NameVariantFactory,
    NewsItemFactory,
    PostFactory,
    PublicationFactory,
    ResearcherFactory,
    ResearchInterestFactory,
    ResearchThemeFactory,
    SupervisorFactory,
    VenueFactory,
)
from tests.portal.test_dashboard import profile_data

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def member_cache_on(settings):
    settings.MEMBER_CACHE_SECONDS = 300


def page(member):
    """The member's page as an anonymous visitor gets it."""
    response = Client().get(member.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def authored(*members, **fields):
    """A paper on which `members` are confirmed authors, in that order."""
    paper = PublicationFactory(**fields)
    for position, member in enumerate(members, start=1):
        AuthorshipFactory(publication=paper, position=position, researcher=member, confirmed=True)
    return paper


def edit(row, **fields):
    """Change the row's fields and save it, as an editor would."""
    for name, value in fields.items():
        setattr(row, name, value)
    row.save()


def authorship_of(member, paper):
    return paper.authorships.get(researcher=member)


# Served from the cache


def test_a_second_visit_is_served_from_the_cache_in_one_query(alice, bob, django_assert_num_queries):
    authored(alice, bob, title="Caching the right things")
    first = page(alice)
    with django_assert_num_queries(1):
        second = page(alice)
    assert second == first
    assert "Caching the right things" in second


def test_without_the_member_cache_every_visit_renders_the_page(alice, bob, settings):
    settings.MEMBER_CACHE_SECONDS = 0
    authored(alice, bob, title="Caching the right things")
    page(alice)
    with CaptureQueriesContext(connection) as queries:
        page(alice)
    assert len(queries) > 1


# The member's own profile


@pytest.mark.parametrize(
    "field, value, shown",
    [
        ("bio", "Works on **freshness**.", "<strong>freshness</strong>"),
        ("position", "Research scientist", '<p class="profile-position">Research scientist'),
        ("availability", "Looking for *interns*.", "<em>interns</em>"),
        ("visibility", "unlisted", '<meta name="robots" content="noindex">'),
    ],
)
def test_a_saved_profile_field_shows(alice, field, value, shown):
    assert shown not in page(alice)
    edit(alice, **{field: value})
    assert shown in page(alice)


def test_a_member_saving_their_profile_on_the_dashboard_sees_it(alice):
    assert "<strong>robust</strong>" not in page(alice)
    member = Client()
    member.force_login(alice.user)
    response = member.post(reverse("me:profile"), profile_data(alice, bio="I study **robust** learning."))
    assert response.status_code == 302
    assert "I study <strong>robust</strong> learning." in page(alice)


def test_marking_a_member_as_alumni_in_the_admin_shows_on_their_page(alice, admin_client_logged_in):
    assert "badge-alumni" not in page(alice)
    response = admin_client_logged_in.post(
        reverse("admin:researchers_researcher_changelist"),
        {"action": "mark_as_alumni", "_selected_action": [alice.pk]},
    )
    assert response.status_code == 302
    assert '<p class="badge badge-alumni">Alumni' in page(alice)


@pytest.mark.parametrize(
    "add, shown",
    [
        (lambda member: LinkFactory(researcher=member, url="https://github.com/alice-m"), "https://github.com/alice-m"),
        (
            lambda member: ResearchInterestFactory(researcher=member, title="Certified robustness"),
            "Certified robustness",
        ),
        (lambda member: CVEntryFactory(researcher=member, title="Best Paper Award"), "Best Paper Award"),
        (lambda member: SupervisorFactory(researcher=member, name="Prof. Ada Lovelace"), "Prof. Ada Lovelace"),
    ],
    ids=["link", "research interest", "CV entry", "supervisor"],
)
def test_a_record_added_to_a_profile_shows(alice, add, shown):
    assert shown not in page(alice)
    add(alice)
    assert shown in page(alice)


def test_an_edited_link_shows(alice):
    link = LinkFactory(researcher=alice, url="https://github.com/alice-m")
    assert "https://github.com/alice-m" in page(alice)
    edit(link, url="https://github.com/amoreau")
    assert "https://github.com/amoreau" in page(alice)
    assert "https://github.com/alice-m" not in page(alice)


def test_a_deleted_link_goes(alice):
    link = LinkFactory(researcher=alice, url="https://github.com/alice-m")
    assert "https://github.com/alice-m" in page(alice)
    link.delete()
    assert "https://github.com/alice-m" not in page(alice)


def test_a_renamed_supervisor_from_the_lab_shows_on_their_supervisees_page(alice, bob):
    SupervisorFactory(researcher=alice, member=bob, name="")
    assert "Bob Okafor" in page(alice)
    edit(bob, name="Bob O. Okafor")
    assert "Bob O. Okafor" in page(alice)


# Papers


def test_an_edited_paper_title_shows_on_its_authors_pages(alice, bob):
    paper = authored(alice, bob, title="Caching the right things")
    assert "Caching the right things" in page(alice) + page(bob)
    edit(paper, title="Caching only the right things")
    assert "Caching only the right things" in page(alice)
    assert "Caching only the right things" in page(bob)


def test_a_renamed_venue_shows_on_the_pages_of_its_papers_authors(alice):
    venue = VenueFactory(name="Workshop on Stale Caches")
    authored(alice, venue=venue)
    assert "Workshop on Stale Caches" in page(alice)
    edit(venue, name="Conference on Fresh Caches")
    assert "Conference on Fresh Caches" in page(alice)


def test_a_confirmed_suggestion_puts_the_paper_on_the_members_page(alice, bob):
    paper = authored(alice, title="Caching the right things")
    suggestion = AuthorshipFactory(publication=paper, name="B. Okafor", researcher=bob, link_state="suggested")
    assert "Caching the right things" not in page(bob)
    assert 'href="/people/bob-okafor/"' not in page(alice)
    authorship_confirm(authorship=suggestion, by=bob.user)
    assert "Caching the right things" in page(bob)
    assert 'href="/people/bob-okafor/"' in page(alice)


def unlink_by_hand(authorship, admin):
    edit(authorship, researcher=None, link_state="unlinked")


@pytest.mark.parametrize(
    "unlink",
    [
        lambda authorship, admin: authorship_reject(authorship=authorship, by=admin),
        lambda authorship, admin: authorship_link(
            authorship=authorship, researcher=ResearcherFactory(name="Bo Okafor"), by=admin
        ),
        unlink_by_hand,
    ],
    ids=["rejected", "linked to someone else", "unlinked by hand"],
)
def test_an_author_link_taken_away_removes_the_paper_from_the_members_page(alice, bob, lab_admin, unlink):
    paper = authored(alice, bob, title="Caching the right things")
    assert "Caching the right things" in page(bob)
    unlink(authorship_of(bob, paper), lab_admin)
    assert "Caching the right things" not in page(bob)
    assert 'href="/people/bob-okafor/"' not in page(alice)


def test_a_deleted_paper_leaves_its_authors_pages(alice, bob):
    paper = authored(alice, bob, title="Caching the right things")
    assert "Caching the right things" in page(alice) + page(bob)
    paper.delete()
    assert "Caching the right things" not in page(alice)
    assert "Caching the right things" not in page(bob)


def in_a_theme(alice, bob):
    ResearchThemeFactory(researcher=alice, title="Robustness at scale").publications.add(authored(bob))


@pytest.mark.parametrize(
    "list_bobs_paper", [authored, in_a_theme], ids=["paper they wrote together", "theme listing bob's paper"]
)
def test_a_co_authors_new_address_shows_on_the_other_members_page(alice, bob, list_bobs_paper):
    list_bobs_paper(alice, bob)
    assert 'href="/people/bob-okafor/"' in page(alice)
    edit(bob, slug="bob-o")
    assert 'href="/people/bob-o/"' in page(alice)
    assert 'href="/people/bob-okafor/"' not in page(alice)


@pytest.mark.parametrize(
    "leave",
    [lambda member: edit(member, visibility="hidden"), lambda member: member.delete()],
    ids=["hidden", "deleted"],
)
def test_a_co_author_who_left_the_site_is_no_longer_linked_from_the_other_authors_page(alice, bob, leave):
    authored(alice, bob)
    assert 'href="/people/bob-okafor/"' in page(alice)
    leave(bob)
    assert 'href="/people/bob-okafor/"' not in page(alice)
    assert "Bob Okafor" in page(alice)  # still named among the authors


# Selected publications


def test_choosing_selected_papers_shows_them_in_the_chosen_order(alice):
    first = authored(alice, title="First paper", year=2021)
    second = authored(alice, title="Second paper", year=2022)
    third = authored(alice, title="Third paper", year=2023)
    assert "Recent publications" in page(alice)

    authorships_select(
        researcher=alice, choices={authorship_of(alice, first).pk: 1, authorship_of(alice, second).pk: 2}
    )
    shown = page(alice)
    assert "Selected publications" in shown and "Third paper" not in shown
    assert shown.index("First paper") < shown.index("Second paper")

    authorships_select(
        researcher=alice, choices={authorship_of(alice, first).pk: 2, authorship_of(alice, second).pk: 1}
    )
    shown = page(alice)
    assert shown.index("Second paper") < shown.index("First paper")
    assert third.title not in shown


# Research themes


def test_a_new_research_theme_shows(alice):
    assert "Robustness at scale" not in page(alice)
    ResearchThemeFactory(researcher=alice, title="Robustness at scale")
    assert "Robustness at scale" in page(alice)


def test_an_edited_theme_description_shows(alice):
    theme = ResearchThemeFactory(researcher=alice, title="Robustness at scale")
    assert "Robustness at scale" in page(alice)
    edit(theme, description="Models that **hold up**.")
    assert "Models that <strong>hold up</strong>." in page(alice)


@pytest.mark.parametrize(
    "add",
    [lambda theme, paper: theme.publications.add(paper), lambda theme, paper: paper.themes.add(theme)],
    ids=["added to the theme", "theme added to the paper"],
)
def test_a_paper_added_to_a_theme_shows_among_its_works(alice, add):
    theme = ResearchThemeFactory(researcher=alice, title="Robustness at scale")
    paper = authored(alice)
    assert "Representative works" not in page(alice)
    add(theme, paper)
    assert "Representative works (1)" in page(alice)


@pytest.mark.parametrize(
    "remove",
    [lambda theme, paper: theme.publications.remove(paper), lambda theme, paper: paper.themes.remove(theme)],
    ids=["removed from the theme", "theme removed from the paper"],
)
def test_a_paper_taken_out_of_a_theme_leaves_its_works(alice, bob, remove):
    theme = ResearchThemeFactory(researcher=alice, title="Robustness at scale")
    paper = authored(bob, title="Bob on caching")
    theme.publications.add(paper)
    assert "Bob on caching" in page(alice)
    remove(theme, paper)
    assert "Bob on caching" not in page(alice)


def test_an_edited_paper_shows_in_a_theme_listing_it_on_another_members_page(alice, bob):
    paper = authored(bob, title="Bob on caching")
    ResearchThemeFactory(researcher=alice, title="Robustness at scale").publications.add(paper)
    assert "Bob on caching" in page(alice)
    edit(paper, title="Bob on caching, revised")
    assert "Bob on caching, revised" in page(alice)


def test_a_cleared_theme_shows_no_works(alice):
    theme = ResearchThemeFactory(researcher=alice, title="Robustness at scale")
    theme.publications.add(authored(alice), authored(alice))
    assert "Representative works (2)" in page(alice)
    theme.publications.clear()
    assert "Representative works" not in page(alice)


# News and posts


def test_a_members_news_item_shows(alice):
    assert "Alice wins a prize" not in page(alice)
    NewsItemFactory(owner=alice, body="Alice wins a prize")
    assert "Alice wins a prize" in page(alice)


def test_a_news_item_mentioning_a_member_shows_on_their_page_until_the_mention_goes(alice, bob):
    item = NewsItemFactory(owner=bob, body="Bob and Alice give a tutorial")
    assert "Bob and Alice give a tutorial" not in page(alice)
    item.mentioned_members.add(alice)
    assert "Bob and Alice give a tutorial" in page(alice)
    item.mentioned_members.remove(alice)
    assert "Bob and Alice give a tutorial" not in page(alice)


def test_news_of_a_member_hidden_since_leaves_the_pages_it_mentions(alice, bob):
    item = NewsItemFactory(owner=bob, body="Bob and Alice give a tutorial")
    item.mentioned_members.add(alice)
    assert "Bob and Alice give a tutorial" in page(alice)
    edit(bob, visibility="hidden")
    assert "Bob and Alice give a tutorial" not in page(alice)


def test_an_edited_title_of_a_paper_in_the_news_shows_in_the_news_item(alice, bob):
    paper = PublicationFactory(title="Caching the right things")
    item = NewsItemFactory(owner=bob, body="Our paper is out")
    item.mentioned_members.add(alice)
    item.mentioned_publications.add(paper)
    assert f'href="{paper.get_absolute_url()}">Caching the right things</a>' in page(alice)
    edit(paper, title="Caching only the right things")
    assert f'href="{paper.get_absolute_url()}">Caching only the right things</a>' in page(alice)


def test_a_published_post_by_a_member_shows_under_latest_posts(alice):
    post = PostFactory(title="How we cache", slug="how-we-cache", body="…", status=Post.Status.PUBLISHED)
    assert "Latest posts" not in page(alice)
    post.authors.add(alice)
    shown = page(alice)
    assert "Latest posts" in shown and "How we cache" in shown


def test_an_edited_post_shows(alice):
    post = PostFactory(title="How we cache", slug="how-we-cache", body="…", status=Post.Status.PUBLISHED)
    post.authors.add(alice)
    assert "How we cache" in page(alice)
    edit(post, title="How we cache member pages")
    assert "How we cache member pages" in page(alice)


# The lab


def test_a_change_to_the_lab_record_renders_every_members_page_anew(alice, bob):
    member_of = '"memberOf": {"@type": "ResearchOrganization", "name": "Robust Learning Group"'
    assert member_of not in page(alice) + page(bob)
    keys = fragment_key(alice), fragment_key(bob)
    lab = Lab.load()
    edit(lab, name="Robust Learning Group")
    assert fragment_key(alice) != keys[0] and fragment_key(bob) != keys[1]
    assert member_of in page(alice)
    assert member_of in page(bob)


# Bulk writes, which send no model signals


def test_a_paper_imported_from_bibtex_shows_on_its_authors_page(alice):
    assert "Caching the right things" not in page(alice)
    report = publication_import(
        text="@inproceedings{moreau2024, title = {Caching the right things}, "
        "author = {Moreau, Alice and Zhang, Wei}, booktitle = {Workshop on Caches}, year = {2024}}",
        member=alice,
    )
    assert report.created == ["moreau2024"]
    assert "Caching the right things" in page(alice)


def test_a_paper_linked_by_relinking_shows(alice):
    NameVariantFactory(researcher=alice, name="Moreau, A.")
    AuthorshipFactory(publication=PublicationFactory(title="Caching the right things"), name="A. Moreau")
    assert "Caching the right things" not in page(alice)
    assert authorships_relink(researcher=alice) == 1
    assert "Caching the right things" in page(alice)


def test_a_paper_linked_by_a_new_name_variant_shows(alice):
    AuthorshipFactory(publication=PublicationFactory(title="Caching the right things"), name="A. Moreau")
    assert "Caching the right things" not in page(alice)
    NameVariantFactory(researcher=alice, name="Moreau, A.")
    assert "Caching the right things" in page(alice)


# Transactions


def test_changes_to_two_members_in_one_transaction_show_on_both_pages(alice, bob):
    assert "Works on caches" not in page(alice) + page(bob)
    with transaction.atomic():
        for member in (alice, bob):
            edit(member, bio="Works on caches.")
    assert "Works on caches." in page(alice)
    assert "Works on caches." in page(bob)


def test_a_rolled_back_change_leaves_the_page_cached(alice):
    page(alice)
    key = fragment_key(alice)
    with pytest.raises(RuntimeError), transaction.atomic():
        edit(alice, bio="Never saved")
        raise RuntimeError
    assert fragment_key(alice) == key
    assert "Never saved" not in page(alice)


# What does not render pages anew


def new_bio(member):
    edit(member, bio="Works on caches.")


@pytest.mark.parametrize(
    "change",
    [
        new_bio,
        lambda alice: LinkFactory(researcher=alice),
        lambda alice: authored(alice, title="Alice on caching"),
        lambda alice: NewsItemFactory(owner=alice, body="Alice wins a prize"),
        lambda alice: ResearchThemeFactory(researcher=alice, title="Robustness at scale"),
    ],
    ids=["bio", "link", "paper", "news item", "research theme"],
)
def test_a_change_to_one_member_leaves_the_pages_of_members_who_share_nothing_with_them(alice, bob, change):
    authored(bob)
    page(bob)
    key = fragment_key(bob)
    change(alice)
    assert fragment_key(bob) == key
