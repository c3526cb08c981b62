"""Work gathered during a transaction runs once, on commit, with everything gathered."""

import pytest
from django.db import transaction

from portal.caching.transactions import on_commit_once

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def calls():
    return []


def test_calls_in_one_transaction_run_once_on_commit_with_every_item(calls):
    with transaction.atomic():
        for number in range(5):
            on_commit_once(calls.append, [number])
        assert calls == []
    assert calls == [{0, 1, 2, 3, 4}]


def test_a_call_outside_a_transaction_runs_at_once(calls):
    on_commit_once(calls.append, ["now"])
    assert calls == [{"now"}]


def test_a_transaction_rolled_back_whole_runs_nothing(calls):
    with pytest.raises(RuntimeError), transaction.atomic():
        on_commit_once(calls.append, ["lost"])
        raise RuntimeError
    assert calls == []


def test_work_gathered_after_a_rolled_back_savepoint_still_runs(calls):
    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            on_commit_once(calls.append, ["inner"])  # the first call, dropped with its savepoint
            raise RuntimeError
        on_commit_once(calls.append, ["outer"])
    assert len(calls) == 1 and "outer" in calls[0]


def test_two_functions_gather_apart(calls):
    other = []
    with transaction.atomic():
        on_commit_once(calls.append, ["a"])
        on_commit_once(other.append, ["b"])
    assert (calls, other) == ([{"a"}], [{"b"}])
