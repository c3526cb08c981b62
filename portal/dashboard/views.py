"""/me/: the signed-in member maintains their own page.

Every view finds its object through the apps' permission functions, so a member
who guesses another member's address gets 403 or 404 and nothing changes.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from news.models import NewsItem, Post
from news.permissions import get_editable_news_or_404
from news.services import news_item_save
from publications.forms import BACKGROUND_IMPORT_ENTRIES, MAX_IMPORT_ENTRIES
from publications.models import Authorship, ResearchTheme
from publications.permissions import get_decidable_authorship_or_404, get_editable_publication_or_404
from publications.services import (
    AuthorRow,
    authorship_confirm,
    authorship_keep,
    authorship_reject,
    authorships_select,
    publication_authors_update,
    publication_import,
)
from researchers import services as researcher_services
from researchers.models import CVEntry, Link, NameVariant, ResearchInterest
from researchers.permissions import get_editable_or_404, get_own_researcher_or_404
from researchers.services import researcher_save_own_profile

from ..jobs.kinds import import_report_data
from ..jobs.services import job_start
from . import forms
from .notices import lab_admin_counts
from .publishing import page_steps


@dataclass(frozen=True)
class Records:
    """One kind of record a member keeps a list of: CV entries, links, themes …"""

    slug: str
    title: str
    noun: str
    model: type
    form: type
    owner: str = "researcher"
    ordered: bool = True
    group: str = ""  # records are reordered within this field's value, e.g. a CV section
    help: str = ""
    form_needs_member: bool = False  # the form's choices or checks depend on whose records these are
    service: object = None  # saves a record that needs other rows, e.g. a news item's mentions
    editable: object = None  # the app's own permission function, where it has one

    def get_editable_or_404(self, request, pk):
        if self.editable:
            return self.editable(request, pk)
        return get_editable_or_404(request, self.model.objects.all(), pk, owner=self.owner)

    def save_form(self, request, form, message, **values):
        """Save the form's record with `values` set, through the app's service where it has one; back to the list."""
        item = form.save(commit=False)
        for name, value in values.items():
            setattr(item, name, value)
        if self.service:
            self.service(item=item)
        else:
            item.save()
        form.save_m2m()
        messages.success(request, message)
        return redirect("me:records", kind=self.slug)

    def for_member(self, researcher):
        return self.model.objects.filter(**{self.owner: researcher})

    def make_form(self, request, researcher, instance=None):
        extra = {"researcher": researcher} if self.form_needs_member else {}
        data = (request.POST, request.FILES) if request.method == "POST" else ()
        return self.form(*data, instance=instance, **extra)


RECORDS = {
    records.slug: records
    for records in [
        Records(
            "cv",
            "CV",
            "CV entry",
            CVEntry,
            forms.CVEntryForm,
            group="section",
            help="Awards, education, experience, service, talks, teaching … Your CV page groups them by section.",
        ),
        Records("links", "Links", "link", Link, forms.LinkForm, help="Scholar, GitHub, your own site …"),
        Records(
            "names",
            "Name variants",
            "name variant",
            NameVariant,
            forms.NameVariantForm,
            ordered=False,
            form_needs_member=True,
            help="Other spellings of your name in author lists (Liu, Y.; 刘毅). Papers under them link to you.",
        ),
        Records("interests", "Research interests", "research interest", ResearchInterest, forms.InterestForm),
        Records(
            "themes",
            "Research themes",
            "research theme",
            ResearchTheme,
            forms.ThemeForm,
            form_needs_member=True,
            help="Themes can nest, and list representative works.",
        ),
        Records(
            "news",
            "News",
            "news item",
            NewsItem,
            forms.NewsForm,
            owner="owner",
            ordered=False,
            service=news_item_save,
            editable=get_editable_news_or_404,
        ),
    ]
}


def _records(kind):
    if kind not in RECORDS:
        raise Http404
    return RECORDS[kind]


SECTIONS = [(records.slug, records.title) for records in RECORDS.values()]


def _page(request, template, context, status=200):
    return render(request, template, {"dashboard_sections": SECTIONS, **context}, status=status)


def _form_page(request, template, context, save):
    """The form page: shown on GET; on a valid POST, `save()` and its answer; on an invalid one,
    the form again with its errors and what was typed, as a 400 so clients see the refusal."""
    if request.method != "POST":
        forms.autofocus(context["form"])
        return _page(request, template, context)
    if not context["form"].is_valid():
        forms.autofocus(context["form"])
        return _page(request, template, context, status=400)
    return save()


@login_required
def overview(request):
    researcher = get_own_researcher_or_404(request)
    suggestions = Authorship.objects.suggested().filter(researcher=researcher).count()
    counts = [(records, records.for_member(researcher).count()) for records in RECORDS.values()]
    papers = Authorship.objects.confirmed().filter(researcher=researcher).count()
    new_on_page = Authorship.objects.new_on_page().filter(researcher=researcher).count()
    by_kind = {records.slug: count for records, count in counts}
    steps = page_steps(researcher, links=by_kind["links"], papers=papers, interests=by_kind["interests"])
    context = {
        "researcher": researcher,
        "counts": counts,
        "suggestions": suggestions,
        "papers": papers,
        "new_on_page": new_on_page,
        "steps": steps,
        "steps_left": sum(not step.done for step in steps),
        "posts": Post.objects.filter(authors=researcher).count(),
        **lab_admin_counts(request.user),
    }
    return _page(request, "me/overview.html", context)


@login_required
def profile(request):
    researcher = get_own_researcher_or_404(request)
    form = forms.ProfileForm(request.POST or None, request.FILES or None, instance=researcher)

    def save():
        researcher_save_own_profile(researcher=form.save(commit=False), changed=form.changed_data)
        if researcher.has_unverified_identity:
            messages.info(request, "Your new name or ORCID iD suggests papers to you until a lab admin approves it.")
        messages.success(request, "Your profile is saved; this is how visitors see it.")
        return redirect(researcher)

    return _form_page(request, "me/form.html", {"researcher": researcher, "form": form, "title": "Profile"}, save)


@login_required
def photo(request):
    researcher = get_own_researcher_or_404(request)
    form = forms.PhotoForm(request.POST or None, request.FILES or None, instance=researcher)
    if request.method == "POST" and not form.is_valid():
        researcher.refresh_from_db(fields=["photo", "photo_thumb"])  # show the photo still stored

    def save():
        form.save()
        messages.success(request, "Your photo is saved." if researcher.photo else "Your photo is removed.")
        return redirect("me:photo")

    return _form_page(request, "me/photo.html", {"researcher": researcher, "form": form}, save)


@login_required
def record_list(request, kind):
    records = _records(kind)
    researcher = get_own_researcher_or_404(request)
    context = {"researcher": researcher, "records": records, "items": records.for_member(researcher)}
    return _page(request, "me/records.html", context)


@login_required
def record_add(request, kind):
    records = _records(kind)
    researcher = get_own_researcher_or_404(request)
    form = records.make_form(request, researcher)
    context = {"researcher": researcher, "records": records, "form": form, "title": f"Add a {records.noun}"}

    def save():
        values = {records.owner: researcher}
        if records.ordered:
            values["order"] = researcher_services.record_next_order(siblings=records.for_member(researcher))
        return records.save_form(request, form, f"The {records.noun} is added.", **values)

    return _form_page(request, "me/form.html", context, save)


@login_required
def record_edit(request, kind, pk):
    records = _records(kind)
    item = records.get_editable_or_404(request, pk)
    researcher = getattr(item, records.owner)
    form = records.make_form(request, researcher, instance=item)
    context = {
        "researcher": researcher,
        "records": records,
        "form": form,
        "item": item,
        "title": f"Edit {records.noun}",
    }

    def save():
        return records.save_form(request, form, f"The {records.noun} is saved.")

    return _form_page(request, "me/form.html", context, save)


@login_required
def record_delete(request, kind, pk):
    records = _records(kind)
    item = records.get_editable_or_404(request, pk)
    if request.method != "POST":
        keep_url = reverse("me:records", args=[records.slug])
        context = {"records": records, "noun": records.noun, "item": item, "keep_url": keep_url}
        return _page(request, "me/delete.html", context)
    item.delete()
    messages.success(request, f"The {records.noun} “{item}” is deleted.")
    return redirect("me:records", kind=kind)


@require_POST
@login_required
def record_move(request, kind, pk, direction):
    """Move a record one place up or down among its siblings (same section for CV entries)."""
    records = _records(kind)
    item = records.get_editable_or_404(request, pk)
    if not records.ordered:
        raise Http404
    siblings = records.for_member(getattr(item, records.owner))
    if records.group:
        siblings = siblings.filter(**{records.group: getattr(item, records.group)})
    researcher_services.record_move(record=item, siblings=siblings, direction=direction)
    return redirect(reverse("me:records", kwargs={"kind": kind}) + f"#item-{item.pk}")


@login_required
def publications(request):
    """The member's papers: choose and order the selected ones; decide co-author suggestions."""
    researcher = get_own_researcher_or_404(request)
    confirmed = list(
        Authorship.objects.confirmed()
        .filter(researcher=researcher)
        .select_related("publication")
        .order_by("-selected", "selected_order", "-publication__year", "publication__title")
    )
    if request.method == "POST":
        chosen = set(request.POST.getlist("selected"))
        choices = {}
        for authorship in confirmed:
            if str(authorship.pk) in chosen:
                order = request.POST.get(f"order-{authorship.pk}", "")
                choices[authorship.pk] = min(int(order), 999) if order.isdigit() else authorship.selected_order
        authorships_select(researcher=researcher, choices=choices)
        messages.success(request, "Your selected publications are saved.")
        return redirect("me:publications")
    suggestions = (
        Authorship.objects.suggested()
        .filter(researcher=researcher)
        .select_related("publication")
        .order_by("-publication__year")
    )
    new_on_page = [authorship for authorship in confirmed if authorship.new_on_page]
    context = {"researcher": researcher, "confirmed": confirmed, "suggestions": suggestions, "new_on_page": new_on_page}
    return _page(request, "me/publications.html", context)


