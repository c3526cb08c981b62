"""The admin's large spreadsheet imports as two jobs: a preview (a dry run), then the import once confirmed.

The sheet stays in django-import-export's temporary storage between the two, as it does between its
own preview and confirm pages; the import removes it once the rows are written.
"""

from types import SimpleNamespace

from django.apps import apps
from django.contrib import admin
from django.db import transaction
from django.shortcuts import redirect
from import_export.signals import post_import

SHOWN_ROWS = 1000  # the preview lists this many rows, then counts the rest; rows with errors are always listed


def spreadsheet_job_start(model_admin, request, sheet):
    """Queue the preview of a stored sheet (researchers.common.spreadsheet_admin's hook); answers with its page."""
    from .services import job_start

    opts = model_admin.model._meta
    job = job_start(
        owner=request.user,
        kind="spreadsheet_preview",
        title=f"Preview of {sheet.file_name} ({sheet.rows:,} rows) into {opts.verbose_name_plural}",
        params={
            "model": opts.label_lower,
            "storage": sheet.storage_name,
            "format": sheet.format,
            "resource": sheet.resource,
            "file_name": sheet.file_name,
        },
        total=sheet.rows,
    )
    return redirect(job)


@transaction.atomic
def spreadsheet_confirm_start(*, preview, by):
    """Queue the import of a previewed sheet, for whoever confirmed it; None when it was confirmed already.

    The preview is locked while it is read and marked, so two confirms at once start one import."""
    from .models import Job
    from .services import job_start

    preview = Job.objects.select_for_update().get(pk=preview.pk)
    if preview.report.get("import_job"):
        return None
    job = job_start(
        owner=by,
        kind="spreadsheet_import",
        title=preview.title.replace("Preview of", "Import of", 1),
        params=preview.params,
        total=preview.total,
    )
    preview.report = {**preview.report, "import_job": job.pk}
    preview.save(update_fields=["report"])
    return job


def model_admin_of(params):
    return admin.site.get_model_admin(apps.get_model(params["model"]))


def spreadsheet_run(job, progress, *, dry_run):
    """Run the stored sheet through its resource's import_data; the report is what the preview page shows."""
    model_admin = model_admin_of(job.params)
    input_format = model_admin.get_import_formats()[job.params["format"]](encoding=model_admin.from_encoding)
    storage = model_admin.get_tmp_storage_class()(
        name=job.params["storage"],
        encoding=None if input_format.is_binary() else model_admin.from_encoding,
        read_mode=input_format.get_read_mode(),
        **model_admin.get_tmp_storage_class_kwargs(),
    )
    dataset = input_format.create_dataset(storage.read())
    resource = model_admin.get_import_resource_classes(None)[job.params["resource"]](
        **model_admin.get_import_resource_kwargs(None)
    )
    total = len(dataset)
    outcomes = {}  # row number → its RowResult
    import_row = resource.import_row

    def counted_import_row(row, instance_loader, **kwargs):
        # Outside import_row's own error handling, so a cancel stops the import instead of failing one row.
        progress(kwargs["row_number"] - 1, total)
        outcome = import_row(row, instance_loader, **kwargs)
        outcomes[kwargs["row_number"]] = outcome
        return outcome

    resource.import_row = counted_import_row
    result = resource.import_data(
        dataset,
        dry_run=dry_run,
        raise_errors=False,
        use_transactions=True,
        rollback_on_validation_errors=True,
        retain_instance_in_row_result=not dry_run,
        file_name=job.params["file_name"],
        user=job.owner,
    )
    progress(total, total)
    failed = result.has_errors() or result.has_validation_errors()
    if not dry_run and not failed:
        user_request = SimpleNamespace(user=job.owner)
        model_admin.generate_log_entries(result, user_request)
        post_import.send(sender=None, model=model_admin.model)
        storage.remove()
    return result_report(resource, dataset, result, outcomes, dry_run=dry_run, failed=failed)


def result_report(resource, dataset, result, outcomes, *, dry_run, failed):
    """django-import-export's result as JSON: totals, each row's action and values, errors by row and column."""
    columns = {field.attribute: field.column_name for field in resource.get_import_fields() if field.attribute}
    errors = [{"row": None, "column": "", "message": str(error.error)} for error in result.base_errors]
    for number, row_errors in result.row_errors():
        errors += [{"row": number, "column": "", "message": str(error.error)} for error in row_errors]
    for invalid in result.invalid_rows:
        for field, messages in invalid.error_dict.items():
            column = columns.get(field, "" if field == "__all__" else field)
            errors += [{"row": invalid.number, "column": column, "message": message} for message in messages]
    errors.sort(key=lambda error: error["row"] or 0)
    wrong = {error["row"] for error in errors}
    rows = []
    for number, values in enumerate(dataset, 1):
        if number <= SHOWN_ROWS or number in wrong:
            outcome = outcomes.get(number)
            action = outcome.import_type if outcome is not None else ""
            rows.append({"number": number, "action": action, "values": ["" if v is None else str(v) for v in values]})
    return {
        "dry_run": dry_run,
        "failed": failed,
        "totals": {action: count for action, count in result.totals.items() if count},
        "headers": list(dataset.headers or []),
        "rows": rows,
        "more_rows": len(dataset) - len(rows),
        "errors": errors,
    }
