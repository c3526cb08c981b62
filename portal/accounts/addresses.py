"""The address a request came from, for django-axes' sign-in throttling.

Behind a reverse proxy every request arrives from the proxy's address, so throttling on it would
lock everyone out together; yet ``X-Forwarded-For`` is written by whoever sends the request, so
trusting it from anyone would let an attacker pick a fresh address for every guess. The header is
read only when the request comes from one of ``TRUSTED_PROXIES``, and then from its right end:
the first address that is not a trusted proxy is the client (what precedes it, the client could
have written).
"""

import ipaddress

from django.conf import settings


def _address(text):
    try:
        return ipaddress.ip_address(text.strip().split("%")[0])
    except ValueError:
        return None


def _trusted(address):
    return address is not None and any(address in network for network in trusted_networks())


def trusted_networks():
    return [ipaddress.ip_network(entry, strict=False) for entry in settings.TRUSTED_PROXIES]


def client_address(request):
    """The client's address: REMOTE_ADDR, or the nearest untrusted hop of X-Forwarded-For via a trusted proxy."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not _trusted(_address(remote)):
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            return remote  # a hop we cannot read: do not guess past it
        if not _trusted(address):
            return str(address)
    return remote
