from django.core.management.base import BaseCommand

from researchers.demo import demo_lab_seed


class Command(BaseCommand):
    help = "Load a fictional demo lab (invented people only). Running it again refreshes the demo members."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when any member exists (make run uses this)."
        )

    def handle(self, *args, if_empty, **options):
        counts = demo_lab_seed(if_empty=if_empty)
        if counts is None:
            self.stdout.write("Members already exist, so the demo lab was not loaded.")
            return
        members = counts.pop("members")
        alumni, photos = counts.pop("alumni"), counts.pop("photos")
        rest = ", ".join(f"{count} {label}" for label, count in counts.items())
        self.stdout.write(
            self.style.SUCCESS(f"Demo lab ready: {members} members ({alumni} alumni, {photos} with photos), {rest}.")
        )