@require_POST
@login_required
def authorship_decide(request, pk, decision):
    authorship = get_decidable_authorship_or_404(request, pk)
    paper = authorship.publication.title
    if decision == "confirm":
        try:
            authorship_confirm(authorship=authorship, by=request.user)
        except ValueError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"“{paper}” is now on your page.")
    elif decision == "keep":
        authorship_keep(authorship=authorship, by=request.user)
        messages.success(request, f"“{paper}” stays on your page.")
    else:
        authorship_reject(authorship=authorship, by=request.user)
        messages.success(request, f"“{paper}”: noted that this author is not you; it is off your page and stays off.")
    return redirect("me:publications")


@login_required
def bibtex_import(request):
    researcher = get_own_researcher_or_404(request)
    form = forms.MemberBibtexForm(request.POST or None, request.FILES or None)
    context = {
        "researcher": researcher,
        "form": form,
        "title": "Add publications from BibTeX",
        "background_entries": BACKGROUND_IMPORT_ENTRIES,
        "max_entries": MAX_IMPORT_ENTRIES,
    }

    def save():
        text, dry_run = form.cleaned_data["bibtex"], form.cleaned_data["dry_run"]
        if form.in_background:
            # A large file: the worker imports it; its page shows progress, then the same report.
            job = job_start(
                owner=request.user,
                kind="bibtex_import",
                title=form.job_title(),
                params={"member": researcher.pk, "dry_run": dry_run},
                payload=text,
                total=form.cleaned_data["entries"],
            )
            return redirect(job)
        report = publication_import(text=text, member=researcher, dry_run=dry_run, by=request.user)
        # The report shows on the form's page: what was created, merged, and each skipped entry.
        context["report"] = import_report_data(report)
        return _page(request, "me/import.html", context, status=200 if report.readable else 400)

    return _form_page(request, "me/import.html", context, save)


