from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from publications.bibtex import decode_file
from publications.services import publication_import
from researchers.models import Researcher


class Command(BaseCommand):
    help = "Import a BibTeX file: new papers are created, known ones merged, co-authors linked to members."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="a .bib file")
        parser.add_argument("--member", metavar="SLUG", help="the lab member whose papers these are")
        parser.add_argument("--dry-run", action="store_true", help="report what would happen, write nothing")

    def handle(self, *args, file, member, dry_run, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        researcher = None
        if member:
            researcher = Researcher.objects.filter(slug=member).first()
            if researcher is None:
                raise CommandError(f"No member has the slug {member!r}.")
        report = publication_import(text=decode_file(data), member=researcher, dry_run=dry_run)
        for error in report.errors:
            self.stderr.write(self.style.ERROR(f"skipped {error}"))
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(f"warning {warning}"))
        if not report.readable:
            raise CommandError(report.nothing_read())
        self.stdout.write(self.style.SUCCESS(report.summary()))
