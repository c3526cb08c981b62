from django.core.management.base import BaseCommand

from portal.bench import search_timings
from publications.bench import import_ratio


class Command(BaseCommand):
    help = "Measure import speed against bibtexparser's bare parse, and search speed over many papers."

    def add_arguments(self, parser):
        parser.add_argument("section", nargs="?", choices=["import", "search"], help="Only this benchmark.")
        parser.add_argument("--entries", type=int, default=5000)
        parser.add_argument("--runs", type=int, default=3)
        parser.add_argument("--search-papers", type=int, default=50000)
        parser.add_argument("--search-runs", type=int, default=10)

    def handle(self, *args, section, entries, runs, search_papers, search_runs, **options):
        if section in (None, "import"):
            self.import_section(entries, runs)
        if section in (None, "search"):
            self.search_section(search_papers, search_runs)

    def search_section(self, papers, runs):
        result = search_timings(papers=papers, runs=runs)
        self.stdout.write(
            f"Search over {papers:,} synthetic papers on {result['vendor']} "
            f"(written in {result['setup']:.1f} s, rolled back after; {runs} runs a query; search and "
            "rendering, no HTTP):"
        )
        self.stdout.write(f"  {'query':<28}{'papers':>8}{'people':>8}{'median':>11}{'p95':>11}")
        for row in result["queries"]:
            self.stdout.write(
                f"  {row['query']:<28}{row['papers']:>8,}{row['people']:>8,}"
                f"{row['median'] * 1000:>8.1f} ms{row['p95'] * 1000:>8.1f} ms"
            )
        self.stdout.write(
            f"  {'every run of every query':<44}{result['median'] * 1000:>8.1f} ms{result['p95'] * 1000:>8.1f} ms"
        )

    def import_section(self, entries, runs):
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
