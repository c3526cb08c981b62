"""Jobs in the admin, and the admin's large BibTeX and spreadsheet imports handed to the worker."""

from django.contrib import admin
from django.shortcuts import redirect

from publications.admin import PublicationAdmin
from publications.models import Publication
from researchers.common.spreadsheet_admin import use_background_import

from .models import Job
from .services import job_start
from .spreadsheets import spreadsheet_job_start


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "kind", "state", "done", "total", "created", "finished"]
    list_filter = ["state", "kind"]
    list_select_related = ["owner"]
    search_fields = ["title", "owner__username"]
    exclude = ["payload"]
    readonly_fields = [field.name for field in Job._meta.fields if field.name != "payload"]

    def has_add_permission(self, request):
        return False  # jobs are started by the pages that need them

    def has_change_permission(self, request, obj=None):
        return False

    def view_on_site(self, job):
        return job.get_absolute_url()


class JobPublicationAdmin(PublicationAdmin):
    def import_in_background(self, request, form):
        member = form.cleaned_data["member"]
        job = job_start(
            owner=request.user,
            kind="bibtex_import",
            title=form.job_title(),
            params={"member": member.pk if member else None, "dry_run": form.cleaned_data["dry_run"]},
            payload=form.cleaned_data["bibtex"],
            total=form.cleaned_data["entries"],
        )
        return redirect(job)


admin.site.unregister(Publication)
admin.site.register(Publication, JobPublicationAdmin)

use_background_import(spreadsheet_job_start)
