"""Tools that measure Labfolio, run by ``make bench`` and ``make loadtest``; the site never imports them.

Each is run as ``python -m tools.run_bench`` or ``python -m tools.run_loadtest`` with the site's settings.
"""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
django.setup()


def run(command_class):
    """Run a measuring command with the command line's arguments, as ``manage.py`` would."""
    import sys

    command_class().run_from_argv([sys.argv[0], command_class.__module__, *sys.argv[1:]])
