"""Saved answers of scholarly sources, read back as Payloads: the entry point of `import_works` and of tests.

A file is either an answer as the API sent it (JSON or XML), a recording of one
({url, status_code, body} with the body's UTF-8 bytes decoded as latin-1, as
arxiv.py keeps them), or an HTTP cassette (vcrpy or R's vcr YAML) holding several
requests and their answers. `replaying_transport` serves a cassette's answers to
an httpx client, so the live code path runs on them unchanged.
"""

import json
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import yaml

from .http import Payload


def read_recording(path):
    """[Payload] of a saved answer or cassette."""
    data = Path(path).read_bytes()
    if Path(path).suffix in {".yml", ".yaml"}:
        return _cassette(data)
    if data.lstrip()[:1] == b"{":
        try:
            recording = json.loads(data)
        except ValueError:
            recording = None
        if isinstance(recording, dict) and {"url", "status_code", "body"} <= recording.keys():
            return [
                Payload(
                    body=recording["body"].encode("latin-1"), status=int(recording["status_code"]), url=recording["url"]
                )
            ]
    return [Payload(body=data)]


def _cassette(data):
    cassette = yaml.safe_load(data) or {}
    payloads = []
    for interaction in cassette.get("http_interactions") or cassette.get("interactions") or []:
        request, response = interaction["request"], interaction["response"]
        status = response.get("status")
        if isinstance(status, dict):
            status = status.get("status_code") or status.get("code")
        body = response.get("body") or {}
        text = body.get("string", "") if isinstance(body, dict) else body
        payloads.append(
            Payload(
                body=text.encode("utf-8") if isinstance(text, str) else bytes(text or b""),
                status=int(status or 200),
                url=request.get("uri", ""),
                headers={key.lower(): value for key, value in (response.get("headers") or {}).items()},
            )
        )
    return payloads


def replaying_transport(payloads, *, seen=None):
    """An httpx transport answering each request with the recorded answer of the same path (and, when several
    share it, the same query); 404 for anything not recorded. `seen` collects the requests, for tests."""

    def answer(request):
        if seen is not None:
            seen.append(request)
        same_path = [payload for payload in payloads if urlsplit(payload.url).path == request.url.path]
        query = str(request.url.params)
        chosen = next(
            (payload for payload in same_path if str(httpx.URL(payload.url).params) == query),
            same_path[0] if same_path else None,
        )
        if chosen is None:
            return httpx.Response(404, json={"error": "not recorded"})
        headers = {"content-type": chosen.headers.get("content-type", "application/json")}
        return httpx.Response(chosen.status, content=chosen.body, headers=headers)

    return httpx.MockTransport(answer)
