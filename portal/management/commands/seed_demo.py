from django.core.management.base import BaseCommand
from django.db import transaction

from news.demo import demo_news_seed
from publications.demo import demo_publications_seed
from researchers.demo import demo_lab_seed


class Command(BaseCommand):
    help = (
        "Load a fictional demo lab (invented people only) with its publications, research themes, news and blog. "
        "Running it again refreshes the demo content and changes nothing else."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when any member exists (make run uses this)."
        )

    def handle(self, *args, if_empty, **options):
        with transaction.atomic():
            counts = demo_lab_seed(if_empty=if_empty)
            if counts is None:
                self.stdout.write("Members already exist, so the demo lab was not loaded.")
                return
            papers = demo_publications_seed()
            news = demo_news_seed()
        members = counts.pop("members")
        alumni, photos = counts.pop("alumni"), counts.pop("photos")
        rest = ", ".join(f"{count} {label}" for label, count in counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo lab ready: {members} members ({alumni} alumni, {photos} with photos), {rest}; "
                f"{papers['publications']} publications (BibTeX entries: {papers['new']} new, "
                f"{papers['merged']} merged, {papers['unchanged']} unchanged), "
                f"{papers['confirmed']} authors linked to members, {papers['suggestions']} suggestions to review, "
                f"{papers['themes']} research themes; "
                f"{news['news items']} news items ({news['pinned']} pinned), "
                f"{news['posts']} blog posts and {news['drafts']} draft with {news['tags']} tags."
            )
        )
