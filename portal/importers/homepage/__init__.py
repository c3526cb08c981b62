"""Reading an existing academic homepage (al-folio, academicpages, AcadHomepage) into Labfolio records.

`services.homepage_import` is the entry point; the modules here read and map,
and only `services` writes.
"""
