from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.importers.homepage.mapping import HomepageError
from portal.importers.homepage.services import homepage_import


class Command(BaseCommand):
    help = (
        "Import an al-folio, academicpages or AcadHomepage page (a Markdown file) or site folder into a member's "
        "profile, CV, news, publications and research themes. Running it again updates rather than duplicates."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="a Markdown page (e.g. _pages/about.md) or a site folder")
        parser.add_argument("--member", metavar="SLUG", required=True, help="the member's page address; created if new")
        parser.add_argument("--name", help="the member's name, when the page or _config.yml does not give it")
        parser.add_argument("--dry-run", action="store_true", help="report what would happen, write nothing")

    def handle(self, *args, path, member, name, dry_run, **options):
        try:
            report = homepage_import(path=path, member_slug=member, name=name, dry_run=dry_run)
        except HomepageError as error:
            raise CommandError(str(error)) from error
        for line in report.lines():
            self.stdout.write(line)
