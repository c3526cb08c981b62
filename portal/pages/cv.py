"""A member's CV, made from their profile, CV entries and publications: a page, and the same as a PDF."""

import hashlib
import logging
import mimetypes
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from publications.models import LinkState, Publication
from researchers.models import CVPublications, Researcher
from researchers.permissions import can_edit_researcher, get_viewable_researcher_or_404

logger = logging.getLogger(__name__)
PDF_CACHE_SECONDS = 24 * 60 * 60


def cv(request, slug):
    # A draft's CV, like its page, is for its member and the lab admins until it is published.
    researcher = get_viewable_researcher_or_404(request, slug, Researcher.objects.with_cv())
    can_edit = can_edit_researcher(request.user, researcher)
    return render(request, "portal/cv.html", {**cv_context(researcher), "can_edit": can_edit})


def cv_pdf(request, slug):
    """The CV page typeset by WeasyPrint. The PDF is kept under a digest of the HTML it comes from,
    so an unchanged CV is typeset once and a changed one never served stale."""
    researcher = get_viewable_researcher_or_404(request, slug, Researcher.objects.with_cv())
    html = render_to_string("portal/cv.html", {**cv_context(researcher), "pdf": True}, request=request)
    key = f"cv-pdf:{hashlib.sha256(html.encode()).hexdigest()}"
    pdf = cache.get(key)
    if pdf is None:
        try:
            pdf = html_to_pdf(html, base_url=settings.SITE_URL + request.path)
        except PdfUnavailable:
            logger.warning("The CV PDF needs WeasyPrint and Pango; install them with `make pango`.", exc_info=True)
            context = {"researcher": researcher}
            return render(request, "portal/cv_pdf_unavailable.html", context, status=503)
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{researcher.slug}-cv.pdf"'
    return response


def cv_context(researcher):
    return {"researcher": researcher, "cv_papers": cv_publications(researcher)}


def cv_publications(researcher):
    """The papers the member's CV lists, as they chose: all, selected first, or only the selected; three queries."""
    papers = list(Publication.objects.public().for_member(researcher).newest_first().with_authors())
    if researcher.cv_publications == CVPublications.ALL:
        return papers
    # Whether the member selected a paper is on their own authorship, which with_authors() fetched.
    order = {}
    for publication in papers:
        for authorship in publication.authorships.all():
            mine = authorship.researcher_id == researcher.pk and authorship.link_state == LinkState.CONFIRMED
            if mine and authorship.selected:
                order[publication.pk] = authorship.selected_order
    selected = sorted((paper for paper in papers if paper.pk in order), key=lambda paper: order[paper.pk])
    if researcher.cv_publications == CVPublications.SELECTED:
        return selected
    return selected + [paper for paper in papers if paper.pk not in order]


class PdfUnavailable(Exception):
    """This server cannot typeset PDFs: WeasyPrint or the Pango library it loads is missing."""


def html_to_pdf(html, *, base_url):
    """PDF bytes of a page of this site. WeasyPrint reads our own static files from disk and nothing
    else: no request leaves the server, and a picture a member linked from elsewhere is left out."""
    try:
        import weasyprint  # loads Pango; only this view needs it
    except (ImportError, OSError) as error:  # OSError: WeasyPrint is there, the Pango library is not
        raise PdfUnavailable from error

    # WeasyPrint warns of every screen-only rule of the site stylesheet it skips; those are expected.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)

    class LocalFiles(weasyprint.urls.URLFetcher):
        def fetch(self, url, headers=None):
            path = urlsplit(url).path
            static_prefix = "/" + settings.STATIC_URL.lstrip("/")
            if path.startswith(static_prefix):
                name = path.removeprefix(static_prefix)
                found = finders.find(name) or (staticfiles_storage.exists(name) and staticfiles_storage.path(name))
                if found:
                    with open(found, "rb") as file:
                        content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
                        return weasyprint.urls.URLFetcherResponse(url, file.read(), {"Content-Type": content_type})
            raise ValueError(f"not one of this site's static files: {url}")

    return weasyprint.HTML(string=html, base_url=base_url, url_fetcher=LocalFiles()).write_pdf()
