from django.core.management.base import BaseCommand, CommandError

from portal.static_export.mirror import MirrorError, site_export

SHOWN = 20  # problems listed by address; the rest are counted


class Command(BaseCommand):
    help = (
        "Write the public site into DIR as static HTML, feeds, exports and assets, with relative links: "
        "a mirror for any file server or GitHub Pages, or everything a lab takes with it when it leaves."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR", help="A new or empty folder, or a previous export.")
        parser.add_argument("--clean", action="store_true", help="Empty DIR first if it holds a previous export.")
        parser.add_argument(
            "--site-url",
            help="The address the mirror will be published at, for canonical links, feeds and the sitemap "
            "(default: SITE_URL).",
        )

    def handle(self, *args, directory, clean, site_url, **options):
        def progress(report):
            self.stdout.write(f"pages: {report.pages}, files: {report.files}")

        try:
            report = site_export(directory=directory, clean=clean, site_url=site_url, progress=progress)
        except MirrorError as error:
            raise CommandError(str(error)) from error
        if report.live_links:
            self.stdout.write(f"Left pointing at the live site (no static equivalent): {len(report.live_links)}")
            for address in sorted(report.live_links)[:SHOWN]:
                self.stdout.write(f"  {address}")
        if report.broken:
            self.stdout.write(self.style.WARNING(f"Broken links, also broken on the live site: {len(report.broken)}"))
            for address, status in sorted(report.broken.items())[:SHOWN]:
                self.stdout.write(f"  {status} {address}")
        self.stdout.write(self.style.SUCCESS(f"Exported to {directory}: {report.summary()}"))
        if report.errors:
            for error in report.errors[:SHOWN]:
                self.stderr.write(f"  {error}")
            raise CommandError(f"{len(report.errors)} pages failed to render; the export is incomplete.")
