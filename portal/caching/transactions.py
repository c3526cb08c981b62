"""Work done once a transaction commits, on everything gathered while it ran."""

import threading
from functools import partial

from django.db import DEFAULT_DB_ALIAS, transaction

# Per thread (Django's connections are), per database: function -> the items gathered for it.
_local = threading.local()


def on_commit_once(function, items=(), using=None, robust=False):
    """Call `function(items)` once, when the current transaction commits, with the items of every
    call made for it during the transaction; outside a transaction, at once.

    An import saving thousands of rows then does the work once, not thousands of times: each call
    registers a light callback with Django, and the first to run takes everything gathered while
    the rest find nothing left. Registering on every call, rather than once, keeps the work alive
    when a savepoint that held the first registration is rolled back. Django tells nothing of
    rollbacks, so items gathered in a rolled-back savepoint are acted on with the rest, and those
    of a transaction rolled back whole are dropped at the next call outside a transaction, or
    else acted on with the next commit's: for cache renewal, a page rendered anew, never a stale one.
    """
    alias = using or DEFAULT_DB_ALIAS
    pending = _pending(alias)
    if not transaction.get_connection(alias).in_atomic_block:
        pending.clear()  # gathered in transactions rolled back whole: their callbacks never ran
        function(set(items))
        return
    pending.setdefault(function, set()).update(items)
    transaction.on_commit(partial(_run, alias, function), using=alias, robust=robust)


def _pending(alias):
    if not hasattr(_local, "pending"):
        _local.pending = {}
    return _local.pending.setdefault(alias, {})


def _run(alias, function):
    items = _pending(alias).pop(function, None)
    if items is not None:
        function(items)
