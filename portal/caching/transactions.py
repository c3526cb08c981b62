"""Work done once a transaction commits, on everything gathered while it ran."""

from django.db import transaction


def on_commit_once(function, items=(), using=None, robust=False):
    """Call `function(items)` once, when the current transaction commits, with the items of every
    call made for it during the transaction; outside a transaction, at once.

    An import saving thousands of rows then does the work once, not thousands of times. Django
    drops the callbacks of a rolled-back transaction, so nothing gathered there is acted on.
    """
    connection = transaction.get_connection(using)
    for _, callback, _ in connection.run_on_commit:
        if isinstance(callback, _Gathered) and callback.function is function:
            callback.items.update(items)
            return
    transaction.on_commit(_Gathered(function, items), using=using, robust=robust)


class _Gathered:
    """The on-commit callback for one function in one transaction, holding what was gathered for it."""

    def __init__(self, function, items):
        self.function = function
        self.items = set(items)

    def __call__(self):
        self.function(self.items)
