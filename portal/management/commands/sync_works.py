import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.importers.sources.jobs import periodic_sync_owner, periodic_sync_start, sync_hours
from portal.importers.sources.services import members_to_sync, works_sync

EVERY_SETTING = -1.0  # `--every` without a number: the SCHOLARLY_SYNC_HOURS setting
SHORTEST_WAIT = 60.0  # seconds; a clock set back must not make the loop spin


class Command(BaseCommand):
    help = (
        "Ask ORCID and OpenAlex for members' works (by verified ORCID iD or OpenAlex author id): works a member "
        "does not have become proposals for them to confirm; citation figures are renewed. With --every, keep "
        "running and queue a sync of every member for the job worker whenever one is due."
    )

    def add_arguments(self, parser):
        parser.add_argument("--member", metavar="SLUG", help="only this member")
        parser.add_argument(
            "--every",
            metavar="HOURS",
            type=float,
            nargs="?",
            const=EVERY_SETTING,
            help="keep running: queue a lab-wide sync job every HOURS (default: SCHOLARLY_SYNC_HOURS)",
        )

    def handle(self, *args, member, every, **options):
        if every is not None:
            return self.periodically(sync_hours() if every == EVERY_SETTING else every)
        if not settings.SCHOLARLY_SOURCES_ONLINE:
            raise CommandError(
                "This site does not reach scholarly sources: set SCHOLARLY_SOURCES_ONLINE=1 (and "
                "SCHOLARLY_SOURCES_CONTACT to the lab's address). Saved answers import with import_works."
            )
        members = members_to_sync()
        if member:
            members = members.filter(slug=member)
            if not members:
                raise CommandError(f"No member with the slug {member!r} has a verified ORCID iD or an OpenAlex id.")
        failed = 0
        for researcher in members:
            for run in works_sync(member=researcher):
                if run.ok:
                    line = f"{researcher.slug} · {run.source}: {run.works} works, {run.proposed} new proposals"
                    self.stdout.write(line)
                else:
                    failed += 1
                    self.stderr.write(self.style.ERROR(f"{researcher.slug} · {run.source}: {run.error}"))
        self.stdout.write(self.style.SUCCESS(f"Synced {len(members)} members; {failed} source errors."))

    def periodically(self, hours):
        """Never returns while the sync is on: each time one is due, a job is queued and the loop sleeps."""
        if not settings.SCHOLARLY_SOURCES_ONLINE or hours <= 0:
            self.stdout.write(
                "The periodic sync of members' works is off (SCHOLARLY_SOURCES_ONLINE, SCHOLARLY_SYNC_HOURS)."
            )
            return
        unit = "hour" if hours == 1 else "hours"
        self.stdout.write(f"Syncing members' works every {hours:g} {unit} through the job worker.")
        while True:
            job, wait = periodic_sync_start(hours=hours)
            if job is not None:
                self.stdout.write(f"Queued: {job.title} ({job.total} members), job {job.pk}.")
            elif periodic_sync_owner() is None:
                self.stderr.write("No sync queued: the job needs an active superuser to run under (createsuperuser).")
            time.sleep(max(wait, SHORTEST_WAIT))
