"""What the commands that import a saved file share: its arguments, the member it is for, and its report."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from researchers.models import Researcher


class ImportCommand(BaseCommand):
    """An import of one saved file, for the lab or one member: FILE, the command's own options, --member SLUG
    and --dry-run. An unknown member is refused; what the import skipped or warns of goes to stderr."""

    file_help = "the file to import"
    member_help = "the lab member whose works these are"

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help=self.file_help)
        self.add_options(parser)
        parser.add_argument("--member", metavar="SLUG", help=self.member_help)
        parser.add_argument("--dry-run", action="store_true", help="report what would happen, write nothing")

    def add_options(self, parser):
        """The command's own options, listed between FILE and --member."""

    def find_member(self, slug):
        """The member with this slug; None without a slug."""
        if not slug:
            return None
        researcher = Researcher.objects.filter(slug=slug).first()
        if researcher is None:
            raise CommandError(f"No member has the slug {slug!r}.")
        return researcher

    def write_problems(self, report):
        for error in report.errors:
            self.stderr.write(self.style.ERROR(f"skipped {error}"))
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(f"warning {warning}"))
