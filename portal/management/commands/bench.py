from django.core.management.base import BaseCommand

from publications.bench import import_ratio


class Command(BaseCommand):
    help = "Measure import speed against bibtexparser's bare parse (more benchmarks join here)."

    def add_arguments(self, parser):
        parser.add_argument("--entries", type=int, default=5000)
        parser.add_argument("--runs", type=int, default=3)

    def handle(self, *args, entries, runs, **options):
        result = import_ratio(entries=entries, runs=runs)
        breakdown = result["breakdown"]
        self.stdout.write(f"BibTeX import of {entries:,} entries (best of {runs}):")
        self.stdout.write(f"  bibtexparser parse_string, no middleware   {result['bare_parse']:7.3f} s  (1.00×)")
        self.stdout.write(
            f"  bibtexparser parse_string, default stack   {result['bibtexparser_default_stack']:7.3f} s  "
            f"({result['bibtexparser_default_stack'] / result['bare_parse']:.2f}×)"
        )
        self.stdout.write(
            f"  Labfolio import, everything included       {result['import']:7.3f} s  ({result['ratio']:.2f}×)"
        )
        for step in ("parse", "lookup", "prepare", "write"):
            self.stdout.write(
                f"    {step:<8} {breakdown[step]:7.3f} s  ({breakdown[step] / result['bare_parse']:.2f}×)"
            )
