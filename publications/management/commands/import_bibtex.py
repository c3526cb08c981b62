from django.core.management.base import CommandError

from publications.bibtex import decode_file
from publications.services import publication_import
from researchers.common.commands import ImportCommand


class Command(ImportCommand):
    help = "Import a BibTeX file: new papers are created, known ones merged, co-authors linked to members."
    file_help = "a .bib file"
    member_help = "the lab member whose papers these are"

    def handle(self, *args, file, member, dry_run, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        report = publication_import(text=decode_file(data), member=self.find_member(member), dry_run=dry_run)
        self.write_problems(report)
        if not report.readable:
            raise CommandError(report.nothing_read())
        self.stdout.write(self.style.SUCCESS(report.summary()))
