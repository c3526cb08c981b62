"""Suggestions name only people who could be the member; loose spellings of the member are all still found."""

import pytest

from publications.linking import MemberIndex
from publications.models import Authorship, LinkMethod, LinkState
from publications.names import parse_name
from tests.factories import ResearcherFactory


@pytest.fixture
def members(db):
    return {name: ResearcherFactory(name=name) for name in ("Wei Zhang", "Yifei Wang", "Alice Moreau", "Haozhe Liu")}


def suggested(index, printed):
    author = parse_name(printed)
    member, state, _ = index.match(name=author.name, family=author.family, given=author.given)
    return member.name if state == LinkState.SUGGESTED else None


@pytest.mark.parametrize(
    "stranger", ["Zhang, Weiwei", "Zhang, Wen", "Ye Wang", "Wang, Yisen", "Alicia Moreau", "Hao Liu"]
)
def test_strangers_whose_full_given_name_differs_are_not_suggested(members, stranger):
    assert suggested(MemberIndex(), stranger) is None


@pytest.mark.parametrize(
    ("printed", "member"),
    [
        ("Zhang, W.", "Wei Zhang"),
        ("W. Zhang", "Wei Zhang"),
        ("Zhang Wei", "Wei Zhang"),  # order reversed
        ("Wang, Y.", "Yifei Wang"),
        ("Yi-Fei Wang", "Yifei Wang"),
        ("Wang, Y.-F.", "Yifei Wang"),
        ("Moreau, Alicé", "Alice Moreau"),
        ("MOREAU, Alice-Marie", "Alice Moreau"),
        ("Alice Moréau", "Alice Moreau"),
        ("Alice de Moreau", "Alice Moreau"),  # a particle
        ("Alice Moreau-Dubois", "Alice Moreau"),  # a compound family name
        ("Liu Haozhe", "Haozhe Liu"),
        ("H. Liu", "Haozhe Liu"),
    ],
)
def test_every_loose_spelling_of_a_member_is_still_suggested(members, printed, member):
    assert suggested(MemberIndex(), printed) == member


def test_an_author_is_matched_by_the_name_and_orcid_the_paper_prints(members):
    wei = members["Wei Zhang"]
    wei.orcid, wei.orcid_verified = "0000-0002-1825-0097", True
    wei.save()
    index = MemberIndex()
    printed = parse_name("Zhang, W.")
    author = Authorship(name=printed.name, family=printed.family, given=printed.given)

    assert index.match_author(author) == index.match(name=author.name, family=author.family, given=author.given)
    assert index.match_author(author)[:2] == (wei, LinkState.SUGGESTED)
    author.orcid = wei.orcid
    assert index.match_author(author) == (wei, LinkState.CONFIRMED, LinkMethod.ORCID)
