"""Failed sign-ins lock the address that guessed, not the account's owner; a forged address buys nothing."""

import pytest
from django.test import Client
from django.urls import reverse

PASSWORD = "correct horse battery staple"


@pytest.fixture
def owner(alice):
    alice.user.set_password(PASSWORD)
    alice.user.save()
    return alice.user


def guess(client, times, **headers):
    for _ in range(times):
        client.post(reverse("login"), {"username": "alice", "password": "wrong password"}, **headers)


def sign_in(client, **headers):
    return client.post(reverse("login"), {"username": "alice", "password": PASSWORD}, **headers)


def test_guesses_from_one_address_do_not_lock_the_owner_out_elsewhere(owner, settings):
    guess(Client(REMOTE_ADDR="203.0.113.9"), settings.AXES_FAILURE_LIMIT + 1)
    assert sign_in(Client(REMOTE_ADDR="203.0.113.9")).status_code == 429
    assert sign_in(Client(REMOTE_ADDR="198.51.100.7"))["Location"] == "/me/"


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_one_locked(owner, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    proxy = Client(REMOTE_ADDR="10.0.0.2")
    guess(proxy, settings.AXES_FAILURE_LIMIT + 1, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert sign_in(proxy, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 429
    assert sign_in(proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")["Location"] == "/me/"


@pytest.mark.parametrize(
    ("remote_addr", "forwarded_for"),
    [
        # Not a proxy: whatever it forwards is ignored.
        ("203.0.113.9", "192.0.2.{number}"),
        # The client wrote the left part itself; the trusted proxy appended the address it saw.
        ("10.0.0.2", "192.0.2.{number}, 203.0.113.9"),
    ],
    ids=["a forwarded address from anyone else is ignored", "only the hops the proxies added are believed"],
)
def test_a_new_forged_forwarded_address_for_each_guess_buys_nothing(owner, settings, remote_addr, forwarded_for):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    guesser = Client(REMOTE_ADDR=remote_addr)
    for number in range(settings.AXES_FAILURE_LIMIT + 1):
        guess(guesser, 1, HTTP_X_FORWARDED_FOR=forwarded_for.format(number=number))
    assert sign_in(guesser, HTTP_X_FORWARDED_FOR=forwarded_for.format(number=250)).status_code == 429
