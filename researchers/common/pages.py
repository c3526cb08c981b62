"""Pagination as every list page of the site shows it."""

from django.core.paginator import Paginator


def paginate(request, items, per_page, **elided):
    """The page the request's ?page= asks for, and the page numbers to link to (see get_elided_page_range)."""
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    return {"page_obj": page, "page_range": page.paginator.get_elided_page_range(page.number, **elided)}
