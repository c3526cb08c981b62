from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.importers.sources.services import members_to_sync, works_sync


class Command(BaseCommand):
    help = (
        "Ask ORCID and OpenAlex for members' works (by verified ORCID iD or OpenAlex author id): works a member "
        "does not have become proposals for them to confirm; citation figures are renewed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--member", metavar="SLUG", help="only this member")

    def handle(self, *args, member, **options):
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