@login_required
def publication_edit(request, pk):
    """The paper's fields and its ordered author list, for its confirmed co-authors and lab admins."""
    publication = get_editable_publication_or_404(request, pk)
    form = forms.PublicationForm(request.POST or None, request.FILES or None, instance=publication)
    # The author list is saved when the page sent it; a client posting the fields alone leaves it as it is.
    sent_authors = request.method == "POST" and "authors-TOTAL_FORMS" in request.POST
    authors = forms.AuthorFormSet(
        request.POST if sent_authors else None,
        instance=publication,
        prefix="authors",
        queryset=publication.authorships.select_related("researcher").order_by("position"),
    )
    context = {"form": form, "authors": authors, "publication": publication, "title": "Edit publication"}
    if request.method == "POST" and (not form.is_valid() or (sent_authors and not authors.is_valid())):
        return _page(request, "me/publication_form.html", context, status=400)
    if request.method != "POST":
        return _page(request, "me/publication_form.html", context)
    try:
        with transaction.atomic():
            form.save()
            if sent_authors:
                publication_authors_update(publication=publication, rows=_author_rows(authors), by=request.user)
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
        return _page(request, "me/publication_form.html", context, status=403)
    messages.success(request, "The publication is saved; this is how visitors see it.")
    return redirect(publication)


def _author_rows(formset):
    """The author forms as rows for the service, in the order of their position numbers (blank ones last)."""
    rows = []
    for index, author_form in enumerate(formset.forms):
        data = author_form.cleaned_data
        if not data or (author_form.instance.pk is None and not (data.get("name") or "").strip()):
            continue
        rows.append(
            (
                data.get("position") or 10000 + index,
                index,
                AuthorRow(
                    authorship=author_form.instance if author_form.instance.pk else None,
                    name=data.get("name") or "",
                    equal_contribution=data.get("equal_contribution", False),
                    corresponding=data.get("corresponding", False),
                    researcher=data.get("researcher"),
                    delete=data.get("DELETE", False) or not (data.get("name") or "").strip(),
                ),
            )
        )
    return [row for _, _, row in sorted(rows, key=lambda item: item[:2])]
