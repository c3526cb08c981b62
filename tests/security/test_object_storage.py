"""Uploads on S3-compatible object storage (django-storages), against moto's S3 server on 127.0.0.1."""

import socket

import pytest
from django.core.files.base import ContentFile

from researchers.models import Researcher
from tests.factories import image_upload, pdf_bytes

boto3 = pytest.importorskip("boto3")
moto_server = pytest.importorskip("moto.server")

BUCKET = "labfolio-media"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def s3(settings):
    """moto's S3 server in a thread, a bucket on it, and the site's media stored there."""
    port = free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1"
    )
    # moto keeps one store per process: the fixture empties the bucket when the test ends.
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "researchers.storage.MediaS3Storage",
            "OPTIONS": {"bucket_name": BUCKET, "location": "media", "endpoint_url": endpoint,
                        "access_key": "test", "secret_key": "test", "region_name": "us-east-1"},
        },
    }  # fmt: skip
    yield client
    for key in objects(client):
        client.delete_object(Bucket=BUCKET, Key=key)
    server.stop()


def objects(client):
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_a_cv_is_stored_in_the_bucket_as_a_pdf_download(s3, alice):
    alice.cv_file = ContentFile(pdf_bytes(), name="cv.html")
    alice.save()
    key = f"media/{alice.cv_file.name}"
    assert objects(s3) == [key]
    head = s3.head_object(Bucket=BUCKET, Key=key)
    assert head["ContentType"] == "application/pdf"
    assert head["ContentDisposition"].startswith("attachment")
    assert alice.cv_file.url.startswith("http://127.0.0.1:")


def test_a_photo_is_stored_as_the_image_it_is(s3, alice):
    alice.photo = image_upload()
    alice.save()
    head = s3.head_object(Bucket=BUCKET, Key=f"media/{alice.photo.name}")
    assert head["ContentType"] in {"image/jpeg", "image/png"}
    assert "ContentDisposition" not in head


def test_a_replaced_cv_is_removed_from_the_bucket(s3, alice, save_committed):
    save_committed(alice, cv_file=ContentFile(pdf_bytes(), name="a.pdf"))
    member = save_committed(Researcher.objects.get(pk=alice.pk), cv_file=ContentFile(pdf_bytes(2), name="b.pdf"))
    assert objects(s3) == [f"media/{member.cv_file.name}"]
