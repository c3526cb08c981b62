from django.shortcuts import render

from .models import ROLE_GROUPS, Researcher


def directory(request):
    """Current members grouped by role, then alumni, newest leavers first."""
    people = list(Researcher.objects.listed().order_by("order", "name"))
    current = [person for person in people if not person.is_alumni]
    groups = [(label, [person for person in current if person.role in roles]) for label, roles in ROLE_GROUPS]
    alumni = sorted(
        (person for person in people if person.is_alumni),
        key=lambda person: (person.left_on is None, -(person.left_on.toordinal() if person.left_on else 0)),
    )
    return render(
        request,
        "researchers/directory.html",
        {"groups": [(label, members) for label, members in groups if members], "alumni": alumni},
    )
