"""A member's citation figures: a small bar chart of citations per year, as inline SVG (no JavaScript)."""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()

WIDTH, HEIGHT, GAP = 240, 64, 2


@register.simple_tag
def citations_chart(counts_by_year):
    """Bars of citations per year, oldest on the left; empty when there is nothing to draw."""
    years = sorted((int(year), int(count)) for year, count in (counts_by_year or {}).items() if str(year).isdigit())
    if not years:
        return ""
    first, last = years[0][0], years[-1][0]
    counts = dict(years)
    span = range(first, last + 1)
    peak = max(counts.values()) or 1
    bar = WIDTH / len(span)
    bars = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}"><title>{}: {}</title></rect>',
        (
            (f"{index * bar:.1f}", f"{HEIGHT - HEIGHT * counts.get(year, 0) / peak:.1f}", f"{max(bar - GAP, 1):.1f}",
             f"{HEIGHT * counts.get(year, 0) / peak:.1f}", year, counts.get(year, 0))
            for index, year in enumerate(span)
        ),
    )  # fmt: skip
    label = ", ".join(f"{year}: {counts.get(year, 0)}" for year in span)
    return format_html(
        '<svg class="citations-chart" viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-label="{}" '
        'fill="currentColor">{}</svg><p class="muted citations-chart-years"><span>{}</span><span>{}</span></p>',
        WIDTH, HEIGHT + 1, WIDTH, HEIGHT + 1, f"Citations per year: {label}", bars, first, last,
    )  # fmt: skip
