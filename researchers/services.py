import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from unidecode import unidecode

from .models import Researcher, Status


@transaction.atomic
def researcher_mark_alumni(*, researchers, left_on=None):
    """Move researchers to the alumni section, keeping their pages and everything on them.

    A missing leaving date becomes today; an existing one is kept. Returns how many changed.
    """
    left_on = left_on or datetime.date.today()
    changed = 0
    for researcher in researchers.select_for_update().exclude(status=Status.ALUMNI):
        researcher.status = Status.ALUMNI
        researcher.left_on = researcher.left_on or left_on
        researcher.save(update_fields=["status", "left_on", "updated_at"])
        changed += 1
    return changed


@transaction.atomic
def researcher_publish(*, researchers, published=True):
    """Publish draft pages (or, with published=False, take pages back to drafts). Returns how many changed.

    Rows are saved one by one so their history and the caches of the pages showing them follow.
    """
    changed = 0
    for researcher in researchers.select_for_update().exclude(published=published):
        researcher.published = published
        researcher.save(update_fields=["published", "updated_at"])
        changed += 1
    return changed


@transaction.atomic
def researcher_deactivate(*, researchers):
    """Close members' accounts: they can no longer sign in, and their public pages stay.

    Returns how many accounts were closed.
    """
    users = get_user_model().objects.filter(researcher__in=researchers, is_active=True)
    return users.update(is_active=False)


def researcher_unique_slug(name):
    """A free page address made from a name: "Yi Liu" → "yi-liu", then "yi-liu-2"."""
    base = slugify(unidecode(name))[:40].strip("-") or "member"
    taken = set(Researcher.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


# Fields through which a member says who they are in author lists; a change by the member
# leaves them unverified until a lab admin approves it.
NAME_FIELDS = ("name", "native_name")


@transaction.atomic
def researcher_save_own_profile(*, researcher, changed):
    """Save a profile the member edited themselves: new names wait for a lab admin.

    `changed` names the fields the member changed. Until approved, a changed name only suggests
    papers to the member; the papers it linked before are taken back. (A changed ORCID iD loses
    its check in the profile form, which sees the change first.)
    """
    if set(changed) & set(NAME_FIELDS):
        researcher.name_verified = False
    researcher.save()


@transaction.atomic
def researcher_identity_approve(*, researcher=None, variant=None):
    """A lab admin approves a member's names and ORCID iD, or one name variant: they now link papers."""
    if variant is not None:
        variant.verified = True
        variant.save(update_fields=["verified"])
    if researcher is not None and researcher.has_unverified_identity:
        researcher.name_verified = researcher.orcid_verified = True
        researcher.save(update_fields=["name_verified", "orcid_verified", "updated_at"])


def record_next_order(*, siblings):
    """The order that puts a new record after its siblings (a member's CV entries, links, themes …)."""
    return (siblings.aggregate(last=Max("order"))["last"] or 0) + 1


@transaction.atomic
def record_move(*, record, siblings, direction):
    """Move a record one place "up" or "down" among its siblings, renumbering them 0, 1, 2 … as shown.

    `siblings` is the queryset of the records it is ordered among, itself included; the first
    and last records stay where they are when asked to move past the end."""
    siblings = list(siblings.select_for_update())
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == record.pk)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(siblings):
        siblings[index], siblings[target] = siblings[target], siblings[index]
    for order, sibling in enumerate(siblings):
        if sibling.order != order:
            sibling.order = order
            sibling.save(update_fields=["order"])
