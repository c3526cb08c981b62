"""Syncs of members' works as background jobs: asked for in the admin or the dashboard, or due periodically.

A sync is a job of the `works_sync` kind (portal/jobs/kinds.py): its page shows "n of N"
members and its report lists each member's answers and errors. The lab-wide sync is due
every SCHOLARLY_SYNC_HOURS, counted from the last one's start, so restarting the site
does not sync again; `manage.py sync_works --every` starts it when due.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from portal.jobs.models import Job
from portal.jobs.services import job_start

from .services import members_to_sync

KIND = "works_sync"
LAB = "lab"
MEMBER_PAUSE = timedelta(hours=1)  # a member may ask again an hour after their last sync began


def sync_job_start(*, owner, members=None):
    """Queue a sync of these members (every member with a verified identifier when None); returns the Job.

    Members without a verified ORCID iD or an OpenAlex id are left out: no source knows them.
    """
    syncable = members_to_sync()
    if members is None:
        ids, scope, title = list(syncable.values_list("pk", flat=True)), LAB, "Works of every member"
    else:
        ids = list(syncable.filter(pk__in=[member.pk for member in members]).values_list("pk", flat=True))
        scope = f"member:{ids[0]}" if len(ids) == 1 else "selected"
        title = f"Works of {len(ids)} member{'s' if len(ids) != 1 else ''}"
    return job_start(
        owner=owner,
        kind=KIND,
        title=f"{title} from ORCID and OpenAlex",
        params={"scope": scope, "members": ids},
        total=len(ids),
    )


def member_sync_running_or_recent(member):
    """A member's own sync that is still queued or running, or began within the last hour; else None."""
    since = timezone.now() - MEMBER_PAUSE
    jobs = Job.objects.filter(kind=KIND, params__scope=f"member:{member.pk}").order_by("-created")
    return jobs.unfinished().first() or jobs.filter(created__gte=since).first()


def periodic_sync_owner():
    """Whose name the lab-wide sync runs under: the first active superuser (lab admins see its page)."""
    return get_user_model().objects.filter(is_active=True, is_superuser=True).order_by("pk").first()


def periodic_sync_start(*, hours, now=None):
    """(job, seconds until the next check): the lab-wide sync is started when it is due, else not (job None).

    It is due when no lab-wide sync began in the last `hours` and none is still waiting or running.
    """
    now = now or timezone.now()
    every = timedelta(hours=hours)
    last = Job.objects.filter(kind=KIND, params__scope=LAB).order_by("-created").first()
    if last is not None and not last.ended:
        return None, every.total_seconds()
    if last is not None and last.created > now - every:
        return None, (last.created + every - now).total_seconds()
    owner = periodic_sync_owner()
    if owner is None:
        return None, every.total_seconds()
    return sync_job_start(owner=owner), every.total_seconds()


def sync_hours():
    """Hours between lab-wide syncs; 0 (off) when the site does not reach the sources."""
    return settings.SCHOLARLY_SYNC_HOURS if settings.SCHOLARLY_SOURCES_ONLINE else 0
