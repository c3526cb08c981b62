from django.core.management.base import CommandError
from django.utils import timezone

from portal.importers.sources import SOURCES
from portal.importers.sources.services import works_from_file, works_import
from publications.models import SourceSync
from researchers.common.commands import ImportCommand


class Command(ImportCommand):
    help = (
        "Import a saved answer of a scholarly source (a response or a recorded cassette) through the same path "
        "as the live sync: papers created or merged, co-authors linked, citation figures stored."
    )
    file_help = "a saved JSON, XML or cassette (.yml) answer"

    def add_options(self, parser):
        parser.add_argument("--source", required=True, choices=sorted(SOURCES), help="which source answered")

    def handle(self, *args, file, source, member, dry_run, **options):
        if not file.is_file():
            raise CommandError(f"Cannot read {file}: no such file.")
        researcher = self.find_member(member)
        started = timezone.now()
        records, errors = works_from_file(path=file, source=source)
        for error in errors:
            self.stderr.write(self.style.ERROR(f"source error {error}"))
        if researcher is not None and errors and not dry_run:
            # The member's sync history in the admin shows a failed answer, whichever way it arrived.
            SourceSync.objects.create(
                researcher=researcher,
                source=source,
                started_at=started,
                ok=False,
                error="\n".join(errors)[:2000],
                works=len(records),
            )
        if not records:
            raise CommandError(f"Nothing was imported: {file} holds no {SOURCES[source].label} work.")
        report = works_import(records=records, member=researcher, dry_run=dry_run)
        self.write_problems(report)
        self.stdout.write(self.style.SUCCESS(report.summary()))
