import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tools import run
from tools.loadtest import Scratch, drop_database, passed, prepare, report, run_loadtest, seed


class Command(BaseCommand):
    help = (
        "Serve a scratch copy of the lab with gunicorn on 127.0.0.1 and drive it with concurrent readers and an "
        "editor; prints requests/s, latency percentiles, errors and stale reads, and fails when any occur."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "action", nargs="?", default="run", choices=["run", "seed"], help="seed: used by run, on the scratch DB."
        )
        parser.add_argument("--clients", type=int, default=50)
        parser.add_argument("--duration", type=float, default=30, help="seconds")
        parser.add_argument("--workers", type=int, default=3)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument("--papers", type=int, default=2000, help="synthetic papers added to the demo lab")
        parser.add_argument(
            "--database-url",
            default="",
            help="a PostgreSQL URL whose database is dropped and created for the run (default: SQLite in --var-dir)",
        )
        parser.add_argument("--redis-url", default="", help="serve with this Redis as the cache (default: files)")
        parser.add_argument("--var-dir", type=Path, default=settings.BASE_DIR / "var" / "loadtest")
        parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL scratch database")
        parser.add_argument("--password", default="", help="seed: the editor's password")

    def handle(self, *args, action, **options):
        if action == "seed":
            seed(options["papers"], options["password"], settings.VAR_DIR)
            return
        scratch = Scratch(options["var_dir"].resolve(), options["database_url"], options["redis_url"])
        try:
            plan = prepare(scratch, papers=options["papers"])
            result = run_loadtest(
                scratch=scratch,
                plan=plan,
                clients=options["clients"],
                duration=options["duration"],
                workers=options["workers"],
                threads=options["threads"],
            )
        finally:
            if not options["keep"]:
                drop_database(scratch)
        self.stdout.write(report(result))
        sys.stdout.flush()
        if not passed(result):
            raise CommandError("The load test missed its target: errors, locked database or stale reads.")


if __name__ == "__main__":
    run(Command)
