from django import template

from portal.dashboard.notices import lab_admin_counts

register = template.Library()


@register.simple_tag(takes_context=True)
def waiting_for_admin(context):
    """What waits for the signed-in lab admin (see portal.dashboard.notices)."""
    return lab_admin_counts(context["request"].user)
