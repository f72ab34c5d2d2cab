from urllib.parse import parse_qs, urlsplit

from django.core.files.base import ContentFile
from storages.backends.s3 import S3Storage

from accounts.models import DataExport
from careeragent.storage import delete_prefix, download_response


def test_local_files_stream_as_private_attachments(owner):
    export = DataExport.objects.create(user=owner)
    export.file.save("users/x/exports/a.json", ContentFile(b"{}"), save=True)
    response = download_response(export.file, "my data.json", content_type="application/json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == b"{}"


def test_s3_downloads_redirect_to_a_short_lived_signed_url(owner):
    storage = S3Storage(
        bucket_name="bucket",
        endpoint_url="https://minio.example:9000",
        access_key="ak",
        secret_key="sk",
        region_name="us-east-1",
        querystring_expire=300,
        addressing_style="path",
        signature_version="s3v4",
    )
    export = DataExport(user=owner)
    export.file.storage = storage
    export.file.name = "users/1/exports/2/data.json"
    response = download_response(export.file, "data.json", content_type="application/json")
    assert response.status_code == 302
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["X-Amz-Expires"] == ["300"]
    assert "attachment" in query["response-content-disposition"][0]
    assert "X-Amz-Signature" in query


def test_delete_prefix_removes_only_that_users_files(owner, stranger):
    from django.core.files.storage import default_storage

    mine = default_storage.save(f"users/{owner.id}/resumes/1/original.pdf", ContentFile(b"a"))
    also_mine = default_storage.save(f"users/{owner.id}/exports/2/x.json", ContentFile(b"b"))
    theirs = default_storage.save(f"users/{stranger.id}/resumes/3/original.pdf", ContentFile(b"c"))
    assert delete_prefix(f"users/{owner.id}/") == 2
    assert not default_storage.exists(mine) and not default_storage.exists(also_mine)
    assert default_storage.exists(theirs)
